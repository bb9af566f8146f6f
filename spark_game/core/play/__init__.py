"""The rules of a round: what is allowed and why, the round's state and draws, escalation, scoring.

Pure and seeded: a `Round` is a plain value that can be saved and replayed. Imports only
`files` and `decks`; screens and the session ask `Round.allows` before they act.
"""
