"""Secret answers and wishes that meet: what each partner answered on their own phone, and the reveal.

Answers are kept in the round's memory only (never in a save), for the card on the table: the
table shows that an answer came, never what, until both are in. A wishes card's reveal holds
only what both wanted (yes and yes, or yes and maybe), never a no and never one partner alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..decks.model import HAND_KINDS, Card
from . import rules  # the module: rules asks this one in turn, so names are read at call time

if TYPE_CHECKING:
    from .round import Round

MAX_ANSWER_CHARS = 80
MARKS = ("yes", "maybe", "no")


def answered_by_hands(game: Round) -> Card | None:
    """The card on the table when both partners answer it on their phones now, else None."""
    card = game.card
    if game.phase is rules.Phase.CARD and card is not None and card.kind in HAND_KINDS and game.hands_at_table:
        return card
    return None


def fits(card: Card, value: object) -> bool:
    """Whether a phone's answer is one this card can take: a choice, a few words, or a mark per wish."""
    if card.kind == "wishes":
        return isinstance(value, list) and len(value) == len(card.options) and all(mark in MARKS for mark in value)
    if card.options:
        return value in card.options
    return isinstance(value, str) and 0 < len(value.strip()) <= MAX_ANSWER_CHARS and value.isprintable()


def may_answer(game: Round, argument: object) -> bool:
    """ANSWER's rule: (player, value), from a partner who hasn't answered this card yet, with a fitting value."""
    card = answered_by_hands(game)
    if card is None or not isinstance(argument, tuple) or len(argument) != 2:
        return False
    player, value = argument
    return player in (0, 1) and player not in game.answers and fits(card, value)


def answer(game: Round, argument: object) -> None:
    """Keep one partner's answer (the session has asked `may_answer` first)."""
    assert isinstance(argument, tuple)
    player, value = argument
    game.answers[int(player)] = value.strip() if isinstance(value, str) else value


def revealed(game: Round) -> bool:
    return len(game.answers) == 2


def ready_to_complete(game: Round) -> bool:
    """A card answered on the phones is done only once both answers are in and shown."""
    return answered_by_hands(game) is None or revealed(game)


def shared_wishes(card: Card, answers: dict[int, object]) -> list[str]:
    """The wishes both marked yes, or one yes and one maybe; nothing else, in the card's order."""
    marks = [answers[0], answers[1]]
    return [
        option
        for index, option in enumerate(card.options)
        if {marks[0][index], marks[1][index]} in ({"yes"}, {"yes", "maybe"})  # type: ignore[index]
    ]


def reveal_lines(game: Round) -> str:
    """What the shared screen says under a card answered on the phones: who has answered, then the reveal."""
    card = answered_by_hands(game)
    if card is None:
        return ""
    names = game.settings.players
    if not revealed(game):
        return "  ·  ".join(
            f"{names[player]}: {'answered ✓' if player in game.answers else 'answering on their phone…'}"
            for player in (0, 1)
        )
    if card.kind == "wishes":
        both = shared_wishes(card, game.answers)
        return "You both want: " + "; ".join(both) if both else "Nothing on this list for the two of you tonight."
    return "\n".join(f"{names[player]}: {game.answers[player]}" for player in (0, 1))
