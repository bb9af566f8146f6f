"""DeckList: the decks to choose from on the Play screen, one line each, drawn in place and never focused.

An OptionList has to hold the focus for its arrows and Enter, so each phase change moved the focus
to it and away again, and in Textual a focus move repaints the whole screen and then repaints the
footer once more after the frame. This list takes no focus: the Play screen's own keys move its
highlight and choose, and a click on a line chooses that deck.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from ...core.text import clean_text
from ..css import STYLES


class DeckLine(NamedTuple):
    """One deck as the list shows it."""

    label: str
    playable: bool  # False: shown dimmed, and a click on it does nothing


class DeckList(Widget, can_focus=False):
    """One line a deck, the highlighted one marked; `show` repaints it only when something changed."""

    DEFAULT_CSS = (STYLES / "deck_list.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {"deck-list--highlighted", "deck-list--disabled", "deck-list--hover"}

    class Clicked(Message):
        """A deck's line was clicked (only a playable one)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: tuple[DeckLine, ...] = ()
        self.highlighted = 0
        self.hovered: int | None = None

    def show(self, lines: tuple[DeckLine, ...], highlighted: int) -> None:
        if (lines, highlighted) == (self.lines, self.highlighted):
            return
        layout = len(lines) != len(self.lines)
        self.lines, self.highlighted = lines, highlighted
        self.refresh(layout=layout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def render(self) -> Text:
        width = self.size.width
        styles = {
            "highlighted": self.get_component_rich_style("deck-list--highlighted"),
            "disabled": self.get_component_rich_style("deck-list--disabled"),
            "hover": self.get_component_rich_style("deck-list--hover"),
        }
        shown = Text(no_wrap=True, end="")
        for index, line in enumerate(self.lines):
            text = Text(clean_text(line.label), no_wrap=True, end="")
            text.truncate(width, overflow="ellipsis", pad=True)
            if not line.playable:
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
        if index is not None and self.lines[index].playable:
            event.stop()
            self.post_message(self.Clicked(index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._line_at(event)
        if index != self.hovered:
            self.hovered = index
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.refresh()
