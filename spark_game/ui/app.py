"""SparkApp: the theme, the global keys, the command palette, and moving between screens.

Screens other than Home are imported when first shown, to keep start-up short.

The app also owns the round in play's file: it autosaves on a background
thread after every change, so the screen never waits on the disk.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..core.deck import Deck
from ..core.engine import Phase, Round, Settings, new_round
from ..core.history import FAVOURITES_DECK, history_to_document, load_history, write_history
from ..core.saves import BackgroundSaver, RoundFile, SaveError, read_save, write_save
from ..paths import Home
from .screens.home import HomeScreen
from .theme import SPARK_DARK, SPARK_LIGHT

class SparkApp(App):
    TITLE = "Spark"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False)]

    def __init__(
        self, home: Home, *, quick_start: Settings | None = None, resume: Path | None = None,
        seed: int | None = None, clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.home = home
        self.library = home.load_decks()
        self.history = load_history(home.saves_dir)
        self.saver = BackgroundSaver()
        self.open_round: RoundFile | None = None
        self.quick_start = quick_start
        self.resume = resume
        self.seed = seed
        self.clock = clock
        self.register_theme(SPARK_DARK)
        self.register_theme(SPARK_LIGHT)
        self.theme = SPARK_DARK.name

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.history.problem:
            self.notify(self.history.problem, severity="warning", timeout=10)
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
        yield SystemCommand("Help & support", "How to play, and when to look for help", self.action_help)
        yield from super().get_system_commands(screen)

    # ------------------------------------------------------------------ moving between screens

    def action_new_round(self) -> None:
        self.leave_round()
        from .screens.new_round import NewRoundScreen

        self.go_home()
        self.push_screen(NewRoundScreen(self.history.names, seed=self.seed))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_saved_games(self) -> None:
        from .screens.saved_games import SavedGamesScreen

        self.leave_round()
        self.go_home()
        self.push_screen(SavedGamesScreen())

    def action_decks(self) -> None:
        from .screens.decks import DecksScreen

        self.go_home()
        self.push_screen(DecksScreen())

    def reload_library(self) -> None:
        """Read the decks again, so a new or edited deck is in New round at once."""
        self.library = self.home.load_decks()

    def action_our_story(self) -> None:
        from .screens.our_story import OurStoryScreen

        self.leave_round()
        self.go_home()
        self.push_screen(OurStoryScreen())

    def go_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    async def action_quit(self) -> None:
        self.leave_round()
        self.saver.flush()
        self.exit()

    # ------------------------------------------------------------------ rounds

    def decks_for_rounds(self) -> dict[str, Deck]:
        decks = self.library.by_id()
        favourites = self.history.favourites_deck()
        if favourites is not None:
            decks[FAVOURITES_DECK] = favourites
        return decks

    def start_round(self, settings: Settings) -> None:
        settings = replace(settings, left_out_tags=self.history.left_out_tags(settings.players))
        game = new_round(settings, self.decks_for_rounds(), self.history.seen, self.history.retired_ids())
        round_file = RoundFile.create(self.home.saves_dir, game.settings.players, self.clock())
        round_file.open()
        self._play(game, round_file)
        self.autosave(game)

    def resume_round(self, path: Path) -> None:
        from .screens.summary import SummaryScreen

        try:
            saved = read_save(path)
            if saved.game.phase is Phase.OVER:
                self.go_home()
                self.push_screen(SummaryScreen(saved.game))
                return
            round_file = RoundFile.of(saved)
            round_file.open()
        except SaveError as error:
            self.notify(str(error), title="Can't resume this round", severity="error", timeout=8)
            return
        self._play(saved.game, round_file)

    def _play(self, game: Round, round_file: RoundFile) -> None:
        from .screens.new_round import NewRoundScreen
        from .screens.play import PlayScreen
        from .screens.summary import SummaryScreen

        self.leave_round()
        self.open_round = round_file
        screen = PlayScreen(game)
        if isinstance(self.screen, (NewRoundScreen, SummaryScreen)):
            self.switch_screen(screen)
        else:
            self.go_home()
            self.push_screen(screen)

    def autosave(self, game: Round) -> None:
        """Save the round and the pair's history, off the UI thread, after every change."""
        if self.open_round is None:
            return
        if game.phase is Phase.OVER:
            self.history.note_finished(game, self.clock().date())
        else:
            self.history.note_progress(game)
        document = self.open_round.document(game, self.clock())
        self.saver.submit(write_save, self.open_round.path, document).add_done_callback(self._saved)
        self.save_history_now()
        if game.phase is Phase.OVER:
            self.leave_round()

    def save_history_now(self) -> None:
        """Write the pair's history (for changes made outside a round, like the ritual day)."""
        document = history_to_document(self.history)
        self.saver.submit(
            write_history, self.home.saves_dir, document, damaged_on_disk=self.history.problem is not None
        ).add_done_callback(self._saved)
        self.history.problem = None

    def _saved(self, future: Future[None]) -> None:
        error = future.exception()
        if error is not None:
            message = str(error) if isinstance(error, SaveError) else f"{type(error).__name__}: {error}"
            try:
                self.call_from_thread(self.notify, message, title="Not saved", severity="error", timeout=10)
            except RuntimeError:  # the app has already closed
                pass

    def leave_round(self) -> None:
        """Let go of the round in play (its last save stays; Continue resumes it)."""
        if self.open_round is not None:
            self.open_round.close()
            self.open_round = None

    def show_summary(self, game: Round) -> None:
        from .screens.summary import SummaryScreen

        self.switch_screen(SummaryScreen(game))

    def play_again(self, settings: Settings) -> None:
        seed = secrets.randbits(32) if self.seed is None else settings.seed + 1
        self.start_round(replace(settings, seed=seed))
