"""What the couple takes out of the game from Our story: the calendar file and the keepsake page.

Each asks for a file path, writes it through the core and says what happened in a toast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .safe import notify_plain

if TYPE_CHECKING:
    from .app import SparkApp

CALENDAR_SUGGESTION = "~/spark.ics"
KEEPSAKE_SUGGESTION = "~/spark-keepsake.html"
PATH_LIMIT = 1000
HINT = "choose another name"


def _target(answer: str | None) -> Path | None:
    return Path(answer.strip()).expanduser() if answer and answer.strip() else None


def _unwritable(app: SparkApp, path: Path, error: OSError) -> None:
    notify_plain(app, f"{path} can't be written ({error.strerror or error})", title="Not written", severity="error")


def write_calendar_file(app: SparkApp, answer: str | None) -> None:
    """The ritual and the dated open plans, as an .ics file at the path the couple gave."""
    from ..core.files.text import plural
    from ..core.keeping.calendar import MARKER, configured_ritual_time, write_calendar
    from ..core.keeping.export import target_problem
    from ..core.pair.ritual import WEEKDAYS

    path = _target(answer)
    if path is None:
        return
    problem = target_problem(path, MARKER, "spark.ics", hint=HINT)
    if problem:
        notify_plain(app, problem, title="Not written", severity="error")
        return
    ritual_time = configured_ritual_time(app.home.root)
    try:
        built, _ = write_calendar(path, app.history, app.clock().date(), ritual_time=ritual_time, now=app.clock())
    except OSError as error:
        _unwritable(app, path, error)
        return
    notify_plain(
        app,
        f"Every {WEEKDAYS[app.history.ritual_day]} at {ritual_time:%H:%M} and {plural(built.plans, 'dated plan')}, "
        f"in {path}. Open it with your calendar; importing it again later updates these events.",
        title="Your calendar file",
        timeout=12,
    )


def write_keepsake_file(app: SparkApp, answer: str | None) -> None:
    """The keepsake of every round (never the opt-in deck's cards), as HTML, or Markdown for a .md path."""
    from ..core.files.text import plural
    from ..core.keeping.export import target_problem
    from ..core.keeping.keepsake import MARKER, NothingToKeep, Scope, build_keepsake, read_rounds, write_keepsake

    path = _target(answer)
    if path is None:
        return
    markdown = path.suffix.lower() in (".md", ".markdown")
    problem = target_problem(path, MARKER, "keepsake.md" if markdown else "keepsake.html", hint=HINT)
    if problem:
        notify_plain(app, problem, title="Not written", severity="error")
        return
    try:
        keepsake = build_keepsake(app.history, read_rounds(app.home.saves_dir), Scope(), app.clock().date())
        write_keepsake(path, keepsake, markdown=markdown)
    except NothingToKeep as error:
        words = str(error)
        notify_plain(app, f"{words[:1].upper()}{words[1:]}.", title="Nothing to keep yet")
        return
    except OSError as error:
        _unwritable(app, path, error)
        return
    notify_plain(
        app,
        f"{plural(len(keepsake.rounds), 'round')}, {plural(len(keepsake.loved), 'loved card')} and "
        f"{plural(len(keepsake.plans), 'plan')} kept, in {path}. Open it in a browser to keep or print it.",
        title="Your keepsake",
        timeout=12,
    )
