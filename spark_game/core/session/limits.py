"""The pair's private limits in a play session: sealed lists kept, tried, and applied to the round in play.

A part of `PlaySession`, kept apart so the session reads in one sitting. A partner's secret gives a
key that stays in memory for the evening (`keys`), never in a file. Opening or sealing a list costs
a scrypt derivation (about 0.4 s and 128 MiB): it runs on a worker thread, so the loop that owns the
round (Textual's, with the hands' server on it) goes on, and what it gave is applied back on that loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from ..decks.model import Deck
from ..pair.history import PairHistory
from ..pair.limits import SealedLimits, seal_limits
from ..play import Round, withheld_cards

NO_KEY = b""  # a key that opens nothing: the partner chose to play without their limits this evening


def tags_of(decks: Iterable[Deck]) -> set[str]:
    return {tag for deck in decks for card in deck.cards for tag in card.tags}


class SessionLimits:
    """Limits for `PlaySession`, which gives it the history, tonight's keys, the round and the history's writer."""

    history: PairHistory
    keys: dict[str, bytes]  # casefolded name -> the key a partner's secret gave this evening
    round: Round | None
    clock: Callable[[], datetime]
    save_history: Callable[[], None]

    async def set_limits(self, name: str, tags: list[str], secret: str = "") -> None:
        """Replace one partner's private limits, sealed under their secret; it opens them for tonight too.

        The sealing runs on a worker thread. Raises ValueError when there are tags and the secret can't seal them."""
        self.keep_limits(name, await asyncio.to_thread(seal_limits, tags, secret))

    def keep_limits(self, name: str, sealed: tuple[SealedLimits, bytes] | None) -> None:
        """A partner's new list, sealed already with its key (None: forgotten), kept and applied from the next card."""
        self.history.keep_limits(name, sealed[0] if sealed is not None else None)
        if sealed is not None:
            self.keys[name.strip().casefold()] = sealed[1]
        else:
            self.keys.pop(name.strip().casefold(), None)
        self.withhold_anew()
        self.save_history()

    async def unlock_limits(self, name: str, secret: str, known_tags: list[str]) -> tuple[list[str] | None, float]:
        """A partner's own list for their secret, and the seconds to wait before another try (the wait is kept).

        The right secret also opens the list for rounds this evening: its key is kept in memory, never written.
        The try runs on a worker thread; it counts against the list as it is when it ends, and a list replaced
        meanwhile counts it for nothing and stays closed.
        """
        sealed = self.history.sealed_limits(name)
        if sealed is None or not sealed.has_pin:
            return None, 0.0
        wait = sealed.wait_before_try(self.clock())
        if wait > 0:
            return None, wait
        opened = await asyncio.to_thread(sealed.open_with, secret)
        if self.history.sealed_limits(name) is not sealed:
            return None, 0.0
        now = self.clock()
        self.history.count_try(name, opened is not None, now)
        self.save_history()
        if opened is None:
            return None, sealed.after_try(False, now).wait_before_try(now)
        if sealed.sealed_by_secret:
            self.keys[name.strip().casefold()] = opened
            self.withhold_anew()
        return sealed.words(known_tags, opened), 0.0

    def withhold_anew(self) -> None:
        """The round in play leaves out what tonight's open limits leave out, from its next card on."""
        game = self.round
        if game is None:
            return
        left_out = self.history.left_out_tags(game.settings.players, tags_of(game.decks.values()), self.keys)
        game.settings = replace(game.settings, left_out_tags=left_out)
        game.withheld = withheld_cards(game.decks, left_out)

    def play_without_limits(self, name: str) -> None:
        """A partner's own choice, made alone: this evening's rounds leave their sealed limits aside."""
        self.keys[name.strip().casefold()] = NO_KEY

    def locked_limits(self, players: tuple[str, str]) -> list[str]:
        """Who must type their secret before a round with these players can leave their cards out."""
        return self.history.locked_limits(players, self.keys)
