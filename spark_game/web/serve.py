"""spark-game serve: the same game in a browser tab, on this computer or on a tablet at home.

textual-serve starts one game process per browser tab (``spark-game --home H``,
so every tab plays on the same home: saves, decks, history) and carries the
screen and the keys over a websocket. Spark serves its own page (the
``templates_path`` given to textual-serve's Server, in ``web/templates``) with
no external resource: the fonts, the script and the style all come from this
machine, and the page's Content-Security-Policy forbids anything else.

- By default the server listens on 127.0.0.1 only, and only answers requests
  addressed to 127.0.0.1 or localhost (no DNS rebinding) whose websocket comes
  from its own page (no other site can open a game in the background).
- ``--lan`` listens on every interface for a tablet on the home network; then
  every address starts with a fresh random secret (``/<token>/``) and a request
  without it gets 403, before any game is started.

aiohttp and textual-serve are imported only when the server starts, so the rest
of the command line starts as fast as before.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shlex
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..core.files.text import shown
from ..paths import Home
from .lifeline import SERVER_ENV

if TYPE_CHECKING:
    from aiohttp import web
    from aiohttp.typedefs import Handler, Middleware

DEFAULT_PORT = 8000
PORTS_TO_TRY = 100
LOCALHOST = "127.0.0.1"
EVERY_INTERFACE = "0.0.0.0"
WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
SPARK_STATIC_DIR = WEB_DIR / "static"
PAGE_TEMPLATE = "page.html"
SAFE_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
MAX_PATH = 1024  # characters; Spark's longest address is a few dozen
STOP_WAITING = 2.0  # seconds the server waits for open tabs to close when it stops
QUIET_ZONE = 4  # modules of light around a QR code, as its standard asks
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self'; "
    "connect-src 'self' {websocket}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Site:
    """Who may come in, and where things are: the home every tab plays on, the port, the token (--lan only)."""

    home: Home
    port: int
    token: str = ""

    @property
    def prefix(self) -> str:
        """What every path starts with: the secret token on the network, nothing on this computer only."""
        return f"/{self.token}" if self.token else ""

    def url(self, host: str) -> str:
        return f"http://{host}:{self.port}{self.prefix}/"

    def refusal(self, path: str, host: str, origin: str | None, websocket: bool) -> str | None:
        """Why a request is refused with 403, or None when it may come in."""
        if not SAFE_HOST.fullmatch(host):
            return "a malformed Host header"
        if self.token:
            first = path.split("/")[1] if path.startswith("/") else ""
            if not secrets.compare_digest(first.encode(), self.token.encode()):
                return "no secret token in the address"
        elif host not in (f"{LOCALHOST}:{self.port}", f"localhost:{self.port}"):
            return "an address that isn't this computer's"
        if websocket and origin != f"http://{host}":
            return "a websocket opened by another page"
        return None


def game_command(home: Home) -> str:
    """The shell command textual-serve runs for each tab: this Python, this Spark, this home.

    `exec` puts the game in the shell's place, so the server is its parent (see lifeline.py).
    """
    return "exec " + shlex.join([sys.executable, "-m", "spark_game", "--home", str(home.root)])


def open_socket(host: str, first_port: int) -> socket.socket:
    """A listening socket on first_port or the next free one (0: any free port the system picks)."""
    last = first_port if first_port == 0 else min(first_port + PORTS_TO_TRY, 65536)
    for port in range(first_port, max(last, first_port + 1)):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((host, port))
        except OSError as error:
            listener.close()
            if error.errno != errno.EADDRINUSE:
                raise
            continue
        listener.listen(128)
        return listener
    raise OSError(errno.EADDRINUSE, f"no free port from {first_port} to {last - 1}")


def lan_address() -> str | None:
    """This computer's address on the home network, or None; nothing is sent (a UDP socket only picks a route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == EVERY_INTERFACE else address


