"""The rows measured as a player feels them: Spark and the minimal app in a real pseudo-terminal.

Both run as fresh processes in a 100x32 pty (benchmarks/pty_driver.py), started and driven the same
way, and their runs alternate (Spark, minimal, Spark, minimal, ...). Each figure is the median of
the runs, with the smallest and largest run beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .pty_driver import Shown, Terminal

ROOT = Path(__file__).resolve().parent.parent
KeyStep = tuple[str, Shown]


def app_env(home: Path | None = None) -> dict[str, str]:
    """The apps' environment: bytecode written and used as a normal install has it, this checkout first."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    if home is not None:
        env["SPARK_GAME_HOME"] = str(home)
    return env


def _has(*needles: str) -> Shown:
    """All of `needles` on screen, in any case."""
    wanted = [needle.lower() for needle in needles]
    return lambda lines: all(any(needle in line.lower() for line in lines) for needle in wanted)


def _card_on_screen(lines: list[str]) -> bool:
    return any("♡ Favourite" in line or "★ Favourite" in line for line in lines)


@dataclass(frozen=True)
class Subject:
    """An app as the terminal rows drive it: how it starts, its first screen, and its loop of keys."""

    name: str
    start: Callable[[Path], list[str]]
    first_screen: Shown
    play: Callable[[Path, int], list[str]]
    ready: Shown
    step: Callable[[int], KeyStep]  # the n-th key press (from 1) and what the screen shows after it


def spark_step(press: int) -> KeyStep:
    """Spark's turn: s draws a card, enter is done, 1 reacts and the next turn's deck choice shows."""
    turn = (press - 1) // 3 + 1
    key = "s\r1"[(press - 1) % 3]
    if key == "s":
        return key, _card_on_screen
    if key == "\r":
        return key, _has("did that land")
    next_turn = re.compile(rf"\bTurn {turn + 1}\b")
    return key, lambda lines: any(next_turn.search(line) for line in lines) and _has("choose a deck")(lines)


def minimal_step(press: int) -> KeyStep:
    shown = f"Card {press}"
    return "x", lambda lines: any(line.strip() == shown for line in lines)


SPARK = Subject(
    name="spark",
    start=lambda home: [sys.executable, "-m", "spark_game", "--home", str(home)],
    first_screen=_has("New round", "Saved games"),
    play=lambda home, seed: [
        *(sys.executable, "-m", "spark_game", "--home", str(home)),
        *("play", "--players", "Ana", "Bo", "--turns", "0", "--seed", str(seed)),
    ],
    ready=_has("choose a deck"),
    step=spark_step,
)
MINIMAL = Subject(
    name="minimal",
    start=lambda home: [sys.executable, "-m", "benchmarks.minimal_app"],
    first_screen=_has("Card 0"),
    play=lambda home, seed: [sys.executable, "-m", "benchmarks.minimal_app"],
    ready=_has("Card 0"),
    step=minimal_step,
)


@dataclass(frozen=True)
class Plan:
    """How much each run does: full runs for the table, quick ones so the script can't rot."""

    runs: int
    starts: int  # cold starts of each app a run, alternating (one noisy start can't be the median)
    warm_up_presses: int  # pressed first, not timed
    timed_presses: int  # each waits until the screen settles before the next
    checkpoints: tuple[int, ...]  # read the peak memory after this many presses
    quiet: float  # seconds without output that count as settled

    @classmethod
    def for_run(cls, quick: bool) -> Plan:
        if quick:
            return cls(runs=1, starts=1, warm_up_presses=0, timed_presses=3, checkpoints=(3, 6), quiet=0.1)
        return cls(runs=3, starts=3, warm_up_presses=3, timed_presses=45, checkpoints=(15, 500), quiet=0.3)


@dataclass
class Figures:
    """One subject's figures, one entry a run."""

    cold_start: list[float] = field(default_factory=list)
    paint_p50: list[float] = field(default_factory=list)
    paint_p95: list[float] = field(default_factory=list)
    settled_p50: list[float] = field(default_factory=list)
    settled_p95: list[float] = field(default_factory=list)
    peak_kib: dict[int, list[int]] = field(default_factory=dict)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cold_start(subject: Subject, home: Path) -> float:
    """Seconds from starting the process to its first screen painted in the terminal."""
    with Terminal(subject.start(home), app_env(home), ROOT) as terminal:
        return terminal.wait_for(subject.first_screen) - terminal.started


