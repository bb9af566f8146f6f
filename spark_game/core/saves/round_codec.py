"""A Round as a TOML table and back, checked field by field on the way in."""

from __future__ import annotations

from typing import Any

from ..card_codec import CardTableError, card_from_table, card_to_table
from ..deck import Card, Deck
from ..engine import FALLBACK_CLOSING, Phase, Round, RuleError, Settings, TurnRecord, validate_settings
from .reader import SaveError, TableReader


def _card(raw: Any, where: str) -> Card:
    try:
        return card_from_table(raw, where)
    except CardTableError as error:
        raise SaveError(str(error)) from None


def _record_table(record: TurnRecord) -> dict[str, Any]:
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
    return table


def _deck_table(deck: Deck) -> dict[str, Any]:
    return {
        "id": deck.id,
        "name": deck.name,
        "description": deck.description,
        "color": deck.color or "",
        "mature": deck.mature,
        "cards": [card_to_table(card) for card in deck.cards],
    }


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
            "players": list(settings.players),
            "deck_ids": list(settings.deck_ids),
            "ceiling": settings.ceiling,
            "turns": settings.turns or 0,
            "mode": settings.mode,
            "seed": settings.seed,
            "left_out_tags": list(settings.left_out_tags),
        },
        "piles": {deck_id: list(pile) for deck_id, pile in game.piles.items()},
        "cycles": dict(game.cycles),
        "decks": [_deck_table(deck) for deck in game.decks.values()],
        "closing": _deck_table(game.closing),
        "closing_pile": list(game.closing_pile),
        "history": [_record_table(record) for record in game.history],
    }
    if game.current_deck is not None and game.current_card is not None:
        table["current"] = {"deck_id": game.current_deck, "card_id": game.current_card}
    if game.pending is not None:
        table["pending"] = _record_table(game.pending)
    if game.closing_card is not None:
        table["closing_card"] = game.closing_card
    return table


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
        turn=read.get("turn", int),
        phase=phase,
        current_favourite=read.get("current_favourite", bool),
        history=[_record_from(r, f"round.history[{i}]", decks) for i, r in enumerate(read.get("history", list))],
        streak=read.get("streak", int),
        random_draws=read.get("random_draws", int),
        brakes=read.get("brakes", int),
        closing=closing,
        closing_pile=_pile_from(read, "closing_pile", closing, default=[]),
        closing_card=read.get("closing_card", str, None),
    )
    _place_cards_on_table(game, read)
    _check_consistency(game)
    return game


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
        left_out_tags=tuple(read.strings("left_out_tags")),
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


def _piles_from(read: TableReader, decks: dict[str, Deck]) -> dict[str, list[str]]:
    return {deck_id: _pile_from(read, deck_id, deck) for deck_id, deck in decks.items()}


def _cycles_from(read: TableReader) -> dict[str, int]:
    cycles = read.get("cycles", dict)
    if not all(isinstance(value, int) and not isinstance(value, bool) and value >= 0 for value in cycles.values()):
        raise SaveError("round.cycles must hold whole numbers")
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
