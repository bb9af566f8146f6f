import subprocess
import sys
from pathlib import Path

from spark_game.cli import main
from spark_game.paths import CHECKOUT_DIR, HOME_ENV, resolve_home


def test_home_comes_from_the_environment(isolated_home):
    assert resolve_home().root == isolated_home


def test_home_option_wins_over_the_environment(tmp_path):
    assert resolve_home(str(tmp_path / "other")).root == tmp_path / "other"


def test_a_checkout_is_its_own_home(monkeypatch):
    monkeypatch.delenv(HOME_ENV)
    assert resolve_home().root == CHECKOUT_DIR


def test_help_names_the_home_in_use(isolated_home, capsys):
    try:
        main(["--help"])
    except SystemExit as exit:
        assert exit.code == 0
    assert str(isolated_home) in capsys.readouterr().out.replace("\n", "")


def test_the_core_never_imports_textual_or_rich():
    code = (
        "import sys, pkgutil, importlib, spark_game.core as core\n"
        "for info in pkgutil.walk_packages(core.__path__, 'spark_game.core.'): importlib.import_module(info.name)\n"
        "import spark_game.paths, spark_game.cli\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_cli_starts_on_the_loader_alone():
    """`decks validate` must not pay for Textual or the writing side (tomli-w, saves, history)."""
    code = (
        "import sys, spark_game.cli\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tomli_w', 'rapidfuzz')"
        " or m in ('spark_game.core.saves', 'spark_game.core.pair.history', 'spark_game.core.decks.writer',"
        " 'spark_game.core.decks.lint'))\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr
