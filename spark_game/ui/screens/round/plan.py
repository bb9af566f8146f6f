"""Turning a card's note into a plan: what, and when (a day, or someday)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ....core.files.when import WhenProblem, parse_when
from ....core.pair.history import PLAN_LIMIT
from ...css import css


@dataclass(frozen=True)
class PlanChoice:
    """A plan as the dialog gives it back: what, and the day or None for someday."""

    text: str
    when: date | None


class PlanScreen(ModalScreen[PlanChoice | None]):
    """Ask what the plan is (the note, to start with) and when; dismiss with the plan or None."""

    CSS_PATH = css("modals")
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="plan.cancel")]

    def __init__(self, text: str, today: date) -> None:
        super().__init__()
        self.text, self.today = text, today

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static("Make it a plan: what will you do?", id="prompt-question")
            yield Input(self.text, id="plan-text", max_length=PLAN_LIMIT)
            yield Static("When? A day like Sunday, tomorrow or 2026-12-06; empty for someday.")
            yield Input(placeholder="someday", id="plan-when")
            yield Static(id="plan-problem")
            with Horizontal(id="confirm-buttons"):
                yield Button("Keep the plan", id="plan-keep", variant="primary")
                yield Button("Cancel", id="plan-cancel")

    @on(Input.Submitted, "#plan-text")
    def _next(self) -> None:
        self.query_one("#plan-when", Input).focus()

    @on(Input.Submitted, "#plan-when")
    @on(Button.Pressed, "#plan-keep")
    def _keep(self) -> None:
        text = " ".join(self.query_one("#plan-text", Input).value.split())
        if not text:
            self.query_one("#plan-problem", Static).update("Write what the plan is.")
            return
        try:
            when = parse_when(self.query_one("#plan-when", Input).value, self.today)
        except WhenProblem as problem:
            self.query_one("#plan-problem", Static).update(str(problem))
            return
        self.dismiss(PlanChoice(text, when))

    @on(Button.Pressed, "#plan-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
