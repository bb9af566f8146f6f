"""The built-in decks, second edition: every number the deck issue promises, read off the files."""

import re
import statistics
from collections import Counter

import pytest

from spark_game.cli import main
from spark_game.core.decks.library import BUILT_IN
from spark_game.paths import built_in_decks_dir, resolve_home

CORE_DECKS = ["conversation", "playfulness", "novelty", "physical"]
MORE_DECKS = ["repair", "rituals", "good-news", "balance", "spice"]
GENDERED = re.compile(r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend)\b", re.I)
PLANS_FOR_LATER = re.compile(
    r"\b(calendar|schedule|pick a (day|date|night)|set a date|book (a|the)|plan (a|an|the|one|our|your)"
    r"|next (week|month|weekend|year)|someday)\b",
    re.I,
)


@pytest.fixture(scope="module")
def library():
    return resolve_home().load_decks()


@pytest.fixture(scope="module")
def decks(library):
    return {entry.deck.id: entry.deck for entry in library.decks}


def test_built_in_decks_validate(capsys):
    paths = sorted(str(path) for path in built_in_decks_dir().glob("*.toml"))
    assert main(["decks", "validate", *paths]) == 0
    assert capsys.readouterr().out.count(": ok (") == len(paths)


@pytest.mark.parametrize("deck_id", CORE_DECKS + MORE_DECKS)
def test_deck_shape(library, decks, deck_id):
    deck = decks[deck_id]
    loaded = next(entry for entry in library.decks if entry.deck.id == deck_id)
    assert loaded.source == BUILT_IN
    assert len(deck.cards) >= (60 if deck_id in CORE_DECKS else 40)
    levels = deck.count_by_level()
    assert all(levels.values()) and levels[3] >= 0.25 * len(deck.cards)
    lengths = [len(card.text) for card in deck.cards]
    assert statistics.median(lengths) <= 120 and max(lengths) <= 200
    assert len({card.kind for card in deck.cards}) >= 3
    assert deck.mature == (deck_id == "spice")
    plans = [card.id for card in deck.cards if PLANS_FOR_LATER.search(card.text)]
    assert len(plans) <= len(deck.cards) / 20, plans
    for card in deck.cards:
        assert not GENDERED.search(card.text), card.id
        assert set(re.findall(r"\{[^}]*\}", card.text)) <= {"{me}", "{partner}"}, card.id


def test_card_ids_are_unique_across_every_deck(library):
    counts = Counter(card.id for entry in library.decks for card in entry.deck.cards)
    counts.update(card.id for card in library.closing.cards)
    assert [card_id for card_id, count in counts.items() if count > 1] == []


def test_the_closing_deck_ends_rounds_and_is_never_offered(library, decks):
    closing = library.closing
    assert closing is not None and "closing" not in decks
    assert len(closing.cards) >= 30
    for card in closing.cards:
        assert card.level == 1 and card.answerer == "both" and len(card.text) <= 140, card.id


def test_decks_list_shows_counts_and_sources(capsys):
    assert main(["decks", "list"]) == 0
    out = capsys.readouterr().out
    for deck_id in CORE_DECKS:
        assert re.search(rf"^{deck_id}\s+.+\s+\d+\s+\d+\s+\d+\s+\d+\s+built-in: ", out, re.M)


def test_repair_has_a_wild_pause_card(decks):
    card = decks["repair"].card("pause")
    assert card.kind == "wild" and card.seconds
