"""A home tidied at start: an interrupted write's temp files go, the pair's files are private."""

import os
import stat
import time

from spark_game.cli import main
from spark_game.core.files.atomic import atomic_write
from spark_game.core.files.tidy import STALE_SECONDS, tidy
from spark_game.paths import Home


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_stale_temp_files_go_and_a_live_writers_stay(tmp_path):
    stale = tmp_path / ".round.toml.a1b2c3.tmp"
    live = tmp_path / ".round.toml.d4e5f6.tmp"
    kept = tmp_path / "round.toml"
    for path in (stale, live, kept):
        path.write_text("left_out_tags = ['x']")
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(kept, (old, old))
    assert tidy([tmp_path]) == [stale]
    assert not stale.exists() and live.exists() and kept.exists()


def test_folders_and_files_are_made_private_to_their_owner(tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    save = folder / "ana-bo.toml"
    save.write_text("x")
    os.chmod(save, 0o644)
    tidy([folder])
    assert mode(folder) == 0o700 and mode(save) == 0o600


def test_a_link_or_a_folder_inside_is_never_touched(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("x")
    os.chmod(target, 0o644)
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / ".linked.tmp").symlink_to(target)
    old = time.time() - 3600
    os.utime(folder / ".linked.tmp", (old, old), follow_symlinks=False)
    tidy([folder])
    assert (folder / ".linked.tmp").is_symlink() and mode(target) == 0o644


def test_a_folder_that_cannot_be_listed_is_left_alone(tmp_path):
    assert tidy([tmp_path / "missing"]) == []


def test_written_files_and_new_folders_are_private(tmp_path):
    path = tmp_path / "house" / "saves" / "round.toml"
    atomic_write(path, b"x", keep_backup=True)
    atomic_write(path, b"y", keep_backup=True)
    assert mode(path) == 0o600 and mode(path.with_name("round.toml.bak")) == 0o600
    assert mode(tmp_path / "house") == 0o700 and mode(tmp_path / "house" / "saves") == 0o700


def test_every_command_tidies_the_home_first(tmp_path, capsys):
    home = Home(tmp_path / "house")
    home.root.mkdir(mode=0o755)
    os.chmod(home.root, 0o755)
    home.saves_dir.mkdir()
    stale = home.saves_dir / ".history.toml.zzz.tmp"
    stale.write_text("left_out_tags = ['x']")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert main(["--home", str(home.root), "saves", "list"]) == 0
    assert not stale.exists() and mode(home.root) == 0o700 and mode(home.saves_dir) == 0o700
