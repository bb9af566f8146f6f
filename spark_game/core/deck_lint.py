"""Deck lint: warnings about wording and balance that the loader accepts but a couple might not.

- gendered wording (a card should serve every couple: "your partner");
- near-duplicate cards, in one deck or across the decks given;
- levels badly out of balance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from .deck import CLOSING_DECK_ID, Deck
from .deck_file import FieldLocator, Problem, read_deck_file

GENDERED = re.compile(
    r"\b(he|she|him|his|hers|himself|herself|husband|wife|boyfriend|girlfriend|"
    r"hubby|wifey|man|woman|gentleman|lady|bride|groom)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z']+")
SIMILAR = 0.7  # share of distinct words two cards have in common to count as near-duplicates
MIN_WORDS = 5


@dataclass(frozen=True)
class _Located:
    path: Path
    deck: Deck
    locate: FieldLocator


def _words(text: str) -> frozenset[str]:
    return frozenset(word for word in _WORD.findall(text.lower().replace("{me}", "").replace("{partner}", "")))


def lint_paths(paths: list[Path]) -> list[Problem]:
    """Warnings for the given deck files (a broken file gives its loader problems instead)."""
    warnings: list[Problem] = []
    located: list[_Located] = []
    for path in paths:
        deck, problems = read_deck_file(path)
        if deck is None:
            warnings.extend(problems)
            continue
        located.append(_Located(path, deck, FieldLocator(path.read_text(encoding="utf-8"))))
    for entry in located:
        warnings.extend(_gendered(entry))
        warnings.extend(_balance(entry))
    warnings.extend(_near_duplicates(located))
    return warnings


def _warn(entry: _Located, path: tuple, message: str, field: str) -> Problem:
    line, column = entry.locate(path)
    return Problem(str(entry.path), f"warning: {message}", line, column, field)


def _gendered(entry: _Located) -> list[Problem]:
    found = []
    for index, card in enumerate(entry.deck.cards):
        for match in GENDERED.finditer(card.text):
            found.append(
                _warn(
                    entry,
                    ("cards", index, "text"),
                    f"gendered word '{match[0]}': write \"your partner\" or use {{partner}}",
                    f"cards[{index}].text (card '{card.id}')",
                )
            )
    for key in ("name", "description"):
        found_word = GENDERED.search(getattr(entry.deck, key))
        if found_word:
            found.append(_warn(entry, ("deck", key), f"gendered word '{found_word[0]}'", f"deck.{key}"))
    return found


def _balance(entry: _Located) -> list[Problem]:
    levels = entry.deck.count_by_level()
    total = sum(levels.values())
    names = {1: "gentle", 2: "warm", 3: "bold"}
    problems: list[Problem] = []
    if total < 6 or entry.deck.id == CLOSING_DECK_ID:  # closing cards are gentle by design
        return problems
    missing = [names[level] for level, count in levels.items() if count == 0]
    if missing:
        problems.append(
            _warn(entry, ("deck",), f"no {' or '.join(missing)} cards: rounds escalate through all three", "levels")
        )
    for level, count in levels.items():
        if count > 0.7 * total:
            problems.append(
                _warn(
                    entry,
                    ("deck",),
                    f"{count} of {total} cards are {names[level]}: "
                    "aim for about half gentle, a third warm, the rest bold",
                    "levels",
                )
            )
    if levels[3] > levels[1] > 0:
        problems.append(
            _warn(entry, ("deck",), "more bold cards than gentle ones: the warm-up will run short", "levels")
        )
    return problems


def _near_duplicates(located: list[_Located]) -> list[Problem]:
    cards = [
        (entry, index, card, _words(card.text)) for entry in located for index, card in enumerate(entry.deck.cards)
    ]
    cards = [item for item in cards if len(item[3]) >= MIN_WORDS]
    problems = []
    for (entry, index, card, words), (other_entry, _other_index, other, other_words) in combinations(cards, 2):
        smaller = min(len(words), len(other_words))
        if len(words & other_words) < SIMILAR * smaller:
            continue  # quick reject before the exact share
        share = len(words & other_words) / len(words | other_words)
        if share >= SIMILAR:
            where = "this deck" if other_entry is entry else f"{other_entry.path.name}"
            problems.append(
                _warn(
                    entry,
                    ("cards", index, "text"),
                    f"near-duplicate of '{other.id}' in {where} ({share:.0%} of words shared)",
                    f"cards[{index}].text (card '{card.id}')",
                )
            )
    return problems
