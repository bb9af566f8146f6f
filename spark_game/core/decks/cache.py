"""A cache of parsed decks, keyed by each file's content (SHA-256), never by its timestamp alone.

Parsing TOML is the slow part of starting up with many decks. A deck file
whose bytes hash to a cached entry is rebuilt from that entry's document,
which goes through the same validation as the file (so text is cleaned and
every field checked again); only the TOML parse is skipped. Reading the file
to hash it is cheap and makes edits that keep the size and the timestamp
(a coarse clock on a USB stick) impossible to miss. Any doubt means a full read.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

from ..files.text import clean_text
from ..files.verified_cache import read_cache, write_cache
from .checks import validate_document
from .codec import deck_to_document
from .file import Problem, parse_deck, read_deck_bytes
from .model import Card, Deck

CACHE_VERSION = 2
CACHE_KIND = "decks"


def _agrees_with_file(deck: Deck, data: bytes) -> bool:
    """A cheap check that a cached deck is the one in the file, not a forged entry beside the right hash.

    The file's header (everything before the first [[cards]]) is parsed for real and must give the same
    deck id, name and opt-in flag; every cached card's id and text must appear in the file.
    """
    source = data.decode("utf-8", "replace")
    header_end = source.find("\n[[cards]]")
    if header_end < 0:
        return False
    try:
        header = tomllib.loads(source[:header_end]).get("deck", {})
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return False
    if header.get("id") != deck.id or bool(header.get("mature", False)) != deck.mature:
        return False
    if clean_text(str(header.get("name", "")), single_line=True).strip() != deck.name:
        return False
    strings = _strings_in(source)
    if not all(card.id in strings and _written_in(card.text, strings) for card in deck.cards):
        return False
    return _card_fields(source[header_end:]) == [_fields_of(card) for card in deck.cards]


# A card's fields that decide where and whether it is dealt, as a [[cards]] table writes them one a line:
# a table header, or id, kind and level on a line each, or tags on one line or several (as tomli-w writes it).
_CARD_LINE = re.compile(
    r"^(?:(\[\[cards\]\])[ \t]*$|(\[).*$|[ \t]*(id|kind|level)[ \t]*=[ \t]*(.*?)[ \t]*$"
    r"|[ \t]*tags[ \t]*=[ \t]*(\[[^\]]*\]))",
    re.M,
)
_TAG = re.compile(r'"([^"\\\n]*)"|\'([^\'\n]*)\'')


def _card_fields(cards_source: str) -> list[tuple[str, ...]] | None:
    """Each [[cards]] table's id, kind, level and tags as written, in file order; None when a table is unusual.

    A forged cache that keeps the texts but moves a bold card to gentle, or strips the tags a limit
    matches, disagrees here; a file written some other way (inline tables, a ']' in a tag) is parsed for real.
    """
    tables: list[dict[str, str]] = []
    inside = False
    for card_table, other_table, name, value, tags in _CARD_LINE.findall(cards_source):
        if card_table:
            tables.append({})
            inside = True
        elif other_table:
            inside = False
        elif inside:
            key, text = (name, value) if name else ("tags", tags)
            if key in tables[-1]:
                return None
            tables[-1][key] = text
    if any(len(table) < 3 or ("tags" not in table and "tags" in str(table)) for table in tables):
        return None
    return [
        (
            table["id"].strip("\"'"),
            table["kind"].strip("\"'"),
            table["level"],
            *(first or second for first, second in _TAG.findall(table.get("tags", ""))),
        )
        for table in tables
    ]


def _fields_of(card: Card) -> tuple[str, ...]:
    return (card.id, card.kind, str(card.level), *card.tags)


# The strings of a TOML file as written: "basic", 'literal' and the two multi-line kinds.
_STRINGS = re.compile(r'"""([\s\S]*?)"""|\'\'\'([\s\S]*?)\'\'\'|"((?:[^"\\\n]|\\.)*)"|\'([^\'\n]*)\'')


def _strings_in(source: str) -> set[str]:
    """Every string written in the file, once (so checking a deck of 10,000 cards stays linear)."""
    found = {match[match.lastindex or 0] for match in _STRINGS.finditer(source)}  # the one group that matched
    return found | {text.strip() for text in found}  # a multi-line string's first newline isn't part of it


def _written_in(text: str, strings: set[str]) -> bool:
    """The text as it stands in the file: literally, or as a basic string escapes it."""
    return text in strings or text.replace("\\", "\\\\").replace('"', '\\"') in strings


class DeckCache:
    """Parsed decks kept between starts, keyed by each file's content and checked against it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.dirty = False
        payload = read_cache(path, CACHE_KIND, CACHE_VERSION) if path is not None else None
        self.entries: dict[str, Any] = payload if isinstance(payload, dict) else {}

    def read(self, path: Path) -> tuple[Deck | None, list[Problem]]:
        """The deck at path: from the cache when the file's content matches an entry, else read and parsed."""
        data, problem = read_deck_bytes(path)
        key = str(path)
        if data is None:
            self._forget(key)
            return None, [problem] if problem else []
        digest = hashlib.sha256(data).hexdigest()
        deck = self._cached(key, digest)
        if deck is not None and _agrees_with_file(deck, data):
            return deck, []
        deck, problems = parse_deck(data, key)
        if deck is None:
            self._forget(key)
        else:
            self.entries[key] = {"sha256": digest, "deck": deck_to_document(deck)}
            self.dirty = True
        return deck, problems

    def _cached(self, key: str, digest: str) -> Deck | None:
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or entry.get("sha256") != digest or not isinstance(entry.get("deck"), dict):
            return None
        deck, errors = validate_document(entry["deck"])
        return deck if not errors else None

    def _forget(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            write_cache(self.path, CACHE_KIND, CACHE_VERSION, self.entries)
            self.dirty = False
        except OSError:
            pass  # a read-only home still plays; it just parses again next time
