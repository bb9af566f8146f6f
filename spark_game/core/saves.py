"""Rounds saved as TOML: enough to resume with no deck file present, checked on the way back in.

A save file is two header lines and a body::

    format = 1
    checksum = "sha256:…"      # of the body's bytes: a file cut short never passes
    [summary]                  # what a listing needs, parsed on its own
    …
    [round]                    # the whole Round
    …

Writes are atomic and keep the previous generation as ``.bak``. A save that
cannot be read is reported with its reason and never overwritten.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import secrets
import socket
import threading
import time
import tomllib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from .atomic import atomic_write, backup_path
from .closing import CLOSING_DECK
from .deck import Card, Deck
from .deck_file import _Checker, validate_card
from .engine import Phase, Round, Settings, TurnRecord

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024
NAME_LIMIT = 80
_HEADER = re.compile(rb'\Aformat = (\d+)\nchecksum = "sha256:([0-9a-f]{64})"\n')
_ROUND_TABLE = re.compile(r"^\[\[?round[.\]]", re.M)
_ID = re.compile(r"[0-9a-f]{8}")


class SaveError(Exception):
    """A save that cannot be used, with a reason a person can read."""


class RoundLocked(SaveError):
    """The round is open in another Spark window."""


@dataclass(frozen=True)
class SaveSummary:
    id: str
    name: str
    players: tuple[str, str]
    started: datetime
    last_played: datetime
    decks: tuple[str, ...]
    turns_played: int
    scores: tuple[int, int]
    finished: bool
    history_count: int


@dataclass
class SaveEntry:
    """One file in the saves folder: its summary, or why it can't be used."""

    path: Path
    summary: SaveSummary | None = None
    problem: str | None = None
    backup_ok: bool = False

    @property
    def id(self) -> str:
        return self.summary.id if self.summary else self.path.stem.rsplit("-", 1)[-1]


@dataclass
class SavedRound:
    path: Path
    summary: SaveSummary
    game: Round = field(repr=False)


# --------------------------------------------------------------------------- names


