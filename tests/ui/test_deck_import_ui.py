"""Import from the Decks screen: a text file, a CSV and a JSON list become decks in New round; problems stay put."""

import json
from pathlib import Path

from textual.widgets import Input, SelectionList

from spark_game.core.decks.file import read_deck_file
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.decks.import_prompt import ImportPromptScreen
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.widgets.import_problems import ImportProblems
from spark_game.ui.widgets.path_input import complete_path

from ..toolkit import toasts, visible_text, wait_for, wait_for_screen

SIZE = (80, 24)
QUESTIONS = [f"Question {n}: what do you love about {{partner}}?" for n in range(1, 11)]


async def open_decks(pilot) -> None:
    await pilot.press("d")
    await wait_for(
        pilot, lambda: type(pilot.app.screen).__name__ == "DecksScreen" and pilot.app.screen.query("#decks-table")
    )


async def import_path(pilot, path: Path) -> None:
    """i, the path typed into the prompt, Enter."""
    await pilot.press("i")
    await wait_for_screen(pilot, ImportPromptScreen)
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "DecksScreen")


def panel(pilot) -> ImportProblems:
    return pilot.app.screen.query_one(ImportProblems)


async def test_a_text_file_a_csv_and_a_json_list_become_decks_in_new_round(isolated_home, tmp_path):
    home = Home(isolated_home)
    sources = {
        "ten-questions": tmp_path / "ten questions.txt",
        "spreadsheet": tmp_path / "spreadsheet.csv",
        "from-an-app": tmp_path / "from_an_app.json",
    }
    sources["ten-questions"].write_text("# Friday\n" + "\n".join(QUESTIONS) + "\n")
    sources["spreadsheet"].write_text('text,level,tags\n"Slow dance, no music",2,touch\nA secret you kept?,bold,\n')
    sources["from-an-app"].write_text(json.dumps(["First?", {"text": "Second", "kind": "challenge", "seconds": 30}]))
    app = SparkApp(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_decks(pilot)
        for deck_id, source in sources.items():
            await import_path(pilot, source)
            await wait_for(pilot, lambda deck_id=deck_id: deck_id in app.library.by_id())
            deck, problems = read_deck_file(home.decks_dir / f"{deck_id}.toml")
            assert problems == [] and deck == app.library.by_id()[deck_id]
            assert not panel(pilot).display
        assert len(app.library.by_id()["ten-questions"].cards) == 10
        assert any("Imported 10 cards from ten questions.txt" in toast for toast in toasts(pilot))
        assert "Ten questions" in str(app.screen.query_one("#decks-table").get_row("ten-questions")[0])

        await pilot.press("escape", "n")
        await wait_for_screen(pilot, NewRoundScreen)
        choices = app.screen.query_one("#setup-decks", SelectionList)
        offered = [choices.get_option_at_index(index).value for index in range(choices.option_count)]
        assert set(sources) <= set(offered)


async def test_a_broken_csv_shows_every_problem_in_a_panel_until_dismissed(isolated_home, tmp_path):
    home = Home(isolated_home)
    broken = tmp_path / "our list.csv"
    broken.write_text("text,level,kind\nFine,1,question\nToo far,7,question\nA dare,2,dare\n{partnr}?,1,\n")
    app = SparkApp(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_decks(pilot)
        await import_path(pilot, broken)
        await wait_for(pilot, lambda: panel(pilot).display)
        shown = visible_text(pilot)
        assert "Nothing was imported from our list.csv" in shown
        assert "line 3: level must be 1 (gentle), 2 (warm) or 3 (bold); you wrote 7" in shown
        assert "line 4: kind must be question, challenge, activity or wild; you wrote dare" in shown
        assert "line 5: {partnr} is not a name Spark fills in" in shown  # as written, never as markup
        assert not toasts(pilot) and (not home.decks_dir.exists() or not list(home.decks_dir.iterdir()))
        assert panel(pilot).region.bottom <= SIZE[1] - 1  # above the footer, on screen

        await pilot.press("down", "up", "tab", "shift+tab")  # keys go on; the panel stays
        await pilot.pause(0.3)
        assert panel(pilot).display

        broken.write_text("text,level,kind\nFine,1,question\nToo far,3,question\nA dare,2,challenge\n")
        app.screen.query_one("#import-again").press()  # fixed in an editor, then Try again
        await wait_for(pilot, lambda: "our-list" in app.library.by_id())
        assert not panel(pilot).display
        assert read_deck_file(home.decks_dir / "our-list.toml")[1] == []

        await import_path(pilot, tmp_path / "missing.txt")
        await wait_for(pilot, lambda: panel(pilot).display)
        assert "missing.txt: cannot be read" in visible_text(pilot)
        await pilot.press("escape")  # the panel has the focus: Esc closes it and stays on Decks
        await wait_for(pilot, lambda: not panel(pilot).display)
        assert type(app.screen).__name__ == "DecksScreen"


async def test_the_path_field_completes_from_the_disk(isolated_home, tmp_path):
    (tmp_path / "questions for friday.txt").write_text("One?\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    assert complete_path(f"{tmp_path}/qu", (".txt",)) == f"{tmp_path}/questions for friday.txt"
    assert complete_path(f"{tmp_path}/no", (".txt",)) == f"{tmp_path}/notes/"
    assert complete_path(f"{tmp_path}/ph", (".txt",)) is None  # not a file Spark reads
    assert complete_path(f"{tmp_path}/nothing-here", ()) is None
    assert complete_path("~") == "~/"

    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await open_decks(pilot)
        await pilot.press("i")
        await wait_for_screen(pilot, ImportPromptScreen)
        field = app.screen.query_one(Input)
        assert field.value.endswith("/")  # starts in the folder Spark was started from
        field.value = ""
        await pilot.press(*f"{tmp_path}/qu")
        await wait_for(pilot, lambda: field._suggestion.endswith("friday.txt"))
        await pilot.press("tab")
        assert field.value == f"{tmp_path}/questions for friday.txt"
        assert "a text list. Enter imports it" in visible_text(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "questions-for-friday" in app.library.by_id())


async def test_import_in_a_tiny_terminal(isolated_home, tmp_path):
    broken = tmp_path / "b.json"
    broken.write_text(json.dumps([{"text": f"Card {n}", "level": 9} for n in range(30)], indent=1))
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=(50, 15)) as pilot:
        await open_decks(pilot)
        await import_path(pilot, broken)
        await wait_for(pilot, lambda: panel(pilot).display)
        assert "and 10 more problems" in visible_text(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not panel(pilot).display)
        assert app.is_running


def refuse_writes(monkeypatch) -> None:
    """A home on a read-only disk: every write and folder made in it says EROFS (root ignores chmod)."""
    import errno

    from spark_game.core.decks import importer, writer

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(writer, "atomic_write", read_only)
    monkeypatch.setattr(importer, "private_folder", read_only)


async def test_importing_into_a_home_that_cannot_be_written_says_so_and_keeps_playing(
    isolated_home, tmp_path, monkeypatch
):
    home = Home(isolated_home)
    source = tmp_path / "ten questions.txt"
    source.write_text("\n".join(QUESTIONS) + "\n")
    app = SparkApp(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_decks(pilot)
        refuse_writes(monkeypatch)
        await import_path(pilot, source)
        await wait_for(pilot, lambda: panel(pilot).display)
        shown = visible_text(panel(pilot))
        assert "can't be written (Read-only file system)" in shown and str(home.decks_dir) in shown
        assert "ten-questions" not in app.library.by_id() and not list(home.decks_dir.glob("*.toml"))
        await pilot.press("escape")
        assert type(app.screen).__name__ in ("DecksScreen", "HomeScreen")


async def test_a_new_deck_in_a_home_that_cannot_be_written_says_so(isolated_home, monkeypatch):
    home = Home(isolated_home)
    app = SparkApp(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_decks(pilot)

        def read_only(self):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(Home, "ensure", read_only)
        app.screen.open_editor(app.library.by_id()["conversation"], is_new=True)
        await pilot.pause()
        assert type(app.screen).__name__ == "DecksScreen"
        assert any("can't be written (Permission denied)" in toast for toast in toasts(app))


async def test_a_million_line_list_is_refused_at_once_with_one_line(isolated_home, tmp_path):
    source = tmp_path / "everything.txt"
    source.write_text("".join(f"q{number}\n" for number in range(1_000_000)))
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_decks(pilot)
        await import_path(pilot, source)
        await wait_for(pilot, lambda: panel(pilot).display)
        assert "more than 10,000 cards, the most a deck may have" in visible_text(panel(pilot))
