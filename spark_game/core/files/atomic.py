"""Durable, atomic file writes: a crash at any instant leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from .tidy import private_folder


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = False, mode: int | None = None) -> None:
    """Write data to path via a temporary file in the same folder: flush, fsync, replace, fsync the folder.

    With keep_backup, the file being replaced is kept as ``path.bak`` (one
    generation), hard-linked first so that a valid ``path`` exists at every instant.
    """
    folder = path.parent
    private_folder(folder)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            if mode is not None:
                os.fchmod(stream.fileno(), mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep_backup and path.exists():
            _link_backup(path)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(folder)


def _link_backup(path: Path) -> None:
    backup = backup_path(path)
    staging = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staging)
    try:
        os.link(path, staging)
    except OSError:  # no hard links here (some network or FAT folders): copy instead
        staging.write_bytes(path.read_bytes())
    os.replace(staging, backup)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def keep_aside(path: Path) -> Path:
    """Move a file we could not use out of the way, byte for byte, never over an earlier one.

    It becomes ``<name>.damaged-<date>-<time>`` (``-2``, ``-3``… when that exists), beside it.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = f"{path.name}.damaged-{stamp}"
    aside, number = path.with_name(base), 2
    while True:
        try:
            os.link(path, aside)  # fails rather than replacing an earlier one
            break
        except FileExistsError:
            aside, number = path.with_name(f"{base}-{number}"), number + 1
        except OSError:  # no hard links here: rename, after checking the name is free
            if aside.exists():
                aside, number = path.with_name(f"{base}-{number}"), number + 1
                continue
            os.replace(path, aside)
            return aside
    os.unlink(path)
    return aside


def write_new(path: Path, data: bytes) -> bool:
    """Write a file that must not exist yet, atomically; False (and nothing written) when anything is there.

    "Anything" includes a symbolic link, dangling or not: the data never follows
    a link out of the folder. The file appears complete or not at all.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path, follow_symlinks=False)
        except FileExistsError:
            return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    fsync_folder(path.parent)
    return True
