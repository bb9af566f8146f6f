"""Deck files (TOML, format 1) to Deck values, with every problem located.

Validation works on the parsed document and names each problem by its field
path (``cards[12].level``); the file layer then finds the line and column of
that field in the source text, because tomllib only gives positions for
syntax errors. The same rules serve the loader and the deck builder.
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
from .model import ANSWERERS, KINDS, Card, Deck

FORMAT = 1
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_CARDS = 10_000
MAX_TEXT_CHARS = 1_000
MAX_NAME_CHARS = 60
MAX_DESCRIPTION_CHARS = 300
MAX_TAGS = 20
SLUG_MAX_CHARS = 48
PROBLEM_LIMIT = 20  # problems shown per file; the rest are counted ("and 312 more")

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COLOR = re.compile(r"#[0-9a-fA-F]{6}")
# Names Windows will not create as files, whatever the extension.
RESERVED_FILE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)

TOP_KEYS = ("format", "deck", "cards")
DECK_KEYS = ("id", "name", "description", "color", "mature")
CARD_KEYS = ("id", "kind", "level", "points", "seconds", "answerer", "text", "tags")

FieldPath = tuple[str | int, ...]


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


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a deck document, before it is located in the file."""

    path: FieldPath
    message: str

    @property
    def field(self) -> str:
        return format_field_path(self.path)


