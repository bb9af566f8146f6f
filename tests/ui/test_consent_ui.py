"""Consent tools through the screens: the mature gate, private limits, the brake, the closing card."""

import threading

from textual.widgets import Static

from spark_game.core.pair.limits import SealedLimits
from spark_game.core.play import Action, Phase, Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.pair.consent import LookAwayScreen, OptInScreen
from spark_game.ui.screens.pair.limits import LimitsScreen, UnlockLimitsScreen
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import card, play_turns, visible_text, wait_for, wait_for_home_decks, wait_for_screen, write_deck

SIZE = (100, 32)


def write_mature_deck(home: Home) -> None:
    write_deck(home, "after-dark", [card("a1", "A mature card.")], name="After dark", mature=True)


async def open_setup(pilot, app) -> None:
    await pilot.press("n")
    await wait_for_screen(pilot, NewRoundScreen)
    await pilot.press(*"Ana", "enter", *"Bo")


async def answer_opt_in(pilot, app, first: bool, second: bool) -> None:
    await pilot.click("#setup-optin")
    for answer in (first, second):
        await wait_for_screen(pilot, LookAwayScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, OptInScreen)
        if answer:
            await pilot.click("#confirm-yes")
        else:
            await pilot.press("enter")  # "Not tonight" has the focus
    await wait_for_screen(pilot, NewRoundScreen)


async def test_a_mature_deck_needs_two_yeses(isolated_home):
    home = Home(isolated_home)
    write_mature_deck(home)
    app = SparkApp(home, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot, app)
        assert "after-dark" not in app.screen.deck_ids()
        assert "After dark" not in visible_text(pilot)
        await answer_opt_in(pilot, app, True, True)
        assert "after-dark" in app.screen.deck_ids()
        assert "You both said yes" in visible_text(pilot)


async def test_any_no_keeps_it_closed_and_says_nothing_about_who(isolated_home):
    home = Home(isolated_home)
    write_mature_deck(home)
    for answers in ((True, False), (False, True), (False, False)):
        app = SparkApp(home, seed=1)
        async with app.run_test(size=SIZE) as pilot:
            await open_setup(pilot, app)
            await answer_opt_in(pilot, app, *answers)
            text = visible_text(pilot)
            assert "after-dark" not in app.screen.deck_ids()
            note = str(app.screen.query_one("#setup-consent-note").content)
            assert "Not tonight" in note and "Ana" not in note and "Bo" not in note
            assert "said no" not in text


async def test_private_limits_are_set_while_the_other_looks_away_and_leave_cards_out(isolated_home):
    home = Home(isolated_home)
    write_deck(
        home,
        "mixed",
        [
            card("t1", "A touch card.", tags=["touch"]),
            card("t2", "A talk card.", tags=["talk"]),
            card("t3", "Another talk card.", tags=["talk"]),
        ],
    )
    app = SparkApp(home, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot, app)
        await pilot.click("#setup-limits-1")
        await wait_for_screen(pilot, LookAwayScreen)
        assert "Bo, please look away" in visible_text(pilot)
        assert "touch" not in visible_text(pilot)  # nothing private before Ana says she is alone
        await pilot.press("enter")
        await wait_for_screen(pilot, LimitsScreen)
        assert "never shown to anyone in the game" in visible_text(pilot)
        assert app.screen.query_one("#limits-save").region.bottom <= SIZE[1]  # Save is on screen
        app.screen.query_one("#limits-topics").select("touch")
        app.screen.query_one("#limits-pin").value = "246813"
        await pilot.click("#limits-save")
        await wait_for_screen(pilot, NewRoundScreen)
        assert "touch" not in visible_text(pilot)
        app.session.saver.flush()
        written = (home.saves_dir / "_history.toml").read_text()
        assert "touch" not in written and "246813" not in written  # sealed: no words, no PIN
        # Bo opens Ana's list: locked, no ticks, nothing to read.
        await pilot.click("#setup-limits-1")
        await pilot.press("enter")
        await wait_for_screen(pilot, LimitsScreen)
        assert not app.screen.query_one("#limits-lists").display
        assert list(app.screen.query_one("#limits-topics").selected) == []
        app.screen.query_one("#limits-pin").value = "111111"
        await pilot.click("#limits-unlock")
        await wait_for(pilot, lambda: "doesn't open the list" in visible_text(pilot))
        assert not app.screen.query_one("#limits-lists").display
        # With her PIN, Ana sees hers.
        app.screen.query_one("#limits-pin").value = "246813"
        app.screen.query_one("#limits-pin").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: list(app.screen.query_one("#limits-topics").selected) == ["touch"])
        await pilot.press("escape")
        await wait_for_screen(pilot, NewRoundScreen)
        # Bo opens his own list: blank.
        await pilot.click("#setup-limits-2")
        await pilot.press("enter")
        await wait_for_screen(pilot, LimitsScreen)
        assert list(app.screen.query_one("#limits-topics").selected) == []
        await pilot.press("escape")
        await wait_for_screen(pilot, NewRoundScreen)
        app.screen.query_one("#setup-decks").deselect_all()
        app.screen.query_one("#setup-decks").select("mixed")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, PlayScreen)
        game = app.screen.game
        assert game.withheld == {"mixed": {"t1"}}
        for _ in range(4):
            await pilot.press("1")
            assert "touch" not in game.card.tags
            await pilot.press("enter", "1")


