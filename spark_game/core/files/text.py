"""Cleaning text at the door, so that deck and save text is plain from then on.

A terminal interprets ESC sequences (OSC 52 writes the clipboard, others retitle
the window or clear the screen), and bidi overrides or zero-width characters
can make text read differently from what it is. We drop them all, keep
newlines, and turn tabs into spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container

_INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner, word joiner, BOM
    "\u200e\u200f\u061c"  # directional marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\u00ad\u180e"  # soft hyphen, Mongolian vowel separator
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers that render as blank letters
    "\U000e0000-\U000e007f"  # tag characters
)
_UNWANTED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")


def clean_text(text: str, *, single_line: bool = False) -> str:
    """Remove control, bidi and zero-width characters; keep newlines unless single_line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _UNWANTED.sub("", text)
    if single_line:
        text = " ".join(text.split())
    return text


def slugify(text: str, *, limit: int, fallback: str) -> str:
    """A file-name-safe slug of any text: lowercase ASCII letters, digits and hyphens, never empty.

    Accents are dropped and "ß" becomes "ss", so "Über Spaß!" gives "uber-spass".
    """
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")
    return slug or fallback


def unique_id(base: str, taken: Container[str] | Callable[[str], bool], *, limit: int) -> str:
    """base, or base-2, base-3 … : the first that is not taken, never longer than limit."""
    is_taken = taken if callable(taken) else taken.__contains__
    candidate, number = base[:limit], 2
    while is_taken(candidate):
        suffix = f"-{number}"
        candidate, number = f"{base[: limit - len(suffix)].rstrip('-')}{suffix}", number + 1
    return candidate


_VISIBLE_ESCAPES = {"\x1b": "\\e", "\t": "\\t", "\r": "\\r", "\n": "\\n", "\x7f": "\\x7f"}
_HIDDEN = re.compile(f"[{_INVISIBLE}]")


def shown(text: str) -> str:
    """Text made safe for a terminal, with nothing hidden: control and invisible characters shown as escapes.

    As `ls` does for file names: ESC becomes ``\\e``, other controls ``\\x..``,
    and format or invisible characters (zero-width, bidi, tags, fillers) ``\\u....``.
    """
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in _VISIBLE_ESCAPES:
            out.append(_VISIBLE_ESCAPES[char])
        elif category == "Cc":
            out.append(f"\\x{ord(char):02x}")
        elif category in ("Cf", "Cs", "Co", "Cn", "Zl", "Zp") or _HIDDEN.match(char):
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return "".join(out)


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 round", "2 rounds", "0 cards": a count with its word, for people."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def shorten(text: str, width: int) -> str:
    """At most width characters, with an ellipsis when cut (a long name must not push the turn off the line)."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