def qr_lines(text: str, quiet_zone: int = QUIET_ZONE) -> list[str]:
    """A QR code of text in half blocks (a dark module is a lit half: print it dark on light)."""
    import segno

    code = segno.make(text, error="m")
    rows = [list(row) for row in code.matrix_iter(scale=1, border=quiet_zone)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    blocks = {(0, 0): " ", (1, 0): "▀", (0, 1): "▄", (1, 1): "█"}
    return [
        "".join(blocks[bool(a), bool(b)] for a, b in zip(top, bottom, strict=True))
        for top, bottom in zip(rows[::2], rows[1::2], strict=True)
    ]


def write_qr(text: str, out: TextIO) -> None:
    """A QR code of text, dark on light whatever the terminal's colours."""
    colour, reset = ("\x1b[30;107m", "\x1b[0m") if out.isatty() else ("", "")
    for line in qr_lines(text):
        out.write(f"  {colour}{line}{reset}\n")


def announce(site: Site, out: TextIO) -> None:
    """Where to point the browser, and for --lan the code a tablet can scan."""
    say = out.write
    if not site.token:
        say(f"Spark is ready in your browser at {site.url(LOCALHOST)}\n")
        say(f"Each tab plays on the home {shown(str(site.home.root))}. Only this computer can open it.\n")
    else:
        here = lan_address()
        say(f"Spark is on your home network at {site.url(here or '<this computer>')}\n")
        say(f"On this computer: {site.url(LOCALHOST)}\n")
        if here:
            say("Scan this with a tablet or phone on the same network, or type the address:\n")
            write_qr(site.url(here), out)
        else:
            say("No home network was found; a tablet can't reach this computer yet.\n")
        say("The secret part of the address is new at every start; without it the game isn't shown.\n")
        say("Use --lan only on a network you trust, like your home's: anyone with the address can play.\n")
    say("Ctrl+C stops the server.\n")
    out.flush()


def guard(site: Site) -> Middleware:
    """The middleware that turns away, with 403 and before any game starts, what Site.refusal refuses."""
    from aiohttp import hdrs, web

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if len(request.raw_path) > MAX_PATH:
            raise web.HTTPRequestURITooLong(text="Spark: that address is too long.\n")
        websocket = request.headers.get(hdrs.UPGRADE, "").lower() == "websocket"
        reason = site.refusal(request.path, request.host, request.headers.get(hdrs.ORIGIN), websocket)
        if reason is not None:
            raise web.HTTPForbidden(text=f"Spark: refused ({reason}).\n")
        return await handler(request)

    return middleware


async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
    """No address (and so no token) is ever sent on, and no response is sniffed or kept."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"


def page_handler(site: Site) -> Handler:
    """Spark's page, whose websocket points back at the address the browser used."""
    import aiohttp_jinja2

    async def page(request: web.Request) -> web.StreamResponse:
        websocket = f"ws://{request.host}{site.prefix}/ws"
        context = {
            "static": f"{site.prefix}/static/",
            "spark": f"{site.prefix}/spark/",
            "websocket": websocket,
        }
        response = aiohttp_jinja2.render_template(PAGE_TEMPLATE, request, context)
        response.headers["Content-Security-Policy"] = PAGE_POLICY.format(websocket=websocket)
        return response

    return page


def build_application(site: Site) -> web.Application:
    """The page, textual-serve's websocket (one game process per tab) and the static files, under the prefix."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web

    from .games import Games

    game = Games(
        game_command(site.home),
        port=site.port,
        title="Spark",
        templates_path=TEMPLATES_DIR,
    )
    application = web.Application(middlewares=[guard(site)])
    aiohttp_jinja2.setup(application, loader=jinja2.FileSystemLoader(game.templates_path), autoescape=True)
    prefix = site.prefix

    async def to_page(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"{prefix}/")

    application.add_routes(
        [
            web.get(f"{prefix}/", page_handler(site)),
            *([web.get(prefix, to_page)] if prefix else []),
            web.get(f"{prefix}/ws", game.handle_websocket),
            web.static(f"{prefix}/static", game.statics_path),
            web.static(f"{prefix}/spark", SPARK_STATIC_DIR),
        ]
    )
    application.on_response_prepare.append(add_headers)
    application.on_shutdown.append(say_stopping)
    return application


async def say_stopping(application: web.Application) -> None:
    print("Stopping: the games open in a browser are closed (their rounds are saved)…", flush=True)


def serve(home: Home, port: int = DEFAULT_PORT, lan: bool = False) -> int:
    """Run the server until Ctrl+C; every browser tab gets its own game on this home."""
    import logging

    from aiohttp import web

    if not 0 <= port <= 65535:
        print(f"spark-game serve: --port must be between 0 and 65535, not {port}", file=sys.stderr)
        return 2
    listener = open_socket(EVERY_INTERFACE if lan else LOCALHOST, port)
    site = Site(home, listener.getsockname()[1], secrets.token_urlsafe(16) if lan else "")
    logging.basicConfig(level=logging.WARNING, format="spark-game serve: %(message)s")
    os.environ[SERVER_ENV] = str(os.getpid())  # the games it starts end with it (lifeline.py)
    announce(site, sys.stdout)
    web.run_app(
        build_application(site),
        sock=listener,
        print=None,
        access_log=None,
        shutdown_timeout=STOP_WAITING,
    )
    return 0