async def test_guessing_a_pin_at_the_screen_soon_has_to_wait(isolated_home):
    home = Home(isolated_home)
    app = SparkApp(home, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await app.session.set_limits("Ana", ["touch"], "246813")
        await open_setup(pilot, app)
        await pilot.click("#setup-limits-1")
        await pilot.press("enter")
        await wait_for_screen(pilot, LimitsScreen)
        for guess in ("111111", "222222", "333333"):
            app.screen.query_one("#limits-pin").value = guess
            app.screen.query_one("#limits-pin").focus()
            await pilot.press("enter")
        await wait_for(pilot, lambda: "the next try can be made in 30 s" in visible_text(pilot))
        app.screen.query_one("#limits-pin").value = "246813"  # even the right PIN waits its turn
        await pilot.press("enter")
        await wait_for(pilot, lambda: "the next try can be made in" in visible_text(pilot))
        assert not app.screen.query_one("#limits-lists").display


async def test_the_brake_lowers_the_ceiling_at_once_with_a_neutral_word(isolated_home):
    home = Home(isolated_home)
    write_deck(
        home,
        "steps",
        [card(f"c{level}-{i}", f"Level {level} card {i}.", level=level) for level in (1, 2, 3) for i in range(3)],
    )
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("steps",), ceiling=3, turns=3, seed=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        game = app.screen.game
        await play_turns(pilot, 2, decks="1", reactions="1")
        await pilot.press("1")
        assert game.card.level == 3
        await pilot.press("b")
        assert isinstance(app.screen, PlayScreen)  # no confirmation asked
        assert game.ceiling == 2 and game.card.level <= 2
        assert "Taking it gentler, up to warm: here's one." in visible_text(pilot)  # the swap, said plainly
        assert "up to warm" in str(app.screen.query_one("#play-turn").content)


async def test_the_closing_card_comes_before_the_summary(isolated_home):
    app = SparkApp(Home(isolated_home), quick_start=Settings(("Ana", "Bo"), ("conversation",), turns=1, seed=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1", "enter", "2")
        assert app.screen.game.phase is Phase.CLOSE
        assert "To close the round, together" in visible_text(pilot)
        assert "Both of you" in visible_text(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, "SummaryScreen")


async def test_not_for_us_retires_a_card_and_our_story_brings_it_back(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "few", [card(f"c{i}", f"Few card {i}.") for i in range(4)])
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("few",), turns=2, seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1")
        gone = app.screen.game.card
        await pilot.press("x")
        assert "That one won't come back." in visible_text(pilot)
        assert gone.id not in app.screen.game.decks["few"].card_index
        assert [entry.card.id for entry in app.history.retired] == [gone.id]
        await pilot.press("q")
        app.action_our_story()
        await wait_for(pilot, lambda: "Not for us" in visible_text(pilot))
        retired = app.screen.query_one("#story-retired")
        assert gone.text in str(retired.get_option_at_index(0).prompt)
        retired.focus()
        retired.highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.history.retired == [])


def test_the_shell_quick_start_never_opens_a_mature_deck(capsys):
    from spark_game.cli import main

    assert main(["play", "--players", "Ana", "Bo", "--decks", "conversation,spice"]) == 2
    assert "opt-in" in capsys.readouterr().err


async def test_the_opt_in_deck_is_asked_about_once_a_round_and_unnamed_until_a_first_yes(isolated_home):
    home = Home(isolated_home)
    write_mature_deck(home)
    app = SparkApp(home, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_home_decks(pilot)
        table = app.screen.query_one("#home-decks")
        assert "2 opt-in decks" in str(table.get_row("opt-in")[0]) and "After dark" not in visible_text(pilot)
        await open_setup(pilot, app)
        assert "After dark" not in visible_text(pilot)  # "Ask about the opt-in deck"
        await answer_opt_in(pilot, app, True, False)
        assert app.screen.query_one("#setup-optin").disabled  # "not tonight" is not asked again this round
        await pilot.press("escape")
        await open_setup(pilot, app)  # a new round: ask again
        assert not app.screen.query_one("#setup-optin").disabled
        await answer_opt_in(pilot, app, True, True)
        assert app.history.opted_in_once
    app.session.saver.flush()
    again = SparkApp(home, seed=1)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_home_decks(pilot)
        assert "After dark" in str(again.screen.query_one("#home-decks").get_row("after-dark")[0])


async def test_a_round_opens_a_partners_sealed_limits_only_with_their_secret(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "mixed", [card("t1", "A touch card.", tags=["touch"]), card("t2", "A talk card.", tags=["talk"])])
    earlier = SparkApp(home, seed=1)
    async with earlier.run_test(size=SIZE):
        await earlier.session.set_limits("Ana", ["touch"], "ana's passphrase")
        earlier.session.saver.flush()
    app = SparkApp(home, seed=1)  # another evening: the key is gone with the last game
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_home_decks(pilot)
        app.start_round(Settings(("Ana", "Bo"), ("mixed",), turns=2, seed=1))
        await wait_for_screen(pilot, LookAwayScreen)
        assert "Bo, please look away" in visible_text(pilot) and "touch" not in visible_text(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, UnlockLimitsScreen)
        await pilot.press(*"wrong guess", "enter")
        await wait_for(pilot, lambda: "doesn't open the list" in visible_text(pilot))
        await pilot.press(*"ana's passphrase", "enter")
        await wait_for_screen(pilot, PlayScreen)
        assert app.screen.game.withheld == {"mixed": {"t1"}}
        for action, argument in ((Action.CHOOSE, "mixed"), (Action.COMPLETE, None), (Action.REACT, 1)):
            app.session.act(action, argument)  # a turn played: a round left with none is not kept
        path = app.session.round_file.path
        await pilot.press("q")
    again = SparkApp(home, seed=1)  # resuming on yet another evening asks for the passphrase again
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_home_decks(pilot)
        again.resume_round(path)
        await wait_for_screen(pilot, LookAwayScreen)
        assert "Bo, please look away" in visible_text(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, UnlockLimitsScreen)
        await pilot.press(*"ana's passphrase", "enter")
        await wait_for_screen(pilot, PlayScreen)
        assert again.screen.game.withheld == {"mixed": {"t1"}} and again.session.round_file.path == path


async def at_the_unlock(pilot, app: SparkApp) -> None:
    """A round asked for with Ana's sealed limits, on another evening: at her unlock, Bo looking away."""
    await wait_for_home_decks(pilot)
    await app.session.set_limits("Ana", ["touch"], "246813")
    app.session.keys.clear()  # as after a restart
    app.start_round(Settings(("Ana", "Bo"), ("mixed",), turns=2, seed=1))
    await wait_for_screen(pilot, LookAwayScreen)
    await pilot.press("enter")
    await wait_for_screen(pilot, UnlockLimitsScreen)


async def test_not_tonight_plays_without_that_partners_limits(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "mixed", [card("t1", "A touch card.", tags=["touch"]), card("t2", "A talk card.", tags=["talk"])])
    app = SparkApp(home, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_unlock(pilot, app)
        await pilot.click("#unlock-skip")
        await wait_for_screen(pilot, PlayScreen)
        assert "t1" in app.screen.game.decks["mixed"].card_index and not app.screen.game.withheld


async def test_the_secret_is_tried_on_a_worker_thread_saying_so_and_a_second_enter_meanwhile_is_no_try(
    isolated_home, monkeypatch
):
    home = Home(isolated_home)
    write_deck(home, "mixed", [card("t1", "A touch card.", tags=["touch"]), card("t2", "A talk card.", tags=["talk"])])
    app = SparkApp(home, seed=1)
    seen = []
    open_with = SealedLimits.open_with

    def watched(sealed, secret):
        problem = app.screen_stack[-1].query_one("#unlock-problem", Static)  # read only, from the worker thread
        seen.append((threading.current_thread() is threading.main_thread(), str(problem.content)))
        return open_with(sealed, secret)

    monkeypatch.setattr(SealedLimits, "open_with", watched)
    async with app.run_test(size=SIZE) as pilot:
        await at_the_unlock(pilot, app)
        await pilot.press(*"000000")
        app.screen.query_one("#unlock-open").press()
        app.screen.query_one("#unlock-open").press()  # pressed again while the first try runs
        await wait_for(pilot, lambda: "That doesn't open the list." in visible_text(pilot))
        await pilot.pause(0.5)
        assert [on_loop for on_loop, _ in seen] == [False] and "Opening…" in seen[0][1]
        assert app.history.sealed_limits("Ana").failures == 1
        await pilot.press(*"246813", "enter")
        await wait_for_screen(pilot, PlayScreen)
        assert app.screen.game.withheld == {"mixed": frozenset({"t1"})}
