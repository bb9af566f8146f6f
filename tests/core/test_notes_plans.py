"""Notes on cards and plans: kept with the turn, in the history, across saves and two windows."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from spark_game.core.files.when import WhenProblem, describe_when, parse_when
from spark_game.core.pair.history import PLAN_DONE
from spark_game.core.pair.history_file import load_history
from spark_game.core.play import Action, Settings
from spark_game.core.saves import read_save
from spark_game.core.session.play_session import PlaySession

from ..toolkit import simple_round

NOW = datetime(2026, 11, 27, 20, 0)  # a Friday
LIBRARY = {"d": simple_round().decks["d"]}


def test_a_note_is_saved_with_its_turn_and_survives_resume(tmp_path):
    session = PlaySession(tmp_path, clock=lambda: NOW)
    session.start(Settings(("Ana", "Bo"), ("d",), seed=3), LIBRARY)
    session.act(Action.CHOOSE, "d")
    session.act(Action.NOTE, "we chose   the Elm Street walk")
    session.act(Action.COMPLETE)
    session.act(Action.NOTE, "Bo's answer: the lake")  # on the card just done, before the reaction
    session.act(Action.REACT, 2)
    path = session.round_file.path
    session.close()
    [record] = read_save(path).game.history
    assert record.note == "Bo's answer: the lake"
    again = PlaySession(tmp_path, clock=lambda: NOW)
    game = again.resume(path)
    again.act(Action.CHOOSE, "d")
    again.act(Action.NOTE, "x" * 500)
    assert len(game.current_note) == 200
    again.act(Action.UNDO)
    assert game.current_note == ""
    again.close()


def test_plans_survive_and_merge_across_two_windows(tmp_path):
    first, second = PlaySession(tmp_path, clock=lambda: NOW), PlaySession(tmp_path, clock=lambda: NOW)
    walk = first.make_plan("the Elm Street walk", date(2026, 11, 29))
    second.make_plan("a picnic", None)
    first.saver.flush()
    second.settle_plan(walk.id, PLAN_DONE)  # the second window never loaded the walk: nothing to settle there
    first.settle_plan(walk.id, PLAN_DONE)
    first.close()
    second.close()
    history = load_history(tmp_path).history
    assert {plan.text: plan.status for plan in history.plans} == {"the Elm Street walk": "done", "a picnic": "open"}
    assert history.next_plan().text == "a picnic"


def test_days_in_words_both_ways():
    friday = NOW.date()
    assert parse_when("Sunday", friday) == date(2026, 11, 29)
    assert parse_when("fri", friday) == date(2026, 12, 4)  # never today: the next one
    assert parse_when("tomorrow", friday) == date(2026, 11, 28)
    assert parse_when("", friday) is None and parse_when("someday", friday) is None
    assert parse_when("2026-12-24", friday) == date(2026, 12, 24)
    for bad in ("soon", "2026-11-01", "31/12"):
        with pytest.raises(WhenProblem):
            parse_when(bad, friday)
    assert describe_when(date(2026, 11, 29), friday) == "Sunday"
    assert describe_when(None, friday) == "someday"
    assert describe_when(friday, friday) == "today"
