"""A table of loaded decks and a list of the deck files that could not be loaded."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...core.decks.library import BUILT_IN, DeckLibrary
from ..safe import plain, plain_cell


class DeckTable(DataTable):
    """One row per deck: name, cards, cards per level, where it comes from."""

    def __init__(
        self, library: DeckLibrary, *, show_paths: bool = False, name_opt_in: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.library = library
        self.show_paths = show_paths
        self.name_opt_in = name_opt_in  # False until the pair first says yes: "1 opt-in deck", not its name

    def on_mount(self) -> None:
        self.add_columns("Deck", "Cards", "Gentle", "Warm", "Bold", "Source")
        self.refresh_rows()

    def refresh_rows(self) -> None:
        self.clear()
        hidden = [loaded for loaded in self.library.decks if loaded.deck.mature and not self.name_opt_in]
        for loaded in self.library.decks:
            if loaded in hidden:
                continue
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
        if hidden:
            count = len(hidden)
            label = f"{count} opt-in deck{'s' if count != 1 else ''} (asked about in New round)"
            self.add_row(label, sum(len(loaded.deck.cards) for loaded in hidden), "", "", "", BUILT_IN, key="opt-in")


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
