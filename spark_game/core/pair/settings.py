"""The couple's choices between rounds: `settings.toml` in the home, read strictly, written atomically.

It holds the last round's decks, intensity, length and scoring (the defaults of
the next New round), the theme, the timer's bell and the ritual time. Every key
is optional; a key Spark doesn't know, or a value that doesn't fit, makes the
file damaged: it is kept aside byte for byte, the problem is said in one line,
and the defaults are used. A damaged file is never written over.

    format = 1
    decks = ["conversation", "novelty"]
    intensity = 2            # 1 gentle, 2 warm, 3 bold
    turns = 12               # 6, 12 or 18; 0 for open-ended
    scoring = "cooperative"  # or "competitive"
    theme = "spark"          # or "spark-light"
    timer_bell = true
    ritual_time = "19:00"
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import time
from pathlib import Path
from typing import Any, TypeGuard

from ..decks.checks import is_safe_slug
from ..decks.model import LEVEL_NAMES
from ..files.atomic import atomic_write, keep_aside
from ..play import COOPERATIVE, MODES
from ..saves.reader import SaveError, read_toml_file

SETTINGS_FORMAT = 1
SETTINGS_FILE = "settings.toml"
MAX_SETTINGS_BYTES = 64 * 1024
MAX_REMEMBERED_DECKS = 200
DARK_THEME, LIGHT_THEME = "spark", "spark-light"
THEMES = (DARK_THEME, LIGHT_THEME)
ROUND_LENGTHS = (6, 12, 18, None)  # None: open-ended, written as 0 (TOML has no null)
DEFAULT_RITUAL_TIME = "19:00"
CLOCK_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def _whole(value: object) -> TypeGuard[int]:
    return type(value) is int  # not a bool, not a float that happens to be whole


def _deck_ids(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and is_safe_slug(v) for v in value):
        raise ValueError('must be a list of deck ids, like ["conversation", "novelty"]')
    if len(value) > MAX_REMEMBERED_DECKS or len(set(value)) != len(value):
        raise ValueError(f"must name each deck once, at most {MAX_REMEMBERED_DECKS} decks")
    return tuple(value)


def _intensity(value: object) -> int:
    if not _whole(value) or value not in LEVEL_NAMES:
        raise ValueError("must be 1 (gentle), 2 (warm) or 3 (bold)")
    return value


def _turns(value: object) -> int | None:
    if value is None or (_whole(value) and value == 0):
        return None
    if not _whole(value) or value not in ROUND_LENGTHS:
        raise ValueError("must be 6, 12 or 18 turns, or 0 for open-ended")
    return value


def _one_of(options: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in options:
            raise ValueError("must be " + " or ".join(f'"{option}"' for option in options))
        return value

    return check


def _switch(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def clock_time(value: object) -> str:
    """A time of day as HH:MM ("7:30" becomes "07:30"); ValueError in words when it isn't one."""
    match = CLOCK_TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError('must be a time like "19:00" (hours 0 to 23, then minutes)')
    return f"{int(match[1]):02d}:{match[2]}"


# Each key of the file, with what checks (and normalises) its value; the same names as Preferences' fields.
CHECKS: dict[str, Callable[[object], Any]] = {
    "decks": _deck_ids,
    "intensity": _intensity,
    "turns": _turns,
    "scoring": _one_of(MODES),
    "theme": _one_of(THEMES),
    "timer_bell": _switch,
    "ritual_time": clock_time,
}


@dataclass(frozen=True)
class Preferences:
    """What the couple chose, as the next start should find it. A value that doesn't fit raises ValueError."""

    decks: tuple[str, ...] = ()  # the last round's decks; () when nothing is remembered
    intensity: int = 2
    turns: int | None = 12  # None: open-ended
    scoring: str = COOPERATIVE
    theme: str = DARK_THEME
    timer_bell: bool = True
    ritual_time: str = DEFAULT_RITUAL_TIME

    def __post_init__(self) -> None:
        for field in fields(self):
            try:
                value = CHECKS[field.name](getattr(self, field.name))
            except ValueError as error:
                raise ValueError(f"{field.name} {error}") from None
            object.__setattr__(self, field.name, value)

    @property
    def ritual_clock(self) -> time:
        hours, minutes = self.ritual_time.split(":")
        return time(int(hours), int(minutes))


