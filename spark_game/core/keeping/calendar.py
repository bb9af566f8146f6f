"""The ritual and the plans in the couple's calendar: an iCalendar (.ics) file any phone or desktop imports.

One weekly event on the ritual day at the ritual time (floating time: 19:00
wherever they are), and one all-day event per open plan that has a day. UIDs
are stable (a fixed one for the ritual, the plan's id for a plan), so importing
the file again updates those events instead of adding copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from ..files.text import clean_text
from ..pair.history import PairHistory, Plan
from ..pair.ritual import WEEKDAYS
from ..pair.settings import ritual_time as settings_ritual_time

PRODID = "-//Spark//spark-game calendar//EN"
MARKER = PRODID.encode()
RITUAL_UID = "ritual@spark-game"
DEFAULT_RITUAL_TIME = time(19, 0)
RITUAL_LENGTH = timedelta(hours=1)
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def plan_uid(plan: Plan) -> str:
    return f"plan-{plan.id}@spark-game"


def next_ritual(ritual_day: int, today: date) -> date:
    """The ritual day on or after today: where the weekly series starts."""
    return today + timedelta(days=(ritual_day - today.weekday()) % 7)


@dataclass(frozen=True)
class CalendarFile:
    """What a calendar export wrote: the file and how many dated plans it holds."""

    data: bytes
    plans: int  # dated open plans in it


def _names(history: PairHistory) -> str:
    first, second = (clean_text(name, single_line=True) for name in history.names)
    return f"{first} & {second}" if first and second else ""


def ritual_event(history: PairHistory, today: date, ritual_time: time, stamp: datetime) -> Event:
    day = WEEKDAYS[history.ritual_day]
    names = _names(history)
    event = Event()
    event.add("uid", RITUAL_UID)
    event.add("dtstamp", stamp)
    event.add("summary", f"Spark night{': ' + names if names else ''}")
    event.add("dtstart", datetime.combine(next_ritual(history.ritual_day, today), ritual_time))
    event.add("duration", RITUAL_LENGTH)
    event.add("rrule", {"freq": "weekly", "byday": BYDAY[history.ritual_day]})
    event.add(
        "description",
        f"Our weekly round of Spark, every {day} at {ritual_time:%H:%M}. Phones away, one keyboard, the two of us.",
    )
    event.add("categories", ["Spark"])
    return event


def plan_event(plan: Plan, stamp: datetime) -> Event:
    assert plan.when is not None
    event = Event()
    event.add("uid", plan_uid(plan))
    event.add("dtstamp", stamp)
    event.add("summary", clean_text(plan.text, single_line=True) or "Our plan")
    event.add("dtstart", plan.when)
    event.add("dtend", plan.when + timedelta(days=1))
    event.add("description", f"A plan from a round of Spark, made on {plan.made:%A} {plan.made.day} {plan.made:%B %Y}.")
    event.add("transp", "TRANSPARENT")  # an all-day plan doesn't make the day busy
    event.add("categories", ["Spark"])
    return event


def build_calendar(
    history: PairHistory, today: date, *, ritual_time: time = DEFAULT_RITUAL_TIME, now: datetime | None = None
) -> CalendarFile:
    """The ritual and every dated open plan as an iCalendar file; `now` stamps it (default: midnight of today)."""
    stamp = (now or datetime.combine(today, time())).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Spark")
    calendar.add_component(ritual_event(history, today, ritual_time.replace(tzinfo=None), stamp))
    dated = [plan for plan in history.open_plans() if plan.when is not None]
    for plan in dated:
        calendar.add_component(plan_event(plan, stamp))
    return CalendarFile(calendar.to_ical(), len(dated))


def write_calendar(
    path: Path,
    history: PairHistory,
    today: date,
    *,
    ritual_time: time = DEFAULT_RITUAL_TIME,
    now: datetime | None = None,
) -> tuple[CalendarFile, bool]:
    """Write the calendar atomically; gives it back with whether the folder had to be created."""
    from .export import write_export

    built = build_calendar(history, today, ritual_time=ritual_time, now=now)
    return built, write_export(path, built.data)


def configured_ritual_time(home_root: Path) -> time:
    """The ritual time set in Settings; 19:00 when none is set or the file can't be read."""
    try:
        return settings_ritual_time(home_root)
    except (OSError, ValueError):
        return DEFAULT_RITUAL_TIME
