"""`decks similar`: the closest pairs of cards across decks, ranked for a person to read.

Two cards that repeat an idea rarely share their words ("quietly proud" and "never told anyone
about it"), so no score is a verdict; the list puts the likeliest twins in front of a reader.

Each card is scored against every card it shares a term with. A term is a content word (stemmed,
common words dropped, as lint does) or a *concept*: the words of CONCEPTS that name one thing a
couple's card can ask about (pride, a promise, a childhood home, a swap of roles...), so "proud"
meets "pride" and "grown-ups" meets "the adults around you". The score blends meaning and
wording: an IDF-weighted cosine over the terms with rapidfuzz's token set ratio.

Then each card's neighbourhood counts: a pair is ranked by how much closer its cards are to
each other than to their usual neighbours (2 * score - the mean score of each card's
NEIGHBOURS nearest cards). Two cards that are each other's nearest rise above two that merely
sit on a busy theme. On the first edition this puts 12 of the 2026-11 review's 19 tight pairs
in the top 400 of 73,536 pairs (wording alone: 7).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from .file import Problem, read_deck_file
from .lint import STOP_WORDS, normal_words, stem
from .model import Card

NEIGHBOURS = 5  # how many of a card's nearest cards make its usual closeness
COMMON_TERM = 0.15  # a term on more than this share of cards says nothing about a pair
CONCEPT_WEIGHT = 2.0  # a shared concept counts twice a shared word of the same rarity

# One line a concept: words (as lint stems them) that name the same thing on a card.
_CONCEPT_TEXT = """
pride: proud pride brag boast achievement accomplish
promise: promise vow pledge swear pinky pinkie
sorry: sorry apology apologise apologize forgive forgiven forgiveness makeup repair
childhood: childhood child kid kids grownup grownups adult adults parent parents family mum mom dad growing grew
dream: dream dreams future wish hope someday
years: year years decade
need: need needs more want wants craving
swap: swap switch trade places identity identities roles role impression impersonate
guide: guide guided steer lead led walk blindfold closed
attraction: attractive irresistible sexy wanted desire desired hot crush
evening: evening night tonight
anniversary: anniversary anniversaries celebrate celebration mark occasion
debrief: chat debrief days weighed stress stressed unwind
cook: cook cooking chef recipe meal dinner kitchen salad pancake pancakes toast bake
notice: notice noticed noticing spot spotted catch caught
light: light lights dark candle glow lamp
warm: warm cup tea cocoa coffee
tv: tv television film movie screen screens show watch watching
line: pickup line lines chat-up flirt
rate: rate rating score scores ten review
slow: slow motion slowmotion replay
documentary: documentary narrator narrate narrating hushed
thumb: thumb thumbs war wars wrestle wrestling
palm: palm palms hand hands finger fingers
win: win winner loser lose
speech: speech toast announcer commentary
secret: secret never rarely untold anyone
pace: pace mood slow fast tender
attention: attention reach reaching sigh text
fight: fight argument argue disagree disagreement row quarrel
thanks: thank thanks grateful gratitude appreciate appreciation
compliment: compliment compliments praise flattery
memory: remember memory memories first met
kiss: kiss kisses kissing peck
hug: hug hugs hugging cuddle embrace hold holding
music: song songs music dance dancing hum sing playlist
photo: photo photos picture pictures
laugh: laugh laughing joke jokes funny silly giggle
fear: afraid fear scared nervous worry worried
body: back shoulder shoulders neck feet foot massage rub
"""
CONCEPTS = {
    stem(word): name
    for line in _CONCEPT_TEXT.strip().splitlines()
    for name, words in [line.split(":", 1)]
    for word in words.split()
}


@dataclass(frozen=True)
class PlacedCard:
    deck_id: str
    card: Card

    @property
    def key(self) -> str:
        return f"{self.deck_id}/{self.card.id}"


@dataclass(frozen=True)
class SimilarPair:
    score: float  # how much closer than each card's usual neighbours (higher: look first)
    first: PlacedCard
    second: PlacedCard


def terms_of(text: str) -> tuple[str, frozenset[str]]:
    """A card's content words in order (for the ratio) and its terms: words and concepts (for the cosine)."""
    content = [stem(word) for word in normal_words(text.replace("-", " ")) if word not in STOP_WORDS]
    return " ".join(content), frozenset(content) | {f"~{CONCEPTS[word]}" for word in content if word in CONCEPTS}


def similar_pairs(cards: list[PlacedCard], top: int) -> list[SimilarPair]:
    """The `top` closest pairs, closest first (see the module's docstring); two cards sharing no term never appear."""
    shapes = [terms_of(placed.card.text) for placed in cards]
    frequency = Counter(term for _, terms in shapes for term in terms)
    common = max(2, COMMON_TERM * len(cards))
    weight = {
        term: (math.log((len(cards) + 1) / (count + 1)) + 1) * (CONCEPT_WEIGHT if term[0] == "~" else 1)
        for term, count in frequency.items()
        if count <= common
    }
    lengths = [math.sqrt(sum(weight.get(term, 0) ** 2 for term in terms)) or 1.0 for _, terms in shapes]
    holders: dict[str, list[int]] = defaultdict(list)
    for number, (_, terms) in enumerate(shapes):
        for term in terms:
            if term in weight:
                holders[term].append(number)
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for term, numbers in holders.items():
        for pair in combinations(numbers, 2):
            dots[pair] += weight[term] ** 2
    scores = {
        (a, b): (dot / (lengths[a] * lengths[b]) + fuzz.token_set_ratio(shapes[a][0], shapes[b][0]) / 100) / 2
        for (a, b), dot in dots.items()
    }
    nearest: list[list[float]] = [[] for _ in cards]
    for (a, b), score in scores.items():
        nearest[a].append(score)
        nearest[b].append(score)
    usual = [sum(heapq.nlargest(NEIGHBOURS, found)) / NEIGHBOURS for found in nearest]
    ranked = heapq.nlargest(top, scores.items(), key=lambda item: 2 * item[1] - usual[item[0][0]] - usual[item[0][1]])
    return [SimilarPair(2 * score - usual[a] - usual[b], cards[a], cards[b]) for (a, b), score in ranked]


def cards_of(paths: list[Path]) -> tuple[list[PlacedCard], list[Problem]]:
    """Every card of the readable deck files (a file read twice counts once), and the unreadable files' problems."""
    cards: list[PlacedCard] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        deck, found = read_deck_file(path)
        if deck is None:
            problems.extend(found)
            continue
        cards += [PlacedCard(deck.id, card) for card in deck.cards]
    return cards, problems
