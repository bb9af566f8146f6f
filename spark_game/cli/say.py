"""One line out: what the command says, with anything read from a file made visible, never sent raw."""

from __future__ import annotations

import sys

from ..core.files.text import shown


def say(line: object = "", *, error: bool = False) -> None:
    """Print one line; anything read from a file in it shows its control characters, never sends them."""
    print(shown(str(line)), file=sys.stderr if error else sys.stdout)
