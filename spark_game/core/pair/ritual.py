"""The weekly ritual in numbers: calendar weeks, streaks with one grace week, and "Friday is in 2 days".

Every function takes "today" as an argument: the core never reads the clock,
so streaks and calendars can be tested across year ends.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from ..files.when import WEEKDAYS

FRIDAY = 4
CALENDAR_WEEKS = 26


def week_of(day: date) -> int:
    """A number for the calendar week (Monday to Sunday) holding day; consecutive weeks differ by 1."""
    return (day - timedelta(days=day.weekday())).toordinal() // 7


def weekly_streak(days: list[date], today: date) -> int:
    """Played weeks in a row, up to this week. One missed week in between is forgiven (grace)."""
    weeks = sorted({week_of(day) for day in days if day <= today}, reverse=True)
    if not weeks or week_of(today) - weeks[0] > 2:
        return 0
    streak = 1
    for newer, older in itertools.pairwise(weeks):
        if newer - older > 2:
            break
        streak += 1
    return streak


def best_streak(days: list[date]) -> int:
    weeks = sorted({week_of(day) for day in days})
    best = run = 0
    for index, week in enumerate(weeks):
        run = run + 1 if index and week - weeks[index - 1] <= 2 else 1
        best = max(best, run)
    return best


def calendar(days: list[date], today: date, weeks: int = CALENDAR_WEEKS) -> list[int]:
    """Rounds per week for the last `weeks` weeks, oldest first, this week last."""
    this_week = week_of(today)
    counts = [0] * weeks
    for day in days:
        offset = this_week - week_of(day)
        if 0 <= offset < weeks:
            counts[weeks - 1 - offset] += 1
    return counts


def ritual_message(ritual_day: int, today: date) -> str:
    days = (ritual_day - today.weekday()) % 7
    name = WEEKDAYS[ritual_day]
    if days == 0:
        return "Tonight's your night."
    if days == 1:
        return f"{name} is tomorrow."
    return f"{name} is in {days} days."
