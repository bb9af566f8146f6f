"""The hands at the table: who a phone belongs to, what it may do now, and what it is shown.

The process that plays the round owns it; a hand is a view that sends intents. Every intent
names itself with an id of the phone's choosing, so an intent sent again after a dropped
connection is applied once. What a partner may do from their hand is asked of the engine
(`Round.allows`), never decided here or on the page: this module only narrows it to what
is that partner's (a reaction only from whoever reacts). What a partner does alone, their limits
and the check-in, is in alone.py: each hand's view carries its own corner only.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ..play import REACTIONS, Action, Phase, Round, hand_answers
from .alone import ALONE_INTENTS, AloneIntent, Corners

HAND_ACTIONS = {"react": Action.REACT, "brake": Action.BRAKE, "pass": Action.PASS, "answer": Action.ANSWER}
INTENT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
REMEMBERED_INTENTS = 1024  # ids a hand's replays are checked against; a phone sends one a tap
SECRET_BYTES = 16  # 128 bits: a short address, still unguessable


@dataclass(frozen=True)
class Intent:
    """One thing a partner asked for from their hand: an engine action and its argument."""

    action: Action
    argument: object = None


@dataclass
class Hand:
    """One partner's phone: the player it acts for, its own secret, the intent ids it already sent."""

    player: int
    secret: str
    _seen: deque[str] = field(default_factory=lambda: deque(maxlen=REMEMBERED_INTENTS))

    def first_time(self, intent_id: str) -> bool:
        """True once per id: a replayed intent (a resend after a reconnect) is not applied again."""
        if intent_id in self._seen:
            return False
        self._seen.append(intent_id)
        return True


class HandTable:
    """Both partners' hands for one round: a fresh secret each, compared in constant time."""

    def __init__(self, players: tuple[str, str], corners: Corners | None = None) -> None:
        self.players = players
        self.corners = corners  # what each partner does alone on their hand (limits, check-in), when offered
        self.hands = (Hand(0, secrets.token_urlsafe(SECRET_BYTES)), Hand(1, secrets.token_urlsafe(SECRET_BYTES)))

    def hand_for(self, secret: str) -> Hand | None:
        """The hand this secret opens, or None; both are compared, so the time says nothing of which."""
        given = secret.encode("utf-8", "replace")
        found = None
        for hand in self.hands:
            if hmac.compare_digest(given, hand.secret.encode()):
                found = hand
        return found

    def allowed(self, game: Round | None, player: int) -> list[str]:
        """What this partner's hand may send now, in the page's order."""
        if game is None:
            return []
        allowed = []
        if game.phase is Phase.REACT and game.reactor in (player, None):
            allowed.append("react")
        if hand_answers.answered_by_hands(game) is not None and player not in game.answers:
            allowed.append("answer")
        allowed += [name for name in ("pass", "brake") if game.allows(HAND_ACTIONS[name])]
        return allowed

    def view(self, game: Round | None, player: int) -> dict[str, Any]:
        """What one partner's hand shows: theirs alone, and only what the shared screen shows anyway."""
        me, other = self.players[player], self.players[1 - player]
        if game is None or game.phase is Phase.OVER:
            return {"me": me, "partner": other, "state": "over", "actions": []}
        done = game.pending if game.phase is Phase.REACT else None  # the card waiting for its reaction
        card, doer = (done.card, done.player) if done is not None else (game.card, game.active_player)
        return {
            "me": me,
            "partner": other,
            "state": game.phase.value,
            "mine": game.active_player == player,
            "whose": self.players[game.active_player],
            "card": game.personalise(card.text, doer) if card is not None else "",
            "actions": self.allowed(game, player),
            "reactions": [[value, label] for value, label in REACTIONS.items()],
            **self._answering(game, player),
            **({"alone": self.corners.view(player)} if self.corners is not None else {}),
        }

    @staticmethod
    def _answering(game: Round, player: int) -> dict[str, Any]:
        """A card answered on the phones: its kind and choices, whether I answered, and the reveal once both did."""
        card = hand_answers.answered_by_hands(game)
        if card is None:
            return {}
        revealed = hand_answers.revealed(game)
        return {
            "kind": card.kind,
            "options": list(card.options),
            "answered": player in game.answers,
            "reveal": hand_answers.reveal_lines(game) if revealed else "",
        }

    def receive(self, hand: Hand, message: object, game: Round | None) -> Intent | AloneIntent | None:
        """The intent a message asks for, or None: malformed, sent before, or not this partner's now."""
        if not isinstance(message, dict):
            return None
        intent_id, name, value = message.get("id"), message.get("do"), message.get("value")
        if not isinstance(intent_id, str) or not INTENT_ID.fullmatch(intent_id):
            return None
        if name in ALONE_INTENTS:
            playing = self.corners is not None and game is not None and game.phase is not Phase.OVER
            return AloneIntent(name, value) if playing and hand.first_time(intent_id) else None
        if name not in HAND_ACTIONS:
            return None
        if not hand.first_time(intent_id) or name not in self.allowed(game, hand.player):
            return None
        if name == "react":
            if type(value) is not int or value not in REACTIONS:
                return None
            return Intent(Action.REACT, value)
        if name == "answer":
            assert game is not None  # allowed() offers nothing without a round
            argument = (hand.player, value)
            return Intent(Action.ANSWER, argument) if hand_answers.may_answer(game, argument) else None
        return Intent(HAND_ACTIONS[name])
