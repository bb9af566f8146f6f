"""Hands: each partner's phone joins the round, for a reaction, a quiet pass and a gentler round.

The Play screen owns the round's HandServer (web/hands.py) and starts it from here when the pair
asks; this screen offers it, then shows each partner's code and address, who has joined, and a
way to close the table to the phones. The codes are shown in text too, for a phone that can't scan.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ....core.hands import AloneIntent, Corners, HandTable, Intent
from ....core.play import Action
from ....core.session.limits import tags_of
from ....web.serve import qr_lines
from ...css import css
from ...safe import notify_plain, plain

if TYPE_CHECKING:
    from ....web.hands import HandServer
    from .play import PlayScreen

ON_SCREEN_QUIET_ZONE = 2  # modules of light round a code on a screen; phones read it with less than print needs
OFFER = (
    "Each of you can hold a hand: your own phone at this table, for what is yours alone. "
    "From it you give your reaction, pass a card or turn the round gentler (this screen "
    "never says who asked), answer secret cards and wishes, shown here once you both have, "
    "and, just for you, set your private limits or do the monthly check-in. "
    "The game keeps playing on this keyboard as before."
)

# What each of the screen's buttons dismisses it with (Play opens, stops or leaves the hands).
CHOICES = {
    "hands-lan": "lan",
    "hands-local": "local",
    "hands-not-now": "close",
    "hands-done": "close",
    "hands-stop": "stop",
}


class HandsScreen(ModalScreen[str]):
    """Offer hands, or show the codes of the hands already offered. Dismisses with what the pair chose."""

    CSS_PATH = css("modals")
    HORIZONTAL_BREAKPOINTS = [(0, "-tight"), (64, "-narrow"), (96, "-wide")]
    BINDINGS = [Binding("escape", "dismiss('close')", "Close", id="hands.close")]

    def __init__(self, server: HandServer | None) -> None:
        super().__init__()
        self.server = server

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="hands-box"):
            if self.server is None or not self.server.running:
                yield Static(plain(OFFER), id="hands-offer")
                yield Static(
                    plain("Phones join over your home network. Only open it on a network you trust."),
                    classes="hands-note",
                )
                with Horizontal(classes="hands-buttons"):
                    yield Button("Open to our home network", id="hands-lan", variant="primary")
                    yield Button("This computer only", id="hands-local")
                    yield Button("Not now", id="hands-not-now")
                return
            with Horizontal(id="hands-codes"):
                for player, name in enumerate(self.server.table.players):
                    with Vertical(classes="hand-code"):
                        yield Static(plain(f"{name}'s hand"), classes="hand-name", id=f"hand-name-{player}")
                        code = "\n".join(qr_lines(self.server.address(player), ON_SCREEN_QUIET_ZONE))
                        yield Static(Text(code, style="black on white", no_wrap=True), classes="hand-qr")
                        yield Static(plain(self.server.address(player)), classes="hand-address")
                        yield Static("", classes="hand-joined", id=f"hand-joined-{player}")
            yield Static(
                plain("Each of you scans your own code. A code opens only its owner's hand."), classes="hands-note"
            )
            with Horizontal(classes="hands-buttons"):
                yield Button("Done", id="hands-done", variant="primary")
                yield Button("Close the table to phones", id="hands-stop")

    def on_mount(self) -> None:
        self.show_joined()
        if self.server is not None and self.server.running:
            self.set_interval(0.5, self.show_joined)

    def show_joined(self) -> None:
        if self.server is None or not self.server.running:
            return
        joined = self.server.joined()
        for player in (0, 1):
            label = "✓ joined" if player in joined else "not joined yet"
            self.query_one(f"#hand-joined-{player}", Static).update(label)

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(CHOICES[event.button.id or ""])


class PhoneHands:
    """The Play screen's hands: the server while it runs, and the road from a phone's intent to the screen's actions."""

    def __init__(self, play: PlayScreen) -> None:
        self.play = play
        self.server: HandServer | None = None
        self.seen: set[int] = set()  # partners whose hand joined this table

    def offer(self) -> None:
        self.play.app.push_screen(HandsScreen(self.server), self._chosen)

    async def _chosen(self, choice: str | None) -> None:
        if choice in ("lan", "local"):
            await self.open(lan=choice == "lan")
        elif choice == "stop":
            await self.close()
            self.play.refresh_view()  # a card for the phones on the table can now be passed, and none comes again
            notify_plain(self.play.app, "The table is closed to phones: the round goes on here.", timeout=4)

    async def open(self, *, lan: bool) -> None:
        """Start this round's hands (a fresh secret for each partner) and show their codes."""
        from ....web.hands import HandServer

        game, app = self.play.game, self.play.app
        decks = [loaded.deck for loaded in app.library.decks if not loaded.deck.mature] + list(game.decks.values())
        corners = Corners(app.session, game.settings.players, tags_of(decks))
        table = HandTable(game.settings.players, corners)
        server = HandServer(table, lambda: self.play.game, self.from_hand, lan=lan, joined=self.joined)
        try:
            await server.start()
        except OSError as error:
            reason = error.strerror or str(error)
            notify_plain(self.play.app, f"Phones can't join: {reason}.", title="Hands", severity="error", timeout=8)
            return
        self.server = server
        self.offer()

    def joined(self, player: int) -> None:
        """Once both hands have joined, the cards answered on the phones come to the table."""
        self.seen.add(player)
        if len(self.seen) == 2 and not self.play.game.hands_at_table:
            self.play.game.hands_at_table = True
            self.play.refresh_view()

    async def close(self) -> None:
        server, self.server = self.server, None
        self.seen = set()
        self.play.game.hands_at_table = False
        if server is not None:
            server.push()
            await server.stop()

    def changed(self) -> None:
        """The round changed on the shared screen: every hand is sent its view."""
        if self.server is not None:
            self.server.push()

    def from_hand(self, player: int, intent: Intent | AloneIntent) -> Awaitable[None] | None:
        """An intent from a partner's phone goes through the same action, and the same check, as a key."""
        if isinstance(intent, AloneIntent):
            return self._alone(player, intent)
        if intent.action is Action.REACT:
            self.play.action_react(int(intent.argument))  # type: ignore[call-overload]
        elif intent.action is Action.PASS:
            self.play.action_pass_card()
        elif intent.action is Action.BRAKE:
            self.play.action_brake()
        elif intent.action is Action.ANSWER:
            self.play.answer_from_hand(intent.argument)
        return None

    async def _alone(self, player: int, intent: AloneIntent) -> None:
        """A partner's own limits or check-in: only their hand hears back, but for the check-in's page for both."""
        server = self.server
        if server is None or server.table.corners is None:
            return
        if await server.table.corners.handle(player, intent):
            self.play.refresh_view()  # tonight's cards follow the new limits; a deck they wholly cover greys
        server.push(None if intent.name.startswith("checkin-") else player)
