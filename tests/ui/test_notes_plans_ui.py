"""Notes and plans through the screens: typed on a card, read on the summary and in the journal, kept on Home."""

from __future__ import annotations

from datetime import datetime

from spark_game.core.play import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.dialogs import ChoiceScreen, TextPromptScreen
from spark_game.ui.screens.home import HomeScreen
from spark_game.ui.screens.round.journal import JournalScreen
from spark_game.ui.screens.round.plan import PlanScreen
from spark_game.ui.screens.round.play import PlayScreen
from spark_game.ui.screens.round.summary import SummaryScreen

from ..toolkit import visible_text, wait_for, wait_for_screen

SIZE = (100, 32)
NOW = datetime(2026, 11, 27, 20, 0)  # a Friday


def make_app(home_dir, **kwargs) -> SparkApp:
    return SparkApp(Home(home_dir), clock=lambda: NOW, **kwargs)


async def test_a_note_shows_on_the_summary_and_in_the_journal(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("conversation",), turns=1, seed=4))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s", "n")
        await wait_for_screen(pilot, TextPromptScreen)
        await pilot.press(*"the lake [b]", "enter")
        await wait_for_screen(pilot, PlayScreen)
        assert "✎ the lake [b]" in visible_text(pilot)
        await pilot.press("enter", "3", "enter")
        await wait_for_screen(pilot, SummaryScreen)
        assert visible_text(pilot).count("✎ the lake [b]") == 2  # with the loved card, and in the journal
        await pilot.press("escape")
    again = make_app(isolated_home)
    async with again.run_test(size=SIZE) as pilot:
        again.action_saved_games()
        await wait_for_screen(pilot, "SavedGamesScreen")
        await pilot.press("j")
        await wait_for_screen(pilot, JournalScreen)
        assert "✎ the lake [b]" in visible_text(pilot)


async def test_a_plan_waits_on_home_after_a_restart_and_is_done_in_our_story(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("novelty",), turns=1, seed=4))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s", "P")
        await wait_for_screen(pilot, PlanScreen)
        app.screen.query_one("#plan-text").value = "the Elm Street walk"
        app.screen.query_one("#plan-when").value = "Sunday"
        await pilot.click("#plan-keep")
        await wait_for_screen(pilot, PlayScreen)
        assert "Plan kept: the Elm Street walk, Sunday" in visible_text(pilot)
        await pilot.press("q")
    app.session.saver.flush()
    again = make_app(isolated_home)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert "Coming up: the Elm Street walk, Sunday" in visible_text(pilot)
        again.action_our_story()
        await wait_for_screen(pilot, "OurStoryScreen")
        await wait_for(pilot, lambda: bool(again.screen.query("#story-plans")))
        plans = again.screen.query_one("#story-plans")
        plans.focus()
        await pilot.press("enter")
        await wait_for_screen(pilot, ChoiceScreen)
        await pilot.click("#choice-0")  # "We did it"
        await wait_for(pilot, lambda: again.history.open_plans() == [])
        assert again.history.plans[0].status == "done"
