"""The baseline for the rows measured in a real terminal: one Label and Textual's Footer, nothing else.

    python -m benchmarks.minimal_app

Each press of `x` shows the next "card" in the Label and changes which bindings the Footer shows
(one hidden, one dimmed, one shown, turn about), as Spark's Play screen does at each phase change.
ctrl+q quits.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Label

EXTRA_KEYS = ("alpha", "beta", "gamma")


class MinimalApp(App[None]):
    BINDINGS = [
        Binding("x", "next", "Next card"),
        *(Binding(name[0], f"extra('{name}')", name.title()) for name in EXTRA_KEYS),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.card = 0

    def compose(self) -> ComposeResult:
        yield Label("Card 0", id="card")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "extra":
            return True
        turn = (EXTRA_KEYS.index(str(parameters[0])) + self.card) % 3
        return {0: True, 1: None, 2: False}[turn]

    def action_next(self) -> None:
        self.card += 1
        self.query_one("#card", Label).update(f"Card {self.card}")
        self.refresh_bindings()

    def action_extra(self, name: str) -> None:
        self.query_one("#card", Label).update(f"Card {self.card} · {name}")


if __name__ == "__main__":
    MinimalApp().run()
