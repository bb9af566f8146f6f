"""What the keys and buttons of Play mean: the engine action behind each one, and the decks to choose from.

Play asks the engine about these actions and never decides itself;
`tests/ui/test_rules_on_screen.py` checks that every engine action has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....core.play import REACTIONS, Action, Round
from ...widgets.line_list import Line

if TYPE_CHECKING:
    pass


REACTION_KEYS = {reaction: str(reaction + 1) for reaction in REACTIONS}


REACTION_LABELS = {reaction: f"{key} · {REACTIONS[reaction].capitalize()}" for reaction, key in REACTION_KEYS.items()}


# The screen's actions that are the engine's, and the engine action each one asks about.
ENGINE_ACTIONS = {
    "choose": Action.CHOOSE,
    "pick": Action.CHOOSE,  # Enter on the highlighted deck
    "surprise": Action.SURPRISE,
    "done": Action.COMPLETE,
    "pass_card": Action.PASS,
    "react": Action.REACT,
    "favourite": Action.FAVOURITE,
    "brake": Action.BRAKE,
    "retire": Action.RETIRE,
    "later": Action.LATER,
    "timer": Action.TIMER,
    "end_round": Action.FINISH,
    "undo": Action.UNDO,
    "note": Action.NOTE,
    "plan": Action.NOTE,  # a plan grows out of a card's note, when a note could be written
}


BUTTON_ACTIONS = {
    "button-done": "done",
    "button-pass": "pass_card",
    "button-favourite": "favourite",
    "button-retire": "retire",
    "button-later": "later",
    "button-undo": "undo",
}


def engine_question(
    game: Round, action: str, parameters: tuple[object, ...], highlighted: int
) -> tuple[Action, object] | None:
    """The engine action (and its argument) behind one of Play's actions; None for the screen's own."""
    engine_action = ENGINE_ACTIONS.get(action)
    if engine_action is None:
        return None
    argument: object = None
    if action == "pick":
        argument = game.settings.deck_ids[highlighted]
    elif engine_action is Action.CHOOSE:
        number = int(str(parameters[0]))
        deck_ids = game.settings.deck_ids
        argument = deck_ids[number - 1] if 1 <= number <= len(deck_ids) else None
    elif engine_action is Action.REACT:
        argument = parameters[0]
    return engine_action, argument


def deck_lines(game: Round) -> tuple[tuple[Line, ...], int]:
    """The decks as Play lists them (numbered, played how often tonight, greyed when empty), and the first playable."""
    counts = game.deck_play_counts()
    playable = set(game.playable_decks())
    lines = []
    for number, deck_id in enumerate(game.settings.deck_ids, start=1):
        played = counts[deck_id]
        label = f"{number}  {game.decks[deck_id].name}" + (f"  · played {played}" if played else "")
        lines.append(Line(label, deck_id in playable))
    first_playable = next((index for index, line in enumerate(lines) if line.enabled), 0)
    return tuple(lines), first_playable
