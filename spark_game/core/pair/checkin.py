"""The quiet check-in: five statements from the signs it may be time for support, at most once a month.

Each partner ticks what is true for them alone. Nothing about the answers is
kept anywhere: the history remembers only the day of the last check-in
(`PairHistory.last_checkin`), so the next one opens a month later. There is
no score and no reminder.
"""

from __future__ import annotations

import calendar
from datetime import date

# Second person, everyday words: each partner reads them alone and ticks what is true.
STATEMENTS: tuple[str, ...] = (
    "You keep having the same argument, and it ends the same way every time.",
    "A distance or a silence has settled between you, and it doesn't lift.",
    "Touch between you feels forced, or it has quietly gone missing.",
    "When you talk about what matters to you, you don't feel heard.",
    "Something hurt you, and it still aches and won't heal.",
)

ASK = "Tick what is true for you lately. There are no right answers, and ticking nothing is fine too."

WARM = (
    "Neither of you ticked two or more statements. "
    "Taking a quiet moment to ask how you are really doing is a kind thing to do for each other. "
    "Whatever came up just now, you can talk about it tonight, play a round, or simply sit together for a while."
)

TOWARDS_HELP = (
    "Thank you, both of you, for taking this moment. One of you, or both, ticked two or more statements; "
    "this page doesn't say who, or which. Some of what came up may be easier with "
    "someone from outside on your side, together or on your own. This is the same page Help & support "
    "keeps, for whenever you want it."
)

# The gentle pointer to professional help: the page Help & support keeps, and the check-in's last page.
OUTSIDE_HELP = """\
Spark is a game, not therapy. Every couple goes through rough stretches, and
asking for help early is a sign of care, not of failure. It may be time to talk
to someone if:

- the same argument keeps coming back, and it ends the same way every time;
- distance or silence between you has settled in and doesn't lift;
- a hurt (a betrayal, a loss, something said) still aches and won't heal;
- one of you feels afraid, controlled or unsafe at home. Then your safety
  comes first: reach out to a local support service or emergency number.

Kinds of help that exist almost everywhere:

- **Couples counselling or couples therapy**: the two of you with a trained
  counsellor, to break stuck patterns and learn to hear each other again.
- **Sex therapy**: a specialist for desire, intimacy and sexual worries, talked
  about without embarrassment.
- **Individual therapy**: for one of you, when stress, low mood, anxiety or old
  wounds weigh on the relationship.

Your doctor, a local health service or a professional register of therapists
can point you to someone near you. Many offer sessions by video too.
"""

SUPPORT_AT = 2  # statements one partner ticks before both are shown the kinds of help


def month_after(day: date) -> date:
    """The same day a month later; the last day of that month when it is shorter (31 January: 28 or 29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def checkin_due(last: date | None, today: date) -> bool:
    """Whether a check-in may be done today: never done yet, or a month has gone by.

    A last check-in dated after today (a clock that was wrong) doesn't lock it.
    """
    return last is None or today >= month_after(last) or today < last


def next_checkin(last: date | None) -> date | None:
    """The day the check-in opens again after the one on `last` (None: it is open now)."""
    return None if last is None else month_after(last)


def suggests_support(ticked: int) -> bool:
    """Whether one partner's ticks mean both should see the page on kinds of help. Only this bool leaves the screen."""
    return ticked >= SUPPORT_AT


def _day(day: date, today: date) -> str:
    words = f"{day.day} {calendar.month_name[day.month]}"
    return words if day.year == today.year else f"{words} {day.year}"


def offer_words(last: date | None, today: date) -> str:
    """What Our story says beside the check-in button: what it is when open, a kind word when it isn't yet."""
    if checkin_due(last, today) or last is None:
        return (
            "Once a month, if you like: each of you, alone, reads five short statements and ticks what is true. "
            "What you tick isn't shown to the other or kept; the last page only says whether either of you ticked two."
        )
    return (
        f"You checked in on {_day(last, today)}. The next quiet check-in opens on "
        f"{_day(month_after(last), today)}: once a month is plenty."
    )
