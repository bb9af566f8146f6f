"""The hands' server: each partner's phone at the table, for one round, inside the game's own process.

The game that plays the round starts it on its own event loop (Textual's), so an intent from a
phone reaches the round on the same thread as a key press: there is one owner of the round, and
the engine decides. Each partner has an address with their own secret; the page is served by
this server alone (nothing from outside) and talks over one websocket.

- Loopback only, unless the pair asked for the home network; then the phone's address is this
  computer's address on it. Either way a request must name one of the hosts the server listens
  as (no DNS rebinding), and a websocket must come from the hand page itself (Origin).
- A wrong secret, the other partner's secret used for a different hand, an oversized message and
  a flood of messages are refused, and nothing changes in the round.
- Nothing private in a URL after the secret, in a log (no access log) or in a cache (no-store).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiohttp import WSMsgType, hdrs, web

from ..core.hands import AloneIntent, Hand, HandTable, Intent
from ..core.hands.table import INTENT_ID
from ..core.play import Round
from .hand_page import HAND_DIR, render_hand_page
from .serve import LOCALHOST, MAX_PATH, SAFE_HOST, add_headers, lan_address, open_socket

if TYPE_CHECKING:
    from aiohttp.typedefs import Handler

MAX_MESSAGE = 4096  # bytes: an intent is a few dozen
BURST, PER_SECOND = 20, 5.0  # messages a hand may send at once, and refilled each second
HAND_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ws://{host}; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
FLOOD = 4008  # the websocket close code a flooding hand gets (a policy violation, in the private range)


@dataclass
class MessageBudget:
    """A token bucket: a phone taps a few times a second at most; a script sending more is cut off."""

    tokens: float = BURST
    last: float = field(default_factory=time.monotonic)

    def spend(self) -> bool:
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.last) * PER_SECOND)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class HandServer:
    """Both partners' hands for the round in play: start, push the state, stop."""

    def __init__(
        self,
        table: HandTable,
        game: Callable[[], Round | None],
        apply: Callable[[int, Intent | AloneIntent], Awaitable[None] | None],
        *,
        lan: bool = False,
        port: int = 0,
        joined: Callable[[int], None] = lambda player: None,
    ) -> None:
        self.table = table
        self.game = game
        self.apply = apply
        self.on_join = joined  # called with the player each time their hand (re)connects
        self.lan = lan
        self.port = port
        self.host = LOCALHOST
        self._runner: web.AppRunner | None = None
        self._sockets: dict[web.WebSocketResponse, tuple[Hand, asyncio.Event]] = {}

    # ------------------------------------------------------------------ life

    async def start(self) -> None:
        """Listen (loopback, or every interface when the pair asked for the home network). Raises OSError."""
        address = lan_address() if self.lan else None
        if self.lan and address is None:
            raise OSError("no home network was found on this computer")
        listener = open_socket("0.0.0.0" if self.lan else LOCALHOST, self.port)
        self.port = listener.getsockname()[1]
        self.host = address or LOCALHOST
        self._runner = web.AppRunner(self._application(), access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.SockSite(self._runner, listener).start()

    async def stop(self) -> None:
        """Close every hand and stop listening; the phones' pages say the table is closed."""
        for socket in list(self._sockets):
            with contextlib.suppress(Exception):
                await socket.close(message=b"the table is closed")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    def address(self, player: int) -> str:
        """The address one partner opens on their phone (it holds their secret: show it to them alone)."""
        return f"http://{self.host}:{self.port}/hand/{self.table.hands[player].secret}"

    def joined(self) -> set[int]:
        return {hand.player for hand, _ in self._sockets.values()}

    def push(self, player: int | None = None) -> None:
        """The round changed (or one partner's own corner): each hand concerned is sent its view, the latest only."""
        for hand, changed in self._sockets.values():
            if player in (None, hand.player):
                changed.set()

    # ------------------------------------------------------------------ requests

    def _hosts(self) -> set[str]:
        hosts = {f"{LOCALHOST}:{self.port}", f"localhost:{self.port}"}
        return hosts | ({f"{self.host}:{self.port}"} if self.lan else set())

    def _refusal(self, request: web.Request) -> str | None:
        host = request.host
        if not SAFE_HOST.fullmatch(host) or host not in self._hosts():
            return "an address this table doesn't answer to"
        origin = request.headers.get(hdrs.ORIGIN)
        websocket = request.headers.get(hdrs.UPGRADE, "").lower() == "websocket"
        if (origin is not None or websocket) and origin != f"http://{host}":
            return "a request from another page"
        return None

    def _application(self) -> web.Application:
        @web.middleware
        async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
            if len(request.raw_path) > MAX_PATH:
                raise web.HTTPRequestURITooLong(text="Spark: that address is too long.\n")
            reason = self._refusal(request)
            if reason is not None:
                raise web.HTTPForbidden(text=f"Spark: refused ({reason}).\n")
            return await handler(request)

        application = web.Application(middlewares=[guard], client_max_size=MAX_MESSAGE)
        application.add_routes(
            [
                web.get("/hand/{secret}", self._page),
                web.get("/hand/{secret}/ws", self._websocket),
                web.get("/hand-files/hand.js", self._file("hand.js", "text/javascript")),
                web.get("/hand-files/hand.css", self._file("hand.css", "text/css")),
            ]
        )
        application.on_response_prepare.append(add_headers)
        return application

    def _hand(self, request: web.Request) -> Hand:
        hand = self.table.hand_for(request.match_info["secret"])
        if hand is None:
            raise web.HTTPForbidden(text="Spark: refused (this address is not a hand at this table).\n")
        return hand

    def _file(self, name: str, content_type: str) -> Handler:
        body = (HAND_DIR / name).read_bytes()

        async def serve_file(request: web.Request) -> web.StreamResponse:
            return web.Response(body=body, content_type=content_type)

        return serve_file

    async def _page(self, request: web.Request) -> web.StreamResponse:
        hand = self._hand(request)
        response = web.Response(text=render_hand_page(self.table.players[hand.player]), content_type="text/html")
        response.headers["Content-Security-Policy"] = HAND_POLICY.format(host=request.host)
        return response

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        hand = self._hand(request)
        socket = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=20)
        await socket.prepare(request)
        changed = asyncio.Event()
        changed.set()  # a hand that (re)joins sees the round as it is now
        self._sockets[socket] = (hand, changed)
        self.on_join(hand.player)
        sender = asyncio.create_task(self._send_views(socket, hand, changed))
        try:
            await self._read_intents(socket, hand)
        finally:
            self._sockets.pop(socket, None)
            sender.cancel()
        return socket

    async def _send_views(self, socket: web.WebSocketResponse, hand: Hand, changed: asyncio.Event) -> None:
        sent: dict[str, object] | None = None
        with contextlib.suppress(ConnectionError, RuntimeError):
            while not socket.closed:
                await changed.wait()
                changed.clear()
                view = self.table.view(self.game(), hand.player)
                if view != sent:  # the same view again would tell a watcher of the socket that something moved
                    await socket.send_json({"view": view})
                    sent = view

    async def _read_intents(self, socket: web.WebSocketResponse, hand: Hand) -> None:
        budget = MessageBudget()
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                break  # an oversized or binary message ends the connection; the round is untouched
            if not budget.spend():
                await socket.close(code=FLOOD, message=b"too many messages")
                break
            try:
                asked = json.loads(message.data)
            except ValueError:
                continue
            intent = self.table.receive(hand, asked, self.game())
            if intent is not None:
                applied = self.apply(hand.player, intent)
                if applied is not None:
                    await applied  # a slow one (a PIN tried) holds this hand's next message, not the table
            if isinstance(asked, dict) and isinstance(asked.get("id"), str) and INTENT_ID.fullmatch(asked["id"]):
                await socket.send_json({"ack": asked["id"]})  # sent or not, the phone may forget it
