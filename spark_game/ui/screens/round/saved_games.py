"""Saved games: every round in the home's saves/, newest first, to resume, rename or delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ....core.files.text import shorten
from ....core.saves import SaveEntry, SaveError, delete_save, list_saves, read_save, rename_save, restore_backup
from ...css import css
from ...safe import notify_plain, plain, plain_cell
from ...widgets.key_footer import KeyFooter
from ...widgets.table_cursor import cursor_row_key
from ...widgets.title_bar import TitleBar
from ..dialogs import ConfirmScreen, TextPromptScreen

if TYPE_CHECKING:
    from ...app import SparkApp


PAGE = 60  # rows added to the table at a time: a DataTable pays for every row it holds, shown or not
MORE_WHEN_WITHIN = 20  # rows of the end: the next page is added as the cursor comes this close


def when(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y %H:%M")


class SavedGamesScreen(Screen):
    """Every saved round: resume, read its journal, rename, delete or restore a backup."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("story")
    BINDINGS = [
        Binding("enter", "resume", "Resume", id="saves.resume"),
        Binding("j", "journal", "Journal", id="saves.journal"),
        Binding("r", "rename", "Rename", id="saves.rename"),
        Binding("d,delete", "delete", "Delete", id="saves.delete"),
        Binding("b", "restore", "Restore backup", id="saves.restore"),
        Binding("escape,q", "app.pop_screen", "Back", id="saves.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[SaveEntry] = []  # newest first
        self.by_name: dict[str, SaveEntry] = {}  # the table's row keys are the file names
        self.rows_shown = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(plain(f"Saved rounds in {self.app.home.saves_dir}"), id="saves-where")
        yield DataTable(id="saves-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="saves-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Round", "Last played", "Turns", "Score", "Status")  # fits 80 columns; the rest below
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.entries = list_saves(self.app.home.saves_dir)
        self.by_name = {entry.name: entry for entry in self.entries}
        self.rows_shown = 0
        self._add_page()
        self.query_one("#saves-detail", Static).update(
            "No saved rounds yet: every round you play is saved here as you go." if not self.entries else ""
        )
        table.focus()
        self._show_detail()

    def _add_page(self) -> None:
        """The next PAGE rounds, newest first; the line above the table says how many are in."""
        table = self.query_one(DataTable)
        for entry in self.entries[self.rows_shown : self.rows_shown + PAGE]:
            key, summary = entry.name, entry.summary  # the summary is checked now, for the rows shown
            if summary is None:
                status = "damaged" + (" · backup available (b)" if entry.backup_ok else "")
                table.add_row(
                    plain_cell(shorten(entry.name, 28)), "", "", "", plain_cell(status, style="bold red"), key=key
                )
                continue
            table.add_row(
                plain_cell(shorten(summary.name, 28)),
                when(summary.last_played),
                summary.turns_played,
                f"{summary.scores[0]} · {summary.scores[1]}",
                plain_cell("finished" if summary.finished else "unfinished", style="" if summary.finished else "bold"),
                key=key,
            )
        self.rows_shown = table.row_count
        where = f"Saved rounds in {self.app.home.saves_dir}"
        if self.rows_shown < len(self.entries):
            where += f" · the newest {self.rows_shown:,} of {len(self.entries):,} (go down for older ones)"
        self.query_one("#saves-where", Static).update(plain(where))

    def selected(self) -> SaveEntry | None:
        key = cursor_row_key(self.query_one(DataTable))
        return self.by_name.get(key) if key else None

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        table = self.query_one(DataTable)
        if self.rows_shown < len(self.entries) and table.cursor_row >= self.rows_shown - MORE_WHEN_WITHIN:
            self._add_page()
        entry = self.selected()
        if entry is not None and entry.problem:
            self.query_one("#saves-detail", Static).update(plain(f"{entry.path.name}: {entry.problem}"))
        elif entry is not None and entry.summary is not None:
            summary = entry.summary
            self.query_one("#saves-detail", Static).update(
                plain(
                    f"{' & '.join(summary.players)}  ·  started {when(summary.started)}  ·  {', '.join(summary.decks)}"
                    f"\nFile: {entry.path.name}  ·  id {entry.id}"
                )
            )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entry = self.selected()
        if action in ("resume", "rename", "journal"):
            return entry is not None and entry.summary is not None
        if action == "delete":
            return entry is not None
        if action == "restore":
            return entry is not None and entry.backup_ok
        return True

    @on(DataTable.RowSelected)
    def action_resume(self) -> None:
        entry = self.selected()
        if entry is not None and entry.summary is not None:
            self.app.resume_round(entry.path)

    def action_journal(self) -> None:
        from .journal import JournalScreen

        entry = self.selected()
        if entry is None or entry.summary is None:
            return
        try:
            saved = read_save(entry.path)
        except SaveError as error:
            notify_plain(self.app, str(error), title="Can't read this round", severity="error")
            return
        self.app.push_screen(JournalScreen(saved.game, saved.summary.name))

    def action_rename(self) -> None:
        entry = self.selected()
        if entry is None or entry.summary is None:
            return

        def rename(name: str | None) -> None:
            if name is not None:
                self._attempt(lambda: rename_save(entry.path, name))

        self.app.push_screen(TextPromptScreen("A new name for this round:", entry.summary.name), rename)

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        label = entry.summary.name if entry.summary else entry.path.name

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self._attempt(lambda: delete_save(entry.path))

        self.app.push_screen(
            ConfirmScreen(f"Delete “{label}” for good? This can't be undone.", yes="Delete", no="Keep it"), delete
        )

    def action_restore(self) -> None:
        entry = self.selected()
        if entry is not None and entry.backup_ok and self._attempt(lambda: restore_backup(entry.path)):
            notify_plain(self.app, "Restored the previous save. The damaged file is kept beside it.")

    def _attempt(self, change: Callable[[], object]) -> bool:
        """Make one change to the folder, say so if it failed, and show the folder as it is now."""
        try:
            change()
        except (SaveError, OSError) as error:
            notify_plain(self.app, str(error), title="That didn't work", severity="error")
            return False
        finally:
            self.reload()
        return True
