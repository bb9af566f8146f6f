"""Deck lint: warnings about wording and balance that the loader accepts but a couple might not.

Per card: gendered words, a text over 200 characters, therapy vocabulary.
Per deck: a level missing or under a quarter of the cards bold (the closing deck is exempt).
Across the files given: overused sentence moulds, card ids reused in another deck, and
near-duplicate cards (in one deck or across decks).

Near-duplicates are scored on normalised text (lowercase, {me}/{partner} and common words
dropped, light stemming): the mean of an IDF-weighted cosine over the words (a shared rare
word counts more than a shared common one) and rapidfuzz's token sort ratio (the same words
in about the same order). Two cards also count as near-duplicates when they share a phrase of
SHARED_PHRASE_WORDS words or more. The measure only sees shared wording: two cards with the
same idea in different words (most of the 2026-11 review's "tight pairs") score like any two
cards on a theme, so it is tuned to stay quiet on well-written decks rather than to catch those.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from .file import FieldLocator, Problem, read_deck_file
from .model import CLOSING_DECK_ID, LEVEL_NAMES, Card, Deck

GENDERED = re.compile(
    r"\b(he|she|him|her|his|hers|himself|herself|husband|wife|boyfriend|girlfriend|"
    r"hubby|wifey|man|woman|gentleman|lady|bride|groom)\b",
    re.IGNORECASE,
)
MAX_CARD_CHARS = 200

# Words from the research that belong in the design notes, not on a card. One phrase a line;
# matching ignores case, takes a hyphen or a space between words, straight or curly quotes,
# and an "s" on the last word. Add a form ("triggered") when the plural rule can't reach it.
THERAPY_VOCABULARY = (
    "bids",
    "bid for attention",
    "bid for connection",
    "soft start-up",
    "softened start-up",
    "turn toward",
    "turn towards",
    "turning toward",
    "turning towards",
    "repair attempt",
    "love map",
    "'I' statement",
    "I-statement",
    "validate",
    "validated",
    "validating",
    "validation",
    "active listening",
    "reflective listening",
    "attachment style",
    "anxious attachment",
    "avoidant attachment",
    "trigger",
    "triggered",
    "triggering",
    "emotional needs",
    "emotional bank account",
    "vulnerability",
    "communication skills",
    "love language",
    "four horsemen",
    "stonewalling",
    "flooding",
    "self-soothe",
    "self-soothing",
    "co-regulate",
    "co-regulation",
    "dysregulated",
    "boundaries",
    "gaslighting",
)


@dataclass(frozen=True)
class Mould:
    """A sentence shape that reads fine once and machine-made the tenth time."""

    name: str
    pattern: re.Pattern[str]
    advice: str
    most: int = 0  # at most this many cards across the files given...
    one_in: int = 0  # ...or at most one card in this many

    def allowed(self, total_cards: int) -> int:
        return self.most if self.most else max(1, total_cards // self.one_in)


MOULDS = (
    Mould(
        "on the count of three",
        re.compile(r"\bon (?:the count of )?(?:three|3)\b(?!\s+\w+s\b)", re.IGNORECASE),
        "vary how a card starts",
        most=6,
    ),
    Mould(
        "say it back",
        re.compile(
            r"\b(?:say|says|saying|repeat|repeats|reflect|reflects)\s+(?:it\s+|that\s+|this\s+|them\s+)?back\b",
            re.IGNORECASE,
        ),
        "trust the couple to listen without a drill",
        most=5,
    ),
    Mould(
        "calendar / pick a day",
        re.compile(
            r"\bcalendars?\b|\bschedul\w*|\b(?:pick|choose|set|book|fix|put|agree on|plan)\s+"
            r"(?:a|an|the|one|your|which|two)\s+(?:\w+\s+)?(?:day|date|night|evening|weekend|time|week|month)s?\b",
            re.IGNORECASE,
        ),
        "a card is something to do now; at most one card in twenty plans for later",
        one_in=20,
    ),
)

MIN_BOLD_SHARE = 0.25
MIN_CARDS_FOR_BALANCE = 6  # smaller decks are drafts: their balance says nothing yet

NEAR_DUPLICATE = 0.70  # mean of the weighted-word cosine and the token sort ratio, 0 to 1
SHARED_PHRASE_WORDS = 9
# Words too common on cards to say anything about what a card asks.
_STOP_TEXT = """
a an the and or but of to in on at for with by from as is are be been it its this that these those
you your yours yourself their theirs them they one each both then than so if do does did what which
who how when where why about into just like can could would will should may might me my i we us our
not no all any some most have has had get got make made say says tell tells let out up down off over
now tonight today time minute minutes second seconds first again other others something someone
thing things way ways name names there here very really too also only even still while after before
until once own same ask asks answer answers try give take go come see look want every partner
together turn card round im id ive youre youd youve theyre dont
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")
_FILLERS = re.compile(r"\{me\}|\{partner\}|\byour partner\b|\beach other\b|\bthe other\b")


