"""The round's journal: every card played, with its outcome, the reaction and the pair's note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...core.play import REACTIONS, Round, TurnRecord
from ..safe import template

REACTION_MARKS = {0: "neutral", 1: "warm", 2: "♥ loved it"}


def journal_line(game: Round, index: int, record: TurnRecord) -> str:
    """The small line under a card: who, which deck, what happened."""
    who = game.settings.players[record.player]
    outcome = f"done · {REACTION_MARKS.get(record.reaction or 0, REACTIONS.get(record.reaction or 0, ''))}"
    if record.outcome != "done":
        outcome = "passed"
    star = " · ★" if record.favourite else ""
    return f"{index}. {who} · {game.decks[record.deck_id].name} · {outcome}{star}"


class Journal(Vertical):
    """Every card of a round, in the order it was played; notes under their card."""

    DEFAULT_CSS = "Journal { height: auto; } Journal .journal-entry { margin-bottom: 1; }"

    def __init__(self, game: Round, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.game = game

    def compose(self) -> ComposeResult:
        game = self.game
        if not game.history:
            yield Static("No card played yet.", classes="summary-none")
        for index, record in enumerate(game.history, start=1):
            note = f"\n✎ {record.note}" if record.note else ""
            yield Static(
                template(
                    "[dim]$line[/dim]\n$text$note",
                    line=journal_line(game, index, record),
                    text=game.personalise(record.card.text, record.player),
                    note=note,
                ),
                classes="journal-entry",
            )
