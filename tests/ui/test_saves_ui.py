"""Saves through the screens: continue where you left off, the Saved games list, Our story."""

from datetime import datetime

from spark_game.cli import main
from spark_game.core.files.atomic import backup_path
from spark_game.core.play import Settings
from spark_game.core.saves import list_saves, save_document, summarise, write_save
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.home import HomeScreen
from spark_game.ui.screens.round import saved_games
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import play_turns, simple_round, take_turns, visible_text, wait_for, wait_for_screen

SIZE = (100, 32)
NOW = datetime(2026, 11, 27, 20, 0)  # a Friday


def make_app(home_dir, **kwargs) -> SparkApp:
    return SparkApp(Home(home_dir), clock=lambda: NOW, **kwargs)


async def test_play_five_turns_quit_and_continue_in_a_new_app(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("conversation", "novelty"), seed=8))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await play_turns(pilot, 5)
        await pilot.press("s")
        before = visible_text(pilot)
        card_text = app.screen.game.card.text
        await pilot.press("q")
        await wait_for_screen(pilot, HomeScreen)
        assert "Continue: Ana & Bo, turn 6" in visible_text(pilot)
        await pilot.press("q")
    assert "Turn 6 of 12 · Bo's turn" in before

    again = make_app(isolated_home)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert "Welcome back, Ana and Bo." in visible_text(pilot)
        assert "Tonight's your night." in visible_text(pilot)
        await pilot.press("c")
        await wait_for_screen(pilot, PlayScreen)
        after = visible_text(pilot)
        assert again.screen.game.card.text == card_text
        for line in before.splitlines()[:4]:
            assert line in after


async def test_new_round_remembers_the_names(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Robin", "Sam"), ("conversation",), seed=1))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await play_turns(pilot, 1)
        await pilot.press("q")
        await pilot.press("q")
    again = make_app(isolated_home)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, "ConfirmScreen")  # the unfinished round first: continue it?
        assert "still at turn 2" in visible_text(pilot)
        await pilot.press("n")  # start a new one
        await wait_for_screen(pilot, NewRoundScreen)
        assert again.screen.names() == ("Robin", "Sam")


async def test_saved_games_lists_renames_deletes_and_restores(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("playfulness",), seed=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await play_turns(pilot, 2)
        await pilot.press("q")
        app.session.saver.flush()
        [entry] = list_saves(Home(isolated_home).saves_dir)
        await pilot.press("down", "down", "enter")  # Continue, New round, Saved games
        await wait_for_screen(pilot, "SavedGamesScreen")
        table = app.screen.query_one("#saves-table")
        assert "Ana & Bo" in str(table.get_row_at(0)[0]) and str(table.get_row_at(0)[4]) == "unfinished"
        await pilot.press("r")
        await pilot.press(*"\b" * 20)
        await pilot.press("ctrl+a", "ctrl+k", *"Our Friday", "enter")
        await wait_for(pilot, lambda: str(app.screen.query_one("#saves-table").get_row_at(0)[0]) == "Our Friday")
        # Damage the file: it is listed as damaged with its reason, and its backup can be restored.
        entry.path.write_bytes(entry.path.read_bytes()[:200])
        app.screen.reload()
        assert "damaged" in str(app.screen.query_one("#saves-table").get_row_at(0)[4])
        assert "checksum" in visible_text(pilot)
        assert backup_path(entry.path).exists()
        await pilot.press("b")
        await wait_for(pilot, lambda: "unfinished" in str(app.screen.query_one("#saves-table").get_row_at(0)[4]))
        await pilot.press("d")
        assert "Delete “" in visible_text(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen.query_one("#saves-table").row_count == 0)
        assert not entry.path.exists()


async def test_our_story_shows_the_round_and_the_ritual_day_can_change(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("conversation",), turns=2, seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await play_turns(pilot, 2)
        await pilot.press("enter")  # the closing card
        await wait_for_screen(pilot, "SummaryScreen")
        app.action_our_story()
        await wait_for(pilot, lambda: "Weekly streak" in visible_text(pilot))
        text = visible_text(pilot)
        assert "Weekly streak: 1 (best 1). Tonight's your night." in text
        assert "1 round, 2 cards done together, 0 plans kept." in text  # plurals as people say them
        assert "✓ Your first round" in text and "♥" in text
        assert str(app.screen.query_one("#story-heatmap").content).endswith("░")
        app.screen.query_one("#story-ritual-day").value = 5
        await wait_for(pilot, lambda: "Saturday is tomorrow." in visible_text(pilot))
    app.session.saver.flush()
    assert make_app(isolated_home).history.ritual_day == 5


def test_the_shell_lists_saves_and_prints_the_story(isolated_home, capsys):
    assert main(["saves", "list"]) == 0
    assert "none yet" in capsys.readouterr().out
    assert main(["resume"]) == 2
    assert main(["stats"]) == 0
    assert "Weekly streak: 0" in capsys.readouterr().out


async def test_saved_games_shows_a_long_list_a_page_at_a_time_and_more_as_you_go_down(isolated_home, monkeypatch):
    monkeypatch.setattr(saved_games, "PAGE", 10)
    monkeypatch.setattr(saved_games, "MORE_WHEN_WITHIN", 2)
    home = Home(isolated_home)
    home.ensure()
    game = simple_round()
    take_turns(game, 1)
    for index in range(25):
        played = datetime(2026, 11, 1 + index, 20, 0)
        path = home.saves_dir / f"ana-and-bo-{index:08x}.toml"
        write_save(path, save_document(game, summarise(game, f"{index:08x}", played, played, name=f"Round {index}")))
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        app.action_saved_games()
        await wait_for(pilot, lambda: bool(app.screen.query("#saves-table")))
        table = app.screen.query_one("#saves-table")
        assert table.row_count == 10 and "the newest 10 of 25" in visible_text(pilot)
        assert str(table.get_row_at(0)[0]) == "Round 24"
        await pilot.press(*["down"] * 8)
        await wait_for(pilot, lambda: table.row_count == 20)
        await pilot.press(*["down"] * 10)
        await wait_for(pilot, lambda: table.row_count == 25)
        assert "the newest" not in visible_text(pilot) and str(table.get_row_at(24)[0]) == "Round 0"
