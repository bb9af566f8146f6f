"""The quiet check-in: each partner alone ticks what is true, and both see one page; nothing about the ticks is kept.

The flow passes on a single yes or no per partner ("two or more ticked"), not
the ticks; the screen between the turns says the same whatever was ticked, and
the page at the end never says who ticked what, or how many. Only the date is
saved (`PlaySession.note_checkin`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Click
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Markdown, Static

from ....core.pair.checkin import ASK, OUTSIDE_HELP, STATEMENTS, TOWARDS_HELP, WARM, checkin_due, suggests_support
from ...css import css
from ...safe import plain, template
from ...widgets.key_footer import KeyFooter
from ...widgets.title_bar import TitleBar
from .consent import LookAwayScreen, consent_heading

if TYPE_CHECKING:
    from ...app import SparkApp

INTRO = (
    "Once a month, if you like. Each of you, alone, reads five short statements and ticks the ones "
    "that are true for you lately. What you tick is never shown to the other or kept: only the day of "
    "the check-in is remembered. At the end you both see the same page: a page on help outside the game "
    "if either of you ticked two or more, a thank-you if not. It never says which of you, or what."
)
THANKS_TITLE = "Thank you for checking in"
WARM_AFTER = "Help & support (in the command palette, Ctrl+P) keeps a page on help outside the game, for any time."
STOPPED = "Stopped. Nothing was kept; you can begin again whenever you like."
FALLBACK_NAMES = ("First partner", "Second partner")


def partners(names: tuple[str, str]) -> tuple[str, str]:
    """The two names the check-in asks by, in turn order; before a first round, neutral words."""
    first, second = (name.strip() for name in names)
    return (first, second) if first and second else FALLBACK_NAMES


class Statement(Horizontal):
    """One statement: a tick box and its words, which wrap; a click on the words ticks it too."""

    def __init__(self, index: int, text: str) -> None:
        super().__init__(classes="checkin-statement")
        self.index, self.text = index, text

    def compose(self) -> ComposeResult:
        yield Checkbox(id=f"checkin-statement-{self.index}")
        yield Static(plain(self.text), classes="checkin-statement-text")

    def on_descendant_focus(self) -> None:
        self.scroll_visible()  # the whole statement, wrapped lines and all

    def on_click(self, event: Click) -> None:
        if event.widget is not None and event.widget.has_class("checkin-statement-text"):
            box = self.query_one(Checkbox)
            box.toggle()
            box.focus()


class StatementsScreen(ModalScreen[bool | None]):
    """One partner alone ticks what is true; gives back only whether the ticks suggest support (None: stopped)."""

    CSS_PATH = css("checkin")
    BINDINGS = [
        Binding("down", "app.focus_next", "Next", id="checkin.next", show=False, priority=True),
        Binding("up", "app.focus_previous", "Previous", id="checkin.previous", show=False, priority=True),
        Binding("ctrl+s", "done", "Done", id="checkin.done"),
        Binding("escape", "dismiss(None)", "Stop", id="checkin.stop"),
    ]

    def __init__(self, me: str, other: str) -> None:
        super().__init__()
        self.me, self.other = me, other

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="checkin-box"):
            yield from consent_heading(template("[b]$me[/b], just for you:", me=self.me), template(ASK))
            with Vertical(id="checkin-statements"):
                for index, text in enumerate(STATEMENTS):
                    yield Statement(index, text)
            yield Static(
                template(
                    "What you tick isn't shown to $other or kept. Two or more ticks from either of you "
                    "bring a page on help for you both at the end, without saying whose.",
                    other=self.other,
                )
            )
            with Horizontal(classes="checkin-buttons"):
                yield Button("Done", id="checkin-done", variant="primary")
                yield Button("Stop", id="checkin-stop")

    def on_mount(self) -> None:
        self.query_one(Checkbox).focus()

    def ticked(self) -> list[int]:
        return [index for index, box in enumerate(self.query(Checkbox).results(Checkbox)) if box.value]

    @on(Button.Pressed, "#checkin-done")
    def action_done(self) -> None:
        self.dismiss(suggests_support(len(self.ticked())))

    @on(Button.Pressed, "#checkin-stop")
    def _stop(self) -> None:
        self.dismiss(None)


class HandOverScreen(ModalScreen[bool]):
    """A plain "Thank you" between the turns: the same words whatever was ticked."""

    CSS_PATH = css("checkin")
    BINDINGS = [
        Binding("enter", "dismiss(True)", "Continue", id="checkin.continue", priority=True),
        Binding("escape", "dismiss(False)", "Stop", id="checkin.handover-stop"),
    ]

    def __init__(self, me: str, other: str, *, last: bool) -> None:
        super().__init__()
        self.me, self.other, self.last = me, other, last

    def compose(self) -> ComposeResult:
        after = (
            "Now call [b]$other[/b] back: what comes next is for you both. Press Enter when you are both here."
            if self.last
            else "Please hand over to [b]$other[/b] and press Enter."
        )
        with Vertical(classes="checkin-box"):
            yield from consent_heading(
                template("Thank you, [b]$me[/b].", me=self.me), template(after, other=self.other)
            )


class CheckinScreen(Screen[None]):
    """The quiet check-in from Our story: what it is, both turns, then one page for the two of you."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("checkin")
    BINDINGS = [Binding("escape", "leave", "Back", id="checkin.back")]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="checkin-body"):
            yield Static(template("A quiet check-in"), classes="checkin-title")
            yield Static(template(INTRO), id="checkin-intro")
            yield Static(id="checkin-note")
            with Horizontal(classes="checkin-buttons"):
                yield Button("Begin", id="checkin-begin", variant="primary")
                yield Button("Not now", id="checkin-not-now")
        yield KeyFooter()

    def on_mount(self) -> None:
        due = checkin_due(self.app.history.last_checkin, self.app.clock().date())
        self.query_one("#checkin-begin", Button).disabled = not due
        self.query_one("#checkin-begin" if due else "#checkin-not-now").focus()

    @on(Button.Pressed, "#checkin-not-now")
    @on(Button.Pressed, "#checkin-back")
    def action_leave(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#checkin-begin")
    @work(exclusive=True)
    async def run_checkin(self) -> None:
        """Each partner's turn, alone; then the page for both. Stopping at any point keeps nothing."""
        first, second = partners(self.app.history.names)
        support = False
        for me, other, last in ((first, second, False), (second, first, True)):
            answer = await self.turn(me, other, last=last)
            if answer is None:
                self.query_one("#checkin-note", Static).update(template(STOPPED))
                return
            support = support or answer
        self.app.session.note_checkin()
        await self.show_page(support)

    async def turn(self, me: str, other: str, *, last: bool) -> bool | None:
        """One partner alone, then the plain thank-you: whether their ticks suggest support, or None if stopped."""
        if not await self.app.push_screen_wait(LookAwayScreen(me, other)):
            return None
        answer = await self.app.push_screen_wait(StatementsScreen(me, other))
        if answer is None or not await self.app.push_screen_wait(HandOverScreen(me, other, last=last)):
            return None
        return answer

    async def show_page(self, support: bool) -> None:
        """The same page for both: the kinds of help when either partner's ticks suggest it, else a warm thanks."""
        body = self.query_one("#checkin-body", VerticalScroll)
        await body.remove_children()
        if support:
            page = [Static(template(TOWARDS_HELP)), Markdown(OUTSIDE_HELP, id="checkin-help", open_links=False)]
        else:
            page = [Static(template(WARM)), Static(template(WARM_AFTER), classes="checkin-aside")]
        back = Button("Back to our story", id="checkin-back", variant="primary")
        await body.mount(Static(template(THANKS_TITLE), classes="checkin-title"), *page, back)
        self.set_class(support, "-support")
        back.focus(scroll_visible=False)  # read from the top; Enter still goes back
