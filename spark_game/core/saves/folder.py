"""The saves folder: listing (with an index), backups, rename and delete."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterator
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


INDEX_DIR = ".index"  # a folder of its own: writing the index leaves the saves folder's mtime alone
INDEX_FILE = f"{INDEX_DIR}/listing.json"
INDEX_KIND = "saves-index"
INDEX_VERSION = 2
LATEST_FILE = f"{INDEX_DIR}/latest-unfinished.json"
LATEST_KIND = "saves-latest"
LATEST_VERSION = 1
OLD_INDEX_FILE = "_index.json"  # where the index lived before it had a folder
# A file changed within this long of the index being written may have changed again unseen
# (FAT and exFAT keep times to 2 s): its entry is not trusted, as git treats "racily clean" files.
TIMESTAMP_GRANULARITY_NS = 2_000_000_000


def list_saves(saves_dir: Path) -> list[SaveEntry]:
    """Every round in the folder, newest first; damaged ones carry their reason.

    Summaries of files whose size and modification time haven't changed come
    from an index beside the saves, checked like the file's own summary, so
    opening the list doesn't re-read them all.
    """
    with contextlib.suppress(OSError):  # made first, so that making it doesn't change the time noted below
        (saves_dir / INDEX_DIR).mkdir(exist_ok=True)
    try:
        folder_mtime_ns = saves_dir.stat().st_mtime_ns  # before the listing: a save added during it changes it
        with os.scandir(saves_dir) as listing:
            files = sorted(
                (found for found in listing if found.name.endswith(".toml") and not found.name.startswith(("_", "."))),
                key=lambda found: found.name,
            )
    except OSError:
        return []
    index = _SavesIndex(saves_dir)
    entries = sorted((index.entry(saves_dir / found.name, found) for found in files), key=_newest_first)
    index.save()
    _LatestUnfinished(saves_dir).note(folder_mtime_ns, next(_unfinished(entries), None), index.fresh)
    return entries


def latest_unfinished(saves_dir: Path) -> SaveEntry | None:
    """The newest round not yet over, for Home's "Continue".

    Answered from a small record the last listing left, while the saves folder's
    mtime is what it was then (every save is written by renaming a new file into
    the folder, which changes it) and the round's file is unchanged; from a full
    listing otherwise.
    """
    recorded = _LatestUnfinished(saves_dir)
    if recorded.answer is not _UNKNOWN:
        return recorded.answer
    return next(_unfinished(list_saves(saves_dir)), None)


def _unfinished(entries: list[SaveEntry]) -> Iterator[SaveEntry]:
    return (entry for entry in entries if entry.summary and not entry.summary.finished)


def _newest_first(entry: SaveEntry) -> tuple[int, datetime]:
    if entry.summary is not None:
        return 0, _negate(entry.summary.last_played)
    return 1, datetime.min  # damaged ones after every readable one


def _negate(moment: datetime) -> datetime:
    return datetime.max - (moment - datetime.min)


def _trusted_stamp(mtime_ns: int, written_ns: int) -> bool:
    """A time read before a record was written, and old enough that a change since would show."""
    return mtime_ns + TIMESTAMP_GRANULARITY_NS < written_ns


_UNKNOWN = SaveEntry(Path())  # the record can't answer: list the folder


class _LatestUnfinished:
    """The record behind `latest_unfinished`: the folder's mtime, and the newest unfinished round's file and summary."""

    def __init__(self, saves_dir: Path) -> None:
        self.saves_dir = saves_dir
        self.path = saves_dir / LATEST_FILE
        self.payload = read_cache(self.path, LATEST_KIND, LATEST_VERSION)
        self.answer: SaveEntry | None = self._answer()

    def _answer(self) -> SaveEntry | None:
        payload = self.payload
        try:
            folder_mtime_ns = self.saves_dir.stat().st_mtime_ns
            written_ns, recorded_mtime_ns, latest = payload["written_ns"], payload["folder_mtime_ns"], payload["latest"]
        except (OSError, TypeError, KeyError):
            return _UNKNOWN
        if folder_mtime_ns != recorded_mtime_ns or not _trusted_stamp(folder_mtime_ns, written_ns):
            return _UNKNOWN
        if latest is None:
            return None
        try:
            name, size, mtime_ns, table = latest
            path = self.saves_dir / name
            info = path.stat()
            summary = summary_from_table(table)
        except (OSError, TypeError, ValueError, SaveError):
            return _UNKNOWN
        if (
            path.name != name
            or [info.st_size, info.st_mtime_ns] != [size, mtime_ns]
            or not _trusted_stamp(mtime_ns, written_ns)
            or summary.finished
        ):
            return _UNKNOWN
        return SaveEntry(path, summary)

    def note(self, folder_mtime_ns: int, latest: SaveEntry | None, index_entries: dict[str, Any]) -> None:
        """Keep a listing's answer, unless the record already says the same and is trusted."""
        cached = index_entries.get(latest.path.name) if latest is not None else None
        recorded = None if latest is None or cached is None else [latest.path.name, *cached[:3]]
        if latest is not None and recorded is None:
            return  # its file vanished during the listing: no record, the next question lists again
        unchanged = (
            isinstance(self.payload, dict)
            and self.payload.get("folder_mtime_ns") == folder_mtime_ns
            and self.payload.get("latest") == recorded
            and self.answer is not _UNKNOWN
        )
        if unchanged:
            return
        with contextlib.suppress(OSError):
            payload = {"written_ns": time.time_ns(), "folder_mtime_ns": folder_mtime_ns, "latest": recorded}
            write_cache(self.path, LATEST_KIND, LATEST_VERSION, payload)


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
        self.read_files = False  # a file was read, not taken from the index: write it again, so next time it is

    def entry(self, path: Path, found: os.DirEntry[str]) -> SaveEntry:
        entry = SaveEntry(path)
        try:
            info = found.stat()
            entry.summary = self._summary(path, info.st_size, info.st_mtime_ns)
        except (SaveError, OSError) as error:
            entry.problem = str(error) if isinstance(error, SaveError) else f"can't be read: {error.strerror or error}"
            entry.backup_ok = backup_is_good(path)
            if isinstance(error, SaveError):
                with contextlib.suppress(OSError):
                    info = path.stat()
                    self.fresh[path.name] = [info.st_size, info.st_mtime_ns, None, entry.problem]
        return entry

    def _summary(self, path: Path, size: int, mtime_ns: int) -> SaveSummary:
        """The file's summary: from the index when its entry is trusted (and kept as it is), else from the file."""
        cached = self.old.get(path.name)
        trusted = (
            isinstance(cached, list)
            and len(cached) == 4
            and cached[:2] == [size, mtime_ns]
            and mtime_ns + TIMESTAMP_GRANULARITY_NS < self.written_ns
        )
        if not trusted:
            self.read_files = True
            summary = read_summary(path)
            self.fresh[path.name] = [size, mtime_ns, summary_table(summary), None]
            return summary
        assert isinstance(cached, list)
        if cached[2] is None:
            raise SaveError(str(cached[3])[:300])
        summary = summary_from_table(cached[2])
        self.fresh[path.name] = cached
        return summary

    def save(self) -> None:
        if self.fresh == self.old and not self.read_files:
            return
        with contextlib.suppress(OSError):  # a read-only folder still lists; it just reads every file next time
            write_cache(self.path, INDEX_KIND, INDEX_VERSION, {"written_ns": time.time_ns(), "entries": self.fresh})
            (self.path.parent.parent / OLD_INDEX_FILE).unlink(missing_ok=True)


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
