"""Why an import wrote nothing: every problem, one a line, on screen until dismissed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Static

from ...core.decks.file import Problem
from ..safe import plain


class ImportProblems(Vertical):
    """The panel under the decks after a failed import; Esc or Dismiss closes it, Try again reads the file again."""

    BINDINGS = [Binding("escape", "dismiss", "Dismiss", id="import.dismiss")]

    class TryAgain(Message):
        """Read the same file again (the couple has fixed it)."""

        def __init__(self, source: Path) -> None:
            super().__init__()
            self.source = source

    class Dismissed(Message):
        """The panel was closed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="import-title", classes="problems-title")
        with VerticalScroll(id="import-lines"):
            yield Static(id="import-list")
        yield Static("Fix the file and press Try again, or Dismiss (Esc).", id="import-hint")
        with Horizontal(id="import-buttons"):
            yield Button("Dismiss", id="import-dismiss", variant="primary", compact=True)
            yield Button("Try again", id="import-again", compact=True)

    def on_mount(self) -> None:
        self.display = False

    def show(self, source: Path, problems: Sequence[Problem]) -> None:
        self.source = source
        self.query_one("#import-title", Static).update(plain(f"Nothing was imported from {source.name}:"))
        self.query_one("#import-list", Static).update(plain("\n".join(str(problem) for problem in problems)))
        self.query_one("#import-lines", VerticalScroll).scroll_home(animate=False)
        self.display = True
        self.query_one("#import-dismiss", Button).focus()

    @on(Button.Pressed, "#import-dismiss")
    def action_dismiss(self) -> None:
        self.display = False
        self.post_message(self.Dismissed())

    @on(Button.Pressed, "#import-again")
    def _again(self) -> None:
        if self.source is not None:
            self.post_message(self.TryAgain(self.source))
