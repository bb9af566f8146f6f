"""The privacy blank: the whole terminal hidden at once, back with any key or click."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Key, MouseDown
from textual.screen import ModalScreen
from textual.widgets import Static

from ...css import css


class PrivacyScreen(ModalScreen[None]):
    """Blanks the whole terminal at once; any key or click brings the game back."""

    CSS_PATH = css("modals")

    def compose(self) -> ComposeResult:
        yield Static("", id="privacy-blank")

    def on_key(self, event: Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()

    def on_mouse_down(self, event: MouseDown) -> None:
        event.stop()
        self.dismiss()