@dataclass(frozen=True)
class LoadedPreferences:
    """The settings as read, and the one-line problem when the file had to be kept aside."""

    preferences: Preferences
    problem: str | None = None  # one line saying what was wrong with the file, and where it is kept


def settings_path(root: Path) -> Path:
    return root / SETTINGS_FILE


# --------------------------------------------------------------------------- to and from a document


def preferences_to_document(preferences: Preferences) -> dict[str, Any]:
    document: dict[str, Any] = {"format": SETTINGS_FORMAT}
    for field in fields(preferences):
        value = getattr(preferences, field.name)
        document[field.name] = list(value) if isinstance(value, tuple) else value
    document["turns"] = preferences.turns or 0
    return document


def _quoted(value: object) -> str:
    """A value as the file wrote it (true, "text", [1, 2]), cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def preferences_from_document(document: Mapping[str, Any]) -> Preferences:
    """The preferences a parsed file describes; SaveError naming the first key that doesn't fit."""
    unknown = sorted(set(document) - set(CHECKS) - {"format"})
    if unknown:
        raise SaveError(f"has a setting Spark doesn't know: {_quoted(unknown[0])}")
    version = document.get("format", SETTINGS_FORMAT)
    if not _whole(version) or version != SETTINGS_FORMAT:
        newer = _whole(version) and version > SETTINGS_FORMAT
        raise SaveError(f"was written by a newer Spark (format {version})" if newer else "has a bad format")
    values = {}
    for key, check in CHECKS.items():
        if key in document:
            try:
                values[key] = check(document[key])
            except ValueError as error:
                raise SaveError(f"{key} {error}; it says {_quoted(document[key])}") from None
    return Preferences(**values)


# --------------------------------------------------------------------------- reading and writing


def read_preferences(path: Path) -> Preferences:
    """The preferences in the file at path; SaveError when it can't be used (missing is the caller's business)."""
    return preferences_from_document(read_toml_file(path, MAX_SETTINGS_BYTES, "is too large to be Spark's settings"))


def load_preferences(path: Path) -> LoadedPreferences:
    """The couple's preferences; the defaults when there is no file, or (kept aside, and said) a damaged one."""
    if not path.exists() and not path.is_symlink():
        return LoadedPreferences(Preferences())
    try:
        return LoadedPreferences(read_preferences(path))
    except SaveError as error:
        problem = f"{path.name} {error}"
    try:
        aside = keep_aside(path)
    except OSError as error:
        why = error.strerror or error
        return LoadedPreferences(Preferences(), f"{problem}. It couldn't be moved aside ({why}); defaults in use.")
    return LoadedPreferences(Preferences(), f"{problem}. It is kept as {aside.name}; the defaults are in use.")


def write_preferences(path: Path, preferences: Preferences) -> None:
    import tomli_w  # the writing side: `spark-game play` reads the file without it

    atomic_write(path, tomli_w.dumps(preferences_to_document(preferences)).encode("utf-8"))


def update_preferences(path: Path, changes: Mapping[str, Any]) -> Preferences:
    """Apply changes to what is on disk now (another window's choices stay) and write it; returns the result.

    A file that became damaged meanwhile is kept aside first, never written over.
    """
    current = Preferences()
    if path.exists() or path.is_symlink():
        try:
            current = read_preferences(path)
        except SaveError:
            keep_aside(path)
    updated = replace(current, **changes)
    write_preferences(path, updated)
    return updated


def peek_preferences(path: Path) -> Preferences:
    """The preferences for a quick look (the calendar, `spark-game play`): the defaults when missing or damaged.

    Only reads: a damaged file is the app's to keep aside and report when it starts.
    """
    try:
        return read_preferences(path) if path.exists() else Preferences()
    except SaveError:
        return Preferences()


def ritual_time(root: Path) -> time:
    """The ritual time chosen in Settings, for the home at root; 19:00 by default."""
    return peek_preferences(settings_path(root)).ritual_clock
