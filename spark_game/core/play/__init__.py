"""The rules of a round: what is allowed and why, the round's state and draws, escalation, scoring.

- `rules`: `Action`, `Phase` and the table that answers what is allowed now;
- `round`: `Round` (a plain, seeded value) and the moves the partners make on it;
- `draws`: the shuffled piles and which card comes next;
- `escalation`: gentle, warm, bold across a round, under the ceiling and the brakes;
- `scoring`: points, streaks and reactions;
- `undo`: what each step changed, to take it back;
- `setup`: checking the settings and starting a round.

Pure and seeded: the same seed and the same choices give the same round. Imports only `files`
and `decks`. The names below are the room's public face; import them from here.
"""

from . import hand_answers
from .draws import shuffled_pile
from .escalation import ESCALATION_SPAN
from .round import FALLBACK_CLOSING, NOTE_LIMIT, Round, Settings, fill_names
from .rules import COUNTER_WRAP, MAX_TURNS, PERSONAL_DECKS, PLAYING_PHASES, Action, Phase, RuleError
from .scoring import (
    COMPETITIVE,
    COOPERATIVE,
    MODES,
    REACTIONS,
    STREAK_BONUS,
    STREAK_START,
    TEAM_POINTS_PER_TURN,
    TurnRecord,
    doers_of,
    reactor_of,
)
from .setup import SettingsProblem, cards_left, new_round, validate_settings, withheld_cards
from .undo import UNDO_DEPTH, UndoStep

__all__ = [
    "COMPETITIVE",
    "COOPERATIVE",
    "COUNTER_WRAP",
    "ESCALATION_SPAN",
    "FALLBACK_CLOSING",
    "MAX_TURNS",
    "MODES",
    "NOTE_LIMIT",
    "PERSONAL_DECKS",
    "PLAYING_PHASES",
    "REACTIONS",
    "STREAK_BONUS",
    "STREAK_START",
    "TEAM_POINTS_PER_TURN",
    "UNDO_DEPTH",
    "Action",
    "Phase",
    "Round",
    "RuleError",
    "Settings",
    "SettingsProblem",
    "TurnRecord",
    "UndoStep",
    "cards_left",
    "doers_of",
    "fill_names",
    "hand_answers",
    "new_round",
    "reactor_of",
    "shuffled_pile",
    "validate_settings",
    "withheld_cards",
]
