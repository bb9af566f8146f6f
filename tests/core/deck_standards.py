"""The numbers a built-in deck must meet (issue 24), as one function that lists what a deck misses.

`tests/core/test_builtin_decks.py` asserts the list is empty for every deck; a writer runs
`python -m tests.core.deck_standards DECK` to see the figures and what is still missing.
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from spark_game.core.decks.file import read_deck_file
from spark_game.core.decks.model import Deck

CORE_DECKS = ("conversation", "playfulness", "novelty", "physical")
MORE_DECKS = ("repair", "rituals", "good-news", "balance", "spice")
LEAST_CARDS = {**dict.fromkeys(CORE_DECKS, 200), **dict.fromkeys(MORE_DECKS, 100), "closing": 60}
DATA = Path(__file__).parent.parent / "data"

GENDERED = re.compile(r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend)\b", re.I)
PLANS_FOR_LATER = re.compile(
    r"\b(calendar|schedule|pick a (day|date|night)|set a date|book (a|the)|plan (a|an|the|one|our|your)"
    r"|next (week|month|weekend|year)|someday)\b",
    re.I,
)
THERAPY = re.compile(
    r"\b(bids?|soft start|turn(ing)? toward|repair attempt|love maps?|i[- ]statements?|validat\w*|active listening"
    r"|love languages?|attachment style|state of (us|the union))\b",
    re.I,
)
FAMOUS = re.compile(
    r"six[- ]second kiss|(20|twenty)[- ]second hug|yes[ /,]+no[ /,]+maybe|36 questions|not a minute sooner"
    r"|two truths|desert island|dinner guest|superpower",
    re.I,
)
UNNAMED_PARTNER = re.compile(r"\byour partner\b", re.I)
REST_OF_GAME = re.compile(
    r"\b(rest of the (game|round|night|evening)|all (game|round|night)|until the (game|round) ends)\b", re.I
)
PERCEPTION = re.compile(r"\b(guess\w*|what do you think|do you think|how do you think|predict\w*|bet)\b", re.I)
TICS = {
    "'X counts.' escape joke": re.compile(r"\b\w+ counts?\.", re.I),
    "listener scaffold": re.compile(r"\b(just listen\w*|no fixing|no verdicts?|without fixing|don't fix)\b", re.I),
    "'{X} first' turn order": re.compile(r"\{(me|partner)\} first\b"),
    "'on the count of three'": re.compile(r"count of three", re.I),
    "'say it back'": re.compile(r"\bsay it back\b", re.I),
}


def mould_limit(cards: int) -> int:
    """The most cards one sentence mould may shape: 3% of the deck, and never fewer than two."""
    return max(2, math.floor(0.03 * cards))


def sentence_frames(text: str) -> set[str]:
    """Each sentence's first three words, names as NAME: the shape a reader hears as a mould."""
    frames = set()
    for sentence in re.split(r"[.!?;:]+", text):
        words = re.findall(r"\{me\}|\{partner\}|[a-z']+", sentence.lower())
        if len(words) >= 3:
            frames.add(" ".join("NAME" if word.startswith("{") else word for word in words[:3]))
    return frames


def name_twice(text: str) -> bool:
    """A sentence that names the same partner twice, where 'they' would do ("Bo, tell Ana why Ana did")."""
    return any(s.count("{me}") > 1 or s.count("{partner}") > 1 for s in re.split(r"[.!?;]+", text))