@dataclass(frozen=True)
class _Located:
    path: Path
    deck: Deck
    locate: FieldLocator

    def card_warning(self, index: int, message: str) -> Problem:
        line, column = self.locate(("cards", index, "text"))
        field = f"cards[{index}].text (card '{self.deck.cards[index].id}')"
        return Problem(str(self.path), f"warning: {message}", line, column, field)

    def deck_warning(self, key: tuple[str, ...], message: str, field: str) -> Problem:
        line, column = self.locate(key)
        return Problem(str(self.path), f"warning: {message}", line, column, field)


@dataclass(frozen=True)
class _Placed:
    """One card of one of the files given."""

    entry: _Located
    index: int

    @property
    def card(self) -> Card:
        return self.entry.deck.cards[self.index]

    def warning(self, message: str) -> Problem:
        return self.entry.card_warning(self.index, message)


def lint_paths(paths: list[Path]) -> list[Problem]:
    """Warnings for the given deck files (a broken file gives its loader problems instead)."""
    warnings: list[Problem] = []
    located: list[_Located] = []
    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        deck, problems = read_deck_file(path)
        if deck is None:
            warnings.extend(problems)
            continue
        located.append(_Located(path, deck, FieldLocator(path.read_text(encoding="utf-8"))))
    placed = [_Placed(entry, index) for entry in located for index in range(len(entry.deck.cards))]
    for entry in located:
        warnings.extend(_deck_words(entry))
        warnings.extend(_balance(entry))
    for rule in (_card_rules, _moulds, _reused_ids, _near_duplicates):
        warnings.extend(rule(placed))
    order = {str(entry.path): number for number, entry in enumerate(located)}
    return sorted(warnings, key=lambda problem: (order.get(problem.file, -1), problem.line or 0, problem.column or 0))


# --------------------------------------------------------------------------- one card at a time


def _gendered(card: Card) -> Iterator[str]:
    for match in GENDERED.finditer(card.text):
        yield f"gendered word '{match[0]}': write \"your partner\" or use {{partner}}"


def _too_long(card: Card) -> Iterator[str]:
    if len(card.text) > MAX_CARD_CHARS:
        yield f"{len(card.text)} characters: keep a card to {MAX_CARD_CHARS} at most (aim for 60-120)"


def _phrase_pattern(phrase: str) -> str:
    words = re.split(r"[\s-]+", phrase)
    parts = [re.escape(word).replace("'", "['‘’\"“”]?") for word in words]
    return r"[\s-]*".join(parts) + "s?"


THERAPY = re.compile(
    "|".join(rf"(?<![\w-]){_phrase_pattern(phrase)}(?![\w-])" for phrase in THERAPY_VOCABULARY), re.IGNORECASE
)


def _therapy(card: Card) -> Iterator[str]:
    for match in THERAPY.finditer(card.text):
        yield f"therapy word '{match[0]}': say what to do in everyday words"


CARD_RULES: tuple[Callable[[Card], Iterable[str]], ...] = (_gendered, _too_long, _therapy)


def _card_rules(placed: list[_Placed]) -> Iterator[Problem]:
    for item in placed:
        for rule in CARD_RULES:
            for message in rule(item.card):
                yield item.warning(message)


# --------------------------------------------------------------------------- one deck at a time


def _deck_words(entry: _Located) -> Iterator[Problem]:
    for key in ("name", "description"):
        found = GENDERED.search(getattr(entry.deck, key))
        if found:
            yield entry.deck_warning(("deck", key), f"gendered word '{found[0]}'", f"deck.{key}")


def _balance(entry: _Located) -> list[Problem]:
    levels = entry.deck.count_by_level()
    total = sum(levels.values())
    if total < MIN_CARDS_FOR_BALANCE or entry.deck.id == CLOSING_DECK_ID:  # closing cards are gentle by design
        return []
    problems = []
    missing = [LEVEL_NAMES[level] for level, count in levels.items() if count == 0]
    if missing:
        message = f"no {' or '.join(missing)} cards: rounds escalate through all three"
        problems.append(entry.deck_warning(("deck",), message, "levels"))
    if levels[3] < MIN_BOLD_SHARE * total:
        message = (
            f"{levels[3]} of {total} cards are bold ({levels[3] / total:.0%}): a round draws a third of its cards "
            f"at each level, so carry at least {MIN_BOLD_SHARE:.0%} bold"
        )
        problems.append(entry.deck_warning(("deck",), message, "levels"))
    return problems


# --------------------------------------------------------------------------- across the files given


