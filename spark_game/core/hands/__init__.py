"""Hands: each partner's phone at the shared table, for what is theirs alone (see table.py and alone.py)."""

from .alone import AloneIntent, Corners
from .table import HAND_ACTIONS, Hand, HandTable, Intent

__all__ = ["HAND_ACTIONS", "AloneIntent", "Corners", "Hand", "HandTable", "Intent"]
