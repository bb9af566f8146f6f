"""Scoring, kept light: a done card's points, a streak bonus and the other partner's reaction.

Whoever did a card earns it; a card for both scores for both. In the cooperative mode the pair
plays towards one team target; in the friendly-competitive mode each partner has a score.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..decks.model import Card

COOPERATIVE = "cooperative"
COMPETITIVE = "competitive"
MODES = (COOPERATIVE, COMPETITIVE)

REACTIONS = {0: "neutral", 1: "warm", 2: "loved it"}
STREAK_START = 3  # the third done card in a row and each one after it earn +1
STREAK_BONUS = 1
TEAM_POINTS_PER_TURN = 3


@dataclass(frozen=True)
class TurnRecord:
    """One card that was played, with the text as it was shown."""

    number: int
    player: int
    deck_id: str
    card: Card
    outcome: str  # "done" or "pass"
    points: int = 0
    reaction: int | None = None
    bonus: int = 0
    favourite: bool = False
    note: str = ""  # a line the pair wrote on the card ("we chose the Elm Street walk")

    @property
    def total(self) -> int:
        return self.points + self.bonus + (self.reaction or 0)

    @property
    def doers(self) -> tuple[int, ...]:
        """Who did the card, and so earns its points: the active partner, the other one, or both."""
        return doers_of(self.card, self.player)


def doers_of(card: Card, active: int) -> tuple[int, ...]:
    if card.answerer == "both" or card.kind == "wild":
        return (0, 1)
    return (1 - active,) if card.answerer == "partner" else (active,)


def reactor_of(card: Card, active: int) -> int | None:
    """Who says how the card landed: the one who didn't do it; None when both did it (one shared reaction)."""
    doers = doers_of(card, active)
    return None if len(doers) == 2 else 1 - doers[0]


def streak_bonus(streak: int) -> int:
    return STREAK_BONUS if streak >= STREAK_START else 0


def scores(history: list[TurnRecord]) -> tuple[int, int]:
    """Whoever did a card earns its points, its streak bonus and the reaction; a card for both scores for both."""
    totals = [0, 0]
    for record in history:
        if record.outcome == "done":
            for doer in record.doers:
                totals[doer] += record.total
    return totals[0], totals[1]


def team_target(turns: int) -> int:
    return TEAM_POINTS_PER_TURN * turns
