"""Importing a file into the home: a Spark deck, a text file, a CSV or a JSON list, made into a deck.

A list (read by `lists`) becomes a whole, valid deck or nothing, checked by
the loader's rules and written by the deck writer, named after the file,
under an id not taken in the home. A file that is not text is refused with a
way out, never read as garbage.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from ..files.text import clean_text, unique_id
from ..files.tidy import private_folder
from .checks import (
    MAX_CARDS,
    MAX_DESCRIPTION_CHARS,
    MAX_NAME_CHARS,
    SLUG_MAX_CHARS,
    validate_document,
)
from .codec import deck_to_document
from .file import PROBLEM_LIMIT, Problem, read_deck_bytes, read_deck_file
from .lists import (
    CSV,
    JSON,
    READERS,
    TEXT,
    ListProblem,
    rows_to_cards,
)
from .model import Card, Deck
from .writer import deck_path, import_deck, slug_from_name, write_deck

TOML = "Spark deck"
SUFFIXES = {".toml": TOML, ".csv": CSV, ".tsv": CSV, ".json": JSON, ".txt": TEXT, ".text": TEXT, ".md": TEXT}
# Files people keep lists in that are not text: they are refused with a way out, never read as garbage.
NOT_TEXT = frozenset([".xlsx", ".xls", ".ods", ".numbers", ".docx", ".doc", ".odt", ".pages", ".pdf", ".rtf", ".zip"])
NO_CARDS = {
    TEXT: "there are no cards in this file: write one card a line",
    CSV: "there are no cards under the first line (the column names)",
    JSON: 'the list is empty: write the cards inside [ ], like ["First question?", "Second one?"]',
}


@dataclass(frozen=True)
class Imported:
    """What an import did: the file written and its deck, or the problems and nothing written."""

    path: Path | None
    deck: Deck | None
    problems: list[Problem] = field(default_factory=list)
    kind: str = TOML


# --------------------------------------------------------------------------- card ids


# --------------------------------------------------------------------------- one value at a time


# --------------------------------------------------------------------------- the formats


# --------------------------------------------------------------------------- files


def format_of(path: Path) -> str | None:
    """The format a file's name says; None when the name doesn't say (the content decides)."""
    return SUFFIXES.get(path.suffix.casefold())


def sniff(source: str) -> str:
    if re.search(r"(?m)^\s*\[deck\]\s*$", source) and re.search(r"(?m)^\s*format\s*=", source):
        return TOML
    return JSON if source.lstrip().startswith("[") else TEXT


def decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """Text from the file's bytes: UTF-8 (a BOM is fine) or UTF-16 with its BOM, as Excel's 'Unicode text'."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, ListProblem(name, "this file says it is UTF-16 text but isn't; save it again as UTF-8")
    if b"\x00" in data:
        return None, ListProblem(name, "this is not a text file; save your list as .txt, .csv or .json")
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, ListProblem(
            name,
            "this file is not saved as UTF-8 text, so some letters can't be read; "
            "save it again as UTF-8 (in a spreadsheet: CSV UTF-8)",
            line,
        )
    source = source.removeprefix("\ufeff")
    if not source.strip():
        return None, ListProblem(name, "the file is empty")
    return source, None


def limited(problems: list[Problem], name: str) -> list[Problem]:
    """The first PROBLEM_LIMIT problems by line, then how many more."""
    problems = sorted(problems, key=lambda problem: problem.line or 0)
    if len(problems) <= PROBLEM_LIMIT:
        return problems
    more = len(problems) - PROBLEM_LIMIT
    return problems[:PROBLEM_LIMIT] + [ListProblem(name, f"and {more:,} more problem{'s' if more != 1 else ''}")]


def deck_name(path: Path) -> str:
    """'date_night-questions.txt' gives 'Date night questions'."""
    words = clean_text(re.sub(r"[_\-.]+", " ", path.stem), single_line=True)[:MAX_NAME_CHARS].strip()
    return words[:1].upper() + words[1:] if words else "Imported deck"


