"""Files Spark writes for the couple to keep outside the home: the calendar and the keepsake.

Written atomically with the mode the user's umask gives (they are the couple's
files, like an exported deck). Writing again over a file Spark wrote before is
the point (a calendar imported again updates); over anything else it takes --force.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..files.atomic import atomic_write

SNIFF_BYTES = 4096


def shared_mode() -> int:
    """0666 less the umask: what any other program would create."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def written_by_spark(path: Path, marker: bytes) -> bool:
    """Whether the file at path starts like one Spark wrote (its marker in the first few kilobytes)."""
    try:
        with path.open("rb") as stream:
            return marker in stream.read(SNIFF_BYTES)
    except OSError:
        return False


def target_problem(
    path: Path, marker: bytes, example: str, *, force: bool = False, hint: str = "add --force to overwrite it"
) -> str | None:
    """Why Spark won't write to path, in one line (None: go ahead); hint says what to do about a stranger's file."""
    if path.is_dir():
        return f"{path} is a folder; give a file name, like {path / example}"
    strange = not_a_regular_file(path)
    if strange:
        return strange
    folder = next((parent for parent in path.parents if parent.exists()), None)
    if folder is not None and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if path.exists() and not force and not written_by_spark(path, marker):
        return f"{path} exists and isn't a file Spark wrote; {hint}"
    return None


def not_a_regular_file(path: Path) -> str | None:
    """Why path can't be written over even with --force: it is a link, a device, a pipe or a socket.

    Asked of the path itself (never following a link) and without opening it, so a pipe never blocks.
    """
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # a new name (or a folder that is a file: said next)
        return None
    except OSError as error:
        return f"{path} can't be checked ({error.strerror or error})"
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return None
    kind = (
        "a symbolic link"
        if stat.S_ISLNK(info.st_mode)
        else "a pipe"
        if stat.S_ISFIFO(info.st_mode)
        else "a device or socket"
    )
    return f"{path} is {kind}, not a file; Spark writes only to a regular file or a new name"


def write_export(path: Path, data: bytes) -> bool:
    """Write atomically; True when the folder had to be created first."""
    created = not path.parent.exists()
    atomic_write(path, data, mode=shared_mode())
    return created
