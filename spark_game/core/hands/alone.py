"""What a partner does alone on their own hand: their private limits and the monthly quiet check-in.

Each hand is sent its own corner and nobody else's (`Corners.view`), so the other hand and the
shared screen never see a partner's limits, what they ticked, or that they opened either. Of the
check-in, only whether one partner's ticks suggest support is kept, in memory, until both are in;
then both hands show the same last page and only the day is saved (`PlaySession.note_checkin`).

A try at a secret, or sealing a new list, costs a scrypt derivation (about 0.4 s): it runs on a
worker thread, and what it changes is applied back on the loop that owns the round, against the
list as it is then (`PlaySession.unlock_limits`, `set_limits`), so a key press meanwhile never races it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..pair.checkin import ASK, STATEMENTS, TOWARDS_HELP, WARM, checkin_due, offer_words, suggests_support
from ..pair.limits import PASSPHRASE_CHARS, SECRET_RULE, group_tags, still_closed, tag_words
from ..play import Action
from ..session.play_session import PlaySession

ALONE_INTENTS = frozenset(
    {
        "limits-open",
        "limits-unlock",
        "limits-save",
        "limits-clear",
        "limits-close",
        "checkin-open",
        "checkin-send",
        "checkin-stop",
        "checkin-close",
    }
)
LIMITS_WORDS = (
    "Cards on what you choose here are left out of every round you play, from the next card on. "
    "Never shown on the shared screen or on {partner}'s phone, and sealed in the file behind your PIN."
)
SAVED = "Saved privately. Cards on these are left out from the next card on, in every round you play."
CLEARED = "Cleared: no card is left out for you now."
ON_THE_TABLE = "The card on the table is one of them: it can be passed from here, quietly."
SENT = "Thank you. When {partner} has checked in too, you both see the same page here."
OTHER_IN = "{partner} has checked in. Yours, whenever you like, on your own."


@dataclass(frozen=True)
class AloneIntent:
    """Something a partner asked for that is theirs alone, not the round's: a name from ALONE_INTENTS."""

    name: str
    value: object = None


@dataclass
class Corner:
    """One partner's corner of their hand, in memory only: what they opened, and what only they may see."""

    panel: str = ""  # "", "limits" or "checkin": what this partner has open on their hand
    secret: str = ""  # what opened their list on the hand, to seal a changed one with
    chosen: tuple[str, ...] = ()  # their list's tags, once opened
    unlocked: bool = False
    note: str = ""  # one line for them: why the list stays closed, or what was saved
    busy: bool = False  # a slow derivation is running for this partner: a second one waits its turn
    support: bool | None = None  # their check-in, once sent: whether their ticks suggest support
    page_read: bool = False  # they closed the check-in's last page


