"""`spark-game serve` in a real browser: Debian's Chromium, driven by Playwright.

The server runs as the user runs it (a subprocess on a free port, a temp home);
the browser plays a whole 6-turn round with clicks and keys, from New round to
the summary, and every request the page made must have gone to 127.0.0.1.
With --lan, nothing is served without the secret token, and the page served
with it plays. Chromium is Debian's (`.ci/run` installs it): Playwright's own
browser download can't be used here, so it is launched by its path.

The screen is read from xterm.js's own buffer: an init script keeps hold of the
Terminal object that textual.js creates (it assigns `_core` in its constructor).
"""

from __future__ import annotations

import http.client
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
WAIT = 20.0  # seconds: generous for a loaded CI machine; a healthy step takes well under one
# Seconds after each click or key, as a person leaves: Textual moves focus after a click on the next
# turn of its loop, so an Input clicked 30 ms after a RadioSet can lose the focus it just got.
HUMAN_PAUSE = 0.25

KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "_core", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_core", {value, writable: true, configurable: true, enumerable: true});
    if (typeof this.loadAddon === "function") { window.sparkTerminal = this; }
  },
});
"""
SCREEN_LINES = """() => {
  const term = window.sparkTerminal;
  if (!term) { return []; }
  const buffer = term.buffer.active;
  return Array.from({length: term.rows}, (_, y) => buffer.getLine(buffer.viewportY + y).translateToString(true));
}"""
# The cell (column, row) where needle starts, counting wide characters as the cells they cover.
FIND_CELL = """([needle, skipLast]) => {
  const term = window.sparkTerminal;
  const buffer = term.buffer.active;
  for (let y = 0; y < term.rows - (skipLast ? 1 : 0); y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    let text = "";
    const columns = [];
    for (let x = 0; x < term.cols; x++) {
      const cell = line.getCell(x);
      if (cell.getWidth() === 0) { continue; }
      const chars = cell.getChars() || " ";
      for (let i = 0; i < chars.length; i++) { text += chars[i]; columns.push(x); }
    }
    const at = text.indexOf(needle);
    if (at >= 0) { return [columns[at], y, term.cols, term.rows]; }
  }
  return null;
}"""


@dataclass
class Served:
    """A running `spark-game serve` and what it printed."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    url: str = ""  # the address on this computer

    def output(self) -> str:
        return "".join(self.lines)


def start_server(home: Path, *options: str) -> Served:
    command = [sys.executable, "-m", "spark_game", "--home", str(home), "serve", "--port", "0", *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = Served(process)
    arrived: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            served.lines.append(line)
            arrived.put(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + WAIT
    while "Ctrl+C" not in served.output() and time.monotonic() < deadline:  # its last line
        try:
            arrived.get(timeout=0.2)
        except queue.Empty:
            assert process.poll() is None, f"spark-game serve stopped:\n{served.output()}"
    found = re.search(r"http://127\.0\.0\.1:\d+/\S*", served.output())
    assert found, f"spark-game serve printed no address:\n{served.output()}"
    served.url = found.group(0)
    address = urlsplit(served.url)
    with socket.create_connection((address.hostname, address.port), timeout=WAIT):
        pass  # the port answers
    return served


def stop_server(served: Served) -> None:
    served.process.send_signal(signal.SIGINT)
    print(served.output())  # shown when the test fails: the games' own errors end up here
    try:
        served.process.wait(timeout=WAIT)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()
        pytest.fail("spark-game serve didn't stop on Ctrl+C")


@pytest.fixture
def server(isolated_home: Path) -> Iterator[Served]:
    served = start_server(isolated_home)
    yield served
    stop_server(served)


@pytest.fixture
def lan_server(isolated_home: Path) -> Iterator[Served]:
    served = start_server(isolated_home, "--lan")
    yield served
    stop_server(served)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert shutil.which(CHROMIUM), "Debian's chromium is missing: apt-get install chromium (.ci/run does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Screen:
    """The game as the browser shows it: read its text, click a word on it, press keys."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def text(self) -> str:
        return "\n".join(self.page.evaluate(SCREEN_LINES))

    def wait_for(self, needle: str) -> None:
        deadline = time.monotonic() + WAIT
        while needle not in self.text():
            if time.monotonic() > deadline:
                closed = self.page.evaluate("document.body.classList.contains('-closed')")
                pytest.fail(
                    f"{needle!r} never showed{' (the game closed)' if closed else ''}; the screen:\n{self.text()}"
                )
            time.sleep(0.05)

    def click(self, needle: str) -> None:
        """Click the middle of needle's first cell, above the footer (whose keys are clickable too)."""
        self.wait_for(needle)
        found = self.page.evaluate(FIND_CELL, [needle, True])
        assert found is not None, f"{needle!r} is only in the footer:\n{self.text()}"
        column, row, columns, rows = found
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        width, height = box["width"] / columns, box["height"] / rows
        self.page.mouse.click(box["x"] + (column + 0.5) * width, box["y"] + (row + 0.5) * height)
        time.sleep(HUMAN_PAUSE)

    def settled(self) -> str:
        """The screen once it has stayed the same for half a second (a scroll or a fade has ended)."""
        deadline = time.monotonic() + WAIT
        last, since = self.text(), time.monotonic()
        while time.monotonic() - since < 0.5 and time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.text()
            if now != last:
                last, since = now, time.monotonic()
        return last

    def scroll_up_to(self, needle: str) -> None:
        """Turn the mouse wheel, a notch at a time, until needle shows."""
        for _ in range(40):
            if needle in self.settled():
                return
            self.page.mouse.wheel(0, -100)
        self.wait_for(needle)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        time.sleep(HUMAN_PAUSE)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=20)


def open_game(browser: Browser, url: str) -> tuple[Page, Screen, list[str]]:
    """A fresh page on url; the list fills with every request the page makes, websockets included."""
    page = browser.new_page(viewport=VIEWPORT)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda websocket: requests.append(websocket.url))
    page.add_init_script(KEEP_TERMINAL)
    page.goto(url)
    return page, Screen(page), requests


