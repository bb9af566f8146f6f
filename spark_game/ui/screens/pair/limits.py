"""One partner's private limits: topics to leave out, never shown to the other, sealed in the file.

Whoever opens "<name>'s limits" sees no ticks: the saved list comes back only
with that partner's PIN. Without a PIN the list opens blank and can only be
replaced or cleared, so the other partner can never read it off the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from ....core.pair.limits import (
    PASSPHRASE_CHARS,
    SECRET_RULE,
    SealedLimits,
    group_tags,
    still_closed,
    tag_words,
    valid_secret,
)
from ...css import css
from ...safe import plain, template
from .consent import consent_heading

if TYPE_CHECKING:
    from ...app import SparkApp

HONEST = (
    "Kept on this computer, sealed in the file, never shown to anyone in the game. "
    "Cards on these are left out of every round you play."
)

OPENING = "Opening…"  # while the secret is tried (about half a second), on a worker thread


@dataclass(frozen=True)
class LimitsChoice:
    """What a partner chose in the limits dialog: the tags to leave out and their PIN."""

    tags: list[str]  # empty: clear the list
    pin: str  # empty: no PIN


Result = TypeVar("Result")


class SecretScreen(ModalScreen[Result]):
    """A dialog where one partner types their secret: the try runs in a worker, one at a time, saying so meanwhile."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    player: str
    trying = False

    async def try_secret(self, typed: str, known_tags: list[str], problem: Static) -> list[str] | None:
        """The partner's list for the secret typed (None: it stays closed, and `problem` says why)."""
        self.trying = True
        problem.update(OPENING)
        try:
            mine, wait = await self.app.session.unlock_limits(self.player, typed, known_tags)
        finally:
            self.trying = False
        problem.update("" if mine is not None else still_closed(wait))
        return mine


