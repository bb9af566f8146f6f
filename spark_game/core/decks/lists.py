"""The lists people keep, read as cards: one card a line, a CSV with named columns, or a JSON list.

Each row goes through the loader's own rules, one value at a time, and every
problem is worded for someone who has never seen a deck file, with its line:
"line 11: level must be 1 (gentle), 2 (warm) or 3 (bold); you wrote 7".
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from typing import Any

from ..files.text import clean_text, slugify, unique_id
from .checks import (
    MAX_CARDS,
    MAX_TAGS,
    MAX_TEXT_CHARS,
    RESERVED_FILE_NAMES,
    SLUG_MAX_CHARS,
    check_card_fields,
    is_safe_slug,
    unknown_placeholders,
)
from .file import Problem
from .model import HAND_KINDS, KINDS, LEVEL_NAMES, Card

TEXT, CSV, JSON = "text", "CSV", "JSON"

KEYS = ("text", "level", "kind", "points", "seconds", "tags")

DEFAULTS: dict[str, Any] = {"kind": "question", "level": 1, "points": 1}

TAG_SEPARATORS = re.compile(r"[\s,;]+")

# A list whose every line starts with a bullet or a number ("- ", "• ", "3. ", "3) ") loses them.
BULLET = re.compile(r"(?:[-*•·–]|\d{1,3}[.)])\s+")

WHOLE_NUMBER = re.compile(r"[+-]?\d{1,9}(?:\.0*)?")

JSON_SPACE = re.compile(r"[ \t\n\r]*")

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")  # one line at a time, whatever ends it

LEVEL_WORDS = {name: level for level, name in LEVEL_NAMES.items()}


class ListProblem(Problem):
    """A problem in a list of cards, read by people who don't code: ``line 11: …`` and no more."""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class WrongValue(ValueError):
    """A value that can't be what its column says; the message says what it must be."""


@dataclass(frozen=True)
class Row:
    """One card as written in the list: its line and its fields (text and the optional keys), raw."""

    line: int
    fields: dict[str, Any]


def card_id_base(text: str) -> str:
    """An id from a card's first words: a safe slug, never a reserved name."""
    base = slugify(" ".join(text.split()[:5]), limit=40, fallback="card")
    return f"{base}-card" if base in RESERVED_FILE_NAMES else base


def new_card_id(text: str, taken: Container[str]) -> str:
    """A stable id from the card's first words, unique in the deck."""
    return unique_id(card_id_base(text), taken, limit=SLUG_MAX_CHARS)


class CardIds:
    """Ids for a list of cards; the tenth "Kiss me." starts looking at kiss-me-10, not kiss-me."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.repeats: dict[str, int] = {}

    def make(self, text: str) -> str:
        base = card_id_base(text)
        number = self.repeats.get(base, 1)
        self.repeats[base] = number + 1
        start = base if number == 1 else f"{base[: SLUG_MAX_CHARS - 6].rstrip('-')}-{number}"
        card_id = unique_id(start, self.taken, limit=SLUG_MAX_CHARS)
        self.taken.add(card_id)
        return card_id


def written(value: Any) -> str:
    """A value as the person wrote it, on one short line."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = clean_text(text, single_line=True)
    return text if len(text) <= 40 else text[:39] + "…"


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e9:
        return int(value)
    if isinstance(value, str) and WHOLE_NUMBER.fullmatch(value.strip()):
        return int(value.strip().split(".")[0])
    return None


def as_level(value: Any) -> int:
    word = value.strip().casefold() if isinstance(value, str) else None
    number = LEVEL_WORDS.get(word or "") or whole_number(value)
    if number is None or number not in LEVEL_NAMES:
        raise WrongValue("level must be 1 (gentle), 2 (warm) or 3 (bold)")
    return number


LIST_KINDS = tuple(kind for kind in KINDS if kind not in HAND_KINDS)  # a hands' card's options need TOML


def as_kind(value: Any) -> str:
    word = value.strip().casefold() if isinstance(value, str) else None
    if word is None or word not in LIST_KINDS:
        raise WrongValue(f"kind must be {', '.join(LIST_KINDS[:-1])} or {LIST_KINDS[-1]}")
    return word


def as_points(value: Any) -> int:
    number = whole_number(value)
    if number is None or not 1 <= number <= 5:
        raise WrongValue("points must be a whole number from 1 to 5")
    return number


def as_seconds(value: Any) -> int:
    number = whole_number(value)
    if number is None or not 5 <= number <= 3600:
        raise WrongValue("seconds (the timer) must be a whole number from 5 to 3600, or empty for no timer")
    return number


