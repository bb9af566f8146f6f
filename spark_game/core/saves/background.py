"""Saving while a round is played: one worker thread, and the file a round in play writes to."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..play import Round
from .document import SavedRound, save_document, summarise, write_save_bytes
from .encoder import SaveEncoder
from .folder import new_save_path
from .lock import RoundLock

HOLD_LIMIT = 1.0  # seconds a held write waits at most for `resume`: a screen that never says so loses no save


class BackgroundSaver:
    """Writes saves on one worker thread, in order, so the screen never waits on a disk.

    Encoding a save holds the GIL for a few milliseconds. A screen that has a frame to draw after a
    key can `hold` the writes it submits and `resume` them once the frame is written, so the save
    never competes with the paint.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spark-save")
        self._last: Future[Any] | None = None
        self._lock = threading.Lock()
        self._resumed = threading.Event()
        self._resumed.set()

    def submit(self, write: Callable[..., object], *args: Any, **kwargs: Any) -> Future[Any]:
        """Run write(*args, **kwargs) after every write submitted before it (and, when held, after `resume`)."""
        with self._lock:
            self._last = self._executor.submit(self._run, write, args, kwargs)
            return self._last

    def _run(self, write: Callable[..., object], args: tuple[Any, ...], kwargs: dict[str, Any]) -> object:
        self._resumed.wait(HOLD_LIMIT)
        return write(*args, **kwargs)

    def hold(self) -> None:
        """Writes wait (at most HOLD_LIMIT) until `resume` or `flush`."""
        self._resumed.clear()

    def resume(self) -> None:
        self._resumed.set()

    def flush(self) -> None:
        """Wait for every write submitted so far (held ones are let go)."""
        self.resume()
        with self._lock:
            last = self._last
        if last is not None:
            last.exception()

    def close(self) -> None:
        self.resume()
        self._executor.shutdown(wait=True)


@dataclass
class RoundFile:
    """Where a round in play is saved, and what its summary keeps from one save to the next."""

    path: Path
    save_id: str
    started: datetime
    name: str = ""
    lock: RoundLock | None = None
    encoder: SaveEncoder = field(default_factory=SaveEncoder, repr=False, compare=False)

    @classmethod
    def create(cls, saves_dir: Path, players: tuple[str, str], now: datetime) -> RoundFile:
        path = new_save_path(saves_dir, players)
        return cls(path, path.stem.rsplit("-", 1)[-1], now)

    @classmethod
    def of(cls, saved: SavedRound, lock: RoundLock) -> RoundFile:
        """The file of a saved round, with the lock already taken before it was read."""
        return cls(saved.path, saved.summary.id, saved.summary.started, saved.summary.name, lock)

    def document(self, game: Round, now: datetime) -> dict[str, Any]:
        return save_document(game, summarise(game, self.save_id, self.started, now, self.name))

    def write(self, game: Round, now: datetime) -> None:
        """Save a snapshot of the round (on the saver's thread), encoding again only what changed."""
        summary = summarise(game, self.save_id, self.started, now, self.name)
        write_save_bytes(self.path, self.encoder.encode(game, summary))

    def open(self) -> None:
        if self.lock is None:
            self.lock = RoundLock(self.path)
        if not self.lock.held:
            self.lock.acquire()

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
