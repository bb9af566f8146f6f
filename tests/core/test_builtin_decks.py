"""The built-in decks, third edition: every number the deck issue promises (see deck_standards), and a
year of weekly rounds dealt from them."""

import re
from collections import Counter

import pytest

from spark_game.cli import main
from spark_game.core.decks.library import BUILT_IN
from spark_game.core.decks.model import CLOSING_DECK_ID
from spark_game.core.play import Phase, Settings, new_round
from spark_game.paths import built_in_decks_dir, resolve_home

from .deck_standards import CORE_DECKS, MORE_DECKS, missing


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


@pytest.mark.parametrize(
    "deck_id",
    [*CORE_DECKS, *MORE_DECKS],
)
def test_deck_meets_the_third_editions_standard(library, decks, deck_id):
    loaded = next(entry for entry in library.decks if entry.deck.id == deck_id)
    assert loaded.source == BUILT_IN
    assert decks[deck_id].mature == (deck_id == "spice")
    assert missing(decks[deck_id], deck_id) == []


def test_closing_deck_meets_the_third_editions_standard(library):
    assert missing(library.closing, "closing") == []


def test_card_ids_are_unique_across_every_deck(library):
    counts = Counter(card.id for entry in library.decks for card in entry.deck.cards)
    counts.update(card.id for card in library.closing.cards)
    assert [card_id for card_id, count in counts.items() if count > 1] == []


def test_the_closing_deck_ends_rounds_and_is_never_offered(library, decks):
    closing = library.closing
    assert closing is not None and "closing" not in decks


def test_decks_list_shows_counts_and_sources(capsys):
    assert main(["decks", "list"]) == 0
    out = capsys.readouterr().out
    for deck_id in CORE_DECKS:
        assert re.search(rf"^{deck_id}\s+.+\s+\d+\s+\d+\s+\d+\s+\d+\s+built-in: ", out, re.M)


def test_decks_lint_warns_about_nothing(capsys):
    paths = sorted(str(path) for path in built_in_decks_dir().glob("*.toml"))
    assert main(["decks", "lint", *paths]) == 0
    assert capsys.readouterr().out.rstrip().endswith(", 0 warning(s)")


@pytest.mark.slow
@pytest.mark.parametrize(
    "deck_ids",
    [
        ("conversation", "playfulness", "novelty"),
        ("novelty", "physical", "conversation"),
    ],
)
def test_a_year_of_fridays_on_three_core_decks_repeats_nothing(library, decks, deck_ids):
    """52 weekly rounds of 12 turns at ceiling bold, each starting from the cards seen before:
    no card comes twice (a deck whose level is used up lends the turn to
    another), every turn gets the level the round is at, the closing card never repeats."""
    seen: dict[str, set[str]] = {}
    dealt: list[tuple[str, str]] = []
    closings: list[str] = []
    for week in range(52):
        game = new_round(
            Settings(("Ana", "Bo"), deck_ids, ceiling=3, turns=12, seed=week), decks, seen, closing=library.closing
        )
        while game.phase is not Phase.CLOSE:
            target = game.target_level()
            card = game.choose_deck(deck_ids[(week + game.turn) % 3])  # the pair takes the decks in turn
            assert card.level == target, (week, game.turn, card.id)
            dealt.append((game.current_deck, card.id))
            seen.setdefault(game.current_deck, set()).add(card.id)
            game.complete()
            game.react(1)
        closings.append(game.closing_card)
        seen.setdefault(CLOSING_DECK_ID, set()).add(game.closing_card)
    assert len(dealt) == 52 * 12 and len(set(dealt)) == len(dealt)
    assert len(set(closings)) == 52