def as_tags(value: Any) -> list[str]:
    words = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if words is None or not all(isinstance(word, str) for word in words):
        raise WrongValue("tags are words, like: music no-props")
    tags: list[str] = []
    for word in (part for text in words for part in TAG_SEPARATORS.split(text) if part):
        tag = slugify(word, limit=SLUG_MAX_CHARS, fallback="")
        if not is_safe_slug(tag):
            raise WrongValue(f"'{written(word)}' can't be a tag: a tag is a word of letters and digits, like no-props")
        tags.append(tag)
    if len(set(tags)) > MAX_TAGS:
        raise WrongValue(f"a card may have at most {MAX_TAGS} tags; this one has {len(set(tags))}")
    return tags


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "level": as_level,
    "kind": as_kind,
    "points": as_points,
    "seconds": as_seconds,
    "tags": as_tags,
}


def card_text(value: Any) -> tuple[str | None, list[str]]:
    """The card's text, or what is wrong with it."""
    if is_blank(value):
        return None, ["this card has no text"]
    if not isinstance(value, str):
        return None, [f"the card's text must be words in quotes; you wrote {written(value)}"]
    text = clean_text(value).strip()
    if not text:
        return None, ["this card has no text"]
    messages = [
        f"{placeholder} is not a name Spark fills in: write {{me}} for whoever's turn it is, "
        "or {partner} for the other one"
        for placeholder in unknown_placeholders(text)
    ]
    if len(text) > MAX_TEXT_CHARS:
        messages.append(f"this card is {len(text):,} characters long; a card may have at most {MAX_TEXT_CHARS:,}")
    return text, messages


