"""A play session: the pair's history, the round in play, and what is written when.

Screens call a `PlaySession`; it asks the engine whether an action is allowed,
applies it, remembers in the history what the pair decided (favourites, "not
for us", "later", limits, the ritual day) and saves, off the caller's thread.
Nothing here imports Textual, so every rule of what gets written is tested
without the Pilot.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..decks.model import Card, Deck
from ..pair.history import PairHistory, Plan
from ..pair.history_file import HistoryWriter, history_to_document, load_history
from ..pair.settings import ROUND_LENGTHS, LoadedPreferences, Preferences, load_preferences, update_preferences
from ..play import Action, Phase, Round, RuleError, Settings, UndoStep, cards_left, new_round
from ..play.hand_answers import answer
from ..saves import BackgroundSaver, RoundFile, RoundLock, SaveError, delete_save, read_save
from ..saves.encoder import snapshot
from .limits import SessionLimits, tags_of

# What each action does to the round; CHOOSE and REACT take an argument, TIMER changes nothing saved.
_MOVES: dict[Action, Callable[[Round, object], object]] = {
    Action.CHOOSE: lambda game, deck_id: game.choose_deck(str(deck_id)),
    Action.SURPRISE: lambda game, _: game.choose_deck(None),
    Action.COMPLETE: lambda game, _: game.complete(),
    Action.PASS: lambda game, _: game.pass_card(),
    Action.REACT: lambda game, reaction: game.react(int(reaction)),  # type: ignore[call-overload]
    Action.FAVOURITE: lambda game, _: game.toggle_favourite(),
    Action.BRAKE: lambda game, _: game.brake(),
    Action.RETIRE: lambda game, _: game.retire_card(),
    Action.LATER: lambda game, _: game.later(),
    Action.FINISH: lambda game, _: game.finish(),
    Action.UNDO: lambda game, _: game.undo(),
    Action.NOTE: lambda game, text: game.write_note(str(text)),
    Action.ANSWER: answer,
}


def _favourite_records(game: Round) -> set[tuple[str, str]]:
    return {(record.deck_id, record.card.id) for record in game.history if record.favourite}


@dataclass(frozen=True)
class Step:
    """What one action did: the card now offered (after a pass, a brake…) and a favourite's new mark."""

    action: Action
    offered: Card | None = None
    favourite: bool = False
    notice: str = ""  # the engine's word on the card dealt, when it is not the one asked for


class LimitsLocked(RuleError):
    """A round can't start until these partners type their secret: their limits are sealed under it."""

    def __init__(self, names: list[str], pair: tuple[str, str]) -> None:
        super().__init__(f"{' and '.join(names)} first type{'s' if len(names) == 1 else ''} the PIN for their limits.")
        self.names = names
        self.pair = pair


