"""The spark-game command. Imports the Textual UI only when it opens the app."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.deck import LEVEL_NAMES
from .core.deck_file import read_deck_file
from .core.deck_lint import lint_paths
from .core.engine import COOPERATIVE, MODES, RuleError, Settings, new_round
from .core.history import load_history, story
from .core.saves import find_save, latest_unfinished, list_saves
from .core.text import clean_text
from .paths import HOME_ENV, Home, resolve_home


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spark-game",
        description="Spark: a card game for two partners on one keyboard.",
        epilog=(
            f"Home folder in use: {resolve_home().root}\n"
            f"(decks/ and saves/ live there; change it with --home DIR or {HOME_ENV})"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"spark-game {__version__}")
    parser.add_argument("--home", metavar="DIR", help="use DIR as the home folder")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    decks = commands.add_parser("decks", help="list or check deck files")
    deck_commands = decks.add_subparsers(dest="deck_command", metavar="ACTION", required=True)
    deck_commands.add_parser("list", help="the decks Spark can see, with their card counts")
    validate = deck_commands.add_parser("validate", help="check deck files; exit 1 if any is bad")
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    lint = deck_commands.add_parser("lint", help="warn about gendered wording, near-duplicates, level balance")
    lint.add_argument("paths", nargs="+", metavar="PATH", type=Path)

    saves = commands.add_parser("saves", help="the saved rounds")
    saves.add_subparsers(dest="saves_command", metavar="ACTION", required=True).add_parser(
        "list", help="every saved round, newest first, with damaged ones and why"
    )
    resume = commands.add_parser("resume", help="resume a saved round (the latest unfinished by default)")
    resume.add_argument("save_id", nargs="?", metavar="ID", help="the id shown by 'saves list'")
    commands.add_parser("stats", help="your streak, calendar, decks, milestones and loved cards")

    play = commands.add_parser("play", help="start a round straight away")
    play.add_argument("--players", nargs=2, metavar="NAME", required=True, help="the two of you")
    play.add_argument("--decks", metavar="ID,ID", help="deck ids, comma-separated (default: all but mature)")
    play.add_argument("--turns", type=int, default=12, help="turns in the round (0: open-ended; default 12)")
    play.add_argument("--ceiling", choices=["gentle", "warm", "bold"], default="warm",
                      help="how far the round may go (default warm)")
    play.add_argument("--mode", choices=list(MODES), default=COOPERATIVE)
    play.add_argument("--seed", type=int, help="fix the shuffle, to replay the same round")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 1


def run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    home = resolve_home(args.home)
    if args.command == "decks":
        if args.deck_command == "validate":
            return validate_decks(args.paths)
        if args.deck_command == "lint":
            return lint_decks(args.paths)
        return list_decks(home)
    if args.command == "play":
        return quick_start(home, args)
    if args.command == "saves":
        return list_saves_command(home)
    if args.command == "resume":
        return resume_command(home, args.save_id)
    if args.command == "stats":
        return stats_command(home)
    return run_app(home)


def list_saves_command(home: Home) -> int:
    entries = list_saves(home.saves_dir)
    print(f"Saved rounds in {home.saves_dir}:")
    if not entries:
        print("  none yet")
    for entry in entries:
        summary = entry.summary
        if summary is None:
            backup = " (a good backup exists: restore it from Saved games)" if entry.backup_ok else ""
            print(f"  {entry.id:<8}  DAMAGED   {entry.path.name}: {entry.problem}{backup}")
            continue
        status = "finished" if summary.finished else "unfinished"
        print(
            f"  {summary.id:<8}  {status:<10} {clean_text(summary.name, single_line=True)}  ·  "
            f"last played {summary.last_played:%Y-%m-%d %H:%M}  ·  {summary.turns_played} turns  ·  "
            f"score {summary.scores[0]}-{summary.scores[1]}  ·  {', '.join(summary.decks)}"
        )
    return 0


def resume_command(home: Home, save_id: str | None) -> int:
    entry = find_save(home.saves_dir, save_id) if save_id else latest_unfinished(home.saves_dir)
    if entry is None:
        wanted = f"no saved round with id {save_id}" if save_id else "no unfinished round to resume"
        print(f"spark-game resume: {wanted} (see 'spark-game saves list')", file=sys.stderr)
        return 2
    if entry.problem:
        print(f"spark-game resume: {entry.path.name} is damaged: {entry.problem}", file=sys.stderr)
        return 2
    return run_app(home, resume=entry.path)


def stats_command(home: Home) -> int:
    from datetime import date

    history = load_history(home.saves_dir)
    if history.problem:
        print(history.problem, file=sys.stderr)
    names = {loaded.deck.id: loaded.deck.name for loaded in home.load_decks().decks}
    first, second = history.names
    print(f"Our story: {clean_text(first, single_line=True)} & {clean_text(second, single_line=True)}"
          if first else "Our story")
    for line in story(history, names, date.today()).lines():
        print(clean_text(line).replace("\n", " "))
    return 0


def validate_decks(paths: list[Path]) -> int:
    all_good = True
    for path in paths:
        deck, problems = read_deck_file(path)
        if deck is not None:
            print(f"{path}: ok ({deck.id}, {len(deck.cards)} cards)")
        for problem in problems:
            all_good = False
            print(problem)
    return 0 if all_good else 1


def lint_decks(paths: list[Path]) -> int:
    """Warnings only: always exits 0, one line each."""
    warnings = lint_paths(paths)
    for warning in warnings:
        print(warning)
    print(f"{len(paths)} file(s) checked, {len(warnings)} warning(s)")
    return 0


def list_decks(home: Home) -> int:
    library = home.load_decks()
    rows = [("id", "name", "cards", "gentle", "warm", "bold", "source")]
    for loaded in library.decks:
        levels = loaded.deck.count_by_level()
        rows.append((
            loaded.deck.id, loaded.deck.name, str(len(loaded.deck.cards)),
            str(levels[1]), str(levels[2]), str(levels[3]), f"{loaded.source}: {loaded.path}",
        ))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) if column < 2 else cell.rjust(width)
                 for column, (cell, width) in enumerate(zip(row, widths))]
        print("  ".join(cells + [row[-1]]))
    if library.problems:
        print(f"\n{len(library.broken_files())} deck file(s) could not be loaded:", file=sys.stderr)
        for problem in library.problems:
            print(f"  {problem}", file=sys.stderr)
    return 0


def quick_start(home: Home, args: argparse.Namespace) -> int:
    library = home.load_decks()
    available = library.by_id()
    if args.decks:
        deck_ids = tuple(part.strip() for part in args.decks.split(",") if part.strip())
    else:
        deck_ids = tuple(deck_id for deck_id, deck in available.items() if not deck.mature)
    mature = [deck_id for deck_id in deck_ids if deck_id in available and available[deck_id].mature]
    if mature:
        print(f"spark-game play: {', '.join(mature)} is opt-in: start the round from New round, "
              "where each of you says yes on your own", file=sys.stderr)
        return 2
    settings = Settings(
        players=tuple(args.players), deck_ids=deck_ids,
        ceiling=list(LEVEL_NAMES.values()).index(args.ceiling) + 1,
        turns=args.turns or None, mode=args.mode,
        seed=args.seed if args.seed is not None else secrets.randbits(32),
    )
    try:
        new_round(settings, available)
    except RuleError as error:
        known = ", ".join(available) or "none"
        print(f"spark-game play: {error} (decks here: {known})", file=sys.stderr)
        return 2
    return run_app(home, quick_start=settings)


def run_app(home: Home, quick_start: Settings | None = None, resume: Path | None = None) -> int:
    from .ui.app import SparkApp

    app = SparkApp(home, quick_start=quick_start, resume=resume)
    try:
        app.run()
    finally:
        app.leave_round()
        app.saver.close()
    return 0
