"""Saves: round trips, crash safety, bad files, locks, backups and hostile names."""

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spark_game.core.files.atomic import backup_path
from spark_game.core.play import COUNTER_WRAP, MAX_TURNS
from spark_game.core.saves import (
    RoundLock,
    RoundLocked,
    SaveError,
    encode_save,
    folder,
    latest_unfinished,
    list_saves,
    new_save_path,
    read_save,
    read_summary,
    rename_save,
    restore_backup,
    save_document,
    summarise,
    write_save,
)
from spark_game.core.saves import (
    entry as save_entry,
)
from spark_game.core.saves.folder import INDEX_FILE, LATEST_FILE

from ..toolkit import drive, play, rounds, simple_round, take_turns

STARTED = datetime(2026, 11, 20, 20, 0)


def save_game(folder: Path, game, path: Path | None = None, save_id: str = "0123abcd") -> Path:
    path = path or folder / f"ana-and-bo-{save_id}.toml"
    write_save(path, save_document(game, summarise(game, save_id, STARTED, datetime(2026, 11, 20, 21, 0))))
    return path


@given(rounds(), st.lists(st.integers(0, 99), max_size=30))
@settings(max_examples=80)
def test_any_reachable_state_resumes_identically(tmp_path_factory, case, more):
    folder = tmp_path_factory.mktemp("saves")
    game = play(*case)
    loaded = read_save(save_game(folder, game)).game
    assert loaded == game
    assert loaded.scores() == game.scores()
    drive(game, more)
    drive(loaded, more)
    assert loaded.history == game.history and loaded.card == game.card and loaded.scores() == game.scores()


def test_the_summary_is_read_without_the_round(tmp_path):
    game = simple_round()
    take_turns(game, 1, reaction=2)
    summary = read_summary(save_game(tmp_path, game))
    assert summary.players == ("Ana", "Bo") and summary.turns_played == 1 and summary.scores == (4, 0)
    assert not summary.finished and summary.decks == ("D",)


def good_save(tmp_path) -> Path:
    game = simple_round()
    take_turns(game, 3, reaction=1)
    return save_game(tmp_path, game)


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda data: data[: len(data) * 2 // 3], "cut short"),
        (lambda data: b"\x00\xff garbage" + data[40:], "not a Spark save"),
        (lambda data: data.replace(b'"Ana"', b'"Eve"', 1), "checksum"),
        (lambda data: data.replace(b"format = 1", b"format = 7", 1), "newer Spark (format 7)"),
        (lambda data: b"", "not a Spark save"),
    ],
)
def test_damaged_saves_are_listed_with_their_reason(tmp_path, damage, reason):
    path = good_save(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    [entry] = list_saves(tmp_path)
    assert entry.summary is None and reason in entry.problem
    with pytest.raises(SaveError):
        read_save(path)


def test_wrong_types_with_a_valid_checksum_are_named(tmp_path):
    import tomllib

    from spark_game.core.saves import encode_save

    path = good_save(tmp_path)
    body = tomllib.loads(path.read_bytes().split(b"\n", 2)[2].decode())
    body["round"]["turn"] = "four"
    path.write_bytes(encode_save(body))
    with pytest.raises(SaveError, match=r"round\.turn has the wrong type"):
        read_save(path)
    body["round"]["turn"] = 9
    path.write_bytes(encode_save(body))
    with pytest.raises(SaveError, match="doesn't agree"):
        read_save(path)


def test_a_damaged_save_is_never_overwritten(tmp_path):
    path = good_save(tmp_path)
    path.write_bytes(b"hand-edited junk")
    with pytest.raises(SaveError, match="not overwriting"):
        save_game(tmp_path, simple_round(), path=path)
    assert path.read_bytes() == b"hand-edited junk"


def test_the_previous_generation_is_kept_and_can_be_restored(tmp_path):
    path = good_save(tmp_path)
    first = path.read_bytes()
    game = read_save(path).game
    game.choose_deck("d")
    save_game(tmp_path, game, path=path)
    assert backup_path(path).read_bytes() == first
    path.write_bytes(path.read_bytes()[:100])
    [entry] = list_saves(tmp_path)
    assert entry.problem and entry.backup_ok
    restore_backup(path)
    assert read_save(path).game.turn == 4
    assert len(list(path.parent.glob(path.name + ".damaged-*"))) == 1


def test_a_file_missing_behind_a_listing(tmp_path):
    path = good_save(tmp_path)
    [entry] = list_saves(tmp_path)
    path.unlink()
    with pytest.raises(SaveError, match="missing"):
        read_save(entry.path)


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "con", "", "x" * 10_000, "..", "a/../../b", "\x1b]0;hi\x07"])
def test_hostile_names_stay_inside_the_saves_folder(tmp_path, name):
    path = new_save_path(tmp_path, (name, name + "2"))
    assert path.parent == tmp_path and path.suffix == ".toml" and len(path.name) < 60
    assert path.name[0].isalnum()


