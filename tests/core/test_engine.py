"""The rules of a round, as properties over random decks, settings and choices."""

import pytest
from hypothesis import given, settings

from spark_game.core.decks.model import Card
from spark_game.core.play import Phase, Round, RuleError, Settings, new_round

from ..toolkit import play, rounds, simple_round, step, take_turns


@given(rounds())
@settings(max_examples=200)
def test_scores_are_never_negative_and_equal_the_sum_of_the_turns(case):
    game = play(*case)
    first, second = game.scores()
    assert first >= 0 and second >= 0
    expected = [0, 0]
    for record in game.history:
        if record.outcome != "done":
            continue
        if record.card.answerer == "both" or record.card.kind == "wild":  # done together: both score
            expected[0] += record.total
            expected[1] += record.total
        elif record.card.answerer == "partner":  # the partner did it: the partner scores
            expected[1 - record.player] += record.total
        else:
            expected[record.player] += record.total
    assert (first, second) == tuple(expected)
    for record in game.history:
        assert record.total >= 0
        if record.outcome == "pass":
            assert record.total == 0
        else:
            assert record.points == record.card.points and record.reaction in (0, 1, 2)


@given(rounds())
@settings(max_examples=200)
def test_no_card_repeats_while_its_deck_has_unseen_cards_and_none_is_above_the_ceiling(case):
    """The one exception: unseen cards all stronger than the turn wants, where gentler ones come round again."""
    chosen, deck_map, _ = case
    seen: dict[str, set[str]] = {deck_id: set() for deck_id in deck_map}
    gentler_again: set[str] = set()  # decks whose gentler cards were announced to come round again

    def check(game: Round, card: Card) -> None:
        assert card.level <= chosen.ceiling
        deck_id = game.current_deck
        eligible = {c.id for c in deck_map[deck_id].cards if c.level <= chosen.ceiling}
        if card.id in seen[deck_id]:
            unseen = eligible - seen[deck_id] - {card.id}
            if unseen and (deck_id in gentler_again or "come round again" in game.draw_notice):
                gentler_again.add(deck_id)
                assert all(deck_map[deck_id].card(c).level > card.level for c in unseen)
                return
            assert not unseen, "a card came back before its deck was used up"
            seen[deck_id] = set()
            gentler_again.discard(deck_id)
        seen[deck_id].add(card.id)

    play(*case, check=check)


@given(rounds())
@settings(max_examples=100)
def test_the_same_seed_gives_the_same_round(case):
    assert play(*case).history == play(*case).history


@given(rounds())
@settings(max_examples=100)
def test_a_pass_never_offers_a_bolder_card(case):
    chosen, deck_map, actions = case
    game = new_round(chosen, deck_map)
    for action in actions:
        if game.phase is Phase.CARD:
            before = game.card
            offered = game.pass_card()
            assert offered is None or offered.level <= before.level
        elif not step(game, action):
            break


def test_intensity_rises_over_the_round_and_stops_at_the_ceiling():
    game = simple_round(turns=12)
    levels = [card.level for card in take_turns(game)]
    assert levels == [1] * 4 + [2] * 4 + [3] * 4
    capped = simple_round(turns=12, ceiling=2)
    assert max(capped.target_level() for capped.turn in range(1, 13)) == 2


def test_turns_alternate_and_reactions_and_streaks_add_bonuses():
    game = simple_round()
    assert game.active_player == 0
    game.choose_deck("d")
    game.complete()
    game.react(2)
    assert game.active_player == 1 and game.scores() == (4, 0)
    game.choose_deck("d")
    game.complete()
    game.react(1)
    game.choose_deck("d")
    game.complete()
    game.react(0)
    assert game.scores() == (4 + 3, 3)  # the third done card in a row earns the streak bonus


def test_a_pass_costs_nothing_and_keeps_the_turn():
    game = simple_round()
    game.choose_deck("d")
    offered = game.pass_card()
    assert offered is not None and game.phase is Phase.CARD
    assert game.active_player == 0 and game.turn == 1 and game.scores() == (0, 0)


def test_names_replace_placeholders_literally_in_one_pass():
    game = simple_round()
    game.settings = Settings(("{partner}", "[b]x[/b]"), ("d",))
    assert game.personalise("{me} asks {partner}") == "{partner} asks [b]x[/b]"


def test_actions_out_of_order_are_refused():
    game = simple_round()
    with pytest.raises(RuleError):
        game.complete()
    with pytest.raises(RuleError):
        game.react(1)


@pytest.mark.parametrize("players", [("Ana", "ana"), ("Ana", " "), ("", "Bo")])
def test_a_round_needs_two_different_names(players):
    with pytest.raises(RuleError):
        new_round(Settings(players, ("d",)), {"d": simple_round().decks["d"]})
