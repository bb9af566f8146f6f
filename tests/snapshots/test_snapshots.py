"""Snapshots of the main screens at a fixed size, seed and theme. Review snapshot_report.html
before running with --snapshot-update."""

from datetime import datetime

import pytest
from textual.widgets import Input

from spark_game.core.engine import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp

SIZE = (100, 32)
FROZEN_NOW = datetime(2026, 11, 25, 20, 0)  # a Wednesday evening


def make_app(home_dir, quick_start: Settings | None = None) -> SparkApp:
    app = SparkApp(Home(home_dir), quick_start=quick_start, seed=42, clock=lambda: FROZEN_NOW)
    app.animation_level = "none"
    return app


def round_settings() -> Settings:
    return Settings(("Robin", "Sam"), ("conversation", "playfulness", "novelty", "physical"), turns=6, seed=42)


async def no_blink(pilot) -> None:
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


@pytest.fixture
def home_dir(isolated_home):
    return isolated_home


def test_home(snap_compare, home_dir):
    assert snap_compare(make_app(home_dir), terminal_size=SIZE)


def test_new_round(snap_compare, home_dir):
    async def fill(pilot):
        await pilot.press("n")
        await no_blink(pilot)
        await pilot.press(*"Robin", "enter", *"Sam")

    assert snap_compare(make_app(home_dir), run_before=fill, terminal_size=SIZE)


def test_play_card(snap_compare, home_dir):
    async def draw(pilot):
        await pilot.pause()
        await pilot.press("1")

    assert snap_compare(make_app(home_dir, round_settings()), run_before=draw, terminal_size=SIZE)


def test_summary(snap_compare, home_dir):
    async def play(pilot):
        await pilot.pause()
        for turn in range(6):
            await pilot.press(str(turn % 4 + 1))
            if turn == 2:
                await pilot.press("f")
            await pilot.press("enter", "3" if turn % 2 else "2")
        await pilot.press("enter")  # the closing card
        await pilot.pause()

    assert snap_compare(make_app(home_dir, round_settings()), run_before=play, terminal_size=SIZE)
