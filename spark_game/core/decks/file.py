"""Deck files to Deck values, with every problem located in the file.

Reads the bytes (bounded, regular files only), decodes and parses them, asks
`checks` for the rules, and turns each field path into a line and column.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files.text import clean_text
from .checks import MAX_FILE_BYTES, SLUG_MAX_CHARS, FieldPath, format_field_path, validate_document
from .model import Deck

PROBLEM_LIMIT = 20  # problems shown per file; the rest are counted ("and 312 more")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, printed as ``file:line:column: field: message``."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column or 1}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


# --------------------------------------------------------------------------- validation


# --------------------------------------------------------------------------- reading files

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_deck_file(path: Path, *, limit: int | None = PROBLEM_LIMIT) -> tuple[Deck | None, list[Problem]]:
    """Read and validate one deck file. Never raises for a bad or odd file."""
    data, problem = read_deck_bytes(path)
    if data is None:
        return None, [problem] if problem else []
    return parse_deck(data, str(path), limit=limit)


def read_deck_bytes(path: Path) -> tuple[bytes | None, Problem | None]:
    """The bytes of a deck file, or the reason it can't be one.

    Opened without blocking and checked on the open file itself, so a pipe or
    device swapped in for the file can't hang the game.
    """
    name = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        return None, Problem(name, "is a folder, not a deck file")
    except OSError as error:
        return None, Problem(name, f"cannot be read: {error.strerror or error}")
    info = os.fstat(descriptor)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = Problem(name, "is a folder, not a deck file")
    elif not stat.S_ISREG(info.st_mode):
        problem = Problem(name, "is not a regular file (a pipe or device?), not read")
    elif info.st_size > MAX_FILE_BYTES:
        problem = Problem(name, f"is {info.st_size:,} bytes; a deck file may be at most {MAX_FILE_BYTES:,}")
    if problem is not None:
        os.close(descriptor)
        return None, problem
    with os.fdopen(descriptor, "rb") as stream:
        try:
            return stream.read(MAX_FILE_BYTES + 1), None
        except OSError as error:
            return None, Problem(name, f"cannot be read: {error.strerror or error}")


def parse_deck(data: bytes, name: str, *, limit: int | None = PROBLEM_LIMIT) -> tuple[Deck | None, list[Problem]]:
    """Parse deck bytes; every failure becomes a Problem, never an exception.

    Only the first `limit` problems (in line order) are kept, then one saying how many more there are.
    """
    source, problem = _decode(data, name)
    if source is None:
        return None, [problem] if problem else []
    doc, problem = _parse_toml(source, name)
    if doc is None:
        return None, [problem] if problem else []
    deck, errors = validate_document(doc)
    if not errors:
        return deck, []
    locate = FieldLocator(source)
    located = sorted(((locate(error.path), error) for error in errors), key=lambda pair: pair[0])
    shown = located if limit is None else located[:limit]
    problems = [
        Problem(name, error.message, line, column, _describe(error.path, doc)) for (line, column), error in shown
    ]
    if len(located) > len(shown):
        more = len(located) - len(shown)
        problems.append(Problem(name, f"and {more:,} more problem{'s' if more != 1 else ''} (--all shows every one)"))
    return None, problems


def _decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    if len(data) > MAX_FILE_BYTES:
        return None, Problem(name, f"is larger than {MAX_FILE_BYTES:,} bytes, not read")
    if b"\x00" in data:
        return None, Problem(name, "holds binary data (NUL bytes), not a TOML deck")
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data[: error.start].decode("utf-8", "replace"))
        return None, Problem(name, f"is not UTF-8 text (byte 0x{data[error.start]:02x})", line, column)
    return source.removeprefix("\ufeff"), None


def _parse_toml(source: str, name: str) -> tuple[dict[str, Any] | None, Problem | None]:
    try:
        return tomllib.loads(source), None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line, column = (int(match[1]), int(match[2])) if match else (None, None)
        message = _TOML_POSITION.sub("", message).strip()
        return None, Problem(name, f"TOML syntax error: {message}", line, column)
    except RecursionError:
        return None, Problem(name, "is nested too deeply to be a deck")
    except ValueError as error:
        if "digits" in str(error):
            return None, Problem(name, "holds a number too long to read (thousands of digits)")
        return None, Problem(name, f"cannot be parsed: {str(error)[:200]}")


def _describe(path: FieldPath, doc: dict[str, Any]) -> str:
    """The field path, with the card's id when there is one to help find it."""
    text = format_field_path(path)
    if len(path) >= 2 and path[0] == "cards" and isinstance(path[1], int):
        cards = doc.get("cards")
        card = cards[path[1]] if isinstance(cards, list) and path[1] < len(cards) else None
        card_id = card.get("id") if isinstance(card, dict) else None
        if isinstance(card_id, str) and card_id and len(path) > 2:
            text += f" (card '{clean_text(card_id, single_line=True)[:SLUG_MAX_CHARS]}')"
    return text


def _line_and_column(before: str) -> tuple[int, int]:
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


_TABLE_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?")
_KEY_LINE = re.compile(r"(\s*)([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*(?:\.|=)")


class FieldLocator:
    """Finds the line and column of a field path in TOML source, good enough for humans.

    It follows [table] and [[array]] headers and top-level ``key =`` lines,
    skipping the insides of multi-line strings.
    """

    def __init__(self, source: str) -> None:
        self.keys: dict[FieldPath, tuple[int, int]] = {}
        table: FieldPath = ()
        counts: dict[str, int] = {}
        in_multiline: str | None = None
        for number, line in enumerate(source.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _TABLE_HEADER.match(line)
            if header and not _KEY_LINE.match(line):
                name = header[2].strip().strip("\"'")
                if header[1] == "[[":
                    counts[name] = counts.get(name, -1) + 1
                    table = (name, counts[name])
                else:
                    table = (name,)
                self.keys.setdefault(table, (number, len(line) - len(line.lstrip()) + 1))
                continue
            key = _KEY_LINE.match(line)
            if key:
                self.keys.setdefault(table + (key[2].strip("\"'"),), (number, len(key[1]) + 1))
                for quote in ('"""', "'''"):
                    if line.count(quote) % 2 == 1:
                        in_multiline = quote

    def __call__(self, path: FieldPath) -> tuple[int, int]:
        for length in range(len(path), 0, -1):
            if path[:length] in self.keys:
                return self.keys[path[:length]]
        return 1, 1  # a missing top-level part belongs to the file as a whole
