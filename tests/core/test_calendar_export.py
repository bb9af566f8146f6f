"""The ritual and the plans in the couple's calendar: an .ics file that parses back, with stable UIDs."""

from __future__ import annotations

import os
from datetime import date, datetime, time

import pytest
from icalendar import Calendar

from spark_game.core.keeping.calendar import RITUAL_UID, build_calendar, plan_uid, write_calendar
from spark_game.core.pair.history import PLAN_DONE, PLAN_LET_GO, PairHistory
from spark_game.core.pair.history_file import HistoryWriter, history_to_document
from spark_game.core.pair.ritual import FRIDAY

from ..toolkit import run_cli

TODAY = date(2026, 11, 25)  # a Wednesday


def a_history(ritual_day: int = FRIDAY) -> PairHistory:
    history = PairHistory(names=("Ana", "Bo"), ritual_day=ritual_day)
    history.add_plan("the Elm Street walk", date(2026, 11, 29), TODAY, "r1")
    history.add_plan("dinner at Lupa; then, dessert", date(2026, 12, 5), TODAY, "r1")
    history.add_plan("learn to make dumplings", None, TODAY)  # someday: not in a calendar
    done = history.add_plan("the lake", date(2026, 11, 1), TODAY)
    gone = history.add_plan("the concert", date(2026, 12, 12), TODAY)
    history.settle_plan(done.id, PLAN_DONE, TODAY)
    history.settle_plan(gone.id, PLAN_LET_GO, TODAY)
    return history


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_one_weekly_rule_on_the_ritual_day_at_the_ritual_time():
    found = events(build_calendar(a_history(ritual_day=6), TODAY, ritual_time=time(20, 30)).data)
    weekly = [event for event in found if "RRULE" in event]
    assert len(weekly) == 1
    rule = weekly[0]["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["SU"]
    start = weekly[0].decoded("DTSTART")
    assert start == datetime(2026, 11, 29, 20, 30)  # the first Sunday from today, floating local time
    assert start.weekday() == 6 and str(weekly[0]["UID"]) == RITUAL_UID


def test_the_default_time_is_seven_in_the_evening_and_today_counts_on_the_ritual_day():
    friday = date(2026, 11, 27)
    (ritual,) = [event for event in events(build_calendar(a_history(), friday).data) if "RRULE" in event]
    assert ritual.decoded("DTSTART") == datetime(2026, 11, 27, 19, 0)


def test_one_all_day_event_per_dated_open_plan():
    history = a_history()
    found = [event for event in events(build_calendar(history, TODAY).data) if "RRULE" not in event]
    dated_open = [plan for plan in history.open_plans() if plan.when is not None]
    assert len(found) == len(dated_open) == 2
    by_uid = {str(event["UID"]): event for event in found}
    for plan in dated_open:
        event = by_uid[plan_uid(plan)]
        assert str(event["SUMMARY"]) == plan.text  # commas and semicolons come back as written
        assert event.decoded("DTSTART") == plan.when  # a date, not a time: all day
        assert event.decoded("DTEND") == date.fromordinal(plan.when.toordinal() + 1)


def test_a_second_export_has_the_same_uids(tmp_path):
    history = a_history()
    first, _ = write_calendar(tmp_path / "a.ics", history, TODAY, now=datetime(2026, 11, 25, 9, 0))
    second, _ = write_calendar(tmp_path / "b.ics", history, date(2026, 12, 1), now=datetime(2026, 12, 1, 9, 0))
    uids = [
        sorted(str(event["UID"]) for event in events(path.read_bytes()))
        for path in (tmp_path / "a.ics", tmp_path / "b.ics")
    ]
    assert uids[0] == uids[1] and len(uids[0]) == 3
    assert first.plans == second.plans == 2


def test_hostile_plan_text_stays_one_line_of_data():
    history = PairHistory(names=("Ana", "Bo"))
    history.add_plan("walk\r\nBEGIN:VEVENT\x1b]52;c;x\x07 [/]", date(2026, 12, 1), TODAY)
    found = events(build_calendar(history, TODAY).data)
    assert len(found) == 2
    (plan,) = [event for event in found if "RRULE" not in event]
    assert "\x1b" not in str(plan["SUMMARY"]) and "\n" not in str(plan["SUMMARY"])


def test_the_file_gets_the_umask_mode_not_a_private_one(tmp_path):
    old = os.umask(0o022)
    try:
        write_calendar(tmp_path / "new" / "spark.ics", a_history(), TODAY)
    finally:
        os.umask(old)
    assert (tmp_path / "new" / "spark.ics").stat().st_mode & 0o777 == 0o644


# --------------------------------------------------------------------------- spark-game calendar


def test_spark_game_calendar_writes_a_file_that_imports_again(tmp_path):
    home = tmp_path / "home"
    (home / "saves").mkdir(parents=True)
    HistoryWriter(home / "saves", history_to_document(PairHistory())).write(history_to_document(a_history()))
    target = tmp_path / "out" / "spark.ics"
    result = run_cli("calendar", str(target), home=home)
    assert result.returncode == 0, result.stderr
    assert "every Friday at 19:00 and 2 dated plans" in result.stdout
    first = sorted(str(event["UID"]) for event in events(target.read_bytes()))
    again = run_cli("calendar", str(target), home=home)  # a file Spark wrote: written over, same UIDs
    assert again.returncode == 0, again.stderr
    assert sorted(str(event["UID"]) for event in events(target.read_bytes())) == first


def test_spark_game_calendar_says_no_in_one_line(tmp_path):
    home = tmp_path / "home"
    stranger = tmp_path / "notes.ics"
    stranger.write_text("mine")
    for target, words in [
        (tmp_path, "is a folder; give a file name"),
        (stranger, "isn't a file Spark wrote"),
        (stranger / "x.ics", "is a file, not a folder"),
    ]:
        result = run_cli("calendar", str(target), home=home)
        assert result.returncode == 1
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert stranger.read_text() == "mine"
    assert run_cli("calendar", "--force", str(stranger), home=home).returncode == 0


def test_the_ritual_time_comes_from_settings(tmp_path):
    pytest.importorskip("spark_game.core.pair.settings")
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "settings.toml").write_text('format = 1\nritual_time = "20:30"\n')
    target = tmp_path / "spark.ics"
    result = run_cli("calendar", str(target), home=home)
    assert result.returncode == 0, result.stderr
    assert "every Friday at 20:30" in result.stdout
    (ritual,) = [event for event in events(target.read_bytes()) if "RRULE" in event]
    assert ritual.decoded("DTSTART").time() == time(20, 30)
