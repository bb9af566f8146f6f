"""A cache of parsed decks, keyed by file path, size and modification time.

Parsing TOML is the slow part of starting up with many decks; a deck file that
has not changed is rebuilt from the cache instead. The cache is only ever a
shortcut: any doubt about it (missing, corrupt, another version, an entry that
doesn't rebuild) means the file is read and checked again, and a broken cache
is simply replaced.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .deck import ANSWERERS, KINDS, Card, Deck
from .deck_file import Problem, read_deck_file

CACHE_VERSION = 1


def _pack(deck: Deck) -> tuple:
    return (
        deck.id,
        deck.name,
        deck.description,
        deck.color,
        deck.mature,
        tuple((c.id, c.kind, c.level, c.points, c.text, c.seconds, c.answerer, c.tags) for c in deck.cards),
    )


def _unpack(packed: Any) -> Deck:
    deck_id, name, description, color, mature, cards = packed
    built = []
    for card_id, kind, level, points, text, seconds, answerer, tags in cards:
        if kind not in KINDS or answerer not in ANSWERERS or not isinstance(text, str):
            raise ValueError("not a cached card")
        built.append(Card(card_id, kind, level, points, text, seconds, answerer, tags))
    return Deck(id=deck_id, name=name, cards=tuple(built), description=description, color=color, mature=mature)


class DeckCache:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, tuple[int, int, Any]] = {}
        self.dirty = False
        if path is None:
            return
        try:
            version, entries = marshal.loads(path.read_bytes())
            if version == CACHE_VERSION and isinstance(entries, dict):
                self.entries = entries
        except Exception:  # noqa: BLE001 - a cache in any bad shape is just no cache
            self.entries = {}

    def read(self, path: Path) -> tuple[Deck | None, list[Problem]]:
        """The deck at path, from the cache when its size and mtime still match."""
        key = str(path)
        try:
            info = os.stat(path)
        except OSError:
            info = None
        if info is not None:
            cached = self.entries.get(key)
            if cached is not None and cached[0] == info.st_size and cached[1] == info.st_mtime_ns:
                try:
                    return _unpack(cached[2]), []
                except Exception:  # noqa: BLE001 - an entry that doesn't rebuild is re-read
                    pass
        deck, problems = read_deck_file(path)
        if deck is not None and info is not None:
            self.entries[key] = (info.st_size, info.st_mtime_ns, _pack(deck))
            self.dirty = True
        elif self.entries.pop(key, None) is not None:
            self.dirty = True
        return deck, problems

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            atomic_write(self.path, marshal.dumps((CACHE_VERSION, self.entries)))
            self.dirty = False
        except OSError:
            pass  # a read-only home still plays; it just parses again next time
