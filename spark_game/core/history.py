"""The pair across rounds: names, seen cards, favourites, loved cards, and the weekly ritual.

Every function that needs "today" takes it as an argument: the core never
reads the clock, so streaks and calendars can be tested across year ends.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from .atomic import atomic_write
from .deck import Card, Deck
from .engine import Phase, Round
from .saves import SaveError, _card_from, _card_table

HISTORY_FORMAT = 1
HISTORY_FILE = "_history.toml"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FRIDAY = 4
FAVOURITES_DECK = "favourites"
CALENDAR_WEEKS = 26
MAX_LOVED = 500


@dataclass(frozen=True)
class RoundDay:
    """One finished round, as the pair's story remembers it."""

    day: date
    cards_by_deck: dict[str, int]
    loved: int


@dataclass(frozen=True)
class Favourite:
    deck_id: str
    deck_name: str
    card: Card


@dataclass(frozen=True)
class LovedCard:
    deck_name: str
    text: str


@dataclass
class PairHistory:
    names: tuple[str, str] = ("", "")
    ritual_day: int = FRIDAY
    seen: dict[str, set[str]] = field(default_factory=dict)
    favourites: list[Favourite] = field(default_factory=list)
    rounds: list[RoundDay] = field(default_factory=list)
    loved: list[LovedCard] = field(default_factory=list)
    retired: list[Favourite] = field(default_factory=list)  # "not for us"
    revisit: list[Favourite] = field(default_factory=list)  # "revisit later"
    limits: dict[str, list[str]] = field(default_factory=dict)  # private: player name -> tags left out
    problem: str | None = None  # set when the file on disk could not be read

    # ------------------------------------------------------------------ consent and pruning

    def limits_of(self, name: str) -> list[str]:
        return list(self.limits.get(name.strip().casefold(), []))

    def set_limits(self, name: str, tags: list[str]) -> None:
        self.limits[name.strip().casefold()] = sorted(set(tags))

    def left_out_tags(self, names: tuple[str, str]) -> tuple[str, ...]:
        """Both partners' limits merged, so neither list can be read off the other."""
        return tuple(sorted({tag for name in names for tag in self.limits_of(name)}))

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

    def revisit_later(self, deck_id: str, deck_name: str, card: Card) -> None:
        """Flag a card for a later round: it stays out of the seen set so it can come back."""
        if not any(f.deck_id == deck_id and f.card.id == card.id for f in self.revisit):
            self.revisit.append(Favourite(deck_id, deck_name, card))

    # ------------------------------------------------------------------ after each turn

    def note_progress(self, game: Round) -> None:
        """Remember names, cards seen and favourites so far (safe to call after every turn)."""
        self.names = game.settings.players
        for record in game.history:
            deck = game.decks[record.deck_id]
            seen = self.seen.setdefault(record.deck_id, set())
            if not any(f.deck_id == record.deck_id and f.card.id == record.card.id for f in self.revisit):
                seen.add(record.card.id)
            if seen >= set(deck.card_index):  # the deck is used up: it reshuffles next time
                seen.clear()
            if record.favourite and record.deck_id != FAVOURITES_DECK:
                self._add_favourite(record.deck_id, deck.name, record.card)

    def _add_favourite(self, deck_id: str, deck_name: str, card: Card) -> None:
        if not any(f.deck_id == deck_id and f.card.id == card.id for f in self.favourites):
            self.favourites.append(Favourite(deck_id, deck_name, card))

    def note_finished(self, game: Round, today: date) -> None:
        """A round ended: it counts for the streak, the calendar and the story."""
        if game.phase is not Phase.OVER:
            raise ValueError("only a finished round goes into the story")
        self.note_progress(game)
        done = [record for record in game.history if record.outcome == "done"]
        by_deck: dict[str, int] = {}
        for record in done:
            by_deck[record.deck_id] = by_deck.get(record.deck_id, 0) + 1
        loved = [record for record in done if record.reaction == 2]
        self.rounds.append(RoundDay(today, by_deck, len(loved)))
        for record in loved:
            self.loved.append(LovedCard(game.decks[record.deck_id].name, game.personalise(record.card.text, record.player)))
        del self.loved[:-MAX_LOVED]

    # ------------------------------------------------------------------ queries

    def favourites_deck(self) -> Deck | None:
        if not self.favourites:
            return None
        cards = tuple(
            Card(id=f"fav-{index}", kind=f.card.kind, level=f.card.level, points=f.card.points,
                 text=f.card.text, seconds=f.card.seconds, answerer=f.card.answerer, tags=f.card.tags)
            for index, f in enumerate(self.favourites, start=1)
        )
        return Deck(id=FAVOURITES_DECK, name="Favourites", cards=cards,
                    description="The cards you starred, to play again.", color="#f4c27a")

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


