"""What a player may do now, and why: the one table every screen, key and hand asks.

`Round.allows(action, argument)` looks the action up in `RULES`; each rule reads the round
and answers yes or no, so a key is offered exactly when its move can't raise.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from ..decks.model import FAVOURITES_DECK, LATER_DECK
from . import hand_answers
from .scoring import REACTIONS

if TYPE_CHECKING:
    from .round import Round


class Phase(str, Enum):
    """Where a round is: choosing a deck, a card on the table, the reaction, the closing card, over."""

    CHOOSE = "choose"  # the active partner picks a deck
    CARD = "card"  # a card is on the table: done or pass
    REACT = "react"  # the other partner reacts to a done card
    CLOSE = "close"  # the closing appreciation card, done together
    OVER = "over"


class RuleError(ValueError):
    """An action that the rules do not allow now (the UI hides such keys)."""


class Action(str, Enum):
    """Everything a player can do to a round; `Round.allows` says which are legal now."""

    CHOOSE = "choose"  # with a deck id
    SURPRISE = "surprise"  # a deck chosen for them
    COMPLETE = "complete"  # the card on the table is done (the closing card too)
    PASS = "pass"
    REACT = "react"  # with a reaction
    FAVOURITE = "favourite"
    BRAKE = "brake"
    RETIRE = "retire"  # "not for us"
    LATER = "later"  # "revisit later"
    TIMER = "timer"  # start or pause the card's timer
    FINISH = "finish"  # end the round now, on to the closing card
    UNDO = "undo"  # take back the last step (never the brake)
    NOTE = "note"  # with the line of text: a note on the card on the table, or the card just done
    ANSWER = "answer"  # with (player, value): a secret answer or wishes, from that partner's phone


# Decks made from the pair's own history: their cards can't be pruned from inside a round.
PERSONAL_DECKS = frozenset({FAVOURITES_DECK, LATER_DECK})
PLAYING_PHASES = (Phase.CHOOSE, Phase.CARD, Phase.REACT)
# The engine's counters stay inside what a save may hold, so a save the game writes always reads back:
# a round closes after MAX_TURNS turns (an open-ended one too), and the counters behind the shuffles
# (draws, reshuffles) wrap at COUNTER_WRAP.
MAX_TURNS = 10_000
COUNTER_WRAP = 10**9


def can_prune(game: Round, action: Action) -> bool:
    """ "Not for us" and "later" take a card off the table; never the last card of a deck, never a personal one."""
    deck = game.deck
    if game.phase is not Phase.CARD or deck is None or deck.id in PERSONAL_DECKS:
        return False
    return action is Action.LATER or len(deck.cards) > 1


def has_timer(game: Round) -> bool:
    card = game.card
    return game.phase in (Phase.CARD, Phase.CLOSE) and card is not None and bool(card.seconds)


RULES: dict[Action, Callable[[Round, object], bool]] = {
    Action.CHOOSE: lambda game, deck_id: (
        game.phase is Phase.CHOOSE and deck_id in game.settings.deck_ids and game.can_serve(str(deck_id))
    ),
    Action.SURPRISE: lambda game, _: game.phase is Phase.CHOOSE and bool(game.playable_decks()),
    Action.COMPLETE: lambda game, _: game.phase in (Phase.CARD, Phase.CLOSE) and hand_answers.ready_to_complete(game),
    Action.PASS: lambda game, _: game.phase is Phase.CARD,
    Action.REACT: lambda game, reaction: game.phase is Phase.REACT and (reaction is None or reaction in REACTIONS),
    Action.FAVOURITE: lambda game, _: game.phase in (Phase.CARD, Phase.REACT),
    Action.BRAKE: lambda game, _: game.phase in PLAYING_PHASES and game.ceiling > 1,
    Action.RETIRE: lambda game, _: can_prune(game, Action.RETIRE),
    Action.LATER: lambda game, _: can_prune(game, Action.LATER),
    Action.TIMER: lambda game, _: has_timer(game),
    Action.FINISH: lambda game, _: game.phase in PLAYING_PHASES,
    Action.UNDO: lambda game, _: game.phase is not Phase.OVER and bool(game.undo_steps),
    Action.NOTE: lambda game, text: game.phase in (Phase.CARD, Phase.REACT) and (text is None or isinstance(text, str)),
    Action.ANSWER: lambda game, argument: hand_answers.may_answer(game, argument),
}


def require(game: Round, action: Action, argument: object = None) -> None:
    """Raise RuleError when the action is not allowed now: every move starts with this."""
    if not RULES[action](game, argument):
        detail = f" {argument!r}" if argument is not None else ""
        raise RuleError(f"not now: {action.value}{detail} is not allowed at {game.phase.value}")
