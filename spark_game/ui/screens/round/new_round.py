"""New round: two names, the decks, the intensity ceiling, the length and the mode."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from ....core.decks.model import LEVEL_NAMES, Deck
from ....core.play import COMPETITIVE, COOPERATIVE, Settings, SettingsProblem, validate_settings
from ....core.session.limits import tags_of
from ...css import css
from ...safe import plain, template
from ...widgets.key_footer import KeyFooter
from ...widgets.tick_list import ChoiceButton, TickList
from ...widgets.title_bar import TitleBar
from ..pair.consent import LookAwayScreen, OptInScreen
from ..pair.limits import LimitsScreen

if TYPE_CHECKING:
    from ...app import SparkApp

NAMES_HEADING = "Who's playing tonight?"
DECKS_HEADING = "Decks (space ticks, a all, n none)"
LENGTHS = {"6 turns": 6, "12 turns": 12, "18 turns": 18, "Open-ended": None}
NAME_LIMIT = 40


def setup_problem(names: tuple[str, str], deck_ids: list[str]) -> str | None:
    """What still stops the round from starting, in the engine's words; None when it can start."""
    try:
        validate_settings(Settings(players=names, deck_ids=tuple(deck_ids)))
    except SettingsProblem as problem:
        return str(problem)
    return None


