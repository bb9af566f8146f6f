"""Settings that stay: two apps on one home, one after the other, and the Settings screen's choices."""

from datetime import datetime
from pathlib import Path

from textual.widgets import Checkbox, Input, RadioButton, RadioSet, SelectionList

from spark_game.core.pair.settings import Preferences, load_preferences
from spark_game.core.play import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.pair.settings import SettingsScreen
from spark_game.ui.screens.round.new_round import NewRoundScreen
from spark_game.ui.screens.round.play import PlayScreen
from spark_game.ui.widgets.card_timer import CardTimer

from ..toolkit import card, toasts, visible_text, wait_for, wait_for_screen, write_deck

SIZE = (80, 24)
NOW = datetime(2026, 11, 25, 18, 0)  # a Wednesday


def make_app(home_dir: Path, **kwargs: object) -> SparkApp:
    return SparkApp(Home(home_dir), clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]


def choose(screen, radio_set: str, name: str) -> None:
    """Press the radio button called name in a RadioSet, as a click would."""
    [button] = [b for b in screen.query_one(radio_set, RadioSet).query(RadioButton) if b.name == name]
    button.value = True


def pressed(screen, radio_set: str) -> str | None:
    button = screen.query_one(radio_set, RadioSet).pressed_button
    return None if button is None else button.name


async def quit_app(pilot, app: SparkApp) -> None:
    await pilot.press("ctrl+q")
    await wait_for(pilot, lambda: not app.is_running)


async def test_the_last_rounds_choices_are_the_next_new_rounds_defaults(isolated_home):
    app = make_app(isolated_home, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewRoundScreen)
        await pilot.press(*"Ana", "enter", *"Bo")
        screen = app.screen
        decks = screen.query_one("#setup-decks", SelectionList)
        decks.deselect_all()
        decks.select("novelty")
        decks.select("conversation")
        choose(screen, "#setup-ceiling", "3")
        choose(screen, "#setup-length", "6 turns")
        choose(screen, "#setup-mode", "competitive")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, PlayScreen)
        await quit_app(pilot, app)
    app.session.close()
    assert load_preferences(isolated_home / "settings.toml").preferences.intensity == 3

    again = make_app(isolated_home, seed=3)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewRoundScreen)
        screen = again.screen
        assert sorted(screen.query_one("#setup-decks", SelectionList).selected) == ["conversation", "novelty"]
        assert pressed(screen, "#setup-ceiling") == "3"
        assert pressed(screen, "#setup-length") == "6 turns"
        assert pressed(screen, "#setup-mode") == "competitive"
        assert screen.settings().deck_ids and screen.settings().turns == 6
    again.session.close()


async def test_a_new_round_with_nothing_remembered_ticks_every_deck_and_the_usual_choices(isolated_home):
    (isolated_home / "settings.toml").write_text('decks = ["a-deck-deleted-since"]\n')
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewRoundScreen)
        screen = app.screen
        every = [loaded.deck.id for loaded in app.library.decks if not loaded.deck.mature]
        assert sorted(screen.query_one("#setup-decks", SelectionList).selected) == sorted(every)
        assert (pressed(screen, "#setup-ceiling"), pressed(screen, "#setup-length")) == ("2", "12 turns")
        assert pressed(screen, "#setup-mode") == "cooperative"
    app.session.close()


async def test_the_light_theme_chosen_in_settings_is_there_at_the_next_start(isolated_home):
    app = make_app(isolated_home)
    assert app.theme == "spark"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await wait_for_screen(pilot, SettingsScreen)
        assert app.screen.query_one("#settings-theme", RadioSet).has_focus
        await pilot.press("right", "enter")  # from Dark to Light, with keys
        await wait_for(pilot, lambda: app.theme == "spark-light")
        marks = {button.name: button.render().plain for button in app.screen.query(RadioButton)}
        assert "●" in marks["spark-light"] and "○" in marks["spark"]  # chosen or not, without colour
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await quit_app(pilot, app)
    app.session.close()

    again = make_app(isolated_home)
    assert again.theme == "spark-light"
    async with again.run_test(size=SIZE) as pilot:
        assert again.current_theme.dark is False
        await pilot.press("comma")
        await wait_for_screen(pilot, SettingsScreen)
        assert pressed(again.screen, "#settings-theme") == "spark-light"
        await pilot.press("enter")  # the highlight starts on Dark (Textual's RadioSet): back to dark, kept too
        await wait_for(pilot, lambda: again.theme == "spark")
    again.session.close()
    assert load_preferences(isolated_home / "settings.toml").preferences.theme == "spark"


