"""Cleaning text at the door, so that deck and save text is plain from then on.

A terminal interprets ESC sequences (OSC 52 writes the clipboard, others retitle
the window or clear the screen), and bidi overrides or zero-width characters
can make text read differently from what it is. We drop them all, keep
newlines, and turn tabs into spaces.
"""

from __future__ import annotations

import re

_INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner, word joiner, BOM
    "\u200e\u200f\u061c"  # directional marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
)
_UNWANTED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")


def clean_text(text: str, *, single_line: bool = False) -> str:
    """Remove control, bidi and zero-width characters; keep newlines unless single_line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _UNWANTED.sub("", text)
    if single_line:
        text = " ".join(text.split())
    return text