def slugify(text: str, limit: int = 40) -> str:
    """A file-name-safe slug of any text: lowercase ASCII letters, digits and hyphens, never empty."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    return slug or "round"


def new_save_path(saves_dir: Path, players: tuple[str, str]) -> Path:
    """A fresh file inside saves_dir, named from the players plus a unique id."""
    slug = slugify(f"{players[0]}-and-{players[1]}")
    while True:
        path = saves_dir / f"{slug}-{secrets.token_hex(4)}.toml"
        if not path.exists():
            return path


# --------------------------------------------------------------------------- to TOML


def _card_table(card: Card) -> dict[str, Any]:
    table: dict[str, Any] = {"id": card.id, "kind": card.kind, "level": card.level,
                             "points": card.points, "text": card.text, "answerer": card.answerer,
                             "tags": list(card.tags)}
    if card.seconds is not None:
        table["seconds"] = card.seconds
    return table


def _record_table(record: TurnRecord) -> dict[str, Any]:
    table: dict[str, Any] = {
        "number": record.number, "player": record.player, "deck_id": record.deck_id,
        "outcome": record.outcome, "points": record.points, "bonus": record.bonus,
        "favourite": record.favourite, "card": _card_table(record.card),
    }
    if record.reaction is not None:
        table["reaction"] = record.reaction
    return table


def round_table(game: Round) -> dict[str, Any]:
    settings = game.settings
    table: dict[str, Any] = {
        "turn": game.turn,
        "phase": game.phase.value,
        "streak": game.streak,
        "random_draws": game.random_draws,
        "current_favourite": game.current_favourite,
        "brakes": game.brakes,
        "settings": {
            "players": list(settings.players), "deck_ids": list(settings.deck_ids),
            "ceiling": settings.ceiling, "turns": settings.turns or 0, "mode": settings.mode,
            "seed": settings.seed, "left_out_tags": list(settings.left_out_tags),
        },
        "piles": {deck_id: list(pile) for deck_id, pile in game.piles.items()},
        "cycles": dict(game.cycles),
        "decks": [
            {"id": deck.id, "name": deck.name, "description": deck.description,
             "color": deck.color or "", "mature": deck.mature,
             "cards": [_card_table(card) for card in deck.cards]}
            for deck in game.decks.values()
        ],
        "history": [_record_table(record) for record in game.history],
    }
    if game.current_deck is not None and game.current_card is not None:
        table["current"] = {"deck_id": game.current_deck, "card_id": game.current_card}
    if game.pending is not None:
        table["pending"] = _record_table(game.pending)
    if game.closing_card is not None:
        table["closing_card"] = game.closing_card
    return table


def save_document(game: Round, summary: SaveSummary) -> dict[str, Any]:
    """Everything a save holds, as plain data (cheap: safe to build on the UI thread)."""
    return {"summary": _summary_table(summary), "round": round_table(game)}


def _summary_table(summary: SaveSummary) -> dict[str, Any]:
    return {
        "id": summary.id, "name": summary.name, "players": list(summary.players),
        "started": summary.started.isoformat(timespec="seconds"),
        "last_played": summary.last_played.isoformat(timespec="seconds"),
        "decks": list(summary.decks), "turns_played": summary.turns_played,
        "scores": list(summary.scores), "finished": summary.finished,
        "history_count": summary.history_count,
    }


def summarise(game: Round, save_id: str, started: datetime, now: datetime, name: str = "") -> SaveSummary:
    return SaveSummary(
        id=save_id,
        name=name or f"{game.settings.players[0]} & {game.settings.players[1]}",
        players=game.settings.players,
        started=started,
        last_played=now,
        decks=tuple(game.decks[deck_id].name for deck_id in game.settings.deck_ids),
        turns_played=game.turns_played,
        scores=game.scores(),
        finished=game.phase is Phase.OVER,
        history_count=len(game.history),
    )


def encode_save(document: dict[str, Any]) -> bytes:
    body = tomli_w.dumps(document).encode("utf-8")
    digest = hashlib.sha256(body).hexdigest()
    return f'format = {SAVE_FORMAT}\nchecksum = "sha256:{digest}"\n'.encode() + body


def write_save(path: Path, document: dict[str, Any]) -> None:
    """Encode and write atomically, keeping the previous generation as .bak.

    Refuses to replace a file that exists but is not a readable save: that one
    is the user's to inspect, not ours to overwrite.
    """
    data = encode_save(document)
    if path.exists():
        try:
            _verified_body(path.read_bytes())
        except SaveError as error:
            raise SaveError(f"{path.name} changed on disk and can't be read ({error}); not overwriting it") from None
    atomic_write(path, data, keep_backup=True)


# --------------------------------------------------------------------------- from TOML


def _verified_body(data: bytes) -> str:
    match = _HEADER.match(data)
    if not match:
        if data.startswith(b"format = ") and not data.startswith(b"format = 1\n"):
            number = data[9:].split(b"\n", 1)[0][:12].decode("ascii", "replace")
            raise SaveError(f"saved by a newer Spark (format {number})")
        raise SaveError("not a Spark save (its header is missing or garbled)")
    if int(match[1]) > SAVE_FORMAT:
        raise SaveError(f"saved by a newer Spark (format {int(match[1])})")
    body = data[match.end():]
    if hashlib.sha256(body).hexdigest() != match[2].decode():
        raise SaveError("the file is damaged or cut short (its checksum doesn't match)")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError("the file is damaged (not UTF-8 text)") from None


def _read_bytes(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise SaveError("the file is missing or not a regular file")
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"the file is too large to be a save ({size:,} bytes)")
        return path.read_bytes()
    except OSError as error:
        raise SaveError(f"the file can't be read: {error.strerror or error}") from None


def _parse(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
        raise SaveError(f"the file is not valid TOML ({str(error)[:120]})") from None


def read_summary(path: Path) -> SaveSummary:
    """Only what a listing needs: the checksum is verified, the summary alone parsed."""
    text = _verified_body(_read_bytes(path))
    split = _ROUND_TABLE.search(text)
    return _summary_from(_parse(text[: split.start()] if split else text))


def read_save(path: Path) -> SavedRound:
    text = _verified_body(_read_bytes(path))
    document = _parse(text)
    summary = _summary_from(document)
    game = round_from_table(document.get("round"))
    if len(game.history) != summary.history_count:
        raise SaveError(f"the round holds {len(game.history)} cards but its summary says {summary.history_count}")
    return SavedRound(path, summary, game)


class _Reader:
    """Typed access to a parsed table; a wrong or missing value becomes a SaveError naming its field."""

    def __init__(self, table: Any, where: str) -> None:
        if not isinstance(table, dict):
            raise SaveError(f"{where} is missing or not a table")
        self.table, self.where = table, where

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.table:
            if default is ...:
                raise SaveError(f"{self.where}.{key} is missing")
            return default
        value = self.table[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise SaveError(f"{self.where}.{key} has the wrong type")
        return value

    def strings(self, key: str) -> list[str]:
        values = self.get(key, list)
        if not all(isinstance(value, str) for value in values):
            raise SaveError(f"{self.where}.{key} must hold text only")
        return values

    def numbers(self, key: str, count: int) -> tuple[int, ...]:
        values = self.get(key, list)
        if len(values) != count or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise SaveError(f"{self.where}.{key} must hold {count} whole numbers")
        return tuple(values)

    def when(self, key: str) -> datetime:
        try:
            return datetime.fromisoformat(self.get(key, str))
        except ValueError:
            raise SaveError(f"{self.where}.{key} is not a date and time") from None


def _summary_from(document: dict[str, Any]) -> SaveSummary:
    read = _Reader(document.get("summary"), "summary")
    players = read.strings("players")
    if len(players) != 2:
        raise SaveError("summary.players must name two players")
    save_id = read.get("id", str)
    if not _ID.fullmatch(save_id):
        raise SaveError("summary.id is not a save id")
    return SaveSummary(
        id=save_id, name=read.get("name", str)[:NAME_LIMIT], players=(players[0], players[1]),
        started=read.when("started"), last_played=read.when("last_played"),
        decks=tuple(read.strings("decks")), turns_played=read.get("turns_played", int),
        scores=read.numbers("scores", 2), finished=read.get("finished", bool),  # type: ignore[arg-type]
        history_count=read.get("history_count", int),
    )


def _card_from(raw: Any, where: str) -> Card:
    check = _Checker()
    card = validate_card(raw, (), check)
    if card is None:
        first = check.errors[0]
        raise SaveError(f"{where}{('.' + first.field) if first.field else ''}: {first.message}")
    return card


def _record_from(raw: Any, where: str, decks: dict[str, Deck]) -> TurnRecord:
    read = _Reader(raw, where)
    record = TurnRecord(
        number=read.get("number", int), player=read.get("player", int), deck_id=read.get("deck_id", str),
        card=_card_from(read.get("card", dict), f"{where}.card"), outcome=read.get("outcome", str),
        points=read.get("points", int), reaction=read.get("reaction", int, None),
        bonus=read.get("bonus", int), favourite=read.get("favourite", bool),
    )
    if record.player not in (0, 1) or record.outcome not in ("done", "pass") or record.deck_id not in decks:
        raise SaveError(f"{where} does not describe a turn of this round")
    if min(record.points, record.bonus, record.reaction or 0) < 0 or (record.reaction or 0) > 2:
        raise SaveError(f"{where} has impossible points")
    return record


def round_from_table(raw: Any) -> Round:
    read = _Reader(raw, "round")
    settings_read = _Reader(read.get("settings", dict), "round.settings")
    players = settings_read.strings("players")
    if len(players) != 2:
        raise SaveError("round.settings.players must name two players")
    settings = Settings(
        players=(players[0], players[1]), deck_ids=tuple(settings_read.strings("deck_ids")),
        ceiling=settings_read.get("ceiling", int), turns=settings_read.get("turns", int) or None,
        mode=settings_read.get("mode", str), seed=settings_read.get("seed", int),
        left_out_tags=tuple(settings_read.strings("left_out_tags")),
    )
    decks: dict[str, Deck] = {}
    for index, deck_raw in enumerate(read.get("decks", list)):
        deck_read = _Reader(deck_raw, f"round.decks[{index}]")
        cards = tuple(_card_from(card, f"round.decks[{index}].cards[{i}]")
                      for i, card in enumerate(deck_read.get("cards", list)))
        deck = Deck(id=deck_read.get("id", str), name=deck_read.get("name", str), cards=cards,
                    description=deck_read.get("description", str, ""),
                    color=deck_read.get("color", str, "") or None, mature=deck_read.get("mature", bool, False))
        decks[deck.id] = deck
    if set(decks) != set(settings.deck_ids):
        raise SaveError("round.decks don't match the round's settings")
    piles_read = _Reader(read.get("piles", dict), "round.piles")
    piles = {deck_id: piles_read.strings(deck_id) for deck_id in settings.deck_ids}
    for deck_id, pile in piles.items():
        if not set(pile) <= set(decks[deck_id].card_index):
            raise SaveError(f"round.piles.{deck_id} names a card the deck doesn't have")
    cycles = read.get("cycles", dict)
    if not all(isinstance(value, int) for value in cycles.values()):
        raise SaveError("round.cycles must hold whole numbers")
    try:
        phase = Phase(read.get("phase", str))
    except ValueError:
        raise SaveError("round.phase is not a phase of the game") from None
    game = Round(
        settings=settings, decks=decks, piles=piles, cycles=dict(cycles),
        turn=read.get("turn", int), phase=phase, current_favourite=read.get("current_favourite", bool),
        history=[_record_from(r, f"round.history[{i}]", decks) for i, r in enumerate(read.get("history", list))],
        streak=read.get("streak", int), random_draws=read.get("random_draws", int),
        brakes=read.get("brakes", int), closing_card=read.get("closing_card", str, None),
    )
    if (
        not 0 <= game.brakes < 3
        or (game.closing_card is not None and game.closing_card not in CLOSING_DECK.card_index)
        or (game.phase is Phase.CLOSE and game.closing_card is None)
    ):
        raise SaveError("round.brakes or round.closing_card is not possible")
    if "current" in read.table:
        current = _Reader(read.table["current"], "round.current")
        game.current_deck, game.current_card = current.get("deck_id", str), current.get("card_id", str)
        if game.current_deck not in decks or game.current_card not in decks[game.current_deck].card_index:
            raise SaveError("round.current names a card the round doesn't have")
    if "pending" in read.table:
        game.pending = _record_from(read.table["pending"], "round.pending", decks)
    on_table = game.current_card is not None
    if (game.phase is Phase.CARD) != on_table or (game.phase is Phase.REACT) != (game.pending is not None):
        raise SaveError("round.phase doesn't agree with the card on the table")
    if game.turn != 1 + sum(record.outcome == "done" for record in game.history):
        raise SaveError("round.turn doesn't agree with the turns played")
    return game


# --------------------------------------------------------------------------- the folder


INDEX_FILE = "_index.bin"
INDEX_VERSION = 1


def _load_index(saves_dir: Path) -> dict[str, Any]:
    """The listing's cache: file name -> (size, mtime_ns, summary fields or a problem). Any doubt: empty."""
    try:
        version, index = marshal.loads((saves_dir / INDEX_FILE).read_bytes())
        return index if version == INDEX_VERSION and isinstance(index, dict) else {}
    except Exception:  # noqa: BLE001 - a cache in any bad shape is just no cache
        return {}


