"""Our story's "Add to calendar…" and "Keepsake…": a path asked for, the file written, the result in a toast."""

from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar

from spark_game.core.play import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.dialogs import TextPromptScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import toasts, wait_for, wait_for_screen

SIZE = (100, 40)
NOW = datetime(2026, 11, 27, 20, 0)  # a Friday


def make_app(home_dir) -> SparkApp:
    return SparkApp(Home(home_dir), clock=lambda: NOW)


async def answer(pilot, button: str, path: str) -> None:
    await wait_for(pilot, lambda: bool(pilot.app.screen.query(button)))
    await pilot.click(button)
    await wait_for_screen(pilot, TextPromptScreen)
    pilot.app.screen.query_one("#prompt-input").value = path
    await pilot.press("enter")
    await wait_for_screen(pilot, "OurStoryScreen")


async def test_the_calendar_and_the_keepsake_from_our_story(isolated_home, tmp_path):
    app = SparkApp(
        Home(isolated_home),
        clock=lambda: NOW,
        quick_start=Settings(("Ana", "Bo"), ("conversation",), turns=1, seed=4),
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s", "n")
        await wait_for_screen(pilot, TextPromptScreen)
        await pilot.press(*"the lake <b>", "enter")
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("enter", "3", "enter")
        await wait_for_screen(pilot, "SummaryScreen")
    app.session.saver.flush()
    app.session.make_plan("the Elm Street walk", date(2026, 11, 29))
    app.session.close()

    again = make_app(isolated_home)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        again.action_our_story()
        await wait_for_screen(pilot, "OurStoryScreen")
        await answer(pilot, "#story-calendar", str(tmp_path / "ours.ics"))
        await wait_for(pilot, lambda: any("Your calendar file" in toast for toast in toasts(pilot)))
        found = list(Calendar.from_ical((tmp_path / "ours.ics").read_bytes()).walk("VEVENT"))
        assert sorted(str(event["SUMMARY"]) for event in found) == ["Spark night: Ana & Bo", "the Elm Street walk"]

        await answer(pilot, "#story-keepsake", str(tmp_path / "keep.html"))
        await wait_for(pilot, lambda: any("Your keepsake" in toast for toast in toasts(pilot)))
        page = (tmp_path / "keep.html").read_text()
        assert "the lake &lt;b&gt;" in page and "http" not in page

        await answer(pilot, "#story-keepsake", str(tmp_path))  # a folder: said, nothing written
        await wait_for(pilot, lambda: any("is a folder" in toast for toast in toasts(pilot)))
