"""The history on disk: `_history.toml`, read strictly, written under a lock, merged across windows.

Two windows on one home each keep the history in memory. Every write takes an
exclusive lock, reads what is on disk, and merges three ways: what this window
last wrote (the base), what it holds now (mine) and what is on disk (theirs).
Rounds merge by id, seen cards and piles as sets, limits per partner, names
and the ritual day by whoever changed them. Nothing either window did is lost.

A file that can't be read is kept aside byte for byte (never overwritten);
the last good generation, ``_history.toml.bak``, is used in its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from ..decks.codec import CardTableError, card_from_table, card_to_table
from ..files.atomic import atomic_write, backup_path, keep_aside
from ..files.text import clean_text
from ..files.tidy import private_folder
from ..saves.lock import FileLock
from ..saves.reader import DECODING_ERRORS, SaveError, TableReader, read_toml_file
from .history import PLAN_LIMIT, PLAN_STATUSES, Favourite, LovedCard, PairHistory, Plan, RoundDay
from .limits import SealedLimits

HISTORY_FORMAT = 1
HISTORY_FILE = "_history.toml"
LOCK_FILE = "_history.lock"
MAX_HISTORY_BYTES = 64 * 1024 * 1024
Document = dict[str, Any]
HEX = re.compile(r"[0-9a-f]{1,128}")


def history_path(saves_dir: Path) -> Path:
    return saves_dir / HISTORY_FILE


# --------------------------------------------------------------------------- to and from a document


def history_to_document(history: PairHistory) -> Document:
    return {
        "format": HISTORY_FORMAT,
        "names": list(history.names),
        "ritual_day": history.ritual_day,
        "seen": {deck_id: sorted(ids) for deck_id, ids in sorted(history.seen.items()) if ids},
        "favourites": [_pile_entry(f) for f in history.favourites],
        "rounds": [
            {"id": entry.round_id, "day": entry.day, "decks": dict(entry.cards_by_deck), "loved": entry.loved}
            for entry in history.rounds
        ],
        "loved": [{"deck_name": e.deck_name, "text": e.text, "round": e.round_id} for e in history.loved],
        "retired": [_pile_entry(f) for f in history.retired],
        "revisit": [_pile_entry(f) for f in history.revisit],
        "limits": {name: _sealed_table(sealed) for name, sealed in sorted(history.limits.items())},
        "opted_in_once": history.opted_in_once,
        "plans": [_plan_table(plan) for plan in history.plans],
        **({"last_checkin": history.last_checkin} if history.last_checkin else {}),
    }


def _plan_table(plan: Plan) -> Document:
    table: Document = {"id": plan.id, "text": plan.text, "made": plan.made, "status": plan.status}
    if plan.when is not None:
        table["when"] = plan.when
    if plan.round_id:
        table["round"] = plan.round_id
    if plan.settled is not None:
        table["settled"] = plan.settled
    return table


def _plan_from(read: TableReader) -> Plan:
    status = read.get("status", str)
    if status not in PLAN_STATUSES:
        raise SaveError(f"{read.where}.status is not one of {', '.join(PLAN_STATUSES)}")
    text = read.get("text", str)
    if len(text) > PLAN_LIMIT:
        raise SaveError(f"{read.where}.text is longer than {PLAN_LIMIT} characters")
    return Plan(
        id=read.get("id", str),
        text=clean_text(text, single_line=True),
        when=read.day("when") if "when" in read.table else None,
        made=read.day("made"),
        round_id=read.get("round", str, ""),
        status=status,
        settled=read.day("settled") if "settled" in read.table else None,
    )


def _sealed_table(sealed: SealedLimits) -> Document:
    table: Document = {"salt": sealed.salt, "tags": list(sealed.hashes)}
    table |= {"version": 2, "check": sealed.check} if sealed.sealed_by_secret else {"pin": sealed.pin_hash}
    if sealed.failures:
        table["failures"] = sealed.failures
        if sealed.failed_at is not None:
            table["failed_at"] = sealed.failed_at.isoformat(timespec="seconds")
    return table


def _sealed_from(limits: TableReader, name: str) -> SealedLimits:
    if isinstance(limits.table[name], list):  # from before limits were sealed: kept as version 1 would have
        return SealedLimits.from_words(limits.strings(name))
    table = limits.subtable(name)
    salt = table.get("salt", str)
    hashes = table.strings("tags")
    if not HEX.fullmatch(salt) or not all(HEX.fullmatch(value) for value in hashes):
        raise SaveError(f"{table.where} is not a sealed list of limits")
    failed_at = table.when("failed_at") if "failed_at" in table.table else None
    failures = table.number("failures", 0, 10**6, 0)
    if table.number("version", 1, 2, 1) == 1:
        return SealedLimits(salt, tuple(hashes), "", table.get("pin", str, ""), failures, failed_at)
    check = table.get("check", str)
    if not HEX.fullmatch(check):
        raise SaveError(f"{table.where} is not a sealed list of limits")
    return SealedLimits(salt, tuple(hashes), check, "", failures, failed_at)


def _pile_entry(entry: Favourite) -> Document:
    table = {"deck_id": entry.deck_id, "deck_name": entry.deck_name, "card": card_to_table(entry.card)}
    return table | ({"round": entry.round_id} if entry.round_id else {})


def history_from_document(doc: Any) -> PairHistory:
    """The history a parsed file describes; SaveError naming the field when any value doesn't fit."""
    try:
        return _history_from(TableReader(doc, "history"))
    except CardTableError as error:
        raise SaveError(str(error)) from None
    except DECODING_ERRORS as error:
        raise SaveError(f"a value doesn't fit ({type(error).__name__})") from None