class LimitsScreen(SecretScreen[LimitsChoice | None]):
    """Tick topics (and practical things) to leave out; the saved ticks show only with the partner's PIN."""

    CSS_PATH = css("modals")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save privately", id="limits.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="limits.cancel"),
    ]

    def __init__(self, name: str, other: str, tags: list[str], sealed: SealedLimits | None) -> None:
        super().__init__()
        self.player, self.other, self.tags, self.sealed = name, other, tags, sealed
        self.pin = ""  # the PIN that unlocked the list, kept to seal the new one with

    @property
    def locked(self) -> bool:
        return self.sealed is not None and self.sealed.has_pin and not self.pin

    def compose(self) -> ComposeResult:
        topics, practical = group_tags(self.tags)
        with VerticalScroll(classes="consent-box"):
            yield from consent_heading(template("[b]$me[/b]'s private limits", me=self.player), template(HONEST))
            yield Static(id="limits-state")
            with Horizontal(id="limits-pin-row"):
                yield Input(password=True, max_length=PASSPHRASE_CHARS[1], id="limits-pin")
                yield Button("Unlock", id="limits-unlock")
            with Horizontal(id="limits-lists"):
                with Vertical():
                    yield Static("Topics", classes="limits-heading")
                    yield SelectionList[str](*self._choices(topics), id="limits-topics")
                with Vertical():
                    yield Static("Practical", classes="limits-heading")
                    yield SelectionList[str](*self._choices(practical), id="limits-practical")
            yield Static(id="limits-problem")
            with Horizontal(classes="consent-buttons"):
                yield Button("Save privately", id="limits-save", variant="primary")
                yield Button("Clear my limits", id="limits-clear")
                yield Button("Cancel", id="limits-cancel")

    def _choices(self, tags: list[str]) -> list[Selection[str]]:
        return [Selection(plain(tag_words(tag)), tag, False) for tag in tags]

    def on_mount(self) -> None:
        self.show_state()

    def show_state(self) -> None:
        locked = self.locked
        self.query_one("#limits-lists").display = not locked
        self.query_one("#limits-unlock").display = locked
        for button_id in ("#limits-save", "#limits-clear"):
            self.query_one(button_id, Button).disabled = locked
        pin = self.query_one("#limits-pin", Input)
        if locked:
            state = template("Your list is kept behind your PIN or passphrase. Type it to see or change it.")
            pin.placeholder = "your PIN or passphrase"
            pin.focus()
        else:
            old_seal = self.sealed is not None and not self.sealed.sealed_by_secret
            state = template(
                (
                    "Your list was sealed the old way, which someone reading this computer's files could open. "
                    if old_seal
                    else ""
                )
                + "Your list is kept behind a PIN (6 to 12 digits) or a passphrase (8 characters or more): "
                "it opens only with it, here and when a round starts. Nobody else can read it from the files."
            )
            keeps = self.sealed is not None and self.sealed.sealed_by_secret and valid_secret(self.pin)
            pin.placeholder = "new PIN or passphrase (blank keeps yours)" if keeps else "PIN or passphrase"
            self.query_one("#limits-topics").focus()
        self.query_one("#limits-state", Static).update(state)

    @on(Button.Pressed, "#limits-unlock")
    @on(Input.Submitted, "#limits-pin")
    @work(group="secret")
    async def _unlock(self) -> None:
        if not self.locked or self.trying:
            return
        field = self.query_one("#limits-pin", Input)
        typed, field.value = field.value, ""
        mine = await self.try_secret(typed, self.tags, self.query_one("#limits-problem", Static))
        if mine is None:
            return
        self.pin = typed
        topics, _ = group_tags(self.tags)
        for tag in mine:
            self.query_one("#limits-topics" if tag in topics else "#limits-practical", SelectionList).select(tag)
        self.show_state()

    @on(Button.Pressed, "#limits-save")
    def action_save(self) -> None:
        if self.locked:
            return
        new_pin = self.query_one("#limits-pin", Input).value or self.pin
        tags = sorted(
            {
                *self.query_one("#limits-topics", SelectionList).selected,
                *self.query_one("#limits-practical", SelectionList).selected,
            }
        )
        if tags and not valid_secret(new_pin):
            self.query_one("#limits-problem", Static).update(SECRET_RULE)
            return
        self.dismiss(LimitsChoice(tags, new_pin if tags else ""))

    @on(Button.Pressed, "#limits-clear")
    def _clear(self) -> None:
        if not self.locked:
            self.dismiss(LimitsChoice([], ""))

    @on(Button.Pressed, "#limits-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class UnlockLimitsScreen(SecretScreen[bool]):
    """Before a round: one partner, alone, opens their limits with their secret so tonight's cards leave them out.

    "Not tonight" plays this evening without that partner's limits; it is their choice, made while the other
    looks away. The key stays in memory until the game closes.
    """

    CSS_PATH = css("modals")
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel", id="unlock.cancel")]

    def __init__(self, name: str, other: str) -> None:
        super().__init__()
        self.player, self.other = name, other

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="consent-box"):
            yield from consent_heading(
                template("[b]$me[/b]'s private limits", me=self.player),
                template("Type your PIN or passphrase, so tonight's cards leave your limits out."),
            )
            yield Input(
                password=True, max_length=PASSPHRASE_CHARS[1], placeholder="your PIN or passphrase", id="unlock-pin"
            )
            yield Static(id="unlock-problem")
            with Horizontal(classes="consent-buttons"):
                yield Button("Open my limits", id="unlock-open", variant="primary")
                yield Button("Not tonight", id="unlock-skip")
                yield Button("Cancel", id="unlock-cancel")

    def on_mount(self) -> None:
        self.query_one("#unlock-pin", Input).focus()

    @on(Button.Pressed, "#unlock-open")
    @on(Input.Submitted, "#unlock-pin")
    @work(group="secret")
    async def _open(self) -> None:
        if self.trying:
            return
        field = self.query_one("#unlock-pin", Input)
        typed, field.value = field.value, ""
        if await self.try_secret(typed, [], self.query_one("#unlock-problem", Static)) is not None:
            self.dismiss(True)

    @on(Button.Pressed, "#unlock-skip")
    def _skip(self) -> None:
        self.app.session.play_without_limits(self.player)
        self.dismiss(True)

    @on(Button.Pressed, "#unlock-cancel")
    def _cancel(self) -> None:
        self.dismiss(False)
