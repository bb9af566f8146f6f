"""The first screen: greet the pair, continue or start a round, and see the decks Spark found.

The decks are read after Home's first frame: the overview below the menu (the count, the table
and the files that could not be loaded) is mounted when the app says they are in, or when Home is
next shown (a quick start plays over a Home that has never been seen: no deck table under Play).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...core.files.text import shorten
from ...core.files.when import describe_when
from ...core.pair.ritual import ritual_message, weekly_streak
from ...core.saves import SaveEntry, latest_unfinished
from ..safe import plain, template
from ..widgets.key_footer import KeyFooter
from ..widgets.line_list import Line, Menu
from ..widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ..app import SparkApp

MENU = {  # each line of the menu after Continue (there when a round is unfinished), and its action
    "New round": "app.new_round",
    "Saved games": "app.saved_games",
    "Our story": "app.our_story",
    "Decks": "app.decks",
    "Settings": "app.settings",
    "Help & support": "app.help",
    "Quit": "app.quit",
}


CONTINUE_NAME_CELLS = 17  # the menu is 36 cells wide inside: "Continue: " and ", turn 12" always show


def continue_label(entry: SaveEntry) -> str:
    summary = entry.summary
    assert summary is not None
    return f"Continue: {shorten(summary.name, CONTINUE_NAME_CELLS)}, turn {summary.turns_played + 1}"


class HomeScreen(Screen):
    """The first screen: a greeting, the streak and the ritual, what's coming up, and the menu."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    AUTO_FOCUS = "#home-menu"
    unfinished: SaveEntry | None = None
    menu_actions: tuple[str, ...] = ()  # the action of each line of the menu
    BINDINGS = [
        Binding("c", "continue_round", "Continue", id="home.continue"),
        Binding("n", "app.new_round", "New round", id="home.new_round"),
        Binding("d", "app.decks", "Decks", id="home.decks"),
        Binding("s,comma", "app.settings", "Settings", id="home.settings"),
        Binding("question_mark", "app.help", "Help", id="home.help"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="home-body"):
            yield Static("Spark", id="home-title")
            yield Static(id="home-greeting")
            yield Static(id="home-ritual")
            yield Static(id="home-plan")
            yield Menu(id="home-menu")
            yield Vertical(id="home-deck-overview")
        yield KeyFooter()

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
        """Home as it is now, when it is first shown and each time a player comes back to it."""
        self.refresh_overview()
        self.query_one(Menu).focus()  # back from another screen, the menu has the keys again
        if self.app.library_loaded and self.app.screen is self:  # not under a quick start's Play
            self.show_decks()

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
        choices = MENU if self.unfinished is None else {continue_label(self.unfinished): "continue_round"} | MENU
        self.menu_actions = tuple(choices.values())
        self.query_one(Menu).show(tuple(Line(label) for label in choices), 0)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue_round":
            return self.unfinished is not None
        return True

    def action_continue_round(self) -> None:
        if self.unfinished is not None:
            self.app.resume_round(self.unfinished.path)

    @on(Menu.Chosen)
    async def _menu_chosen(self, event: Menu.Chosen) -> None:
        await self.run_action(self.menu_actions[event.index])
