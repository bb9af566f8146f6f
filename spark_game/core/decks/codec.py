"""Cards and decks as TOML tables and back: the one codec that deck files, saves, caches and the history share.

Defaults are left out on the way out (no `answerer = "active"`, no empty tags)
and filled in on the way back, so a deck file reads as a person would write it.
Reading checks a card by the loader's own rules.
"""

from __future__ import annotations

from typing import Any

from .checks import Checker, validate_card
from .hand_fields import HANDS_FORMAT
from .model import HAND_KINDS, Card, Deck


class CardTableError(ValueError):
    """A stored card that the loader's rules refuse; the message names the field."""


def card_to_table(card: Card) -> dict[str, Any]:
    table: dict[str, Any] = {"id": card.id, "kind": card.kind, "level": card.level, "points": card.points}
    if card.seconds is not None:
        table["seconds"] = card.seconds
    if card.answerer != "active":
        table["answerer"] = card.answerer
    table["text"] = card.text
    if card.tags:
        table["tags"] = list(card.tags)
    if card.options:
        table["options"] = list(card.options)
    if card.aloud:
        table["aloud"] = True
    return table


def card_from_table(raw: Any, where: str) -> Card:
    """The card a table describes; CardTableError naming `where` and the field when it is not one."""
    check = Checker()
    card = validate_card(raw, (), check)
    if card is None:
        first = check.errors[0]
        raise CardTableError(f"{where}{('.' + first.field) if first.field else ''}: {first.message}")
    return card


def deck_to_document(deck: Deck) -> dict[str, Any]:
    header: dict[str, Any] = {"id": deck.id, "name": deck.name}
    if deck.description:
        header["description"] = deck.description
    if deck.color:
        header["color"] = deck.color
    if deck.mature:
        header["mature"] = True
    # A deck with no hands' card is written as format 1, so an older Spark still reads it.
    fmt = HANDS_FORMAT if any(card.kind in HAND_KINDS for card in deck.cards) else 1
    return {"format": fmt, "deck": header, "cards": [card_to_table(card) for card in deck.cards]}
