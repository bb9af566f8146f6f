"""Undo: each step remembers what it changed, so the round can be put back exactly as it was
(the brake aside: undo never takes a brake back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from ..decks.model import Card
from .rules import Action, Phase
from .scoring import TurnRecord

if TYPE_CHECKING:
    from .round import Round

T = TypeVar("T")
UNDO_DEPTH = 10  # steps of a round that can be taken back


@dataclass(frozen=True)
class UndoStep:
    """What a step changed, so that undo can put the round back exactly as it was (the brake aside).

    Piles are kept only for the decks the step touched; a retired card with its place in its deck.
    """

    action: Action
    turn: int
    phase: Phase
    streak: int
    random_draws: int
    current_deck: str | None
    current_card: str | None
    current_favourite: bool
    pending: TurnRecord | None
    history_length: int
    closing_card: str | None
    closing_pile: tuple[str, ...]
    cycles: tuple[tuple[str, int], ...]
    piles: tuple[tuple[str, tuple[str, ...]], ...]
    first: tuple[tuple[str, tuple[str, ...]], ...] = ()
    retired: tuple[str, int, Card] | None = None
    current_note: str = ""


def undoable(game: Round, action: Action, change: Callable[[], T]) -> T:
    """Make one step, remembering what it changes so that undo can put it back."""
    before = snapshot(game, action)
    result = change()
    touched = tuple((deck_id, pile) for deck_id, pile in before.piles if tuple(game.piles[deck_id]) != pile)
    game.undo_steps.append(replace(before, piles=touched))
    del game.undo_steps[:-UNDO_DEPTH]
    return result


def snapshot(game: Round, action: Action) -> UndoStep:
    return UndoStep(
        action=action,
        turn=game.turn,
        phase=game.phase,
        streak=game.streak,
        random_draws=game.random_draws,
        current_deck=game.current_deck,
        current_card=game.current_card,
        current_favourite=game.current_favourite,
        current_note=game.current_note,
        pending=game.pending,
        history_length=len(game.history),
        closing_card=game.closing_card,
        closing_pile=tuple(game.closing_pile),
        cycles=tuple(sorted(game.cycles.items())),
        piles=tuple((deck_id, tuple(pile)) for deck_id, pile in game.piles.items()),
        first=tuple((deck_id, tuple(ids)) for deck_id, ids in game.first.items()),
        retired=_retiring(game) if action is Action.RETIRE else None,
    )


def _retiring(game: Round) -> tuple[str, int, Card]:
    deck_id, card = game.current_deck, game.card
    assert deck_id is not None and card is not None
    return deck_id, game.decks[deck_id].cards.index(card), card


def restore(game: Round, step: UndoStep) -> None:
    game.turn, game.phase, game.streak, game.random_draws = step.turn, step.phase, step.streak, step.random_draws
    game.current_deck, game.current_card = step.current_deck, step.current_card
    game.current_favourite, game.pending = step.current_favourite, step.pending
    game.current_note, game.answers = step.current_note, {}  # answers on the phones are given again
    del game.history[step.history_length :]
    game.closing_card, game.closing_pile = step.closing_card, list(step.closing_pile)
    game.cycles = dict(step.cycles)
    game.piles.update((deck_id, list(pile)) for deck_id, pile in step.piles)
    game.first = {deck_id: list(ids) for deck_id, ids in step.first}
    if step.retired is not None:
        deck_id, index, card = step.retired
        cards = list(game.decks[deck_id].cards)
        cards.insert(index, card)
        game.decks[deck_id] = replace(game.decks[deck_id], cards=tuple(cards))