def format_field_path(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def is_safe_slug(value: str) -> bool:
    return len(value) <= SLUG_MAX_CHARS and SLUG.fullmatch(value) is not None and value not in RESERVED_FILE_NAMES


# --------------------------------------------------------------------------- validation


class Checker:
    """Collects FieldErrors while reading typed values out of a parsed document."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, path: FieldPath, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def unknown_keys(self, table: dict[str, Any], known: tuple[str, ...], path: FieldPath) -> None:
        for key in table:
            if key not in known:
                from difflib import get_close_matches  # a misspelt key is rare: not worth difflib at start

                hint = get_close_matches(key, known, n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.error(path + (key,), f"unknown key '{key}'{suggestion}")

    def text(
        self,
        table: dict[str, Any],
        key: str,
        path: FieldPath,
        *,
        limit: int,
        required: bool = True,
        single_line: bool = False,
    ) -> str | None:
        if key not in table:
            if required:
                self.error(path + (key,), "is missing")
            return None
        value = table[key]
        if not isinstance(value, str):
            self.error(path + (key,), f"must be text, not {_type_name(value)}")
            return None
        value = clean_text(value, single_line=single_line).strip()
        if required and not value:
            self.error(path + (key,), "must not be empty")
            return None
        if len(value) > limit:
            self.error(path + (key,), f"is {len(value)} characters long; the limit is {limit}")
            return None
        return value

    def integer(
        self,
        table: dict[str, Any],
        key: str,
        path: FieldPath,
        low: int,
        high: int,
        *,
        required: bool = True,
        meaning: str = "",
    ) -> int | None:
        if key not in table:
            if required:
                self.error(path + (key,), "is missing")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path + (key,), f"must be a whole number, not {_type_name(value)}")
            return None
        if not low <= value <= high:
            self.error(path + (key,), f"must be {low} to {high}{meaning}, not {value}")
            return None
        return value

    def choice(
        self,
        table: dict[str, Any],
        key: str,
        path: FieldPath,
        choices: tuple[str, ...],
        *,
        default: str | None = None,
    ) -> str | None:
        if key not in table:
            if default is None:
                self.error(path + (key,), "is missing")
            return default
        value = table[key]
        if value not in choices:
            shown = value if isinstance(value, str) else _type_name(value)
            self.error(path + (key,), f"must be one of {', '.join(choices)}, not '{shown}'")
            return None
        return value

    def slug(self, table: dict[str, Any], key: str, path: FieldPath) -> str | None:
        value = self.text(table, key, path, limit=10 * SLUG_MAX_CHARS, single_line=True)
        if value is None:
            return None
        if not is_safe_slug(value):
            self.error(
                path + (key,),
                f"'{value}' is not a safe id: use lowercase letters, digits and single hyphens, "
                f"at most {SLUG_MAX_CHARS} characters, not a reserved name",
            )
            return None
        return value


def _type_name(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a decimal number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), "a date or time")


def validate_document(doc: dict[str, Any]) -> tuple[Deck | None, list[FieldError]]:
    """Check a parsed deck document; return the Deck when it has no errors."""
    check = Checker()
    fmt = doc.get("format")
    if "format" not in doc:
        check.error(("format",), f"is missing (write 'format = {FORMAT}' at the top)")
    elif isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        check.error(("format",), f"must be a whole number like {FORMAT}")
    elif fmt > FORMAT:
        return None, [FieldError(("format",), f"this deck needs a newer Spark (format {fmt})")]
    check.unknown_keys(doc, TOP_KEYS, ())

    header = doc.get("deck")
    deck_fields: dict[str, Any] = {}
    if not isinstance(header, dict):
        check.error(
            ("deck",),
            "is missing: add a [deck] table with id and name" if header is None else "must be a table: [deck]",
        )
    else:
        check.unknown_keys(header, DECK_KEYS, ("deck",))
        deck_fields = {
            "id": check.slug(header, "id", ("deck",)),
            "name": check.text(header, "name", ("deck",), limit=MAX_NAME_CHARS, single_line=True),
            "description": check.text(
                header,
                "description",
                ("deck",),
                limit=MAX_DESCRIPTION_CHARS,
                required=False,
            )
            or "",
        }
        if "color" in header:
            color = header["color"]
            if not isinstance(color, str) or not COLOR.fullmatch(color):
                check.error(("deck", "color"), 'must be a colour like "#f5a623"')
            else:
                deck_fields["color"] = color.lower()
        if "mature" in header:
            if not isinstance(header["mature"], bool):
                check.error(("deck", "mature"), "must be true or false")
            else:
                deck_fields["mature"] = header["mature"]

    cards = _validate_cards(doc.get("cards"), check)
    if check.errors:
        return None, check.errors
    return Deck(cards=cards, **deck_fields), []


def _validate_cards(raw_cards: Any, check: Checker) -> tuple[Card, ...]:
    if raw_cards is None or raw_cards == []:
        check.error(("cards",), "the deck has no cards: add at least one [[cards]] table")
        return ()
    if not isinstance(raw_cards, list):
        check.error(("cards",), "must be a list of [[cards]] tables")
        return ()
    if len(raw_cards) > MAX_CARDS:
        check.error(("cards",), f"has {len(raw_cards)} cards; the limit is {MAX_CARDS}")
        return ()
    cards: list[Card] = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(raw_cards):
        card = validate_card(raw, ("cards", index), check)
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(raw_id, str):
            continue
        if raw_id in first_index:
            check.error(
                ("cards", index, "id"),
                f"duplicate card id '{raw_id}' (first used by cards[{first_index[raw_id]}])",
            )
            continue
        first_index[raw_id] = index
        if card is not None:
            cards.append(card)
    return tuple(cards)


def validate_card(raw: Any, path: FieldPath, check: Checker) -> Card | None:
    if not isinstance(raw, dict):
        check.error(path, "must be a table: [[cards]]")
        return None
    before = len(check.errors)
    check.unknown_keys(raw, CARD_KEYS, path)
    card_id = check.slug(raw, "id", path)
    kind = check.choice(raw, "kind", path, KINDS)
    level = check.integer(raw, "level", path, 1, 3, meaning=" (1 gentle, 2 warm, 3 bold)")
    points = check.integer(raw, "points", path, 1, 5)
    seconds = check.integer(raw, "seconds", path, 5, 3600, required=False)
    answerer = check.choice(raw, "answerer", path, ANSWERERS, default="active")
    text = check.text(raw, "text", path, limit=MAX_TEXT_CHARS)
    for placeholder in unknown_placeholders(text or ""):
        check.error(path + ("text",), f"unknown placeholder '{placeholder}': write {{me}} or {{partner}}")
    tags = _validate_tags(raw.get("tags", []), path + ("tags",), check)
    if len(check.errors) > before:
        return None
    assert card_id is not None and kind is not None and level is not None and points is not None
    assert text is not None and answerer is not None
    return Card(
        id=card_id,
        kind=kind,
        level=level,
        points=points,
        text=text,
        seconds=seconds,
        answerer=answerer,
        tags=tags,
    )


# Anything in braces that looks like a name is read as a placeholder; only these two are filled in.
PLACEHOLDER = re.compile(r"\{[^{}\s]{1,30}\}")
PLACEHOLDERS = ("{me}", "{partner}")


def unknown_placeholders(text: str) -> list[str]:
    """Placeholder-like words in braces other than {me} and {partner}, each once, in order."""
    found = [match[0] for match in PLACEHOLDER.finditer(text) if match[0] not in PLACEHOLDERS]
    return list(dict.fromkeys(found))


def _validate_tags(raw: Any, path: FieldPath, check: Checker) -> tuple[str, ...]:
    if not isinstance(raw, list):
        check.error(path, 'must be a list of words, like ["music", "no-props"]')
        return ()
    if len(raw) > MAX_TAGS:
        check.error(path, f"has {len(raw)} tags; the limit is {MAX_TAGS}")
        return ()
    tags: list[str] = []
    for index, tag in enumerate(raw):
        if not isinstance(tag, str) or not is_safe_slug(tag):
            check.error(path + (index,), "a tag is a lowercase word or words-with-hyphens")
        elif tag not in tags:
            tags.append(tag)
    return tuple(tags)


def check_card_fields(raw: dict[str, Any]) -> tuple[Card | None, list[FieldError]]:
    """Validate one card's fields by the loader's rules (used by the card form)."""
    check = Checker()
    card = validate_card(raw, (), check)
    return card, check.errors


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