# --------------------------------------------------------------------------- the weekly ritual


def week_of(day: date) -> int:
    """A number for the calendar week (Monday to Sunday) holding day; consecutive weeks differ by 1."""
    return (day - timedelta(days=day.weekday())).toordinal() // 7


def weekly_streak(days: list[date], today: date) -> int:
    """Played weeks in a row, up to this week. One missed week in between is forgiven (grace)."""
    weeks = sorted({week_of(day) for day in days if day <= today}, reverse=True)
    if not weeks or week_of(today) - weeks[0] > 2:
        return 0
    streak = 1
    for newer, older in zip(weeks, weeks[1:]):
        if newer - older > 2:
            break
        streak += 1
    return streak


def best_streak(days: list[date]) -> int:
    weeks = sorted({week_of(day) for day in days})
    best = run = 0
    for index, week in enumerate(weeks):
        run = run + 1 if index and week - weeks[index - 1] <= 2 else 1
        best = max(best, run)
    return best


def calendar(days: list[date], today: date, weeks: int = CALENDAR_WEEKS) -> list[int]:
    """Rounds per week for the last `weeks` weeks, oldest first, this week last."""
    this_week = week_of(today)
    counts = [0] * weeks
    for day in days:
        offset = this_week - week_of(day)
        if 0 <= offset < weeks:
            counts[weeks - 1 - offset] += 1
    return counts


def ritual_message(ritual_day: int, today: date) -> str:
    days = (ritual_day - today.weekday()) % 7
    name = WEEKDAYS[ritual_day]
    if days == 0:
        return "Tonight's your night."
    if days == 1:
        return f"{name} is tomorrow."
    return f"{name} is in {days} days."


@dataclass(frozen=True)
class Milestone:
    name: str
    reached: bool


def milestones(history: PairHistory, deck_ids: list[str], today: date) -> list[Milestone]:
    days = history.played_days()
    tried = set(history.cards_by_deck())
    return [
        Milestone("Your first round", len(days) >= 1),
        Milestone("Four weeks in a row", best_streak(days) >= 4),
        Milestone("Every deck tried", bool(deck_ids) and set(deck_ids) <= tried),
        Milestone("Ten rounds together", len(days) >= 10),
        Milestone("100 cards together", history.total_cards() >= 100),
        Milestone("A whole season of Fridays (12 weeks in a row)", best_streak(days) >= 12),
    ]


# --------------------------------------------------------------------------- on disk


def history_path(saves_dir: Path) -> Path:
    return saves_dir / HISTORY_FILE


def history_to_document(history: PairHistory) -> dict[str, Any]:
    return {
        "format": HISTORY_FORMAT,
        "names": list(history.names),
        "ritual_day": history.ritual_day,
        "seen": {deck_id: sorted(ids) for deck_id, ids in history.seen.items() if ids},
        "favourites": [{"deck_id": f.deck_id, "deck_name": f.deck_name, "card": _card_table(f.card)}
                       for f in history.favourites],
        "rounds": [{"day": entry.day, "decks": entry.cards_by_deck, "loved": entry.loved} for entry in history.rounds],
        "loved": [{"deck_name": entry.deck_name, "text": entry.text} for entry in history.loved],
        "retired": [_pile_entry(f) for f in history.retired],
        "revisit": [_pile_entry(f) for f in history.revisit],
        "limits": {name: tags for name, tags in history.limits.items()},
    }


def _pile_entry(entry: Favourite) -> dict[str, Any]:
    return {"deck_id": entry.deck_id, "deck_name": entry.deck_name, "card": _card_table(entry.card)}


def _pile_from(raw: list[Any], where: str) -> list[Favourite]:
    return [
        Favourite(str(f["deck_id"]), str(f["deck_name"]), _card_from(f["card"], f"{where}[{i}].card"))
        for i, f in enumerate(raw)
    ]


