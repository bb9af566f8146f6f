"""One question with a few answers as buttons."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...css import css
from ...safe import plain


class ChoiceScreen(ModalScreen[str]):
    """One question with a few answers as buttons; dismiss with the chosen answer's value ("" on escape)."""

    CSS_PATH = css("modals")
    BINDINGS = [Binding("escape", "dismiss('')", "Cancel", id="choice.cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question, self.answers = question, answers

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(plain(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                for index, (label, _) in enumerate(self.answers):
                    yield Button(label, id=f"choice-{index}", variant="primary" if index == 0 else "default")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(self.answers[int(event.button.id.removeprefix("choice-"))][1])