def play_turn(screen: Screen, turn: int) -> None:
    """Odd turns by keys (s, Enter, 3), even turns by clicks (a deck, Done, a reaction)."""
    screen.wait_for(f"Turn {turn} of 6")
    screen.wait_for("choose a deck")
    if turn % 2:
        screen.press("s")
    else:
        unplayed = re.search(r"[1-9]  \w[\w ]*\w(?= *▎)", screen.text())  # a deck not played yet tonight
        assert unplayed is not None, screen.text()
        screen.click(unplayed.group(0))
    screen.wait_for("♡ Favourite")
    if turn % 2:
        screen.press("Enter")
    else:
        screen.click("Done")
    screen.wait_for("3 · Loved it")
    if turn % 2:
        screen.press("3")
    else:
        screen.click("2 · Warm")


def test_a_whole_round_in_the_browser_and_nothing_leaves_127_0_0_1(
    server: Served, browser: Browser, tmp_path: Path
) -> None:
    page, screen, requests = open_game(browser, server.url)
    assert page.title() == "Spark"
    screen.click("New round")
    screen.wait_for("Who's playing tonight?")
    screen.type("Ana")
    screen.click("6 turns")
    screen.click("The other")
    screen.type("Bo")
    screen.press("Enter")  # the second name's Enter starts the round
    for turn in range(1, 7):
        play_turn(screen, turn)
    screen.wait_for("To close the round, together")
    screen.click("Done: see our round")
    screen.wait_for("Play again")  # the summary, scrolled down to its focused button when the window is short
    screen.scroll_up_to("What a round.")
    assert "6 cards done, 0 passed." in screen.text(), screen.text()
    page.screenshot(path=tmp_path / "summary.png")
    page.close()

    hosts = {urlsplit(url).hostname for url in requests}
    assert hosts == {"127.0.0.1"}, requests
    assert any(url.startswith("ws://127.0.0.1") for url in requests)
    assert any(url.endswith(".ttf") for url in requests), "the font comes from this server"


def status(url: str, path: str, headers: dict[str, str] | None = None) -> int:
    address = urlsplit(url)
    assert address.hostname is not None
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=WAIT)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


WEBSOCKET_HEADERS = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13"}
WEBSOCKET_HEADERS["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ=="


def test_on_the_network_nothing_is_served_without_the_token(lan_server: Served, browser: Browser) -> None:
    url = lan_server.url
    token = urlsplit(url).path.strip("/")
    assert len(token) >= 20
    output = lan_server.output()
    assert "trust" in output and "Ctrl+C" in output
    assert "▀" in output or "▄" in output or "No home network" in output  # the QR code, when there is a network
    origin = {"Origin": f"http://{urlsplit(url).netloc}"}
    for path in ("/", "/ws", "/static/js/textual.js", "/spark/spark.js", f"/{token[:-1]}/", f"/{token}x/ws"):
        assert status(url, path) == 403, path
        assert status(url, path, WEBSOCKET_HEADERS | origin) == 403, path
    assert status(url, f"/{token}/") == 200
    assert status(url, f"/{token}/static/js/textual.js") == 200

    page, screen, requests = open_game(browser, url)
    screen.wait_for("New round")
    page.close()
    assert {urlsplit(request).hostname for request in requests} == {"127.0.0.1"}
    assert all(urlsplit(request).path.startswith(f"/{token}/") for request in requests), requests


def test_on_this_computer_other_hosts_and_other_pages_are_refused(server: Served) -> None:
    """A site that points its name at 127.0.0.1, or opens the websocket from its own page, gets no game."""
    url = server.url
    port = urlsplit(url).port
    assert status(url, "/") == 200
    assert status(url, "/", {"Host": f"localhost:{port}"}) == 200
    assert status(url, "/", {"Host": f"attacker.example:{port}"}) == 403
    assert status(url, "/ws", WEBSOCKET_HEADERS | {"Origin": "http://attacker.example"}) == 403
    assert status(url, "/ws", WEBSOCKET_HEADERS) == 403  # a websocket with no page behind it
