"""LineList: a list of one-line choices drawn as one render, and the two lists built on it.

An OptionList makes a styled line per option, scrolls by itself and measures each option; a list of
a few short choices needs none of it. This widget draws its lines as one text, marks the highlighted
one (and the one under the mouse), and a click on a line that can be chosen posts `Chosen`.

- `DeckList`: the decks on the Play screen, never focused (an OptionList had to hold the focus for
  its arrows, and in Textual a focus move repaints the whole screen): the Play screen's own keys move
  its highlight and choose.
- `Menu`: Home's menu. It takes the focus and has an OptionList's keys (arrows, Home, End, Page Up
  and Page Down, Enter); its highlight is dimmer while another widget has the focus.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.widget import Widget

from ...core.files.text import clean_text
from ..css import STYLES


class Line(NamedTuple):
    """One choice as the list shows it."""

    label: str
    enabled: bool = True  # False: shown dimmed, and a click on it does nothing


class LineList(Widget, can_focus=False):
    """One line a choice, the highlighted one marked; `show` repaints it only when something changed."""

    DEFAULT_CSS = (STYLES / "line_list.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {"line-list--highlighted", "line-list--disabled", "line-list--hover"}

    class Chosen(Message):
        """A line was chosen: clicked (only one that is enabled), or Enter on a focused Menu."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: tuple[Line, ...] = ()
        self.highlighted = 0
        self.hovered: int | None = None

    def show(self, lines: tuple[Line, ...], highlighted: int) -> None:
        if (lines, highlighted) == (self.lines, self.highlighted):
            return
        layout = len(lines) != len(self.lines)
        self.lines, self.highlighted = lines, highlighted
        self.refresh(layout=layout)

    def highlight(self, index: int) -> None:
        """Move the highlight to `index` and scroll the line into view in the containers around the list."""
        self.show(self.lines, index)
        line = Region(self.content_region.x, self.content_region.y + index, 1, 1)
        for ancestor in self.ancestors:
            if isinstance(ancestor, Widget) and ancestor.allow_vertical_scroll:
                ancestor.scroll_to_region(
                    line.translate(ancestor.scroll_offset - ancestor.content_region.offset), animate=False
                )
                break

    def _enabled(self) -> list[int]:
        return [index for index, line in enumerate(self.lines) if line.enabled]

    def move(self, step: int) -> None:
        """Highlight the next line that can be chosen, up or down; the highlight stays at either end."""
        ahead = [index for index in self._enabled() if (index - self.highlighted) * step > 0]
        if ahead:
            self.highlight(min(ahead) if step > 0 else max(ahead))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def render(self) -> Text:
        width = self.size.width
        styles = {
            "highlighted": self.get_component_rich_style("line-list--highlighted"),
            "disabled": self.get_component_rich_style("line-list--disabled"),
            "hover": self.get_component_rich_style("line-list--hover"),
        }
        shown = Text(no_wrap=True, end="")
        for index, line in enumerate(self.lines):
            text = Text(clean_text(line.label), no_wrap=True, end="")
            text.truncate(width, overflow="ellipsis", pad=True)
            if not line.enabled:
                text.stylize(styles["disabled"])
            if index == self.highlighted:
                text.stylize(styles["highlighted"])
            elif index == self.hovered:
                text.stylize(styles["hover"])
            if index:
                shown.append("\n")
            shown.append_text(text)
        return shown

    def _line_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return offset.y if offset is not None and offset.y < len(self.lines) else None

    def on_click(self, event: events.Click) -> None:
        index = self._line_at(event)
        if index is not None and self.lines[index].enabled:
            event.stop()
            self.post_message(self.Chosen(index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._line_at(event)
        if index != self.hovered:
            self.hovered = index
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.refresh()


class DeckList(LineList):
    """The decks to choose from on the Play screen: never focused, the screen's keys move it."""


class Menu(LineList, can_focus=True):
    """A menu that takes the focus: the arrows, Home and End move the highlight, Enter chooses."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home,pageup", "move_to_end(-1)", "First", show=False),
        Binding("end,pagedown", "move_to_end(1)", "Last", show=False),
        Binding("enter", "choose", "Choose", show=False),
    ]

    def action_move(self, step: int) -> None:
        self.move(step)

    def action_move_to_end(self, step: int) -> None:
        enabled = self._enabled()
        if enabled:
            self.highlight(enabled[-1] if step > 0 else enabled[0])

    def action_choose(self) -> None:
        if 0 <= self.highlighted < len(self.lines) and self.lines[self.highlighted].enabled:
            self.post_message(self.Chosen(self.highlighted))