class Corners:
    """Both partners' corners for one table, with the session that keeps their limits and check-in."""

    def __init__(self, session: PlaySession, players: tuple[str, str], tags: Iterable[str]) -> None:
        self.session = session
        self.players = players
        self.tags = sorted(set(tags))  # what a list may hold: the game's tags
        self.corners = (Corner(), Corner())
        self.page = ""  # the check-in's last page once both sent theirs: "support" or "thanks"

    # ------------------------------------------------------------------ what a hand is shown

    def view(self, player: int) -> dict[str, Any]:
        """One partner's corner: their list only while they have it open, the check-in as it stands for them."""
        corner = self.corners[player]
        return {
            "panel": corner.panel,
            "note": corner.note,
            "limits": self._limits(player) if corner.panel == "limits" else None,
            "checkin": self._checkin(player),
        }

    def _locked(self, player: int) -> bool:
        sealed = self.session.history.sealed_limits(self.players[player])
        return sealed is not None and sealed.has_pin and not self.corners[player].unlocked

    def _limits(self, player: int) -> dict[str, Any]:
        corner = self.corners[player]
        sealed = self.session.history.sealed_limits(self.players[player])
        topics, practical = group_tags(self.tags)
        return {
            "words": LIMITS_WORDS.format(partner=self.players[1 - player]),
            "locked": self._locked(player),
            "has_list": sealed is not None,
            "topics": [[tag, tag_words(tag)] for tag in topics],
            "practical": [[tag, tag_words(tag)] for tag in practical],
            "chosen": list(corner.chosen),
            "keeps": bool(corner.secret) and sealed is not None and sealed.sealed_by_secret,
            "old_seal": sealed is not None and not sealed.sealed_by_secret,
        }

    def _checkin(self, player: int) -> dict[str, Any]:
        corner, other = self.corners[player], self.corners[1 - player]
        partner = self.players[1 - player]
        last, today = self.session.history.last_checkin, self.session.today()
        if self.page and not corner.page_read and corner.support is not None:
            return {"state": "page", "page": self.page, "words": TOWARDS_HELP if self.page == "support" else WARM}
        if corner.support is not None and not self.page:
            return {"state": "sent", "words": SENT.format(partner=partner)}
        if not checkin_due(last, today) or self.page:
            return {"state": "", "words": offer_words(last, today)}
        if corner.panel == "checkin":
            return {"state": "ticking", "words": ASK, "statements": list(STATEMENTS)}
        words = OTHER_IN.format(partner=partner) if other.support is not None else offer_words(last, today)
        return {"state": "offer", "words": words}

    # ------------------------------------------------------------------ what a hand asks

    async def handle(self, player: int, intent: AloneIntent) -> bool:
        """Apply one partner's intent to their own corner. True when their limits changed what a round leaves out."""
        corner = self.corners[player]
        if corner.busy:
            return False
        name, value = intent.name, intent.value
        if name.startswith("checkin-"):
            self._checkin_intent(player, name, value)
            return False
        if name == "limits-open":
            corner.panel, corner.note = "limits", ""
            return False
        if name == "limits-close":
            self._closed(player, "")
            return False
        if corner.panel != "limits":
            return False
        corner.busy = True
        try:
            if name == "limits-unlock":
                return await self._unlock(player, value)
            if self._locked(player):
                return False
            if name == "limits-clear":
                self.session.keep_limits(self.players[player], None)
                self._closed(player, CLEARED)
                return True
            return await self._save(player, value)
        finally:
            corner.busy = False

    async def _unlock(self, player: int, secret: object) -> bool:
        corner = self.corners[player]
        if not isinstance(secret, str) or not 0 < len(secret) <= PASSPHRASE_CHARS[1] or not self._locked(player):
            return False
        words, wait = await self.session.unlock_limits(self.players[player], secret, self.tags)
        if words is None:
            corner.note = still_closed(wait)
            return False
        corner.unlocked, corner.secret, corner.chosen, corner.note = True, secret, tuple(words), ""
        return True

    async def _save(self, player: int, value: object) -> bool:
        corner = self.corners[player]
        if not isinstance(value, dict):
            return False
        tags, typed = value.get("tags"), value.get("secret", "")
        if not isinstance(tags, list) or not isinstance(typed, str) or not set(tags) <= set(self.tags):
            return False
        try:
            await self.session.set_limits(self.players[player], sorted(set(tags)), typed or corner.secret)
        except ValueError:
            corner.note = SECRET_RULE
            return False
        game = self.session.round
        on_the_table = game is not None and game.card is not None and bool(set(game.card.tags) & set(tags))
        passable = on_the_table and game is not None and game.allows(Action.PASS)
        self._closed(player, f"{SAVED} {ON_THE_TABLE}" if passable else SAVED if tags else CLEARED)
        return True

    def _closed(self, player: int, note: str) -> None:
        """The list goes back behind its secret on the hand (a phone left on the sofa shows nothing of it)."""
        corner = self.corners[player]
        corner.panel, corner.secret, corner.chosen, corner.unlocked, corner.note = "", "", (), False, note

    def _checkin_intent(self, player: int, name: str, value: object) -> None:
        corner = self.corners[player]
        state = self._checkin(player)["state"]
        if name == "checkin-open" and state == "offer":
            self._closed(player, "")  # an open list closes behind its secret first
            corner.panel = "checkin"
        elif name == "checkin-stop" and state == "ticking":
            corner.panel = ""
        elif name == "checkin-close" and state == "page":
            corner.page_read, corner.panel = True, ""
        elif name == "checkin-send" and state == "ticking" and (ticked := _ticks(value)) is not None:
            corner.support, corner.panel = suggests_support(len(ticked)), ""
            supports = [c.support for c in self.corners]
            if None not in supports:
                self.page = "support" if any(supports) else "thanks"
                self.session.note_checkin()


def _ticks(value: object) -> set[int] | None:
    """The statements a partner ticked, by index, or None when the message isn't a list of them."""
    if not isinstance(value, list) or not all(type(index) is int for index in value):
        return None
    ticked = set(value)
    return ticked if ticked <= set(range(len(STATEMENTS))) else None
