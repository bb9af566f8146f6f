"""A Textual-only reproducer of the Footer leak (Textualize/textual#6666), to report upstream.

    python -m benchmarks.footer_leak [PRESSES]

An app with one Label and a Footer; each key press changes which bindings are shown (check_action
plus refresh_bindings), so the Footer recomposes. Every recompose makes new FooterKey widgets with
`data_bind(compact=Footer.compact)`, which puts a watcher holding the new key on the Footer's
`compact` reactive. Those watchers are only pruned when `compact` changes, which it never does,
so every FooterKey ever made stays alive, with its styles and render caches. The script prints
the FooterKey objects still alive, the watchers on the Footer and the traced memory, after 15
presses and after PRESSES (default 500): all three grow with the presses.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import tracemalloc

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Label
from textual.widgets._footer import FooterKey


class Changing(App[None]):
    BINDINGS = [Binding("x", "next", "Next"), Binding("a", "other", "Other")]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Label("0")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "other" or self.presses % 2 == 0  # "a" is shown every other press

    def action_next(self) -> None:
        self.presses += 1
        self.query_one(Label).update(str(self.presses))
        self.refresh_bindings()

    def action_other(self) -> None:
        pass


def census(app: Changing) -> str:
    gc.collect()
    keys = sum(isinstance(thing, FooterKey) for thing in gc.get_objects())
    watchers = len(getattr(app.query_one(Footer), "__watchers", {}).get("compact", []))
    traced = tracemalloc.get_traced_memory()[0] / 2**20
    return f"{keys} FooterKey objects alive, {watchers} watchers on Footer.compact, {traced:.1f} MiB traced"


async def main(presses: int) -> None:
    tracemalloc.start()
    app = Changing()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for press in range(1, presses + 1):
            await pilot.press("x")
            await pilot.pause()
            if press in (15, presses):
                print(f"after {press:4} presses: {census(app)}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
