"""All the decks a home can see: the built-in ones and the pair's own."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cache import DeckCache
from .file import Problem, read_deck_file
from .model import CLOSING_DECK_ID, Deck

BUILT_IN = "built-in"
YOURS = "yours"
# The decks the game ships. In portable mode the checkout's decks/ is also the home's, so a deck the pair
# made lands beside these: only these files count as built-in (and are never written by the game).
SHIPPED_FILES = frozenset(
    f"{name}.toml"
    for name in (
        "balance",
        "closing",
        "conversation",
        "good-news",
        "novelty",
        "physical",
        "playfulness",
        "repair",
        "rituals",
        "spice",
    )
)


@dataclass(frozen=True)
class LoadedDeck:
    """A deck with the file it came from and whether it is built-in or the pair's own."""

    deck: Deck
    path: Path
    source: str  # BUILT_IN or YOURS


@dataclass
class DeckLibrary:
    """The decks a couple can choose from, the closing deck that ends every round, and what failed to load."""

    decks: list[LoadedDeck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    closing: Deck | None = None

    def by_id(self) -> dict[str, Deck]:
        return {loaded.deck.id: loaded.deck for loaded in self.decks}

    def broken_files(self) -> list[str]:
        return sorted({problem.file for problem in self.problems})


def deck_files(folder: Path) -> list[Path]:
    """The *.toml entries of a folder, sorted, skipping hidden ones; [] if there is no folder."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [entry for entry in entries if entry.suffix == ".toml" and not entry.name.startswith(".")]


def load_library(folders: list[tuple[Path, str]], cache: DeckCache | None = None) -> DeckLibrary:
    """Load every deck file from the folders, in order; one bad file never stops the rest.

    A folder listed twice (a checkout's decks/ is both built-in and the home's)
    is read once. A deck id seen before is reported and the later file skipped.
    """
    library = DeckLibrary()
    seen_folders: set[Path] = set()
    owner: dict[str, Path] = {}
    for folder, folder_source in folders:
        resolved = folder.resolve()
        if resolved in seen_folders:
            continue
        seen_folders.add(resolved)
        for path in deck_files(folder):
            source = YOURS if folder_source == BUILT_IN and path.name not in SHIPPED_FILES else folder_source
            deck, problems = cache.read(path) if cache else read_deck_file(path)
            library.problems.extend(problems)
            if deck is None:
                continue
            if deck.id in owner:
                library.problems.append(
                    Problem(
                        str(path),
                        f"deck id '{deck.id}' is already used by {owner[deck.id]}; this file was skipped",
                        field="deck.id",
                    )
                )
                continue
            owner[deck.id] = path
            if deck.id == CLOSING_DECK_ID and source == BUILT_IN:
                library.closing = deck
            else:
                library.decks.append(LoadedDeck(deck, path, source))
    if cache is not None:
        cache.save()
    return library