def test_renaming_changes_the_label_only(tmp_path):
    path = good_save(tmp_path)
    assert rename_save(path, "  Our   first\nFriday ").name == "Our first Friday"
    assert read_summary(path).name == "Our first Friday" and path.exists()
    with pytest.raises(SaveError):
        rename_save(path, "   ")


def test_a_round_open_elsewhere_is_refused_and_a_stale_lock_is_taken_over(tmp_path):
    path = good_save(tmp_path)
    first = RoundLock(path)
    first.acquire()
    with pytest.raises(RoundLocked):
        RoundLock(path).acquire()
    first.release()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    import socket

    first.path.write_text(f"{dead.stdout.strip()} {socket.gethostname()} {int(time.time())}\n")
    second = RoundLock(path)
    second.acquire()  # the process that held it is gone
    assert second.held
    second.release()
    assert not first.path.exists()


SAVE_LOOP = """
import sys
from datetime import datetime
from pathlib import Path
from tests.toolkit import simple_round, step
from spark_game.core.saves import save_document, summarise, write_save
path = Path(sys.argv[1])
game = simple_round(turns=None)
print("ready", flush=True)
while True:
    step(game, 1)  # choose "d", done, warm: the round never ends
    write_save(path, save_document(game, summarise(game, "0123abcd", datetime(2026, 1, 1), datetime(2026, 1, 1))))
"""


@pytest.mark.slow
def test_killing_a_saving_process_at_random_moments_always_leaves_a_loadable_save(tmp_path):
    import random

    path = tmp_path / "loop-0123abcd.toml"
    root = Path(__file__).resolve().parents[2]
    rng = random.Random(1)
    best_turn = 0
    for _ in range(25):
        process = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(path)], cwd=root, stdout=subprocess.PIPE, text=True
        )
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if path.exists():
            game = read_save(path).game  # never raises: the latest save always loads
            best_turn = max(best_turn, game.turn)
    assert best_turn > 1


def test_the_listing_index_is_only_a_shortcut(tmp_path):
    path = good_save(tmp_path)
    [first] = list_saves(tmp_path)
    assert (tmp_path / INDEX_FILE).exists()
    [cached] = list_saves(tmp_path)
    assert cached.summary == first.summary
    (tmp_path / INDEX_FILE).write_bytes(b"\xffnot an index")
    [again] = list_saves(tmp_path)
    assert again.summary == first.summary
    rename_save(path, "Renamed")  # a changed file is read again, not taken from the index
    assert list_saves(tmp_path)[0].summary.name == "Renamed"
    path.write_bytes(path.read_bytes()[:50])
    assert "not a Spark save" in list_saves(tmp_path)[0].problem


def settled(folder: Path) -> None:
    """Date the folder and its saves back a minute, as if the last write were long past (no racy timestamps)."""
    past = time.time_ns() - 60 * 10**9
    for path in [*folder.glob("*.toml"), folder]:
        os.utime(path, ns=(past, past))


def test_latest_unfinished_comes_from_the_record_while_the_folder_is_unchanged(tmp_path, monkeypatch):
    unfinished = good_save(tmp_path)
    list_saves(tmp_path)  # makes the index's folder
    settled(tmp_path)
    assert latest_unfinished(tmp_path).path == unfinished  # lists, and leaves the record
    monkeypatch.setattr("spark_game.core.saves.folder.list_saves", lambda folder: pytest.fail("listed again"))
    monkeypatch.setattr("spark_game.core.saves.folder.read_summary", lambda path: pytest.fail("read a save"))
    entry = latest_unfinished(tmp_path)
    assert entry.path == unfinished and entry.summary == read_summary(unfinished)


def test_a_stale_latest_unfinished_record_is_never_believed(tmp_path):
    first = good_save(tmp_path)
    settled(tmp_path)
    assert latest_unfinished(tmp_path).path == first
    newer = simple_round()
    take_turns(newer, 1)
    later = tmp_path / "ana-and-bo-0badcafe.toml"
    write_save(later, save_document(newer, summarise(newer, "0badcafe", STARTED, datetime(2026, 11, 22, 20, 0))))
    assert latest_unfinished(tmp_path).path == later  # a new save changed the folder: listed again
    settled(tmp_path)
    latest_unfinished(tmp_path)
    game = read_save(later).game
    game.finish()
    later.write_bytes(encode_save(save_document(game, summarise(game, "0badcafe", STARTED, STARTED))))
    assert latest_unfinished(tmp_path).path == first  # finished in place (the folder's time unchanged): seen