def play(subject: Subject, home: Path, plan: Plan, figures: Figures, seed: int) -> None:
    """Press the subject's keys; time the paint and the settling of some, read the peak memory at checkpoints."""
    shutil.rmtree(home / "saves", ignore_errors=True)
    paints: list[float] = []
    settles: list[float] = []
    timed = range(plan.warm_up_presses + 1, plan.warm_up_presses + plan.timed_presses + 1)
    with Terminal(subject.play(home, seed), app_env(home), ROOT) as terminal:
        terminal.wait_for(subject.ready)
        terminal.settle(plan.quiet)
        for press in range(1, max(plan.checkpoints) + 1):
            key, shown = subject.step(press)
            sent = terminal.press(key)
            painted = terminal.wait_for(shown)
            if press in timed:
                settled = terminal.settle(plan.quiet)
                paints.append(painted - sent)
                settles.append(settled - sent)
            if press in plan.checkpoints:
                terminal.settle(plan.quiet)
                figures.peak_kib.setdefault(press, []).append(terminal.memory_kib("VmHWM"))
    figures.paint_p50.append(percentile(paints, 0.5))
    figures.paint_p95.append(percentile(paints, 0.95))
    figures.settled_p50.append(percentile(settles, 0.5))
    figures.settled_p95.append(percentile(settles, 0.95))


def measure(home: Path, plan: Plan, warm_up: bool) -> dict[str, Figures]:
    figures = {SPARK.name: Figures(), MINIMAL.name: Figures()}
    subjects = (SPARK, MINIMAL)
    if warm_up:  # bytecode and the deck cache, once
        for subject in subjects:
            cold_start(subject, home)
    for run in range(plan.runs):
        for _ in range(plan.starts):
            for subject in subjects:
                figures[subject.name].cold_start.append(cold_start(subject, home))
        for subject in subjects:
            play(subject, home, plan, figures[subject.name], seed=run + 1)
    return figures


# ---------------------------------------------------------------------- the table


def spread(values: list[float], scale: float, unit: str, digits: int) -> str:
    """The median, and the range of the runs when there are several: '65.2 ms (61.0-70.3)'."""
    median = f"{statistics.median(values) * scale:.{digits}f}"
    if len(values) < 2:
        return f"{median} {unit}"
    return f"{median} {unit} ({min(values) * scale:.{digits}f}-{max(values) * scale:.{digits}f})"


def ratio(ours: list[float], base: list[float]) -> str:
    return f"{statistics.median(ours) / statistics.median(base):.2f}x"


def player_rows(table: list[tuple[str, str, str, str, str]], home: Path, quick: bool) -> None:
    """Add the rows measured in a real terminal, Spark beside the minimal app, to the table."""
    plan = Plan.for_run(quick)
    figures = measure(home, plan, warm_up=not quick)
    spark, minimal = figures[SPARK.name], figures[MINIMAL.name]

    def timing(what: str, attribute: str, target: str) -> None:
        ours, base = getattr(spark, attribute), getattr(minimal, attribute)
        table.append(
            (f"{what} (pty)", spread(ours, 1000, "ms", 1), spread(base, 1000, "ms", 1), ratio(ours, base), target)
        )

    timing("cold start to Home painted", "cold_start", "<= 1.3x")
    timing("key press to paint, p50", "paint_p50", "<= 4x")
    timing("key press to paint, p95", "paint_p95", "<= 6x")
    timing("key press to settled, p50", "settled_p50", "= paint (one wave)")
    timing("key press to settled, p95", "settled_p95", "= paint (one wave)")
    first, last = plan.checkpoints[0], plan.checkpoints[-1]
    for presses in plan.checkpoints:
        ours, base = spark.peak_kib[presses], minimal.peak_kib[presses]
        target = "<= 1.3x" if presses == last else "report"
        what = f"peak memory after {presses} key presses (pty)"
        table.append(
            (what, spread(ours, 1 / 1024, "MiB", 1), spread(base, 1 / 1024, "MiB", 1), ratio(ours, base), target)
        )
    flat = minimal.peak_kib[first]  # Textual's Footer leaks in the minimal app: its figure before the leak grows
    table.append(
        (
            f"peak memory after {last} key presses, against the minimal app after {first} (pty)",
            spread(spark.peak_kib[last], 1 / 1024, "MiB", 1),
            spread(flat, 1 / 1024, "MiB", 1),
            ratio(spark.peak_kib[last], flat),
            "<= 1.3x",
        )
    )
    growth = [(b - a) / 1024 for a, b in zip(spark.peak_kib[first], spark.peak_kib[last], strict=True)]
    base_growth = [(b - a) / 1024 for a, b in zip(minimal.peak_kib[first], minimal.peak_kib[last], strict=True)]
    table.append(
        (
            f"peak memory growth, {first} to {last} presses (pty)",
            spread(growth, 1, "MiB", 1),
            spread(base_growth, 1, "MiB", 1),
            "—",
            "<= 3 MB",
        )
    )
