"""Started in a fresh process by the benchmarks: run an app headless until its first screen is painted.

python -m benchmarks.start minimal     # the baseline: one Label
python -m benchmarks.start spark       # Spark's Home screen (SPARK_GAME_HOME picks the home)
"""

from __future__ import annotations

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


def run_spark() -> None:
    from spark_game.paths import resolve_home
    from spark_game.ui.app import SparkApp

    class FirstPaint(SparkApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(self.exit)

    FirstPaint(resolve_home()).run(headless=True)


if __name__ == "__main__":
    run_minimal() if sys.argv[1] == "minimal" else run_spark()
