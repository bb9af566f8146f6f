"""The pieces of `spark-game serve` on their own: who gets in, the port, the command per tab, the QR code."""

from __future__ import annotations

import io
import shlex
import socket
import sys
from pathlib import Path

import pytest
import segno

from spark_game.paths import Home
from spark_game.web.serve import QUIET_ZONE, Site, game_command, open_socket, write_qr

TOKEN = "s3cret-Token_0123456789"


def test_on_this_computer_only_its_own_names_and_its_own_page_get_in():
    site = Site(Home(Path("/h")), 8000)
    assert site.url("127.0.0.1") == "http://127.0.0.1:8000/"
    assert site.refusal("/", "127.0.0.1:8000", None, websocket=False) is None
    assert site.refusal("/", "localhost:8000", None, websocket=False) is None
    assert site.refusal("/ws", "127.0.0.1:8000", "http://127.0.0.1:8000", websocket=True) is None
    assert site.refusal("/", "evil.example:8000", None, websocket=False)  # DNS rebinding
    assert site.refusal("/", "127.0.0.1:8001", None, websocket=False)
    assert site.refusal("/ws", "127.0.0.1:8000", "http://evil.example", websocket=True)
    assert site.refusal("/ws", "127.0.0.1:8000", None, websocket=True)
    assert site.refusal("/", "127.0.0.1:8000\r\nX: y", None, websocket=False)


@pytest.mark.parametrize(
    "path", ["/", "/ws", "/static/js/textual.js", f"/{TOKEN[:-1]}/", f"/{TOKEN}x/", f"/x/{TOKEN}/", "", "ws"]
)
def test_on_the_network_nothing_without_the_token(path):
    site = Site(Home(Path("/h")), 8000, TOKEN)
    assert site.refusal(path, "192.168.1.20:8000", None, websocket=False) == "no secret token in the address"


def test_on_the_network_the_token_opens_every_path_from_any_address():
    site = Site(Home(Path("/h")), 8000, TOKEN)
    assert site.url("192.168.1.20") == f"http://192.168.1.20:8000/{TOKEN}/"
    for path in (f"/{TOKEN}", f"/{TOKEN}/", f"/{TOKEN}/static/js/textual.js"):
        assert site.refusal(path, "192.168.1.20:8000", None, websocket=False) is None
    origin = "http://192.168.1.20:8000"
    assert site.refusal(f"/{TOKEN}/ws", "192.168.1.20:8000", origin, websocket=True) is None
    assert site.refusal(f"/{TOKEN}/ws", "192.168.1.20:8000", "http://evil.example", websocket=True)


def test_each_tab_runs_this_python_on_this_home_even_with_spaces_and_quotes(tmp_path):
    home = tmp_path / "our home's 'folder'"
    assert shlex.split(game_command(Home(home))) == ["exec", sys.executable, "-m", "spark_game", "--home", str(home)]


def test_a_taken_port_means_the_next_free_one():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        listener = open_socket("127.0.0.1", port)
        with listener:
            assert listener.getsockname()[1] > port


def test_port_zero_lets_the_system_choose():
    with open_socket("127.0.0.1", 0) as listener:
        assert listener.getsockname()[1] > 0


def test_the_qr_code_in_half_blocks_is_the_code_itself():
    url = f"http://192.168.1.20:8000/{TOKEN}/"
    out = io.StringIO()
    write_qr(url, out)
    halves = {" ": (0, 0), "▀": (1, 0), "▄": (0, 1), "█": (1, 1)}
    lines = [line.removeprefix("  ") for line in out.getvalue().splitlines()]
    drawn = [[halves[char][half] for char in line] for line in lines for half in (0, 1)]
    expected = [list(row) for row in segno.make(url, error="m").matrix_iter(scale=1, border=QUIET_ZONE)]
    assert drawn[: len(expected)] == expected
    assert "\x1b" not in out.getvalue()  # no colours when the output isn't a terminal
