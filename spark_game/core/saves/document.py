"""A save file: two header lines, a checksum over the body, and the body.

format = 1
checksum = "sha256:…"      # of the body's bytes: a file cut short never passes
[summary]                  # what a listing needs, parsed on its own
…
[round]                    # the whole Round
…
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from ..files.atomic import atomic_write
from ..play import Phase, Round
from .reader import DECODING_ERRORS, SaveError, TableReader
from .round_codec import round_from_table, round_table

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024
NAME_LIMIT = 80
_HEADER = re.compile(rb'\Aformat = (\d+)\nchecksum = "sha256:([0-9a-f]{64})"\n')
_ROUND_TABLE = re.compile(r"^\[\[?round[.\]]", re.M)
_ID = re.compile(r"[0-9a-f]{8}")


@dataclass(frozen=True)
class SaveSummary:
    """What a listing needs of a save, readable without parsing the whole round."""

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
class SavedRound:
    """A save read back whole: its path, its summary and the round."""

    path: Path
    summary: SaveSummary
    game: Round = field(repr=False)


def save_document(game: Round, summary: SaveSummary) -> dict[str, Any]:
    """Everything a save holds, as plain data (cheap: safe to build on the UI thread)."""
    return {"summary": summary_table(summary), "round": round_table(game)}


def summary_table(summary: SaveSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "name": summary.name,
        "players": list(summary.players),
        "started": summary.started.isoformat(timespec="seconds"),
        "last_played": summary.last_played.isoformat(timespec="seconds"),
        "decks": list(summary.decks),
        "turns_played": summary.turns_played,
        "scores": list(summary.scores),
        "finished": summary.finished,
        "history_count": summary.history_count,
    }


# The summary table's keys in a fixed order: the listing index keeps thousands of summaries as rows of values.
SUMMARY_KEYS = (
    "id",
    "name",
    "players",
    "started",
    "last_played",
    "decks",
    "turns_played",
    "scores",
    "finished",
    "history_count",
)


def summary_row(summary: SaveSummary) -> list[Any]:
    table = summary_table(summary)
    return [table[key] for key in SUMMARY_KEYS]


def summary_from_row(row: Any) -> SaveSummary:
    """A summary from a row of values, checked like a file's summary table."""
    fits = isinstance(row, list) and len(row) == len(SUMMARY_KEYS)
    return summary_from_table(dict(zip(SUMMARY_KEYS, row, strict=True)) if fits else None)


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
    return sealed(tomli_w.dumps(document).encode("utf-8"))


def sealed(body: bytes) -> bytes:
    """A save's bytes: the header with the body's checksum, then the body."""
    digest = hashlib.sha256(body).hexdigest()
    return f'format = {SAVE_FORMAT}\nchecksum = "sha256:{digest}"\n'.encode() + body


def write_save(path: Path, document: dict[str, Any]) -> None:
    """Encode and write atomically, keeping the previous generation as .bak.

    Refuses to replace a file that exists but is not a readable save: that one
    is the user's to inspect, not ours to overwrite.
    """
    write_save_bytes(path, encode_save(document))


def write_save_bytes(path: Path, data: bytes) -> None:
    """Write an encoded save atomically (keeping a .bak); never over a file that isn't a readable save."""
    if path.exists():
        try:
            verified_body(path.read_bytes())
        except SaveError as error:
            raise SaveError(f"{path.name} changed on disk and can't be read ({error}); not overwriting it") from None
    atomic_write(path, data, keep_backup=True)


def verified_body(data: bytes) -> str:
    match = _HEADER.match(data)
    if not match:
        if data.startswith(b"format = ") and not data.startswith(b"format = 1\n"):
            number = data[9:].split(b"\n", 1)[0][:12].decode("ascii", "replace")
            raise SaveError(f"saved by a newer Spark (format {number})")
        raise SaveError("not a Spark save (its header is missing or garbled)")
    if int(match[1]) > SAVE_FORMAT:
        raise SaveError(f"saved by a newer Spark (format {int(match[1])})")
    body = data[match.end() :]
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
    text = verified_body(_read_bytes(path))
    split = _ROUND_TABLE.search(text)
    return _summary_from(_parse(text[: split.start()] if split else text))


def read_save(path: Path) -> SavedRound:
    """The whole round saved at path, checked; SaveError with the reason when it can't be used."""
    text = verified_body(_read_bytes(path))
    document = _parse(text)
    summary = _summary_from(document)
    try:
        game = round_from_table(document.get("round"))
    except DECODING_ERRORS as error:
        raise SaveError(f"round: a value doesn't fit ({type(error).__name__})") from None
    if len(game.history) != summary.history_count:
        raise SaveError(f"the round holds {len(game.history)} cards but its summary says {summary.history_count}")
    return SavedRound(path, summary, game)


def _summary_from(document: dict[str, Any]) -> SaveSummary:
    return summary_from_table(document.get("summary"))


def summary_from_table(table: Any) -> SaveSummary:
    """A listing's summary of a save, checked field by field (from the file, or from the index)."""
    try:
        return _checked_summary(TableReader(table, "summary"))
    except DECODING_ERRORS as error:
        raise SaveError(f"summary: a value doesn't fit ({type(error).__name__})") from None


def _checked_summary(read: TableReader) -> SaveSummary:
    players = read.strings("players")
    if len(players) != 2:
        raise SaveError("summary.players must name two players")
    save_id = read.get("id", str)
    if not _ID.fullmatch(save_id):
        raise SaveError("summary.id is not a save id")
    return SaveSummary(
        id=save_id,
        name=read.get("name", str)[:NAME_LIMIT],
        players=(players[0], players[1]),
        started=read.when("started"),
        last_played=read.when("last_played"),
        decks=tuple(read.strings("decks")),
        turns_played=read.number("turns_played"),
        scores=read.pair("scores"),
        finished=read.flag("finished"),
        history_count=read.number("history_count"),
    )
