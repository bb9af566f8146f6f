"""The first screen: start a round, read the help, and see the decks Spark found."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.deck_table import DeckProblems, DeckTable

MENU = {
    "new-round": ("New round", "app.new_round"),
    "help": ("Help & support", "app.help"),
    "quit": ("Quit", "app.quit"),
}


class HomeScreen(Screen):
    BINDINGS = [
        Binding("n", "app.new_round", "New round", id="home.new_round"),
        Binding("question_mark", "app.help", "Help", id="home.help"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        library = self.app.library
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static("Spark", id="home-title")
            yield Static(
                "A card game for the two of you: talk, play, try something new, come close.",
                id="home-tagline",
            )
            yield OptionList(*(Option(label, id=key) for key, (label, _) in MENU.items()), id="home-menu")
            yield Static(
                f"{len(library.decks)} decks, "
                f"{sum(len(loaded.deck.cards) for loaded in library.decks)} cards",
                id="home-deck-count",
            )
            yield DeckTable(library, id="home-decks")
            yield DeckProblems(library, id="home-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home-menu", OptionList).focus()

    @on(OptionList.OptionSelected, "#home-menu")
    async def _menu_chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        await self.run_action(MENU[event.option.id][1])
