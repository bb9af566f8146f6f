"""Spark's warm palette, in a dark and a light variant."""

from textual.theme import Theme

SPARK_DARK = Theme(
    name="spark",
    primary="#e07a5f",
    secondary="#f2a541",
    accent="#f4c27a",
    warning="#f2a541",
    error="#e5484d",
    success="#7fb069",
    foreground="#f6ece3",
    background="#1f1a1c",
    surface="#2a2326",
    panel="#3a2f33",
    dark=True,
)

SPARK_LIGHT = Theme(
    name="spark-light",
    primary="#b5482f",
    secondary="#a8650c",
    accent="#8a3b5a",
    warning="#a8650c",
    error="#b3261e",
    success="#3f7d32",
    foreground="#2b2024",
    background="#fbf4ec",
    surface="#f3e6da",
    panel="#ead6c6",
    dark=False,
)
