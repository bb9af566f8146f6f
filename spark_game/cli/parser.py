"""The command line: every command, its arguments and its help."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import __version__
from ..core.decks.file import PROBLEM_LIMIT
from ..core.play import COMPETITIVE, COOPERATIVE
from ..paths import HOME_ENV, resolve_home

IMPORT_HELP = (
    "a Spark deck (.toml); a text file, one card a line; a CSV whose first line names the columns "
    "(text, and maybe level, kind, points, seconds, tags); or a JSON list of texts or objects"
)


MODE_NAMES = {"together": COOPERATIVE, "rivals": COMPETITIVE, COOPERATIVE: COOPERATIVE, COMPETITIVE: COMPETITIVE}


def mode_name(text: str) -> str:
    """--mode as the New round screen says it (together, rivals), or as it used to (cooperative, competitive)."""
    mode = MODE_NAMES.get(text.strip().casefold())
    if mode is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a mode: choose together or rivals")
    return mode


def positive(text: str) -> int:
    """A count of at least one, or a one-line error."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return number


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

    add_deck_commands(commands)

    saves = commands.add_parser("saves", help="the saved rounds")
    saves.add_subparsers(dest="saves_command", metavar="ACTION", required=True).add_parser(
        "list", help="every saved round, newest first, with damaged ones and why"
    )
    resume = commands.add_parser("resume", help="resume a saved round (the latest unfinished by default)")
    resume.add_argument("save_id", nargs="?", metavar="ID", help="the id shown by 'saves list'")
    commands.add_parser("stats", help="your streak, calendar, decks, milestones and loved cards")
    add_keeping_commands(commands)

    play = commands.add_parser("play", help="start a round straight away")
    play.add_argument("--players", nargs=2, metavar="NAME", required=True, help="the two of you")
    play.add_argument(
        "--decks", metavar="ID,ID", help="deck ids, comma-separated (default: the last round's, or all but mature)"
    )
    play.add_argument("--turns", type=int, default=12, help="turns in the round (0: open-ended; default 12)")
    play.add_argument(
        "--ceiling", choices=["gentle", "warm", "bold"], default="warm", help="how far the round may go (default warm)"
    )
    play.add_argument(
        "--mode",
        type=mode_name,
        default=COOPERATIVE,
        metavar="{together,rivals}",
        help="together: one shared spark meter; rivals: friendly rivals, each with a score (default together)",
    )
    play.add_argument("--seed", type=int, help="fix the shuffle, to replay the same round")

    web = commands.add_parser("serve", help="play in a browser tab, on this computer (or a tablet at home: --lan)")
    web.add_argument("--port", type=int, help="first port to try (default 8000, or the next free)")
    web.add_argument("--lan", action="store_true", help="open to the home network, behind a secret address")
    return parser


def add_keeping_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`calendar` and `keepsake`: what the couple takes out of the game."""
    ics = commands.add_parser("calendar", help="write the weekly ritual and your dated plans to an .ics file")
    ics.add_argument("path", metavar="FILE.ics", type=Path)
    ics.add_argument("--force", action="store_true", help="overwrite a file Spark didn't write")
    keep = commands.add_parser("keepsake", help="write a page to keep or print: loved cards, notes, plans kept")
    scope = keep.add_mutually_exclusive_group()
    scope.add_argument("--round", metavar="ID", help="one round (an id from 'saves list'); default: all of them")
    scope.add_argument("--year", metavar="YYYY", type=int, help="the rounds of one year")
    keep.add_argument("path", metavar="FILE", type=Path)
    keep.add_argument("--markdown", action="store_true", help="Markdown instead of HTML (also for a .md FILE)")
    keep.add_argument("--with-spice", action="store_true", help="include the cards of the opt-in deck")
    keep.add_argument("--force", action="store_true", help="overwrite a file Spark didn't write")


def add_deck_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`decks`: list, check, compare, make, import and export deck files."""
    decks = commands.add_parser("decks", help="list or check deck files")
    deck_commands = decks.add_subparsers(dest="deck_command", metavar="ACTION", required=True)
    deck_commands.add_parser("list", help="the decks Spark can see, with their card counts")
    every = "(none: the built-in decks and the home's decks/)"
    validate = deck_commands.add_parser("validate", help="check deck files; exit 1 if any is bad")
    validate.add_argument("paths", nargs="*", metavar="PATH", type=Path, help=f"deck files to check {every}")
    validate.add_argument(
        "--all", action="store_true", help=f"every problem, not only the first {PROBLEM_LIMIT} a file"
    )
    lint = deck_commands.add_parser("lint", help="warn about gendered wording, near-duplicates, level balance")
    lint.add_argument("paths", nargs="*", metavar="PATH", type=Path, help=f"deck files to check {every}")
    similar = deck_commands.add_parser(
        "similar", help="the closest pairs of cards across decks, with both texts, for a person to read"
    )
    similar.add_argument("paths", nargs="*", metavar="PATH", type=Path, help=f"deck files to compare {every}")
    similar.add_argument("--top", type=positive, default=20, metavar="N", help="how many pairs (default 20)")
    new = deck_commands.add_parser("new", help="start a deck of your own in the home's decks/")
    new.add_argument("name")
    new.add_argument("--description", default="")
    importer = deck_commands.add_parser(
        "import", help="make a deck in the home's decks/ from a Spark deck, a text file, a CSV or a JSON list"
    )
    importer.add_argument("path", type=Path, help=IMPORT_HELP)
    importer.add_argument("--replace", action="store_true", help="replace a different deck with the same id")
    export = deck_commands.add_parser("export", help="write a deck to a file, to share it")
    export.add_argument("deck_id", metavar="ID")
    export.add_argument("path", type=Path)
    export.add_argument("--force", action="store_true", help="overwrite the file if it exists")
