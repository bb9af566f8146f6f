"""The import prompt: a path field that completes from the disk, and what Spark can read."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ....core.decks.importer import SUFFIXES, TOML, format_of
from ...safe import plain
from ...widgets.path_input import PathInput
from ..dialogs import TextPromptScreen

WHAT_SPARK_READS = (
    "A text file with one card a line (lines starting with # are skipped), a CSV whose first line "
    "names the columns (text, and if you like level, kind, points, seconds, tags), a JSON list, "
    "or a Spark deck (.toml). The new deck is named after the file."
)


def start_folder() -> str:
    """Where the path starts: the folder Spark was started from, with ~ for the home folder."""
    try:
        here, home = Path.cwd(), Path.home()
    except (OSError, RuntimeError):
        return ""
    if here == home:
        return "~/"
    if here.is_relative_to(home):
        return f"~/{here.relative_to(home)}/"
    return str(here).rstrip("/") + "/"


def describe(value: str) -> str:
    """One line on what Enter would do with the path typed so far."""
    if not value.strip():
        return "Type the path of the file. Tab completes names."
    path = Path(value.strip()).expanduser()
    try:
        if path.is_dir():
            return "That is a folder: type the start of a file name, then Tab."
        if not path.is_file():
            return "No file by that name (yet). Tab completes names."
    except OSError:
        return "That path can't be looked at."
    kind = format_of(path)
    what = "a Spark deck" if kind == TOML else f"a {kind} list" if kind else "read by what is in it"
    return f"{path.name}: {what}. Enter imports it, Esc cancels."


class ImportPromptScreen(TextPromptScreen):
    """Ask for the file to import; dismiss with the path typed, or None on escape."""

    def __init__(self, value: str | None = None) -> None:
        super().__init__("Import cards from a file", start_folder() if value is None else value, max_length=1000)

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(plain(self.question), id="prompt-question")
            yield Static(plain(WHAT_SPARK_READS), id="import-formats")
            yield PathInput(self.value, id="prompt-input", max_length=self.max_length, wanted=tuple(SUFFIXES))
            yield Static(plain(describe(self.value)), id="import-note")

    @on(Input.Changed, "#prompt-input")
    def _describe(self, event: Input.Changed) -> None:
        self.query_one("#import-note", Static).update(plain(describe(event.value)))
