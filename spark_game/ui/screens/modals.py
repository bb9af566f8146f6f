"""Small modal screens: a yes/no question, and the privacy blank."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key, MouseDown
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ..css import css
from ..safe import plain


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; dismiss with True for yes. Escape means no."""

    CSS_PATH = css("modals")

    BINDINGS = [
        Binding("escape,n", "dismiss(False)", "No", id="confirm.no"),
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(plain(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, id="confirm-yes", variant="primary")
                yield Button(self.no, id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)


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
