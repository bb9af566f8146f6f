"""Snapshots of the main screens at a fixed seed and theme, from a small 50x15 to a sofa-sized 160x48.
Review snapshot_report.html before running with --snapshot-update."""

from datetime import datetime

import pytest
from textual.widgets import Input

from spark_game.core.play import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp

from ..toolkit import play_turns, wait_for_home_decks

SIZES = [
    pytest.param((50, 15), id="50x15"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((100, 32), id="100x32"),
    pytest.param((160, 48), id="160x48"),
]
FROZEN_NOW = datetime(2026, 11, 25, 20, 0)  # a Wednesday evening


def make_app(home_dir, quick_start: Settings | None = None) -> SparkApp:
    app = SparkApp(Home(home_dir), quick_start=quick_start, seed=42, clock=lambda: FROZEN_NOW)
    app.animation_level = "none"
    return app


def round_settings() -> Settings:
    return Settings(("Robin", "Sam"), ("conversation", "playfulness", "novelty", "physical"), turns=6, seed=42)


async def settle(pilot) -> None:
    await pilot.wait_for_scheduled_animations()
    for _ in range(3):
        await pilot.pause()


async def no_blink(pilot) -> None:
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


@pytest.fixture
def home_dir(isolated_home):
    return isolated_home


@pytest.fixture(params=SIZES)
def size(request) -> tuple[int, int]:
    return request.param


def test_home(snap_compare, home_dir, size):
    assert snap_compare(make_app(home_dir), terminal_size=size, run_before=wait_for_home_decks)


def test_new_round(snap_compare, home_dir, size):
    async def fill(pilot):
        await pilot.press("n")
        await no_blink(pilot)
        await pilot.press(*"Robin", "enter", *"Sam")
        await settle(pilot)  # the focus move scrolls a small screen: let it finish on a busy machine

    assert snap_compare(make_app(home_dir), run_before=fill, terminal_size=size)


def test_play_card(snap_compare, home_dir, size):
    async def draw(pilot):
        await pilot.pause()
        await pilot.press("1")

    assert snap_compare(make_app(home_dir, round_settings()), run_before=draw, terminal_size=size)


def test_summary(snap_compare, home_dir, size):
    async def play(pilot):
        await pilot.pause()
        await play_turns(pilot, 6, decks="1234", reactions="23", favourites={2})
        await pilot.press("enter")  # the closing card
        await pilot.pause()

    assert snap_compare(make_app(home_dir, round_settings()), run_before=play, terminal_size=size)


def test_help(snap_compare, home_dir, size):
    async def open_help(pilot):
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(home_dir), run_before=open_help, terminal_size=size)
