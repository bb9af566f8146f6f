"""Kernel file locks: one window per round, one writer of the history at a time.

A lock is `flock` on a file beside what it guards, held for as long as it is
needed and released by the kernel when the process ends, however it ends: a
crash or a closed terminal never leaves a round locked. The lock file's text
(pid and host) is only there for the message a second window shows.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path

from ..files.tidy import private_folder
from .reader import SaveError

try:
    import fcntl
except ImportError:  # Windows: no flock; the lock then guards this process only
    fcntl = None  # type: ignore[assignment]


class RoundLocked(SaveError):
    """The round is open in another Spark window."""


class FileLock:
    """An exclusive, non-blocking (or waiting) flock on `path`, which is created if needed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def acquire(self, *, wait: bool = False) -> bool:
        """Take the lock; False when another process holds it (never False with wait=True)."""
        while self._descriptor is None:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            if not _flock(descriptor, wait=wait):
                os.close(descriptor)
                return False
            if _same_file(descriptor, self.path):
                self._descriptor = descriptor
            else:  # the holder before us removed the file as it let go: lock the new one instead
                os.close(descriptor)
        return True

    def release(self, *, remove: bool = False) -> None:
        if self._descriptor is None:
            return
        if remove:  # removed while still held, so nobody can lock the old file after us
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(self._descriptor)
        self._descriptor = None

    def write_owner(self) -> None:
        """Note who holds the lock, for the message another window shows."""
        assert self._descriptor is not None
        os.ftruncate(self._descriptor, 0)
        os.pwrite(self._descriptor, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)


def _flock(descriptor: int, *, wait: bool) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


class RoundLock:
    """Held while a round is open in a window; rename and delete take it too."""

    def __init__(self, save_path: Path) -> None:
        self.path = save_path.with_name(save_path.name + ".lock")
        self._lock = FileLock(self.path)

    @property
    def held(self) -> bool:
        return self._lock.held

    def acquire(self) -> None:
        """Take the round, or raise RoundLocked naming who has it."""
        try:
            private_folder(self.path.parent)
            taken = self._lock.acquire()
        except OSError as error:
            raise SaveError(f"can't lock {self.path.name}: {error.strerror or error}") from None
        if not taken:
            raise RoundLocked(f"this round is open in another Spark window{self._owner()}")
        with contextlib.suppress(OSError):
            self._lock.write_owner()

    def release(self) -> None:
        self._lock.release(remove=True)

    def _owner(self) -> str:
        try:
            pid, host = self.path.read_text(encoding="utf-8", errors="replace").split()[:2]
        except (OSError, ValueError):
            return ""
        here = host == socket.gethostname()
        return f" (process {pid}{'' if here else ' on ' + host[:40]})" if pid.isdigit() else ""

    def __enter__(self) -> RoundLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
