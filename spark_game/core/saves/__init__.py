"""Rounds saved as TOML: enough to resume with no deck file present, checked on the way back in.

- `document`: the file format, its checksum, reading and writing one save;
- `round_codec`: a Round as a table and back;
- `folder`: the saves folder (listing with an index, backups, rename, delete);
- `lock`: the kernel lock that keeps two windows off one round;
- `background`: the saver thread and the file a round in play writes to.

Writes are atomic and keep the previous generation as ``.bak``. A save that
cannot be read is reported with its reason and never overwritten.
"""

from .background import BackgroundSaver, RoundFile
from .document import (
    MAX_SAVE_BYTES,
    NAME_LIMIT,
    SAVE_FORMAT,
    SavedRound,
    SaveSummary,
    encode_save,
    read_save,
    read_summary,
    save_document,
    summarise,
    write_save,
)
from .entry import SaveEntry, backup_is_good
from .folder import delete_save, find_save, latest_unfinished, list_saves, new_save_path, rename_save, restore_backup
from .lock import RoundLock, RoundLocked
from .reader import SaveError
from .round_codec import round_from_table, round_table

__all__ = [
    "MAX_SAVE_BYTES",
    "NAME_LIMIT",
    "SAVE_FORMAT",
    "BackgroundSaver",
    "RoundFile",
    "RoundLock",
    "RoundLocked",
    "SaveEntry",
    "SaveError",
    "SaveSummary",
    "SavedRound",
    "backup_is_good",
    "delete_save",
    "encode_save",
    "find_save",
    "latest_unfinished",
    "list_saves",
    "new_save_path",
    "read_save",
    "read_summary",
    "rename_save",
    "restore_backup",
    "round_from_table",
    "round_table",
    "save_document",
    "summarise",
    "write_save",
]
