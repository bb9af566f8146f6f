"""Decks: every deck Spark can see, the problems of broken files, and making, editing and sharing decks."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ....core.decks.checks import MAX_NAME_CHARS, SLUG_MAX_CHARS
from ....core.decks.importer import Imported, import_file
from ....core.decks.library import BUILT_IN, LoadedDeck
from ....core.decks.model import Deck
from ....core.decks.writer import deck_path, slug_from_name, write_deck
from ....core.files.text import plural, unique_id
from ....paths import PACKAGED_DECKS
from ...css import css
from ...safe import notify_plain, plain
from ...widgets.deck_table import DeckProblems, DeckTable
from ...widgets.import_problems import ImportProblems
from ...widgets.kept_cards import KeptCardsList
from ...widgets.key_footer import KeyFooter
from ...widgets.table_cursor import cursor_row_key
from ...widgets.title_bar import TitleBar
from ..dialogs import ConfirmScreen, TextPromptScreen
from .deck_editor import DeckEditorScreen
from .import_prompt import ImportPromptScreen

if TYPE_CHECKING:
    from ...app import SparkApp


def is_read_only(loaded: LoadedDeck) -> bool:
    """Built-in decks are never changed by the game, installed or in portable mode: they can be duplicated."""
    return loaded.source == BUILT_IN or loaded.path.resolve().is_relative_to(PACKAGED_DECKS.resolve())


def is_id_clash(result: Imported) -> bool:
    """A Spark deck refused because a different deck of ours has its id (it may replace ours)."""
    problems = result.problems
    return bool(problems) and problems[0].field == "deck.id" and "already at" in problems[0].message


class DecksScreen(Screen):
    """Every deck and where it comes from; new, duplicate, edit, import and export."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("decks")
    BINDINGS = [
        Binding("n", "new_deck", "New deck", id="decks.new"),
        Binding("e", "edit", "Edit", id="decks.edit"),
        Binding("c", "duplicate", "Duplicate", id="decks.duplicate"),
        Binding("i", "import_deck", "Import", id="decks.import"),
        Binding("x", "export", "Export", id="decks.export"),
        Binding("escape,q", "app.pop_screen", "Back", id="decks.back"),
    ]

    def compose(self) -> ComposeResult:
        home = self.app.home
        yield TitleBar()
        with VerticalScroll(id="decks-body"):
            yield Static(plain(f"Your decks live in {home.decks_dir}"), id="decks-where")
            yield DeckTable(
                self.app.library, show_paths=True, name_opt_in=self.app.history.opted_in_once, id="decks-table"
            )
            yield Static(id="decks-hint")
            yield DeckProblems(self.app.library, id="decks-problems")
            yield Static("Not for us (enter brings a card back)", classes="decks-heading")
            yield KeptCardsList("retired", id="decks-retired")
        yield ImportProblems(id="import-problems")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DeckTable).focus()
        self._show_hint()

    async def on_screen_resume(self) -> None:
        """Back from the editor or an import: show the decks as they are on disk now."""
        if not self.is_mounted:
            return
        table = self.query_one(DeckTable)
        table.library = self.app.library
        table.refresh_rows()
        problems = self.query_one(DeckProblems)
        problems.library = self.app.library
        await problems.recompose()
        self._show_hint()

    def selected(self) -> LoadedDeck | None:
        deck_id = cursor_row_key(self.query_one(DeckTable))
        return next((loaded for loaded in self.app.library.decks if loaded.deck.id == deck_id), None)

    @on(DataTable.RowHighlighted, "#decks-table")
    def _show_hint(self) -> None:
        loaded = self.selected()
        hint = ""
        if loaded is not None and is_read_only(loaded):
            hint = "Built-in and read-only: press c to duplicate it, then edit your copy."
        self.query_one("#decks-hint", Static).update(hint)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        loaded = self.selected()
        if action == "edit":
            return loaded is not None
        if action in ("duplicate", "export"):
            return loaded is not None
        return True

    def unique_id(self, name: str) -> str:
        taken = set(self.app.library.by_id())
        decks_dir = self.app.home.decks_dir
        return unique_id(
            slug_from_name(name),
            lambda candidate: candidate in taken or deck_path(decks_dir, candidate).exists(),
            limit=SLUG_MAX_CHARS,
        )

    def open_editor(self, deck: Deck, *, is_new: bool) -> None:
        try:
            self.app.home.ensure()
        except OSError as error:  # a read-only or full home: say so, and stay on the list
            message = f"Your decks folder can't be written ({error.strerror or error}): {self.app.home.decks_dir}"
            notify_plain(self.app, message, severity="error")
            return
        self.app.push_screen(DeckEditorScreen(deck, deck_path(self.app.home.decks_dir, deck.id), is_new=is_new))

    @work
    async def action_new_deck(self) -> None:
        name = await self.app.push_screen_wait(TextPromptScreen("Name your new deck:", max_length=MAX_NAME_CHARS))
        name = " ".join((name or "").split())
        if name:
            self.open_editor(Deck(id=self.unique_id(name), name=name, cards=()), is_new=True)

    @on(DataTable.RowSelected, "#decks-table")
    def action_edit(self) -> None:
        loaded = self.selected()
        if loaded is None:
            return
        self.app.push_screen(DeckEditorScreen(loaded.deck, loaded.path, read_only=is_read_only(loaded)))

    def action_duplicate(self) -> None:
        loaded = self.selected()
        if loaded is not None:
            self.duplicate(loaded.deck)

    def duplicate(self, deck: Deck) -> None:
        """A copy of a deck under a new name and id, open in the editor, ours to change."""
        name = f"{deck.name} (ours)"[:MAX_NAME_CHARS]
        copy = Deck(
            id=self.unique_id(name),
            name=name,
            cards=deck.cards,
            description=deck.description,
            color=deck.color,
            mature=deck.mature,
        )
        self.open_editor(copy, is_new=True)

    @work
    async def action_import_deck(self) -> None:
        answer = await self.app.push_screen_wait(ImportPromptScreen())
        if answer and answer.strip():
            await self.import_from(Path(answer.strip()).expanduser())

    @on(ImportProblems.TryAgain)
    @work
    async def _import_again(self, event: ImportProblems.TryAgain) -> None:
        await self.import_from(event.source)

    @on(ImportProblems.Dismissed)
    def _problems_dismissed(self) -> None:
        self.query_one(DeckTable).focus()

    async def import_from(self, source: Path) -> None:
        """Import a deck or a list of cards; its problems stay in the panel until dismissed."""
        folder = self.app.home.decks_dir  # read and written off the screen's thread: the list keeps answering
        result = await asyncio.to_thread(import_file, source, folder, self.app.library.by_id())
        if is_id_clash(result):
            if not await self.ask_to_replace(result):
                return
            result = await asyncio.to_thread(import_file, source, folder, replace_existing=True)
        if result.path is None or result.deck is None:
            if result.problems:
                self.query_one(ImportProblems).show(source, result.problems)
            return
        self.query_one(ImportProblems).action_dismiss()
        self.app.reload_library()
        cards = plural(len(result.deck.cards), "card")
        notify_plain(self.app, f"Imported {cards} from {source.name} as the deck {result.deck.name}.")
        await self.on_screen_resume()
        table = self.query_one(DeckTable)
        if result.deck.id in table.rows:
            table.move_cursor(row=table.get_row_index(result.deck.id))

    async def ask_to_replace(self, result: Imported) -> bool:
        question = f"{result.problems[0].message}. Replace it with the imported one?"
        replace: bool = await self.app.push_screen_wait(ConfirmScreen(question, yes="Replace", no="Keep mine"))
        return replace

    @work
    async def action_export(self) -> None:
        loaded = self.selected()
        if loaded is None:
            return
        suggestion = str(Path.home() / f"{loaded.deck.id}.toml")
        answer = await self.app.push_screen_wait(TextPromptScreen("Export to which file?", suggestion, max_length=1000))
        if not answer or not answer.strip():
            return
        target = Path(answer.strip()).expanduser()
        if target.is_dir():
            target = target / f"{loaded.deck.id}.toml"
        if target.exists() and not await self.app.push_screen_wait(
            ConfirmScreen(f"{target} already exists. Replace it?", yes="Replace", no="Cancel")
        ):
            return
        try:
            write_deck(target, loaded.deck, shared=True)
        except OSError as error:
            notify_plain(self.app, f"Not exported: {error}", severity="error")
            return
        notify_plain(self.app, f"Exported to {target}.")
