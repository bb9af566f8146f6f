"""A home tidied at start: temp files an interrupted write left behind are removed, and what Spark
keeps is made private to its owner (folders 0700, files 0600), so another account on the machine
can't read the pair's names from file names or their rounds from the files.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path

STALE_SECONDS = 60  # an atomic write lasts milliseconds: an older temp file belongs to no live writer
TEMPORARY = re.compile(r"^\..+\.tmp$")  # atomic_write's and write_new's names: .<name>.<random>.tmp
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


def private_folder(folder: Path) -> None:
    """Make the folder (and any missing parent) readable by its owner only."""
    missing = [folder, *(parent for parent in folder.parents if not parent.exists())]
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_FOLDER)


def tidy(folders: Iterable[Path], *, private: bool = True, now: float | None = None) -> list[Path]:
    """Remove stale temp files in the folders and (with `private`) tighten the folders and their files.

    Returns the temp files removed. Nothing that can't be read or changed stops the start: a
    folder we can't list is left as it is.
    """
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    removed = []
    for folder in folders:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
            if private:
                _tighten(folder, PRIVATE_FOLDER)
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    continue
                if TEMPORARY.match(entry.name) and info.st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                elif private:
                    _tighten(Path(entry.path), PRIVATE_FILE)
    return removed


def _tighten(path: Path, mode: int) -> None:
    info = os.stat(path, follow_symlinks=False)
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
