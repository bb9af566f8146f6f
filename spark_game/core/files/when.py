"""Days in words, both ways: "Sunday", "tomorrow", "2026-12-06" or "someday", and back for the screen."""

from __future__ import annotations

from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

SOMEDAY = ("", "someday", "some day", "sometime", "later")


class WhenProblem(ValueError):
    """A day we can't read, with a sentence saying what we can."""


def parse_when(text: str, today: date) -> date | None:
    """The day a plan is for (None: someday). Weekday names mean the next such day, never today."""
    words = " ".join(text.casefold().split())
    if words in SOMEDAY:
        return None
    if words == "today":
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    for index, name in enumerate(WEEKDAYS):
        if words in (name.casefold(), name.casefold()[:3], f"next {name.casefold()}"):
            return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)
    try:
        day = date.fromisoformat(words)
    except ValueError:
        raise WhenProblem("Write a day like Sunday, tomorrow or 2026-12-06, or leave it empty for someday.") from None
    if day < today:
        raise WhenProblem("That day has passed: choose one from today on, or leave it empty for someday.")
    return day


def describe_when(day: date | None, today: date) -> str:
    """A plan's day as a person would say it: "someday", "today", "tomorrow", "Sunday", or "Sun 6 Dec"."""
    if day is None:
        return "someday"
    offset = (day - today).days
    if offset == 0:
        return "today"
    if offset == 1:
        return "tomorrow"
    if 1 < offset < 7:
        return WEEKDAYS[day.weekday()]
    if offset < 0:
        return f"was {WEEKDAYS[day.weekday()][:3]} {day.day} {day:%b}"
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")
