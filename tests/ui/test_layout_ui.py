"""Screens a couple can read at 80x24: New round whole, help by keys to its last line, ticks without colour."""

from __future__ import annotations

from spark_game.core.play import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.help import HelpScreen
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import visible_text, wait_for, wait_for_screen

SMALL = (80, 24)


async def test_new_round_shows_every_choice_and_start_without_scrolling(isolated_home):
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewRoundScreen)
        await pilot.pause()
        screen = app.screen
        for selector in (
            "#player-1",
            "#player-2",
            "#setup-decks",
            "#setup-ceiling",
            "#setup-length",
            "#setup-mode",
            "#setup-start",
        ):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.bottom <= SMALL[1] - 1, selector  # above the footer
        decks = screen.query_one("#setup-decks")
        assert "✓" in decks.render_line(0).text  # ticked reads as a check mark, not a colour
        decks.focus()
        await pilot.press("n")  # none
        assert screen.deck_ids() == [] and "✓" not in decks.render_line(0).text
        await pilot.press("a")  # all
        assert screen.deck_ids()
        await pilot.press("ctrl+s")  # no names yet: the problem is beside the names, and the focus goes there
        assert "→ Write both of your names." in visible_text(pilot)
        assert app.focused is screen.query_one("#player-1")


async def test_help_reaches_its_last_line_by_keys_from_home_and_from_play(isolated_home):
    app = SparkApp(Home(isolated_home), quick_start=Settings(("Ana", "Bo"), ("conversation",), seed=2))
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s")
        card = app.screen.game.card
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert "Keys on Play" in visible_text(pilot) or body.max_scroll_y > 0
        for _ in range(60):
            await pilot.press("pagedown")
        await wait_for(pilot, lambda: body.scroll_y >= body.max_scroll_y > 0)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayScreen)
        assert app.screen.game.card == card  # the card comes back unchanged


async def test_help_from_home_reaches_its_last_line_by_keys(isolated_home):
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        body = app.screen.query_one("#help-body")
        await pilot.press("end")
        await wait_for(pilot, lambda: body.scroll_y >= body.max_scroll_y > 0)
        assert "Many offer sessions by video too." in app.screen.query_one("#help-text").source
