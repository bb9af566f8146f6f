"""A pile never deals out of order: a deck with only stronger cards left lends the turn to another
deck, or (alone in the round) deals its gentler cards again, and says so."""

from spark_game.core.decks.model import Card, Deck
from spark_game.core.play import Settings, new_round

from ..toolkit import take_turns


def three_level_deck(deck_id: str, per_level: int = 4) -> Deck:
    cards = tuple(
        Card(id=f"{deck_id}-{level}-{i}", kind="question", level=level, points=1, text=f"{deck_id} {level} {i}")
        for level in (1, 2, 3)
        for i in range(per_level)
    )
    return Deck(id=deck_id, name=deck_id.title(), cards=cards)


def gentle_ids(deck: Deck) -> set[str]:
    return {card.id for card in deck.cards if card.level == 1}


def test_a_one_deck_round_whose_gentle_pile_is_empty_never_deals_bold_early():
    deck = three_level_deck("solo")
    game = new_round(Settings(("Ana", "Bo"), ("solo",), seed=3), {"solo": deck}, seen={"solo": gentle_ids(deck)})
    first = take_turns(game, 4, deck="solo")
    assert [card.level for card in first] == [1, 1, 1, 1]  # the gentle third of a 12-turn round
    rest = take_turns(game, 8, deck="solo")
    assert [card.level for card in rest] == [2, 2, 2, 2, 3, 3, 3, 3]


def test_the_first_gentle_repeat_says_why():
    deck = three_level_deck("solo")
    game = new_round(Settings(("Ana", "Bo"), ("solo",), seed=3), {"solo": deck}, seen={"solo": gentle_ids(deck)})
    card = game.choose_deck("solo")
    assert card.level == 1 and card.id in gentle_ids(deck)
    assert game.draw_notice == "Solo's gentle cards have all been played, so they come round again."


def test_another_chosen_deck_lends_its_gentle_card_and_the_notice_names_both():
    used, fresh = three_level_deck("used"), three_level_deck("fresh")
    game = new_round(
        Settings(("Ana", "Bo"), ("used", "fresh"), seed=5),
        {"used": used, "fresh": fresh},
        seen={"used": gentle_ids(used)},
    )
    card = game.choose_deck("used")
    assert card.level == 1 and card.id.startswith("fresh-")
    assert game.current_deck == "fresh"
    assert game.draw_notice == "Used has no gentle card left, so this one is from Fresh."


def test_a_deck_with_its_level_left_deals_its_own_card_without_a_notice():
    used, fresh = three_level_deck("used"), three_level_deck("fresh")
    game = new_round(Settings(("Ana", "Bo"), ("used", "fresh"), seed=5), {"used": used, "fresh": fresh})
    card = game.choose_deck("used")
    assert card.id.startswith("used-1-") and game.draw_notice == ""


def test_surprise_picks_a_deck_that_has_the_level_the_round_is_at():
    used, fresh = three_level_deck("used"), three_level_deck("fresh")
    for seed in range(20):
        game = new_round(
            Settings(("Ana", "Bo"), ("used", "fresh"), seed=seed),
            {"used": used, "fresh": fresh},
            seen={"used": gentle_ids(used)},
        )
        card = game.choose_deck(None)
        assert card.id.startswith("fresh-1-") and game.draw_notice == ""


def test_a_card_that_needs_the_hands_is_never_dealt_on_one_screen_and_an_aloud_one_is():
    cards = [Card(f"q{i}", "question", 1, 1, f"q {i}") for i in range(6)]
    cards += [
        Card("guess", "secret", 1, 1, "Guess {partner}'s order", answerer="both", options=("tea", "coffee")),
        Card("menu", "wishes", 1, 1, "Tonight's menu", answerer="both", options=("a", "b", "c")),
        Card("rate", "secret", 1, 1, "Rate today, both at once", answerer="both", aloud=True),
    ]
    game = new_round(Settings(("Ana", "Bo"), ("d",), turns=None, seed=4), {"d": Deck("d", "D", tuple(cards))})
    dealt = []
    for _ in range(21):  # three times through the seven cards one screen can play
        dealt.append(game.choose_deck("d").id)
        game.complete()
        game.react(1)
    assert dealt.count("rate") == 3 and not {"guess", "menu"} & set(dealt)