def _history_from(read: TableReader) -> PairHistory:
    version = read.get("format", int)
    if version != HISTORY_FORMAT:
        raise SaveError(f"written by a newer Spark (format {version})" if version > HISTORY_FORMAT else "bad format")
    names = read.strings("names")
    if len(names) != 2:
        raise SaveError("history.names must be two names")
    seen = read.subtable("seen", {})
    limits = read.subtable("limits", {})
    return PairHistory(
        names=(names[0], names[1]),
        ritual_day=read.number("ritual_day", 0, 6),
        seen={deck_id: set(seen.strings(deck_id)) for deck_id in seen.names()},
        favourites=_pile_from(read.tables("favourites", [])),
        retired=_pile_from(read.tables("retired", [])),
        revisit=_pile_from(read.tables("revisit", [])),
        limits={name: _sealed_from(limits, name) for name in limits.names()},
        opted_in_once=read.flag("opted_in_once") if "opted_in_once" in read.table else False,
        plans=[_plan_from(entry) for entry in read.tables("plans", [])],
        last_checkin=read.day("last_checkin") if "last_checkin" in read.table else None,
        rounds=[_round_day(entry, index) for index, entry in enumerate(read.tables("rounds", []))],
        loved=[
            LovedCard(entry.get("deck_name", str), entry.get("text", str), entry.get("round", str, ""))
            for entry in read.tables("loved", [])
        ],
    )


def _pile_from(entries: list[TableReader]) -> list[Favourite]:
    return [
        Favourite(
            entry.get("deck_id", str),
            entry.get("deck_name", str),
            card_from_table(entry.get("card", dict), f"{entry.where}.card"),
            entry.get("round", str, ""),
        )
        for entry in entries
    ]


def _round_day(entry: TableReader, index: int) -> RoundDay:
    decks = entry.subtable("decks")
    return RoundDay(
        day=entry.day("day"),
        cards_by_deck={deck_id: decks.number(deck_id, 0, 100_000) for deck_id in decks.names()},
        loved=entry.number("loved", 0, 100_000),
        round_id=entry.get("id", str, "") or f"before-ids-{index}",
    )


# --------------------------------------------------------------------------- reading


@dataclass
class LoadedHistory:
    """The history as read from its file, and the document it came from (the base of the next merge)."""

    history: PairHistory  # its `problem` says what was wrong with the file, if anything
    document: Document  # what the history was read from: the base of the next merge


def read_history_document(path: Path) -> Document:
    """The checked document of a history file; SaveError when it can't be used."""
    parsed = read_toml_file(path, MAX_HISTORY_BYTES, "is too large to be a history")
    return history_to_document(history_from_document(parsed))


def load_history(saves_dir: Path) -> LoadedHistory:
    """The pair's history. A damaged file is kept aside and its last good backup used, or a fresh start."""
    path = history_path(saves_dir)
    if not path.exists():
        return LoadedHistory(PairHistory(), history_to_document(PairHistory()))
    try:
        document = read_history_document(path)
        return LoadedHistory(history_from_document(document), document)
    except SaveError as error:
        problem = f"{path.name} {error}"
    try:
        aside = keep_aside(path)
    except OSError as error:
        return _fresh(f"{problem}; it couldn't be moved aside ({error.strerror or error}) and is left as it is")
    kept = f"{problem}. It is kept as {aside.name}"
    try:
        document = read_history_document(backup_path(path))
    except SaveError:
        return _fresh(f"{kept}; starting a fresh history.")
    history = history_from_document(document)
    history.problem = f"{kept}; the last good copy is in use."
    return LoadedHistory(history, document)


