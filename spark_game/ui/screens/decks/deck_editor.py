"""The deck editor: a deck's details and its cards in a table to sort, filter, add, edit, delete and reorder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from ....core.decks.checks import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, FieldError, validate_document
from ....core.decks.codec import deck_to_document
from ....core.decks.file import read_deck_file
from ....core.decks.model import KINDS, LEVEL_NAMES, Card, Deck
from ....core.decks.writer import deck_to_toml, write_deck
from ....core.files.atomic import backup_path, write_new
from ....core.files.text import plural
from ...css import css
from ...safe import notify_plain, plain, plain_cell
from ...widgets.key_footer import KeyFooter
from ...widgets.table_cursor import cursor_row_key
from ...widgets.title_bar import TitleBar
from ..dialogs import ConfirmScreen
from .card_form import CardFormScreen

if TYPE_CHECKING:
    from ...app import SparkApp

ALL = "all"
COLUMNS = {"level": "Level", "kind": "Kind", "points": "Pts", "seconds": "Timer", "text": "Card"}


def sort_value(card: Card, column: str) -> tuple[int, str]:
    """A key that sorts numbers as numbers and text as text."""
    value = card.seconds or 0 if column == "seconds" else getattr(card, column)
    return (value, "") if isinstance(value, int) else (0, str(value).casefold())


class DeckEditorScreen(Screen):
    """Edits a copy of the deck; nothing is written until ctrl+s."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("decks")

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("a", "add", "Add card", id="editor.add"),
        Binding("e", "edit", "Edit", id="editor.edit"),
        Binding("d,delete", "delete", "Delete", id="editor.delete"),
        Binding("u", "undo", "Undo delete", id="editor.undo"),
        Binding("K,ctrl+up", "move(-1)", "Move up", id="editor.up"),
        Binding("J,ctrl+down", "move(1)", "Move down", id="editor.down"),
        Binding("escape", "close", "Back", id="editor.back"),
        Binding("c", "duplicate", "Duplicate to make it yours", id="editor.duplicate"),
    ]

    def __init__(self, deck: Deck, path: Path, *, is_new: bool = False, read_only: bool = False) -> None:
        super().__init__()
        self.deck = deck
        self.path = path
        self.read_only = read_only  # a built-in deck: to read, and to duplicate
        self.cards: list[Card] = list(deck.cards)
        self.dirty = is_new
        self.deleted: tuple[int, Card] | None = None
        self.sort_column: str | None = None
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(plain(f"Editing {self.deck.name}  ·  saves to {self.path}"), id="editor-where")
        with Horizontal(id="editor-details"):
            yield Input(self.deck.name, placeholder="Deck name", id="deck-name", max_length=MAX_NAME_CHARS)
            yield Input(
                self.deck.description,
                placeholder="What is it for?",
                id="deck-description",
                max_length=MAX_DESCRIPTION_CHARS,
            )
            yield Input(self.deck.color or "", placeholder="#f5a623", id="deck-color", max_length=7)
        with Horizontal(id="editor-filters"):
            yield Input(placeholder="Filter by text", id="filter-text")
            yield Select(
                [("Every level", ALL)] + [(name, level) for level, name in LEVEL_NAMES.items()],
                value=ALL,
                allow_blank=False,
                id="filter-level",
            )
            yield Select(
                [("Every kind", ALL)] + [(kind, kind) for kind in KINDS], value=ALL, allow_blank=False, id="filter-kind"
            )
        yield DataTable(id="editor-cards", cursor_type="row", zebra_stripes=True)
        yield Static(id="editor-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#editor-cards", DataTable)
        for key, label in COLUMNS.items():
            table.add_column(label, key=key)
        self.refresh_cards()
        table.focus()

    # ------------------------------------------------------------------ the table

    def visible_cards(self) -> list[Card]:
        text = self.query_one("#filter-text", Input).value.casefold().strip()
        level = self.query_one("#filter-level", Select).value
        kind = self.query_one("#filter-kind", Select).value
        shown = [
            card
            for card in self.cards
            if (not text or text in card.text.casefold() or any(text in tag for tag in card.tags))
            and (level == ALL or card.level == level)
            and (kind == ALL or card.kind == kind)
        ]
        column = self.sort_column
        if column:
            shown.sort(key=lambda card: sort_value(card, column), reverse=self.sort_reverse)
        return shown

    def is_filtered(self) -> bool:
        return self.sort_column is not None or len(self.visible_cards()) != len(self.cards)

    def refresh_cards(self, keep: str | None = None) -> None:
        table = self.query_one("#editor-cards", DataTable)
        current = keep or self.selected_id()
        table.clear()
        for card in self.visible_cards():
            table.add_row(
                f"{card.level} {LEVEL_NAMES[card.level]}",
                card.kind,
                card.points,
                f"{card.seconds}s" if card.seconds else "",
                plain_cell(" ".join(card.text.split())[:90]),
                key=card.id,
            )
        ids = [card.id for card in self.visible_cards()]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        self.show_status()
        self.refresh_bindings()

    def show_status(self, message: str = "") -> None:
        counts = {level: sum(card.level == level for card in self.cards) for level in LEVEL_NAMES}
        shown = len(self.visible_cards())
        summary = (
            f"{plural(len(self.cards), 'card')} ({counts[1]} gentle, {counts[2]} warm, {counts[3]} bold)"
            + (f", {shown} shown" if shown != len(self.cards) else "")
            + ("  ·  unsaved changes" if self.dirty else "")
        )
        if self.read_only:
            message = "Built-in deck, read-only: press c to duplicate it and make it yours." + (
                f" {message}" if message else ""
            )
        self.query_one("#editor-status", Static).update(plain(f"{message}  {summary}" if message else summary))

    def selected_id(self) -> str | None:
        return cursor_row_key(self.query_one("#editor-cards", DataTable))

    def index_of(self, card_id: str | None) -> int | None:
        for index, card in enumerate(self.cards):
            if card.id == card_id:
                return index
        return None

    @on(Input.Changed, "#filter-text")
    @on(Select.Changed, "#filter-level")
    @on(Select.Changed, "#filter-kind")
    def _filter_changed(self) -> None:
        self.refresh_cards()

    @on(Input.Changed, "#editor-details Input")
    def _details_changed(self) -> None:
        """Unsaved only when something really changed (the fields filling in as the editor opens is no change)."""
        self.dirty = self.dirty or self.current_deck() != self.deck
        self.show_status()

    @on(DataTable.HeaderSelected)
    def _sort(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        if self.sort_column == column and self.sort_reverse:
            self.sort_column, self.sort_reverse = None, False  # third click: back to the deck's own order
        else:
            self.sort_reverse = self.sort_column == column
            self.sort_column = column
        self.refresh_cards()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in ("save", "add", "edit", "delete", "undo", "move"):
            return False
        if action == "duplicate":
            return self.read_only
        if action in ("edit", "delete"):
            return self.selected_id() is not None
        if action == "undo":
            return self.deleted is not None
        if action == "move":
            return self.selected_id() is not None and not self.is_filtered()
        return True

    # ------------------------------------------------------------------ cards

    @work
    async def action_add(self) -> None:
        card = await self.app.push_screen_wait(CardFormScreen(self.current_deck(), None, {c.id for c in self.cards}))
        if card is not None:
            self.cards.append(card)
            self.dirty = True
            self.refresh_cards(keep=card.id)

    @on(DataTable.RowSelected, "#editor-cards")
    @work
    async def action_edit(self) -> None:
        index = self.index_of(self.selected_id())
        if index is None:
            return
        old = self.cards[index]
        card = await self.app.push_screen_wait(CardFormScreen(self.current_deck(), old, {c.id for c in self.cards}))
        if card is not None and card != old:
            self.cards[index] = card
            self.dirty = True
            self.refresh_cards(keep=card.id)

    @work
    async def action_delete(self) -> None:
        index = self.index_of(self.selected_id())
        if index is None:
            return
        card = self.cards[index]
        preview = " ".join(card.text.split())[:60]
        if await self.app.push_screen_wait(ConfirmScreen(f"Delete this card? “{preview}”", yes="Delete", no="Keep")):
            self.deleted = (index, self.cards.pop(index))
            self.dirty = True
            self.refresh_cards()
            self.show_status("Deleted. Press u to undo.")

    def action_undo(self) -> None:
        if self.deleted is None:
            return
        index, card = self.deleted
        self.cards.insert(min(index, len(self.cards)), card)
        self.deleted = None
        self.dirty = True
        self.refresh_cards(keep=card.id)

    def action_move(self, step: int) -> None:
        index = self.index_of(self.selected_id())
        if index is None or not 0 <= index + step < len(self.cards):
            return
        self.cards[index], self.cards[index + step] = self.cards[index + step], self.cards[index]
        self.dirty = True
        self.refresh_cards(keep=self.cards[index + step].id)

    # ------------------------------------------------------------------ saving

    def current_deck(self) -> Deck:
        """The deck as the form stands (cleaned and checked only on save)."""
        color = self.query_one("#deck-color", Input).value.strip()
        return replace(
            self.deck,
            name=self.query_one("#deck-name", Input).value,
            description=self.query_one("#deck-description", Input).value,
            color=color or None,
            cards=tuple(self.cards),
        )

    def problems(self) -> tuple[Deck | None, list[FieldError]]:
        """The loader's own rules, on exactly what would be written."""
        return validate_document(deck_to_document(self.current_deck()))

    def action_duplicate(self) -> None:
        """Leave the built-in deck as it is and open a copy of it that is ours to change."""
        from .decks import DecksScreen

        self.app.pop_screen()
        if isinstance(self.app.screen, DecksScreen):
            self.app.screen.duplicate(self.deck)

    def action_save(self) -> None:
        if self.read_only:
            return
        deck, errors = self.problems()
        if deck is None:
            self.show_status("Not saved: " + "; ".join(f"{e.field}: {e.message}" for e in errors[:3]))
            return
        kept = self._keep_hand_written_copy()
        try:
            write_deck(self.path, deck)
        except OSError as error:
            notify_plain(self.app, f"Not saved: {error}", severity="error")
            return
        self.deck, self.cards, self.dirty = deck, list(deck.cards), False
        self.app.reload_library()
        self.show_status("Saved." + (f" Your hand-written file is kept as {kept.name}." if kept else ""))

    def _keep_hand_written_copy(self) -> Path | None:
        """A file we didn't write (comments, own layout) is kept once as .bak before we replace it."""
        if not self.path.exists():
            return None
        on_disk, _ = read_deck_file(self.path)
        text = self.path.read_text(encoding="utf-8", errors="replace")
        if on_disk is not None and text == deck_to_toml(on_disk):
            return None
        backup = backup_path(self.path)
        if not write_new(backup, self.path.read_bytes()):  # one was kept before (or something else is there)
            return None
        notify_plain(
            self.app, f"Comments and layout don't survive saving; your original is kept as {backup.name}.", timeout=8
        )
        return backup

    @work
    async def action_close(self) -> None:
        if self.dirty and not await self.app.push_screen_wait(
            ConfirmScreen("Leave without saving your changes?", yes="Leave", no="Stay")
        ):
            return
        self.dismiss()
