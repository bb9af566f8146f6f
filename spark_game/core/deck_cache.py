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
from pathlib import Path
from typing import Any

from .card_codec import deck_to_document
from .deck import Deck
from .deck_file import Problem, parse_deck, read_deck_bytes, validate_document
from .verified_cache import read_cache, write_cache

CACHE_VERSION = 2
CACHE_KIND = "decks"


class DeckCache:
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
        if deck is not None:
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
