"""The spark-game command. Imports the Textual UI only when it opens the app."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.deck_file import read_deck_file
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
        return list_decks(home)
    return run_app(home)


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


def run_app(home: Home) -> int:
    from .ui.app import SparkApp

    SparkApp(home).run()
    return 0
