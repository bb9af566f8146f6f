"""SparkApp: the theme, the global keys, the command palette, and moving between screens."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..core.engine import Round, Settings, new_round
from ..paths import Home
from .screens.help import HelpScreen
from .screens.home import HomeScreen
from .screens.new_round import NewRoundScreen
from .screens.play import PlayScreen
from .screens.summary import SummaryScreen
from .theme import SPARK_DARK, SPARK_LIGHT

STYLES = Path(__file__).parent / "styles"


class SparkApp(App):
    TITLE = "Spark"
    CSS_PATH = sorted(STYLES.glob("*.tcss"))
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False)]

    def __init__(self, home: Home, *, quick_start: Settings | None = None, seed: int | None = None) -> None:
        super().__init__()
        self.home = home
        self.library = home.load_decks()
        self.quick_start = quick_start
        self.seed = seed
        self.last_names: tuple[str, str] = ("", "")
        self.register_theme(SPARK_DARK)
        self.register_theme(SPARK_LIGHT)
        self.theme = SPARK_DARK.name

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.quick_start is not None:
            self.start_round(self.quick_start)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New round", "Name the two of you, pick decks and start", self.action_new_round)
        yield SystemCommand("Home", "Back to the home screen", self.go_home)
        yield SystemCommand("Help & support", "How to play, and when to look for help", self.action_help)
        yield from super().get_system_commands(screen)

    # ------------------------------------------------------------------ moving between screens

    def action_new_round(self) -> None:
        self.go_home()
        self.push_screen(NewRoundScreen(self.last_names, seed=self.seed))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def go_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def start_round(self, settings: Settings) -> None:
        game = new_round(settings, self.library.by_id())
        self.last_names = game.settings.players
        if isinstance(self.screen, (NewRoundScreen, SummaryScreen)):
            self.switch_screen(PlayScreen(game))
        else:
            self.push_screen(PlayScreen(game))

    def show_summary(self, game: Round) -> None:
        self.switch_screen(SummaryScreen(game))

    def play_again(self, settings: Settings) -> None:
        seed = secrets.randbits(32) if self.seed is None else settings.seed + 1
        self.start_round(replace(settings, seed=seed))
