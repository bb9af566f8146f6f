"""Showing text that a deck, a save or a player wrote: always literally, never as markup.

Textual parses a plain ``str`` given to most widgets as markup, so an injected
``[@click=app.quit]`` would run an action and an unbalanced ``[/]`` would crash.
Every widget that shows such text gets it through these helpers.
"""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual.content import Content
from textual.notifications import SeverityLevel

from ..core.files.text import clean_text


def plain(text: str) -> Content:
    """Content that shows ``text`` exactly as written (control characters removed)."""
    return Content(clean_text(text))


def plain_cell(text: str, *, style: str = "") -> Text:
    """A Rich Text for DataTable cells, which are otherwise parsed as markup."""
    return Text(clean_text(text), style=style)


def template(markup: str, **values: str) -> Content:
    """Markup written by us, with ``$name`` slots filled by literal, cleaned text."""
    return Content.from_markup(markup, **{key: plain(value) for key, value in values.items()})


class _Notifier(Protocol):
    def notify(
        self,
        message: str,
        *,
        title: str = ...,
        severity: SeverityLevel = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None: ...


def notify_plain(
    target: _Notifier,
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """A toast that shows its message literally: the only way Spark calls `notify` (a test checks).

    Error messages quote file names and values from saves; as markup, ``[/]``
    would crash the app and ``[@click=…]`` would run an action. Safe from any thread.
    """
    target.notify(
        clean_text(message),
        title=clean_text(title, single_line=True),
        severity=severity,
        timeout=timeout,
        markup=False,
    )
