"""The deck model: plain, frozen values that the rest of the game can trust."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("question", "challenge", "activity", "wild", "secret", "wishes")
# Cards both partners answer on their own phones (deck format 2): a secret answer, or wishes that meet.
HAND_KINDS = ("secret", "wishes")
ANSWERERS = ("active", "partner", "both")
LEVEL_NAMES = {1: "gentle", 2: "warm", 3: "bold"}
# Decks made from the pair's own history rather than a file.
FAVOURITES_DECK = "favourites"
# The deck that ends every round; it ships with the game and is never offered as a deck to choose.
CLOSING_DECK_ID = "closing"
LATER_DECK = "later"


@dataclass(frozen=True)
class Card:
    """One card of a deck: what it says, its kind and level, its points and timer, who answers, its tags."""

    id: str
    kind: str
    level: int
    points: int
    text: str
    seconds: int | None = None
    answerer: str = "active"
    tags: tuple[str, ...] = ()
    options: tuple[str, ...] = ()  # a secret card's choices, or a wishes card's things to try
    aloud: bool = False  # a secret card that also plays with no phones: both say their answer at once

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]

    @property
    def needs_hands(self) -> bool:
        """Answered in private on each partner's phone, with no way to play it aloud on one screen."""
        return self.kind in HAND_KINDS and not self.aloud


@dataclass(frozen=True)
class Deck:
    """A deck as loaded from its file: an id, a name and its cards (frozen; a round keeps its own copy)."""

    id: str
    name: str
    cards: tuple[Card, ...]
    description: str = ""
    color: str | None = None
    mature: bool = False
    card_index: dict[str, Card] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        self.card_index.update((card.id, card) for card in self.cards)

    def card(self, card_id: str) -> Card:
        return self.card_index[card_id]

    def count_by_level(self) -> dict[int, int]:
        counts = dict.fromkeys(LEVEL_NAMES, 0)
        for card in self.cards:
            counts[card.level] += 1
        return counts
