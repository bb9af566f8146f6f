"""The Play screen decides nothing itself: every key and button it offers is the engine's answer."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings

from spark_game.core.play import REACTIONS, Action, Phase
from spark_game.ui.screens.round.controls import BUTTON_ACTIONS, ENGINE_ACTIONS
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import play, rounds

PACKAGE = Path(__file__).resolve().parents[2] / "spark_game"


def screen_questions(screen: PlayScreen) -> list[tuple[str, tuple[object, ...]]]:
    """Every action the screen's keys and buttons can ask about, with each argument they can pass."""
    questions: list[tuple[str, tuple[object, ...]]] = [(action, ()) for action in ENGINE_ACTIONS if action != "react"]
    questions = [question for question in questions if question[0] != "choose"]
    questions += [("choose", (number,)) for number in range(1, 10)]
    questions += [("react", (reaction,)) for reaction in REACTIONS]
    return questions


@given(rounds())
@settings(max_examples=150)
def test_every_action_the_play_screen_offers_is_decided_by_the_engine(case):
    game = play(*case)
    screen = PlayScreen(game)
    for action, parameters in screen_questions(screen):
        engine_action, argument = screen.engine_question(action, parameters)
        assert screen.check_action(action, parameters) == game.allows(engine_action, argument)
        if action == "choose":
            number = int(str(parameters[0]))
            deck_ids = game.settings.deck_ids
            expected = number <= len(deck_ids) and game.allows(Action.CHOOSE, deck_ids[number - 1])
            assert screen.check_action(action, parameters) == expected
    assert set(ENGINE_ACTIONS.values()) == set(Action) - {Action.ANSWER}  # an answer comes from a phone alone
    assert set(BUTTON_ACTIONS.values()) <= set(ENGINE_ACTIONS)
    if game.phase is Phase.OVER:
        assert not game.legal_actions()


def test_no_module_imports_another_modules_private_names():
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("spark_game")):
                private = [
                    alias.name for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
                if private:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {', '.join(private)}")
    assert found == []
