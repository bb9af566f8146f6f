"""Started in a fresh process by the benchmarks: run an app headless until its first screen is painted.

    python -m benchmarks.start minimal     # the baseline: one Label
    python -m benchmarks.start spark       # Spark's Home screen (SPARK_GAME_HOME picks the home)
    python -m benchmarks.start spark-round # a round with the built-in decks, six turns, through the Pilot
    python -m benchmarks.start minimal-round # the baseline for that: the minimal app, keys through the Pilot

Prints the peak resident memory in KiB on its last line.
"""

from __future__ import annotations

import resource
import sys


def run_minimal(play_round: bool) -> None:
    from textual.app import App
    from textual.widgets import Label

    class Minimal(App):
        BINDINGS = [("x", "change", "Change")]

        def compose(self):
            yield Label("Hello")

        def on_mount(self) -> None:
            if not play_round:
                self.call_after_refresh(self.exit)

        def action_change(self) -> None:
            self.query_one(Label).update("Changed")

    if not play_round:
        Minimal().run(headless=True)
        return

    async def press_keys(app: Minimal) -> None:
        async with app.run_test(headless=True, size=(100, 32)) as pilot:
            await pilot.pause()
            for _ in range(6):
                await pilot.press("x", "x", "x")

    import asyncio

    asyncio.run(press_keys(Minimal()))


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
            app.session.saver.flush()

    import asyncio

    deck_ids = tuple(loaded.deck.id for loaded in home.load_decks().decks if not loaded.deck.mature)
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), deck_ids, seed=1))
    asyncio.run(play(app))


def main() -> None:
    which = sys.argv[1]
    if which.startswith("minimal"):
        run_minimal(play_round=which == "minimal-round")
    else:
        run_spark(play_round=which == "spark-round")
    print(peak_rss_kib())


def peak_rss_kib() -> int:
    """This process's peak resident memory. VmHWM is reset by exec, unlike ru_maxrss on Linux,
    which keeps the high-water mark of the process that forked us."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main()
