"""Consent tools in the engine: private limits, the brake, passing and pruning, the closing card."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spark_game.core.decks.model import Card, Deck
from spark_game.core.play import Action, Phase, RuleError, Settings, new_round

from ..toolkit import drive, simple_round, step, take_turns

TAGS = ["touch", "talk", "laugh", "family", "money"]


@st.composite
def tagged_round(draw):
    cards = tuple(
        Card(
            id=f"c{i}",
            kind="question",
            level=draw(st.integers(1, 3)),
            points=2,
            text=f"card {i}",
            tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
        )
        for i in range(draw(st.integers(2, 14)))
    )
    limits = tuple(draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True)))
    return (
        Deck(id="d", name="D", cards=cards),
        limits,
        draw(st.integers(0, 1000)),
        draw(st.lists(st.integers(0, 9), max_size=60)),
    )


@given(tagged_round())
@settings(max_examples=150)
def test_no_drawn_card_ever_carries_a_limited_tag(case):
    deck, limits, seed, actions = case
    if all(set(card.tags) & set(limits) for card in deck.cards):
        return  # nothing left to play: new_round refuses, tested below
    game = new_round(Settings(("Ana", "Bo"), ("d",), turns=None, seed=seed, left_out_tags=limits), {"d": deck})
    drawn = []

    def check(_game, card: Card) -> None:
        assert not set(card.tags) & set(limits)
        drawn.append(card)

    drive(game, actions, check)
    assert drawn or not actions


@given(tagged_round())
@settings(max_examples=150)
def test_after_the_brake_no_card_is_above_the_lowered_ceiling(case):
    deck, _, seed, actions = case
    game = new_round(Settings(("Ana", "Bo"), ("d",), ceiling=3, turns=None, seed=seed), {"d": deck})
    for index, action in enumerate(actions):
        if (index == len(actions) // 3 or action == 9) and game.allows(Action.BRAKE):
            game.brake()
        if game.phase is Phase.CLOSE:
            assert not game.playable_decks()  # the brake left no card anywhere: the round closes kindly
            break
        if game.phase is Phase.CARD:
            assert game.card.level <= game.ceiling
        step(game, action)
    assert game.ceiling == max(1, 3 - game.brakes)


@given(tagged_round())
@settings(max_examples=150)
def test_a_retired_card_never_comes_back_for_the_pair(case):
    deck, _, seed, actions = case
    game = new_round(Settings(("Ana", "Bo"), ("d",), turns=None, seed=seed), {"d": deck})
    retired: set[str] = set()
    for action in actions:
        if game.phase is Phase.CHOOSE and not game.playable_decks():
            break
        if game.phase is Phase.CARD:
            assert game.card.id not in retired
            if action == 0 and len(game.decks["d"].cards) > 1:
                retired.add(game.card.id)
                game.retire_card()
                continue
        step(game, action)
    if len(retired) < len(deck.cards):
        later = new_round(Settings(("Ana", "Bo"), ("d",), seed=seed + 1), {"d": deck}, retired={"d": retired})
        assert not retired & set(later.decks["d"].card_index)


def test_the_brake_lowers_the_ceiling_at_once_and_swaps_a_bold_card():
    game = simple_round(turns=3)
    game.turn = 3  # late in the round: bold
    assert game.choose_deck("d").level == 3
    offered = game.brake()
    assert game.ceiling == 2 and offered.level <= 2 and game.phase is Phase.CARD
    game.brake()
    assert game.ceiling == 1 and not game.allows(Action.BRAKE)  # never below gentle
    with pytest.raises(RuleError):
        game.brake()


def test_every_round_closes_with_an_appreciation_card():
    game = simple_round(turns=1)
    take_turns(game, reaction=1)
    assert game.phase is Phase.CLOSE and game.card in game.closing.cards and game.card.answerer == "both"
    game.complete()
    assert game.phase is Phase.OVER


def test_ending_early_also_closes():
    game = simple_round()
    game.choose_deck("d")
    game.finish()
    assert game.phase is Phase.CLOSE and game.history == []


def test_limits_that_leave_nothing_are_refused():
    deck = Deck(id="d", name="D", cards=(Card(id="a", kind="question", level=1, points=1, text="x", tags=("touch",)),))
    with pytest.raises(RuleError, match="has a card left for you"):
        new_round(Settings(("Ana", "Bo"), ("d",), left_out_tags=("touch",)), {"d": deck})
