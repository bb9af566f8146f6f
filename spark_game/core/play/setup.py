"""Starting a round: the settings checked in one sentence, the decks copied without the cards the
pair set aside, the cards behind a limit marked as withheld, and the first piles shuffled from the
seed with cards seen before left for later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..decks.model import CLOSING_DECK_ID, LEVEL_NAMES, Card, Deck
from .draws import shuffled_pile
from .round import FALLBACK_CLOSING, Round, Settings
from .rules import MAX_TURNS, RuleError
from .scoring import MODES


class SettingsProblem(RuleError):
    """Settings a round can't start with, worded for the person who chose them."""


def validate_settings(settings: Settings) -> None:
    """Raise SettingsProblem with one sentence when a round can't start with these settings.

    The New round screen and `spark-game play` both ask this, so they say the same thing.
    """
    first, second = (name.strip() for name in settings.players)
    if not first or not second:
        raise SettingsProblem("Write both of your names.")
    if first.casefold() == second.casefold():
        raise SettingsProblem("Two different names, please (add an initial if you share one).")
    if not settings.deck_ids:
        raise SettingsProblem("Pick at least one deck.")
    if settings.mode not in MODES:
        raise SettingsProblem(f"The scoring is one of {', '.join(MODES)}.")
    if settings.ceiling not in LEVEL_NAMES:
        raise SettingsProblem("The intensity is 1 (gentle), 2 (warm) or 3 (bold).")
    if settings.turns is not None and not 1 <= settings.turns <= MAX_TURNS:
        raise SettingsProblem(f"A round has at least one turn and at most {MAX_TURNS:,} (or none for open-ended).")


def cards_left(deck: Deck, retired: set[str], left_out: set[str]) -> tuple[Card, ...]:
    """The cards of a deck a round can deal: not retired ("not for us"), not behind a partner's limit."""
    return tuple(card for card in deck.cards if card.id not in retired and not left_out & set(card.tags))


def withheld_cards(decks: dict[str, Deck], left_out: Iterable[str]) -> dict[str, frozenset[str]]:
    """The ids of each deck's cards behind one of the limits: kept in the round, never dealt."""
    tags = set(left_out)
    withheld = {
        deck_id: frozenset(card.id for card in deck.cards if tags & set(card.tags)) for deck_id, deck in decks.items()
    }
    return {deck_id: ids for deck_id, ids in withheld.items() if ids}


def new_round(
    settings: Settings,
    decks: dict[str, Deck],
    seen: dict[str, set[str]] | None = None,
    retired: dict[str, set[str]] | None = None,
    closing: Deck | None = None,
    first: dict[str, list[str]] | None = None,
) -> Round:
    """Start a round over the chosen decks (a copy of each, so later edits don't matter).

    Cards in ``seen`` (from earlier rounds) are left out of the first pile of
    their deck, so nothing repeats until the deck is used up and reshuffles.
    Retired cards ("not for us") are not in the round at all; cards carrying a
    left-out tag are in its decks and piles but withheld, so a save of the round
    holds every card the pair could see and nothing says which a limit covers.
    The closing card comes from `closing` (the built-in closing deck), cards
    seen in earlier rounds last, like any deck. Cards in `first` (kept "for
    later" in an earlier round) are dealt first from their deck.
    """
    validate_settings(settings)
    names = tuple(name.strip() for name in settings.players)
    missing = [deck_id for deck_id in settings.deck_ids if deck_id not in decks]
    if missing:
        raise RuleError(f"There's no deck called {', '.join(missing)} here.")
    left_out = set(settings.left_out_tags)
    chosen = {}
    for deck_id in settings.deck_ids:
        deck = decks[deck_id]
        gone = (retired or {}).get(deck_id, set())
        kept = cards_left(deck, gone, set())
        if kept:  # even when a limit covers every card: the save must not show which deck that is
            chosen[deck_id] = deck if len(kept) == len(deck.cards) else replace(deck, cards=kept)
    if not any(cards_left(deck, set(), left_out) for deck in chosen.values()):
        raise RuleError("None of these decks has a card left for you (the rest are not for you, or behind a limit).")
    settings = replace(settings, deck_ids=tuple(chosen), players=(names[0], names[1]))
    closing = closing or FALLBACK_CLOSING
    seen_closing = (seen or {}).get(CLOSING_DECK_ID, set())
    round_ = Round(
        settings=settings,
        decks=chosen,
        piles={
            deck_id: [
                card_id
                for card_id in shuffled_pile(deck, settings.seed)
                if card_id not in (seen or {}).get(deck_id, ())
            ]
            for deck_id, deck in chosen.items()
        },
        closing=closing,
        closing_pile=[card_id for card_id in shuffled_pile(closing, settings.seed) if card_id not in seen_closing],
        withheld=withheld_cards(chosen, left_out),
    )
    for deck_id, card_ids in (first or {}).items():
        if deck_id in chosen:
            waiting = [card_id for card_id in card_ids if card_id in chosen[deck_id].card_index]
            pile = round_.piles[deck_id]
            pile[:0] = [card_id for card_id in waiting if card_id not in pile]  # back in, even if seen before
            round_.first[deck_id] = waiting
    if not round_.playable_decks():
        raise RuleError("None of these decks has a card at or under the chosen intensity.")
    return round_
