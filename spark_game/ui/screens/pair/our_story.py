"""Our story: the streak, the last 26 weeks, the decks played, milestones and loved cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Label, Select, Static

from ....core.files.text import plural
from ....core.pair.checkin import checkin_due, offer_words
from ....core.pair.ritual import WEEKDAYS
from ....core.pair.story import heatmap, story
from ...css import css
from ...safe import plain, plain_cell
from ...widgets.kept_cards import KeptCardsList
from ...widgets.key_footer import KeyFooter
from ...widgets.plans_list import PlansList
from ...widgets.title_bar import TitleBar
from ..dialogs import TextPromptScreen

if TYPE_CHECKING:
    from ...app import SparkApp


class OurStoryScreen(Screen):
    """The pair's story: streak and calendar, decks played, milestones, plans and kept cards."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("story")
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="story.back")]

    def compose(self) -> ComposeResult:
        app = self.app
        names = {loaded.deck.id: loaded.deck.name for loaded in app.library.decks}
        told = story(app.history, names, app.clock().date())
        yield TitleBar()
        with VerticalScroll(id="story-body"):
            yield Static("Our story", id="story-title")
            yield Static(f"Weekly streak: {told.streak} (best {told.best_streak}). {told.ritual}", id="story-streak")
            with Horizontal(id="story-ritual"):
                yield Label("Our ritual day ")
                yield Select(
                    [(day, index) for index, day in enumerate(WEEKDAYS)],
                    value=app.history.ritual_day,
                    allow_blank=False,
                    id="story-ritual-day",
                )
            with Horizontal(id="story-keep"):
                yield Button("Add to calendar…", id="story-calendar")
                yield Button("Keepsake…", id="story-keepsake")
            yield Static(
                f"{plural(told.rounds, 'round')}, {plural(told.cards, 'card')} done together, "
                f"{plural(told.plans_done, 'plan')} kept.",
                id="story-totals",
            )
            yield Static(f"The last {len(told.weeks)} weeks", classes="story-heading")
            yield Static(heatmap(told.weeks), id="story-heatmap")
            yield Static(
                "26 weeks ago  →  this week   (· none, ░ one round, ▒ two, more is darker)", classes="story-legend"
            )
            yield Static("Cards per deck", classes="story-heading")
            yield DataTable(id="story-decks", cursor_type="none", zebra_stripes=True)
            yield Static("Milestones", classes="story-heading")
            for milestone in told.milestones:
                yield Static(
                    ("✓ " if milestone.reached else "· ") + milestone.name,
                    classes="milestone reached" if milestone.reached else "milestone",
                )
            yield Static("Our plans (enter: done, or let go)", classes="story-heading")
            yield PlansList(id="story-plans", classes="story-kept")
            yield Static("Our favourites (enter takes a card off)", classes="story-heading")
            yield KeptCardsList("favourites", id="story-favourites", classes="story-kept")
            yield Static("Saved for later (enter lets a card go)", classes="story-heading")
            yield KeptCardsList("revisit", id="story-later", classes="story-kept")
            yield Static("Not for us (enter brings a card back)", classes="story-heading")
            yield KeptCardsList("retired", id="story-retired", classes="story-kept")
            yield Static("Cards you loved", classes="story-heading")
            for card in told.loved[:10]:
                yield Static(plain(f"♥ {card.text}  ({card.deck_name})"), classes="story-loved")
            if not told.loved:
                yield Static("None yet: press 3 after a card that moved you.", classes="story-none")
            yield Static("Checking in", classes="story-heading")
            yield Static(id="story-checkin-note", classes="story-legend")
            yield Button("A quiet check-in", id="story-checkin")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#story-decks", DataTable)
        table.add_columns("Deck", "Cards")
        names = {loaded.deck.id: loaded.deck.name for loaded in self.app.library.decks}
        for name, count in story(self.app.history, names, self.app.clock().date()).cards_by_deck:
            table.add_row(plain_cell(name), count)
        self.show_checkin()
        self.query_one("#story-body").focus()  # arrows and Page keys scroll; Tab reaches the lists and buttons

    def show_checkin(self) -> None:
        """Open once a month; until then the button rests, with a kind word about when it opens."""
        last, today = self.app.history.last_checkin, self.app.clock().date()
        self.query_one("#story-checkin", Button).disabled = not checkin_due(last, today)
        self.query_one("#story-checkin-note", Static).update(plain(offer_words(last, today)))

    @on(Button.Pressed, "#story-checkin")
    def _checkin(self) -> None:
        from .checkin import CheckinScreen

        self.app.push_screen(CheckinScreen(), callback=lambda _: self.show_checkin())

    @on(Select.Changed, "#story-ritual-day")
    def _ritual_day_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.app.history.ritual_day:
            self.app.session.set_ritual_day(event.value)
            told = story(self.app.history, {}, self.app.clock().date())
            self.query_one("#story-streak", Static).update(
                f"Weekly streak: {told.streak} (best {told.best_streak}). {told.ritual}"
            )

    @on(Button.Pressed, "#story-calendar")
    def _calendar(self) -> None:
        from ...keeping import CALENDAR_SUGGESTION, PATH_LIMIT, write_calendar_file

        question = "Write our ritual and dated plans to which calendar file (.ics)?"
        prompt = TextPromptScreen(question, CALENDAR_SUGGESTION, PATH_LIMIT)
        self.app.push_screen(prompt, callback=lambda answer: write_calendar_file(self.app, answer))

    @on(Button.Pressed, "#story-keepsake")
    def _keepsake(self) -> None:
        from ...keeping import KEEPSAKE_SUGGESTION, PATH_LIMIT, write_keepsake_file

        question = "Write our keepsake to which file (.html to open in a browser, .md for Markdown)?"
        prompt = TextPromptScreen(question, KEEPSAKE_SUGGESTION, PATH_LIMIT)
        self.app.push_screen(prompt, callback=lambda answer: write_keepsake_file(self.app, answer))
