"""The spark-game command, one module per group of commands.

- `parser`: every command and its help;
- `main`: runs one, and turns what the disk refuses into one line;
- `play`: `play`, `resume`, `serve` and opening the app;
- `decks`, `saves`, `keeping`: `decks ...`, `saves list` and `stats`, `calendar` and `keepsake`;
- `say`: the one way a line is printed.

It imports the Textual UI only when it opens the app, and the writing side
(saves, history, the deck writer) only in the commands that use it, so
`decks validate` and `decks list` start fast on the loader alone.
"""

from .main import main
from .parser import build_parser
from .play import run_app

__all__ = ["build_parser", "main", "run_app"]
