"""SparkApp: the theme, the global keys and the first screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from ..paths import Home
from .screens.home import HomeScreen
from .theme import SPARK_DARK, SPARK_LIGHT

STYLES = Path(__file__).parent / "styles"


class SparkApp(App):
    TITLE = "Spark"
    CSS_PATH = sorted(STYLES.glob("*.tcss"))
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False)]

    def __init__(self, home: Home) -> None:
        super().__init__()
        self.home = home
        self.library = home.load_decks()
        self.register_theme(SPARK_DARK)
        self.register_theme(SPARK_LIGHT)
        self.theme = SPARK_DARK.name

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