def cards_from_source(source: str, kind: str, name: str) -> tuple[list[Card], list[Problem]]:
    rows, problems = READERS[kind](source, name)
    if not rows and not problems:
        return [], [ListProblem(name, NO_CARDS[kind])]
    if len(rows) > MAX_CARDS:  # the readers stop at the first card too many
        return [], [ListProblem(name, f"this file has more than {MAX_CARDS:,} cards, the most a deck may have")]
    cards, card_problems = rows_to_cards(rows, name)
    return cards, problems + card_problems


def list_deck(path: Path, source: str, kind: str, deck_id: str) -> tuple[Deck | None, list[Problem]]:
    """The deck a list makes, checked whole by the loader's rules, or every problem (at most PROBLEM_LIMIT)."""
    name = str(path)
    cards, problems = cards_from_source(source, kind, name)
    if problems:
        return None, limited(problems, name)
    description = clean_text(f"Imported from {path.name}", single_line=True)[:MAX_DESCRIPTION_CHARS]
    deck = Deck(id=deck_id, name=deck_name(path), description=description, cards=tuple(cards))
    checked, errors = validate_document(deck_to_document(deck))
    if checked is None:
        return None, limited([ListProblem(name, f"{error.field}: {error.message}") for error in errors], name)
    return checked, []


def free_id(path: Path, folder: Path, taken: Container[str]) -> str:
    """The deck's id: from its name, not used by a deck the home has nor by a file in its folder."""
    return unique_id(
        slug_from_name(deck_name(path)),
        lambda candidate: candidate in taken or deck_path(folder, candidate).exists(),
        limit=SLUG_MAX_CHARS,
    )


def read_list(path: Path, folder: Path, taken: Container[str] = ()) -> Imported:
    """Read any supported file as a deck, without writing anything (a Spark deck keeps its own id)."""
    name = str(path)
    if path.suffix.casefold() in NOT_TEXT:
        message = f"Spark can't read {path.suffix} files; save the list as CSV (or plain text, one card a line)"
        return Imported(None, None, [ListProblem(name, message)])
    kind = format_of(path)
    if kind == TOML:
        deck, problems = read_deck_file(path)
        return Imported(None, deck, problems, TOML)
    data, problem = read_deck_bytes(path)
    source, problem = decode(data, name) if data is not None else (None, problem)
    if source is None:
        return Imported(None, None, [problem] if problem else [], kind or TEXT)
    kind = kind or sniff(source)
    if kind == TOML:
        deck, problems = read_deck_file(path)
        return Imported(None, deck, problems, TOML)
    deck, problems = list_deck(path, source, kind, free_id(path, folder, taken))
    return Imported(None, deck, problems, kind)


def import_file(source: Path, folder: Path, taken: Container[str] = (), *, replace_existing: bool = False) -> Imported:
    """Import a Spark deck, a text file, a CSV or a JSON list into folder; all of it, or nothing.

    A Spark deck is copied as the deck writer's import_deck does (its own id;
    a different deck under that id is replaced only with replace_existing). A
    list becomes a new deck named after the file, with an id not in `taken`
    (the ids the home's decks already use) nor a file in folder.
    """
    read = read_list(source, folder, taken)
    if read.deck is None:
        return read
    try:
        private_folder(folder)
        if read.kind == TOML:
            target, problems = import_deck(source, folder, replace_existing=replace_existing)
            return Imported(target, read.deck if target else None, problems, TOML)
        target = deck_path(folder, read.deck.id)
        write_deck(target, read.deck)
    except OSError as error:  # a read-only or full home: one line, and the folder as it was
        return Imported(None, None, [Problem(str(folder), f"can't be written ({error.strerror or error})")], read.kind)
    return Imported(target, read.deck, [], read.kind)
