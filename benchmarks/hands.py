"""The hands' row: a tap on a partner's phone to the shared screen painted, beside the same move by key.

Both pass the card on the table, so the same engine work and the same paint follow; the phone's
adds the websocket, the JSON and the hop onto Textual's loop.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

import aiohttp

from spark_game.core.play import Phase, Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp

from .measure import row

if TYPE_CHECKING:
    from .__main__ import Run


async def _card_on_table(pilot, app) -> None:
    while app.screen.game.phase is not Phase.CARD:
        await pilot.press("s" if app.screen.game.phase is Phase.CHOOSE else "enter")
        await pilot.pause()


async def hand_and_key_to_screen(home: Path, presses: int) -> tuple[float, float]:
    """Median seconds from a pass (by phone, then by key) to the Play screen showing the next card."""
    library = Home(home).load_decks()
    decks = tuple(loaded.deck.id for loaded in library.decks if not loaded.deck.mature)
    app = SparkApp(Home(home), quick_start=Settings(("Ana", "Bo"), decks, turns=None, seed=3))
    phone_times, key_times = [], []
    async with app.run_test(headless=True, size=(100, 32)) as pilot:
        await pilot.pause()
        play = app.screen
        await play.hands.open(lan=False)
        await pilot.press("escape")
        server = play.hands.server
        origin = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as session:
            url = server.address(0).replace("http://", "ws://") + "/ws"
            ana = await session.ws_connect(url, headers={"Origin": origin})
            for index in range(presses):
                await _card_on_table(pilot, app)
                before = play.game.card
                start = time.perf_counter()
                await ana.send_json({"id": f"bench-pass-{index:04d}", "do": "pass"})
                while play.game.card is before:
                    await asyncio.sleep(0)
                await pilot.pause()
                phone_times.append(time.perf_counter() - start)
                await _card_on_table(pilot, app)
                start = time.perf_counter()
                await pilot.press("p")
                await pilot.pause()
                key_times.append(time.perf_counter() - start)
            await ana.close()
        app.session.saver.flush()
    return statistics.median(phone_times), statistics.median(key_times)


def hand_rows(run: Run, plain_home: Path) -> None:
    presses = 2 if run.quick else 40
    phone, key = asyncio.run(hand_and_key_to_screen(plain_home, presses))
    row(run.table, "pass from a phone to the next card on screen, p50 (Pilot)", phone, key, "<= 2x")
