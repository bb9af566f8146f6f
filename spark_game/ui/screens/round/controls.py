"""What the keys and buttons of Play mean: the engine action behind each one, and the decks to choose from.

Play asks the engine about these actions and never decides itself;
`tests/ui/test_rules_on_screen.py` checks that every engine action has one.
"""

from __future__ import annotations

from ....core.decks.model import LEVEL_NAMES, Card
from ....core.play import REACTIONS, Action, Phase, Round, doers_of
from ....core.session.play_session import Step
from ...widgets.card_view import ALOUD
from ...widgets.line_list import Line

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


def brake_notice(game: Round, card_before: Card | None) -> str:
    """What the shared screen says after a brake: the round goes gentler, never who asked."""
    limit = LEVEL_NAMES[game.ceiling]
    if game.phase is Phase.CLOSE:
        return "No card in tonight's decks is that gentle, so let's close the round here."
    if card_before is not None and game.card is not card_before:
        swapped = "here's one" if game.card is not None else "choose a deck"
        return f"Taking it gentler, up to {limit}: {swapped}."
    stay = "gentle" if game.ceiling == 1 else f"{limit} or gentler"
    return f"Taking it gentler: the next cards stay {stay}."


def who_answers(game: Round, card: Card) -> str:
    """The card's line of who does it, when it is not simply the partner whose turn it is."""
    doers = doers_of(card, game.active_player)
    if card.aloud:
        return ALOUD
    if len(doers) == 2:
        return "Both of you"
    return "" if doers[0] == game.active_player else f"{game.settings.players[doers[0]]} answers"


def only_deck(game: Round) -> str | None:
    """The round's deck when it has one only: then there is nothing to choose, and the card comes at once."""
    deck_ids = game.settings.deck_ids
    return deck_ids[0] if len(deck_ids) == 1 else None


def next_hint(game: Round, step: Step | None) -> str:
    """What comes after a card left the table: another card, the closing card, or a deck to choose."""
    if step is not None and step.offered is not None:
        return "Here's another."
    return "Let's close the round." if game.phase is Phase.CLOSE else "Choose a deck."
