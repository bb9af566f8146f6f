"""Two phones at the table: the TUI under the Pilot, each partner's hand a Playwright context in Chromium.

Both hands join by their addresses, a secret answer is revealed only once both answered, a wishes
card shows only the shared yeses, a quiet brake from one phone lowers the level and the table
never names who, and a phone that reloads mid-turn catches up. Each partner sets limits on their
own phone, neither the other phone nor the shared screen ever holds them, and the round plays to
its end without their cards; the check-in brings both phones the same page. Screenshots of each
step go to the test's folder (`--basetemp` keeps them to look at).
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright
from textual.pilot import Pilot

from spark_game.core.play import Phase, Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.round.hands import HandsScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import card, visible_text, wait_for, wait_for_screen, write_deck
from .test_serve import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.slow

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
WAIT_MS = 15_000


async def tap(page: Page, name: str) -> None:
    await page.get_by_role("button", name=name, exact=True).tap(timeout=WAIT_MS)


@dataclass
class Table:
    """The TUI under the Pilot with its hands open, and each partner's phone joined as a Playwright page."""

    pilot: Pilot
    play: PlayScreen
    ana: Page
    bo: Page
    shots: Path
    taken: int = 0

    async def shoot(self, page: Page, step: str) -> None:
        await page.screenshot(path=str(self.shots / f"{self.taken:02d}-{step}.png"), full_page=True)
        self.taken += 1


@asynccontextmanager
async def table_with_two_phones(app: SparkApp, shots: Path) -> AsyncIterator[Table]:
    assert shutil.which(CHROMIUM), "Debian's chromium is missing: apt-get install chromium (.ci/run does)"
    async with app.run_test(size=(100, 32)) as pilot, async_playwright() as playwright:
        await wait_for_screen(pilot, PlayScreen)
        play = app.screen
        await pilot.press("h")
        await wait_for_screen(pilot, HandsScreen)
        await pilot.click("#hands-local")
        await wait_for(pilot, lambda: play.hands.server is not None and "Ana's hand" in visible_text(pilot))
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ana, bo = [await (await chromium.new_context(**PHONE)).new_page() for _ in range(2)]
        for player, page in enumerate((ana, bo)):
            await page.goto(play.hands.server.address(player))
            await page.get_by_text("At the table.").wait_for(timeout=WAIT_MS)
        yield Table(pilot, play, ana, bo, shots)
        await chromium.close()
        await pilot.press("q")
        await wait_for(pilot, lambda: play.hands.server is None)


async def test_two_hands_answer_in_secret_wish_together_brake_quietly_and_catch_up(isolated_home, tmp_path):
    home = Home(isolated_home)
    write_deck(home, "plain", [card(f"p{level}", f"A level {level} card.", level=level) for level in (1, 2, 3)])
    phones = [
        card("order", "What would {partner} order first?", kind="secret", options=["the usual", "the strangest"]),
        card("menu", "Tonight's menu of ideas.", kind="wishes", options=["a walk", "a bath", "a dance", "a film"]),
    ]
    write_deck(home, "phones", phones)
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("plain", "phones"), turns=None, seed=2))
    async with table_with_two_phones(app, tmp_path) as table:
        pilot, play, ana, bo, shoot = table.pilot, table.play, table.ana, table.bo, table.shoot
        await shoot(ana, "ana-joined")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen) and play.game.can_serve("phones"))

        revealed = {}
        for _ in range(2):
            await pilot.press("2")
            await wait_for(pilot, lambda: play.game.phase is Phase.CARD)
            kind = play.game.card.kind
            await bo.get_by_text("Your answer" if kind == "secret" else "Mark each one").wait_for(timeout=WAIT_MS)
            await shoot(bo, f"bo-{kind}-asked")
            if kind == "secret":
                await tap(ana, "the strangest")
                await wait_for(pilot, lambda: "Ana: answered ✓" in visible_text(pilot))
                assert await bo.locator("#reveal").is_hidden()  # nothing of Ana's answer on Bo's phone
                assert "Ana:" not in await bo.inner_text("main") and "answer" in play.hands.server.table.allowed(
                    play.game, 1
                )
                await tap(bo, "the usual")
            else:
                for page, marks in ((ana, "yes yes maybe no"), (bo, "no yes yes maybe")):
                    for row, mark in enumerate(marks.split()):
                        await page.locator("#wishes li").nth(row).get_by_role("button", name=mark).tap()
                    await shoot(page, "wishes-marked")
                    await tap(page, "Send my marks")
            await wait_for(pilot, lambda: "Both answers are in." in visible_text(pilot))
            revealed[kind] = visible_text(pilot)
            await ana.locator("#reveal").wait_for(timeout=WAIT_MS)
            await shoot(ana, f"ana-{kind}-revealed")
            await pilot.press("enter")
            await wait_for(pilot, lambda: play.game.phase is Phase.REACT)
            await pilot.press("2")
            await wait_for(pilot, lambda: play.game.phase is Phase.CHOOSE)
        assert "Ana: the strangest" in revealed["secret"] and "Bo: the usual" in revealed["secret"]
        assert "You both want: a bath; a dance" in revealed["wishes"]

        await pilot.press("1")  # Ana's plain card; Bo brakes from his phone
        await wait_for(pilot, lambda: play.game.phase is Phase.CARD)
        await bo.reload()
        await bo.get_by_text("Ana's card:").wait_for(timeout=WAIT_MS)  # a reload catches up at once
        await shoot(bo, "bo-reloaded")
        await tap(bo, "Gentler, please")
        await wait_for(pilot, lambda: play.game.ceiling == 2)
        notice = visible_text(pilot).split("Taking it gentler")[1].split("\n")[0]
        assert "Bo" not in notice and "Ana" not in notice


