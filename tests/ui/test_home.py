from spark_game.paths import Home
from spark_game.ui.app import SparkApp

from ..toolkit import GOOD


async def test_home_lists_decks_and_the_problems_of_broken_files(isolated_home):
    home = Home(isolated_home)
    home.ensure()
    (home.decks_dir / "broken.toml").write_text(GOOD.replace("level = 1", "level = 9"))
    app = SparkApp(home)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#home-decks")
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert {"Conversation", "Playfulness", "Novelty", "Physical connection"} <= set(names)
        problems = [str(w.content) for w in app.screen.query(".problem")]
        assert any("broken.toml:12:1: cards[0].level" in text for text in problems)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
