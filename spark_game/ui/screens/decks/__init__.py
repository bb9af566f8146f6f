"""The decks' screens: the Decks overview, the deck builder, the card form and the import prompt."""
