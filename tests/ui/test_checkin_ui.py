"""The quiet check-in through the screens: each partner alone, nothing of one's ticks on the other's screen."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
import tomli_w
from textual.widgets import Button, Checkbox, Markdown

from spark_game.core.pair.checkin import OUTSIDE_HELP, STATEMENTS
from spark_game.core.pair.history import PairHistory
from spark_game.core.pair.history_file import history_to_document
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.dialogs import PrivacyScreen
from spark_game.ui.screens.help import HELP_TEXT
from spark_game.ui.screens.pair.checkin import CheckinScreen, HandOverScreen, StatementsScreen
from spark_game.ui.screens.pair.consent import LookAwayScreen
from spark_game.ui.screens.pair.our_story import OurStoryScreen

from ..toolkit import visible_text, wait_for, wait_for_screen

SIZE = (100, 32)
NOW = datetime(2026, 1, 31, 21, 0)


def make_home(home_dir: Path, names: tuple[str, str] = ("Ana", "Bo"), last: date | None = None) -> Home:
    home = Home(home_dir)
    home.saves_dir.mkdir(parents=True, exist_ok=True)
    history = PairHistory(names=names, last_checkin=last)
    (home.saves_dir / "_history.toml").write_text(tomli_w.dumps(history_to_document(history)))
    return home


def make_app(home: Home, now: datetime = NOW) -> SparkApp:
    return SparkApp(home, clock=lambda: now)


async def open_story(pilot, app: SparkApp) -> Button:
    app.action_our_story()
    await wait_for_screen(pilot, OurStoryScreen)
    await wait_for(pilot, lambda: bool(app.screen.query("#story-checkin")))
    return app.screen.query_one("#story-checkin", Button)


async def begin(pilot, app: SparkApp) -> None:
    button = await open_story(pilot, app)
    assert not button.disabled
    button.press()
    await wait_for_screen(pilot, CheckinScreen)
    await pilot.press("enter")  # Begin has the focus


async def answer(pilot, app: SparkApp, ticks: list[int]) -> None:
    """One partner's turn: the look-away, ticks by keys (down, space), Done."""
    await wait_for_screen(pilot, LookAwayScreen)
    await pilot.press("enter")
    await wait_for_screen(pilot, StatementsScreen)
    at = 0
    for index in sorted(ticks):
        await pilot.press(*["down"] * (index - at), "space")
        at = index
    assert app.screen.ticked() == sorted(ticks)
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, HandOverScreen)


async def screen_lines(pilot) -> list[tuple[str, str]]:
    """Every line of the terminal as the couple sees it (its text, colours and styles), once it stops changing."""

    def lines() -> list[tuple[str, str]]:
        strips = pilot.app.screen._compositor.render_strips()
        return [(strip.text, repr([segment.style for segment in strip])) for strip in strips]

    before: list[tuple[str, str]] = []
    for _ in range(50):
        await pilot.pause(0.05)
        now = lines()
        if now == before:
            return now
        before = now
    raise AssertionError("the screen never settled")


def page_text(pilot) -> str:
    """What the last page says: its Statics and Buttons, and the Markdown's source."""
    text = visible_text(pilot)
    return text + "\n".join(markdown.source for markdown in pilot.app.screen.query(Markdown))


async def test_both_check_in_alone_and_see_a_warm_page_when_nothing_much_is_ticked(isolated_home):
    home = make_home(isolated_home)
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, app)
        await answer(pilot, app, [3])
        assert "Thank you, Ana." in visible_text(pilot)
        await pilot.press("enter")
        await answer(pilot, app, [])
        assert "Thank you, Bo." in visible_text(pilot) and "Ana" in visible_text(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.screen.query("#checkin-back")))
        text = page_text(pilot)
        assert "Thank you for checking in" in text and "kind thing" in text
        assert not app.screen.query("#checkin-help")
        app.session.saver.flush()
        assert app.history.last_checkin == NOW.date()
        saved = (home.saves_dir / "_history.toml").read_text()
        assert "last_checkin = 2026-01-31" in saved
        assert not any(statement[:20] in saved for statement in STATEMENTS)
        await pilot.press("enter")  # Back to our story
        await wait_for_screen(pilot, OurStoryScreen)
        assert app.screen.query_one("#story-checkin", Button).disabled
        assert "28 February" in visible_text(pilot)


async def run_until_bo_answers(home_dir: Path, ana_ticks: list[int]) -> tuple[list, list, str]:
    """The screens after Ana's turn: the thank-you, and Bo's statements as they first show (lines and text)."""
    app = make_app(make_home(home_dir))
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, app)
        await answer(pilot, app, ana_ticks)
        thanks = await screen_lines(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, LookAwayScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, StatementsScreen)
        assert app.screen.ticked() == []
        assert not any(box.value for box in app.screen.query(Checkbox).results(Checkbox))
        text = visible_text(pilot)
        assert "Bo" in text and not re.search(r"\d", text)
        return thanks, await screen_lines(pilot), text


async def test_nothing_of_anas_answers_shows_on_bos_turn(tmp_path):
    untouched = await run_until_bo_answers(tmp_path / "a", [])
    ticked = await run_until_bo_answers(tmp_path / "b", [0, 2, 4])
    assert ticked == untouched  # the thank-you and Bo's screen are the same whatever Ana ticked
    thanks, bos_turn, _ = ticked
    assert not any(re.search(r"\d", text) for text, _ in thanks)
    assert any(STATEMENTS[0][:30] in text for text, _ in bos_turn)


