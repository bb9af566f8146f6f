"""`decks similar`: a review list of the closest pairs of cards, not a verdict.

The 2026-11 review's 19 tight pairs share an idea more than words; the list must still put most
of them in front of a reader (lint, by design, warns about none of them).
"""

from pathlib import Path

import tomli_w

from spark_game.cli import main
from spark_game.core.decks.model import Card
from spark_game.core.decks.similar import PlacedCard, cards_of, similar_pairs, terms_of

from .test_lint import REVIEW_TIGHT_PAIRS, first_edition


def placed(deck_id: str, card_id: str, text: str) -> PlacedCard:
    return PlacedCard(deck_id, Card(id=card_id, kind="question", level=1, points=1, text=text))


FILLER = [
    placed("a", "snack", "Name a snack you would defend in court."),
    placed("a", "cat", "Draw a cat with your eyes closed and let {partner} name it."),
    placed("a", "film", "Which film scene always makes you cry?"),
    placed("b", "hum", "Hum a song and let {partner} guess it."),
    placed("b", "photo", "Show {partner} the last photo you took and tell its story."),
    placed("b", "smell", "Describe a smell that takes you back to being small."),
    placed("b", "brave", "Tell {partner} about a time you felt brave at work."),
]


def test_the_top_400_first_edition_pairs_hold_at_least_12_of_the_reviews_19_tight_pairs():
    cards, problems = cards_of(first_edition())
    assert problems == [] and len(cards) == 392
    listed = {frozenset((pair.first.key, pair.second.key)) for pair in similar_pairs(cards, 400)}
    found = listed & {frozenset(pair) for pair in REVIEW_TIGHT_PAIRS}
    assert len(found) >= 12, sorted(map(sorted, found))


def test_a_shared_concept_in_other_words_ranks_above_cards_on_other_themes():
    proud = placed("a", "proud", "What are you quietly proud of but rarely mention?")
    pride = placed("b", "pride", "Tell {partner} about an untold pride: something you never told anyone.")
    pairs = similar_pairs([proud, pride, *FILLER], 3)
    assert {pairs[0].first.key, pairs[0].second.key} == {"a/proud", "b/pride"}
    assert "~pride" in terms_of(proud.card.text)[1] & terms_of(pride.card.text)[1]


def test_the_list_is_closest_first_and_as_long_as_asked():
    copy = placed("b", "copy", "Name a snack you would defend in court, and say why.")
    pairs = similar_pairs([*FILLER, copy], 50)
    assert 1 < len(pairs) < 28  # only pairs that share a word or a concept are scored
    assert {pairs[0].first.key, pairs[0].second.key} == {"a/snack", "b/copy"}
    assert similar_pairs([*FILLER, copy], 1) == pairs[:1]
    assert [pair.score for pair in pairs] == sorted((pair.score for pair in pairs), reverse=True)


def deck_file(folder: Path, deck_id: str, texts: list[str]) -> Path:
    cards = [
        {"id": f"{deck_id}-{n}", "kind": "question", "level": 1, "points": 1, "text": t} for n, t in enumerate(texts)
    ]
    path = folder / f"{deck_id}.toml"
    path.write_text(tomli_w.dumps({"format": 1, "deck": {"id": deck_id, "name": deck_id}, "cards": cards}))
    return path


def test_the_command_prints_both_texts_with_control_characters_shown(tmp_path, capsys):
    ours = deck_file(tmp_path, "ours", ["Name a snack you would defend in court.\x1b[2J", "Which film makes you cry?"])
    theirs = deck_file(tmp_path, "theirs", ["Name a snack you would defend in court, and why.", "Hum a song."])
    assert main(["decks", "similar", "--top", "1", str(ours), str(theirs)]) == 0
    out = capsys.readouterr().out
    assert "1. ours/ours-0  ~  theirs/theirs-0" in out
    assert "court.[2J" in out and "\x1b" not in out  # the loader drops the escape; say() would show it
    assert "court, and why." in out
    assert "The 1 closest pair of 4 cards" in out


def test_the_command_reads_the_home_and_built_in_decks_by_default(tmp_path, capsys):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    deck_file(home / "decks", "ours", ["What are you quietly proud of but rarely mention, {partner}?"])
    assert main(["--home", str(home), "decks", "similar", "--top", "5"]) == 0
    out = capsys.readouterr().out
    assert "Checking 11 deck files" in out and "The 5 closest pairs of" in out


def test_the_command_names_an_unreadable_file_and_fails_only_with_no_cards(tmp_path, capsys):
    assert main(["decks", "similar", str(tmp_path / "missing.toml")]) == 1
    captured = capsys.readouterr()
    assert "missing.toml: cannot be read" in captured.out and "no cards to compare" in captured.err
