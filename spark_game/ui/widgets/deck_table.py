"""A table of loaded decks and a list of the deck files that could not be loaded."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...core.deck_library import DeckLibrary
from ..safe import plain, plain_cell


class DeckTable(DataTable):
    """One row per deck: name, cards, cards per level, where it comes from."""

    def __init__(self, library: DeckLibrary, *, show_paths: bool = False, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.library = library
        self.show_paths = show_paths

    def on_mount(self) -> None:
        self.add_columns("Deck", "Cards", "Gentle", "Warm", "Bold", "Source")
        self.refresh_rows()

    def refresh_rows(self) -> None:
        self.clear()
        for loaded in self.library.decks:
            levels = loaded.deck.count_by_level()
            source = f"{loaded.source} · {loaded.path}" if self.show_paths else loaded.source
            self.add_row(
                plain_cell(loaded.deck.name, style=loaded.deck.color or ""),
                len(loaded.deck.cards),
                levels[1],
                levels[2],
                levels[3],
                plain_cell(source),
                key=loaded.deck.id,
            )


class DeckProblems(Vertical):
    """Each problem of a broken deck file, with its file and line; hidden when all is well."""

    def __init__(self, library: DeckLibrary, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.library = library

    def compose(self) -> ComposeResult:
        files = self.library.broken_files()
        self.display = bool(files)
        if files:
            yield Static(
                f"{len(files)} deck file{'s' if len(files) != 1 else ''} could not be loaded:",
                classes="problems-title",
            )
            for problem in self.library.problems:
                yield Static(plain(str(problem)), classes="problem")
