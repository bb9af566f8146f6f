"""`spark-game calendar` and `keepsake`: what the couple takes out of the game."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.files.text import plural
from ..paths import Home
from .say import say

if TYPE_CHECKING:
    from ..core.pair.history import PairHistory


def export_history(home: Home, command: str, problem: str | None) -> PairHistory | None:
    """The pair's history for an export, or None (said in one line) when the target can't be written."""
    from ..core.pair.history_file import load_history

    if problem:
        say(f"spark-game {command}: {problem}", error=True)
        return None
    history = load_history(home.saves_dir).history
    if history.problem:
        say(history.problem, error=True)
    return history


def calendar_command(home: Home, target: Path, force: bool) -> int:
    from datetime import date, datetime

    from ..core.keeping.calendar import MARKER, configured_ritual_time, write_calendar
    from ..core.keeping.export import target_problem
    from ..core.pair.ritual import WEEKDAYS

    history = export_history(home, "calendar", target_problem(target, MARKER, "spark.ics", force=force))
    if history is None:
        return 1
    ritual_time = configured_ritual_time(home.root)
    built, created = write_calendar(target, history, date.today(), ritual_time=ritual_time, now=datetime.now())
    if created:
        say(f"Created the folder {target.parent}")
    plans = plural(built.plans, "dated plan")
    say(f"Wrote {target}: your ritual every {WEEKDAYS[history.ritual_day]} at {ritual_time:%H:%M} and {plans}.")
    say("Import it in your calendar; importing it again later updates these events.")
    return 0


def keepsake_command(home: Home, args: argparse.Namespace) -> int:
    from datetime import date

    from ..core.keeping.export import target_problem
    from ..core.keeping.keepsake import MARKER, NothingToKeep, Scope, build_keepsake, read_rounds, write_keepsake

    target: Path = args.path
    markdown = args.markdown or target.suffix.lower() in (".md", ".markdown")
    problem = target_problem(target, MARKER, "keepsake.md" if markdown else "keepsake.html", force=args.force)
    history = export_history(home, "keepsake", problem)
    if history is None:
        return 1
    scope = Scope(round_id=args.round, year=args.year)
    try:
        keepsake = build_keepsake(history, read_rounds(home.saves_dir), scope, date.today(), with_spice=args.with_spice)
    except NothingToKeep as error:
        say(f"spark-game keepsake: {error}", error=True)
        return 2
    if write_keepsake(target, keepsake, markdown=markdown):
        say(f"Created the folder {target.parent}")
    say(
        f"Wrote {target}: {plural(len(keepsake.rounds), 'round')}, {plural(len(keepsake.loved), 'loved card')}, "
        f"{plural(len(keepsake.plans), 'plan')} kept{' (with the opt-in deck)' if args.with_spice else ''}."
    )
    return 0
