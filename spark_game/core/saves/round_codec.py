"""A Round as a TOML table and back, checked field by field on the way in."""

from __future__ import annotations

from typing import Any

from ..card_codec import CardTableError, card_from_table, card_to_table
from ..closing import CLOSING_DECK
from ..deck import Card, Deck
from ..engine import Phase, Round, Settings, TurnRecord
from .reader import SaveError, TableReader


def _card(raw: Any, where: str) -> Card:
    try:
        return card_from_table(raw, where)
    except CardTableError as error:
        raise SaveError(str(error)) from None


def _record_table(record: TurnRecord) -> dict[str, Any]:
    table: dict[str, Any] = {
        "number": record.number, "player": record.player, "deck_id": record.deck_id,
        "outcome": record.outcome, "points": record.points, "bonus": record.bonus,
        "favourite": record.favourite, "card": card_to_table(record.card),
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
             "cards": [card_to_table(card) for card in deck.cards]}
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


def _record_from(raw: Any, where: str, decks: dict[str, Deck]) -> TurnRecord:
    read = TableReader(raw, where)
    record = TurnRecord(
        number=read.get("number", int), player=read.get("player", int), deck_id=read.get("deck_id", str),
        card=_card(read.get("card", dict), f"{where}.card"), outcome=read.get("outcome", str),
        points=read.get("points", int), reaction=read.get("reaction", int, None),
        bonus=read.get("bonus", int), favourite=read.get("favourite", bool),
    )
    if record.player not in (0, 1) or record.outcome not in ("done", "pass") or record.deck_id not in decks:
        raise SaveError(f"{where} does not describe a turn of this round")
    if min(record.points, record.bonus, record.reaction or 0) < 0 or (record.reaction or 0) > 2:
        raise SaveError(f"{where} has impossible points")
    return record


def round_from_table(raw: Any) -> Round:
    read = TableReader(raw, "round")
    settings_read = TableReader(read.get("settings", dict), "round.settings")
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
        deck_read = TableReader(deck_raw, f"round.decks[{index}]")
        cards = tuple(_card(card, f"round.decks[{index}].cards[{i}]")
                      for i, card in enumerate(deck_read.get("cards", list)))
        deck = Deck(id=deck_read.get("id", str), name=deck_read.get("name", str), cards=cards,
                    description=deck_read.get("description", str, ""),
                    color=deck_read.get("color", str, "") or None, mature=deck_read.get("mature", bool, False))
        decks[deck.id] = deck
    if set(decks) != set(settings.deck_ids):
        raise SaveError("round.decks don't match the round's settings")
    piles_read = TableReader(read.get("piles", dict), "round.piles")
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
        current = TableReader(read.table["current"], "round.current")
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
