"""The spark-game command.

It imports the Textual UI only when it opens the app, and the writing side
(saves, history, the deck writer) only in the commands that use it, so
`decks validate` and `decks list` start fast on the loader alone.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .core.decks.file import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, PROBLEM_LIMIT, read_deck_file
from .core.decks.model import LEVEL_NAMES, Card, Deck
from .core.files.text import clean_text, plural, shown
from .core.play import COMPETITIVE, COOPERATIVE, RuleError, Settings, SettingsProblem, new_round
from .paths import HOME_ENV, Home, built_in_decks_dir, resolve_home

if TYPE_CHECKING:
    from .core.pair.history import PairHistory


def say(line: object = "", *, error: bool = False) -> None:
    """Print one line; anything read from a file in it shows its control characters, never sends them."""
    print(shown(str(line)), file=sys.stderr if error else sys.stdout)


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
    every = "(none: the built-in decks and the home's decks/)"
    validate = deck_commands.add_parser("validate", help="check deck files; exit 1 if any is bad")
    validate.add_argument("paths", nargs="*", metavar="PATH", type=Path, help=f"deck files to check {every}")
    validate.add_argument(
        "--all", action="store_true", help=f"every problem, not only the first {PROBLEM_LIMIT} a file"
    )
    lint = deck_commands.add_parser("lint", help="warn about gendered wording, near-duplicates, level balance")
    lint.add_argument("paths", nargs="*", metavar="PATH", type=Path, help=f"deck files to check {every}")
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
    return commands.get(args.command, lambda: run_app(home))()


def serve_command(home: Home, port: int | None, lan: bool) -> int:
    from .web.serve import DEFAULT_PORT, serve  # its sockets aren't needed by any other command

    return serve(home, DEFAULT_PORT if port is None else port, lan=lan)


def run_deck_command(home: Home, args: argparse.Namespace) -> int:
    commands: dict[str, Callable[[], int]] = {
        "validate": lambda: validate_decks(args.paths or home_deck_files(home), show_all=args.all),
        "lint": lambda: lint_decks(args.paths or home_deck_files(home)),
        "new": lambda: new_deck(home, args.name, args.description),
        "import": lambda: import_command(home, args.path, args.replace),
        "export": lambda: export_command(home, args.deck_id, args.path, args.force),
        "list": lambda: list_decks(home),
    }
    return commands[args.deck_command]()


def list_saves_command(home: Home) -> int:
    from .core.saves import list_saves

    entries = list_saves(home.saves_dir)
    say(f"Saved rounds in {home.saves_dir}:")
    if not entries:
        say("  none yet")
    for entry in entries:
        summary = entry.summary
        if summary is None:
            backup = " (a good backup exists: restore it from Saved games)" if entry.backup_ok else ""
            say(f"  {entry.id:<8}  DAMAGED   {entry.path.name}: {entry.problem}{backup}")
            continue
        status = "finished" if summary.finished else "unfinished"
        say(
            f"  {summary.id:<8}  {status:<10} {clean_text(summary.name, single_line=True)}  ·  "
            f"last played {summary.last_played:%Y-%m-%d %H:%M}  ·  {plural(summary.turns_played, 'turn')}  ·  "
            f"score {summary.scores[0]}-{summary.scores[1]}  ·  {', '.join(summary.decks)}"
        )
    return 0


def resume_command(home: Home, save_id: str | None) -> int:
    from .core.saves import find_save, latest_unfinished

    entry = find_save(home.saves_dir, save_id) if save_id else latest_unfinished(home.saves_dir)
    if entry is None:
        wanted = f"no saved round with id {save_id}" if save_id else "no unfinished round to resume"
        say(f"spark-game resume: {wanted} (see 'spark-game saves list')", error=True)
        return 2
    if entry.problem:
        say(f"spark-game resume: {entry.path.name} is damaged: {entry.problem}", error=True)
        return 2
    return run_app(home, resume=entry.path)


def stats_command(home: Home) -> int:
    from datetime import date

    from .core.pair.history_file import load_history
    from .core.pair.story import story

    history = load_history(home.saves_dir).history
    if history.problem:
        say(history.problem, error=True)
    names = {loaded.deck.id: loaded.deck.name for loaded in home.load_decks().decks}
    first, second = history.names
    say(
        f"Our story: {clean_text(first, single_line=True)} & {clean_text(second, single_line=True)}"
        if first
        else "Our story"
    )
    for line in story(history, names, date.today()).lines():
        say(clean_text(line).replace("\n", " "))
    return 0


def export_history(home: Home, command: str, problem: str | None) -> PairHistory | None:
    """The pair's history for an export, or None (said in one line) when the target can't be written."""
    from .core.pair.history_file import load_history

    if problem:
        say(f"spark-game {command}: {problem}", error=True)
        return None
    history = load_history(home.saves_dir).history
    if history.problem:
        say(history.problem, error=True)
    return history


def calendar_command(home: Home, target: Path, force: bool) -> int:
    from datetime import date, datetime

    from .core.files.text import plural
    from .core.keeping.calendar import MARKER, configured_ritual_time, write_calendar
    from .core.keeping.export import target_problem
    from .core.pair.ritual import WEEKDAYS

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

    from .core.files.text import plural
    from .core.keeping.export import target_problem
    from .core.keeping.keepsake import MARKER, NothingToKeep, Scope, build_keepsake, read_rounds, write_keepsake

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


def home_deck_files(home: Home) -> list[Path]:
    """The deck files the home sees: the built-in ones, then its decks/ (once, when they are one folder)."""
    from .core.decks.library import deck_files

    folders = dict.fromkeys(folder.resolve() for folder in (built_in_decks_dir(), home.decks_dir))
    files = [path for folder in folders for path in deck_files(folder)]
    say(f"Checking {plural(len(files), 'deck file')} in {' and '.join(str(folder) for folder in folders)}")
    return files


def validate_decks(paths: list[Path], *, show_all: bool = False) -> int:
    all_good = True
    for path in paths:
        deck, problems = read_deck_file(path, limit=None if show_all else PROBLEM_LIMIT)
        if deck is not None:
            say(f"{path}: ok ({deck.id}, {plural(len(deck.cards), 'card')})")
        for problem in problems:
            all_good = False
            say(problem)
    return 0 if all_good else 1


def lint_decks(paths: list[Path]) -> int:
    """Warnings only: exits 0 with one line each (1 only when the install lacks what lint needs)."""
    try:
        from .core.decks.lint import lint_paths
    except ModuleNotFoundError as missing:  # a broken install: say so in one line, not a traceback
        say(
            f"spark-game: decks lint needs {missing.name}, which isn't installed (pip install {missing.name})",
            error=True,
        )
        return 1
    warnings = lint_paths(paths)
    for warning in warnings:
        say(warning)
    say(f"{len(paths)} file(s) checked, {len(warnings)} warning(s)")
    return 0


STARTER_CARD = Card(
    id="first-card",
    kind="question",
    level=1,
    points=1,
    text="What is one small thing {partner} did lately that made you smile?",
    tags=("appreciation",),
)


def new_deck(home: Home, name: str, description: str) -> int:
    from .core.decks.writer import deck_path, slug_from_name, write_deck

    clean = clean_text(name, single_line=True).strip()[:MAX_NAME_CHARS] or "Our deck"
    deck_id = slug_from_name(clean)
    home.ensure()
    path = deck_path(home.decks_dir, deck_id)
    if path.exists() or deck_id in home.load_decks().by_id():
        say(f"spark-game decks new: a deck with id '{deck_id}' already exists", error=True)
        return 1
    write_deck(
        path,
        Deck(
            id=deck_id,
            name=clean,
            description=clean_text(description).strip()[:MAX_DESCRIPTION_CHARS],
            cards=(STARTER_CARD,),
        ),
    )
    say(
        f"Created {path} (id {deck_id}) with one starter card. Add cards there, then "
        f"'spark-game decks validate {path}'."
    )
    return 0


def import_command(home: Home, source: Path, replace_existing: bool) -> int:
    from .core.decks.importer import TOML, ListProblem, import_file

    home.ensure()
    result = import_file(source, home.decks_dir, home.load_decks().by_id(), replace_existing=replace_existing)
    if result.path is None or result.deck is None:
        problems = result.problems
        if len(problems) == 1:
            where = f"{source}: " if isinstance(problems[0], ListProblem) else ""
            say(f"{where}{problems[0]} (nothing was imported)")
        elif result.kind != TOML:
            say(f"{source}: nothing was imported, because of {plural(len(problems), 'problem')}:")
            for problem in problems:
                say(f"  {problem}")
        else:
            for problem in problems:
                say(problem)
            say("Nothing was imported.", error=True)
        return 1
    deck = result.deck
    say(f"Imported {source} as {result.path}: '{deck.name}' (id {deck.id}), {plural(len(deck.cards), 'card')}")
    return 0


def export_command(home: Home, deck_id: str, target: Path, force: bool) -> int:
    from .core.decks.writer import write_deck

    deck = home.load_decks().by_id().get(deck_id)
    if deck is None:
        say(f"spark-game decks export: no deck with id '{deck_id}' (see 'spark-game decks list')", error=True)
        return 2
    if target.is_dir():
        say(
            f"spark-game decks export: {target} is a folder; give a file name, like {target / (deck_id + '.toml')}",
            error=True,
        )
        return 1
    if target.exists() and not force:
        say(f"spark-game decks export: {target} exists; add --force to overwrite it", error=True)
        return 1
    created = not target.parent.exists()
    write_deck(target, deck, shared=True)
    if created:
        say(f"Created the folder {target.parent}")
    say(f"Exported {deck_id} to {target}")
    return 0


def list_decks(home: Home) -> int:
    library = home.load_decks()
    rows = [("id", "name", "cards", "gentle", "warm", "bold", "source")]
    for loaded in library.decks:
        levels = loaded.deck.count_by_level()
        rows.append(
            (
                loaded.deck.id,
                loaded.deck.name,
                str(len(loaded.deck.cards)),
                str(levels[1]),
                str(levels[2]),
                str(levels[3]),
                f"{loaded.source}: {loaded.path}",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [
            cell.ljust(width) if column < 2 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        say("  ".join(cells + [row[-1]]))
    if library.problems:
        say(error=True)
        say(f"{len(library.broken_files())} deck file(s) could not be loaded:", error=True)
        for problem in library.problems:
            say(f"  {problem}", error=True)
    return 0


def remembered_decks(home: Home, available: dict[str, Deck]) -> tuple[str, ...]:
    """The last round's decks (settings.toml); () when none is remembered, or one of them is gone or opt-in."""
    from .core.pair.settings import peek_preferences

    remembered = peek_preferences(home.settings_file).decks
    gone = [deck_id for deck_id in remembered if deck_id not in available or available[deck_id].mature]
    if gone:
        say(f"spark-game play: {', '.join(gone)} from your last round can't be played; every deck is in", error=True)
        return ()
    return remembered


