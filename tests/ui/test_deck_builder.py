"""The deck builder through the screens: make a deck, play it, import and export."""

from pathlib import Path

from textual.widgets import Input, TextArea

from spark_game.core.decks.file import read_deck_file
from spark_game.core.play import fill_names
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.decks.card_form import CardFormScreen
from spark_game.ui.screens.decks.deck_editor import DeckEditorScreen
from spark_game.ui.screens.dialogs import ConfirmScreen, TextPromptScreen
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import GOOD, visible_text, wait_for, wait_for_screen

SIZE = (100, 32)
OUR_CARDS = [
    "Tell {partner} about the goat at our first picnic.",
    "Hum the song from our road trip until {partner} guesses it.",
    "Describe our balcony in the rain, the first spring we lived there.",
]


async def wait_for_decks(pilot) -> None:
    """Until the Decks screen is up with its table."""
    await wait_for(
        pilot, lambda: type(pilot.app.screen).__name__ == "DecksScreen" and pilot.app.screen.query("#decks-table")
    )


async def new_deck(pilot, name: str) -> None:
    """From Home to a new, empty deck in the editor."""
    await pilot.press("d")
    await wait_for_decks(pilot)
    await pilot.press("n")
    await wait_for_screen(pilot, TextPromptScreen)
    await pilot.press(*name, "enter")
    await wait_for_screen(pilot, DeckEditorScreen)


async def add_card(pilot, app, text: str) -> None:
    await pilot.press("a")
    await wait_for_screen(pilot, CardFormScreen)
    app.screen.query_one("#card-text", TextArea).insert(text)
    await wait_for(pilot, lambda: not app.screen.query_one("#card-save").disabled)
    assert fill_names(text, "You", "Your partner") in visible_text(pilot)  # the preview, as in play
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, DeckEditorScreen)


async def test_make_a_three_card_deck_see_it_in_new_round_and_play_it(isolated_home):
    home = Home(isolated_home)
    app = SparkApp(home, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await new_deck(pilot, "../../Our Story")
        for text in OUR_CARDS:
            await add_card(pilot, app, text)
        assert "3 cards (3 gentle, 0 warm, 0 bold)" in visible_text(pilot)
        await pilot.press("ctrl+s")
        saved = home.decks_dir / "our-story.toml"
        await wait_for(pilot, lambda: saved.exists())
        deck, problems = read_deck_file(saved)
        assert problems == [] and deck.name == "../../Our Story" and len(deck.cards) == 3
        await pilot.press("escape")
        await wait_for_decks(pilot)
        app.action_new_round()
        await wait_for(pilot, lambda: isinstance(app.screen, NewRoundScreen) and app.screen.query("#setup-decks"))
        assert "our-story" in app.screen.deck_ids()
        app.screen.query_one("#setup-decks").deselect_all()
        app.screen.query_one("#setup-decks").select("our-story")
        await pilot.press(*"Ana", "enter", *"Bo")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, PlayScreen)
        seen = set()
        for _ in range(3):
            await pilot.press("1")
            game = app.screen.game
            shown = game.personalise(game.card.text)
            assert shown in visible_text(pilot)
            seen.add(game.card.text)
            await pilot.press("enter", "3")
        assert seen == set(OUR_CARDS)


async def test_the_card_form_checks_live_by_the_loaders_rules(isolated_home):
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await wait_for_decks(pilot)
        await pilot.press("n", *"Mine", "enter")
        await wait_for_screen(pilot, DeckEditorScreen)
        await pilot.press("a")
        await wait_for_screen(pilot, CardFormScreen)
        assert "text: must not be empty" in visible_text(pilot)
        assert app.screen.query_one("#card-save").disabled
        app.screen.query_one("#card-text", TextArea).insert("Fine words.")
        app.screen.query_one("#card-seconds", Input).value = "2"
        await wait_for(pilot, lambda: "seconds: must be 5 to 3600, not 2" in visible_text(pilot))
        app.screen.query_one("#card-tags", Input).value = "ok, Not A Tag!"
        await wait_for(pilot, lambda: "tags[1]" in visible_text(pilot))
        assert app.screen.query_one("#card-save").disabled


async def test_editing_deleting_undo_and_reordering(isolated_home):
    home = Home(isolated_home)
    home.ensure()
    (home.decks_dir / "tiny.toml").write_text("# my notes\n" + GOOD)
    app = SparkApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await wait_for_decks(pilot)
        table = app.screen.query_one("#decks-table")
        table.move_cursor(row=[str(table.get_row_at(i)[0]) for i in range(table.row_count)].index("Tiny"))
        await pilot.press("e")
        await wait_for_screen(pilot, DeckEditorScreen)
        editor = app.screen
        assert [c.id for c in editor.cards] == ["first", "second"]
        await pilot.press("J")  # move the first card down
        assert [c.id for c in editor.cards] == ["second", "first"]
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: len(editor.cards) == 1)
        await pilot.press("u")
        assert [c.id for c in editor.cards] == ["second", "first"]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.dirty)
        deck, _ = read_deck_file(home.decks_dir / "tiny.toml")
        assert [c.id for c in deck.cards] == ["second", "first"]
        assert (home.decks_dir / "tiny.toml.bak").read_text().startswith("# my notes")


async def test_exporting_over_a_file_asks_first_and_importing_a_broken_deck_writes_nothing(isolated_home, tmp_path):
    home = Home(isolated_home)
    target = tmp_path / "out.toml"
    target.write_text("keep me")
    broken = tmp_path / "broken.toml"
    broken.write_text(GOOD.replace("level = 1", "level = 9"))
    app = SparkApp(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("d")
        await wait_for_decks(pilot)
        await pilot.press("x")
        await wait_for_screen(pilot, TextPromptScreen)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for_screen(pilot, ConfirmScreen)
        assert "already exists" in visible_text(pilot)
        await pilot.press("n")
        assert target.read_text() == "keep me"
        await pilot.press("i")
        await wait_for_screen(pilot, TextPromptScreen)
        app.screen.query_one(Input).value = str(broken)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "broken.toml:12:1" in visible_text(pilot))  # in the panel, until dismissed
        assert not home.decks_dir.exists() or list(Path(home.decks_dir).iterdir()) == []


async def test_a_wishes_card_made_in_the_form_is_saved_in_format_2_with_its_choices(isolated_home):
    from textual.widgets import Select

    home = Home(isolated_home)
    app = SparkApp(home, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await new_deck(pilot, "Menu")
        await pilot.press("a")
        await wait_for_screen(pilot, CardFormScreen)
        form = app.screen
        assert not form.query_one("#card-hands").display  # a question has no choices
        form.query_one("#card-text", TextArea).insert("Tonight's ideas: mark each yes, maybe or no.")
        form.query_one("#card-kind", Select).value = "wishes"
        await wait_for(pilot, lambda: "a wishes card lists the things to try" in visible_text(pilot))
        assert form.query_one("#card-hands").display and form.query_one("#card-save").disabled
        form.query_one("#card-options", TextArea).insert("a long walk\na bath\n\na slow dance")
        await wait_for(pilot, lambda: not form.query_one("#card-save").disabled)
        assert "· a slow dance" in visible_text(pilot) and "each on your own phone" in visible_text(pilot)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, DeckEditorScreen)
        await pilot.press("ctrl+s")
        saved = home.decks_dir / "menu.toml"
        await wait_for(pilot, lambda: saved.exists())
        assert saved.read_text().startswith("format = 2")
        deck, problems = read_deck_file(saved)
        assert problems == [] and deck.cards[0].options == ("a long walk", "a bath", "a slow dance")
