"""How a round climbs: gentle for its first third, warm for the second, bold after, never above
the ceiling the pair chose less the levels they braked down.
"""

from __future__ import annotations

ESCALATION_SPAN = 12  # an open-ended round escalates as a 12-turn one would


def ceiling_after_brakes(chosen: int, brakes: int) -> int:
    return max(1, chosen - brakes)


def target_level(turn: int, turns: int | None, ceiling: int) -> int:
    """The level a draw aims at on this turn of a round of `turns` (None: open-ended)."""
    span = turns or ESCALATION_SPAN
    stage = 1 + (3 * (turn - 1)) // span
    return max(1, min(stage, 3, ceiling))
