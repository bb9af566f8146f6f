"""The first screen: greet the pair, continue or start a round, and see the decks Spark found.

The decks are read after Home's first frame: the overview below the menu (the count, the table
and the files that could not be loaded) is mounted when the app says they are in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ...core.ritual import ritual_message, weekly_streak
from ...core.saves import SaveEntry, latest_unfinished
from ...core.when import describe_when
from ..css import css
from ..safe import plain, template
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from ..app import SparkApp

MENU = {
    "continue": "continue_round",
    "new-round": "app.new_round",
    "saves": "app.saved_games",
    "story": "app.our_story",
    "decks": "app.decks",
    "settings": "app.settings",
    "help": "app.help",
    "quit": "app.quit",
}


def continue_label(entry: SaveEntry) -> str:
    summary = entry.summary
    assert summary is not None
    return f"Continue: {summary.name}, turn {summary.turns_played + 1}"


class HomeScreen(Screen):
    """The first screen: a greeting, the streak and the ritual, what's coming up, and the menu."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("home")
    AUTO_FOCUS = "#home-menu"
    unfinished: SaveEntry | None = None
    BINDINGS = [
        Binding("c", "continue_round", "Continue", id="home.continue"),
        Binding("n", "app.new_round", "New round", id="home.new_round"),
        Binding("d", "app.decks", "Decks", id="home.decks"),
        Binding("s,comma", "app.settings", "Settings", id="home.settings"),
        Binding("question_mark", "app.help", "Help", id="home.help"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static("Spark", id="home-title")
            yield Static(id="home-greeting")
            yield Static(id="home-ritual")
            yield Static(id="home-plan")
            yield OptionList(id="home-menu")
            yield Vertical(id="home-deck-overview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_overview()
        if self.app.library_loaded:
            self.show_decks()

    def show_decks(self) -> None:
        """The deck count, the deck table and the broken files' problems, once the decks are in."""
        from ..widgets.deck_table import DeckProblems, DeckTable

        overview = self.query_one("#home-deck-overview", Vertical)
        if overview.children:
            return
        library = self.app.library
        overview.mount_all(
            [
                Static(
                    f"{len(library.decks)} decks, {sum(len(loaded.deck.cards) for loaded in library.decks)} cards",
                    id="home-deck-count",
                ),
                DeckTable(library, name_opt_in=self.app.history.opted_in_once, id="home-decks"),
                DeckProblems(library, id="home-problems"),
            ]
        )

    def on_screen_resume(self) -> None:
        if self.is_mounted:  # the first resume can come before compose
            self.refresh_overview()
            self.query_one("#home-menu").focus()  # back from another screen, the menu has the keys again

    def refresh_overview(self) -> None:
        """Greeting, streak, ritual day and menu, from the pair's history and saves as they are now."""
        history = self.app.history
        today = self.app.clock().date()
        first, second = history.names
        greeting = self.query_one("#home-greeting", Static)
        if first and second:
            greeting.update(template("Welcome back, [b]$a[/b] and [b]$b[/b].", a=first, b=second))
        else:
            greeting.update("A card game for the two of you: talk, play, try something new, come close.")
        streak = weekly_streak(history.played_days(), today)
        streak_text = (
            f"{streak} week{'s' if streak != 1 else ''} in a row" if streak else "a new streak starts with any round"
        )
        self.query_one("#home-ritual", Static).update(
            plain(f"{ritual_message(history.ritual_day, today)}  Weekly streak: {streak_text}.")
        )
        plan = history.next_plan()
        coming = self.query_one("#home-plan", Static)
        coming.display = plan is not None
        if plan is not None:
            coming.update(plain(f"Coming up: {plan.text}, {describe_when(plan.when, today)}"))
        self.unfinished = latest_unfinished(self.app.home.saves_dir)
        menu = self.query_one("#home-menu", OptionList)
        menu.clear_options()
        if self.unfinished is not None:
            menu.add_option(Option(plain(continue_label(self.unfinished)), id="continue"))
        menu.add_options(
            [
                Option("New round", id="new-round"),
                Option("Saved games", id="saves"),
                Option("Our story", id="story"),
                Option("Decks", id="decks"),
                Option("Settings", id="settings"),
                Option("Help & support", id="help"),
                Option("Quit", id="quit"),
            ]
        )
        menu.highlighted = 0
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue_round":
            return self.unfinished is not None
        return True

    def action_continue_round(self) -> None:
        if self.unfinished is not None:
            self.app.resume_round(self.unfinished.path)

    @on(OptionList.OptionSelected, "#home-menu")
    async def _menu_chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        await self.run_action(MENU[event.option.id])