def test_a_save_read_again_for_its_racy_timestamp_comes_from_the_index_once_it_is_old(tmp_path, monkeypatch):
    good_save(tmp_path)
    list_saves(tmp_path)  # the file is seconds old: read, and its index entry not trusted yet
    later = time.time_ns() + 10 * 10**9
    monkeypatch.setattr(time, "time_ns", lambda: later)
    list_saves(tmp_path)  # ten seconds on, nothing changed: read once more, and the index written again
    monkeypatch.setattr("spark_game.core.saves.folder.read_summary", lambda path: pytest.fail("read a save"))
    [entry] = list_saves(tmp_path)
    assert entry.summary.players == ("Ana", "Bo")


def test_listings_within_two_seconds_of_a_save_leave_the_index_and_the_record_alone(tmp_path, monkeypatch):
    path = good_save(tmp_path)
    now = [path.stat().st_mtime_ns + 10**9]  # a second after the save: a row written now couldn't be trusted
    monkeypatch.setattr(time, "time_ns", lambda: now[0])
    list_saves(tmp_path)  # a new file: read, and its row written
    written = (tmp_path / INDEX_FILE).stat().st_ino
    for _ in range(3):
        assert list_saves(tmp_path)[0].summary.players == ("Ana", "Bo")  # read again each time
    assert (tmp_path / INDEX_FILE).stat().st_ino == written  # never written again for it
    assert not (tmp_path / LATEST_FILE).exists()
    now[0] += 10 * 10**9
    list_saves(tmp_path)  # once it is old enough, written: from now on the row is trusted
    assert (tmp_path / INDEX_FILE).stat().st_ino != written
    assert (tmp_path / LATEST_FILE).exists()


def test_a_listing_checks_only_the_summaries_asked_for(tmp_path, monkeypatch):
    for number in range(5):
        game = simple_round()
        take_turns(game, 1)
        game.finish()
        game.complete()
        save_game(tmp_path, game, save_id=f"0000000{number}")
    settled(tmp_path)
    list_saves(tmp_path)  # reads the files and writes the index
    checked = []
    check = save_entry.summary_from_row
    monkeypatch.setattr(save_entry, "summary_from_row", lambda row: checked.append(row) or check(row))
    monkeypatch.setattr(folder, "read_summary", lambda path: pytest.fail("read a save"))
    entries = list_saves(tmp_path)
    assert len(entries) == 5 and checked == []  # all finished, as the index says: none checked yet
    assert entries[0].summary.finished and len(checked) == 1
    assert latest_unfinished(tmp_path) is None and len(checked) == 1


EDGES = {  # each counter a save holds, at the edge of what the reader takes, and one past it
    "turn": (MAX_TURNS + 1, MAX_TURNS + 2),
    "streak": (MAX_TURNS, MAX_TURNS + 1),
    "random_draws": (COUNTER_WRAP - 1, COUNTER_WRAP),
    "brakes": (2, 3),
}


@given(
    st.sampled_from(sorted(EDGES)),
    st.booleans(),
    st.booleans(),
    st.lists(st.integers(0, 99), max_size=25),
)
@settings(max_examples=120)
def test_an_edited_save_the_game_accepts_is_saved_again_in_a_form_it_reads_back(
    tmp_path_factory, key, past_the_edge, edit_cycles, moves
):
    folder = tmp_path_factory.mktemp("saves")
    game = simple_round(turns=None)
    take_turns(game, 2)
    document = save_document(game, summarise(game, "0123abcd", STARTED, STARTED))
    document["round"][key] = EDGES[key][past_the_edge]
    if edit_cycles:
        document["round"]["cycles"] = {"d": COUNTER_WRAP - 1}
    path = folder / "ana-and-bo-0123abcd.toml"
    path.write_bytes(encode_save(document))
    try:
        loaded = read_save(path).game
    except SaveError as error:  # past the edge, or out of step with the rest of the round
        assert key in str(error) or "cycles" in str(error)
        return
    assert not past_the_edge
    drive(loaded, moves)
    again = read_save(save_game(folder, loaded, folder / "again-0123abcd.toml")).game
    assert again == loaded
