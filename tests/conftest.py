import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own empty home folder: no test touches real saves or decks."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SPARK_GAME_HOME", str(home))
    return home
