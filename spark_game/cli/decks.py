"""`spark-game decks`: list, validate, lint, new, import and export."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..core.decks.checks import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS
from ..core.decks.file import PROBLEM_LIMIT, read_deck_file
from ..core.decks.model import Card, Deck
from ..core.files.text import clean_text, plural
from ..paths import Home, built_in_decks_dir
from .say import say


def run_deck_command(home: Home, args: argparse.Namespace) -> int:
    commands: dict[str, Callable[[], int]] = {
        "validate": lambda: validate_decks(args.paths or home_deck_files(home), show_all=args.all),
        "lint": lambda: lint_decks(args.paths or home_deck_files(home)),
        "similar": lambda: similar_decks(args.paths or home_deck_files(home), args.top),
        "new": lambda: new_deck(home, args.name, args.description),
        "import": lambda: import_command(home, args.path, args.replace),
        "export": lambda: export_command(home, args.deck_id, args.path, args.force),
        "list": lambda: list_decks(home),
    }
    return commands[args.deck_command]()


def home_deck_files(home: Home) -> list[Path]:
    """The deck files the home sees: the built-in ones, then its decks/ (once, when they are one folder)."""
    from ..core.decks.library import deck_files

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
        from ..core.decks.lint import lint_paths
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


def similar_decks(paths: list[Path], top: int) -> int:
    """The closest pairs with both texts; exits 1 only when no file could be read."""
    from ..core.decks.similar import cards_of, similar_pairs

    cards, problems = cards_of(paths)
    for problem in problems:
        say(problem)
    if not cards:
        say("spark-game: no cards to compare", error=True)
        return 1
    pairs = similar_pairs(cards, top)
    for number, pair in enumerate(pairs, 1):
        say(f"{number:>3}. {pair.first.key}  ~  {pair.second.key}  ({pair.score:.2f})")
        say(f"     {clean_text(pair.first.card.text, single_line=True)}")
        say(f"     {clean_text(pair.second.card.text, single_line=True)}")
    say(
        f"The {plural(len(pairs), 'closest pair')} of {plural(len(cards), 'card')}: "
        "a close pair may still be two ideas, it is yours to read."
    )
    return 1 if problems and not pairs else 0


STARTER_CARD = Card(
    id="first-card",
    kind="question",
    level=1,
    points=1,
    text="What is one small thing {partner} did lately that made you smile?",
    tags=("appreciation",),
)


def new_deck(home: Home, name: str, description: str) -> int:
    from ..core.decks.writer import deck_path, slug_from_name, write_deck

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
    from ..core.decks.importer import TOML, import_file
    from ..core.decks.lists import ListProblem

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
    from ..core.decks.writer import write_deck
    from ..core.keeping.export import not_a_regular_file

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
    strange = not_a_regular_file(target)
    if strange:
        say(f"spark-game decks export: {strange}", error=True)
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
