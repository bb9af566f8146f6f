"""The pair across rounds: names, seen cards, favourites, loved cards, limits.

Its file (and the merge of two windows' changes) is `history_file`; the weekly
arithmetic is in `ritual`, the story told from it in `story`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..decks.model import CLOSING_DECK_ID, FAVOURITES_DECK, LATER_DECK, Card, Deck
from ..play import PERSONAL_DECKS, Phase, Round, TurnRecord
from .limits import SealedLimits
from .ritual import FRIDAY

MAX_LOVED = 500


@dataclass(frozen=True)
class RoundDay:
    """One finished round, as the pair's story remembers it."""

    day: date
    cards_by_deck: dict[str, int]
    loved: int
    round_id: str = ""  # the save's id: two windows' histories merge rounds by it


@dataclass(frozen=True)
class Favourite:
    """A card the pair kept (a favourite, "not for us" or "later"), with its deck and the round it was kept in."""

    deck_id: str
    deck_name: str
    card: Card
    round_id: str = ""

    def same_card(self, deck_id: str, card: Card) -> bool:
        """The same card: by deck and id, or, played from a personal deck (favourites, later), by its words."""
        if deck_id in PERSONAL_DECKS:
            return card.text == self.card.text
        return (deck_id, card.id) == (self.deck_id, self.card.id)


PLAN_OPEN, PLAN_DONE, PLAN_LET_GO = "open", "done", "let-go"
PLAN_STATUSES = (PLAN_OPEN, PLAN_DONE, PLAN_LET_GO)
PLAN_LIMIT = 200  # characters


@dataclass(frozen=True)
class Plan:
    """Something a card led to, to do together: on a day, or someday. Let go is never a failure."""

    id: str
    text: str
    when: date | None  # None: someday
    made: date
    round_id: str = ""
    status: str = PLAN_OPEN
    settled: date | None = None  # when it was done or let go


@dataclass(frozen=True)
class LovedCard:
    """A card one partner loved, with its words as they were shown."""

    deck_name: str
    text: str
    round_id: str = ""


