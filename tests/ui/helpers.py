"""Helpers for Pilot tests: what the user sees, and waiting on conditions (never fixed sleeps)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Button

from spark_game.paths import Home

HOSTILE_TEXTS = ["[@click=app.quit]x[/]", "[bold red]red?[/bold red]", "[/]", "x [/", "[b]x[/i]"]


def visible_text(pilot: Pilot) -> str:
    """The text of every displayed Static and Button on the current screen, joined by newlines."""
    parts = []
    for widget in pilot.app.screen.query("Static, Button"):
        if not widget.display or not all(
            ancestor.display for ancestor in widget.ancestors_with_self if hasattr(ancestor, "display")
        ):
            continue
        parts.append(str(widget.label) if isinstance(widget, Button) else str(widget.content))
        for title in (widget.border_title, widget.border_subtitle):
            if title:  # the property gives the title back as markup
                parts.append(Content.from_markup(title).plain)
    return "\n".join(parts)


async def wait_for(pilot: Pilot, condition: Callable[[], bool], tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never held")


def write_deck(home: Home, deck_id: str, cards: list[dict], name: str | None = None) -> Path:
    import tomli_w

    home.ensure()
    path = home.decks_dir / f"{deck_id}.toml"
    document = {"format": 1, "deck": {"id": deck_id, "name": name or deck_id.title()}, "cards": cards}
    path.write_text(tomli_w.dumps(document))
    return path


def card(card_id: str, text: str, level: int = 1, **extra) -> dict:
    return {"id": card_id, "kind": "question", "level": level, "points": 2, "text": text} | extra