class NewRoundScreen(Screen):
    """Names, decks, intensity, length and scoring for tonight's round, and the consent tools."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("new_round")
    PLAY_REPLACES = True  # a round started from here takes this screen's place (the app asks, unimported)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (64, "-wide")]
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="setup.back"),
        Binding("ctrl+s", "start", "Start the round", id="setup.start"),
    ]

    def __init__(
        self, names: tuple[str, str] = ("", ""), seed: int | None = None, decks: tuple[str, ...] | None = None
    ) -> None:
        super().__init__()
        self.mature_opted_in = False
        self.mature_asked = False
        self.initial_names = names
        self.initial_decks = decks  # None: the last round's decks (every deck when none is remembered)
        self.seed = seed

    def compose(self) -> ComposeResult:
        library = self.app.library
        last = self.app.session.preferences  # the last round's choices are tonight's defaults
        if self.initial_decks is None:
            self.initial_decks = self.remembered_decks()
        yield TitleBar()
        with VerticalScroll(id="setup-body"):
            yield Static(NAMES_HEADING, id="names-heading", classes="setup-heading")
            with Horizontal(id="setup-names"):
                yield Input(self.initial_names[0], placeholder="One of you", id="player-1", max_length=NAME_LIMIT)
                yield Input(self.initial_names[1], placeholder="The other", id="player-2", max_length=NAME_LIMIT)
            yield Static(DECKS_HEADING, id="decks-heading", classes="setup-heading")
            yield TickList(
                *(
                    Selection(
                        plain(f"{loaded.deck.name}  ·  {len(loaded.deck.cards)} cards"),
                        loaded.deck.id,
                        self.initial_decks is None or loaded.deck.id in self.initial_decks,
                    )
                    for loaded in library.decks
                    if not loaded.deck.mature
                ),
                *(
                    Selection(
                        plain(f"{deck.name}  ·  {len(deck.cards)} cards"),
                        deck.id,
                        self.initial_decks is not None and deck.id in self.initial_decks,
                    )
                    for deck in self.app.history.personal_decks().values()
                ),
                id="setup-decks",
            )
            with Horizontal(id="setup-consent"):
                if self.mature_decks():
                    named = self.app.history.opted_in_once
                    label = f"Ask about {self.mature_decks()[0].name}" if named else "Ask about the opt-in deck"
                    yield Button(plain(label), id="setup-optin")
                yield Button("Private limits", id="setup-limits-1")
                yield Button("Private limits", id="setup-limits-2")
            yield Static(id="setup-consent-note")
            with Horizontal(id="setup-options"):
                with Vertical(classes="setup-option"):
                    yield Label("How far tonight")
                    with RadioSet(id="setup-ceiling"):
                        for level, name in LEVEL_NAMES.items():
                            yield ChoiceButton(name.capitalize(), value=level == last.intensity, name=str(level))
                with Vertical(classes="setup-option"):
                    yield Label("Length")
                    with RadioSet(id="setup-length"):
                        for label in LENGTHS:
                            yield ChoiceButton(label, value=LENGTHS[label] == last.turns, name=label)
                with Vertical(classes="setup-option"):
                    yield Label("Scoring")
                    with RadioSet(id="setup-mode"):
                        yield ChoiceButton("Together", value=last.scoring == COOPERATIVE, name=COOPERATIVE)
                        yield ChoiceButton("Friendly rivals", value=last.scoring == COMPETITIVE, name=COMPETITIVE)
            yield Static(id="setup-problem")
            with Horizontal(id="setup-buttons"):
                yield Button("Start the round", id="setup-start", variant="primary")
                yield Button("Back", id="setup-back")
        yield KeyFooter()

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

    def remembered_decks(self) -> tuple[str, ...] | None:
        """The last round's decks that are still offered here; None (tick every deck) when none of them is."""
        offered = {loaded.deck.id for loaded in self.app.library.decks if not loaded.deck.mature}
        offered |= set(self.app.history.personal_decks())
        return tuple(deck_id for deck_id in self.app.session.preferences.decks if deck_id in offered) or None

    def mature_decks(self) -> list[Deck]:
        return [loaded.deck for loaded in self.app.library.decks if loaded.deck.mature]

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _validate(self) -> None:
        names_problem = setup_problem(self.names(), ["any"])
        first, second = (name.strip() or "…" for name in self.names())
        for button_id, name in (("#setup-limits-1", first), ("#setup-limits-2", second)):
            button = self.query_one(button_id, Button)
            button.label = plain(f"{name}'s limits")
            button.disabled = names_problem is not None
        self.query_one("#setup-consent").refresh(layout=True)
        for button in self.query("#setup-optin").results(Button):
            button.disabled = names_problem is not None or self.mature_asked
        problem = setup_problem(self.names(), self.deck_ids())
        self.query_one("#setup-problem", Static).update(problem or "Ready when you are.")
        about = self._field_for(problem) if problem else ""
        for heading_id, words, field_ids in (
            ("#names-heading", NAMES_HEADING, ("#player-1", "#player-2")),
            ("#decks-heading", DECKS_HEADING, ("#setup-decks",)),
        ):
            here = problem if about in field_ids else None
            self.query_one(heading_id, Static).update(
                template(f"{words}  [i]→ $problem[/i]", problem=here) if here else words
            )
        self.query_one("#setup-problem").set_class(problem is not None, "blocked")
        self.query_one("#setup-start", Button).disabled = problem is not None

    @on(Button.Pressed, "#setup-optin")
    @work
    async def ask_about_mature_decks(self) -> None:
        """Each partner answers alone; the deck joins only on two yeses, and no one learns who said no."""
        first, second = (name.strip() for name in self.names())
        decks = self.mature_decks()
        deck_names = " and ".join(f"the {deck.name} deck" for deck in decks)
        answers = []
        for me, other in ((first, second), (second, first)):
            if not await self.app.push_screen_wait(LookAwayScreen(me, other)):
                return
            answers.append(await self.app.push_screen_wait(OptInScreen(me, deck_names)))
        note = self.query_one("#setup-consent-note", Static)
        note.add_class("said")
        self.mature_asked = True  # asked once a round: a "not tonight" isn't asked again until the next one
        if all(answers):
            self.mature_opted_in = True
            self.app.session.note_opted_in()
            decks_list = self.query_one("#setup-decks", SelectionList)
            for deck in decks:
                decks_list.add_option(
                    Selection(plain(f"{deck.name}  ·  {len(deck.cards)} cards  ·  opted in tonight"), deck.id, True)
                )
            note.update(plain(f"You both said yes: {deck_names} is in tonight's round."))
        else:
            note.update(plain(f"Not tonight: {deck_names} stays closed. You can ask again next round."))
        self._validate()

    @on(Button.Pressed, "#setup-limits-1")
    def _limits_first(self) -> None:
        self.set_private_limits(0)

    @on(Button.Pressed, "#setup-limits-2")
    def _limits_second(self) -> None:
        self.set_private_limits(1)

    @work
    async def set_private_limits(self, index: int) -> None:
        """One partner, while the other looks away, picks topics to leave out of every round."""
        names = [name.strip() for name in self.names()]
        me, other = names[index], names[1 - index]
        if not await self.app.push_screen_wait(LookAwayScreen(me, other)):
            return
        decks = [loaded.deck for loaded in self.app.library.decks if self.mature_opted_in or not loaded.deck.mature]
        tags = sorted(tags_of(decks))
        sealed = self.app.history.sealed_limits(me)
        chosen = await self.app.push_screen_wait(LimitsScreen(me, other, tags, sealed))
        if chosen is not None:
            await self.app.session.set_limits(me, chosen.tags, chosen.pin)
            done = "Saved privately" if chosen.tags or chosen.pin else "Cleared"
            self.query_one("#setup-consent-note", Static).add_class("said").update(
                plain(f"{done} for {me}. It applies to every round you play.")
            )

    @on(Input.Submitted, "#player-1")
    def _next_name(self) -> None:
        self.query_one("#player-2", Input).focus()

    @on(Input.Submitted, "#player-2")
    @on(Button.Pressed, "#setup-start")
    def action_start(self) -> None:
        problem = setup_problem(self.names(), self.deck_ids())
        if problem is None:
            self.app.start_round(self.settings())
            return
        self.query_one(self._field_for(problem)).focus()  # straight to what needs fixing, its problem beside it

    def _field_for(self, problem: str) -> str:
        """The field a problem is about: a name, or the decks."""
        first, second = (name.strip() for name in self.names())
        if "deck" in problem.casefold():
            return "#setup-decks"
        return "#player-1" if not first or first.casefold() == second.casefold() else "#player-2"

    @on(Button.Pressed, "#setup-back")
    def _back(self) -> None:
        self.app.pop_screen()