def quick_start(home: Home, args: argparse.Namespace) -> int:
    from .core.pair.history_file import load_history

    library = home.load_decks()
    available = library.by_id() | load_history(home.saves_dir).history.personal_decks()
    if args.decks:
        deck_ids = tuple(part.strip() for part in args.decks.split(",") if part.strip())
    else:
        every = tuple(loaded.deck.id for loaded in library.decks if not loaded.deck.mature)
        deck_ids = remembered_decks(home, available) or every
    mature = [deck_id for deck_id in deck_ids if deck_id in available and available[deck_id].mature]
    if mature:
        say(
            f"spark-game play: {', '.join(mature)} is opt-in: start the round from New round, "
            "where each of you says yes on your own",
            error=True,
        )
        return 2
    settings = Settings(
        players=(args.players[0], args.players[1]),
        deck_ids=deck_ids,
        ceiling=list(LEVEL_NAMES.values()).index(args.ceiling) + 1,
        turns=args.turns or None,
        mode=args.mode,
        seed=args.seed if args.seed is not None else secrets.randbits(32),
    )
    try:
        new_round(settings, available)
    except SettingsProblem as error:
        say(f"spark-game play: {error}", error=True)
        return 2
    except RuleError as error:
        say(f"spark-game play: {error} (decks here: {', '.join(available) or 'none'})", error=True)
        return 2
    return run_app(home, quick_start=settings)


def unwritable(folder: Path) -> str | None:
    """Why rounds can't be saved in folder, in one line; None when they can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return f"rounds can't be saved: {folder} can't be written ({error.strerror or error})"
    return None


def run_app(home: Home, quick_start: Settings | None = None, resume: Path | None = None) -> int:
    """Run the game; its exit status is non-zero when it crashed."""
    if quick_start is not None or resume is not None:
        problem = unwritable(home.saves_dir)
        if problem:
            say(f"spark-game: {problem}", error=True)
            return 1
    from .ui.app import SparkApp

    app = SparkApp(home, quick_start=quick_start, resume=resume)
    try:
        app.run()
    finally:
        app.session.close()
    return app.return_code or 0
