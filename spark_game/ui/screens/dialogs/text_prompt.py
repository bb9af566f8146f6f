"""Ask for one line of text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...css import css
from ...safe import plain


class TextPromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; dismiss with it, or None on escape."""

    CSS_PATH = css("modals")

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="prompt.cancel")]

    def __init__(self, question: str, value: str = "", max_length: int = 80) -> None:
        super().__init__()
        self.question, self.value, self.max_length = question, value, max_length

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(plain(self.question), id="prompt-question")
            yield Input(self.value, id="prompt-input", max_length=self.max_length)

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