@dataclass
class PairHistory:
    """The pair across rounds: names, seen cards, kept piles, rounds, loved cards, plans, limits."""

    names: tuple[str, str] = ("", "")
    ritual_day: int = FRIDAY
    seen: dict[str, set[str]] = field(default_factory=dict)
    favourites: list[Favourite] = field(default_factory=list)
    rounds: list[RoundDay] = field(default_factory=list)
    loved: list[LovedCard] = field(default_factory=list)
    retired: list[Favourite] = field(default_factory=list)  # "not for us"
    revisit: list[Favourite] = field(default_factory=list)  # "revisit later"
    limits: dict[str, SealedLimits] = field(default_factory=dict)  # private: casefolded name -> sealed limits
    opted_in_once: bool = False  # until the pair first says yes to an opt-in deck, its name stays out of view
    plans: list[Plan] = field(default_factory=list)
    last_checkin: date | None = None  # the monthly check-in keeps only when it last happened, never answers
    problem: str | None = None  # set when the file on disk could not be read

    # ------------------------------------------------------------------ consent and pruning

    def sealed_limits(self, name: str) -> SealedLimits | None:
        return self.limits.get(name.strip().casefold())

    def keep_limits(self, name: str, sealed: SealedLimits | None) -> None:
        """One partner's list, sealed already (None forgets it)."""
        key = name.strip().casefold()
        if sealed is None:
            self.limits.pop(key, None)
        else:
            self.limits[key] = sealed

    def count_try(self, name: str, opened: bool, now: datetime) -> None:
        """Count one try at a partner's secret (kept, so a restart doesn't reset the wait)."""
        key = name.strip().casefold()
        sealed = self.limits.get(key)
        if sealed is not None:
            self.limits[key] = sealed.after_try(opened, now)

    def locked_limits(self, names: tuple[str, str], keys: Mapping[str, bytes]) -> list[str]:
        """The partners whose limits a round can't apply yet: sealed under a secret not typed this evening."""
        return [
            name
            for name in names
            if (sealed := self.sealed_limits(name)) is not None
            and sealed.sealed_by_secret
            and name.strip().casefold() not in keys
        ]

    def left_out_tags(
        self, names: tuple[str, str], known_tags: Iterable[str], keys: Mapping[str, bytes] | None = None
    ) -> tuple[str, ...]:
        """Both partners' limits merged, as the words among known_tags, so neither list can be read off the other.

        A list sealed under a secret counts only with its key in `keys` (by casefolded name); see locked_limits.
        """
        known = set(known_tags)
        found: set[str] = set()
        for name in names:
            sealed = self.sealed_limits(name)
            if sealed is None:
                continue
            if not sealed.sealed_by_secret:
                found |= sealed.left_out(known)
            elif (key := (keys or {}).get(name.strip().casefold())) is not None:
                found |= sealed.left_out(known, key)
        return tuple(sorted(found))

    def retire(self, deck_id: str, deck_name: str, card: Card) -> None:
        if not any(f.deck_id == deck_id and f.card.id == card.id for f in self.retired):
            self.retired.append(Favourite(deck_id, deck_name, card))

    def bring_back(self, deck_id: str, card_id: str) -> None:
        """Undo "not for us"."""
        self.retired = [f for f in self.retired if not (f.deck_id == deck_id and f.card.id == card_id)]

    def retired_ids(self) -> dict[str, set[str]]:
        ids: dict[str, set[str]] = {}
        for entry in self.retired:
            ids.setdefault(entry.deck_id, set()).add(entry.card.id)
        return ids

    def revisit_later(self, deck_id: str, deck_name: str, card: Card, round_id: str) -> None:
        """Flag a card for a later round: it is dealt first from its deck next time, then leaves the list."""
        if not any(f.same_card(deck_id, card) for f in self.revisit):
            self.revisit.append(Favourite(deck_id, deck_name, card, round_id))

    def forget_later(self, deck_id: str, card: Card) -> None:
        self.revisit = [f for f in self.revisit if not f.same_card(deck_id, card)]

    def remove_favourite(self, deck_id: str, card: Card) -> None:
        self.favourites = [f for f in self.favourites if not f.same_card(deck_id, card)]

    def later_ids(self) -> dict[str, list[str]]:
        """The cards kept for later, by deck, oldest first: a round deals them first."""
        ids: dict[str, list[str]] = {}
        for entry in self.revisit:
            ids.setdefault(entry.deck_id, []).append(entry.card.id)
        return ids

    def snapshot(self) -> PairHistory:
        """A copy that later changes don't touch (its lists and sets are new; their items are immutable)."""
        return replace(
            self,
            seen={deck_id: set(ids) for deck_id, ids in self.seen.items()},
            favourites=list(self.favourites),
            rounds=list(self.rounds),
            loved=list(self.loved),
            retired=list(self.retired),
            revisit=list(self.revisit),
            limits=dict(self.limits),
            plans=list(self.plans),
        )

    # ------------------------------------------------------------------ plans

    def add_plan(self, text: str, when: date | None, today: date, round_id: str = "") -> Plan:
        plan = Plan(secrets.token_hex(4), " ".join(text.split())[:PLAN_LIMIT], when, today, round_id)
        self.plans.append(plan)
        return plan

    def settle_plan(self, plan_id: str, status: str, today: date) -> None:
        """Mark a plan done or let go (or open again)."""
        if status not in PLAN_STATUSES:
            raise ValueError(f"a plan is {', '.join(PLAN_STATUSES)}")
        settled = None if status == PLAN_OPEN else today
        self.plans = [replace(p, status=status, settled=settled) if p.id == plan_id else p for p in self.plans]

    def open_plans(self) -> list[Plan]:
        """Plans still to do: dated ones by date (missed ones first), then the "someday" ones, oldest first."""
        still = [plan for plan in self.plans if plan.status == PLAN_OPEN]
        return sorted(still, key=lambda plan: (plan.when is None, plan.when or plan.made, plan.made))

    def next_plan(self) -> Plan | None:
        plans = self.open_plans()
        return plans[0] if plans else None

    # ------------------------------------------------------------------ after each turn

    def note_progress(self, game: Round, round_id: str) -> set[tuple[str, str]]:
        """Remember names, cards seen and favourites so far (safe to call after every turn).

        A card kept for later in an earlier round and dealt in this one leaves the later list.
        Returns the favourites this call added, as (deck id, card id).
        """
        self.names = game.settings.players
        added: set[tuple[str, str]] = set()
        for deck_id, card in _dealt(game):
            self.revisit = [f for f in self.revisit if f.round_id == round_id or not f.same_card(deck_id, card)]
        for record in game.history:
            deck = game.decks[record.deck_id]
            seen = self.seen.setdefault(record.deck_id, set())
            if not any(f.same_card(record.deck_id, record.card) for f in self.revisit):
                seen.add(record.card.id)
            if seen >= set(deck.card_index):  # the deck is used up: it reshuffles next time
                seen.clear()
            if record.favourite and record.deck_id != FAVOURITES_DECK and self._add_favourite(record, deck.name):
                added.add((record.deck_id, record.card.id))
        if game.closing_card is not None:
            seen = self.seen.setdefault(CLOSING_DECK_ID, set())
            seen.add(game.closing_card)
            if seen >= set(game.closing.card_index):  # used up: start again, but not with tonight's card
                seen.intersection_update({game.closing_card})
        return added

    def _add_favourite(self, record: TurnRecord, deck_name: str) -> bool:
        if any(f.same_card(record.deck_id, record.card) for f in self.favourites):
            return False
        self.favourites.append(Favourite(record.deck_id, deck_name, record.card))
        return True

    def note_finished(self, game: Round, today: date, round_id: str) -> None:
        """A round ended: it counts for the streak, the calendar and the story."""
        if game.phase is not Phase.OVER:
            raise ValueError("only a finished round goes into the story")
        self.note_progress(game, round_id)
        done = [record for record in game.history if record.outcome == "done"]
        by_deck: dict[str, int] = {}
        for record in done:
            by_deck[record.deck_id] = by_deck.get(record.deck_id, 0) + 1
        loved = [record for record in done if record.reaction == 2]
        self.rounds.append(RoundDay(today, by_deck, len(loved), round_id))
        for record in loved:
            self.loved.append(
                LovedCard(game.decks[record.deck_id].name, game.personalise(record.card.text, record.player), round_id)
            )
        del self.loved[:-MAX_LOVED]

    # ------------------------------------------------------------------ queries

    def favourites_deck(self) -> Deck | None:
        return _personal_deck(
            FAVOURITES_DECK, "Our favourites", "The cards you starred, to play again.", "fav", self.favourites
        )

    def later_deck(self) -> Deck | None:
        return _personal_deck(
            LATER_DECK, "Saved for later", "The cards you kept for another night.", "later", self.revisit
        )

    def personal_decks(self) -> dict[str, Deck]:
        """Our favourites and Saved for later, as decks to play, when they hold cards."""
        decks = (self.favourites_deck(), self.later_deck())
        return {deck.id: deck for deck in decks if deck is not None}

    def played_days(self) -> list[date]:
        return [entry.day for entry in self.rounds]

    def cards_by_deck(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for entry in self.rounds:
            for deck_id, count in entry.cards_by_deck.items():
                totals[deck_id] = totals.get(deck_id, 0) + count
        return totals

    def total_cards(self) -> int:
        return sum(self.cards_by_deck().values())


def _personal_deck(deck_id: str, name: str, description: str, prefix: str, entries: list[Favourite]) -> Deck | None:
    if not entries:
        return None
    cards = tuple(replace(entry.card, id=f"{prefix}-{index}") for index, entry in enumerate(entries, start=1))
    return Deck(id=deck_id, name=name, cards=cards, description=description, color="#f4c27a")


def _dealt(game: Round) -> list[tuple[str, Card]]:
    """Every card this round has put on the table so far, with its deck."""
    dealt = [(record.deck_id, record.card) for record in game.history]
    if game.pending is not None:
        dealt.append((game.pending.deck_id, game.pending.card))
    if game.current_deck is not None and game.card is not None:
        dealt.append((game.current_deck, game.card))
    return dealt
