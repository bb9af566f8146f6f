"""Rows for inputs that could make Spark slow if a loop went quadratic: the checks the test suite doesn't time.

Each is beside parsing the same bytes with `tomllib` (or, for the import, writing the cards with `tomli_w`)
in the same run, so a change that makes one of them grow with the square of its size shows as a jump in its ratio.
"""

from __future__ import annotations

import statistics
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from spark_game.core.decks.file import read_deck_file
from spark_game.core.decks.importer import import_file
from spark_game.core.decks.lint import lint_paths
from spark_game.paths import built_in_decks_dir

from .measure import row, timed

if TYPE_CHECKING:
    from .__main__ import Run

FIRST_EDITION = Path(__file__).parent.parent / "tests" / "data" / "first_edition"


def _parse_all(paths: list[Path]) -> None:
    for path in paths:
        tomllib.loads(path.read_text(encoding="utf-8"))


def input_rows(run: Run) -> None:
    repeat = 1 if run.quick else 3
    decks = sorted(built_in_decks_dir().glob("*.toml")) + sorted(FIRST_EDITION.glob("*.toml"))
    cards = sum(len(tomllib.loads(path.read_text(encoding="utf-8"))["cards"]) for path in decks)
    ours = statistics.median(timed(lambda: lint_paths(decks), repeat))
    base = statistics.median(timed(lambda: _parse_all(decks), repeat))
    row(run.table, f"deck lint, both editions ({cards} cards)", ours, base, "report")

    size = 1_000 if run.quick else 10_000
    many = run.folder / "many-problems.toml"
    body = "".join(f'[[cards]]\nid = "c{i}"\nkind = "x"\nlevel = 9\npoints = 1\ntext = "t"\n' for i in range(size))
    many.write_text(f'format = 1\n[deck]\nid = "many"\nname = "Many"\n{body}')
    ours = statistics.median(timed(lambda: read_deck_file(many), repeat))
    base = statistics.median(timed(lambda: _parse_all([many]), repeat))
    row(run.table, f"reading a deck with {2 * size:,} problems", ours, base, "report")

    same = run.folder / "same.txt"
    same.write_text("Kiss me.\n" * size)
    folder = run.folder / "imported"

    def import_once() -> None:
        result = import_file(same, folder, ())
        assert result.path is not None
        result.path.unlink()

    ours = statistics.median(timed(import_once, repeat))
    deck = {
        "cards": [
            {"id": f"kiss-me-{i}", "level": 1, "text": line} for i, line in enumerate(same.read_text().splitlines())
        ]
    }
    base = statistics.median(timed(lambda: tomli_w.dumps(deck), repeat))
    row(run.table, f"importing {size:,} copies of one line (baseline: writing them as TOML)", ours, base, "report")
