"""Measure Spark beside baselines taken in the same run (these machines are noisy: ratios hold).

python -m benchmarks            # each row several times, medians
python -m benchmarks --quick    # each row once (used by the test suite so this can't rot)
python -m benchmarks --only pty # only some groups of rows (GROUPS below)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

import tomli_w

from spark_game.core.decks.cache import DeckCache
from spark_game.core.decks.importer import import_file
from spark_game.core.files.atomic import atomic_write
from spark_game.core.pair.history import PairHistory, RoundDay
from spark_game.core.pair.story import story
from spark_game.core.play import Phase, Settings
from spark_game.core.saves import encode_save, list_saves, save_document, summarise, write_save

from .hands import hand_rows
from .inputs import input_rows
from .measure import row, timed
from .player import ROOT, app_env, player_rows
from .scale import played_round, scale_rows


def _autosave(path, game, summary) -> None:
    write_save(path, save_document(game, summary))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def big_deck_file(folder: Path, cards: int = 10_000, name: str = "big") -> Path:
    path = folder / f"{name}.toml"
    document = {
        "format": 1,
        "deck": {"id": name, "name": name.title(), "description": "A generated deck."},
        "cards": [
            {
                "id": f"card-{i}",
                "kind": ("question", "challenge", "activity", "wild")[i % 4],
                "level": 1 + i % 3,
                "points": 1 + i % 5,
                "tags": ["talk", "laugh"],
                "text": f"Card {i}: tell your partner about a time you laughed so hard you couldn't stop.",
            }
            for i in range(cards)
        ],
    }
    path.write_text(tomli_w.dumps(document))
    return path


def start_command(which: str, home: Path) -> tuple[list[str], dict[str, str]]:
    return [sys.executable, "-m", "benchmarks.start", which], app_env(home)


def first_paint(which: str, home: Path) -> float:
    """Seconds from starting a fresh process to its first painted screen, and out."""
    command, env = start_command(which, home)
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


async def key_to_screen(home: Path, presses: int) -> tuple[float, float]:
    """Median time from a key press to the screen showing its result: Spark's next card, a minimal Label."""
    from textual.app import App
    from textual.widgets import Label

    from spark_game.paths import Home
    from spark_game.ui.app import SparkApp

    class Minimal(App):
        BINDINGS = [("x", "change", "Change")]
        count = 0

        def compose(self):
            yield Label("0", id="label")

        def action_change(self) -> None:
            self.count += 1
            self.query_one(Label).update(str(self.count))

    minimal_times = []
    async with Minimal().run_test(headless=True, size=(100, 32)) as pilot:
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            minimal_times.append(time.perf_counter() - start)

    spark_times = []
    library = Home(home).load_decks()
    decks = tuple(loaded.deck.id for loaded in library.decks if not loaded.deck.mature)
    app = SparkApp(Home(home), quick_start=Settings(("Ana", "Bo"), decks, turns=None, seed=3))
    async with app.run_test(headless=True, size=(100, 32)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            game = app.screen.game
            start = time.perf_counter()
            await pilot.press("s")  # draw: the next card appears
            await pilot.pause()
            spark_times.append(time.perf_counter() - start)
            assert game.phase is Phase.CARD
            await pilot.press("enter", "1")
        app.session.saver.flush()
    return statistics.median(spark_times), statistics.median(minimal_times)


def dump_durably(path: Path, document: dict) -> None:
    """The autosave's baseline: tomli-w and a durable write of the same document, nothing else."""
    with open(path, "wb") as stream:
        stream.write(tomli_w.dumps(document).encode())
        stream.flush()
        os.fsync(stream.fileno())


@dataclass
class Run:
    """One benchmark run: its scratch folder, how often each row repeats, and the table so far."""

    folder: Path
    quick: bool
    table: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    @property
    def repeat(self) -> int:
        return 1 if self.quick else 7

    @property
    def starts(self) -> int:
        return 1 if self.quick else 5


def start_rows(run: Run) -> None:
    plain_home = run.folder / "plain-home"
    plain_home.mkdir()
    if not run.quick:
        first_paint("spark", plain_home)  # warm the bytecode and the deck cache of this home once
    spark = statistics.median(first_paint("spark", plain_home) for _ in range(run.starts))
    minimal = statistics.median(first_paint("minimal", plain_home) for _ in range(run.starts))
    row(run.table, "cold start to the painted Home screen (headless)", spark, minimal, "<= 1.25x")
    decks, cards = (2, 100) if run.quick else (20, 500)
    big_home = run.folder / "big-home"
    (big_home / "decks").mkdir(parents=True)
    for index in range(decks):
        big_deck_file(big_home / "decks", cards=cards, name=f"extra-{index:02d}")
    first_paint("spark", big_home)  # the first start parses them and fills the cache
    extra = statistics.median(first_paint("spark", big_home) for _ in range(run.starts))
    row(run.table, f"cold start, {decks} extra decks of {cards} cards (headless)", extra, spark, "<= 1.2x")


def deck_rows(run: Run) -> None:
    cards = 1_000 if run.quick else 10_000
    deck = big_deck_file(run.folder, cards=cards)
    data = deck.read_bytes()
    cache_file = run.folder / "cache.json"

    def first_load() -> None:
        cache_file.unlink(missing_ok=True)
        DeckCache(cache_file).read(deck)

    ours = statistics.median(timed(first_load, run.repeat))
    base = statistics.median(timed(lambda: tomllib.loads(data.decode()), run.repeat))
    row(run.table, f"loading one {cards:,}-card deck, first time", ours, base, "<= 1.3x")
    warm = DeckCache(cache_file)
    warm.read(deck)
    warm.save()
    again = statistics.median(timed(lambda: DeckCache(cache_file).read(deck), run.repeat))
    row(run.table, "loading it again, unchanged (cache)", again, base, "<= 0.25x")
    import_rows(run)


def import_rows(run: Run) -> None:
    """A list far longer than a deck may be: read only as far as the limit, in memory bounded by the file."""
    lines = 100_000 if run.quick else 1_000_000
    source = run.folder / "long list.txt"
    source.write_text("".join(f"q{number}\n" for number in range(lines)))  # just under the 8 MiB a list may be
    tracemalloc.start()
    import_file(source, run.folder / "imported")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = source.stat().st_size
    what = f"importing a {lines:,}-line list: peak memory vs its size"
    row(run.table, what, peak / 1024, size / 1024, "<= 4x", "KiB")
    took = statistics.median(timed(lambda: import_file(source, run.folder / "imported"), max(1, run.repeat // 4)))
    row(run.table, f"importing a {lines:,}-line list: time (refused, too long)", took, None, "<= 0.5 s")


def autosave_rows(run: Run) -> None:
    saves = run.folder / "saves"
    saves.mkdir()
    repeat = 3 if run.quick else 60
    for turns in (10, 100, 1000):
        game = played_round(turns)
        path = saves / f"ana-and-bo-{turns:08x}.toml"
        summary = summarise(game, f"{turns:08x}", datetime(2026, 1, 1), datetime(2026, 1, 1))
        ours_times = timed(partial(_autosave, path, game, summary), repeat)
        base_times = timed(partial(dump_durably, run.folder / "plain.toml", save_document(game, summary)), repeat)
        for share, name in ((0.5, "p50"), (0.95, "p95")):
            row(
                run.table,
                f"autosave, {turns}-turn round ({name})",
                percentile(ours_times, share),
                percentile(base_times, share),
                "p95 <= 1.5x" if turns == 100 else "report",
            )


def listing_and_story_rows(run: Run) -> None:
    listing = run.folder / "listing"
    rounds = 30 if run.quick else 1000
    game = played_round(12)
    for index in range(rounds):
        summary = summarise(game, f"{index:08x}", datetime(2026, 1, 1), datetime(2026, 1, 1))
        atomic_write(listing / f"ana-and-bo-{index:08x}.toml", encode_save(save_document(game, summary)))
    files = sorted(listing.glob("*.toml"))
    repeat = max(1, run.repeat // 2)
    base = statistics.median(timed(lambda: [path.read_bytes() for path in files], repeat))
    first = statistics.median(timed(lambda: list_saves(listing), 1))
    row(run.table, f"listing Saved games, {rounds} rounds on disk, the first time (no index)", first, base, "report")
    # What a player sees: rounds saved over the months, the index left by an earlier visit, one round saved just now.
    past = time.time_ns() - 60 * 10**9
    for path in files:
        os.utime(path, ns=(past, past))
    list_saves(listing)
    summary = summarise(game, f"{0:08x}", datetime(2026, 1, 1), datetime(2026, 1, 2))
    write_save(files[0], save_document(game, summary))
    ours = statistics.median(timed(lambda: list_saves(listing), repeat))
    row(run.table, f"listing Saved games, {rounds} rounds on disk, one saved just now", ours, base, "<= 2x")
    history = PairHistory(names=("Ana", "Bo"))
    start = date(2021, 11, 26)
    history.rounds = [RoundDay(start + timedelta(weeks=i), {"conversation": 6, "novelty": 6}, 2) for i in range(260)]
    ours = statistics.median(
        timed(lambda: story(history, {"conversation": "Conversation"}, date(2026, 11, 27)), run.repeat)
    )
    row(run.table, "Our story, five years of weekly rounds", ours, None, "<= 0.2 s")


def round_rows(run: Run, plain_home: Path) -> None:
    presses = 2 if run.quick else 40
    spark_key, minimal_key = asyncio.run(key_to_screen(plain_home, presses))
    row(run.table, "key press to the next card on screen, p50 (Pilot)", spark_key, minimal_key, "<= 2x")


def print_table(run: Run) -> None:
    header = ("what", "spark", "baseline", "ratio", "target")
    widths = [max(len(str(line[i])) for line in [*run.table, header]) for i in range(5)]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {'quick' if run.quick else 'full'} run")
    print("the apps run with bytecode written and used (PYTHONDONTWRITEBYTECODE unset for them), after a warm-up start")
    for line in [header, tuple("-" * w for w in widths), *run.table]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=False)))


GROUPS = ("start", "decks", "autosave", "listing", "inputs", "round", "hands", "pty", "scale")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="run each row once")
    parser.add_argument(
        "--only", nargs="+", choices=GROUPS, default=GROUPS, metavar="GROUP", help=f"run only these rows: {GROUPS}"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        run = Run(Path(scratch), args.quick)
        plain_home = run.folder / "plain-home"
        if "start" in args.only:
            start_rows(run)
        else:
            plain_home.mkdir()
        if "decks" in args.only:
            deck_rows(run)
        if "autosave" in args.only:
            autosave_rows(run)
        if "listing" in args.only:
            listing_and_story_rows(run)
        if "inputs" in args.only:
            input_rows(run)
        if "round" in args.only:
            round_rows(run, plain_home)
        if "hands" in args.only:
            hand_rows(run, plain_home)
        if "pty" in args.only:
            player_rows(run.table, plain_home, run.quick)
        if "scale" in args.only:
            scale_rows(run.table, run.folder, run.quick)
    print_table(run)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