def _summary_fields(summary: SaveSummary) -> tuple:
    return (summary.id, summary.name, summary.players, summary.started.isoformat(),
            summary.last_played.isoformat(), summary.decks, summary.turns_played, summary.scores,
            summary.finished, summary.history_count)


def _summary_from_fields(fields: tuple) -> SaveSummary:
    save_id, name, players, started, last_played, decks, turns, scores, finished, count = fields
    return SaveSummary(save_id, name, players, datetime.fromisoformat(started), datetime.fromisoformat(last_played),
                       decks, turns, scores, finished, count)


def list_saves(saves_dir: Path) -> list[SaveEntry]:
    """Every round in the folder, newest first; damaged ones carry their reason.

    Summaries of files whose size and modification time haven't changed come
    from an index beside the saves, so opening the list doesn't re-read them all.
    """
    entries: list[SaveEntry] = []
    try:
        paths = sorted(saves_dir.glob("*.toml"))
    except OSError:
        return []
    index = _load_index(saves_dir)
    fresh: dict[str, Any] = {}
    for path in paths:
        if path.name.startswith(("_", ".")):
            continue
        entry = SaveEntry(path)
        try:
            info = path.stat()
            cached = index.get(path.name)
            if cached is not None and cached[0] == info.st_size and cached[1] == info.st_mtime_ns:
                kind, payload = cached[2]
                if kind == "ok":
                    entry.summary = _summary_from_fields(payload)
                else:
                    raise SaveError(payload)
            else:
                entry.summary = read_summary(path)
            fresh[path.name] = (info.st_size, info.st_mtime_ns, ("ok", _summary_fields(entry.summary)))
        except (SaveError, OSError, ValueError, TypeError) as error:
            entry.summary = None
            entry.problem = str(error)
            entry.backup_ok = backup_is_good(path)
            if isinstance(error, SaveError) and path.exists():
                info = path.stat()
                fresh[path.name] = (info.st_size, info.st_mtime_ns, ("problem", entry.problem))
        entries.append(entry)
    if fresh != index:
        try:
            atomic_write(saves_dir / INDEX_FILE, marshal.dumps((INDEX_VERSION, fresh)))
        except OSError:
            pass  # a read-only folder still lists; it just reads every file next time

    def newest(entry: SaveEntry) -> float:
        if entry.summary:
            return entry.summary.last_played.timestamp()
        try:
            return entry.path.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(entries, key=newest, reverse=True)