def retired_ids(deck_id: str) -> set[str]:
    path = DATA / "retired_card_ids" / f"{deck_id}.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def second_edition_ids(deck_id: str) -> set[str]:
    lines = (DATA / "second_edition_card_ids.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("/", 1)[1] for line in lines if line.startswith(f"{deck_id}/")}


def figures(deck: Deck) -> dict[str, object]:
    bold = [card for card in deck.cards if card.level == 3]
    return {
        "cards": len(deck.cards),
        "levels": deck.count_by_level(),
        "median chars": statistics.median(len(card.text) for card in deck.cards),
        "max chars": max(len(card.text) for card in deck.cards),
        "bold questions": sum(card.kind == "question" for card in bold),
        "bold for both": sum(card.answerer == "both" for card in bold),
        "bold perception": sum(bool(PERCEPTION.search(card.text)) for card in bold),
        "kinds": Counter(card.kind for card in deck.cards),
    }


WORDING_CHECKS = (
    (GENDERED, "gendered word"),
    (THERAPY, "therapy word"),
    (FAMOUS, "a famous prompt"),
    (UNNAMED_PARTNER, "'your partner': name them"),
    (REST_OF_GAME, "a rest-of-the-game rule"),
)


def missing(deck: Deck, deck_id: str) -> list[str]:
    """Everything the deck misses of the standard, one line each (empty when it ships)."""
    n = len(deck.cards)
    problems = [f"{n} cards, at least {LEAST_CARDS[deck_id]} wanted"] if n < LEAST_CARDS[deck_id] else []
    problems += length_problems(deck) + mould_problems(deck) + wording_problems(deck)
    gone = second_edition_ids(deck_id) - set(deck.card_index) - retired_ids(deck_id)
    if gone:
        problems.append(f"second-edition ids gone but not listed as retired: {', '.join(sorted(gone))}")
    if deck_id == "closing":
        return problems + [
            f"{card.id}: a closing card is gentle, for both, at most 140 characters"
            for card in deck.cards
            if card.level != 1 or card.answerer != "both" or len(card.text) > 140
        ]
    levels = deck.count_by_level()
    problems += [f"level {level} holds {count} of {n} < 30%" for level, count in levels.items() if count < 0.3 * n]
    if len({card.kind for card in deck.cards}) < 3:
        problems.append("fewer than three kinds of card")
    return problems + bold_problems(deck)


def length_problems(deck: Deck) -> list[str]:
    median = statistics.median(len(card.text) for card in deck.cards)
    problems = [f"median length {median} > 110"] if median > 110 else []
    return problems + [f"{card.id}: {len(card.text)} characters > 200" for card in deck.cards if len(card.text) > 200]


def mould_problems(deck: Deck) -> list[str]:
    limit = mould_limit(len(deck.cards))
    frames = Counter(frame for card in deck.cards for frame in sentence_frames(card.text))
    problems = [f"mould '{frame}' in {count} cards > {limit}" for frame, count in frames.items() if count > limit]
    for name, pattern in TICS.items():
        hits = [card.id for card in deck.cards if pattern.search(card.text)]
        if len(hits) > limit:
            problems.append(f"{name} in {len(hits)} cards > {limit}: {', '.join(hits)}")
    return problems


def wording_problems(deck: Deck) -> list[str]:
    problems = []
    for card in deck.cards:
        found = ((why, match.group(0)) for pattern, why in WORDING_CHECKS if (match := pattern.search(card.text)))
        problems += [f"{card.id}: {why} '{text}'" for why, text in found]
        if name_twice(card.text):
            problems.append(f"{card.id}: a sentence names the same partner twice ('they' would do)")
        if set(re.findall(r"\{[^}]*\}", card.text)) - {"{me}", "{partner}"}:
            problems.append(f"{card.id}: a placeholder other than {{me}} and {{partner}}")
    plans = [card.id for card in deck.cards if PLANS_FOR_LATER.search(card.text)]
    if len(plans) > len(deck.cards) / 20:
        problems.append(f"{len(plans)} cards plan for later > {len(deck.cards) / 20:.0f}: {', '.join(plans)}")
    return problems


def bold_problems(deck: Deck) -> list[str]:
    bold = [card for card in deck.cards if card.level == 3]
    problems = []
    questions = sum(card.kind == "question" for card in bold)
    if questions > len(bold) / 2:
        problems.append(f"{questions} of {len(bold)} bold cards are questions > half")
    both = sum(card.answerer == "both" for card in bold)
    if both < len(bold) / 3:
        problems.append(f"{both} of {len(bold)} bold cards are for both < a third")
    perception = sum(bool(PERCEPTION.search(card.text)) for card in bold)
    wanted = max(3, math.ceil(0.05 * len(bold)))
    if perception < wanted:
        problems.append(f"{perception} bold 'what do you think I...' cards < {wanted}")
    return problems


def built_in_deck(deck_id: str) -> Deck:
    path = Path(__file__).parent.parent.parent / "decks" / f"{deck_id}.toml"
    deck, problems = read_deck_file(path)
    if deck is None:
        raise ValueError("; ".join(f"{problem}" for problem in problems))
    return deck


if __name__ == "__main__":
    for name in sys.argv[1:]:
        checked = built_in_deck(name)
        print(name, figures(checked))
        print("\n".join(f"  {line}" for line in missing(checked, name)) or "  meets the standard")
