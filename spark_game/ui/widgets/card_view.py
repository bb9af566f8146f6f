"""A card, large and centred, framed in its deck's colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters
from textual.color import Color
from textual.geometry import Size
from textual.widgets import Static

from ...core.decks.model import Card, Deck
from ..safe import plain

if TYPE_CHECKING:
    from ..app import SparkApp

KIND_LABELS = {
    "question": "question",
    "challenge": "challenge",
    "activity": "activity",
    "wild": "wild card",
    "secret": "secret answer",
    "wishes": "wishes",
}
# Who answers a secret card played aloud at the table (the card form's preview says the same).
ALOUD = "Both of you, aloud and at once"


def card_meta(card: Card) -> str:
    timer = f" · {format_seconds(card.seconds)}" if card.seconds else ""
    points = f"{card.points} pt{'s' if card.points != 1 else ''}"
    return f"{KIND_LABELS[card.kind]} · {card.level_name} · {points}{timer}"


def format_seconds(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}" if minutes else f"{rest}s"


class CardView(Static):
    """Shows one card: its text in the middle, deck name and details on the frame."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Keep a new size without asking for a second layout: the card is already laid out and painted at it.

        Textual stores a widget's new size in its `virtual_size` reactive, which asks for another
        layout and repaint on the next frame. Every card and every phase gives the card a new height,
        so each key wrote the card's lines a second time about 25 ms after the first frame. The card
        has no children and no scrollbars, so nothing in it depends on that second pass.
        """
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def show(self, deck: Deck, card: Card, text: str, who: str) -> None:
        """``text`` is the card text with names filled in; ``who`` says who answers."""
        self.border_title = plain(deck.name)
        self.border_subtitle = plain(card_meta(card))
        self.styles.border = ("heavy", Color.parse(deck.color or self.app.current_theme.primary))
        choices = "\n".join(f"· {option}" for option in card.options)
        self.update(plain("\n\n".join(part for part in (text, choices, who) if part)))
        self.set_class(card.kind == "wild", "wild")
