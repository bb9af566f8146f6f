"""TitleBar: the top line of every screen, the icon that opens the command palette and the title.

It looks and behaves as Textual's Header does (the icon's hover and tooltip, a click on it opens
the palette), drawn as one render: Header is four widgets with four watchers each, and every
screen has one, so it showed in the start-up time and the memory of a round.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from ...core.files.text import clean_text
from ..css import STYLES

ICON = "⭘"
ICON_CELLS = 8  # the icon's place on the left, as Header's
RIGHT_CELLS = 10  # Header keeps this much on the right for a clock: the title is centred between


class TitleBar(Widget):
    """The app's title, centred, with the command palette's icon on the left."""

    DEFAULT_CSS = (STYLES / "title_bar.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {"title-bar--icon-hover"}

    def __init__(self) -> None:
        super().__init__()
        self.icon_hovered = False

    def render(self) -> Text:
        width = self.size.width
        icon = Text(f" {ICON}".ljust(ICON_CELLS)[: max(0, width)], no_wrap=True, end="")
        if self.icon_hovered:
            icon.stylize(self.get_component_rich_style("title-bar--icon-hover"))
        room = max(0, width - ICON_CELLS - RIGHT_CELLS)
        title = Text(clean_text(self.app.title), no_wrap=True, end="")
        title.truncate(room, overflow="ellipsis")
        left = (room - title.cell_len) // 2
        line = Text(no_wrap=True, end="")
        line.append_text(icon)
        line.append(" " * left)
        line.append_text(title)
        line.append(" " * max(0, width - line.cell_len))
        return line

    def _hover_icon(self, hovered: bool) -> None:
        if hovered != self.icon_hovered:
            self.icon_hovered = hovered
            self.tooltip = "Open the command palette" if hovered else None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_icon(event.x < ICON_CELLS)

    def on_leave(self, event: events.Leave) -> None:
        self._hover_icon(False)

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
