"""New round: two names, the decks, the intensity ceiling, the length and the mode."""

from __future__ import annotations

import secrets

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...core.deck import LEVEL_NAMES
from ...core.engine import COMPETITIVE, COOPERATIVE, Settings
from ..safe import plain

LENGTHS = {"6 turns": 6, "12 turns": 12, "18 turns": 18, "Open-ended": None}
NAME_LIMIT = 40


def setup_problem(names: tuple[str, str], deck_ids: list[str]) -> str | None:
    """What still stops the round from starting, in words; None when it can start."""
    first, second = (name.strip() for name in names)
    if not first or not second:
        return "Write both of your names."
    if first.casefold() == second.casefold():
        return "Two different names, please (add an initial if you share one)."
    if not deck_ids:
        return "Pick at least one deck."
    return None


class NewRoundScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="setup.back"),
        Binding("ctrl+s", "start", "Start the round", id="setup.start"),
    ]

    def __init__(self, names: tuple[str, str] = ("", ""), seed: int | None = None) -> None:
        super().__init__()
        self.initial_names = names
        self.seed = seed

    def compose(self) -> ComposeResult:
        library = self.app.library
        yield Header()
        with VerticalScroll(id="setup-body"):
            yield Static("Who's playing tonight?", classes="setup-heading")
            with Horizontal(id="setup-names"):
                yield Input(self.initial_names[0], placeholder="One of you", id="player-1", max_length=NAME_LIMIT)
                yield Input(self.initial_names[1], placeholder="The other", id="player-2", max_length=NAME_LIMIT)
            yield Static("Decks (space to tick)", classes="setup-heading")
            yield SelectionList[str](
                *(
                    Selection(plain(f"{loaded.deck.name}  ·  {len(loaded.deck.cards)} cards"), loaded.deck.id, True)
                    for loaded in library.decks
                    if not loaded.deck.mature
                ),
                id="setup-decks",
            )
            with Horizontal(id="setup-options"):
                with Vertical(classes="setup-option"):
                    yield Label("How far tonight")
                    with RadioSet(id="setup-ceiling"):
                        for level, name in LEVEL_NAMES.items():
                            yield RadioButton(name.capitalize(), value=level == 2, name=str(level))
                with Vertical(classes="setup-option"):
                    yield Label("Length")
                    with RadioSet(id="setup-length"):
                        for label in LENGTHS:
                            yield RadioButton(label, value=label == "12 turns", name=label)
                with Vertical(classes="setup-option"):
                    yield Label("Scoring")
                    with RadioSet(id="setup-mode"):
                        yield RadioButton("Together", value=True, name=COOPERATIVE)
                        yield RadioButton("Friendly rivals", name=COMPETITIVE)
            yield Static(id="setup-problem")
            with Horizontal(id="setup-buttons"):
                yield Button("Start the round", id="setup-start", variant="primary")
                yield Button("Back", id="setup-back")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#player-1" if not self.initial_names[0] else "#setup-start").focus()
        self._validate()

    def names(self) -> tuple[str, str]:
        return (self.query_one("#player-1", Input).value, self.query_one("#player-2", Input).value)

    def deck_ids(self) -> list[str]:
        return list(self.query_one("#setup-decks", SelectionList).selected)

    def settings(self) -> Settings:
        def pressed(radio_id: str) -> str:
            button = self.query_one(f"#{radio_id}", RadioSet).pressed_button
            assert button is not None and button.name is not None
            return button.name

        return Settings(
            players=tuple(name.strip() for name in self.names()),  # type: ignore[arg-type]
            deck_ids=tuple(self.deck_ids()),
            ceiling=int(pressed("setup-ceiling")),
            turns=LENGTHS[pressed("setup-length")],
            mode=pressed("setup-mode"),
            seed=self.seed if self.seed is not None else secrets.randbits(32),
        )

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _validate(self) -> None:
        problem = setup_problem(self.names(), self.deck_ids())
        self.query_one("#setup-problem", Static).update(problem or "Ready when you are.")
        self.query_one("#setup-problem").set_class(problem is not None, "blocked")
        self.query_one("#setup-start", Button).disabled = problem is not None

    @on(Input.Submitted, "#player-1")
    def _next_name(self) -> None:
        self.query_one("#player-2", Input).focus()

    @on(Input.Submitted, "#player-2")
    @on(Button.Pressed, "#setup-start")
    def action_start(self) -> None:
        if setup_problem(self.names(), self.deck_ids()) is None:
            self.app.start_round(self.settings())

    @on(Button.Pressed, "#setup-back")
    def _back(self) -> None:
        self.app.pop_screen()
