"""At 50x15 nothing crashes: every screen opens and takes keys."""

from spark_game.paths import Home
from spark_game.ui.app import SparkApp

from ..toolkit import wait_for_screen


async def test_every_screen_opens_in_a_tiny_terminal(isolated_home):
    app = SparkApp(Home(isolated_home), seed=1)
    async with app.run_test(size=(50, 15)) as pilot:
        for open_screen, name in [
            (app.action_new_round, "NewRoundScreen"),
            (app.action_saved_games, "SavedGamesScreen"),
            (app.action_our_story, "OurStoryScreen"),
            (app.action_decks, "DecksScreen"),
            (app.action_help, "HelpScreen"),
            (app.action_settings, "SettingsScreen"),
        ]:
            open_screen()
            await wait_for_screen(pilot, name)
            await pilot.press("down", "tab", "down")
            assert app.is_running
            app.go_home()
            await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("d", "n", *"Tiny", "enter", "a")
        await wait_for_screen(pilot, "CardFormScreen")
        await pilot.press("escape", "escape")
        assert app.is_running