def card_table(fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A card table for the loader from one row's fields, with the defaults, or the row's problems."""
    table = dict(DEFAULTS)
    text, messages = card_text(fields.get("text"))
    table["text"] = text
    for key, convert in CONVERTERS.items():
        value = fields.get(key)
        if is_blank(value):
            continue
        try:
            table[key] = convert(value)
        except WrongValue as wrong:
            shown = "" if key == "tags" else f"; you wrote {written(value)}"
            messages.append(f"{wrong}{shown}")
    return table, messages


def unknown_key(key: str, what: str) -> str:
    hint = difflib.get_close_matches(key.casefold(), KEYS, n=1)
    suggestion = f" (did you mean {hint[0]}?)" if hint else ""
    return f"{what} '{written(key)}' is not one Spark knows{suggestion}; they are {', '.join(KEYS)}"


def rows_to_cards(rows: list[Row], name: str) -> tuple[list[Card], list[Problem]]:
    """Each row through the loader's rules; every problem, by line."""
    cards: list[Card] = []
    problems: list[Problem] = []
    ids = CardIds()
    for row in rows:
        table, messages = card_table(row.fields)
        if not messages:
            table["id"] = ids.make(table["text"])
            card, errors = check_card_fields(table)
            messages = [f"{error.field}: {error.message}" for error in errors]
            if card is not None:
                cards.append(card)
        problems.extend(ListProblem(name, message, row.line) for message in messages)
    return cards, problems


def text_rows(source: str, name: str) -> tuple[list[Row], list[Problem]]:
    """One card a line; blank lines and lines starting with # are skipped (and no more than a deck can hold read)."""
    rows = []
    for number, match in enumerate(LINE.finditer(source), start=1):
        line = match.group(0)
        text = clean_text(line).strip()
        if text and not text.startswith("#"):
            rows.append(Row(number, {"text": line.strip()}))
            if len(rows) > MAX_CARDS:
                break
    if rows and all(BULLET.match(row.fields["text"]) for row in rows):
        rows = [Row(row.line, {"text": BULLET.sub("", row.fields["text"], count=1)}) for row in rows]
    return rows, []


def csv_delimiter(source: str, name: str) -> str:
    """The delimiter the header line uses most: comma, semicolon (European spreadsheets) or tab."""
    if name.casefold().endswith(".tsv"):
        return "\t"
    header = next((line for line in source.splitlines() if line.strip()), "")
    header = re.sub(r'"[^"]*"', "", header)
    return max(",;\t", key=header.count) if any(mark in header for mark in ",;\t") else ","


def csv_columns(header: list[str], line: int, name: str) -> tuple[list[str | None], list[Problem]]:
    """The key of each column (None: a column with no name), and what is wrong with the header."""
    columns: list[str | None] = [cell.strip().casefold() or None for cell in header]
    if "text" not in columns:
        message = (
            "the first line names the columns, and one of them must be text (like: text,level,tags); "
            f"this one says {written(','.join(header))}. "
            "A plain list of cards, one a line, can be saved as .txt instead"
        )
        return columns, [ListProblem(name, message, line)]
    problems: list[Problem] = []
    for index, key in enumerate(columns):
        if key is not None and key not in KEYS:
            problems.append(ListProblem(name, unknown_key(key, "the column"), line))
        elif key is not None and key in columns[:index]:
            problems.append(ListProblem(name, f"the column {key} is there twice", line))
    return columns, problems


def csv_fields(cells: list[str], columns: list[str | None]) -> tuple[dict[str, Any], str | None]:
    """A row's fields by column, or why the row doesn't fit the header."""
    fields: dict[str, Any] = {}
    for index, cell in enumerate(cells):
        key = columns[index] if index < len(columns) else None
        if key is None and cell.strip():
            return {}, (
                f"this line has a cell ({written(cell)}) in a column with no name in the first line; "
                'a comma in the text? Put the text in double quotes: "Yes, really?"'
            )
        if key is not None:
            fields[key] = cell
    return fields, None


def csv_rows(source: str, name: str) -> tuple[list[Row], list[Problem]]:
    """A header naming the columns (text required), then one card a row; empty rows are skipped."""
    reader = csv.reader(io.StringIO(source, newline=""), delimiter=csv_delimiter(source, name))
    rows: list[Row] = []
    problems: list[Problem] = []
    columns: list[str | None] | None = None
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns, problems = csv_columns(cells, start, name)
                if problems:  # every row would repeat them
                    return [], problems
                continue
            fields, problem = csv_fields(cells, columns)
            if problem:
                problems.append(ListProblem(name, problem, start))
            elif any(not is_blank(value) for value in fields.values()):
                rows.append(Row(start, fields))
                if len(rows) > MAX_CARDS:
                    break
    except csv.Error as error:
        problems.append(ListProblem(name, f"this line can't be read as CSV ({error})", line))
    return rows, problems


def json_rows(source: str, name: str) -> tuple[list[Row], list[Problem]]:
    """A JSON list of cards: each is text in quotes, or an object with text and the optional keys."""
    items, problem = parse_json(source, name)
    if items is None:
        return [], [problem] if problem else []
    rows: list[Row] = []
    problems: list[Problem] = []
    for item, line in zip(items[: MAX_CARDS + 1], json_item_lines(source), strict=False):
        if isinstance(item, str):
            rows.append(Row(line, {"text": item}))
        elif isinstance(item, dict):
            problems.extend(ListProblem(name, unknown_key(key, "the key"), line) for key in item if key not in KEYS)
            rows.append(Row(line, {key: value for key, value in item.items() if key in KEYS}))
        else:
            problems.append(
                ListProblem(
                    name,
                    'each card is text in quotes, or an object like {"text": "…", "level": 2}; '
                    f"you wrote {written(item)}",
                    line,
                )
            )
    return rows, problems


def no_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number a card can use")


def parse_json(source: str, name: str) -> tuple[list[Any] | None, Problem | None]:
    try:
        document = json.loads(source, parse_constant=no_constant)
    except json.JSONDecodeError as error:
        return None, ListProblem(name, f"this is not valid JSON, at column {error.colno}: {error.msg}", error.lineno)
    except RecursionError:
        return None, ListProblem(name, "the lists inside lists go too deep to be cards")
    except ValueError as error:
        return None, ListProblem(name, f"this can't be read: {written(str(error))}")
    if not isinstance(document, list):
        return None, ListProblem(
            name, 'the file must hold a list of cards in [ ], like ["First question?", "Second one?"]'
        )
    return document, None


def skip_space(source: str, index: int) -> int:
    match = JSON_SPACE.match(source, index)
    return match.end() if match else index


def json_item_lines(source: str) -> Iterable[int]:
    """The line each item of a valid JSON list starts on, in order."""
    decoder = json.JSONDecoder()
    index = source.index("[") + 1
    line, counted = 1, 0
    while True:
        index = skip_space(source, index)
        if source.startswith("]", index):
            return
        line, counted = line + source.count("\n", counted, index), index
        yield line
        _, index = decoder.raw_decode(source, index)
        index = skip_space(source, index)
        index += source.startswith(",", index)


READERS: dict[str, Callable[[str, str], tuple[list[Row], list[Problem]]]] = {
    TEXT: text_rows,
    CSV: csv_rows,
    JSON: json_rows,
}
