"""Every screen of the app, one a file: Home and Help here, the rest grouped by part (round, decks, pair, dialogs)."""
