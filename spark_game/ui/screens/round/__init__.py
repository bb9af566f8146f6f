"""The round's screens: New round, Play, the summary, the journal, a plan from a card, Saved games."""