def history_from_document(doc: dict[str, Any]) -> PairHistory:
    try:
        if doc.get("format") != HISTORY_FORMAT:
            raise SaveError(f"written by a newer Spark (format {doc.get('format')})")
        names = doc["names"]
        ritual = doc["ritual_day"]
        if not (isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) for n in names)):
            raise SaveError("names must be two names")
        if not (isinstance(ritual, int) and 0 <= ritual <= 6):
            raise SaveError("ritual_day must be 0 (Monday) to 6 (Sunday)")
        history = PairHistory(names=(names[0], names[1]), ritual_day=ritual)
        history.seen = {str(deck_id): {str(card_id) for card_id in ids} for deck_id, ids in doc["seen"].items()}
        history.favourites = _pile_from(doc["favourites"], "favourites")
        history.retired = _pile_from(doc.get("retired", []), "retired")
        history.revisit = _pile_from(doc.get("revisit", []), "revisit")
        history.limits = {str(name): [str(tag) for tag in tags] for name, tags in doc.get("limits", {}).items()}
        history.rounds = [
            RoundDay(entry["day"], {str(k): int(v) for k, v in entry["decks"].items()}, int(entry["loved"]))
            for entry in doc["rounds"]
        ]
        history.loved = [LovedCard(str(entry["deck_name"]), str(entry["text"])) for entry in doc["loved"]]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise SaveError(f"the history file is damaged ({type(error).__name__}: {error})") from None
    if not all(isinstance(entry.day, date) for entry in history.rounds):
        raise SaveError("the history file is damaged (a round without a date)")
    return history


def load_history(saves_dir: Path) -> PairHistory:
    """The pair's history; an unreadable file gives a fresh history carrying the problem."""
    path = history_path(saves_dir)
    if not path.exists():
        return PairHistory()
    try:
        data = path.read_bytes()
        return history_from_document(tomllib.loads(data.decode("utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        return PairHistory(problem=f"{path.name} can't be read ({error}); it is kept aside untouched")
    except SaveError as error:
        return PairHistory(problem=f"{path.name}: {error}; it is kept aside untouched")


def save_history(saves_dir: Path, history: PairHistory) -> None:
    """Write the history now (the app builds the document itself and writes it off the UI thread)."""
    write_history(saves_dir, history_to_document(history), damaged_on_disk=history.problem is not None)
    history.problem = None


def write_history(saves_dir: Path, document: dict[str, Any], *, damaged_on_disk: bool) -> None:
    """Write atomically. A file we could not read is moved aside first, never overwritten."""
    path = history_path(saves_dir)
    if damaged_on_disk and path.exists():
        aside = path.with_name(f"{path.name}.damaged")
        if not aside.exists():
            os.replace(path, aside)
    atomic_write(path, tomli_w.dumps(document).encode("utf-8"))


# --------------------------------------------------------------------------- the story, for screens and the shell

HEAT = " ░▒▓█"


def heatmap(weeks: list[int]) -> str:
    """One character a week: blank for none, darker for more rounds."""
    return "".join(HEAT[min(count, len(HEAT) - 1)] if count else "·" for count in weeks)


@dataclass(frozen=True)
class Story:
    streak: int
    best_streak: int
    ritual: str
    ritual_day: str
    weeks: list[int]
    rounds: int
    cards: int
    cards_by_deck: list[tuple[str, int]]
    milestones: list[Milestone]
    loved: list[LovedCard]

    def lines(self) -> list[str]:
        """The story as plain text lines (what `spark-game stats` prints)."""
        out = [
            f"Weekly streak: {self.streak} (best {self.best_streak}). Ritual day: {self.ritual_day}. {self.ritual}",
            f"Rounds: {self.rounds}   Cards done together: {self.cards}",
            "",
            f"Last {len(self.weeks)} weeks (oldest first, one mark a week):",
            f"  {heatmap(self.weeks)}",
            "",
            "Cards per deck:",
        ]
        out += [f"  {name:<28} {count:>5}" for name, count in self.cards_by_deck] or ["  none yet"]
        out += ["", "Milestones:"]
        out += [f"  [{'x' if m.reached else ' '}] {m.name}" for m in self.milestones]
        out += ["", "Cards you loved (latest first):"]
        out += [f"  {card.text}  ({card.deck_name})" for card in self.loved[:10]] or ["  none yet"]
        return out


def story(history: PairHistory, deck_names: dict[str, str], today: date) -> Story:
    days = history.played_days()
    by_deck = sorted(history.cards_by_deck().items(), key=lambda item: (-item[1], item[0]))
    return Story(
        streak=weekly_streak(days, today),
        best_streak=best_streak(days),
        ritual=ritual_message(history.ritual_day, today),
        ritual_day=WEEKDAYS[history.ritual_day],
        weeks=calendar(days, today),
        rounds=len(days),
        cards=history.total_cards(),
        cards_by_deck=[(deck_names.get(deck_id, deck_id), count) for deck_id, count in by_deck],
        milestones=milestones(history, list(deck_names), today),
        loved=list(reversed(history.loved)),
    )
