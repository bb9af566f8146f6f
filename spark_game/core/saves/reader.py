"""Typed reading of parsed TOML tables, for saves: a wrong value becomes a SaveError naming its field."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

EARLIEST_YEAR, LATEST_YEAR = 1970, 9999
# What a value that doesn't fit can raise on its way through Python: the file is damaged, never a crash.
DECODING_ERRORS = (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError, IndexError)


class SaveError(Exception):
    """A save that cannot be used, with a reason a person can read."""


def read_toml_file(path: Path, max_bytes: int, too_large: str) -> Any:
    """A TOML file parsed, read no further than max_bytes; SaveError with the reason when it can't be."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise SaveError(f"can't be read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise SaveError(too_large)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        raise SaveError(f"is not valid TOML ({str(error)[:120]})") from None


class TableReader:
    """Typed access to a parsed table; a wrong or missing value becomes a SaveError naming its field."""

    def __init__(self, table: Any, where: str) -> None:
        if not isinstance(table, dict):
            raise SaveError(f"{where} is missing or not a table")
        self.table, self.where = table, where

    def names(self) -> list[str]:
        return list(self.table)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.table:
            if default is ...:
                raise SaveError(f"{self.where}.{key} is missing")
            return default
        value = self.table[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise SaveError(f"{self.where}.{key} has the wrong type")
        return value

    def strings(self, key: str) -> list[str]:
        values = self.get(key, list)
        if not all(isinstance(value, str) for value in values):
            raise SaveError(f"{self.where}.{key} must hold text only")
        return values

    def flag(self, key: str) -> bool:
        return bool(self.get(key, bool))

    def pair(self, key: str) -> tuple[int, int]:
        values = self.get(key, list)
        if len(values) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise SaveError(f"{self.where}.{key} must hold two whole numbers")
        return values[0], values[1]

    def number(self, key: str, low: int = 0, high: int = 10**9, default: Any = ...) -> int:
        value = self.get(key, int, default)
        if value is not default and not low <= value <= high:
            raise SaveError(f"{self.where}.{key} is out of range ({low} to {high})")
        return int(value)

    def when(self, key: str) -> datetime:
        """A date and time, written as ISO text, in a year a game could have been played."""
        try:
            moment = datetime.fromisoformat(self.get(key, str))
        except ValueError:
            raise SaveError(f"{self.where}.{key} is not a date and time") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)
        if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise SaveError(f"{self.where}.{key} is not a plausible date ({moment.year})")
        return moment

    def day(self, key: str) -> date:
        """A TOML date (not a date and time) in a year a game could have been played."""
        value = self.get(key, date)
        if isinstance(value, datetime) or not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise SaveError(f"{self.where}.{key} must be a plausible date like 2026-11-27")
        return value

    def tables(self, key: str, default: Any = ...) -> list[TableReader]:
        """A list of tables (a TOML array of tables), each with its own reader."""
        values = self.get(key, list, default)
        return [TableReader(value, f"{self.where}.{key}[{index}]") for index, value in enumerate(values)]

    def subtable(self, key: str, default: Any = ...) -> TableReader:
        return TableReader(self.get(key, dict, default), f"{self.where}.{key}")
