"""What every group of rows shares: timing an action, and a row of the table."""

from __future__ import annotations

import time
from collections.abc import Callable

Table = list[tuple[str, str, str, str, str]]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def row(
    table: Table,
    what: str,
    ours: float,
    base: float | None,
    target: str,
    unit: str = "s",
) -> None:
    ratio = f"{ours / base:.2f}x" if base else "—"
    fmt = (lambda v: f"{v * 1000:.2f} ms") if unit == "s" else (lambda v: f"{v:,.0f} {unit}")
    table.append((what, fmt(ours), fmt(base) if base else "—", ratio, target))
