"""The games behind `spark-game serve`: textual-serve's Server, bounded.

Every browser tab starts a game process, so a page left reloading, or a hostile one, must not be
able to start them without end or pin one down: at most MAX_GAMES run at once, a message from the
browser is at most MAX_MESSAGE bytes, a terminal at most MAX_COLUMNS x MAX_ROWS, and a malformed
message is dropped without a traceback in the log.
"""

from __future__ import annotations

import asyncio
import json
import logging

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

MAX_GAMES = 8  # a couple needs two or three tabs; more is a page reloading in a loop, or someone's script
MAX_MESSAGE = 64 * 1024  # a key, a paste or a resize is far smaller
MAX_COLUMNS, MAX_ROWS = 400, 150  # wider than any screen; a larger terminal would only cost memory
DEFAULT_SIZE = (80, 24)

log = logging.getLogger("spark-game serve")


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """A size the game can draw: whole numbers from the browser, within one cell and the maximum."""

    def bounded(value: object, default: int, most: int) -> int:
        try:
            number = int(str(value))
        except ValueError:
            return default
        return min(max(number, 1), most)

    return bounded(width, DEFAULT_SIZE[0], MAX_COLUMNS), bounded(height, DEFAULT_SIZE[1], MAX_ROWS)


class Games(Server):
    """textual-serve's Server with a cap on games, messages and terminal sizes."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.running = 0

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if self.running >= MAX_GAMES:
            raise web.HTTPServiceUnavailable(text=f"Spark: {MAX_GAMES} games are open already; close a tab first.\n")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        width, height = terminal_size(request.query.get("width", "80"), request.query.get("height", "24"))
        self.running += 1
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as textual-serve passes it
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except (ConnectionResetError, web.HTTPException) as error:
            log.warning("a tab went away: %s", error)
        finally:
            self.running -= 1
            if service is not None:
                await service.stop()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        async for message in websocket:
            if message.type is not WSMsgType.TEXT:
                continue
            envelope = envelope_of(message.data)
            if envelope is None:
                continue  # not a message the page sends: dropped, the game goes on
            kind, data = envelope
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*terminal_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()


def envelope_of(text: str) -> tuple[str, object] | None:
    """A browser message as (kind, data), or None when it isn't a JSON list starting with a kind."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    return envelope[0], envelope[1] if len(envelope) > 1 else None