def backup_is_good(path: Path) -> bool:
    try:
        read_save(backup_path(path))
    except SaveError:
        return False
    return True


def restore_backup(path: Path) -> None:
    """Put the .bak back in place of a damaged save (the damaged file is kept as .damaged)."""
    backup = backup_path(path)
    read_save(backup)  # raises when the backup is no good either
    if path.exists():
        os.replace(path, path.with_name(path.name + ".damaged"))
    atomic_write(path, backup.read_bytes())


def find_save(saves_dir: Path, save_id: str) -> SaveEntry | None:
    for entry in list_saves(saves_dir):
        if entry.id == save_id or entry.path.name == save_id:
            return entry
    return None


def latest_unfinished(saves_dir: Path) -> SaveEntry | None:
    for entry in list_saves(saves_dir):
        if entry.summary and not entry.summary.finished:
            return entry
    return None


def rename_save(path: Path, name: str) -> SaveSummary:
    """Change a save's display name (the file name stays: it is an id, not a label)."""
    saved = read_save(path)
    clean = " ".join(name.split())[:NAME_LIMIT]
    if not clean:
        raise SaveError("a name can't be empty")
    summary = replace(saved.summary, name=clean)
    write_save(path, save_document(saved.game, summary))
    return summary


def delete_save(path: Path) -> None:
    for doomed in (path, backup_path(path)):
        try:
            doomed.unlink()
        except FileNotFoundError:
            pass


