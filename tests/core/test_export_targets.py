"""Exports write only to a regular file or a new name: never over a link, a pipe or a device, even
with --force, and never blocking on a pipe."""

import os
import signal

import pytest

from spark_game.cli import main


@pytest.fixture
def no_hang():
    """A blocked open would hang the suite: fail after five seconds instead."""

    def hung(signum, frame):
        raise TimeoutError("the export blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


COMMANDS = {
    "deck": lambda path: ["decks", "export", "conversation", str(path)],
    "calendar": lambda path: ["calendar", str(path)],
    "keepsake": lambda path: ["keepsake", str(path)],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("force", [False, True])
def test_a_pipe_is_refused_without_blocking(tmp_path, capsys, no_hang, command, force):
    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    assert main(COMMANDS[command](pipe) + (["--force"] if force else [])) == 1
    assert "is a pipe, not a file" in capsys.readouterr().err
    assert os.path.exists(pipe) and not os.path.isfile(pipe)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_is_refused_even_with_force_and_its_target_is_untouched(tmp_path, capsys, command):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "out.link"
    link.symlink_to(target)
    assert main([*COMMANDS[command](link), "--force"]) == 1
    assert "is a symbolic link, not a file" in capsys.readouterr().err
    assert link.is_symlink() and target.read_text() == "keep me"


def test_a_device_is_refused_even_with_force(capsys):
    assert main(["decks", "export", "conversation", "/dev/null", "--force"]) == 1
    assert "/dev/null is a device or socket, not a file" in capsys.readouterr().err
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_a_regular_file_is_still_overwritten_with_force(tmp_path):
    target = tmp_path / "ours.toml"
    target.write_text("old")
    assert main(["decks", "export", "conversation", str(target), "--force"]) == 0
    assert "[[cards]]" in target.read_text()
