"""The closing set: every round ends with a short appreciation card, done together."""

from __future__ import annotations

from .deck import Card, Deck

CLOSING_DECK_ID = "closing"

_TEXTS = [
    ("three-thanks", "Take turns: name three small things your partner did this week that you noticed and liked."),
    ("best-moment", "Each of you says the moment from tonight you'd like to keep. Then say it back to each other."),
    ("i-appreciate", "Finish this sentence for each other, looking at each other: \"Tonight I appreciated you for...\""),
    ("one-word", "On three, both say one word for how you feel right now. Then one sentence about why."),
    ("thank-you-hug", "Say thank you for tonight in your own words, then a hug that lasts three slow breaths."),
    ("next-week", "Name one thing you're looking forward to doing together before your next round."),
    ("proud-of-us", "Each of you says one thing you're proud of about the two of you lately."),
    ("what-you-bring", "{me} first, then {partner}: name one quality your partner brings to your life that you'd miss."),
]

CLOSING_DECK = Deck(
    id=CLOSING_DECK_ID,
    name="To close",
    description="A short appreciation to end the round.",
    color="#f4c27a",
    cards=tuple(
        Card(id=card_id, kind="activity", level=1, points=1, text=text, answerer="both", tags=("appreciation",))
        for card_id, text in _TEXTS
    ),
)
