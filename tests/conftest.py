import pytest
from hypothesis import HealthCheck, settings

# Fresh CI machines are slow to warm up; a property test's speed is the benchmarks' business.
settings.register_profile("spark", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("spark")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own empty home folder: no test touches real saves or decks."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SPARK_GAME_HOME", str(home))
    return home