async def test_settings_is_on_the_home_menu_and_in_the_command_palette(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "enter")  # past New round, Saved games, Our story, Decks
        await wait_for_screen(pilot, SettingsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        assert any(command.title == "Settings" for command in app.get_system_commands(app.screen))
        app.action_settings()
        await wait_for_screen(pilot, SettingsScreen)
        await pilot.pause()
        assert "settings.toml" in visible_text(pilot)
    app.session.close()


async def test_the_timer_bell_rings_only_when_it_is_on(isolated_home, monkeypatch):
    home = Home(isolated_home)
    write_deck(home, "timed", [card(f"t{level}", "Hold hands.", level=level, seconds=5) for level in (1, 2, 3)])
    app = make_app(isolated_home, quick_start=Settings(("Ana", "Bo"), ("timed",), ceiling=3, seed=1))
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("s")  # a card; every card of this deck is timed
        timer = app.screen.query_one(CardTimer)
        await wait_for(pilot, lambda: timer.display)
        timer.reset(1)  # a second instead of five: the test needn't wait
        await pilot.press("t")
        await wait_for(pilot, lambda: timer.has_class("finished"))
        assert rings == [1]

        app.action_settings()  # over the round: it waits underneath
        await wait_for_screen(pilot, SettingsScreen)
        await pilot.pause()
        bell = app.screen.query_one("#settings-bell", Checkbox)
        assert bell.value and "✓" in bell.render().plain
        bell.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: not app.session.preferences.timer_bell)
        assert "✓" not in bell.render().plain
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayScreen)
        timer = app.screen.query_one(CardTimer)
        timer.reset(1)
        await pilot.press("t")
        await wait_for(pilot, lambda: timer.has_class("finished"))
        assert rings == [1]  # no second ring
    app.session.close()
    assert load_preferences(home.settings_file).preferences.timer_bell is False


async def test_the_ritual_time_is_checked_and_kept_with_the_day(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await wait_for_screen(pilot, SettingsScreen)
        field = app.screen.query_one("#settings-ritual-time", Input)
        field.focus()
        await pilot.press(*["backspace"] * 5, *"25:00")
        note = app.screen.query_one("#settings-ritual-note")
        assert note.has_class("problem") and "HH:MM" in visible_text(pilot)
        assert app.session.preferences.ritual_time == "19:00"
        await pilot.press("enter")
        assert field.has_focus  # a time that isn't one keeps the focus
        await pilot.press(*["backspace"] * 5, *"7:30", "enter")
        assert field.value == "07:30" and not note.has_class("problem")
        app.screen.query_one("#settings-ritual-day").value = 5
        await wait_for(pilot, lambda: app.history.ritual_day == 5)
        assert "Every Saturday at 07:30. Saturday is in 3 days." in visible_text(pilot)
    app.session.close()
    assert load_preferences(isolated_home / "settings.toml").preferences.ritual_time == "07:30"

    again = make_app(isolated_home)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await wait_for_screen(pilot, SettingsScreen)
        assert again.screen.query_one("#settings-ritual-time", Input).value == "07:30"
        assert again.screen.query_one("#settings-ritual-day").value == 5
    again.session.close()


async def test_a_damaged_settings_file_is_said_kept_aside_and_the_game_starts_with_defaults(isolated_home):
    data = b'theme = "spark-light"\nintensity = 7\n'
    (isolated_home / "settings.toml").write_bytes(data)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: any("intensity" in toast for toast in toasts(pilot)))
        assert app.theme == "spark" and app.session.preferences == Preferences()
    app.session.close()
    [aside] = isolated_home.glob("settings.toml.damaged-*")
    assert aside.read_bytes() == data
