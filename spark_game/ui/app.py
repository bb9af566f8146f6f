"""SparkApp: the theme, the global keys, the command palette, and moving between screens.

Screens other than Home are imported when first shown, to keep start-up short.
What happens to the round and the pair's history (and what is saved when) is
the core `PlaySession`'s business; the app holds one and shows what it says.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme

from ..core.pair.history import PairHistory
from ..core.play import Phase, Round, RuleError, Settings
from ..core.saves import SaveError, latest_unfinished
from ..core.session.play_session import LimitsLocked, PlaySession
from ..paths import Home
from .css import css
from .safe import notify_plain
from .screens.home import HomeScreen
from .theme import SPARK_DARK, SPARK_LIGHT

if TYPE_CHECKING:
    from ..core.decks.library import DeckLibrary

PERSISTENT = 24 * 3600.0  # seconds: a toast that stays until it is clicked away


class SparkApp(App[None]):
    """Spark in a terminal: one home, one play session, Home first.

    The decks are read in a thread once Home's first frame is out (`library` waits for them when
    something needs them sooner); `DecksLoaded` tells the app when they are in.
    """

    class DecksLoaded(Message):
        """The deck library has been read, by the loading thread."""

    TITLE = "Spark"
    CSS_PATH = css("home")  # Home is the default screen: its rules are parsed with the app's, once, at start
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
        Binding("ctrl+b", "privacy", "Privacy", id="app.privacy", priority=True),
        Binding("question_mark,f1", "help", "Help", id="app.help", show=False),
    ]

    def __init__(
        self,
        home: Home,
        *,
        quick_start: Settings | None = None,
        resume: Path | None = None,
        seed: int | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.home = home
        self._library: DeckLibrary | None = None
        self._library_loading: Future[DeckLibrary] | None = None
        self.session = PlaySession(
            home.saves_dir, clock=clock, report=self._report_from_saver, settings_file=home.settings_file
        )
        self.quick_start = quick_start
        self.resume = resume
        self.seed = seed
        self.clock = clock
        self.register_theme(SPARK_DARK)
        self.register_theme(SPARK_LIGHT)
        self.theme = self.session.preferences.theme  # the light one, once chosen in Settings, from the start

    @property
    def history(self) -> PairHistory:
        return self.session.history

    @property
    def library(self) -> DeckLibrary:
        """Every deck the home can see; waits for the loading thread, or reads them now if it hasn't started."""
        if self._library is None:
            loading = self._library_loading
            self._library = loading.result() if loading is not None else self.home.load_decks()
        return self._library

    @property
    def library_loaded(self) -> bool:
        return self._library is not None or (self._library_loading is not None and self._library_loading.done())

    def _load_library_in_background(self) -> None:
        if self._library_loading is not None:
            return
        if self._library is not None:  # something needed the decks before the first frame was out
            self.post_message(self.DecksLoaded())
            return
        loading: Future[DeckLibrary] = Future()
        self._library_loading = loading

        def load() -> None:
            try:
                library = self.home.load_decks()
            except Exception as error:  # noqa: BLE001 - raised again where the library is asked for, on the UI thread
                loading.set_exception(error)
            else:
                loading.set_result(library)
            self.post_message(self.DecksLoaded())

        threading.Thread(target=load, name="spark-deck-loader").start()

    def on_spark_app_decks_loaded(self) -> None:
        if isinstance(self.screen, HomeScreen):  # under another screen, Home shows them when it is back
            self.screen.show_decks()

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the stack: the first frame paints it, with no blank screen under it."""
        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._load_library_in_background)  # after Home's first frame
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for problem in (self.history.problem, self.session.preferences_problem):
            if problem:
                notify_plain(self, problem, severity="warning", timeout=10)
        if self.quick_start is not None:
            self.start_round(self.quick_start)
        elif self.resume is not None:
            self.resume_round(self.resume)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New round", "Name the two of you, pick decks and start", self.action_new_round)
        yield SystemCommand("Saved games", "Resume, rename or delete a round", self.action_saved_games)
        yield SystemCommand("Our story", "Your streak, your calendar, the cards you loved", self.action_our_story)
        yield SystemCommand("Decks", "See, make, edit, import and export decks", self.action_decks)
        yield SystemCommand("Home", "Back to the home screen", self.go_home)
        yield SystemCommand("Settings", "Light or dark, the timer's bell, our ritual time", self.action_settings)
        yield SystemCommand("Help & support", "How to play, and when to look for help", self.action_help)
        yield from super().get_system_commands(screen)

    # ------------------------------------------------------------------ moving between screens

    @work
    async def action_new_round(self) -> None:
        """New round; when a round is still unfinished, ask first whether to continue that one."""
        from .screens.dialogs import ConfirmScreen
        from .screens.round.new_round import NewRoundScreen

        self.session.leave()
        unfinished = latest_unfinished(self.home.saves_dir)
        if unfinished is not None and unfinished.summary is not None:
            question = f"{unfinished.summary.name} is still at turn {unfinished.summary.turns_played + 1}. Continue it?"
            if await self.push_screen_wait(ConfirmScreen(question, yes="Continue it", no="Start a new one")):
                self.resume_round(unfinished.path)
                return
        self.go_home()
        self.push_screen(NewRoundScreen(self.history.names, seed=self.seed))

    def action_privacy(self) -> None:
        """Blank the screen at once, over any screen or dialog; any key brings it back as it was."""
        from .screens.dialogs import PrivacyScreen

        if not isinstance(self.screen, PrivacyScreen):
            self.push_screen(PrivacyScreen())

    def action_settings(self) -> None:
        """Settings, over the screen it is opened from (a round in play waits underneath)."""
        from .screens.pair.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def _theme_changed(self, theme: Theme) -> None:
        """Spark's dark or light theme, however it was chosen (Settings or the palette), is kept for next time."""
        if theme.name in (SPARK_DARK.name, SPARK_LIGHT.name):
            self.session.remember_preferences(theme=theme.name)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_saved_games(self) -> None:
        from .screens.round.saved_games import SavedGamesScreen

        self.session.leave()
        self.go_home()
        self.push_screen(SavedGamesScreen())

    def action_decks(self) -> None:
        from .screens.decks.decks import DecksScreen

        self.go_home()
        self.push_screen(DecksScreen())

    def reload_library(self) -> None:
        """Read the decks again, so a new or edited deck is in New round at once."""
        self._library = self.home.load_decks()

    def action_our_story(self) -> None:
        from .screens.pair.our_story import OurStoryScreen

        self.session.leave()
        self.go_home()
        self.push_screen(OurStoryScreen())

    def go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    async def action_quit(self) -> None:
        self.session.leave()
        self.session.saver.flush()
        self.exit()

    # ------------------------------------------------------------------ rounds

    def start_round(self, settings: Settings) -> None:
        locked = self.session.locked_limits(settings.players)
        if locked:  # each of them opens their limits alone first (or plays without them tonight)
            self._unlock_then(settings.players, locked, lambda: self.start_round(settings))
            return
        try:
            game = self.session.start(settings, self.library.by_id(), self.library.closing)
        except (RuleError, SaveError) as error:
            notify_plain(self, str(error), title="Can't start this round", severity="error", timeout=10)
            return
        self._play(game)

    def _unlock_then(self, pair: tuple[str, str], names: list[str], then: Callable[[], None]) -> None:
        """Each partner in names opens their limits alone (or plays without them tonight), then `then` runs."""
        from .screens.pair.consent import LookAwayScreen
        from .screens.pair.limits import UnlockLimitsScreen

        async def unlock() -> None:
            players = [name.strip() for name in pair]
            for name in names:
                other = players[1] if name.strip().casefold() == players[0].casefold() else players[0]
                if not await self.push_screen_wait(LookAwayScreen(name, other)):
                    return
                if not await self.push_screen_wait(UnlockLimitsScreen(name, other)):
                    return
            if not self.session.locked_limits(pair):
                then()

        self.run_worker(unlock(), exclusive=True, group="unlock")

    def resume_round(self, path: Path) -> None:
        from .screens.round.summary import SummaryScreen

        try:
            game = self.session.resume(path)
        except LimitsLocked as locked:  # the save holds every card: tonight's limits decide what is dealt
            self._unlock_then(locked.pair, locked.names, lambda: self.resume_round(path))
            return
        except SaveError as error:
            notify_plain(self, str(error), title="Can't resume this round", severity="error", timeout=8)
            return
        if game.phase is Phase.OVER:
            self.push_screen(SummaryScreen(game))  # over where it was opened from: Esc goes back there
            return
        self._play(game)

    def _play(self, game: Round) -> None:
        from .screens.round.play import PlayScreen

        screen = PlayScreen(game)
        if getattr(self.screen, "PLAY_REPLACES", False):
            self.switch_screen(screen)
        else:
            self.go_home()
            self.push_screen(screen)

    def _report_from_saver(self, message: str) -> None:
        """Writes started failing (called on the saver's thread): a toast that stays, and the Play screen's banner."""
        notify_plain(self, message, title="Not saved", severity="error", timeout=PERSISTENT)
        self.call_later(self._show_save_problem)

    def _show_save_problem(self) -> None:
        from .screens.round.play import PlayScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayScreen) and screen.is_mounted:
                screen.show_save_problem()

    def show_summary(self, game: Round) -> None:
        from .screens.round.summary import SummaryScreen

        self.switch_screen(SummaryScreen(game))

    def play_again(self, settings: Settings, deck_names: dict[str, str]) -> None:
        """The same settings again; when a deck is gone, say which and let the pair choose in New round."""
        from .screens.round.new_round import NewRoundScreen

        self.reload_library()
        gone = self.session.decks_gone(settings, self.library.by_id())
        if gone:
            names = ", ".join(deck_names.get(deck_id, deck_id) for deck_id in gone)
            notify_plain(
                self, f"{names}: deleted, or no card left for you. Choose the decks for this round.", timeout=10
            )
            left = tuple(deck_id for deck_id in settings.deck_ids if deck_id not in gone)
            self.switch_screen(NewRoundScreen(settings.players, seed=self.seed, decks=left))
            return
        seed = secrets.randbits(32) if self.seed is None else settings.seed + 1
        self.start_round(replace(settings, seed=seed))
