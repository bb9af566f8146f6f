"""The pair across rounds (names, seen cards, favourites, loved cards, limits) and its file.

The weekly arithmetic is in `ritual`, the story told from it in `story`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from .atomic import atomic_write
from .card_codec import CardTableError, card_from_table, card_to_table
from .deck import CLOSING_DECK_ID, FAVOURITES_DECK, Card, Deck
from .engine import Phase, Round
from .ritual import FRIDAY
from .saves import SaveError

HISTORY_FORMAT = 1
HISTORY_FILE = "_history.toml"
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
        if game.closing_card is not None:
            seen = self.seen.setdefault(CLOSING_DECK_ID, set())
            seen.add(game.closing_card)
            if seen >= set(game.closing.card_index):  # used up: start again, but not with tonight's card
                seen.intersection_update({game.closing_card})

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
            self.loved.append(
                LovedCard(game.decks[record.deck_id].name, game.personalise(record.card.text, record.player))
            )
        del self.loved[:-MAX_LOVED]

    # ------------------------------------------------------------------ queries

    def favourites_deck(self) -> Deck | None:
        if not self.favourites:
            return None
        cards = tuple(
            Card(
                id=f"fav-{index}",
                kind=f.card.kind,
                level=f.card.level,
                points=f.card.points,
                text=f.card.text,
                seconds=f.card.seconds,
                answerer=f.card.answerer,
                tags=f.card.tags,
            )
            for index, f in enumerate(self.favourites, start=1)
        )
        return Deck(
            id=FAVOURITES_DECK,
            name="Favourites",
            cards=cards,
            description="The cards you starred, to play again.",
            color="#f4c27a",
        )

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


# --------------------------------------------------------------------------- on disk


def history_path(saves_dir: Path) -> Path:
    return saves_dir / HISTORY_FILE


def history_to_document(history: PairHistory) -> dict[str, Any]:
    return {
        "format": HISTORY_FORMAT,
        "names": list(history.names),
        "ritual_day": history.ritual_day,
        "seen": {deck_id: sorted(ids) for deck_id, ids in history.seen.items() if ids},
        "favourites": [
            {"deck_id": f.deck_id, "deck_name": f.deck_name, "card": card_to_table(f.card)} for f in history.favourites
        ],
        "rounds": [{"day": entry.day, "decks": entry.cards_by_deck, "loved": entry.loved} for entry in history.rounds],
        "loved": [{"deck_name": entry.deck_name, "text": entry.text} for entry in history.loved],
        "retired": [_pile_entry(f) for f in history.retired],
        "revisit": [_pile_entry(f) for f in history.revisit],
        "limits": {name: tags for name, tags in history.limits.items()},
    }


def _pile_entry(entry: Favourite) -> dict[str, Any]:
    return {"deck_id": entry.deck_id, "deck_name": entry.deck_name, "card": card_to_table(entry.card)}


def _pile_from(raw: list[Any], where: str) -> list[Favourite]:
    return [
        Favourite(str(f["deck_id"]), str(f["deck_name"]), card_from_table(f["card"], f"{where}[{i}].card"))
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
    except CardTableError as error:
        raise SaveError(f"the history file is damaged ({error})") from None
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


def write_history(saves_dir: Path, document: dict[str, Any], *, damaged_on_disk: bool) -> None:
    """Write atomically. A file we could not read is moved aside first, never overwritten."""
    path = history_path(saves_dir)
    if damaged_on_disk and path.exists():
        aside = path.with_name(f"{path.name}.damaged")
        if not aside.exists():
            os.replace(path, aside)
    atomic_write(path, tomli_w.dumps(document).encode("utf-8"))
