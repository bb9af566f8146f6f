"""Settings: light or dark, the timer's bell, and the weekly ritual's day and time; kept as they change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, RadioSet, Select, Static

from ....core.pair.ritual import WEEKDAYS, ritual_message
from ....core.pair.settings import DARK_THEME, LIGHT_THEME, clock_time
from ...css import css
from ...safe import plain
from ...widgets.key_footer import KeyFooter
from ...widgets.tick_list import ChoiceButton
from ...widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ...app import SparkApp

TIME_HINT = "Write the time as HH:MM, 00:00 to 23:59."
CHECK_MARKS = (" ", "✓")  # off, on: read without colour too (Textual's Checkbox draws an X for both)


class SettingsScreen(Screen):
    """Light or dark, the timer's bell, and the ritual day and time, kept in settings.toml."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("settings")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="settings.back")]

    def compose(self) -> ComposeResult:
        chosen = self.app.session.preferences
        yield TitleBar()
        with VerticalScroll(id="settings-body"):
            yield Static("Settings", id="settings-title")
            yield Static(plain(f"Kept as you change them, in {self.app.home.settings_file}"), id="settings-where")
            yield Static("Theme", classes="settings-heading")
            with RadioSet(id="settings-theme"):
                yield ChoiceButton("Dark", value=self.app.theme != LIGHT_THEME, name=DARK_THEME)
                yield ChoiceButton("Light", value=self.app.theme == LIGHT_THEME, name=LIGHT_THEME)
            yield Static("Sound", classes="settings-heading")
            yield Checkbox("A bell when a card's timer ends", value=chosen.timer_bell, id="settings-bell")
            yield Static("Our ritual", classes="settings-heading")
            with Horizontal(id="settings-ritual"):
                yield Label("Day")
                yield Select(
                    [(day, index) for index, day in enumerate(WEEKDAYS)],
                    value=self.app.history.ritual_day,
                    allow_blank=False,
                    id="settings-ritual-day",
                )
                yield Label("Time")
                yield Input(
                    chosen.ritual_time,
                    placeholder="19:00",
                    max_length=5,
                    restrict=r"[0-9:]*",
                    id="settings-ritual-time",
                )
            yield Static(id="settings-ritual-note")
            yield Button("Back", id="settings-back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#settings-theme", RadioSet).focus()
        self.show_bell()
        self.show_ritual()

    def show_bell(self) -> None:
        bell = self.query_one("#settings-bell", Checkbox)
        bell.BUTTON_INNER = CHECK_MARKS[bell.value]
        bell.refresh()

    def show_ritual(self, problem: str | None = None) -> None:
        """The ritual as it stands ("Every Friday at 19:00. Friday is in 2 days."), or what's wrong with the time."""
        note = self.query_one("#settings-ritual-note", Static)
        note.set_class(problem is not None, "problem")
        if problem is not None:
            note.update(plain(f"{problem} Until then it stays {self.app.session.preferences.ritual_time}."))
            return
        day, today = self.app.history.ritual_day, self.app.clock().date()
        at = self.app.session.preferences.ritual_time
        note.update(plain(f"Every {WEEKDAYS[day]} at {at}. {ritual_message(day, today)}"))

    @on(RadioSet.Changed, "#settings-theme")
    def _theme_chosen(self, event: RadioSet.Changed) -> None:
        if event.pressed.name in (DARK_THEME, LIGHT_THEME):
            self.app.theme = event.pressed.name  # the app keeps Spark's themes for the next start

    @on(Checkbox.Changed, "#settings-bell")
    def _bell_chosen(self, event: Checkbox.Changed) -> None:
        self.show_bell()
        self.app.session.remember_preferences(timer_bell=event.value)
        if event.value:
            self.app.bell()  # the sound it will make, so the pair knows whether their terminal rings

    @on(Select.Changed, "#settings-ritual-day")
    def _day_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.app.history.ritual_day:
            self.app.session.set_ritual_day(event.value)
        self.show_ritual()

    @on(Input.Changed, "#settings-ritual-time")
    def _time_typed(self, event: Input.Changed) -> None:
        try:
            at = clock_time(event.value.strip())
        except ValueError:
            self.show_ritual(TIME_HINT)
            return
        self.app.session.remember_preferences(ritual_time=at)
        self.show_ritual()

    @on(Input.Submitted, "#settings-ritual-time")
    def _time_entered(self, event: Input.Submitted) -> None:
        try:
            event.input.value = clock_time(event.value.strip())  # 7:30 reads 07:30
        except ValueError:
            return  # the note says what to write; the field keeps the focus
        self.query_one("#settings-back", Button).focus()

    @on(Button.Pressed, "#settings-back")
    def _back(self) -> None:
        self.app.pop_screen()
