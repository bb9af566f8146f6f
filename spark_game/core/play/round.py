"""A round in play as a plain value, and the moves the partners make on it.

A night goes: the active partner chooses a deck (or "surprise me"), a card is drawn, they do
it or pass. A pass is free and offers a gentler card from the same deck on the same turn. After
a done card the other partner reacts, which adds a bonus, and the turn goes to the other
partner. Every move first asks the rules (`rules.require`), so nothing the rules allow raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..decks.model import CLOSING_DECK_ID, Card, Deck
from . import draws, escalation, scoring
from .rules import MAX_TURNS, RULES, Action, Phase, require
from .scoring import COOPERATIVE, TurnRecord
from .undo import UndoStep, restore, undoable

NOTE_LIMIT = 200  # characters in a note on a card


@dataclass(frozen=True)
class Settings:
    """What a round was started with: the two names, the decks, the intensity, the length, the scoring."""

    players: tuple[str, str]
    deck_ids: tuple[str, ...]
    ceiling: int = 3
    turns: int | None = 12  # None: open-ended
    mode: str = COOPERATIVE
    seed: int = 0
    left_out_tags: tuple[str, ...] = ()  # the partners' private limits, merged; never shown


# The closing card when no closing deck could be loaded: the game always has a way to end kindly.
FALLBACK_CLOSING = Deck(
    id=CLOSING_DECK_ID,
    name="To close",
    description="A short appreciation to end the round.",
    cards=(
        Card(
            id="fallback-thanks",
            kind="activity",
            level=1,
            points=1,
            answerer="both",
            tags=("appreciation",),
            text="Take turns: name one thing the other did tonight that you liked.",
        ),
    ),
)


@dataclass
class Round:
    """One round in play, as a plain value: its decks, piles, turns played and what is on the table."""

    settings: Settings
    decks: dict[str, Deck]
    piles: dict[str, list[str]]
    cycles: dict[str, int] = field(default_factory=dict)
    turn: int = 1
    phase: Phase = Phase.CHOOSE
    current_deck: str | None = None
    current_card: str | None = None
    current_favourite: bool = False
    current_note: str = ""
    pending: TurnRecord | None = None  # a done card waiting for its reaction
    history: list[TurnRecord] = field(default_factory=list)
    streak: int = 0
    random_draws: int = 0
    brakes: int = 0  # how many levels the pair has braked down this round
    closing: Deck = FALLBACK_CLOSING
    closing_pile: list[str] = field(default_factory=list)
    closing_card: str | None = None
    first: dict[str, list[str]] = field(default_factory=dict)  # cards dealt first ("later" from an earlier round)
    undo_steps: list[UndoStep] = field(default_factory=list)
    # Cards behind a partner's limit, by deck: in the decks and piles like any card (so a save's
    # complement shows nothing), never dealt. Derived from the limits at start and at resume, never saved.
    withheld: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    # Both partners' phones are at the table: the hands' cards are dealt, and answered there.
    hands_at_table: bool = field(default=False, compare=False)
    answers: dict[int, object] = field(default_factory=dict, compare=False)  # on the phones, for this card only
    # Why the card just dealt is not what was asked for (another deck's, or a repeat); shown once, not saved.
    draw_notice: str = field(default="", compare=False)

    # ------------------------------------------------------------------ queries

    @property
    def active_player(self) -> int:
        return (self.turn - 1) % 2

    @property
    def reactor(self) -> int | None:
        """Who reacts to the done card waiting for its reaction; None: the two of them, together."""
        if self.pending is None:
            return 1 - self.active_player
        return scoring.reactor_of(self.pending.card, self.pending.player)

    @property
    def ceiling(self) -> int:
        return escalation.ceiling_after_brakes(self.settings.ceiling, self.brakes)

    @property
    def card(self) -> Card | None:
        if self.phase is Phase.CLOSE and self.closing_card is not None:
            return self.closing.card(self.closing_card)
        if self.current_deck is None or self.current_card is None:
            return None
        return self.decks[self.current_deck].card(self.current_card)

    @property
    def deck(self) -> Deck | None:
        if self.phase is Phase.CLOSE:
            return self.closing
        return None if self.current_deck is None else self.decks[self.current_deck]

    @property
    def turns_played(self) -> int:
        return self.turn - 1

    def scores(self) -> tuple[int, int]:
        """Whoever did a card earns its points, its streak bonus and the reaction; a card for both scores for both."""
        return scoring.scores(self.history)

    def team_score(self) -> int:
        return sum(self.scores())

    def team_target(self) -> int:
        return scoring.team_target(self.settings.turns or escalation.ESCALATION_SPAN)

    def leader(self) -> int | None:
        first, second = self.scores()
        return None if first == second else (0 if first > second else 1)

    def target_level(self) -> int:
        """Gentle for the first third, warm for the second, bold after; never above the ceiling."""
        return escalation.target_level(self.turn, self.settings.turns, self.ceiling)

    def deck_play_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.settings.deck_ids, 0)
        for record in self.history:
            if record.outcome == "done":
                counts[record.deck_id] += 1
        return counts

    def dealable(self, deck_id: str, card_id: str) -> bool:
        """Whether the card may be dealt: not behind a partner's limit, and playable on one screen.

        A card answered only in private on the phones (`Card.needs_hands`) waits until the
        hands can reveal it; one marked `aloud` is played aloud at the table.
        """
        needs_hands = self.decks[deck_id].card(card_id).needs_hands
        return card_id not in self.withheld.get(deck_id, ()) and (self.hands_at_table or not needs_hands)

    def can_serve(self, deck_id: str) -> bool:
        """Whether the deck holds a dealable card at or under the ceiling (its pile refills when used up)."""
        ceiling = self.ceiling
        return any(card.level <= ceiling and self.dealable(deck_id, card.id) for card in self.decks[deck_id].cards)

    def playable_decks(self) -> list[str]:
        return [deck_id for deck_id in self.settings.deck_ids if self.can_serve(deck_id)]

    def personalise(self, text: str, player: int | None = None) -> str:
        """Card text with {me} and {partner} replaced by the names, in one pass."""
        me = self.settings.players[self.active_player if player is None else player]
        partner = self.settings.players[1 - (self.active_player if player is None else player)]
        return fill_names(text, me, partner)

    def allows(self, action: Action, argument: object = None) -> bool:
        """Whether an action is legal now: the one place the rules answer what a screen may offer.

        `argument` is the deck id for CHOOSE and the reaction for REACT (None: any).
        """
        return RULES[action](self, argument)

    def legal_actions(self) -> set[Action]:
        """The actions allowed now, for any argument."""
        legal: set[Action] = {action for action in Action if action is not Action.CHOOSE and self.allows(action)}
        if self.phase is Phase.CHOOSE and self.playable_decks():
            legal.add(Action.CHOOSE)
        return legal

    # ------------------------------------------------------------------ actions

    def choose_deck(self, deck_id: str | None) -> Card:
        """Draw for the active partner from deck_id, or from a surprise deck if None."""
        if deck_id is None:
            require(self, Action.SURPRISE)
            return undoable(
                self, Action.SURPRISE, lambda: draws.draw(self, draws.surprise_deck(self), self.target_level())
            )
        require(self, Action.CHOOSE, deck_id)
        return undoable(self, Action.CHOOSE, lambda: draws.draw(self, deck_id, self.target_level()))

    def complete(self) -> None:
        """The card on the table is done: the other partner reacts next, or, for the closing card, the round is over."""
        require(self, Action.COMPLETE)
        if self.phase is Phase.CLOSE:
            self.phase = Phase.OVER
            self.undo_steps.clear()  # a finished round is in the story: nothing to take back
            return
        undoable(self, Action.COMPLETE, self._done)

    def react(self, reaction: int) -> None:
        """The other partner's reaction (or the pair's, for a card done together): 0 neutral, 1 warm, 2 loved it."""
        require(self, Action.REACT, reaction)
        undoable(self, Action.REACT, lambda: self._reacted(reaction))

    def pass_card(self) -> Card | None:
        """Pass: no points, no reason, no limit. Offers a gentler card from the same deck.

        Returns the new card, or None when the deck has nothing left to offer
        (then the partner chooses a deck again, still on the same turn).
        """
        require(self, Action.PASS)
        return undoable(self, Action.PASS, self._pass_current)

    def later(self) -> Card | None:
        """ "Revisit later": a pass that the pair's history remembers, to deal this card first in a later round."""
        require(self, Action.LATER)
        return undoable(self, Action.LATER, self._pass_current)

    def toggle_favourite(self) -> bool:
        """Mark the card on the table, or the card just done, as a favourite."""
        require(self, Action.FAVOURITE)
        return undoable(self, Action.FAVOURITE, self._toggled_favourite)

    def finish(self) -> None:
        """End the round now (the pair chose to stop): on to the closing card.

        A card on the table is simply put back; a done card waiting for its
        reaction counts, as neutral.
        """
        require(self, Action.FINISH)
        undoable(self, Action.FINISH, self._finished)

    def brake(self) -> Card | None:
        """Lower the ceiling one level for the rest of the round, at once, no questions asked.

        A card on the table above the new ceiling is swapped for one within it
        (or put back, when its deck has none). When no deck of the round has a
        card that gentle, the round moves to its closing card. Returns the card
        now on the table. Undo never takes a brake back.
        """
        require(self, Action.BRAKE)
        self.brakes += 1
        return self._respect_ceiling()

    def retire_card(self) -> Card | None:
        """ "Not for us": the card on the table leaves this round's deck for good, like a pass."""
        require(self, Action.RETIRE)
        return undoable(self, Action.RETIRE, self._retire_current)

    def write_note(self, text: str) -> str:
        """A one-line note on the card on the table or the card just done; the text as kept."""
        require(self, Action.NOTE, text)
        return undoable(self, Action.NOTE, lambda: self._noted(text))

    def undo(self) -> UndoStep:
        """Take back the last step, to exactly the state before it; the brake stays as it is. Returns that step."""
        require(self, Action.UNDO)
        step = self.undo_steps.pop()
        restore(self, step)
        self._respect_ceiling()
        return step

    # ------------------------------------------------------------------ internals

    def _noted(self, text: str) -> str:
        note = " ".join(text.split())[:NOTE_LIMIT]
        if self.phase is Phase.CARD:
            self.current_note = note
        else:
            assert self.pending is not None
            self.pending = replace(self.pending, note=note)
        return note

    def _respect_ceiling(self) -> Card | None:
        """After a brake (or an undo past one): a card above the ceiling is swapped, or the round closes."""
        card = self.card
        if self.phase is Phase.CARD and card is not None and card.level > self.ceiling:
            deck_id = self.current_deck
            assert deck_id is not None
            self._clear_card()
            if self.can_serve(deck_id):
                return draws.draw(self, deck_id, self.target_level())
            self._back_to_choosing()
            return None
        if self.phase is Phase.CHOOSE:
            self._back_to_choosing()
        return self.card

    def _done(self) -> None:
        card = self.card
        assert card is not None and self.current_deck is not None
        self.streak += 1
        self.pending = TurnRecord(
            number=self.turn,
            player=self.active_player,
            deck_id=self.current_deck,
            card=card,
            outcome="done",
            points=card.points,
            bonus=scoring.streak_bonus(self.streak),
            favourite=self.current_favourite,
            note=self.current_note,
        )
        self._clear_card()
        self.phase = Phase.REACT

    def _reacted(self, reaction: int) -> None:
        assert self.pending is not None
        self.history.append(replace(self.pending, reaction=reaction))
        self.pending = None
        self.turn += 1
        if self._length_reached():
            self._start_closing()
        else:
            self._back_to_choosing()

    def _pass_current(self) -> Card | None:
        card, deck_id = self.card, self.current_deck
        assert card is not None and deck_id is not None
        return self._pass(deck_id, card)

    def _toggled_favourite(self) -> bool:
        if self.phase is Phase.CARD:
            self.current_favourite = not self.current_favourite
            return self.current_favourite
        assert self.pending is not None
        self.pending = replace(self.pending, favourite=not self.pending.favourite)
        return self.pending.favourite

    def _finished(self) -> None:
        if self.phase is Phase.REACT and self.pending is not None:
            self.history.append(replace(self.pending, reaction=0))
            self.pending = None
            self.turn += 1
        self._start_closing()

    def _retire_current(self) -> Card | None:
        deck_id, card = self.current_deck, self.card
        assert deck_id is not None and card is not None
        deck = self.decks[deck_id]
        self.decks[deck_id] = replace(deck, cards=tuple(c for c in deck.cards if c.id != card.id))
        self.piles[deck_id] = [c for c in self.piles[deck_id] if c != card.id]
        return self._pass(deck_id, card)

    def _pass(self, deck_id: str, card: Card) -> Card | None:
        self.history.append(
            TurnRecord(
                number=self.turn,
                player=self.active_player,
                deck_id=deck_id,
                card=card,
                outcome="pass",
                favourite=self.current_favourite,
                note=self.current_note,
            )
        )
        self.streak = 0  # nothing is taken away; the next streak bonus starts over
        self._clear_card()
        if any(level <= card.level for level in draws.eligible_levels(self, deck_id)):
            return draws.draw(self, deck_id, card.level - 1, at_most=card.level)
        self._back_to_choosing()
        return None

    def _back_to_choosing(self) -> None:
        """The active partner chooses a deck next; when no deck can serve a card, the round closes."""
        self.phase = Phase.CHOOSE
        if not self.playable_decks():
            self._start_closing()

    def _start_closing(self) -> None:
        self._clear_card()
        draws.deal_closing(self)

    def _length_reached(self) -> bool:
        return self.turns_played >= (self.settings.turns or MAX_TURNS)

    def _clear_card(self) -> None:
        self.current_deck = None
        self.current_card = None
        self.current_favourite = False
        self.current_note = ""


_PLACEHOLDER = re.compile(r"\{(me|partner)\}")


def fill_names(text: str, me: str, partner: str) -> str:
    """Card text with {me} and {partner} replaced, in one pass (a name holding "{me}" stays as written)."""
    return _PLACEHOLDER.sub(lambda match: me if match[1] == "me" else partner, text)
