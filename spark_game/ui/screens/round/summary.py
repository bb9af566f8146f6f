"""The end of a round: points, the cards per deck, what was loved, and "play again"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from ....core.files.text import plural
from ....core.play import COOPERATIVE, Round
from ...css import css
from ...safe import plain_cell, template
from ...widgets.journal import Journal
from ...widgets.key_footer import KeyFooter
from ...widgets.title_bar import TitleBar

SCORING_RULE = (
    "Whoever does the card earns its points and the other one says how it landed; a card for both scores for both."
)

if TYPE_CHECKING:
    from ...app import SparkApp


class SummaryScreen(Screen):
    """The end of a round: points, cards per deck, what was loved, the journal, play again."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("summary")
    PLAY_REPLACES = True  # a round started from here takes this screen's place (the app asks, unimported)
    BINDINGS = [
        Binding("a", "again", "Play again", id="summary.again"),
        Binding("h", "home", "Home", id="summary.home"),
        Binding("escape", "back", "Back", id="summary.back"),
    ]

    def __init__(self, game: Round) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        game = self.game
        first, second = game.settings.players
        score_one, score_two = game.scores()
        done = [record for record in game.history if record.outcome == "done"]
        yield TitleBar()
        with VerticalScroll(id="summary-body"):
            yield Static("What a round.", id="summary-title")
            yield Static(
                template(
                    "[b]$a[/b] $sa points  ·  [b]$b[/b] $sb points",
                    a=first,
                    sa=str(score_one),
                    b=second,
                    sb=str(score_two),
                ),
                id="summary-scores",
            )
            if game.settings.mode == COOPERATIVE:
                target = game.team_target()
                full = game.team_score() >= target
                verdict = "The spark meter is full!" if full else "Every card counts."
                shown = min(game.team_score(), target)  # a full meter reads full, never "25 of 18"
                yield Static(f"Together: {shown} of {target}. {verdict}", id="summary-team")
            else:
                leader = game.leader()
                yield Static(
                    "A draw: perfectly matched."
                    if leader is None
                    else template(
                        "[b]$name[/b] takes this one. Rematch next week?", name=game.settings.players[leader]
                    ),
                    id="summary-team",
                )
            yield Static(
                f"{plural(len(done), 'card')} done, {len(game.history) - len(done)} passed.", id="summary-counts"
            )
            yield Static(SCORING_RULE, id="summary-rule", classes="summary-none")
            yield Static("Cards per deck", classes="summary-heading")
            yield DataTable(id="summary-decks", cursor_type="none", zebra_stripes=True)
            highlights = [record for record in game.history if record.reaction == 2 or record.favourite]
            yield Static("Loved and favourite cards", classes="summary-heading")
            if highlights:
                for record in highlights:
                    marks = ("♥ loved " if record.reaction == 2 else "") + ("★ favourite" if record.favourite else "")
                    yield Static(
                        template(
                            "$text$note\n[dim]$deck · $marks[/dim]",
                            text=game.personalise(record.card.text, record.player),
                            note=f"\n✎ {record.note}" if record.note else "",
                            deck=game.decks[record.deck_id].name,
                            marks=marks.strip(),
                        ),
                        classes="summary-highlight",
                    )
            else:
                yield Static("None marked this time. Press f on a card you want to keep.", classes="summary-none")
            yield Static("The round's journal", classes="summary-heading")
            yield Journal(game, id="summary-journal")
            with Horizontal(id="summary-buttons"):
                yield Button("Play again", id="summary-again", variant="primary")
                yield Button("Home", id="summary-home")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#summary-decks", DataTable)
        table.add_columns("Deck", "Done", "Passed")
        for deck_id in self.game.settings.deck_ids:
            records = [record for record in self.game.history if record.deck_id == deck_id]
            done = sum(record.outcome == "done" for record in records)
            table.add_row(plain_cell(self.game.decks[deck_id].name), done, len(records) - done)
        body = self.query_one("#summary-body")
        body.focus()  # the top first (scores), and the arrows and Page keys scroll; a and h act at once
        body.scroll_home(animate=False)

    @on(Button.Pressed, "#summary-again")
    def action_again(self) -> None:
        self.app.play_again(self.game.settings, {deck_id: deck.name for deck_id, deck in self.game.decks.items()})

    def action_back(self) -> None:
        """Back to where the summary was opened from: Saved games, or Home after a round."""
        self.app.pop_screen()

    @on(Button.Pressed, "#summary-home")
    def action_home(self) -> None:
        self.app.go_home()
