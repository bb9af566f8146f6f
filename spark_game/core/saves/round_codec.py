"""A Round as a TOML table and back, checked field by field on the way in."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..decks.codec import CardTableError, card_from_table, card_to_table
from ..decks.model import Card, Deck
from ..files.text import clean_text
from ..play import (
    COUNTER_WRAP,
    FALLBACK_CLOSING,
    MAX_TURNS,
    NOTE_LIMIT,
    Action,
    Phase,
    Round,
    RuleError,
    Settings,
    TurnRecord,
    UndoStep,
    validate_settings,
)
from .reader import SaveError, TableReader

EMPTY = Deck(id="none", name="none", cards=())


def _card(raw: Any, where: str) -> Card:
    try:
        return card_from_table(raw, where)
    except CardTableError as error:
        raise SaveError(str(error)) from None


def record_table(record: TurnRecord) -> dict[str, Any]:
    table: dict[str, Any] = {
        "number": record.number,
        "player": record.player,
        "deck_id": record.deck_id,
        "outcome": record.outcome,
        "points": record.points,
        "bonus": record.bonus,
        "favourite": record.favourite,
        "card": card_to_table(record.card),
    }
    if record.reaction is not None:
        table["reaction"] = record.reaction
    if record.note:
        table["note"] = record.note
    return table


def deck_table(deck: Deck) -> dict[str, Any]:
    return {
        "id": deck.id,
        "name": deck.name,
        "description": deck.description,
        "color": deck.color or "",
        "mature": deck.mature,
        "cards": [card_to_table(card) for card in deck.cards],
    }


def _add_on_table(
    table: dict[str, Any], deck_id: str | None, card_id: str | None, pending: TurnRecord | None, closing: str | None
) -> None:
    """What is on the table (a card, a done card waiting for its reaction, the closing card), when anything is."""
    if deck_id is not None and card_id is not None:
        table["current"] = {"deck_id": deck_id, "card_id": card_id}
    if pending is not None:
        table["pending"] = record_table(pending)
    if closing is not None:
        table["closing_card"] = closing


def undo_table(step: UndoStep) -> dict[str, Any]:
    table: dict[str, Any] = {
        "action": step.action.value,
        "turn": step.turn,
        "phase": step.phase.value,
        "streak": step.streak,
        "random_draws": step.random_draws,
        "current_favourite": step.current_favourite,
        "current_note": step.current_note,
        "history_length": step.history_length,
        "closing_pile": list(step.closing_pile),
        "cycles": dict(step.cycles),
        "piles": {deck_id: list(pile) for deck_id, pile in step.piles},
        "first": {deck_id: list(ids) for deck_id, ids in step.first},
    }
    _add_on_table(table, step.current_deck, step.current_card, step.pending, step.closing_card)
    if step.retired is not None:
        deck_id, index, card = step.retired
        table["retired"] = {"deck_id": deck_id, "index": index, "card": card_to_table(card)}
    return table


def round_table(game: Round, *, whole: bool = True) -> dict[str, Any]:
    """The round as a TOML table. With whole=False, without what the save encoder appends as TOML it keeps:
    the decks, and the turns played and the undo steps when there are any."""
    settings = game.settings
    table: dict[str, Any] = {
        "turn": game.turn,
        "phase": game.phase.value,
        "streak": game.streak,
        "random_draws": game.random_draws,
        "current_favourite": game.current_favourite,
        "current_note": game.current_note,
        "brakes": game.brakes,
        "settings": {
            "players": list(settings.players),
            "deck_ids": list(settings.deck_ids),
            "ceiling": settings.ceiling,
            "turns": settings.turns or 0,
            "mode": settings.mode,
            "seed": settings.seed,  # never the limits: the saved decks already lack what they leave out
        },
        "piles": {deck_id: list(pile) for deck_id, pile in game.piles.items()},
        "cycles": dict(game.cycles),
        "closing_pile": list(game.closing_pile),
        "first": {deck_id: list(ids) for deck_id, ids in game.first.items()},
    }
    if whole:
        table["decks"] = [deck_table(deck) for deck in game.decks.values()]
        table["closing"] = deck_table(game.closing)
    if whole or not game.undo_steps:
        table["undo"] = [undo_table(step) for step in game.undo_steps]
    if whole or not game.history:
        table["history"] = [record_table(record) for record in game.history]
    _add_on_table(table, game.current_deck, game.current_card, game.pending, game.closing_card)
    return table


def _note(read: TableReader) -> str:
    note = read.get("note", str, "")
    if len(note) > NOTE_LIMIT:
        raise SaveError(f"{read.where}.note is longer than {NOTE_LIMIT} characters")
    return clean_text(note, single_line=True)


def _record_from(raw: Any, where: str, decks: dict[str, Deck]) -> TurnRecord:
    read = TableReader(raw, where)
    record = TurnRecord(
        number=read.get("number", int),
        player=read.get("player", int),
        deck_id=read.get("deck_id", str),
        card=_card(read.get("card", dict), f"{where}.card"),
        outcome=read.get("outcome", str),
        points=read.get("points", int),
        reaction=read.get("reaction", int, None),
        bonus=read.get("bonus", int),
        favourite=read.get("favourite", bool),
        note=_note(read),
    )
    if record.player not in (0, 1) or record.outcome not in ("done", "pass") or record.deck_id not in decks:
        raise SaveError(f"{where} does not describe a turn of this round")
    if min(record.points, record.bonus, record.reaction or 0) < 0 or (record.reaction or 0) > 2:
        raise SaveError(f"{where} has impossible points")
    return record


def round_from_table(raw: Any) -> Round:
    """The Round a save's table describes; SaveError naming the field when any part doesn't fit."""
    read = TableReader(raw, "round")
    settings = _settings_from(TableReader(read.get("settings", dict), "round.settings"))
    decks = _decks_from(read, settings)
    closing = _deck_from(read.table["closing"], "round.closing") if "closing" in read.table else FALLBACK_CLOSING
    try:
        phase = Phase(read.get("phase", str))
    except ValueError:
        raise SaveError("round.phase is not a phase of the game") from None
    game = Round(
        settings=settings,
        decks=decks,
        piles=_piles_from(TableReader(read.get("piles", dict), "round.piles"), decks),
        cycles=_cycles_from(read),
        turn=read.number("turn", 1, MAX_TURNS + 1),
        phase=phase,
        current_favourite=read.get("current_favourite", bool),
        current_note=read.get("current_note", str, "")[:NOTE_LIMIT],
        history=[_record_from(r, f"round.history[{i}]", decks) for i, r in enumerate(read.get("history", list))],
        streak=read.number("streak", 0, MAX_TURNS),
        random_draws=read.number("random_draws", 0, COUNTER_WRAP - 1),
        brakes=read.number("brakes", 0, 2),
        closing=closing,
        closing_pile=_pile_from(read, "closing_pile", closing, default=[]),
        closing_card=read.get("closing_card", str, None),
        first=_first_from(read.subtable("first", {}), decks),
    )
    _place_cards_on_table(game, read)
    _check_consistency(game)
    game.undo_steps = [_undo_from(step, game) for step in read.tables("undo", [])]
    return game


def _first_from(read: TableReader, decks: dict[str, Deck]) -> dict[str, list[str]]:
    first = {}
    for deck_id in read.names():
        if deck_id not in decks:
            raise SaveError(f"round.first.{deck_id} is not a deck of this round")
        first[deck_id] = _pile_from(read, deck_id, decks[deck_id])
    return first


def _undo_from(read: TableReader, game: Round) -> UndoStep:
    """One step undo can take back, checked against the round like the round itself."""
    try:
        action, phase = Action(read.get("action", str)), Phase(read.get("phase", str))
    except ValueError:
        raise SaveError(f"{read.where} is not a step of the game") from None
    retired = _retired_from(read.subtable("retired"), game) if "retired" in read.table else None
    decks = dict(game.decks)
    if retired is not None:  # before the step, the deck still held its retired card
        deck = decks[retired[0]]
        decks[retired[0]] = replace(deck, cards=(*deck.cards, retired[2]))
    current = read.subtable("current") if "current" in read.table else None
    step = UndoStep(
        action=action,
        turn=read.number("turn", 1, MAX_TURNS + 1),
        phase=phase,
        streak=read.number("streak", 0, MAX_TURNS),
        random_draws=read.number("random_draws", 0, COUNTER_WRAP - 1),
        current_deck=current.get("deck_id", str) if current else None,
        current_card=current.get("card_id", str) if current else None,
        current_favourite=read.flag("current_favourite"),
        current_note=read.get("current_note", str, "")[:NOTE_LIMIT],
        pending=_record_from(read.table["pending"], f"{read.where}.pending", decks)
        if "pending" in read.table
        else None,
        history_length=read.number("history_length", 0, len(game.history)),
        closing_card=read.get("closing_card", str, None),
        closing_pile=tuple(_pile_from(read, "closing_pile", game.closing)),
        cycles=tuple(sorted(_cycles_from(read).items())),
        piles=_frozen(_piles_from(read.subtable("piles"), decks, partial=True)),
        first=_frozen(_first_from(read.subtable("first", {}), decks)),
        retired=retired,
    )
    if step.current_deck is not None and step.current_card not in decks.get(step.current_deck, EMPTY).card_index:
        raise SaveError(f"{read.where}.current names a card the round doesn't have")
    return step


def _frozen(piles: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((deck_id, tuple(ids)) for deck_id, ids in piles.items())


def _retired_from(read: TableReader, game: Round) -> tuple[str, int, Card]:
    deck_id = read.get("deck_id", str)
    if deck_id not in game.decks:
        raise SaveError(f"{read.where}.deck_id is not a deck of this round")
    index = read.number("index", 0, len(game.decks[deck_id].cards))
    return deck_id, index, _card(read.get("card", dict), f"{read.where}.card")


def _settings_from(read: TableReader) -> Settings:
    players = read.strings("players")
    if len(players) != 2:
        raise SaveError("round.settings.players must name two players")
    settings = Settings(
        players=(players[0], players[1]),
        deck_ids=tuple(read.strings("deck_ids")),
        ceiling=read.get("ceiling", int),
        turns=read.get("turns", int) or None,
        mode=read.get("mode", str),
        seed=read.get("seed", int),
    )
    try:
        validate_settings(settings)
    except RuleError as error:
        raise SaveError(f"round.settings: {error}") from None
    return settings


def _deck_from(raw: Any, where: str) -> Deck:
    read = TableReader(raw, where)
    cards = tuple(_card(card, f"{where}.cards[{i}]") for i, card in enumerate(read.get("cards", list)))
    if not cards:
        raise SaveError(f"{where} has no cards")
    return Deck(
        id=read.get("id", str),
        name=read.get("name", str),
        cards=cards,
        description=read.get("description", str, ""),
        color=read.get("color", str, "") or None,
        mature=read.get("mature", bool, False),
    )


def _decks_from(read: TableReader, settings: Settings) -> dict[str, Deck]:
    decks: dict[str, Deck] = {}
    for index, raw in enumerate(read.get("decks", list)):
        deck = _deck_from(raw, f"round.decks[{index}]")
        decks[deck.id] = deck
    if set(decks) != set(settings.deck_ids):
        raise SaveError("round.decks don't match the round's settings")
    return decks


def _pile_from(read: TableReader, key: str, deck: Deck, default: list[str] | None = None) -> list[str]:
    if default is not None and key not in read.table:
        return default
    pile = read.strings(key)
    if not set(pile) <= set(deck.card_index):
        raise SaveError(f"{read.where}.{key} names a card the deck doesn't have")
    return pile


def _piles_from(read: TableReader, decks: dict[str, Deck], *, partial: bool = False) -> dict[str, list[str]]:
    """Every deck's pile; with partial, only the piles the table holds (an undo step keeps the ones it touched)."""
    if partial:
        unknown = [deck_id for deck_id in read.names() if deck_id not in decks]
        if unknown:
            raise SaveError(f"{read.where}.{unknown[0]} is not a deck of this round")
        return {deck_id: _pile_from(read, deck_id, decks[deck_id]) for deck_id in read.names()}
    return {deck_id: _pile_from(read, deck_id, deck) for deck_id, deck in decks.items()}