# --------------------------------------------------------------------------- lock


class RoundLock:
    """A lock file beside the save, so two windows never write the same round.

    It records the process id and host; a lock left by a process that has gone
    (a crash, a closed terminal) is taken over rather than kept forever.
    """

    STALE_AFTER = 12 * 3600  # seconds, for a lock from another host we can't check

    def __init__(self, save_path: Path) -> None:
        self.path = save_path.with_name(save_path.name + ".lock")
        self.held = False

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                if self._is_stale():
                    try:
                        self.path.unlink()
                    except FileNotFoundError:
                        pass
                    continue
                raise RoundLocked("this round is open in another Spark window") from None
            with os.fdopen(descriptor, "w") as stream:
                stream.write(f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n")
            self.held = True
            return
        raise RoundLocked("this round is open in another Spark window")

    def release(self) -> None:
        if self.held:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            self.held = False

    def _is_stale(self) -> bool:
        try:
            pid_text, host, stamp = self.path.read_text().split()
            pid, started = int(pid_text), int(stamp)
        except (OSError, ValueError):
            return True  # unreadable: nobody can be relying on it
        if host != socket.gethostname():
            return time.time() - started > self.STALE_AFTER
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


# --------------------------------------------------------------------------- off the UI thread


class BackgroundSaver:
    """Writes saves on one worker thread, in order, so the screen never waits on a disk."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spark-save")
        self._last: Future[None] | None = None
        self._lock = threading.Lock()

    def submit(self, write: Callable[..., None], *args: Any, **kwargs: Any) -> Future[None]:
        """Run write(*args, **kwargs) after every write submitted before it."""
        with self._lock:
            self._last = self._executor.submit(write, *args, **kwargs)
            return self._last

    def flush(self) -> None:
        """Wait for every write submitted so far."""
        with self._lock:
            last = self._last
        if last is not None:
            last.exception()

    def close(self) -> None:
        self._executor.shutdown(wait=True)



@dataclass
class RoundFile:
    """Where a round in play is saved, and what its summary keeps from one save to the next."""

    path: Path
    save_id: str
    started: datetime
    name: str = ""
    lock: RoundLock | None = None

    @classmethod
    def create(cls, saves_dir: Path, players: tuple[str, str], now: datetime) -> RoundFile:
        path = new_save_path(saves_dir, players)
        return cls(path, path.stem.rsplit("-", 1)[-1], now)

    @classmethod
    def of(cls, saved: SavedRound) -> RoundFile:
        return cls(saved.path, saved.summary.id, saved.summary.started, saved.summary.name)

    def document(self, game: Round, now: datetime) -> dict[str, Any]:
        return save_document(game, summarise(game, self.save_id, self.started, now, self.name))

    def open(self) -> None:
        self.lock = RoundLock(self.path)
        self.lock.acquire()

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
