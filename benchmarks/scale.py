"""The rows at scale: a home with many big decks, thousands of saved rounds and years of history.

The home is generated once per run with Spark's own writers (the deck writer, the save encoder,
the history writer), so every file is one the game reads and lists; copies of one deck and of a
few saves, with their ids changed and their checksums sealed again, keep generation to seconds.
Then Home's first paint, Saved games and Our story are timed in a real terminal on that home and
on an empty one, and the saves listing is timed in-process against a glob and stat of the files.
"""

from __future__ import annotations

import shutil
import statistics
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import tomli_w

from spark_game.core.decks.model import KINDS, Card, Deck
from spark_game.core.decks.writer import write_deck
from spark_game.core.files.text import plural
from spark_game.core.pair.history import PairHistory, RoundDay
from spark_game.core.pair.history_file import HistoryWriter, history_to_document, load_history
from spark_game.core.play import Phase, Settings, new_round
from spark_game.core.saves import list_saves, read_save, round_table, summarise
from spark_game.core.saves.document import sealed, summary_table

from .measure import timed
from .player import ROOT, SPARK, app_env, ratio, spread
from .pty_driver import Shown, Terminal

DOWN, ENTER = "\x1b[B", "\r"
TODAY = date(2026, 11, 25)


@dataclass(frozen=True)
class Scale:
    """How big the generated home is."""

    decks: int
    cards: int
    saves: int
    weeks: int

    @classmethod
    def for_run(cls, quick: bool) -> Scale:
        return cls(decks=3, cards=50, saves=50, weeks=52) if quick else cls(decks=50, cards=1000, saves=5000, weeks=520)

    def describe(self) -> str:
        years = plural(self.weeks // 52, "year")
        return f"{self.decks} decks of {self.cards:,} cards, {self.saves:,} saves, {years} of history"


def write_decks(folder: Path, scale: Scale) -> None:
    folder.mkdir(parents=True)
    cards = tuple(
        Card(
            id=f"card-{i}",
            kind=KINDS[i % len(KINDS)],
            level=1 + i % 3,
            points=1 + i % 5,
            text=f"Card {i}: tell your partner about a time you laughed so hard you couldn't stop.",
            tags=("talk",),
        )
        for i in range(scale.cards)
    )
    first = folder / "extra-00.toml"
    write_deck(first, Deck(id="extra-00", name="Extra 00", cards=cards))
    text = first.read_text()
    for index in range(1, scale.decks):
        copy = text.replace('id = "extra-00"', f'id = "extra-{index:02d}"', 1)
        copy = copy.replace("Extra 00", f"Extra {index:02d}", 1)
        (folder / f"extra-{index:02d}.toml").write_text(copy)


def played_round(turns: int):
    cards = tuple(
        Card(id=f"c{i}", kind="question", level=1 + i % 3, points=2, text=f"Question number {i} for {{partner}}?")
        for i in range(60)
    )
    game = new_round(Settings(("Ana", "Bo"), ("d",), turns=None, seed=1), {"d": Deck(id="d", name="D", cards=cards)})
    while game.turns_played < turns:
        if game.phase is Phase.CHOOSE:
            game.choose_deck("d")
        elif game.phase is Phase.CARD:
            game.complete()
        else:
            game.react(1)
    return game


def write_saves(folder: Path, scale: Scale) -> None:
    """`scale.saves` rounds, a few shapes of round each encoded once; a quarter left unfinished."""
    folder.mkdir(parents=True)
    shapes = [played_round(turns) for turns in (3, 6, 9, 12)]
    for game in shapes[:-1]:
        game.finish()  # to the closing card; done, and the round is over
        game.complete()
    round_parts = [tomli_w.dumps({"round": round_table(game)}) for game in shapes]
    start = datetime(2016, 12, 1, 20, 0)
    for index in range(scale.saves):
        shape = index % len(shapes)
        save_id = f"{index:08x}"
        played = start + timedelta(hours=17 * index)
        summary = summarise(shapes[shape], save_id, played, played)
        body = tomli_w.dumps({"summary": summary_table(summary)}) + "\n" + round_parts[shape]
        (folder / f"ana-and-bo-{save_id}.toml").write_bytes(sealed(body.encode("utf-8")))
    newest = folder / f"ana-and-bo-{scale.saves - 1:08x}.toml"
    assert read_save(newest).summary.id == f"{scale.saves - 1:08x}"  # a save the game reads, checksum and all


def write_history(saves: Path, scale: Scale) -> None:
    history = PairHistory(names=("Ana", "Bo"))
    first = TODAY - timedelta(weeks=scale.weeks)
    history.rounds = [
        RoundDay(first + timedelta(weeks=week), {"extra-00": 6, "conversation": 6}, week % 3, f"{week:08x}")
        for week in range(scale.weeks)
    ]
    history.seen = {"extra-00": {f"card-{i}" for i in range(scale.cards)}}
    HistoryWriter(saves, load_history(saves).document).write(history_to_document(history))


def generate_home(folder: Path, scale: Scale) -> Path:
    home = folder / "scale-home"
    write_decks(home / "decks", scale)
    write_saves(home / "saves", scale)
    write_history(home / "saves", scale)
    return home


# ---------------------------------------------------------------------- in a real terminal


def _shown(*needles: str) -> Shown:
    return lambda lines: all(any(needle in line for line in lines) for needle in needles)


def _any_shown(*needles: str) -> Shown:
    return lambda lines: any(needle in line for line in lines for needle in needles)


HOME_PAINTED = SPARK.first_screen
DECKS_PAINTED = _shown(" decks, ", " cards")
SAVES_PAINTED = _any_shown("unfinished", "No saved rounds yet")
# Texts only these screens show: Home says "Weekly streak" and "weeks in a row" too, so the row
# that waited for those was satisfied by Home itself on a home with a streak.
STORY_PAINTED = _shown("Our ritual day")


def home_first_paint(home: Path) -> float:
    with Terminal(SPARK.start(home), app_env(home), ROOT) as terminal:
        return terminal.wait_for(HOME_PAINTED) - terminal.started


def open_from_home(home: Path, item: str, painted: Shown, quiet: float = 0.3) -> float:
    """Seconds from Enter on Home's menu item to the screen it opens painted."""
    with Terminal(SPARK.start(home), app_env(home), ROOT) as terminal:
        terminal.wait_for(DECKS_PAINTED)  # Home's deck overview, in after its first frame
        terminal.settle(quiet)
        lines = terminal.body()
        menu = [line for line in lines if "▊" in line and line.strip("▊▎ ▔▁")]
        position = next(index for index, line in enumerate(menu) if item in line)
        for _ in range(position):
            terminal.press(DOWN)
        terminal.settle(quiet / 3)
        sent = terminal.press(ENTER)
        return terminal.wait_for(painted) - sent


def scale_rows(table: list[tuple[str, str, str, str, str]], folder: Path, quick: bool) -> None:
    scale = Scale.for_run(quick)
    generated = time.perf_counter()
    big = generate_home(folder, scale)
    generated = time.perf_counter() - generated
    empty = folder / "scale-empty-home"
    empty.mkdir()
    runs, quiet = (1, 0.05) if quick else (3, 0.3)
    if not quick:  # the first start fills the deck cache and the saves index
        for home in (big, empty):
            open_from_home(home, "Saved games", SAVES_PAINTED)
    measures = {
        "Home painted (cold start)": lambda home: home_first_paint(home),
        "Saved games painted, from Home": lambda home: open_from_home(home, "Saved games", SAVES_PAINTED, quiet),
        "Our story painted, from Home": lambda home: open_from_home(home, "Our story", STORY_PAINTED, quiet),
    }
    targets = {"Home painted (cold start)": "<= 1.2x"}
    for what, measure in measures.items():
        ours: list[float] = []
        base: list[float] = []
        for _ in range(runs):
            ours.append(measure(big))
            base.append(measure(empty))
        table.append(
            (
                f"{what}: {scale.describe()} vs an empty home (pty)",
                spread(ours, 1000, "ms", 1),
                spread(base, 1000, "ms", 1),
                ratio(ours, base),
                targets.get(what, "report"),
            )
        )
    saves = big / "saves"
    files = lambda: [(path, path.stat()) for path in saves.glob("*.toml")]  # noqa: E731
    repeat = 3 if quick else 9
    listing = statistics.median(timed(lambda: list_saves(saves), repeat))
    baseline = statistics.median(timed(files, repeat))
    assert len(list_saves(saves)) == scale.saves
    table.append(
        (
            f"list_saves, {scale.saves:,} rounds, index warm (in-process)",
            f"{listing * 1000:.1f} ms",
            f"{baseline * 1000:.1f} ms",
            f"{listing / baseline:.2f}x",
            "<= 2x glob+stat",
        )
    )
    table.append((f"generating that home, {scale.describe()}", f"{generated:.1f} s", "—", "—", "report"))
    shutil.rmtree(big, ignore_errors=True)