async def final_page(home_dir: Path, ana_ticks: list[int], bo_ticks: list[int]) -> tuple[str, list]:
    """Both turns, then the page the two of you see: its words, and the terminal's lines."""
    app = make_app(make_home(home_dir))
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, app)
        await answer(pilot, app, ana_ticks)
        await pilot.press("enter")
        await answer(pilot, app, bo_ticks)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.screen.query("#checkin-back")))
        helps = app.screen.query("#checkin-help").results(Markdown)
        assert [markdown.source for markdown in helps] in ([], [OUTSIDE_HELP])
        return page_text(pilot), await screen_lines(pilot)


async def test_two_ticks_by_either_show_both_the_kinds_of_help_without_saying_who(tmp_path):
    by_ana = await final_page(tmp_path / "ana", [1, 4], [])
    by_bo = await final_page(tmp_path / "bo", [], [1, 4])
    by_both = await final_page(tmp_path / "both", [0, 1, 2, 3, 4], [2, 3])
    assert by_ana == by_bo == by_both  # not who, not how many: one page
    text = by_ana[0]
    assert OUTSIDE_HELP in text and OUTSIDE_HELP in HELP_TEXT  # the words of Help & support, from one constant
    for kind in ("Couples counselling", "Sex therapy", "Individual therapy"):
        assert kind in text
    assert not re.search(r"\b(Ana|Bo)\b", text) and not re.search(r"\d", text)
    # the one thing the page does say about the answers, it says out loud
    assert "One of you, or both, ticked two or more statements; this page doesn't say who, or which." in text


async def test_one_tick_each_is_the_same_warm_page_as_none(tmp_path):
    one_each = await final_page(tmp_path / "one", [0], [0])
    assert one_each == await final_page(tmp_path / "none", [], [])
    assert "kind thing" in one_each[0] and OUTSIDE_HELP not in one_each[0]
    assert "Neither of you ticked two or more statements." in one_each[0]


async def test_stopping_half_way_keeps_nothing(isolated_home):
    app = make_app(make_home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, app)
        await answer(pilot, app, [0, 1])
        await pilot.press("enter")
        await wait_for_screen(pilot, LookAwayScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, StatementsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, CheckinScreen)
        assert "Nothing was kept" in visible_text(pilot)
        assert app.history.last_checkin is None
        assert not app.screen.query_one("#checkin-begin", Button).disabled


@pytest.mark.parametrize(
    ("today", "open_"),
    [
        (datetime(2026, 2, 27, 20), False),
        (datetime(2026, 2, 28, 9), True),
        (datetime(2027, 1, 1, 9), True),
    ],
)
async def test_once_done_the_button_rests_until_a_month_later(isolated_home, today, open_):
    app = make_app(make_home(isolated_home, last=date(2026, 1, 31)), today)
    async with app.run_test(size=SIZE) as pilot:
        button = await open_story(pilot, app)
        assert button.disabled is not open_
        note = str(app.screen.query_one("#story-checkin-note").content)
        assert ("opens on 28 February" in note) is not open_


async def test_a_month_after_a_december_check_in_is_in_january(isolated_home):
    app = make_app(make_home(isolated_home, last=date(2026, 12, 20)), datetime(2027, 1, 19, 20))
    async with app.run_test(size=SIZE) as pilot:
        button = await open_story(pilot, app)
        assert button.disabled and "20 January" in visible_text(pilot)


async def test_ctrl_b_blanks_every_check_in_screen(isolated_home):
    app = make_app(make_home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:

        async def blank_and_back() -> None:
            underneath = app.screen
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: isinstance(app.screen, PrivacyScreen))
            assert visible_text(pilot).strip() == ""
            await pilot.press("x")
            await wait_for(pilot, lambda: app.screen is underneath)

        button = await open_story(pilot, app)
        button.press()
        await wait_for_screen(pilot, CheckinScreen)
        await blank_and_back()
        await pilot.press("enter")
        await wait_for_screen(pilot, LookAwayScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, StatementsScreen)
        await pilot.press("space")
        await blank_and_back()
        assert app.screen.ticked() == [0]  # the ticks survive the blank screen
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, HandOverScreen)
        await blank_and_back()


async def test_the_check_in_fits_a_tiny_terminal_and_works_before_a_first_round(isolated_home):
    app = make_app(make_home(isolated_home, names=("", "")))
    async with app.run_test(size=(50, 15)) as pilot:
        await begin(pilot, app)
        await answer(pilot, app, [0, 1])
        assert "First partner" in visible_text(pilot)
        await pilot.press("enter")
        await answer(pilot, app, [])
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.screen.query("#checkin-help")))
        assert app.is_running


async def test_a_click_on_the_words_or_the_box_ticks_a_statement_once(isolated_home):
    app = make_app(make_home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, app)
        await wait_for_screen(pilot, LookAwayScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, StatementsScreen)
        await pilot.click("#checkin-statement-2")
        await pilot.click(app.screen.query(".checkin-statement-text")[4])
        await wait_for(pilot, lambda: app.screen.ticked() == [2, 4])
        await pilot.click(app.screen.query(".checkin-statement-text")[4])
        await wait_for(pilot, lambda: app.screen.ticked() == [2])


async def test_before_ticking_each_partner_is_told_what_the_last_page_will_give_away(tmp_path):
    *_, bos_statements = await run_until_bo_answers(tmp_path, [])
    flat = " ".join(bos_statements.split())
    assert "What you tick isn't shown to Ana or kept." in flat
    assert "Two or more ticks from either of you bring a page on help for you both at the end" in flat