async def pressed(page: Page) -> list[str]:
    return await page.locator('#limits button[aria-pressed="true"]').all_inner_texts()


async def test_each_partner_sets_limits_and_checks_in_on_their_own_hand_and_nothing_of_it_shows_elsewhere(
    isolated_home, tmp_path
):
    home = Home(isolated_home)
    texts = {"talk": "Tell a story {n}.", "money": "Savings plan {n}.", "alcohol": "A toast {n}."}
    cards = [card(f"{tag}-{n}", text.format(n=n), tags=[tag]) for tag, text in texts.items() for n in range(4)]
    write_deck(home, "plain", cards)
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("plain",), turns=6, seed=2))
    async with table_with_two_phones(app, tmp_path) as table:
        pilot, play, ana, bo, shoot = table.pilot, table.play, table.ana, table.bo, table.shoot
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayScreen)
        assert play.game.card.tags == ("alcohol",)  # one deck: seed 2 deals a toast at once, before any limit

        for page, tag, secret in ((ana, "money", "482159"), (bo, "alcohol", "bo likes long passphrases")):
            await tap(page, "My private limits")
            await tap(page, tag)
            await page.locator("#limits-new-secret").fill(secret)
            assert await pressed(page) == [tag]
            await shoot(page, f"{tag}-chosen")
            await tap(page, "Save privately")
            await page.get_by_text("Saved privately.").wait_for(timeout=WAIT_MS)
        await wait_for(pilot, lambda: len(play.game.withheld.get("plain", ())) == 8)
        await bo.get_by_text("The card on the table is one of them").wait_for(timeout=WAIT_MS)
        await shoot(bo, "bo-saved")
        assert "The card on the table" not in await ana.inner_text("main")
        assert "money" not in await bo.content() and "alcohol" not in await ana.content()
        assert "Saved privately" not in visible_text(pilot)

        await tap(ana, "My private limits")  # closed again: only Ana's PIN shows it to her
        await ana.locator("#limits-secret").wait_for(timeout=WAIT_MS)
        assert await pressed(ana) == []
        await ana.locator("#limits-secret").fill("000000")
        await tap(ana, "Unlock")
        await ana.get_by_text("That doesn't open the list.").wait_for(timeout=WAIT_MS)
        await ana.locator("#limits-secret").fill("482159")
        await tap(ana, "Unlock")
        await ana.locator('#limits-topics button[aria-pressed="true"]').wait_for(timeout=WAIT_MS)
        assert await pressed(ana) == ["money"]
        await shoot(ana, "ana-unlocked")
        assert "money" not in await bo.content()
        await tap(ana, "Back to the table")

        await tap(bo, "Pass this card")
        await wait_for(pilot, lambda: play.game.card.tags == ("talk",))
        for _ in range(3):  # tonight's cards leave both lists out
            before = play.game.card.id
            await pilot.press("enter")
            await wait_for(pilot, lambda: play.game.phase is Phase.REACT)
            await pilot.press("2")
            await wait_for(pilot, lambda before=before: play.game.phase is Phase.CARD and play.game.card.id != before)
            assert play.game.card.tags == ("talk",)
        shared = visible_text(pilot).casefold()
        assert "money" not in shared and "alcohol" not in shared and "limits" not in shared

        await tap(ana, "A quiet check-in")
        for statement in (0, 3):
            await ana.locator("#checkin-statements button").nth(statement).tap()
        await shoot(ana, "ana-checking-in")
        await tap(ana, "Done")
        await bo.get_by_text("Ana has checked in.").wait_for(timeout=WAIT_MS)
        await tap(bo, "A quiet check-in")
        await tap(bo, "Done")
        for page in (ana, bo):
            await page.get_by_text("Couples counselling or couples therapy").wait_for(timeout=WAIT_MS)
            assert "One of you, or both, ticked two or more" in await page.inner_text("#checkin-page")
        await shoot(bo, "bo-help-page")
        assert app.history.last_checkin is not None
        shared = visible_text(pilot)
        assert "Couples counselling" not in shared and "ticked" not in shared
        await tap(bo, "Back to the table")
        await bo.get_by_text("You checked in on").wait_for(timeout=WAIT_MS)

        while play.game.phase is not Phase.OVER:  # the round to its end: its last turns and the closing card
            dealt = play.game.card
            assert dealt is None or not {"money", "alcohol"} & set(dealt.tags)  # None: the closing card
            before = (play.game.phase, len(play.game.history))
            await pilot.press("2" if play.game.phase is Phase.REACT else "enter")
            await wait_for(pilot, lambda before=before: (play.game.phase, len(play.game.history)) != before)
        for page in (ana, bo):
            await page.get_by_text("The table is closed. Thank you for playing.").wait_for(timeout=WAIT_MS)
        await shoot(ana, "ana-round-over")
