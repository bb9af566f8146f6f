"""Started in a fresh process by the benchmarks: run an app headless until its first screen is painted.

    python -m benchmarks.start minimal     # the baseline: one Label
    python -m benchmarks.start spark       # Spark's Home screen (SPARK_GAME_HOME picks the home)
    python -m benchmarks.start spark-round # a round with every built-in deck, a few turns, then peak RSS

Prints the peak resident memory in KiB on its last line.
"""

from __future__ import annotations

import resource
import sys


def run_minimal() -> None:
    from textual.app import App
    from textual.widgets import Label

    class Minimal(App):
        def compose(self):
            yield Label("Hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Minimal().run(headless=True)


def run_spark(play_round: bool) -> None:
    from spark_game.core.engine import Settings
    from spark_game.paths import resolve_home
    from spark_game.ui.app import SparkApp

    home = resolve_home()
    if not play_round:
        class FirstPaint(SparkApp):
            def on_mount(self) -> None:
                super().on_mount()
                self.call_after_refresh(self.exit)

        FirstPaint(home).run(headless=True)
        return

    async def play(app: SparkApp) -> None:
        async with app.run_test(headless=True, size=(100, 32)) as pilot:
            await pilot.pause()
            for _ in range(6):
                await pilot.press("s", "enter", "2")
            app.saver.flush()

    import asyncio

    deck_ids = tuple(loaded.deck.id for loaded in home.load_decks().decks if not loaded.deck.mature)
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), deck_ids, seed=1))
    asyncio.run(play(app))


def main() -> None:
    which = sys.argv[1]
    if which == "minimal":
        run_minimal()
    else:
        run_spark(play_round=which == "spark-round")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
