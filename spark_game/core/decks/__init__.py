"""The cards and the decks: the values, the file format and its checks, and what is made of them.

`model` (Card, Deck), `file` (a TOML deck file read and checked, with each problem's line and
column), `codec` (a card or deck as a table and back, for every file that keeps cards), `cache`
(parsed decks kept by content hash), `library` (every deck a home can see), `writer` (writing,
importing and exporting decks), `importer` (a text, CSV or JSON list of cards made into a
deck), `lint` (wording and balance warnings). Imports only `files`.
"""
