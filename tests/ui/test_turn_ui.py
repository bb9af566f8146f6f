"""A fair, forgiving, private turn on screen: the reaction is a choice, undo, the privacy key everywhere."""

from __future__ import annotations

from datetime import datetime

import pytest

from spark_game.core.play import COMPETITIVE, COOPERATIVE, Phase, Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.dialogs import PrivacyScreen
from spark_game.ui.screens.pair.consent import LookAwayScreen, OptInScreen
from spark_game.ui.screens.pair.limits import LimitsScreen
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.screens.round.play import PlayScreen
from spark_game.ui.widgets.scoreboard import Scoreboard

from ..toolkit import play_turns, visible_text, wait_for, wait_for_screen

SIZE = (100, 32)
NOW = datetime(2026, 11, 27, 20, 0)


def make_app(home_dir, **kwargs) -> SparkApp:
    return SparkApp(Home(home_dir), clock=lambda: NOW, **kwargs)


async def test_a_double_enter_never_answers_the_reaction(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("conversation",), seed=4))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s", "enter", "enter", "enter")
        game = app.screen.game
        assert game.phase is Phase.REACT and game.history == []
        assert "how did that land" in visible_text(pilot)
        await pilot.press("3")
        assert game.history[0].reaction == 2
        assert game.phase is Phase.CARD and game.turn == 2  # one deck: no "choose a deck", the next card is there
        await pilot.press("u")  # undo skips the card the round drew by itself: back to the reaction
        assert game.phase is Phase.REACT and game.history == []


async def test_undo_after_a_reaction_restores_the_card_and_both_scores(isolated_home):
    rivals = Settings(("Ana", "Bo"), ("conversation",), seed=4, mode=COMPETITIVE)  # both scores on screen
    app = make_app(isolated_home, quick_start=rivals)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await play_turns(pilot, 1)
        game = app.screen.game
        scores_before = app.screen.query_one(Scoreboard).text
        await pilot.press("s", "enter")
        card = game.pending.card
        await pilot.press("3")
        assert app.screen.query_one(Scoreboard).text != scores_before
        await pilot.press("u")
        assert game.phase is Phase.REACT and game.pending.card == card
        await pilot.press("u")  # back to the card itself, on the table
        assert game.phase is Phase.CARD and game.card == card
        assert app.screen.query_one(Scoreboard).text == scores_before
        assert game.personalise(card.text)[:30] in visible_text(pilot)


async def test_favourites_and_later_decks_appear_in_new_round_and_play(isolated_home):
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("conversation",), seed=4))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s", "f", "enter", "3")  # a favourite
        await pilot.press("s")
        kept = app.screen.game.card.text
        await pilot.press("l")  # kept for later
        await pilot.press("q")
        await pilot.press("n")
        await wait_for_screen(pilot, "ConfirmScreen")  # continue the unfinished round? no, a new one
        await pilot.press("n")
        await wait_for_screen(pilot, NewRoundScreen)
        decks = app.screen.query_one("#setup-decks")
        values = [decks.get_option_at_index(i).value for i in range(decks.option_count)]
        assert "favourites" in values and "later" in values
        decks.deselect_all()
        decks.select("favourites")
        decks.select("later")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, PlayScreen)
        assert app.screen.game.settings.deck_ids == ("favourites", "later")
        assert "1  Our favourites\n2  Saved for later" in visible_text(pilot)
        await pilot.press("2")
        assert app.screen.game.card.text == kept


async def open_limits(pilot, app):
    await pilot.press("n")
    await wait_for_screen(pilot, NewRoundScreen)
    await pilot.press(*"Ana", "enter", *"Bo")
    await pilot.click("#setup-limits-1")
    await wait_for_screen(pilot, LookAwayScreen)


async def at_look_away(pilot, app):
    await open_limits(pilot, app)


async def at_limits(pilot, app):
    await open_limits(pilot, app)
    await pilot.press("enter")
    await wait_for_screen(pilot, LimitsScreen)


async def at_consent(pilot, app):
    await pilot.press("n")
    await wait_for_screen(pilot, NewRoundScreen)
    await pilot.press(*"Ana", "enter", *"Bo")
    await pilot.click("#setup-optin")
    await wait_for_screen(pilot, LookAwayScreen)
    await pilot.press("enter")
    await wait_for_screen(pilot, OptInScreen)


async def at_new_round(pilot, app):
    await pilot.press("n")
    await wait_for_screen(pilot, NewRoundScreen)


async def at_home(pilot, app):
    await pilot.pause()


async def at_decks(pilot, app):
    await pilot.press("d")
    await wait_for_screen(pilot, "DecksScreen")


async def at_story(pilot, app):
    app.action_our_story()
    await wait_for_screen(pilot, "OurStoryScreen")


@pytest.mark.parametrize(
    "where", [at_limits, at_consent, at_look_away, at_new_round, at_home, at_decks, at_story], ids=lambda f: f.__name__
)
async def test_ctrl_b_blanks_every_screen_and_dialog_at_once(isolated_home, where):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await where(pilot, app)
        underneath = app.screen
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, PrivacyScreen))
        assert visible_text(pilot).strip() == ""
        await pilot.press("x")  # any key brings it back, unchanged
        await wait_for(pilot, lambda: app.screen is underneath)


@pytest.mark.parametrize("mode", [COOPERATIVE, COMPETITIVE])
async def test_the_scoreboard_keeps_its_width_as_scores_gain_digits_and_shows_them(isolated_home, mode):
    settings = Settings(("Ana", "Bo"), ("conversation", "playfulness"), seed=4, mode=mode, turns=12)
    app = make_app(isolated_home, quick_start=settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        scoreboard = app.screen.query_one(Scoreboard)
        width = scoreboard.size.width
        for _ in range(8):
            await play_turns(pilot, 1)
            assert scoreboard.size.width == width
        game = app.screen.game
        assert max(game.scores()) >= 10, "a score gained a digit"
        first = game.scores()[0]
        shown = f"Spark {min(game.team_score(), game.team_target())}/" if mode == COOPERATIVE else f"Ana {first}"
        assert shown in visible_text(pilot)
