"""One file of the saves folder as the listing knows it: its summary, or why it can't be used.

A summary taken from the listing index is checked, as the file's own would be,
when it is first asked for.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from ..files.atomic import backup_path
from .document import SaveSummary, read_save, summary_from_row
from .reader import SaveError

Stamp = tuple[int, int, int]  # a file's size, mtime_ns and inode: rewriting or replacing the file changes it


class SaveEntry:
    """One file in the saves folder: its summary, or why it can't be used.

    An entry taken from the listing index keeps the index's text of its summary and
    checks it, as it would the file's own, when the summary is first asked for: a screen
    shows 200 rounds of 5,000, and checking them all cost more than listing the folder.
    `played` (last played, in whole seconds) and `listed_finished` order the listing and
    let it skip finished rounds; they are the index's word, and no summary is believed
    because of them.
    """

    __slots__ = (
        "_backup_ok",
        "_path",
        "_problem",
        "_summary",
        "_unchecked",
        "folder",
        "listed_finished",
        "name",
        "played",
        "stamp",
    )

    def __init__(
        self,
        folder: Path,
        name: str,
        stamp: Stamp | None = None,
        summary: SaveSummary | None = None,
        problem: str | None = None,
    ) -> None:
        self.folder, self.name, self.stamp = folder, name, stamp
        self._summary, self._problem = summary, problem
        self._unchecked: str | None = None
        self._path: Path | None = None
        self._backup_ok: bool | None = None
        self.played = None if summary is None else epoch_seconds(summary.last_played)
        self.listed_finished = summary is not None and summary.finished

    @classmethod
    def unchecked(cls, folder: Path, name: str, stamp: Stamp, played: int, finished: bool, text: str) -> SaveEntry:
        entry = cls(folder, name, stamp)
        entry.played, entry.listed_finished, entry._unchecked = played, finished, text
        return entry

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = self.folder / self.name
        return self._path

    @property
    def summary(self) -> SaveSummary | None:
        self._check()
        return self._summary

    @property
    def problem(self) -> str | None:
        self._check()
        return self._problem

    @property
    def backup_ok(self) -> bool:
        """A damaged round's backup reads as a good save (read the first time it is asked)."""
        if self._backup_ok is None:
            self._backup_ok = self.problem is not None and backup_is_good(self.path)
        return self._backup_ok

    @property
    def id(self) -> str:
        return self.summary.id if self.summary else self.name.removesuffix(".toml").rsplit("-", 1)[-1]

    def _check(self) -> None:
        if self._unchecked is None:
            return
        text, self._unchecked = self._unchecked, None
        try:
            self._summary = _stored_summary(text)
        except SaveError as error:
            self._problem = str(error)


def _stored_summary(text: str) -> SaveSummary:
    try:
        row = json.loads(text)
    except (ValueError, RecursionError):
        row = None  # only a forged or broken index gets here: checked like a file without a summary
    return summary_from_row(row)


_EPOCH, _SECOND = datetime(1970, 1, 1), timedelta(seconds=1)


def epoch_seconds(moment: datetime) -> int:
    return (moment - _EPOCH) // _SECOND


def backup_is_good(path: Path) -> bool:
    try:
        read_save(backup_path(path))
    except SaveError:
        return False
    return True