def _fresh(problem: str) -> LoadedHistory:
    history = PairHistory(problem=problem)
    return LoadedHistory(history, history_to_document(history))


# --------------------------------------------------------------------------- writing, merged


class HistoryWriter:
    """Writes the history for one window: locked, merged with what's on disk, atomic, with a backup.

    Call `write` on one thread at a time (the session's saver thread); `base`
    is only touched there.
    """

    def __init__(self, saves_dir: Path, base: Document) -> None:
        self.saves_dir = saves_dir
        self.base = base

    def write(self, mine: Document) -> Document:
        """Merge mine into what is on disk and write the result; returns what was written."""
        path = history_path(self.saves_dir)
        private_folder(self.saves_dir)
        lock = FileLock(self.saves_dir / LOCK_FILE)
        lock.acquire(wait=True)
        try:
            theirs = self._on_disk(path)
            merged = mine if theirs is None else merge_documents(self.base, mine, theirs)
            atomic_write(path, tomli_w.dumps(merged).encode("utf-8"), keep_backup=True)
        finally:
            lock.release()
        self.base = mine
        return merged

    @staticmethod
    def _on_disk(path: Path) -> Document | None:
        if not path.exists():
            return None
        try:
            return read_history_document(path)
        except SaveError:
            keep_aside(path)  # damaged since we started: kept, and the backup stands in for it
        try:
            return read_history_document(backup_path(path))
        except SaveError:
            return None


def merge_documents(base: Document, mine: Document, theirs: Document) -> Document:
    """Three-way merge of history documents: mine's changes since base, applied to theirs."""
    merged: Document = {"format": HISTORY_FORMAT}
    for key in ("names", "ritual_day", "opted_in_once"):
        merged[key] = mine[key] if mine[key] != base.get(key) else theirs[key]
    merged["limits"] = _merge_mapping(base.get("limits", {}), mine["limits"], theirs["limits"])
    seen_base, seen_mine, seen_theirs = base.get("seen", {}), mine["seen"], theirs["seen"]
    merged["seen"] = {}
    for deck_id in sorted(set(seen_mine) | set(seen_theirs)):
        ids = _merge_sets(seen_base.get(deck_id, []), seen_mine.get(deck_id, []), seen_theirs.get(deck_id, []))
        if ids:
            merged["seen"][deck_id] = sorted(ids)
    for key in ("favourites", "retired", "revisit"):
        merged[key] = _merge_lists(base.get(key, []), mine[key], theirs[key], _card_key)
    merged["rounds"] = _merge_lists(base.get("rounds", []), mine["rounds"], theirs["rounds"], lambda e: e["id"])
    merged["plans"] = _merge_lists(base.get("plans", []), mine["plans"], theirs["plans"], lambda e: e["id"])
    checkins = [doc["last_checkin"] for doc in (mine, theirs) if "last_checkin" in doc]
    if checkins:
        merged["last_checkin"] = max(checkins)
    merged["loved"] = _merge_lists(
        base.get("loved", []), mine["loved"], theirs["loved"], lambda e: (e["round"], e["deck_name"], e["text"])
    )
    return merged


def _card_key(entry: Document) -> tuple[str, str]:
    return entry["deck_id"], entry["card"]["id"]


def _merge_sets(base: Iterable[str], mine: Iterable[str], theirs: Iterable[str]) -> set[str]:
    base_set, mine_set = set(base), set(mine)
    return (set(theirs) | (mine_set - base_set)) - (base_set - mine_set)


def _merge_mapping(base: Document, mine: Document, theirs: Document) -> Document:
    """Per key: mine's value where this window changed it, theirs otherwise (a removal counts as a change)."""
    merged = {}
    for key in sorted(set(base) | set(mine) | set(theirs)):
        value = mine.get(key) if mine.get(key) != base.get(key) else theirs.get(key)
        if value is not None:
            merged[key] = value
    return merged


def _merge_lists(base: list[Any], mine: list[Any], theirs: list[Any], key: Callable[[Any], Any]) -> list[Any]:
    """Theirs in its order, less what mine removed since base, with mine's changes to an entry, then what mine added."""
    base_by_key, mine_by_key = {key(e): e for e in base}, {key(e): e for e in mine}
    removed = set(base_by_key) - set(mine_by_key)
    changed = {k: entry for k, entry in mine_by_key.items() if k in base_by_key and base_by_key[k] != entry}
    kept = [changed.get(key(entry), entry) for entry in theirs if key(entry) not in removed]
    base_keys = set(base_by_key)
    present = {key(entry) for entry in kept}
    added = [entry for entry in mine if key(entry) not in base_keys and key(entry) not in present]
    return kept + added
