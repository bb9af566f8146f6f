"""Consent tools on the New round screen: the opt-in gate for mature decks, and private limits.

Each partner answers on their own while the other looks away; the screens
never show one partner's answer or list to the other.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...css import css
from ...safe import template
from ..dialogs import ConfirmScreen


def consent_heading(title: Content, body: Content) -> ComposeResult:
    """The title and the words of a private question, in the consent boxes' style."""
    yield Static(title, classes="consent-title")
    yield Static(body)


class LookAwayScreen(ModalScreen[bool]):
    """Asks one partner to look away before the other answers something private."""

    CSS_PATH = css("modals")

    BINDINGS = [
        Binding("enter", "dismiss(True)", "Ready", id="lookaway.ready", priority=True),
        Binding("escape", "dismiss(False)", "Cancel", id="lookaway.cancel"),
    ]

    def __init__(self, answering: str, looking_away: str) -> None:
        super().__init__()
        self.answering, self.looking_away = answering, looking_away

    def compose(self) -> ComposeResult:
        with Vertical(classes="consent-box"):
            yield Static(
                template("[b]$away[/b], please look away for a moment.", away=self.looking_away),
                classes="consent-title",
            )
            yield Static(template("[b]$me[/b], press Enter when only you can see the screen.", me=self.answering))


class OptInScreen(ConfirmScreen):
    """One partner's own yes or "not tonight" to a mature deck; "not tonight" has the focus, and no key says yes."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Not tonight", id="optin.no")]

    def __init__(self, name: str, deck_names: str) -> None:
        super().__init__("", yes="Yes, I'd like that", no="Not tonight")
        self.player, self.deck_names = name, deck_names

    def compose(self) -> ComposeResult:
        with Vertical(classes="consent-box"):
            yield from consent_heading(
                template("[b]$me[/b], just for you:", me=self.player),
                template(
                    "Would you like $decks in tonight's round? It joins only if you both say yes, "
                    "and nobody will see who said what.",
                    decks=self.deck_names,
                ),
            )
            with Horizontal(classes="consent-buttons"):
                yield Button(self.no, id="confirm-no", variant="primary")
                yield Button(self.yes, id="confirm-yes")
