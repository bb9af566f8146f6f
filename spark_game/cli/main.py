"""`spark-game`: read the command line, run the command, and turn what the disk refuses into one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from ..paths import resolve_home
from ..web.lifeline import SERVER_ENV, follow_server
from .decks import run_deck_command
from .keeping import calendar_command, keepsake_command
from .parser import build_parser
from .play import quick_start, resume_command, run_app, serve_command
from .saves import list_saves_command, stats_command
from .say import say


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 1
    except OSError as error:  # a disk that says no is one line, never a traceback
        where = f": {error.filename}" if error.filename else ""
        say(f"spark-game: {error.strerror or error}{where}", error=True)
        return 1
    except KeyboardInterrupt:
        return 130


def run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    home = resolve_home(args.home)
    if home.root.exists() and not home.root.is_dir():
        say(f"spark-game: the home {home.root} is a file, not a folder (choose another with --home)", error=True)
        return 2
    home.tidy()
    if args.command == "decks":
        return run_deck_command(home, args)
    commands: dict[str | None, Callable[[], int]] = {
        "play": lambda: quick_start(home, args),
        "saves": lambda: list_saves_command(home),
        "resume": lambda: resume_command(home, args.save_id),
        "stats": lambda: stats_command(home),
        "calendar": lambda: calendar_command(home, args.path, args.force),
        "keepsake": lambda: keepsake_command(home, args),
        "serve": lambda: serve_command(home, args.port, args.lan),
    }
    if args.command is None and SERVER_ENV in os.environ:  # a browser tab's game: it ends with its server
        follow_server()
    return commands.get(args.command, lambda: run_app(home))()
