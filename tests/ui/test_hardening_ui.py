"""The hardening issue through the screens: hostile files, quick keys, unwritable saves, decks that are gone."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import tomli_w
from textual import events
from textual.widgets import Button

from spark_game.core.pair.history import PairHistory
from spark_game.core.pair.history_file import history_to_document
from spark_game.core.play import Phase, Settings
from spark_game.core.saves import list_saves, read_save
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.home import HomeScreen
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.screens.round.play import PlayScreen
from spark_game.ui.screens.round.summary import SummaryScreen

from ..toolkit import card, toasts, visible_text, wait_for, wait_for_screen, write_deck

SIZE = (100, 32)
NOW = datetime(2026, 11, 27, 20, 0)
PACKAGE = Path(__file__).resolve().parents[2] / "spark_game"


def make_app(home_dir: Path, **kwargs: object) -> SparkApp:
    return SparkApp(Home(home_dir), clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]


def test_every_toast_goes_through_the_plain_text_helper():
    bare = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "safe.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\.notify\(", line)
    ]
    assert bare == []


async def test_a_history_full_of_markup_opens_home_literally(isolated_home):
    saves = Home(isolated_home).saves_dir
    saves.mkdir(parents=True)
    history = PairHistory(names=("[/]", "[@click=app.screenshot('x.svg','/tmp')]x[/]"))
    (saves / "_history.toml").write_text(tomli_w.dumps(history_to_document(history)))
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert "[@click=app.screenshot('x.svg','/tmp')]x[/]" in visible_text(pilot)
        assert app.is_running


async def test_a_damaged_history_opens_home_with_a_notice(isolated_home):
    saves = Home(isolated_home).saves_dir
    saves.mkdir(parents=True)
    (saves / "_history.toml").write_text('format = 1\nnames = ["[/]", "Bo"]\nritual_day = inf\n')
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for(pilot, lambda: any("kept as _history.toml.damaged-" in toast for toast in toasts(pilot)))
    [aside] = saves.glob("_history.toml.damaged-*")
    assert "inf" in aside.read_text()


async def test_quick_keys_and_clicks_never_break_the_round(isolated_home):
    """An eager couple: s, Enter and 2 (and the matching clicks) hundreds of times, with no pause between them."""
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("conversation", "novelty"), turns=None, seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        screen = app.screen
        for burst in range(300):
            for key, character in (("s", "s"), ("enter", "\r"), ("2", "2"), ("enter", "\r"), ("p", "p")):
                typed = events.Key(key, character)
                typed.set_sender(app)
                app._driver.send_message(typed)  # as a terminal delivers them: no waiting between keys
            if burst % 25 == 0:
                for button in ("#button-done", "#react-1", "#button-pass"):
                    screen.query_one(button, Button).press()
        turns = []
        for _ in range(500):  # until the queued keys are all handled: the turn stops moving
            await pilot.pause(0.05)
            turns.append(screen.game.turn)
            if len(turns) > 10 and len(set(turns[-10:])) == 1:
                break
        for _ in range(10):  # and at a human pace, the same keys move the round on
            await pilot.press("s", "enter", "2")
        assert app.is_running and app.screen is screen
        game = screen.game
        assert game.turn >= 11
        on_screen = visible_text(pilot)
        app.session.saver.flush()
        [entry] = list_saves(Home(isolated_home).saves_dir)
        saved = read_save(entry.path).game
        assert saved.history == game.history and saved.phase is game.phase and saved.turn == game.turn
        assert f"Turn {game.turn}" in on_screen


async def test_a_round_that_can_not_be_saved_is_played_with_a_banner(isolated_home):
    home = Home(isolated_home)
    home.root.mkdir(exist_ok=True)
    home.saves_dir.write_text("not a folder")  # unwritable, even for root
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("conversation",), seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s", "enter", "2")
        await wait_for(pilot, lambda: "Not being saved" in visible_text(pilot))
        assert app.is_running


async def test_play_again_after_a_deck_is_deleted_opens_new_round_with_what_is_left(isolated_home):
    home = Home(isolated_home)
    path = write_deck(home, "ours", [card(f"o{i}", f"Our card {i}") for i in range(3)], name="Ours")
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("ours", "novelty"), turns=1, seed=3))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s", "enter", "3", "enter")
        await wait_for_screen(pilot, SummaryScreen)
        path.unlink()
        await pilot.click("#summary-again")
        await wait_for_screen(pilot, NewRoundScreen)
        assert app.screen.deck_ids() == ["novelty"]
        assert any("Ours" in toast and "deleted" in toast for toast in toasts(pilot))


async def test_the_brake_below_every_card_closes_the_round_on_screen(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "bold", [card(f"b{i}", f"Bold {i}", level=3) for i in range(3)], name="Bold")
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("bold",), ceiling=3, seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("b")
        await wait_for(pilot, lambda: app.screen.game.phase is Phase.CLOSE)
        assert "close the round" in visible_text(pilot)
        await pilot.press("s", "b", "enter")
        await wait_for_screen(pilot, SummaryScreen)
