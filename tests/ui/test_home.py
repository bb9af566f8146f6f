import threading

from spark_game.paths import Home
from spark_game.ui.app import SparkApp

from ..toolkit import GOOD, wait_for_home_decks


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
        assert "New round" in str(app.screen.query_one("#home-menu").get_option_at_index(0).prompt)
        assert not app.screen.query("#home-decks") and not release.is_set()
        release.set()
        await wait_for_home_decks(pilot)
        assert "9 decks" in str(app.screen.query_one("#home-deck-count").content)
