"""A countdown for timed cards: t starts and pauses it; at zero a gentle signal (and the bell, unless turned off)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters
from textual.reactive import reactive
from textual.widgets import Static

from .card_view import format_seconds

if TYPE_CHECKING:
    from ..app import SparkApp


class CardTimer(Static):
    """A card's countdown: t starts and pauses it; the bell rings at the end when the pair wants it."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    remaining: reactive[int] = reactive(0)
    running: reactive[bool] = reactive(False)

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1, self._tick, pause=True)

    def reset(self, seconds: int | None) -> None:
        self.running = False
        self._ticker.pause()
        self.display = bool(seconds)
        self.remaining = seconds or 0
        self.remove_class("finished")
        self._render_time()

    def toggle(self) -> None:
        if self.remaining <= 0:
            return
        self.running = not self.running
        if self.running:
            self._ticker.resume()
        else:
            self._ticker.pause()
        self._render_time()

    def _tick(self) -> None:
        if not self.running:
            return
        self.remaining = max(0, self.remaining - 1)
        if self.remaining == 0:
            self.running = False
            self._ticker.pause()
            self.add_class("finished")
            if self.app.session.preferences.timer_bell:  # Settings: "A bell when a timer ends"
                self.app.bell()
        self._render_time()

    def _render_time(self) -> None:
        if self.remaining == 0 and self.has_class("finished"):
            self.update("Time! No rush to finish.")
        elif self.running:
            self.update(f"⏱ {format_seconds(self.remaining)}  (t to pause)")
        else:
            self.update(f"⏱ {format_seconds(self.remaining)}  (t to start)")
