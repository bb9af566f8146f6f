"""Which card comes next: each deck's shuffled pile, refilled when used up, and the draw at a level.

Randomness comes from the round's seed and a counter, never from a shared generator, so the
same seed and the same choices give the same round. The one exception keeps limits private:
from a deck holding cards behind a limit, the card is picked among the dealable ones by the
system's random source, so no save shows a card passed over (which the seed would expose).
"""

from __future__ import annotations

import random
import secrets
from typing import TYPE_CHECKING

from ..decks.model import CLOSING_DECK_ID, LEVEL_NAMES, Card, Deck
from .rules import COUNTER_WRAP, Phase

if TYPE_CHECKING:
    from .round import Round


def shuffled_pile(deck: Deck, seed: int, cycle: int = 0) -> list[str]:
    pile = [card.id for card in deck.cards]
    random.Random(f"{seed}/pile/{deck.id}/{cycle}").shuffle(pile)
    return pile


def next_cycle(game: Round, deck_id: str) -> int:
    game.cycles[deck_id] = (game.cycles.get(deck_id, 0) + 1) % COUNTER_WRAP
    return game.cycles[deck_id]


def seeded_rng(game: Round) -> random.Random:
    game.random_draws = (game.random_draws + 1) % COUNTER_WRAP
    return random.Random(f"{game.settings.seed}/draw/{game.random_draws}")


def eligible_levels(game: Round, deck_id: str) -> set[int]:
    """Levels this deck can still offer, refilling its pile once it is used up."""
    if not game.can_serve(deck_id):
        return set()
    deck = game.decks[deck_id]
    ceiling = game.ceiling
    levels = pile_levels(game, deck_id)
    if not levels:  # every dealable card at or under the ceiling was seen: reshuffle the deck
        game.piles[deck_id] = shuffled_pile(deck, game.settings.seed, next_cycle(game, deck_id))
        levels = {card.level for card in deck.cards if card.level <= ceiling and game.dealable(deck_id, card.id)}
    return levels


def pile_levels(game: Round, deck_id: str, at_most: int = 3) -> set[int]:
    """Levels of the dealable cards still waiting in the deck's pile, at or under the ceiling (nothing reshuffled)."""
    deck, ceiling = game.decks[deck_id], min(game.ceiling, at_most)
    return {
        level
        for card_id in game.piles[deck_id]
        if (level := deck.card(card_id).level) <= ceiling and game.dealable(deck_id, card_id)
    }


def surprise_deck(game: Round) -> str:
    """Favour the decks played least this round, among those with a fresh card at the level the round is at."""
    playable = game.playable_decks()
    target = game.target_level()
    ready = [deck_id for deck_id in playable if min(pile_levels(game, deck_id), default=4) <= target]
    candidates = ready or playable
    counts = game.deck_play_counts()
    fewest = min(counts[deck_id] for deck_id in candidates)
    return seeded_rng(game).choice([deck_id for deck_id in candidates if counts[deck_id] == fewest])


def stand_in(game: Round, deck_id: str, target: int, at_most: int) -> str:
    """The deck to deal from when `deck_id` has nothing left at or under the target level.

    Another chosen deck with a fresh card there comes first (the nearest level, then the one
    played least); a round with no such deck deals this deck's gentler cards again. Either way
    `game.draw_notice` says why the card is not the one asked for.
    """
    asked = game.decks[deck_id]
    counts = game.deck_play_counts()
    offers = [
        (max(fitting), -counts[other], other)
        for other in game.playable_decks()
        if other != deck_id and (fitting := [level for level in pile_levels(game, other, at_most) if level <= target])
    ]
    level_name = LEVEL_NAMES[max(1, target)]
    if offers:
        chosen = max(offers)[2]
        game.draw_notice = f"{asked.name} has no {level_name} card left, so this one is from {game.decks[chosen].name}."
        return chosen
    pile = game.piles[deck_id]
    again = shuffled_pile(asked, game.settings.seed, next_cycle(game, deck_id))
    pile += [card_id for card_id in again if asked.card(card_id).level <= max(1, target) and card_id not in pile]
    game.draw_notice = f"{asked.name}'s {level_name} cards have all been played, so they come round again."
    return deck_id


def draw(game: Round, deck_id: str, target: int, *, at_most: int = 3) -> Card:
    """Put the deck's next card at the target level (or the nearest below) on the table.

    A deck with only stronger cards left never deals one early: the card comes from `stand_in`.
    """
    game.draw_notice = ""
    levels = {level for level in eligible_levels(game, deck_id) if level <= at_most}
    if min(levels) > max(1, target) and min(levels) > game.target_level():
        deck_id = stand_in(game, deck_id, target, at_most)
        levels = {level for level in eligible_levels(game, deck_id) if level <= at_most}
    below = [level for level in levels if level <= target]
    level = max(below) if below else min(levels)
    deck = game.decks[deck_id]
    pile = game.piles[deck_id]
    waiting = [
        card_id
        for card_id in game.first.get(deck_id, ())
        if card_id in pile and deck.card(card_id).level in levels and game.dealable(deck_id, card_id)
    ]
    if waiting:  # a card the pair kept for later comes first, whatever the level the round is at
        card_id = waiting[0]
        pile.remove(card_id)
        game.first[deck_id].remove(card_id)
    else:
        fitting = (
            i for i, card_id in enumerate(pile) if deck.card(card_id).level == level and game.dealable(deck_id, card_id)
        )
        card_id = pile.pop(secrets.choice(list(fitting)) if game.withheld.get(deck_id) else next(fitting))
    game.current_deck, game.current_card = deck_id, card_id
    game.current_favourite, game.current_note, game.answers = False, "", {}
    game.phase = Phase.CARD
    return deck.card(card_id)


def deal_closing(game: Round) -> None:
    """Deal the closing card: the next of the closing pile, never a text the round just played."""
    played = {record.card.text for record in game.history}
    if not game.closing_pile:
        game.closing_pile = shuffled_pile(game.closing, game.settings.seed, next_cycle(game, CLOSING_DECK_ID))
    fresh = [card_id for card_id in game.closing_pile if game.closing.card(card_id).text not in played]
    chosen = fresh[0] if fresh else game.closing_pile[0]
    game.closing_pile.remove(chosen)
    game.closing_card = chosen
    game.phase = Phase.CLOSE
