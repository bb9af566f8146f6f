"""The rules of a round: turns, draws, escalation and scoring. Pure and seeded.

A Round is a plain value: everything it needs to go on (the cards of its
decks, the remaining draw order, every turn played) lives in its fields, so it
can be saved, loaded and replayed. Randomness comes from the seed and a
counter, never from a shared generator, so the same seed and the same choices
give the same round.

A night goes: the active partner chooses a deck (or "surprise me"), a card is
drawn, they do it or pass. A pass is free and offers a gentler card from the
same deck on the same turn. After a done card the other partner reacts, which
adds a bonus, and the turn goes to the other partner.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TypeVar

from ..decks.model import CLOSING_DECK_ID, FAVOURITES_DECK, LATER_DECK, LEVEL_NAMES, Card, Deck

T = TypeVar("T")

COOPERATIVE = "cooperative"
COMPETITIVE = "competitive"
MODES = (COOPERATIVE, COMPETITIVE)

REACTIONS = {0: "neutral", 1: "warm", 2: "loved it"}
NOTE_LIMIT = 200  # characters in a note on a card
UNDO_DEPTH = 10  # steps of a round that can be taken back
STREAK_START = 3  # the third done card in a row and each one after it earn +1
STREAK_BONUS = 1
ESCALATION_SPAN = 12  # an open-ended round escalates as a 12-turn one would
TEAM_POINTS_PER_TURN = 3


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


# Decks made from the pair's own history: their cards can't be pruned from inside a round.
PERSONAL_DECKS = frozenset({FAVOURITES_DECK, LATER_DECK})
PLAYING_PHASES = (Phase.CHOOSE, Phase.CARD, Phase.REACT)


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

    # ------------------------------------------------------------------ queries

    @property
    def active_player(self) -> int:
        return (self.turn - 1) % 2

    @property
    def reactor(self) -> int | None:
        """Who reacts to the done card waiting for its reaction; None: the two of them, together."""
        if self.pending is None:
            return 1 - self.active_player
        return reactor_of(self.pending.card, self.pending.player)

    @property
    def ceiling(self) -> int:
        return max(1, self.settings.ceiling - self.brakes)

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
        totals = [0, 0]
        for record in self.history:
            if record.outcome == "done":
                for doer in record.doers:
                    totals[doer] += record.total
        return totals[0], totals[1]

    def team_score(self) -> int:
        return sum(self.scores())

    def team_target(self) -> int:
        return TEAM_POINTS_PER_TURN * (self.settings.turns or ESCALATION_SPAN)

    def leader(self) -> int | None:
        first, second = self.scores()
        return None if first == second else (0 if first > second else 1)

    def target_level(self) -> int:
        """Gentle for the first third, warm for the second, bold after; never above the ceiling."""
        span = self.settings.turns or ESCALATION_SPAN
        stage = 1 + (3 * (self.turn - 1)) // span
        return max(1, min(stage, 3, self.ceiling))

    def deck_play_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.settings.deck_ids, 0)
        for record in self.history:
            if record.outcome == "done":
                counts[record.deck_id] += 1
        return counts

    def can_serve(self, deck_id: str) -> bool:
        """Whether the deck holds a card at or under the ceiling (its pile refills when used up)."""
        ceiling = self.ceiling
        return any(card.level <= ceiling for card in self.decks[deck_id].cards)

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
        return _RULES[action](self, argument)

    def _can_prune(self, action: Action) -> bool:
        """ "Not for us" and "later" take a card off the table; never the last card of a deck, never a personal one."""
        deck = self.deck
        if self.phase is not Phase.CARD or deck is None or deck.id in PERSONAL_DECKS:
            return False
        return action is Action.LATER or len(deck.cards) > 1

    def _has_timer(self) -> bool:
        card = self.card
        return self.phase in (Phase.CARD, Phase.CLOSE) and card is not None and bool(card.seconds)

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
            self._require(Action.SURPRISE)
            return self._step(Action.SURPRISE, lambda: self._draw(self._surprise_deck(), self.target_level()))
        self._require(Action.CHOOSE, deck_id)
        return self._step(Action.CHOOSE, lambda: self._draw(deck_id, self.target_level()))

    def complete(self) -> None:
        """The card on the table is done: the other partner reacts next, or, for the closing card, the round is over."""
        self._require(Action.COMPLETE)
        if self.phase is Phase.CLOSE:
            self.phase = Phase.OVER
            self.undo_steps.clear()  # a finished round is in the story: nothing to take back
            return
        self._step(Action.COMPLETE, self._done)

    def react(self, reaction: int) -> None:
        """The other partner's reaction (or the pair's, for a card done together): 0 neutral, 1 warm, 2 loved it."""
        self._require(Action.REACT, reaction)
        self._step(Action.REACT, lambda: self._reacted(reaction))

    def pass_card(self) -> Card | None:
        """Pass: no points, no reason, no limit. Offers a gentler card from the same deck.

        Returns the new card, or None when the deck has nothing left to offer
        (then the partner chooses a deck again, still on the same turn).
        """
        self._require(Action.PASS)
        return self._step(Action.PASS, self._pass_current)

    def later(self) -> Card | None:
        """ "Revisit later": a pass that the pair's history remembers, to deal this card first in a later round."""
        self._require(Action.LATER)
        return self._step(Action.LATER, self._pass_current)

    def toggle_favourite(self) -> bool:
        """Mark the card on the table, or the card just done, as a favourite."""
        self._require(Action.FAVOURITE)
        return self._step(Action.FAVOURITE, self._toggled_favourite)

    def finish(self) -> None:
        """End the round now (the pair chose to stop): on to the closing card.

        A card on the table is simply put back; a done card waiting for its
        reaction counts, as neutral.
        """
        self._require(Action.FINISH)
        self._step(Action.FINISH, self._finished)

    def brake(self) -> Card | None:
        """Lower the ceiling one level for the rest of the round, at once, no questions asked.

        A card on the table above the new ceiling is swapped for one within it
        (or put back, when its deck has none). When no deck of the round has a
        card that gentle, the round moves to its closing card. Returns the card
        now on the table. Undo never takes a brake back.
        """
        self._require(Action.BRAKE)
        self.brakes += 1
        return self._respect_ceiling()

    def retire_card(self) -> Card | None:
        """ "Not for us": the card on the table leaves this round's deck for good, like a pass."""
        self._require(Action.RETIRE)
        return self._step(Action.RETIRE, self._retire_current)

    def write_note(self, text: str) -> str:
        """A one-line note on the card on the table or the card just done; the text as kept."""
        self._require(Action.NOTE, text)
        return self._step(Action.NOTE, lambda: self._noted(text))

    def _noted(self, text: str) -> str:
        note = " ".join(text.split())[:NOTE_LIMIT]
        if self.phase is Phase.CARD:
            self.current_note = note
        else:
            assert self.pending is not None
            self.pending = replace(self.pending, note=note)
        return note

    def undo(self) -> UndoStep:
        """Take back the last step, to exactly the state before it; the brake stays as it is. Returns that step."""
        self._require(Action.UNDO)
        step = self.undo_steps.pop()
        self._restore(step)
        self._respect_ceiling()
        return step

    # ------------------------------------------------------------------ internals

    def _step(self, action: Action, change: Callable[[], T]) -> T:
        """Make one step, remembering what it changes so that undo can put it back."""
        before = self._snapshot(action)
        result = change()
        touched = tuple((deck_id, pile) for deck_id, pile in before.piles if tuple(self.piles[deck_id]) != pile)
        self.undo_steps.append(replace(before, piles=touched))
        del self.undo_steps[:-UNDO_DEPTH]
        return result

    def _snapshot(self, action: Action) -> UndoStep:
        return UndoStep(
            action=action,
            turn=self.turn,
            phase=self.phase,
            streak=self.streak,
            random_draws=self.random_draws,
            current_deck=self.current_deck,
            current_card=self.current_card,
            current_favourite=self.current_favourite,
            current_note=self.current_note,
            pending=self.pending,
            history_length=len(self.history),
            closing_card=self.closing_card,
            closing_pile=tuple(self.closing_pile),
            cycles=tuple(sorted(self.cycles.items())),
            piles=tuple((deck_id, tuple(pile)) for deck_id, pile in self.piles.items()),
            first=tuple((deck_id, tuple(ids)) for deck_id, ids in self.first.items()),
            retired=self._retiring() if action is Action.RETIRE else None,
        )

    def _retiring(self) -> tuple[str, int, Card]:
        deck_id, card = self.current_deck, self.card
        assert deck_id is not None and card is not None
        return deck_id, self.decks[deck_id].cards.index(card), card

    def _restore(self, step: UndoStep) -> None:
        self.turn, self.phase, self.streak, self.random_draws = step.turn, step.phase, step.streak, step.random_draws
        self.current_deck, self.current_card = step.current_deck, step.current_card
        self.current_favourite, self.pending = step.current_favourite, step.pending
        self.current_note = step.current_note
        del self.history[step.history_length :]
        self.closing_card, self.closing_pile = step.closing_card, list(step.closing_pile)
        self.cycles = dict(step.cycles)
        self.piles.update((deck_id, list(pile)) for deck_id, pile in step.piles)
        self.first = {deck_id: list(ids) for deck_id, ids in step.first}
        if step.retired is not None:
            deck_id, index, card = step.retired
            cards = list(self.decks[deck_id].cards)
            cards.insert(index, card)
            self.decks[deck_id] = replace(self.decks[deck_id], cards=tuple(cards))

    def _respect_ceiling(self) -> Card | None:
        """After a brake (or an undo past one): a card above the ceiling is swapped, or the round closes."""
        card = self.card
        if self.phase is Phase.CARD and card is not None and card.level > self.ceiling:
            deck_id = self.current_deck
            assert deck_id is not None
            self._clear_card()
            if self.can_serve(deck_id):
                return self._draw(deck_id, self.target_level())
            self._back_to_choosing()
            return None
        if self.phase is Phase.CHOOSE:
            self._back_to_choosing()
        return self.card

    def _done(self) -> None:
        card = self.card
        assert card is not None and self.current_deck is not None
        self.streak += 1
        bonus = STREAK_BONUS if self.streak >= STREAK_START else 0
        self.pending = TurnRecord(
            number=self.turn,
            player=self.active_player,
            deck_id=self.current_deck,
            card=card,
            outcome="done",
            points=card.points,
            bonus=bonus,
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

    def _require(self, action: Action, argument: object = None) -> None:
        if not self.allows(action, argument):
            detail = f" {argument!r}" if argument is not None else ""
            raise RuleError(f"not now: {action.value}{detail} is not allowed at {self.phase.value}")

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
        if any(level <= card.level for level in self._eligible_levels(deck_id)):
            return self._draw(deck_id, card.level - 1, at_most=card.level)
        self._back_to_choosing()
        return None

    def _back_to_choosing(self) -> None:
        """The active partner chooses a deck next; when no deck can serve a card, the round closes."""
        self.phase = Phase.CHOOSE
        if not self.playable_decks():
            self._start_closing()

    def _start_closing(self) -> None:
        """Deal the closing card: the next of the closing pile, never a text the round just played."""
        self._clear_card()
        played = {record.card.text for record in self.history}
        if not self.closing_pile:
            self.closing_pile = shuffled_pile(self.closing, self.settings.seed, self._next_cycle(CLOSING_DECK_ID))
        fresh = [card_id for card_id in self.closing_pile if self.closing.card(card_id).text not in played]
        chosen = fresh[0] if fresh else self.closing_pile[0]
        self.closing_pile.remove(chosen)
        self.closing_card = chosen
        self.phase = Phase.CLOSE

    def _length_reached(self) -> bool:
        return self.settings.turns is not None and self.turns_played >= self.settings.turns

    def _clear_card(self) -> None:
        self.current_deck = None
        self.current_card = None
        self.current_favourite = False
        self.current_note = ""

    def _rng(self) -> random.Random:
        self.random_draws += 1
        return random.Random(f"{self.settings.seed}/draw/{self.random_draws}")

    def _eligible_levels(self, deck_id: str) -> set[int]:
        """Levels this deck can still offer, refilling its pile once it is used up."""
        if not self.can_serve(deck_id):
            return set()
        deck = self.decks[deck_id]
        ceiling = self.ceiling
        levels = {deck.card(card_id).level for card_id in self.piles[deck_id]}
        levels = {level for level in levels if level <= ceiling}
        if not levels:  # every card at or under the ceiling was seen: reshuffle the deck
            self.piles[deck_id] = shuffled_pile(deck, self.settings.seed, self._next_cycle(deck_id))
            levels = {card.level for card in deck.cards if card.level <= ceiling}
        return levels

    def _next_cycle(self, deck_id: str) -> int:
        self.cycles[deck_id] = self.cycles.get(deck_id, 0) + 1
        return self.cycles[deck_id]

    def _surprise_deck(self) -> str:
        """Favour the decks played least this round."""
        playable = self.playable_decks()
        counts = self.deck_play_counts()
        fewest = min(counts[deck_id] for deck_id in playable)
        return self._rng().choice([deck_id for deck_id in playable if counts[deck_id] == fewest])

    def _draw(self, deck_id: str, target: int, *, at_most: int = 3) -> Card:
        levels = {level for level in self._eligible_levels(deck_id) if level <= at_most}
        below = [level for level in levels if level <= target]
        level = max(below) if below else min(levels)
        deck = self.decks[deck_id]
        pile = self.piles[deck_id]
        waiting = [
            card_id for card_id in self.first.get(deck_id, ()) if card_id in pile and deck.card(card_id).level in levels
        ]
        if waiting:  # a card the pair kept for later comes first, whatever the level the round is at
            card_id = waiting[0]
            pile.remove(card_id)
            self.first[deck_id].remove(card_id)
        else:
            index = next(i for i, card_id in enumerate(pile) if deck.card(card_id).level == level)
            card_id = pile.pop(index)
        self.current_deck, self.current_card = deck_id, card_id
        self.current_favourite, self.current_note = False, ""
        self.phase = Phase.CARD
        return deck.card(card_id)


_RULES: dict[Action, Callable[[Round, object], bool]] = {
    Action.CHOOSE: lambda game, deck_id: (
        game.phase is Phase.CHOOSE and deck_id in game.settings.deck_ids and game.can_serve(str(deck_id))
    ),
    Action.SURPRISE: lambda game, _: game.phase is Phase.CHOOSE and bool(game.playable_decks()),
    Action.COMPLETE: lambda game, _: game.phase in (Phase.CARD, Phase.CLOSE),
    Action.PASS: lambda game, _: game.phase is Phase.CARD,
    Action.REACT: lambda game, reaction: game.phase is Phase.REACT and (reaction is None or reaction in REACTIONS),
    Action.FAVOURITE: lambda game, _: game.phase in (Phase.CARD, Phase.REACT),
    Action.BRAKE: lambda game, _: game.phase in PLAYING_PHASES and game.ceiling > 1,
    Action.RETIRE: lambda game, _: game._can_prune(Action.RETIRE),
    Action.LATER: lambda game, _: game._can_prune(Action.LATER),
    Action.TIMER: lambda game, _: game._has_timer(),
    Action.FINISH: lambda game, _: game.phase in PLAYING_PHASES,
    Action.UNDO: lambda game, _: game.phase is not Phase.OVER and bool(game.undo_steps),
    Action.NOTE: lambda game, text: game.phase in (Phase.CARD, Phase.REACT) and (text is None or isinstance(text, str)),
}

_PLACEHOLDER = re.compile(r"\{(me|partner)\}")


def fill_names(text: str, me: str, partner: str) -> str:
    """Card text with {me} and {partner} replaced, in one pass (a name holding "{me}" stays as written)."""
    return _PLACEHOLDER.sub(lambda match: me if match[1] == "me" else partner, text)


def shuffled_pile(deck: Deck, seed: int, cycle: int = 0) -> list[str]:
    pile = [card.id for card in deck.cards]
    random.Random(f"{seed}/pile/{deck.id}/{cycle}").shuffle(pile)
    return pile


class SettingsProblem(RuleError):
    """Settings a round can't start with, worded for the person who chose them."""


def validate_settings(settings: Settings) -> None:
    """Raise SettingsProblem with one sentence when a round can't start with these settings.

    The New round screen and `spark-game play` both ask this, so they say the same thing.
    """
    first, second = (name.strip() for name in settings.players)
    if not first or not second:
        raise SettingsProblem("Write both of your names.")
    if first.casefold() == second.casefold():
        raise SettingsProblem("Two different names, please (add an initial if you share one).")
    if not settings.deck_ids:
        raise SettingsProblem("Pick at least one deck.")
    if settings.mode not in MODES:
        raise SettingsProblem(f"The scoring is one of {', '.join(MODES)}.")
    if settings.ceiling not in LEVEL_NAMES:
        raise SettingsProblem("The intensity is 1 (gentle), 2 (warm) or 3 (bold).")
    if settings.turns is not None and settings.turns < 1:
        raise SettingsProblem("A round has at least one turn (or none for open-ended).")


def cards_left(deck: Deck, retired: set[str], left_out: set[str]) -> tuple[Card, ...]:
    """The cards of a deck a round can deal: not retired ("not for us"), not behind a partner's limit."""
    return tuple(card for card in deck.cards if card.id not in retired and not left_out & set(card.tags))


def new_round(
    settings: Settings,
    decks: dict[str, Deck],
    seen: dict[str, set[str]] | None = None,
    retired: dict[str, set[str]] | None = None,
    closing: Deck | None = None,
    first: dict[str, list[str]] | None = None,
) -> Round:
    """Start a round over the chosen decks (a copy of each, so later edits don't matter).

    Cards in ``seen`` (from earlier rounds) are left out of the first pile of
    their deck, so nothing repeats until the deck is used up and reshuffles.
    Retired cards ("not for us") and cards carrying a left-out tag are not in
    the round at all. The closing card comes from `closing` (the built-in
    closing deck), cards seen in earlier rounds last, like any deck. Cards in
    `first` (kept "for later" in an earlier round) are dealt first from their deck.
    """
    validate_settings(settings)
    names = tuple(name.strip() for name in settings.players)
    missing = [deck_id for deck_id in settings.deck_ids if deck_id not in decks]
    if missing:
        raise RuleError(f"There's no deck called {', '.join(missing)} here.")
    left_out = set(settings.left_out_tags)
    chosen = {}
    for deck_id in settings.deck_ids:
        deck = decks[deck_id]
        gone = (retired or {}).get(deck_id, set())
        kept = cards_left(deck, gone, left_out)
        if kept:
            chosen[deck_id] = deck if len(kept) == len(deck.cards) else replace(deck, cards=kept)
    if not chosen:
        raise RuleError("None of these decks has a card left for you (the rest are not for you, or behind a limit).")
    settings = replace(settings, deck_ids=tuple(chosen), players=(names[0], names[1]))
    closing = closing or FALLBACK_CLOSING
    seen_closing = (seen or {}).get(CLOSING_DECK_ID, set())
    round_ = Round(
        settings=settings,
        decks=chosen,
        piles={
            deck_id: [
                card_id
                for card_id in shuffled_pile(deck, settings.seed)
                if card_id not in (seen or {}).get(deck_id, ())
            ]
            for deck_id, deck in chosen.items()
        },
        closing=closing,
        closing_pile=[card_id for card_id in shuffled_pile(closing, settings.seed) if card_id not in seen_closing],
    )
    for deck_id, card_ids in (first or {}).items():
        if deck_id in chosen:
            waiting = [card_id for card_id in card_ids if card_id in chosen[deck_id].card_index]
            pile = round_.piles[deck_id]
            pile[:0] = [card_id for card_id in waiting if card_id not in pile]  # back in, even if seen before
            round_.first[deck_id] = waiting
    if not round_.playable_decks():
        raise RuleError("None of these decks has a card at or under the chosen intensity.")
    return round_
