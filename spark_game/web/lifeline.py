"""A game started by `spark-game serve` dies with its server, even when the server is killed outright.

The server puts its process id in SERVER_ENV for its games. A game started with it asks Linux to
send it SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG: the game command starts with `exec`,
so the server is the parent), and a watcher thread checks once a second that the server is still
there (for other systems, and should a shell sit between them). A game that dies this way loses
nothing: every step of a round is saved as it happens, and its lock goes with the process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

SERVER_ENV = "SPARK_GAME_SERVER_PID"
PR_SET_PDEATHSIG = 1
CHECK_EVERY = 1.0  # seconds


def follow_server() -> None:
    """When started by a server, end with it (no-op otherwise)."""
    try:
        server = int(os.environ.get(SERVER_ENV, ""))
    except ValueError:
        return
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    threading.Thread(target=_watch, args=(server,), name="spark-lifeline", daemon=True).start()


def _watch(server: int) -> None:
    while _alive(server):
        time.sleep(CHECK_EVERY)
    os.kill(os.getpid(), signal.SIGTERM)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, under another user: the id was reused, the server is gone
        return False
    return True
