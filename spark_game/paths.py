"""Where Spark's files live: one home folder holding decks/ and saves/.

- ``--home DIR`` or ``SPARK_GAME_HOME`` wins.
- Run from a source checkout, the home is the checkout (portable mode).
- Installed elsewhere, the home is the user data folder from platformdirs.

Built-in decks come from the checkout's decks/ or, in an installed package,
from the copy shipped inside it (read-only).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core.decks.library import DeckLibrary

HOME_ENV = "SPARK_GAME_HOME"
PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent
PACKAGED_DECKS = PACKAGE_DIR / "builtin_decks"


def is_checkout() -> bool:
    return (CHECKOUT_DIR / "pyproject.toml").is_file() and (CHECKOUT_DIR / "decks").is_dir()


def built_in_decks_dir() -> Path:
    return PACKAGED_DECKS if PACKAGED_DECKS.is_dir() else CHECKOUT_DIR / "decks"


@dataclass(frozen=True)
class Home:
    """The one folder the game reads and writes: its decks/, saves/ and settings.toml."""

    root: Path

    @property
    def decks_dir(self) -> Path:
        return self.root / "decks"

    @property
    def saves_dir(self) -> Path:
        return self.root / "saves"

    @property
    def settings_file(self) -> Path:
        """The couple's choices between rounds (read and written by core.settings_file)."""
        return self.root / "settings.toml"

    @property
    def cache_file(self) -> Path:
        from .core.decks.cache import CACHE_VERSION

        return self.root / ".cache" / f"decks-v{CACHE_VERSION}.json"

    def load_decks(self) -> DeckLibrary:
        """Every deck; unchanged files come from the parsed-deck cache inside the home.

        The loader is imported here, not with this module: Home's first frame doesn't need it.
        """
        from .core.decks.cache import DeckCache
        from .core.decks.library import BUILT_IN, YOURS, load_library

        cache = DeckCache(self.cache_file)
        return load_library([(built_in_decks_dir(), BUILT_IN), (self.decks_dir, YOURS)], cache)

    def ensure(self) -> None:
        from .core.files.tidy import private_folder

        private_folder(self.decks_dir)
        private_folder(self.saves_dir)

    def tidy(self) -> None:
        """At start: temp files of interrupted writes go; saves, cache and (outside a checkout) the home go private.

        A checkout's own folder and decks/ keep their modes: they are the source tree, not the pair's.
        """
        from .core.files.tidy import tidy
        from .core.saves.folder import INDEX_DIR

        if not self.root.is_dir():
            return
        mine = self.root != CHECKOUT_DIR
        tidy([self.root, self.decks_dir], private=mine)
        tidy([self.saves_dir, self.saves_dir / INDEX_DIR, self.cache_file.parent])


def resolve_home(cli_home: str | None = None) -> Home:
    chosen = cli_home or os.environ.get(HOME_ENV)
    if chosen:
        return Home(Path(chosen).expanduser().resolve())
    if is_checkout():
        return Home(CHECKOUT_DIR)
    from platformdirs import user_data_dir

    return Home(Path(user_data_dir("spark-game", appauthor=False)))
