"""The key of the row under a DataTable's cursor, or None when there is no such row."""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.widgets import DataTable


def cursor_row_key(table: DataTable) -> str | None:
    if not 0 <= table.cursor_row < table.row_count:
        return None
    return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
