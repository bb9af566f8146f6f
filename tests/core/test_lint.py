"""Deck lint: each rule fires on a small bad deck and stays quiet on a good one; the built-in decks lint clean.

The first edition of the decks (tests/data/first_edition, from the commit before the second edition, with
the old closing texts as closing.toml) is kept as test data: the lint must see what the 2026-11 review saw.
"""

import re
import sys
from pathlib import Path

import pytest
import tomli_w

from spark_game.cli import main
from spark_game.core.decks.checks import check_card_fields
from spark_game.core.decks.library import SHIPPED_FILES
from spark_game.core.decks.lint import lint_paths
from spark_game.paths import built_in_decks_dir

from ..toolkit import card, write

FIRST_EDITION = Path(__file__).parent.parent / "data" / "first_edition"

# The review's "tight pairs" (cards/2026-11 section 2), as deck/card: two ids are reused across decks.
REVIEW_TIGHT_PAIRS = [
    ("conversation/quietly-proud", "good-news/untold-pride"),
    ("physical/thumb-war-best-of-three", "playfulness/thumb-war-speech"),
    ("physical/palm-reading", "playfulness/palm-reading"),
    ("good-news/slow-motion-replay", "playfulness/slow-motion-replay"),
    ("playfulness/worst-pickup-line", "spice/worst-and-best-line"),
    ("playfulness/nature-documentary", "repair/nature-documentary-gripe"),
    ("balance/five-year-shared-dream", "balance/dream-on-three"),
    ("conversation/need-more-of", "conversation/more-of-on-three"),
    ("balance/how-they-did-it", "repair/how-i-learned-sorry"),
    ("conversation/bid-spotting", "repair/spot-my-repair"),
    ("physical/pinky-promise", "repair/one-tiny-promise"),
    ("physical/trust-walk", "novelty/voice-guided-walk"),
    ("novelty/swap-lives", "playfulness/identity-swap"),
    ("spice/pace-not-details", "spice/wanted-evening"),
    ("spice/quietly-irresistible", "spice/attractive-habit"),
    ("rituals/tiny-anniversary", "rituals/small-anniversaries-calendar"),
    ("rituals/stress-reducing-chat", "rituals/daily-debrief-slot"),
    ("rituals/cook-instead-of-tv", "rituals/cook-together-night"),
    ("novelty/lights-out-talk", "rituals/warm-cup-side-by-side"),
]

GOOD_TEXTS = [
    "What made you smile today?",
    "Hum a song and let {partner} guess it.",
    "Trade one small compliment each, {me} first.",
    "Show {partner} the last photo you took and tell its story.",
    "Hold hands for a minute without talking.",
    "Tell {partner} about a time you felt brave.",
    "Describe a smell that takes you back to being small.",
    "Whisper a secret wish for next year.",
]
MORE_TEXTS = [
    "Name a snack you would defend in court.",
    "Draw a cat with your eyes closed.",
    "Which film scene always makes you cry?",
    "Balance a spoon on your nose for luck.",
    "Tell a joke badly on purpose.",
    "What would your robot butler be called?",
    "Pick the better biscuit: plain or chocolate?",
    "Read a page of any book in a pirate voice.",
    "Which smell means summer to you?",
    "Teach {partner} a word from another language.",
    "Count the freckles on one hand.",
    "Sing the first line of a song from school.",
    "Which animal would you swap lives with for a day?",
    "Stand on one leg while telling your plans.",
]


def deck(folder: Path, cards: list[dict], deck_id: str = "tiny", name: str | None = None) -> Path:
    document = {"format": 1, "deck": {"id": deck_id, "name": deck_id.title()}, "cards": cards}
    return write(folder, tomli_w.dumps(document), name or f"{deck_id}.toml")


def balanced(texts: list[str], prefix: str = "c") -> list[dict]:
    """Cards in the given texts at levels 1, 2, 3, 1, 2, 3, ...: every level, a third bold."""
    return [card(f"{prefix}{i}", text, level=i % 3 + 1) for i, text in enumerate(texts)]


def lint(*paths: Path) -> list[str]:
    return [str(problem) for problem in lint_paths(list(paths))]


def test_a_good_deck_gives_no_warning(tmp_path):
    assert lint(deck(tmp_path, balanced(GOOD_TEXTS))) == []


