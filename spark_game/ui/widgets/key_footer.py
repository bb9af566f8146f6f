"""KeyFooter: the screen's keys on one line, like Textual's Footer, but updated in place.

Textual's Footer recomposes (new key widgets, a new layout) on every bindings change, which in
Spark is every phase change and focus move, and each rebuild leaves the old key widgets alive
(Textualize/textual#6666: the keys' `data_bind` watchers stay on the Footer). This footer is one
widget that draws its keys as one line of text: a bindings change marks the line for repainting and
the keys are read when it is drawn, in the same frame as the change. Nothing is mounted, nothing is
laid out again, nothing is left behind.

It shows what Footer shows: the active bindings with show=True, one key per action, a binding whose
check_action answers None dimmed (False hides it), and the command palette's key on the right.
A click on a key presses it, as Footer does (a dimmed key rings the bell). When the keys don't fit,
the palette key shortens, then the keys that don't fit are left out whole, never cut in the middle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import events
from textual.widget import Widget

from ..css import STYLES

if TYPE_CHECKING:
    from textual.screen import Screen


class Key(NamedTuple):
    """One key as the footer shows it."""

    key: str  # what a click presses
    display: str  # how the key is written: ⏎, ^b, s
    description: str
    enabled: bool  # False: dimmed (check_action said None)
    tooltip: str = ""


class Span(NamedTuple):
    """One key of the footer as drawn: where it starts and ends, for clicks."""

    start: int
    end: int
    key: Key


class KeyFooter(Widget, can_focus=False):
    """The keys of the screen it is on, drawn as one line that changes in place."""

    ALLOW_SELECT = False
    DEFAULT_CSS = (STYLES / "key_footer.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--separator",
    }

    def __init__(
        self,
        *,
        compact: bool = False,
        show_command_palette: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.compact = compact
        self.show_command_palette = show_command_palette
        self.keys: tuple[Key, ...] = ()
        self.palette: Key | None = None
        self.stale = True  # the keys are read again when the line is next drawn
        self.spans: list[Span] = []
        self.hovered: Key | None = None

    # ------------------------------------------------------------------ what to show

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Repaint the line, reading the keys then: in the same frame as the change, once however many changes."""
        self.stale = True
        self.refresh()

    def read_keys(self, screen: Screen) -> tuple[tuple[Key, ...], Key | None]:
        app = self.app
        active = screen.active_bindings
        keys: dict[str, Key] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                display = app.get_key_display(binding)
                keys[binding.action] = Key(binding.key, display, binding.description, enabled, tooltip)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                description = binding.description
                palette = Key(binding.key, app.get_key_display(binding), description, enabled, tooltip)
        return tuple(keys.values()), palette

    # ------------------------------------------------------------------ drawing

    def _piece(self, key: Key, compact: bool, with_description: bool = True) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        if key == self.hovered:
            hover = self.get_component_rich_style("key-footer--hover")
            key_style, description_style = key_style + hover, description_style + hover
        piece = Text(no_wrap=True, end="")
        if compact:
            piece.append(key.display, key_style)
            if with_description and key.description:
                piece.append(f" {key.description}", description_style)
        else:
            piece.append(f" {key.display} ", key_style)
            if with_description and key.description:
                piece.append(f"{key.description} ", description_style)
        if not key.enabled:
            piece.stylize("dim")
        return piece

    def _palette_piece(self, with_description: bool) -> Text:
        if self.palette is None:
            return Text()
        piece = Text("▏", self.get_component_rich_style("key-footer--separator"), end="")
        piece.append_text(self._piece(self.palette, compact=True, with_description=with_description))
        piece.append(" ")
        return piece

    def _fitted(self, width: int) -> tuple[list[Text], Text, str]:
        """The key pieces, the palette piece and the gap between keys, tightened until they fit `width`."""
        for compact, palette_words in ((self.compact, True), (True, True), (True, False)):
            gap = " " if compact else ""
            pieces = [self._piece(key, compact) for key in self.keys]
            palette = self._palette_piece(palette_words)
            needed = sum(piece.cell_len + len(gap) for piece in pieces) + palette.cell_len
            if needed <= width:
                break
        return pieces, palette, gap

    def render(self) -> Text:
        if self.stale:
            self.stale = False
            self.keys, self.palette = self.read_keys(self.screen)
        pieces, palette, gap = self._fitted(self.size.width)
        room = self.size.width - palette.cell_len
        line = Text(no_wrap=True, end="", overflow="crop")
        self.spans = []
        for index, (key, piece) in enumerate(zip(self.keys, pieces, strict=True)):
            reserve = 0 if index == len(pieces) - 1 else len(gap) + 1  # room for "…" if a later key can't fit
            if line.cell_len + piece.cell_len + reserve > room:
                line.append("…")
                break
            self.spans.append(Span(line.cell_len, line.cell_len + piece.cell_len, key))
            line.append_text(piece)
            line.append(gap)
        line.align("left", max(0, room))
        if self.palette is not None:
            self.spans.append(Span(line.cell_len, line.cell_len + palette.cell_len, self.palette))
        line.append_text(palette)
        return line

    # ------------------------------------------------------------------ the mouse

    def key_at(self, x: int) -> Key | None:
        for span in self.spans:
            if span.start <= x < span.end:
                return span.key
        return None

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        if key != self.hovered:
            self.hovered = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.refresh()
