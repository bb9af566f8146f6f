"""The round lock: two windows never write the same round."""

from __future__ import annotations

import contextlib
import os
import socket
import time
from pathlib import Path

from .reader import SaveError


class RoundLocked(SaveError):
    """The round is open in another Spark window."""


class RoundLock:
    """A lock file beside the save, so two windows never write the same round.

    It records the process id and host; a lock left by a process that has gone
    (a crash, a closed terminal) is taken over rather than kept forever.
    """

    STALE_AFTER = 12 * 3600  # seconds, for a lock from another host we can't check

    def __init__(self, save_path: Path) -> None:
        self.path = save_path.with_name(save_path.name + ".lock")
        self.held = False

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                if self._is_stale():
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                raise RoundLocked("this round is open in another Spark window") from None
            with os.fdopen(descriptor, "w") as stream:
                stream.write(f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n")
            self.held = True
            return
        raise RoundLocked("this round is open in another Spark window")

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self.held = False

    def _is_stale(self) -> bool:
        try:
            pid_text, host, stamp = self.path.read_text().split()
            pid, started = int(pid_text), int(stamp)
        except (OSError, ValueError):
            return True  # unreadable: nobody can be relying on it
        if host != socket.gethostname():
            return time.time() - started > self.STALE_AFTER
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