def test_lint_prints_each_warning_at_its_line_and_exits_0(tmp_path, capsys):
    texts = ["Ask your wife about the best day of the year so far and why.", *GOOD_TEXTS[1:]]
    path = deck(tmp_path, balanced(texts))
    assert main(["decks", "lint", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:12:1: cards[0].text (card 'c0'): warning: gendered word 'wife'" in out
    assert out.strip().endswith("1 file(s) checked, 1 warning(s)")


@pytest.mark.parametrize("word", ["her", "hers", "him", "his", "He", "she", "wife", "boyfriend"])
def test_gendered_words(tmp_path, word):
    texts = [f"Tell {word} one thing you noticed.", *GOOD_TEXTS[1:]]
    warnings = lint(deck(tmp_path, balanced(texts)))
    assert len(warnings) == 1 and f"gendered word '{word}'" in warnings[0]


def test_words_that_only_contain_a_gendered_word_are_fine(tmp_path):
    texts = ["Share the history of the theme you chose here.", *GOOD_TEXTS[1:]]
    assert lint(deck(tmp_path, balanced(texts))) == []


def test_a_card_over_200_characters(tmp_path):
    long_text = "Tell {partner} about a place you loved. " + "x" * 161
    assert len(long_text) == 201
    warnings = lint(deck(tmp_path, balanced([long_text, long_text[:-1].replace("loved", "liked"), *GOOD_TEXTS[2:]])))
    assert len(warnings) == 1 and "cards[0].text (card 'c0'): warning: 201 characters" in warnings[0]


@pytest.mark.parametrize(
    "text",
    [
        "Notice one bid for attention {partner} made today.",
        "Say it as a soft start-up.",
        "Turn towards {partner} when they sigh.",
        "What do your repair attempts look like?",
        "Count the bids {partner} made today.",
        "Update your love map of {partner}.",
        'Use "I" statements only.',
        "Use ‘I’ statements only.",
        "Validate what {partner} felt.",
        "Name a moment of validation.",
        "Practise active listening for a minute.",
        "Guess each other's attachment style.",
        "What triggered you this week?",
        "Name your emotional needs.",
        "Share a moment of vulnerability.",
        "Rate your communication skills.",
    ],
)
def test_therapy_vocabulary(tmp_path, text):
    warnings = lint(deck(tmp_path, balanced([text, *GOOD_TEXTS[1:]])))
    assert len(warnings) == 1 and "therapy word" in warnings[0] and "everyday words" in warnings[0]


def test_everyday_words_near_the_therapy_ones_are_fine(tmp_path):
    texts = ["Turn round and face {partner}.", "Make a valid point about cake.", "Bid farewell to the day."]
    assert lint(deck(tmp_path, balanced(texts + GOOD_TEXTS[3:]))) == []


MOULD_CASES = {
    "on the count of three": ("On the count of three, both point at {i} things.", 6),
    "say it back": ("{partner} tells you a wish about {i} things; say it back.", 5),
}


@pytest.mark.parametrize("mould", MOULD_CASES)
def test_an_overused_mould_across_the_files_given(tmp_path, mould):
    template, most = MOULD_CASES[mould]
    texts = [template.replace("{i}", str(number)) for number in range(most + 1)]
    one = deck(tmp_path, balanced(texts[:3] + GOOD_TEXTS[:5], "a"), "one")
    two = deck(tmp_path, balanced(texts[3:] + GOOD_TEXTS[3:], "b"), "two")
    warnings = [warning for warning in lint(one, two) if "warning: the '" in warning]
    assert len(warnings) == most + 1
    assert f"the '{mould}' mould is on {most + 1} cards across the files given, at most {most}" in warnings[0]
    assert not [warning for warning in lint(one) if "warning: the '" in warning]  # three cards in one file are fine


@pytest.mark.parametrize(
    "text",
    [
        "Put it in the calendar.",
        "Pick a day this month for a picnic.",
        "Choose the date of a trip.",
        "Schedule a walk.",
    ],
)
def test_planning_for_later_on_more_than_one_card_in_twenty(tmp_path, text):
    others = GOOD_TEXTS + MORE_TEXTS[:11]
    planning = [text, "Set a night for a film: which one?"]
    quiet = deck(tmp_path, balanced(planning[:1] + others), name="quiet.toml")
    loud = deck(tmp_path, balanced(planning + others[:-1]), name="loud.toml")
    assert len(lint(quiet)) == 0
    warnings = lint(loud)
    assert len(warnings) == 2 and all("'calendar / pick a day' mould is on 2 cards" in w for w in warnings)


def test_near_duplicates_in_one_deck_and_across_decks(tmp_path):
    texts = [
        "Ask {partner} about the best day of the year so far and why.",
        "Ask {partner} about the best day of this year so far, and why it was.",
    ]
    path = deck(tmp_path, balanced(texts + GOOD_TEXTS[2:]))
    warnings = lint(path)
    assert (
        len(warnings) == 1 and "cards[0].text (card 'c0'): warning: near-duplicate of 'c1' in this deck" in warnings[0]
    )
    other = deck(tmp_path, balanced(texts[1:] + GOOD_TEXTS[1:]), "other")
    one = deck(tmp_path, balanced(texts[:1] + GOOD_TEXTS[1:], "x"), "one")
    assert any("near-duplicate of 'c0' in other.toml" in warning for warning in lint(one, other))


def test_a_shared_long_phrase_is_a_near_duplicate(tmp_path):
    texts = [
        "Switch off the lights. Each tell one thing you noticed today that nobody else would have.",
        "Make two cups of tea; after the first sip, share one thing you noticed today that nobody else would have.",
    ]
    warnings = lint(deck(tmp_path, balanced(texts + GOOD_TEXTS[2:])))
    assert (
        len(warnings) == 1
        and "shares the phrase 'one thing you noticed today that nobody else would have'" in (warnings[0])
    )


def test_cards_on_one_theme_are_not_near_duplicates(tmp_path):
    texts = ["Slow dance in the kitchen to one song.", "Teach {partner} one dance step from your childhood."]
    assert lint(deck(tmp_path, balanced(texts + GOOD_TEXTS[2:]))) == []


def test_a_deck_with_under_a_quarter_bold(tmp_path):
    levels = [1, 1, 1, 2, 2, 2, 3, 1]
    cards = [card(f"c{i}", text, level=level) for i, (text, level) in enumerate(zip(GOOD_TEXTS, levels, strict=True))]
    warnings = lint(deck(tmp_path, cards))
    assert len(warnings) == 1 and "levels: warning: 1 of 8 cards are bold (12%)" in warnings[0]
    cards[0]["level"] = 3  # two of eight: exactly a quarter
    assert lint(deck(tmp_path, cards)) == []


def test_a_deck_with_a_level_missing(tmp_path):
    cards = [card(f"c{i}", text, level=1 if i % 2 else 3) for i, text in enumerate(GOOD_TEXTS)]
    warnings = lint(deck(tmp_path, cards))
    assert len(warnings) == 1 and "no warm cards: rounds escalate through all three" in warnings[0]


def test_the_closing_deck_may_be_all_gentle(tmp_path):
    cards = [card(f"c{i}", text) for i, text in enumerate(GOOD_TEXTS)]
    assert lint(deck(tmp_path, cards, "closing")) == []
    assert "no warm or bold cards" in lint(deck(tmp_path, cards, "gentle"))[0]


def test_a_card_id_reused_in_another_deck(tmp_path):
    one = deck(tmp_path, balanced(GOOD_TEXTS), "one")
    two = deck(tmp_path, balanced(MORE_TEXTS[:8], "d"), "two")
    two.write_text(two.read_text().replace('id = "d0"', 'id = "c0"'))
    warnings = lint(one, two)
    assert len(warnings) == 2
    assert "(card 'c0'): warning: card id 'c0' is also used in two.toml: ids are unique across decks" in warnings[0]
    assert "card id 'c0' is also used in one.toml" in warnings[1]
    assert lint(one, one) == []  # the same file named twice is read once


# --------------------------------------------------------------------------- unknown placeholders


@pytest.mark.parametrize("placeholder", ["{partnr}", "{Me}", "{name}", "{PARTNER}", "{0}"])
def test_an_unknown_placeholder_is_an_error_in_validate(tmp_path, capsys, placeholder):
    path = deck(tmp_path, balanced([f"Tell {placeholder} a secret.", *GOOD_TEXTS[1:]]))
    assert main(["decks", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    expected = (
        f"{path}:12:1: cards[0].text (card 'c0'): unknown placeholder '{placeholder}': write {{me}} or {{partner}}"
    )
    assert expected in out.splitlines()


def test_me_partner_and_loose_braces_are_fine(tmp_path, capsys):
    texts = ["{me}, tell {partner} a secret.", "Draw a { shape } with braces { }.", *GOOD_TEXTS[2:]]
    assert main(["decks", "validate", str(deck(tmp_path, balanced(texts)))]) == 0
    assert "ok (tiny, 8 cards)" in capsys.readouterr().out


def test_the_card_form_reports_an_unknown_placeholder_on_the_text():
    found, errors = check_card_fields(card("c", "Hug {partnr} and {partnr} again."))
    assert found is None
    assert [(error.path, error.message) for error in errors] == [
        (("text",), "unknown placeholder '{partnr}': write {me} or {partner}")
    ]


# --------------------------------------------------------------------------- the first and second editions

_NEAR = re.compile(
    r"/([\w-]+)\.toml:\d+:\d+: cards\[\d+\]\.text \(card '([\w-]+)'\): warning: near-duplicate of '([\w-]+)' in (\S+)"
)


def near_duplicate_pairs(paths: list[Path]) -> set[frozenset[str]]:
    """The near-duplicate warnings as pairs of deck/card, the file name standing for the deck id."""
    pairs = set()
    for warning in lint(*paths):
        match = _NEAR.search(warning)
        if match:
            deck_id, card_id, other_id, where = match.groups()
            other_deck = deck_id if where == "this" else where.removesuffix(".toml")
            pairs.add(frozenset((f"{deck_id}/{card_id}", f"{other_deck}/{other_id}")))
    return pairs


def first_edition() -> list[Path]:
    return sorted(FIRST_EDITION.glob("*.toml"))


def built_in() -> list[Path]:
    return sorted(built_in_decks_dir().glob("*.toml"))


def test_the_first_edition_is_kept_as_test_data():
    assert [path.name for path in first_edition()] == sorted(SHIPPED_FILES)
    assert sum(len(re.findall(r"^\[\[cards\]\]", path.read_text(), re.M)) for path in first_edition()) == 384 + 8


def test_lint_counts_on_the_first_edition_match_the_review():
    warnings = lint(*first_edition())
    assert sum(" characters: keep a card" in warning for warning in warnings) == 60
    assert sum("'on the count of three' mould is on 20 cards" in warning for warning in warnings) == 20  # 19 + closing
    assert sum("'say it back' mould is on 11 cards" in warning for warning in warnings) == 11
    assert {re.search(r"card id '([\w-]+)'", w)[1] for w in warnings if "is also used in" in w} == {
        "palm-reading",
        "secret-handshake",
        "slow-motion-replay",
    }
    assert sum("bold (" in warning for warning in warnings) == 9  # every deck but closing is under 25% bold
    assert any("therapy word 'soft start-up'" in warning for warning in warnings)


def test_near_duplicates_in_the_first_edition():
    found = near_duplicate_pairs(first_edition())
    # the closing card one-word that conversation/one-word-on-three copies (review section 0), and two that the
    # review lists in its clusters (4-6 breathing, and the same phrase in lights-out-talk and warm-cup-side-by-side)
    assert frozenset(("closing/one-word", "conversation/one-word-on-three")) in found
    assert frozenset(("repair/breathe-back-together", "rituals/two-minute-landing")) in found
    tight = {frozenset(pair) for pair in REVIEW_TIGHT_PAIRS}
    assert found & tight == {frozenset(("novelty/lights-out-talk", "rituals/warm-cup-side-by-side"))}


# Retired (issue 24): a strict xfail asked lint to find 15 of the review's 19 tight pairs. They share an
# idea, not words, and any wording score that reaches 15 would flag hundreds of sound second-edition
# pairs. Lint warns on near-verbatim copies only; `decks similar` puts the idea-level pairs in front
# of a reader instead, and tests/core/test_similar.py holds it to 12 of the 19 in its top 400.


def test_no_near_duplicates_in_the_second_edition():
    assert near_duplicate_pairs(built_in()) == set()


def test_lint_without_rapidfuzz_says_so_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delitem(sys.modules, "spark_game.core.decks.lint", raising=False)
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)  # as if it weren't installed
    assert main(["decks", "lint", *(str(path) for path in built_in())]) == 1
    assert capsys.readouterr().err.strip() == (
        "spark-game: decks lint needs rapidfuzz, which isn't installed (pip install rapidfuzz)"
    )


def test_built_in_decks_lint_clean(capsys):
    main(["decks", "lint", *(str(path) for path in built_in())])
    assert capsys.readouterr().out.strip().endswith("0 warning(s)")
