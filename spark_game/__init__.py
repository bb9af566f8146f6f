"""Spark: a terminal card game for two partners."""

__version__ = "0.1.0"
