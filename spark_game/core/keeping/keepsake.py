"""A keepsake: one page the couple can keep or print, for a round, a year, or their story so far.

It holds the cards they loved, their notes, the plans they kept, the streak and
the weeks they played (an inline SVG heatmap). The HTML file loads nothing from
anywhere (inline CSS, no script, no link); the Markdown one is plain text.

Private by construction: no card they set aside as "not for us" (nor its note),
nothing about their limits, and nothing from an opt-in (mature) deck unless
they ask for it (`with_spice`). Every word from a save or a deck is data:
control characters are removed and it is escaped for HTML or Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..decks.model import Card
from ..pair.history import PLAN_DONE, PairHistory, Plan
from ..pair.ritual import CALENDAR_WEEKS, best_streak, calendar, week_of, weekly_streak
from ..play import Round, TurnRecord
from ..saves import SavedRound, SaveError, list_saves, read_save
from .page import MARKER as PAGE_MARKER
from .page import render_html, render_markdown

MARKER = PAGE_MARKER.encode()
MAX_WEEKS = 4 * CALENDAR_WEEKS  # the whole story's heatmap: two years at most


# --------------------------------------------------------------------------- what goes on the page


@dataclass(frozen=True)
class Scope:
    """Which rounds the keepsake keeps: one round (by save id), one year, or all of them."""

    round_id: str | None = None
    year: int | None = None

    def holds(self, saved: SavedRound, day: date) -> bool:
        if self.round_id is not None:
            return self.round_id in (saved.summary.id, saved.path.name, saved.path.stem)
        return self.year is None or day.year == self.year


@dataclass(frozen=True)
class KeptCard:
    """A card as the keepsake shows it: its words, deck, day, marks and note."""

    text: str
    deck_name: str
    day: date
    loved: bool
    favourite: bool
    note: str


@dataclass(frozen=True)
class KeptRound:
    """A round as the keepsake lists it."""

    id: str
    name: str
    day: date
    cards: int  # done together
    finished: bool


@dataclass(frozen=True)
class Keepsake:
    """Everything a keepsake page holds, chosen and filtered before it is drawn."""

    names: tuple[str, str]
    heading: str  # "Friday 7 March 2025", "2025", "Our story so far"
    made: date
    rounds: list[KeptRound]
    cards: list[KeptCard]  # loved or starred, or with a note; in the order played
    plans: list[Plan]  # kept (done)
    streak: int
    best_streak: int
    weeks: list[int]
    weeks_end: date
    with_spice: bool = False
    left_out: int = 0  # cards kept off the page (not for us, or spice not asked for)

    @property
    def loved(self) -> list[KeptCard]:
        return [card for card in self.cards if card.loved or card.favourite]

    @property
    def notes(self) -> list[KeptCard]:
        """Notes on the other cards (a loved card shows its note with it)."""
        return [card for card in self.cards if card.note and not (card.loved or card.favourite)]

    @property
    def cards_done(self) -> int:
        return sum(kept.cards for kept in self.rounds)


class NothingToKeep(ValueError):
    """The scope holds no round: the message says which, in one line."""


# --------------------------------------------------------------------------- reading the rounds


def read_rounds(saves_dir: Path) -> list[SavedRound]:
    """Every readable save (damaged ones are skipped: Saved games tells about them)."""
    rounds = []
    for entry in list_saves(saves_dir):
        if entry.problem:
            continue
        try:
            rounds.append(read_save(entry.path))
        except (SaveError, OSError):
            continue
    return rounds


@dataclass
class _Privacy:
    """What stays off the page: "not for us" cards, and spice unless asked for."""

    history: PairHistory
    with_spice: bool
    spice_texts: set[str] = field(default_factory=set)
    spice_decks: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, history: PairHistory, saved: Iterable[SavedRound], with_spice: bool) -> _Privacy:
        privacy = cls(history, with_spice)
        for entry in saved:
            for deck in entry.game.decks.values():
                if deck.mature:
                    privacy.spice_decks.add(deck.id)
                    privacy.spice_texts.update(card.text for card in deck.cards)
        return privacy

    def retired(self, deck_id: str, card: Card) -> bool:
        return any(kept.same_card(deck_id, card) or kept.card.text == card.text for kept in self.history.retired)

    def spicy(self, game: Round, deck_id: str, card: Card) -> bool:
        deck = game.decks.get(deck_id)
        if (deck is not None and deck.mature) or card.text in self.spice_texts:
            return True
        kept = self.history.favourites + self.history.revisit
        return any(entry.same_card(deck_id, card) and entry.deck_id in self.spice_decks for entry in kept)

    def hides(self, game: Round, record: TurnRecord) -> bool:
        if self.retired(record.deck_id, record.card):
            return True
        return not self.with_spice and self.spicy(game, record.deck_id, record.card)


def _round_day(history: PairHistory, saved: SavedRound) -> date:
    for entry in history.rounds:
        if entry.round_id and entry.round_id == saved.summary.id:
            return entry.day
    return saved.summary.last_played.date()


def _heading(scope: Scope, rounds: list[KeptRound]) -> str:
    if scope.round_id is not None and rounds:
        return f"{rounds[0].day:%A} {rounds[0].day.day} {rounds[0].day:%B %Y}"
    if scope.year is not None:
        return str(scope.year)
    return "Our story so far"


def _weeks_window(scope: Scope, rounds: list[KeptRound], today: date) -> tuple[date, int]:
    """The last week the heatmap shows, and how many weeks: a round's half year, a year, or the whole story."""
    if scope.round_id is not None:
        return rounds[-1].day, CALENDAR_WEEKS
    if scope.year is not None:
        end = min(today, date(scope.year, 12, 31))
        return end, max(1, week_of(end) - week_of(date(scope.year, 1, 1)) + 1)
    span = week_of(today) - week_of(min(kept.day for kept in rounds)) + 1
    return today, min(MAX_WEEKS, max(CALENDAR_WEEKS, -(-span // CALENDAR_WEEKS) * CALENDAR_WEEKS))


def _plans_kept(history: PairHistory, scope: Scope, hidden_notes: set[str]) -> list[Plan]:
    def in_scope(plan: Plan) -> bool:
        if scope.round_id is not None:
            return plan.round_id == scope.round_id
        day = plan.settled or plan.when or plan.made
        return scope.year is None or day.year == scope.year

    done = [plan for plan in history.plans if plan.status == PLAN_DONE and in_scope(plan)]
    kept = [plan for plan in done if _same_words(plan.text) not in hidden_notes]
    return sorted(kept, key=lambda plan: (plan.settled or plan.when or plan.made, plan.made))


def _same_words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _kept_cards(game: Round, day: date, privacy: _Privacy, hidden_notes: set[str]) -> tuple[list[KeptCard], int]:
    cards, left_out = [], 0
    for record in game.history:
        if privacy.hides(game, record):
            left_out += 1
            if record.note:
                hidden_notes.add(_same_words(record.note))
            continue
        loved = record.outcome == "done" and record.reaction == 2
        if loved or record.favourite or record.note:
            deck = game.decks.get(record.deck_id)
            cards.append(
                KeptCard(
                    text=game.personalise(record.card.text, record.player),
                    deck_name=deck.name if deck else record.deck_id,
                    day=day,
                    loved=loved,
                    favourite=record.favourite,
                    note=record.note,
                )
            )
    return cards, left_out


def build_keepsake(
    history: PairHistory, saved: list[SavedRound], scope: Scope, today: date, *, with_spice: bool = False
) -> Keepsake:
    """The page's content, from the history and the saved rounds; NothingToKeep when the scope holds no round."""
    privacy = _Privacy.of(history, saved, with_spice)
    chosen = sorted(
        ((entry, _round_day(history, entry)) for entry in saved if entry.game.history),
        key=lambda pair: (pair[1], pair[0].summary.started),
    )
    chosen = [(entry, day) for entry, day in chosen if scope.holds(entry, day)]
    if not chosen:
        raise NothingToKeep(_nothing(scope))
    rounds, cards, left_out = [], [], 0
    hidden_notes: set[str] = set()
    for entry, day in chosen:
        kept, hidden = _kept_cards(entry.game, day, privacy, hidden_notes)
        cards += kept
        left_out += hidden
        done = sum(1 for r in entry.game.history if r.outcome == "done" and not privacy.hides(entry.game, r))
        rounds.append(KeptRound(entry.summary.id, entry.summary.name, day, done, entry.summary.finished))
    end, weeks = _weeks_window(scope, rounds, today)
    days = [day for day in history.played_days() if day <= end]
    return Keepsake(
        names=chosen[-1][0].game.settings.players,
        heading=_heading(scope, rounds),
        made=today,
        rounds=rounds,
        cards=cards,
        plans=_plans_kept(history, scope, hidden_notes),
        streak=weekly_streak(days, end),
        best_streak=best_streak(days),
        weeks=calendar(days, end, weeks),
        weeks_end=end,
        with_spice=with_spice,
        left_out=left_out,
    )


def _nothing(scope: Scope) -> str:
    if scope.round_id is not None:
        return f"no saved round with id {scope.round_id} (see 'spark-game saves list')"
    if scope.year is not None:
        return f"no rounds played in {scope.year} to keep"
    return "no rounds played yet: play one first"


# --------------------------------------------------------------------------- writing


def write_keepsake(path: Path, keepsake: Keepsake, *, markdown: bool = False) -> bool:
    """Write the page atomically; True when the folder had to be created first."""
    from .export import write_export

    text = render_markdown(keepsake) if markdown else render_html(keepsake)
    return write_export(path, text.encode("utf-8"))
