import threading

from textual.command import CommandPalette

from spark_game.core.play import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.home import HomeScreen
from spark_game.ui.screens.round.play import PlayScreen
from spark_game.ui.widgets.title_bar import TitleBar

from ..toolkit import GOOD, play_turns, visible_text, wait_for_home_decks, wait_for_screen


async def test_home_lists_decks_and_the_problems_of_broken_files(isolated_home):
    home = Home(isolated_home)
    home.ensure()
    (home.decks_dir / "broken.toml").write_text(GOOD.replace("level = 1", "level = 9"))
    app = SparkApp(home)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_home_decks(pilot)
        table = app.screen.query_one("#home-decks")
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert {"Conversation", "Playfulness", "Novelty", "Physical connection"} <= set(names)
        problems = [str(w.content) for w in app.screen.query(".problem")]
        assert any("broken.toml:12:1: cards[0].level" in text for text in problems)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_home_is_shown_before_the_decks_are_read(isolated_home, monkeypatch):
    home = Home(isolated_home)
    release = threading.Event()
    read_decks = Home.load_decks

    def slow_load_decks(self):
        release.wait(10)  # held until the test has seen Home without its decks
        return read_decks(self)

    monkeypatch.setattr(Home, "load_decks", slow_load_decks)
    app = SparkApp(home)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "New round" in visible_text(pilot)
        assert not app.screen.query("#home-decks") and not release.is_set()
        release.set()
        await wait_for_home_decks(pilot)
        assert "9 decks" in str(app.screen.query_one("#home-deck-count").content)


async def test_the_menu_answers_the_arrows_home_end_enter_and_a_click(isolated_home):
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # past New round and Saved games
        await wait_for_screen(pilot, "OurStoryScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("end", "up", "enter")  # Quit is last, Help & support above it
        await wait_for_screen(pilot, "HelpScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("end", "home", "up", "enter")  # the top stays the top
        await wait_for_screen(pilot, "NewRoundScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.click("#home-menu", offset=(3, 4))  # under the border: New round, Saved games, Our story, Decks
        await wait_for_screen(pilot, "DecksScreen")


async def test_a_quick_start_builds_home_s_deck_overview_only_when_home_is_shown(isolated_home):
    settings = Settings(("Ana", "Bo"), ("conversation", "novelty"), seed=8)
    app = SparkApp(Home(isolated_home), quick_start=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.pause()
        home = app.screen_stack[0]
        assert isinstance(home, HomeScreen) and not home.query("#home-decks"), "no deck table under Play"
        await pilot.press("q")
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_home_decks(pilot)
        assert "9 decks" in visible_text(pilot)


async def test_the_title_bar_s_icon_opens_the_command_palette_and_the_title_does_not(isolated_home):
    app = SparkApp(Home(isolated_home))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.click(TitleBar, offset=(40, 0))
        assert isinstance(app.screen, HomeScreen)
        await pilot.hover(TitleBar, offset=(1, 0))
        assert app.screen.query_one(TitleBar).tooltip == "Open the command palette"
        await pilot.click(TitleBar, offset=(1, 0))
        await wait_for_screen(pilot, CommandPalette)


async def test_continue_keeps_the_turn_in_view_when_the_names_are_long(isolated_home):
    settings = Settings(("Alexandrina-Maria", "Bartholomew-James"), ("conversation", "novelty"), seed=8)
    app = SparkApp(Home(isolated_home), quick_start=settings)
    async with app.run_test(size=(50, 15)) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await play_turns(pilot, 1)
        await pilot.press("q")
        await wait_for_screen(pilot, HomeScreen)
        assert "Continue: Alexandrina-Mari…, turn 2" in visible_text(pilot)
