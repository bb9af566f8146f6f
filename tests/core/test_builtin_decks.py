import re

import pytest

from spark_game.cli import main
from spark_game.core.deck_library import BUILT_IN
from spark_game.paths import built_in_decks_dir, resolve_home

CORE_DECKS = ["conversation", "playfulness", "novelty", "physical"]
GENDERED = re.compile(r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend)\b", re.I)


@pytest.fixture(scope="module")
def library():
    return resolve_home().load_decks()


def test_built_in_decks_validate(capsys):
    paths = sorted(str(path) for path in built_in_decks_dir().glob("*.toml"))
    assert main(["decks", "validate", *paths]) == 0
    assert capsys.readouterr().out.count(": ok (") == len(paths)


@pytest.mark.parametrize("deck_id", CORE_DECKS)
def test_core_deck_shape(library, deck_id):
    loaded = {entry.deck.id: entry for entry in library.decks}[deck_id]
    deck = loaded.deck
    assert loaded.source == BUILT_IN
    assert len(deck.cards) >= 40
    levels = deck.count_by_level()
    assert levels[1] > levels[2] > levels[3] > 0
    assert len({card.kind for card in deck.cards}) >= 3
    assert any(card.seconds for card in deck.cards)
    assert not deck.mature
    for card in deck.cards:
        assert not GENDERED.search(card.text), card.id
        assert set(re.findall(r"\{[^}]*\}", card.text)) <= {"{me}", "{partner}"}, card.id


def test_decks_list_shows_counts_and_sources(capsys):
    assert main(["decks", "list"]) == 0
    out = capsys.readouterr().out
    for deck_id in CORE_DECKS:
        assert re.search(rf"^{deck_id}\s+.+\s+\d+\s+\d+\s+\d+\s+\d+\s+built-in: ", out, re.M)


MORE_DECKS = ["repair", "rituals", "good-news", "balance", "spice"]


@pytest.mark.parametrize("deck_id", MORE_DECKS)
def test_the_further_decks_have_30_cards_over_all_levels(library, deck_id):
    deck = {entry.deck.id: entry.deck for entry in library.decks}[deck_id]
    assert len(deck.cards) >= 30
    assert all(count > 0 for count in deck.count_by_level().values())
    assert deck.mature == (deck_id == "spice")
    for card in deck.cards:
        assert not GENDERED.search(card.text), card.id


def test_repair_has_a_wild_pause_card(library):
    deck = {entry.deck.id: entry.deck for entry in library.decks}["repair"]
    assert deck.card("pause").kind == "wild" and deck.card("pause").seconds
