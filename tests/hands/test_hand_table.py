"""The hands' table: a secret per partner, intents narrowed to what is that partner's, replays applied once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spark_game.core.decks.model import Card
from spark_game.core.hands import HandTable, Intent
from spark_game.core.play import Action, Phase
from spark_game.core.play.hand_answers import MARKS, fits, shared_wishes

from ..toolkit import simple_round


def reacting_round():
    game = simple_round()
    game.choose_deck("d")
    game.complete()  # Ana did her card: Bo reacts
    assert game.phase is Phase.REACT and game.reactor == 1
    return game


def test_each_partner_has_a_fresh_secret_and_no_other_string_opens_a_hand():
    table, other = HandTable(("Ana", "Bo")), HandTable(("Ana", "Bo"))
    ana, bo = table.hands
    assert ana.secret != bo.secret and len(ana.secret) >= 20
    assert {ana.secret, bo.secret}.isdisjoint({hand.secret for hand in other.hands})
    assert table.hand_for(ana.secret) is ana and table.hand_for(bo.secret) is bo
    for wrong in ("", ana.secret[:-1], ana.secret + "x", bo.secret.upper(), other.hands[0].secret, "é" * 30):
        assert table.hand_for(wrong) is None


def test_only_the_partner_who_reacts_may_react_and_either_may_pass_or_brake():
    table, game = HandTable(("Ana", "Bo")), reacting_round()
    ana, bo = table.hands
    assert table.allowed(game, 1) == ["react", "brake"]
    assert table.allowed(game, 0) == ["brake"]
    assert table.receive(ana, {"id": "ana-react-1", "do": "react", "value": 2}, game) is None
    assert table.receive(bo, {"id": "bo-react-1", "do": "react", "value": 2}, game) == Intent(Action.REACT, 2)
    game.react(2)
    assert table.allowed(game, 0) == ["brake"]  # choosing: no card to pass
    game.choose_deck("d")
    assert table.allowed(game, 0) == ["pass", "brake"] == table.allowed(game, 1)


def test_an_intent_sent_again_is_applied_once():
    table, game = HandTable(("Ana", "Bo")), reacting_round()
    bo = table.hands[1]
    message = {"id": "resent-after-wifi", "do": "react", "value": 1}
    assert table.receive(bo, message, game) == Intent(Action.REACT, 1)
    assert table.receive(bo, dict(message), game) is None


def test_a_reaction_must_be_one_of_the_games():
    table, game = HandTable(("Ana", "Bo")), reacting_round()
    bo = table.hands[1]
    for index, value in enumerate((3, -1, "2", 1.0, True, None)):
        assert table.receive(bo, {"id": f"bad-value-{index}", "do": "react", "value": value}, game) is None


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    )
)
def test_any_other_message_asks_for_nothing(message):
    table, game = HandTable(("Ana", "Bo")), reacting_round()
    intent = table.receive(table.hands[1], message, game)
    assert intent is None or (isinstance(message, dict) and message.get("do") in ("react", "brake"))


def test_the_view_is_the_partners_own_and_says_whose_turn_it_is():
    table, game = HandTable(("Ana", "Bo")), simple_round()
    game.choose_deck("d")
    ana, bo = table.view(game, 0), table.view(game, 1)
    assert (ana["me"], ana["mine"], bo["me"], bo["mine"]) == ("Ana", True, "Bo", False)
    assert ana["state"] == bo["state"] == "card" and ana["whose"] == "Ana"
    assert ana["card"] == game.personalise(game.card.text)
    game.finish()
    game.complete()
    assert table.view(game, 0) == {"me": "Ana", "partner": "Bo", "state": "over", "actions": []}


@given(st.lists(st.tuples(st.sampled_from(MARKS), st.sampled_from(MARKS)), min_size=3, max_size=8))
def test_wishes_reveal_only_what_both_want_never_a_no_nor_one_partner_alone(pairs):
    options = tuple(f"wish {i}" for i in range(len(pairs)))
    menu = Card("menu", "wishes", 2, 2, "Tonight's menu.", answerer="both", options=options)
    shown = shared_wishes(menu, {0: [a for a, _ in pairs], 1: [b for _, b in pairs]})
    for option, (first, second) in zip(options, pairs, strict=True):
        wanted = "no" not in (first, second) and "yes" in (first, second)
        assert (option in shown) == wanted


def test_an_answer_from_a_phone_fits_the_card_or_is_refused():
    pick = Card("pick", "secret", 1, 1, "Pick one.", answerer="both", options=("tea", "coffee"))
    words = Card("words", "secret", 1, 1, "A few words.", answerer="both")
    menu = Card("menu", "wishes", 1, 1, "Menu.", answerer="both", options=("a", "b", "c"))
    assert fits(pick, "tea") and not fits(pick, "Tea") and not fits(pick, ["tea"])
    assert fits(words, "a cup of tea") and not fits(words, "  ") and not fits(words, "x" * 81)
    assert not fits(words, "bell\x07")  # a control character never reaches the table
    assert fits(menu, ["yes", "no", "maybe"]) and not fits(menu, ["yes", "no"]) and not fits(menu, ["yes", "no", "ok"])
