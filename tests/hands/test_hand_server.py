"""The hands' server refuses what isn't a partner's own hand, and changes nothing when it does."""

from __future__ import annotations

import asyncio
import json
import re

import aiohttp
import pytest

from spark_game.core.hands import HandTable, Intent
from spark_game.core.play import Action, Phase
from spark_game.web.hands import BURST, FLOOD, MAX_MESSAGE, HandServer

from ..toolkit import simple_round

MOVES = {
    Action.REACT: lambda game, value: game.react(value),
    Action.PASS: lambda game, _: game.pass_card(),
    Action.BRAKE: lambda game, _: game.brake(),
}


class Table:
    """A round and its hands' server, with every applied intent written down (the UI's part, in plain code)."""

    def __init__(self, players=("Ana", "Bo")) -> None:
        self.game = simple_round()
        self.game.choose_deck("d")
        self.game.complete()  # Bo reacts next
        self.applied: list[tuple[int, Intent]] = []
        self.server = HandServer(HandTable(players), lambda: self.game, self.apply)

    def apply(self, player: int, intent: Intent) -> None:
        self.applied.append((player, intent))
        MOVES[intent.action](self.game, intent.argument)
        self.server.push()

    def address(self, player: int) -> str:
        return self.server.address(player)

    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"


@pytest.fixture
async def table():
    table = Table()
    await table.server.start()
    yield table
    await table.server.stop()


async def connect(session, url, origin):
    return await session.ws_connect(url.replace("http://", "ws://") + "/ws", headers={"Origin": origin})


async def next_view(socket) -> dict:
    while True:
        message = await asyncio.wait_for(socket.receive_json(), 5)
        if "view" in message:
            return message["view"]


async def test_a_hand_sees_its_own_view_and_its_intent_is_applied_once(table):
    async with aiohttp.ClientSession() as session:
        bo = await connect(session, table.address(1), table.origin())
        view = await next_view(bo)
        assert (view["me"], view["state"], view["actions"]) == ("Bo", "react", ["react", "brake"])
        intent = {"id": "bo-tap-0001", "do": "react", "value": 2}
        await bo.send_json(intent)
        await bo.send_json(intent)  # sent again after a blip: applied once
        view = await next_view(bo)
        assert view["state"] == "choose"
        await bo.close()
    assert table.applied == [(1, Intent(Action.REACT, 2))]


async def test_one_partner_can_not_act_as_the_other(table):
    async with aiohttp.ClientSession() as session:
        ana = await connect(session, table.address(0), table.origin())
        await next_view(ana)
        await ana.send_json({"id": "ana-tries-bo", "do": "react", "value": 0})
        await ana.send_json({"id": "ana-tries-bo2", "do": "react", "value": 0, "player": 1})
        await ana.close()
    assert table.applied == [] and table.game.phase is Phase.REACT


@pytest.mark.parametrize("path", ["/hand/", "/hand/not-a-secret", "/hand/{secret}x", "/hand/{secret}/../x"])
async def test_a_wrong_or_missing_secret_is_refused(table, path):
    secret = table.server.table.hands[0].secret
    async with aiohttp.ClientSession() as session:
        async with session.get(table.origin() + path.format(secret=secret)) as response:
            assert response.status in (403, 404)
            assert secret not in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await connect(session, table.origin() + path.format(secret=secret), table.origin())
    assert table.applied == []


async def test_a_bad_host_and_a_foreign_origin_are_refused(table):
    async with aiohttp.ClientSession() as session:
        for host in ("evil.example", f"evil.example:{table.server.port}", "127.0.0.1:1"):
            async with session.get(table.address(0), headers={"Host": host}) as response:
                assert response.status == 403  # a rebound name can't reach the hand
        for origin in ("http://evil.example", "null", f"https://127.0.0.1:{table.server.port}"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await connect(session, table.address(1), origin)
            assert refused.value.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError):  # no Origin at all: not the hand page
            await session.ws_connect(table.address(1).replace("http://", "ws://") + "/ws")
    assert table.applied == []


async def test_the_page_is_private_escaped_and_loads_nothing_from_outside():
    table = Table(players=("<b>Ana</b>", "Bo"))
    await table.server.start()
    try:
        async with aiohttp.ClientSession() as session, session.get(table.address(0)) as response:
            page = await response.text()
            headers = response.headers
    finally:
        await table.server.stop()
    assert response.status == 200
    assert "&lt;b&gt;Ana&lt;/b&gt;" in page and "<b>Ana</b>" not in page
    assert headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # every file comes from this server


async def test_an_oversized_message_ends_the_connection_and_changes_nothing(table):
    async with aiohttp.ClientSession() as session:
        bo = await connect(session, table.address(1), table.origin())
        await next_view(bo)
        padding = "x" * MAX_MESSAGE
        await bo.send_str(json.dumps({"id": "bo-big-00001", "do": "react", "value": 2, "pad": padding}))
        closed = await asyncio.wait_for(bo.receive(), 5)
        while closed.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            closed = await asyncio.wait_for(bo.receive(), 5)
    assert table.applied == [] and table.game.phase is Phase.REACT


async def test_a_flood_is_cut_off_after_the_burst(table):
    async with aiohttp.ClientSession() as session:
        ana = await connect(session, table.address(0), table.origin())
        await next_view(ana)
        for number in range(BURST * 5):
            await ana.send_json({"id": f"flood-{number:06d}", "do": "nothing"})
        codes = set()
        while not ana.closed:
            message = await asyncio.wait_for(ana.receive(), 5)
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        codes.add(ana.close_code)
    assert codes == {FLOOD}
    assert table.applied == []


async def test_a_hand_that_comes_back_sees_the_round_as_it_is_now(table):
    async with aiohttp.ClientSession() as session:
        ana = await connect(session, table.address(0), table.origin())
        assert (await next_view(ana))["state"] == "react"
        await ana.close()  # the phone sleeps
        table.game.react(1)
        table.game.choose_deck("d")
        ana = await connect(session, table.address(0), table.origin())
        view = await next_view(ana)
        assert view["state"] == "card" and view["whose"] == "Bo" and view["actions"] == ["pass", "brake"]
        await ana.close()


async def test_when_the_table_closes_every_hand_is_told(table):
    async with aiohttp.ClientSession() as session:
        ana = await connect(session, table.address(0), table.origin())
        await next_view(ana)
        await table.server.stop()
        message = await asyncio.wait_for(ana.receive(), 5)
        while message.type is aiohttp.WSMsgType.TEXT:
            message = await asyncio.wait_for(ana.receive(), 5)
        assert message.type is aiohttp.WSMsgType.CLOSE and message.extra == "the table is closed"