def _cycles_from(read: TableReader) -> dict[str, int]:
    cycles = read.get("cycles", dict)
    if not all(type(value) is int and 0 <= value < COUNTER_WRAP for value in cycles.values()):
        raise SaveError(f"round.cycles must hold whole numbers from 0 to {COUNTER_WRAP - 1}")
    return dict(cycles)


def _place_cards_on_table(game: Round, read: TableReader) -> None:
    if "current" in read.table:
        current = TableReader(read.table["current"], "round.current")
        game.current_deck, game.current_card = current.get("deck_id", str), current.get("card_id", str)
        if game.current_deck not in game.decks or game.current_card not in game.decks[game.current_deck].card_index:
            raise SaveError("round.current names a card the round doesn't have")
    if "pending" in read.table:
        game.pending = _record_from(read.table["pending"], "round.pending", game.decks)


def _check_consistency(game: Round) -> None:
    """The parts of a round must agree with each other, or the engine could be handed an impossible state."""
    if not 0 <= game.brakes < game.settings.ceiling:
        raise SaveError("round.brakes is more than the round's intensity allows")
    if game.closing_card is not None and game.closing_card not in game.closing.card_index:
        if "fallback-thanks" in game.closing.card_index:  # a save from before the closing deck: end it kindly
            game.closing_card = "fallback-thanks"
        else:
            raise SaveError("round.closing_card is not a card of the closing deck")
    if (game.phase is Phase.CLOSE) != (game.closing_card is not None) and game.phase is not Phase.OVER:
        raise SaveError("round.phase doesn't agree with the closing card")
    on_table = game.current_card is not None
    if (game.phase is Phase.CARD) != on_table or (game.phase is Phase.REACT) != (game.pending is not None):
        raise SaveError("round.phase doesn't agree with the card on the table")
    if game.turn < 1 or game.turn != 1 + sum(record.outcome == "done" for record in game.history):
        raise SaveError("round.turn doesn't agree with the turns played")
    if game.streak > game.turn - 1 + (game.pending is not None):
        raise SaveError("round.streak is longer than the turns played")