class PlaySession(SessionLimits):
    """The game between screens: one per app (or per browser tab), one round in play at most."""

    def __init__(
        self,
        saves_dir: Path,
        *,
        clock: Callable[[], datetime] = datetime.now,
        report: Callable[[str], None] = lambda message: None,
        settings_file: Path | None = None,
    ) -> None:
        self.saves_dir = saves_dir
        self.clock = clock
        self.report = report  # called on the saver's thread with a one-line problem
        loaded = load_history(saves_dir)
        self.history: PairHistory = loaded.history
        self._history_writer = HistoryWriter(saves_dir, loaded.document)
        self._history_sent: PairHistory | None = None
        self.saver = BackgroundSaver()
        self.round: Round | None = None
        self.round_file: RoundFile | None = None
        self.save_problem: str | None = None  # set while writes fail; the screens keep it in view
        self._starred_here: set[tuple[str, str]] = set()  # favourites this round added to the history
        self.keys: dict[str, bytes] = {}  # casefolded name -> the key a partner's secret gave this evening
        self.settings_file = settings_file  # None: choices are kept for this session only
        chosen = load_preferences(settings_file) if settings_file is not None else LoadedPreferences(Preferences())
        self.preferences: Preferences = chosen.preferences
        self.preferences_problem = chosen.problem  # the settings file was damaged: one line to show

    # ------------------------------------------------------------------ rounds

    def decks_for_rounds(self, library: dict[str, Deck]) -> dict[str, Deck]:
        """The library's decks plus the pair's own: Our favourites and Saved for later, when they hold cards."""
        return dict(library) | self.history.personal_decks()

    def decks_gone(self, settings: Settings, library: dict[str, Deck]) -> list[str]:
        """The decks of these settings that can't be played again: deleted, or every card set aside."""
        decks = self.decks_for_rounds(library)
        retired = self.history.retired_ids()
        left_out = set(self.history.left_out_tags(settings.players, tags_of(decks.values()), self.keys))
        return [
            deck_id
            for deck_id in settings.deck_ids
            if deck_id not in decks or not cards_left(decks[deck_id], retired.get(deck_id, set()), left_out)
        ]

    def start(self, settings: Settings, library: dict[str, Deck], closing: Deck | None = None) -> Round:
        """A new round with the pair's private limits merged in, opened, locked and saved once.

        Raises RuleError when the settings can't make a round, SaveError when it can't be saved.
        """
        decks = self.decks_for_rounds(library)
        locked = self.locked_limits(settings.players)
        if locked:
            raise LimitsLocked(locked, settings.players)
        left_out = self.history.left_out_tags(
            settings.players, tags_of(decks[d] for d in settings.deck_ids if d in decks), self.keys
        )
        settings = replace(settings, left_out_tags=left_out)
        game = new_round(
            settings, decks, self.history.seen, self.history.retired_ids(), closing, self.history.later_ids()
        )
        self.remember_round(settings, decks)
        round_file = RoundFile.create(self.saves_dir, game.settings.players, self.clock())
        try:
            self._open(game, round_file)
        except SaveError as error:  # an unwritable folder: the couple still plays, and is told it isn't saved
            self.round, self.round_file = game, round_file
            self._problem(str(error))
        self.save()
        return game

    def resume(self, path: Path) -> Round:
        """The saved round at path, opened (and locked) unless over; its withheld cards from tonight's limits.

        Raises SaveError, or LimitsLocked (opening nothing) while a partner's sealed limits are not open yet."""
        self.leave()
        lock = RoundLock(path)
        lock.acquire()  # before reading: another window may still write its last turn
        try:
            saved = read_save(path)
        except SaveError:
            lock.release()
            raise
        game = saved.game
        if game.phase is Phase.OVER:
            lock.release()
            return game
        locked = self.locked_limits(game.settings.players)
        if locked:
            lock.release()
            raise LimitsLocked(locked, game.settings.players)
        self._open(game, RoundFile.of(saved, lock))
        self.withhold_anew()
        return game

    def _open(self, game: Round, round_file: RoundFile) -> None:
        if round_file is not self.round_file:
            self.leave()
            self._starred_here = set()
        round_file.open()
        self.round, self.round_file = game, round_file

    def act(self, action: Action, argument: object = None) -> Step | None:
        """Apply one player action to the round in play and save it.

        Returns None, changing nothing, when the engine doesn't allow the action
        now: a key pressed twice, or a click that arrives after the phase moved
        on, is ignored rather than an error.
        """
        game = self.round
        if game is None or action is Action.TIMER or not game.allows(action, argument):
            return None
        deck, card = game.deck, game.card
        favourites_before = _favourite_records(game)
        result = _MOVES[action](game, argument)
        if action is Action.RETIRE and deck is not None and card is not None:
            self.history.retire(deck.id, deck.name, card)
        elif action is Action.LATER and deck is not None and card is not None:
            self.history.revisit_later(deck.id, deck.name, card, self.round_id)
        elif isinstance(result, UndoStep):
            self._take_back(result, favourites_before - _favourite_records(game))
        self.save()
        notice, game.draw_notice = game.draw_notice, ""
        if isinstance(result, bool):
            return Step(action, favourite=result)
        return Step(action, offered=result if isinstance(result, Card) else None, notice=notice)

    def _take_back(self, step: UndoStep, unstarred: set[tuple[str, str]]) -> None:
        """What the pair's history learned from a step undo took back is forgotten too."""
        if step.retired is not None:
            deck_id, _, card = step.retired
            self.history.bring_back(deck_id, card.id)
        if step.action is Action.LATER and step.current_deck is not None and step.current_card is not None:
            assert self.round is not None
            self.history.forget_later(step.current_deck, self.round.decks[step.current_deck].card(step.current_card))
        for deck_id, card_id in unstarred & self._starred_here:
            assert self.round is not None
            self.history.remove_favourite(deck_id, self.round.decks[deck_id].card(card_id))
            self._starred_here.discard((deck_id, card_id))

    @property
    def round_id(self) -> str:
        return self.round_file.save_id if self.round_file is not None else ""

    def save(self) -> None:
        """Save the round in play and the history, off this thread; let go of a round that is over."""
        game, round_file = self.round, self.round_file
        if game is None or round_file is None:
            return
        if game.phase is Phase.OVER:
            self.history.note_finished(game, self.today(), round_file.save_id)
        else:
            self._starred_here |= self.history.note_progress(game, round_file.save_id)
        self._submit(round_file.write, snapshot(game), self.clock())  # encoded off this thread
        self.save_history()
        if game.phase is Phase.OVER:
            self.leave()

    def leave(self) -> None:
        """Let go of the round in play (its last save stays; Continue resumes it).

        A round left before any card was played is not kept: there is nothing to continue.
        """
        game, round_file = self.round, self.round_file
        self.round, self.round_file = None, None
        if round_file is None:
            return
        round_file.close()
        if game is not None and not game.history and game.pending is None and game.phase is not Phase.OVER:
            self.saver.flush()
            with contextlib.suppress(SaveError, OSError):
                delete_save(round_file.path)

    def close(self) -> None:
        """Leave the round and wait for every write: the app is closing."""
        self.leave()
        self.saver.flush()
        self.saver.close()

    def today(self) -> date:
        return self.clock().date()

    # ------------------------------------------------------------------ the pair's choices between rounds

    def make_plan(self, text: str, when: date | None) -> Plan:
        """A plan a card led to (a day, or someday); Home shows the next one until it is done or let go."""
        plan = self.history.add_plan(text, when, self.today(), self.round_id)
        self.save_history()
        return plan

    def settle_plan(self, plan_id: str, status: str) -> None:
        self.history.settle_plan(plan_id, status, self.today())
        self.save_history()

    def note_opted_in(self) -> None:
        """Both partners said yes to an opt-in deck: from now on its name may be shown in the deck lists."""
        if not self.history.opted_in_once:
            self.history.opted_in_once = True
            self.save_history()

    def note_checkin(self) -> None:
        """Both partners finished the quiet check-in: only today's date is kept, never what either ticked."""
        self.history.last_checkin = self.today()
        self.save_history()

    def remember_preferences(self, **changes: Any) -> None:
        """Keep these choices for the next start (theme, the timer's bell…), written off this thread.

        Raises ValueError, changing nothing, when a value doesn't fit.
        """
        updated = replace(self.preferences, **changes)
        if updated == self.preferences:
            return
        self.preferences = updated
        if self.settings_file is not None:
            self._submit(update_preferences, self.settings_file, changes)

    def remember_round(self, settings: Settings, decks: dict[str, Deck]) -> None:
        """A round's decks (never an opt-in one), intensity, length and scoring: the next New round's defaults."""
        chosen = tuple(deck_id for deck_id in settings.deck_ids if deck_id in decks and not decks[deck_id].mature)
        changes: dict[str, Any] = {"decks": chosen, "intensity": settings.ceiling, "scoring": settings.mode}
        if settings.turns in ROUND_LENGTHS:  # `play --turns 9` plays 9, and leaves the remembered length alone
            changes["turns"] = settings.turns
        self.remember_preferences(**changes)

    def set_ritual_day(self, day: int) -> None:
        self.history.ritual_day = day
        self.save_history()

    def let_go(self, pile: str, deck_id: str, card: Card) -> None:
        """Take one card off a kept pile: "not for us" (it comes back), favourites or "later"."""
        if pile == "retired":
            self.history.bring_back(deck_id, card.id)
        elif pile == "favourites":
            self.history.remove_favourite(deck_id, card)
        elif pile == "revisit":
            self.history.forget_later(deck_id, card)
        else:
            raise ValueError(f"no pile called {pile!r}")
        self.save_history()

    def save_history(self) -> None:
        """Write the history off this thread, when it changed since the last write."""
        copy = self.history.snapshot()
        if copy != self._history_sent:
            self._history_sent = copy
            self._submit(self._write_history, copy)

    def _write_history(self, history: PairHistory) -> None:
        self._history_writer.write(history_to_document(history))

    # ------------------------------------------------------------------ internals

    def _submit(self, write: Callable[..., object], *args: object, **kwargs: object) -> None:
        self.saver.submit(write, *args, **kwargs).add_done_callback(self._written)

    def _written(self, future: Future[Any]) -> None:
        error = future.exception()
        if error is None:
            self.save_problem = None
        elif isinstance(error, OSError):
            self._problem(f"{self.saves_dir} can't be written ({error.strerror or error})")
        else:
            self._problem(str(error) if isinstance(error, SaveError) else f"{type(error).__name__}: {error}")

    def _problem(self, reason: str) -> None:
        """Writes fail: say so once (not at every key), and keep it until a write succeeds again."""
        message = f"Not being saved: {reason}"
        if message != self.save_problem:
            self.save_problem = message
            self.report(message)
