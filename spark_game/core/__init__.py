"""Spark's core: plain Python that never imports Textual or Rich.

Its rooms, each a package, import one way only (a test checks it):
files <- decks <- play <- saves <- pair <- session, keeping.
ARCHITECTURE.md draws the plan.
"""
