"""The saves folder: listing (with an index), backups, rename and delete."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeGuard

from ..files.atomic import atomic_write, backup_path, keep_aside
from ..files.text import slugify
from ..files.tidy import PRIVATE_FOLDER
from ..files.verified_cache import read_cache, write_cache
from .document import (
    NAME_LIMIT,
    SaveSummary,
    read_save,
    read_summary,
    save_document,
    summary_from_table,
    summary_row,
    summary_table,
    write_save,
)
from .entry import SaveEntry, Stamp, epoch_seconds
from .lock import RoundLock
from .reader import SaveError


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
INDEX_VERSION = 3
LATEST_FILE = f"{INDEX_DIR}/latest-unfinished.json"
LATEST_KIND = "saves-latest"
LATEST_VERSION = 2
OLD_INDEX_FILE = "_index.json"  # where the index lived before it had a folder
# A file changed within this long of the index being written may have changed again unseen
# (FAT and exFAT keep times to 2 s): its entry is not trusted, as git treats "racily clean" files.
TIMESTAMP_GRANULARITY_NS = 2_000_000_000


def list_saves(saves_dir: Path) -> list[SaveEntry]:
    """Every round in the folder, newest first; damaged ones carry their reason.

    Files whose size, modification time and inode haven't changed are taken from an
    index beside the saves, so opening the list doesn't re-read them all; their
    summaries are checked like the file's own when first asked for.
    """
    with contextlib.suppress(OSError):  # made first, so that making it doesn't change the time noted below
        (saves_dir / INDEX_DIR).mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
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
    listed = [index.entry(found) for found in files]
    index.save()
    readable = sorted((entry for entry in listed if entry.played is not None), key=_played, reverse=True)
    entries = readable + [entry for entry in listed if entry.played is None]  # damaged ones after, by name
    _LatestUnfinished(saves_dir).note(folder_mtime_ns, next(_unfinished(entries), None))
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
    """The unfinished rounds in order; rounds the index lists as finished are skipped unchecked."""
    return (
        entry
        for entry in entries
        if not entry.listed_finished and entry.summary is not None and not entry.summary.finished
    )


def _played(entry: SaveEntry) -> int:
    assert entry.played is not None
    return entry.played


def _trusted_stamp(mtime_ns: int, written_ns: int) -> bool:
    """A time read before a record was written, and old enough that a change since would show."""
    return mtime_ns + TIMESTAMP_GRANULARITY_NS < written_ns


def _stamp(info: os.stat_result) -> Stamp:
    return info.st_size, info.st_mtime_ns, info.st_ino


_UNKNOWN = SaveEntry(Path(), "")  # the record can't answer: list the folder


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
            name, size, mtime_ns, inode, table = latest
            path = self.saves_dir / name
            stamp = _stamp(path.stat())
            summary = summary_from_table(table)
        except (OSError, TypeError, ValueError, SaveError):
            return _UNKNOWN
        if (
            path.name != name
            or stamp != (size, mtime_ns, inode)
            or not _trusted_stamp(mtime_ns, written_ns)
            or summary.finished
        ):
            return _UNKNOWN
        return SaveEntry(self.saves_dir, name, stamp, summary)

    def note(self, folder_mtime_ns: int, latest: SaveEntry | None) -> None:
        """Keep a listing's answer, unless the record already says it, or a record written now couldn't be believed.

        Within 2 s of a change to the folder or to that round's file, it couldn't (see
        `_trusted_stamp`): the first listing after that writes it.
        """
        recorded, changed_ns = None, [folder_mtime_ns]
        if latest is not None:
            if latest.stamp is None or latest.summary is None:
                return  # not an answer a record can check: the next question lists again
            recorded = [latest.name, *latest.stamp, summary_table(latest.summary)]
            changed_ns.append(latest.stamp[1])
        unchanged = (
            isinstance(self.payload, dict)
            and self.payload.get("folder_mtime_ns") == folder_mtime_ns
            and self.payload.get("latest") == recorded
            and self.answer is not _UNKNOWN
        )
        now = time.time_ns()
        if unchanged or not all(_trusted_stamp(mtime_ns, now) for mtime_ns in changed_ns):
            return
        with contextlib.suppress(OSError):
            payload = {"written_ns": time.time_ns(), "folder_mtime_ns": folder_mtime_ns, "latest": recorded}
            write_cache(self.path, LATEST_KIND, LATEST_VERSION, payload)


class _SavesIndex:
    """The listing's cache: file name -> a row of size, mtime_ns, inode, then the summary or the problem.

    A row is [size, mtime_ns, inode, played, finished, summary text, None] for a readable
    round (the summary as the JSON text of its values: a listing decodes only those it
    shows) and [size, mtime_ns, inode, None, None, None, problem] for a damaged one.
    """

    def __init__(self, saves_dir: Path) -> None:
        self.folder = saves_dir
        self.path = saves_dir / INDEX_FILE
        payload = read_cache(self.path, INDEX_KIND, INDEX_VERSION)
        valid = isinstance(payload, dict) and isinstance(payload.get("written_ns"), int)
        self.written_ns: int = payload["written_ns"] if valid else 0
        self.old: dict[str, Any] = (
            payload.get("entries", {}) if valid and isinstance(payload.get("entries"), dict) else {}
        )
        self.fresh: dict[str, Any] = {}
        self.read_mtimes: list[int] = []  # of the files read, not taken from the index

    def entry(self, found: os.DirEntry[str]) -> SaveEntry:
        name = found.name
        try:
            stamp = _stamp(found.stat())
        except OSError as error:
            return SaveEntry(self.folder, name, problem=f"can't be read: {error.strerror or error}")
        row = self.old.get(name)
        if not _trusted_row(row, stamp, self.written_ns):
            return self._read(name, stamp)
        self.fresh[name] = row
        played, finished, text, problem = row[3:]
        if problem is not None:
            return SaveEntry(self.folder, name, stamp, problem=problem[:300])
        return SaveEntry.unchecked(self.folder, name, stamp, played, finished, text)

    def _read(self, name: str, stamp: Stamp) -> SaveEntry:
        """The entry from the file itself, and its row for the index."""
        self.read_mtimes.append(stamp[1])
        try:
            summary = read_summary(self.folder / name)
        except SaveError as error:
            self.fresh[name] = [*stamp, None, None, None, str(error)]
            return SaveEntry(self.folder, name, stamp, problem=str(error))
        text = json.dumps(summary_row(summary), ensure_ascii=False, separators=(",", ":"))
        self.fresh[name] = [*stamp, epoch_seconds(summary.last_played), summary.finished, text, None]
        return SaveEntry(self.folder, name, stamp, summary)

    def save(self) -> None:
        """Write the index when a row changed, or when a file read for being too new would now be trusted.

        Within 2 s of a save every listing reads that file again; writing the index
        then wouldn't let the next listing trust it, so it waits until it would.
        """
        now = time.time_ns()
        if self.fresh == self.old and not any(_trusted_stamp(mtime_ns, now) for mtime_ns in self.read_mtimes):
            return
        with contextlib.suppress(OSError):  # a read-only folder still lists; it just reads every file next time
            write_cache(self.path, INDEX_KIND, INDEX_VERSION, {"written_ns": time.time_ns(), "entries": self.fresh})
            (self.path.parent.parent / OLD_INDEX_FILE).unlink(missing_ok=True)


def _trusted_row(row: Any, stamp: Stamp, written_ns: int) -> TypeGuard[list[Any]]:
    """A row of the right shape for this very file, written long enough after the file last changed."""
    if not (
        isinstance(row, list) and len(row) == 7 and tuple(row[:3]) == stamp and _trusted_stamp(stamp[1], written_ns)
    ):
        return False
    played, finished, text, problem = row[3:]
    if problem is None:
        return isinstance(played, int) and isinstance(finished, bool) and isinstance(text, str)
    return played is None and finished is None and text is None and isinstance(problem, str)


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
