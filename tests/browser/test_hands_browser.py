"""Two phones at the table: the TUI under the Pilot, each partner's hand a Playwright context in Chromium.

Both hands join by their addresses, a secret answer is revealed only once both answered, a wishes
card shows only the shared yeses, a quiet brake from one phone lowers the level and the table
never names who, and a phone that reloads mid-turn catches up. Screenshots of each step go to
the test's folder (`--basetemp` keeps them to look at).
"""

from __future__ import annotations

import shutil

import pytest
from playwright.async_api import Page, async_playwright

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


async def test_two_hands_answer_in_secret_wish_together_brake_quietly_and_catch_up(isolated_home, tmp_path):
    assert shutil.which(CHROMIUM), "Debian's chromium is missing: apt-get install chromium (.ci/run does)"
    home = Home(isolated_home)
    write_deck(home, "plain", [card(f"p{level}", f"A level {level} card.", level=level) for level in (1, 2, 3)])
    phones = [
        card("order", "What would {partner} order first?", kind="secret", options=["the usual", "the strangest"]),
        card("menu", "Tonight's menu of ideas.", kind="wishes", options=["a walk", "a bath", "a dance", "a film"]),
    ]
    write_deck(home, "phones", phones)
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("plain", "phones"), turns=None, seed=2))
    async with app.run_test(size=(100, 32)) as pilot, async_playwright() as playwright:
        await wait_for_screen(pilot, PlayScreen)
        play = app.screen
        await pilot.press("h")
        await wait_for_screen(pilot, HandsScreen)
        await pilot.click("#hands-local")
        await wait_for(pilot, lambda: play.hands.server is not None and "Ana's hand" in visible_text(pilot))
        server = play.hands.server
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ana, bo = [await (await chromium.new_context(**PHONE)).new_page() for _ in range(2)]
        shots = iter(range(100))

        async def shoot(page: Page, step: str) -> None:
            await page.screenshot(path=str(tmp_path / f"{next(shots):02d}-{step}.png"))

        await ana.goto(server.address(0))
        await bo.goto(server.address(1))
        for page in (ana, bo):
            await page.get_by_text("At the table.").wait_for(timeout=WAIT_MS)
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
        await chromium.close()
        await pilot.press("q")
        await wait_for(pilot, lambda: play.hands.server is None)
