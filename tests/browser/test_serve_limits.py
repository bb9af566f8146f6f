"""`spark-game serve` bounded: its games die with it (even on SIGKILL), a tab can't pin a game with a
huge message or terminal, a long address is refused, and a malformed message leaves no traceback."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from spark_game.web.games import MAX_COLUMNS, MAX_GAMES, MAX_MESSAGE, MAX_ROWS, Games, envelope_of, terminal_size

from .test_serve import WAIT, start_server, status, stop_server

pytestmark = pytest.mark.slow


def descendants_of(pid: int) -> set[int]:
    """Every process under pid: its children, theirs, and so on (Linux /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def open_game(url: str, query: str = "width=80&height=24") -> tuple[aiohttp.ClientSession, object]:
    session = aiohttp.ClientSession()
    socket = await session.ws_connect(f"{url.replace('http', 'ws', 1)}ws?{query}", headers={"Origin": url.rstrip("/")})
    return session, socket


def wait_until(condition, seconds: float = WAIT) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_the_games_die_with_a_server_killed_outright(isolated_home):
    served = start_server(isolated_home)
    loop = asyncio.new_event_loop()
    try:
        session, socket = loop.run_until_complete(open_game(served.url))
        loop.run_until_complete(socket.receive(timeout=WAIT))  # the game has drawn its first screen
        games = descendants_of(served.process.pid)
        assert games, "no game started"
        os.kill(served.process.pid, signal.SIGKILL)
        served.process.wait()
        assert wait_until(lambda: not any(alive(pid) for pid in games), 10), "a game outlived its server"
        loop.run_until_complete(session.close())
    finally:
        served.process.kill()
        loop.close()


def test_a_huge_message_closes_that_tab_only_and_leaves_no_traceback(isolated_home):
    served = start_server(isolated_home)
    loop = asyncio.new_event_loop()
    try:

        async def misbehave() -> None:
            session, socket = await open_game(served.url, "width=99999999&height=-5")
            for junk in ("not json", "{}", "[]", "[1, 2]", '["resize", "wide"]', '["stdin", 7]', "[" * 5000):
                await socket.send_str(junk)
            await socket.send_str('["stdin", "' + "x" * (MAX_MESSAGE + 1) + '"]')
            closed = await socket.receive(timeout=WAIT)
            while closed.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                closed = await socket.receive(timeout=WAIT)
            await session.close()

        loop.run_until_complete(misbehave())
        assert status(served.url, "/") == 200  # the server plays on
        assert status(served.url, "/" + "a" * 6000) == 414
    finally:
        loop.close()
        stop_server(served)
    assert "Traceback" not in served.output()


def test_terminal_sizes_are_whole_and_bounded():
    assert terminal_size("120", "40") == (120, 40)
    assert terminal_size("99999999", "-5") == (MAX_COLUMNS, 1)
    assert terminal_size("wide", None) == (80, 24)
    assert terminal_size(10**100, "3.5") == (MAX_COLUMNS, 24)
    assert MAX_ROWS < 1000


@pytest.mark.parametrize("text", ["", "x", "{}", "[]", "[3]", "null", "[" * 5000 + "]" * 5000])
def test_a_malformed_message_is_no_envelope(text):
    assert envelope_of(text) is None


def test_a_message_the_page_sends_is_an_envelope():
    assert envelope_of('["stdin", "q"]') == ("stdin", "q")
    assert envelope_of('["blur"]') == ("blur", None)


def test_no_game_starts_past_the_cap():
    games = Games("true")
    games.running = MAX_GAMES

    class Request:
        query: dict[str, str] = {}

    with pytest.raises(web.HTTPServiceUnavailable):
        asyncio.run(games.handle_websocket(Request()))  # type: ignore[arg-type]
