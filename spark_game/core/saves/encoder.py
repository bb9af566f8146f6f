"""Saving a round in play at the cost of what changed, off the UI thread.

The screen hands over a snapshot of the round (copies of its lists, no
encoding), and the saver thread writes it. The decks, the turns already
played and the steps undo can take back don't change, so their TOML is kept
from one save to the next and only the small rest of the round is encoded
again. The result parses to exactly the
document `save_document` gives (a test checks), so reading is unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

import tomli_w

from ..decks.model import Deck
from ..play import Round, TurnRecord, UndoStep
from .document import SAVE_FORMAT, SaveSummary, summary_table
from .round_codec import deck_table, record_table, round_table, undo_table


def snapshot(game: Round) -> Round:
    """A copy of the round that later moves can't change: new lists and dicts, the same immutable cards."""
    return replace(
        game,
        decks=dict(game.decks),
        piles={deck_id: list(pile) for deck_id, pile in game.piles.items()},
        cycles=dict(game.cycles),
        history=list(game.history),
        closing_pile=list(game.closing_pile),
        first={deck_id: list(ids) for deck_id, ids in game.first.items()},
        undo_steps=list(game.undo_steps),
    )


@dataclass
class SaveEncoder:
    """One round's save, encoded again only where it changed (decks, played turns and undo steps are kept as TOML)."""

    decks: dict[int, tuple[Deck, str]] = field(default_factory=dict)
    records: dict[int, tuple[TurnRecord, str]] = field(default_factory=dict)
    undo_steps: dict[int, tuple[UndoStep, str]] = field(default_factory=dict)

    def encode(self, game: Round, summary: SaveSummary) -> bytes:
        table = round_table(game, whole=False)
        parts = [tomli_w.dumps({"summary": summary_table(summary), "round": table})]
        parts += [self._deck(deck) for deck in game.decks.values()]
        parts.append(self._deck(game.closing, key="closing"))
        parts += [self._record(record) for record in game.history]
        parts += self._undo_steps(game.undo_steps)
        body = "".join(parts).encode("utf-8")
        digest = hashlib.sha256(body).hexdigest()
        return f'format = {SAVE_FORMAT}\nchecksum = "sha256:{digest}"\n'.encode() + body

    def _deck(self, deck: Deck, key: str = "decks") -> str:
        cached = self.decks.get(id(deck))
        if cached is None or cached[0] is not deck:
            entry: Any = deck_table(deck) if key == "closing" else [deck_table(deck)]
            cached = (deck, tomli_w.dumps({"round": {key: entry}}))
            self.decks[id(deck)] = cached
        return cached[1]

    def _record(self, record: TurnRecord) -> str:
        cached = self.records.get(id(record))
        if cached is None or cached[0] is not record:
            cached = (record, tomli_w.dumps({"round": {"history": [record_table(record)]}}))
            self.records[id(record)] = cached
        return cached[1]

    def _undo_steps(self, steps: list[UndoStep]) -> list[str]:
        """The TOML of the steps undo can take back now; only those are kept (a round keeps its last few)."""
        kept = {}
        for step in steps:
            cached = self.undo_steps.get(id(step))
            if cached is None or cached[0] is not step:
                cached = (step, tomli_w.dumps({"round": {"undo": [undo_table(step)]}}))
            kept[id(step)] = cached
        self.undo_steps = kept
        return [text for _, text in kept.values()]
