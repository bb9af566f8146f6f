"""Typed reading of parsed TOML tables, for saves: a wrong value becomes a SaveError naming its field."""

from __future__ import annotations

from datetime import datetime
from typing import Any


class SaveError(Exception):
    """A save that cannot be used, with a reason a person can read."""


class TableReader:
    """Typed access to a parsed table; a wrong or missing value becomes a SaveError naming its field."""

    def __init__(self, table: Any, where: str) -> None:
        if not isinstance(table, dict):
            raise SaveError(f"{where} is missing or not a table")
        self.table, self.where = table, where

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

    def when(self, key: str) -> datetime:
        try:
            return datetime.fromisoformat(self.get(key, str))
        except ValueError:
            raise SaveError(f"{self.where}.{key} is not a date and time") from None
