"""Showing text that a deck, a save or a player wrote: always literally, never as markup.

Textual parses a plain ``str`` given to most widgets as markup, so an injected
``[@click=app.quit]`` would run an action and an unbalanced ``[/]`` would crash.
Every widget that shows such text gets it through these helpers.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from ..core.text import clean_text


def plain(text: str) -> Content:
    """Content that shows ``text`` exactly as written (control characters removed)."""
    return Content(clean_text(text))


def plain_cell(text: str, *, style: str = "") -> Text:
    """A Rich Text for DataTable cells, which are otherwise parsed as markup."""
    return Text(clean_text(text), style=style)


def template(markup: str, **values: str) -> Content:
    """Markup written by us, with ``$name`` slots filled by literal, cleaned text."""
    return Content.from_markup(markup, **{key: plain(value) for key, value in values.items()})
