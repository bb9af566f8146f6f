"""What the pair keeps between rounds: the history and its file, the ritual and streak, the
story, private limits, the monthly check-in and the settings.

Imports `files`, `decks`, `play` and `saves` (the history file shares the saves' reader and lock).
"""