def _moulds(placed: list[_Placed]) -> Iterator[Problem]:
    for mould in MOULDS:
        users = [item for item in placed if mould.pattern.search(item.card.text)]
        allowed = mould.allowed(len(placed))
        if len(users) <= allowed:
            continue
        for item in users:
            yield item.warning(
                f"the '{mould.name}' mould is on {len(users)} cards across the files given, "
                f"at most {allowed}: {mould.advice}"
            )


def _reused_ids(placed: list[_Placed]) -> Iterator[Problem]:
    by_id: dict[str, list[_Placed]] = defaultdict(list)
    for item in placed:
        by_id[item.card.id].append(item)
    for items in by_id.values():
        files = {item.entry.path for item in items}
        if len(files) < 2:
            continue
        for item in items:
            others = sorted({other.entry.path.name for other in items if other.entry is not item.entry})
            yield item.warning(
                f"card id '{item.card.id}' is also used in {', '.join(others)}: ids are unique across decks"
            )


def normal_words(text: str) -> list[str]:
    text = _FILLERS.sub(" ", text.lower().replace("’", "'")).replace("'", "").replace("-", "")
    return _WORD.findall(text)


def stem(word: str) -> str:
    for suffix in ("ies", "ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            return word[:-1] if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls" else word
    return word


@dataclass(frozen=True)
class _Shape:
    """A card's text reduced to what near-duplicate scoring compares."""

    words: tuple[str, ...]  # every word, for shared phrases
    content: str  # content words, stemmed, in order: for the token sort ratio
    terms: frozenset[str]  # the same as a set: for the weighted cosine

    @classmethod
    def of(cls, text: str) -> _Shape:
        words = normal_words(text)
        content = [stem(word) for word in words if word not in STOP_WORDS]
        return cls(tuple(words), " ".join(content), frozenset(content))


def _near_duplicates(placed: list[_Placed]) -> Iterator[Problem]:
    shapes = [_Shape.of(item.card.text) for item in placed]
    found: dict[tuple[int, int], str] = {}
    for (first, second), phrase in _shared_phrases(shapes).items():
        found[first, second] = f"shares the phrase '{phrase}'"
    for (first, second), score in _similar_pairs(shapes).items():
        found.setdefault((first, second), f"similarity {score:.2f}")
    for (first, second), why in sorted(found.items()):
        item, other = placed[first], placed[second]
        where = "this deck" if other.entry is item.entry else other.entry.path.name
        yield item.warning(f"near-duplicate of '{other.card.id}' in {where} ({why})")


def _shared_phrases(shapes: list[_Shape]) -> dict[tuple[int, int], str]:
    size = SHARED_PHRASE_WORDS
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for number, shape in enumerate(shapes):
        for gram in {shape.words[start : start + size] for start in range(len(shape.words) - size + 1)}:
            holders[gram].append(number)
    pairs: dict[tuple[int, int], str] = {}
    for gram, numbers in holders.items():
        for pair in combinations(numbers, 2):
            pairs.setdefault(pair, _longest_shared(shapes[pair[0]].words, shapes[pair[1]].words, gram))
    return pairs


def _longest_shared(words: tuple[str, ...], other: tuple[str, ...], seed: tuple[str, ...]) -> str:
    """The shared phrase around seed, grown word by word both ways while both texts agree."""
    start = next(i for i in range(len(words)) if words[i : i + len(seed)] == seed)
    at = next(i for i in range(len(other)) if other[i : i + len(seed)] == seed)
    while start > 0 and at > 0 and words[start - 1] == other[at - 1]:
        start, at = start - 1, at - 1
    end, other_end = start + len(seed), at + len(seed)
    while end < len(words) and other_end < len(other) and words[end] == other[other_end]:
        end, other_end = end + 1, other_end + 1
    return " ".join(words[start:end])


def _similar_pairs(shapes: list[_Shape]) -> dict[tuple[int, int], float]:
    """Pairs scoring NEAR_DUPLICATE or more: cosines first (cheap, by shared term), then the ratio."""
    frequency = Counter(term for shape in shapes for term in shape.terms)
    weight = {term: (math.log((len(shapes) + 1) / (count + 1)) + 1) ** 2 for term, count in frequency.items()}
    lengths = [math.sqrt(sum(weight[term] for term in shape.terms)) or 1.0 for shape in shapes]
    holders: dict[str, list[int]] = defaultdict(list)
    for number, shape in enumerate(shapes):
        for term in shape.terms:
            holders[term].append(number)
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for term, numbers in holders.items():
        for pair in combinations(numbers, 2):
            dots[pair] += weight[term]
    least_cosine = 2 * NEAR_DUPLICATE - 1  # the ratio adds at most 1
    pairs = {}
    for (first, second), dot in dots.items():
        cosine = dot / (lengths[first] * lengths[second])
        if cosine < least_cosine:
            continue
        score = (cosine + fuzz.token_sort_ratio(shapes[first].content, shapes[second].content) / 100) / 2
        if score >= NEAR_DUPLICATE:
            pairs[first, second] = score
    return pairs
