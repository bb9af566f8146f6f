import pytest

from benchmarks.__main__ import main


@pytest.mark.slow
def test_the_benchmark_script_runs_in_quick_mode(capsys):
    assert main(["--quick"]) == 0
    out = capsys.readouterr().out
    for row in ("loading one 10,000-card deck", "autosave, 1000-turn round (p95)", "listing Saved games", "Our story"):
        assert row in out
