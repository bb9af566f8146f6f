"""The first screen: what Spark is, and the decks it found."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..widgets.deck_table import DeckProblems, DeckTable


class HomeScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", "Quit", id="home.quit")]

    def compose(self) -> ComposeResult:
        library = self.app.library
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static("Spark", id="home-title")
            yield Static(
                "A card game for the two of you: talk, play, try something new, come close.",
                id="home-tagline",
            )
            yield Static(
                f"{len(library.decks)} decks, "
                f"{sum(len(loaded.deck.cards) for loaded in library.decks)} cards",
                id="home-deck-count",
            )
            yield DeckTable(library, id="home-decks")
            yield DeckProblems(library, id="home-problems")
        yield Footer()
