"""The saves folder: listing (with an index), backups, rename and delete."""

from __future__ import annotations

import contextlib
import marshal
import os
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..atomic import atomic_write, backup_path
from ..text import slugify
from .document import NAME_LIMIT, SaveSummary, read_save, read_summary, save_document, write_save
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


INDEX_FILE = "_index.bin"
INDEX_VERSION = 1


def _load_index(saves_dir: Path) -> dict[str, Any]:
    """The listing's cache: file name -> (size, mtime_ns, summary fields or a problem). Any doubt: empty."""
    try:
        version, index = marshal.loads((saves_dir / INDEX_FILE).read_bytes())
        return index if version == INDEX_VERSION and isinstance(index, dict) else {}
    except Exception:  # noqa: BLE001 - a cache in any bad shape is just no cache
        return {}


def _summary_fields(summary: SaveSummary) -> tuple:
    return (
        summary.id,
        summary.name,
        summary.players,
        summary.started.isoformat(),
        summary.last_played.isoformat(),
        summary.decks,
        summary.turns_played,
        summary.scores,
        summary.finished,
        summary.history_count,
    )


def _summary_from_fields(fields: tuple) -> SaveSummary:
    save_id, name, players, started, last_played, decks, turns, scores, finished, count = fields
    return SaveSummary(
        save_id,
        name,
        players,
        datetime.fromisoformat(started),
        datetime.fromisoformat(last_played),
        decks,
        turns,
        scores,
        finished,
        count,
    )


def list_saves(saves_dir: Path) -> list[SaveEntry]:
    """Every round in the folder, newest first; damaged ones carry their reason.

    Summaries of files whose size and modification time haven't changed come
    from an index beside the saves, so opening the list doesn't re-read them all.
    """
    entries: list[SaveEntry] = []
    try:
        paths = sorted(saves_dir.glob("*.toml"))
    except OSError:
        return []
    index = _load_index(saves_dir)
    fresh: dict[str, Any] = {}
    for path in paths:
        if path.name.startswith(("_", ".")):
            continue
        entry = SaveEntry(path)
        try:
            info = path.stat()
            cached = index.get(path.name)
            if cached is not None and cached[0] == info.st_size and cached[1] == info.st_mtime_ns:
                kind, payload = cached[2]
                if kind == "ok":
                    entry.summary = _summary_from_fields(payload)
                else:
                    raise SaveError(payload)
            else:
                entry.summary = read_summary(path)
            fresh[path.name] = (info.st_size, info.st_mtime_ns, ("ok", _summary_fields(entry.summary)))
        except (SaveError, OSError, ValueError, TypeError) as error:
            entry.summary = None
            entry.problem = str(error)
            entry.backup_ok = backup_is_good(path)
            if isinstance(error, SaveError) and path.exists():
                info = path.stat()
                fresh[path.name] = (info.st_size, info.st_mtime_ns, ("problem", entry.problem))
        entries.append(entry)
    if fresh != index:
        try:
            atomic_write(saves_dir / INDEX_FILE, marshal.dumps((INDEX_VERSION, fresh)))
        except OSError:
            pass  # a read-only folder still lists; it just reads every file next time

    def newest(entry: SaveEntry) -> float:
        if entry.summary:
            return entry.summary.last_played.timestamp()
        try:
            return entry.path.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(entries, key=newest, reverse=True)


def backup_is_good(path: Path) -> bool:
    try:
        read_save(backup_path(path))
    except SaveError:
        return False
    return True


def restore_backup(path: Path) -> None:
    """Put the .bak back in place of a damaged save (the damaged file is kept as .damaged)."""
    backup = backup_path(path)
    read_save(backup)  # raises when the backup is no good either
    if path.exists():
        os.replace(path, path.with_name(path.name + ".damaged"))
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
