import pytest

from benchmarks.__main__ import main


@pytest.mark.slow
def test_the_benchmark_script_runs_in_quick_mode(capsys):
    assert main(["--quick"]) == 0
    out = capsys.readouterr().out
    for row in (
        "loading one 1,000-card deck",
        "autosave, 1000-turn round (p95)",
        "listing Saved games",
        "Our story",
        "deck lint, both editions",
        "reading a deck with 2,000 problems",
        "importing 1,000 copies of one line",
        "key press to the next card on screen, p50 (Pilot)",
        "cold start to Home painted (pty)",
        "key press to paint, p95 (pty)",
        "key press to settled, p50 (pty)",
        "peak memory after 6 key presses (pty)",
        "Home painted (cold start): 3 decks of 50 cards, 50 saves, 1 year of history vs an empty home (pty)",
        "Saved games painted, from Home",
        "Our story painted, from Home",
        "list_saves, 50 rounds, index warm (in-process)",
    ):
        assert row in out
