"""A saved round's journal, opened from Saved games: every card, its outcome, reaction and note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ....core.play import Round
from ...css import css
from ...safe import template
from ...widgets.journal import Journal
from ...widgets.key_footer import KeyFooter
from ...widgets.title_bar import TitleBar


class JournalScreen(Screen[None]):
    """Read-only: the round as it was played, scrollable by keyboard."""

    CSS_PATH = css("summary")
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="journal.back")]

    def __init__(self, game: Round, name: str) -> None:
        super().__init__()
        self.game, self.round_name = game, name

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="summary-body"):
            yield Static(template("The journal of [b]$name[/b]", name=self.round_name), id="summary-title")
            yield Journal(self.game)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()
