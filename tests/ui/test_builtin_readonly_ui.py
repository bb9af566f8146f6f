"""Built-in decks are never changed by the game, in portable mode too: read-only, and one key from a copy."""

from __future__ import annotations

from spark_game.core.decks.library import BUILT_IN, YOURS, load_library
from spark_game.paths import Home, built_in_decks_dir
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.decks.deck_editor import DeckEditorScreen

from ..toolkit import visible_text, wait_for, wait_for_screen

SIZE = (100, 32)


async def test_a_built_in_deck_opens_read_only_and_saving_it_is_impossible(isolated_home):
    path = built_in_decks_dir() / "conversation.toml"
    before = path.read_bytes()
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await wait_for(
            pilot, lambda: type(app.screen).__name__ == "DecksScreen" and bool(app.screen.query("#decks-table"))
        )
        table = app.screen.query_one("#decks-table")
        table.move_cursor(row=table.get_row_index("conversation"))
        await pilot.press("e")
        await wait_for_screen(pilot, DeckEditorScreen)
        assert app.screen.read_only and "read-only: press c to duplicate" in visible_text(pilot)
        assert "unsaved" not in visible_text(pilot)
        for key in ("ctrl+s", "a", "d"):
            await pilot.press(key)
            assert isinstance(app.screen, DeckEditorScreen) and app.screen.read_only
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, DeckEditorScreen) and not app.screen.read_only)
        assert app.screen.deck.name == "Conversation (ours)"
    assert path.read_bytes() == before


def test_in_portable_mode_only_the_shipped_files_are_built_in(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "conversation.toml").write_bytes((built_in_decks_dir() / "conversation.toml").read_bytes())
    ours = (built_in_decks_dir() / "novelty.toml").read_text().replace('id = "novelty"', 'id = "our-novelty"', 1)
    (folder / "ours.toml").write_text(ours)
    library = load_library([(folder, BUILT_IN), (folder, YOURS)])  # a checkout: one folder, both roles
    sources = {loaded.deck.id: loaded.source for loaded in library.decks}
    assert sources == {"conversation": BUILT_IN, "our-novelty": YOURS}
