"""The saves folder: listing (with an index), backups, rename and delete."""

from __future__ import annotations

import contextlib
import secrets
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..atomic import atomic_write, backup_path, keep_aside
from ..text import slugify
from ..verified_cache import read_cache, write_cache
from .document import (
    NAME_LIMIT,
    SaveSummary,
    read_save,
    read_summary,
    save_document,
    summary_from_table,
    summary_table,
    write_save,
)
from .lock import RoundLock
from .reader import SaveError


@dataclass
class SaveEntry:
    """One file in the saves folder: its summary, or why it can't be used."""

    path: Path
    summary: SaveSummary | None = None
    problem: str | None = None
    backup_ok: bool = False

    @property
    def id(self) -> str:
        return self.summary.id if self.summary else self.path.stem.rsplit("-", 1)[-1]


def new_save_path(saves_dir: Path, players: tuple[str, str]) -> Path:
    """A fresh file inside saves_dir, named from the players plus a unique id."""
    slug = slugify(f"{players[0]}-and-{players[1]}", limit=40, fallback="round")
    while True:
        path = saves_dir / f"{slug}-{secrets.token_hex(4)}.toml"
        if not path.exists():
            return path


INDEX_FILE = "_index.json"
INDEX_KIND = "saves-index"
INDEX_VERSION = 2
# A file changed within this long of the index being written may have changed again unseen
# (FAT and exFAT keep times to 2 s): its entry is not trusted, as git treats "racily clean" files.
TIMESTAMP_GRANULARITY_NS = 2_000_000_000


def list_saves(saves_dir: Path) -> list[SaveEntry]:
    """Every round in the folder, newest first; damaged ones carry their reason.

    Summaries of files whose size and modification time haven't changed come
    from an index beside the saves, checked like the file's own summary, so
    opening the list doesn't re-read them all.
    """
    try:
        paths = sorted(path for path in saves_dir.glob("*.toml") if not path.name.startswith(("_", ".")))
    except OSError:
        return []
    index = _SavesIndex(saves_dir)
    entries = [index.entry(path) for path in paths]
    index.save()
    return sorted(entries, key=_newest_first)


def _newest_first(entry: SaveEntry) -> tuple[int, datetime]:
    if entry.summary is not None:
        return 0, _negate(entry.summary.last_played)
    return 1, datetime.min  # damaged ones after every readable one


def _negate(moment: datetime) -> datetime:
    return datetime.max - (moment - datetime.min)


class _SavesIndex:
    """The listing's cache: file name -> size, mtime and the summary table (or a problem)."""

    def __init__(self, saves_dir: Path) -> None:
        self.path = saves_dir / INDEX_FILE
        payload = read_cache(self.path, INDEX_KIND, INDEX_VERSION)
        valid = isinstance(payload, dict) and isinstance(payload.get("written_ns"), int)
        self.written_ns: int = payload["written_ns"] if valid else 0
        self.old: dict[str, Any] = (
            payload.get("entries", {}) if valid and isinstance(payload.get("entries"), dict) else {}
        )
        self.fresh: dict[str, Any] = {}

    def entry(self, path: Path) -> SaveEntry:
        entry = SaveEntry(path)
        try:
            info = path.stat()
            entry.summary = self._summary(path, info.st_size, info.st_mtime_ns)
            self.fresh[path.name] = [info.st_size, info.st_mtime_ns, summary_table(entry.summary), None]
        except (SaveError, OSError) as error:
            entry.problem = str(error) if isinstance(error, SaveError) else f"can't be read: {error.strerror or error}"
            entry.backup_ok = backup_is_good(path)
            if isinstance(error, SaveError):
                with contextlib.suppress(OSError):
                    info = path.stat()
                    self.fresh[path.name] = [info.st_size, info.st_mtime_ns, None, entry.problem]
        return entry

    def _summary(self, path: Path, size: int, mtime_ns: int) -> SaveSummary:
        cached = self.old.get(path.name)
        trusted = (
            isinstance(cached, list)
            and len(cached) == 4
            and cached[:2] == [size, mtime_ns]
            and mtime_ns + TIMESTAMP_GRANULARITY_NS < self.written_ns
        )
        if not trusted:
            return read_summary(path)
        assert isinstance(cached, list)
        if cached[2] is None:
            raise SaveError(str(cached[3])[:300])
        return summary_from_table(cached[2])

    def save(self) -> None:
        if self.fresh == self.old:
            return
        with contextlib.suppress(OSError):  # a read-only folder still lists; it just reads every file next time
            write_cache(self.path, INDEX_KIND, INDEX_VERSION, {"written_ns": time.time_ns(), "entries": self.fresh})


def backup_is_good(path: Path) -> bool:
    try:
        read_save(backup_path(path))
    except SaveError:
        return False
    return True


def restore_backup(path: Path) -> None:
    """Put the .bak back in place of a damaged save (the damaged file is kept aside as .damaged-<time>)."""
    backup = backup_path(path)
    read_save(backup)  # raises when the backup is no good either
    if path.exists():
        keep_aside(path)
    atomic_write(path, backup.read_bytes())


def find_save(saves_dir: Path, save_id: str) -> SaveEntry | None:
    for entry in list_saves(saves_dir):
        if entry.id == save_id or entry.path.name == save_id:
            return entry
    return None


def latest_unfinished(saves_dir: Path) -> SaveEntry | None:
    for entry in list_saves(saves_dir):
        if entry.summary and not entry.summary.finished:
            return entry
    return None


def rename_save(path: Path, name: str) -> SaveSummary:
    """Change a save's display name (the file name stays: it is an id, not a label).

    Raises RoundLocked while the round is open in a window, which would write over the new name.
    """
    clean = " ".join(name.split())[:NAME_LIMIT]
    if not clean:
        raise SaveError("a name can't be empty")
    with RoundLock(path):
        saved = read_save(path)
        summary = replace(saved.summary, name=clean)
        write_save(path, save_document(saved.game, summary))
    return summary


def delete_save(path: Path) -> None:
    """Delete a round and its backup; RoundLocked while it is open in a window, which would save it again."""
    with RoundLock(path):
        for doomed in (path, backup_path(path)):
            with contextlib.suppress(FileNotFoundError):
                doomed.unlink()
