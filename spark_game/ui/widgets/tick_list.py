"""Ticks and choices that read without colour: a check mark or a blank, a dot or an empty circle.

Textual's SelectionList draws the same "X" for both and tells them apart by colour only. Keys a and n tick
all or none.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList

TICKED, UNTICKED = "✓", " "
TEXTUAL_TICK = "X"  # what SelectionList draws inside its toggle, ticked or not


class TickList(SelectionList[str]):
    """A deck list whose ticks read without colour; a and n tick all or none."""

    BINDINGS = [
        Binding("a", "tick_all", "All", id="ticks.all"),
        Binding("n", "tick_none", "None", id="ticks.none"),
    ]

    def action_tick_all(self) -> None:
        self.select_all()

    def action_tick_none(self) -> None:
        self.deselect_all()

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        if index >= self.option_count:
            return line
        ticked = self.get_option_at_index(index).value in self.selected
        segments = list(line)
        for position, segment in enumerate(segments):
            if segment.text == TEXTUAL_TICK:
                segments[position] = Segment(TICKED if ticked else UNTICKED, segment.style, segment.control)
                break
        return Strip(segments, line.cell_length)


class ChoiceButton(RadioButton):
    """A radio button that reads without colour: a dot when chosen, an empty circle when not."""

    def watch_value(self) -> None:
        self.BUTTON_INNER = "●" if self.value else "○"
        super().watch_value()

    def on_mount(self) -> None:
        self.BUTTON_INNER = "●" if self.value else "○"
