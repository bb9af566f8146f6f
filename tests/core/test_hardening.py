"""The hardening issue's attacks, in the core and the shell: each one a regression test that failed before."""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from copy import deepcopy
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spark_game.core.decks.cache import DeckCache
from spark_game.core.decks.file import read_deck_file
from spark_game.core.decks.model import Card, Deck
from spark_game.core.files.atomic import write_new
from spark_game.core.files.text import clean_text, shown
from spark_game.core.pair.history import PairHistory
from spark_game.core.pair.history_file import HistoryWriter, history_path, history_to_document, load_history
from spark_game.core.pair.limits import SealedLimits
from spark_game.core.play import Action, Phase, RuleError, Settings, new_round
from spark_game.core.saves import (
    RoundFile,
    RoundLock,
    RoundLocked,
    SaveError,
    delete_save,
    encode_save,
    latest_unfinished,
    list_saves,
    read_save,
    rename_save,
    save_document,
    summarise,
    write_save,
)
from spark_game.core.saves.document import SUMMARY_KEYS
from spark_game.core.saves.folder import INDEX_FILE
from spark_game.core.session.play_session import PlaySession
from spark_game.paths import built_in_decks_dir
from tests.toolkit import opened_list, run_cli, simple_round, take_turns

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 27, 20, 0)


def saved_round(folder: Path, **settings: object) -> Path:
    game = simple_round(**settings)
    take_turns(game, 2)
    path = folder / "ana-and-bo-0000abcd.toml"
    write_save(path, save_document(game, summarise(game, "0000abcd", NOW, NOW)))
    return path


# --------------------------------------------------------------------------- 2. control codes never reach the shell


def test_shown_makes_every_control_and_invisible_character_visible():
    hostile = "a\x1b]52;c;aGk=\x07b\u202ec\u200bd\u00ade\U000e0041f\u3164g\nh"
    out = shown(hostile)
    assert not re.search(r"[\x00-\x1f\x7f\u200b\u202e\u00ad\u3164\U000e0041]", out)
    assert out.startswith("a\\e]52;c;aGk=\\x07b\\u202ec\\u200bd\\u00ade\\U000e0041f\\u3164g\\nh")


def test_the_cli_prints_what_a_shared_deck_says_without_sending_escape_codes(tmp_path):
    evil = tmp_path / "evil\x1b]0;pwned\x07.toml"
    evil.write_text(
        'format = 1\n[deck]\nid = "evil"\nname = "Evil \x1b[2J"\nwrong\x1b[31m = 1\n'
        '[[cards]]\nid = "a"\nkind = "question\x1b]52;c;aGk=\x07"\nlevel = 1\npoints = 1\ntext = "hi"\n'
    )
    for command in (("decks", "validate", str(evil)), ("decks", "lint", str(evil)), ("decks", "import", str(evil))):
        result = run_cli(*command, home=tmp_path / "home")
        output = result.stdout + result.stderr
        assert "\x1b" not in output and "\x07" not in output, command
        assert "\\e" in output, command


def test_deck_names_and_save_names_are_listed_visibly(tmp_path):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    (home / "decks" / "x.toml").write_text(
        'format = 1\n[deck]\nid = "x"\nname = "Ours"\n[[cards]]\nid = "a"\nkind = "question"\nlevel = 1\n'
        'points = 1\ntext = "hi"\n'
    )
    path = saved_round(home / "saves")
    rename_save(path, "Friday")
    text = path.read_text().replace('name = "Friday"', 'name = "Fri\\u001b]0;x\\u0007day"')
    body = text.split("\n", 2)[2].encode()  # re-sign the edited body, as a crafted file would be
    path.write_bytes(f'format = 1\nchecksum = "sha256:{hashlib.sha256(body).hexdigest()}"\n'.encode() + body)
    for command in (("decks", "list"), ("saves", "list")):
        result = run_cli(*command, home=home)
        assert "\x1b" not in result.stdout + result.stderr and result.returncode == 0, command


# --------------------------------------------------------------------------- 3. one bad file never stops a start


@pytest.mark.parametrize(
    "poison",
    [
        "ritual_day = inf\n",
        "[[rounds]]\nday = 2026-11-27T20:00:00\ndecks = {}\nloved = 0\n",
        "[[rounds]]\nday = 0001-01-01\ndecks = {}\nloved = 0\n",
        "[[rounds]]\nday = 2026-11-27\ndecks = {d = 99999999999999999999}\nloved = 0\n",
    ],
)
def test_a_history_value_that_does_not_fit_makes_the_file_damaged_and_kept(tmp_path, poison):
    good = tomli_w.dumps(history_to_document(PairHistory(names=("Ana", "Bo"))))
    text = good.replace("ritual_day = 4\n", "") if "ritual_day" in poison else good.replace("rounds = []\n", "")
    data = (text + poison).encode()
    history_path(tmp_path).write_bytes(data)
    loaded = load_history(tmp_path)
    assert loaded.history.problem and "kept as" in loaded.history.problem
    [aside] = tmp_path.glob("_history.toml.damaged-*")
    assert aside.read_bytes() == data


def test_a_signed_save_from_the_year_1_is_listed_as_damaged_not_a_crash(tmp_path):
    path = saved_round(tmp_path)
    saved_round(tmp_path / "other")
    text = path.read_text()
    forged = re.sub(r'last_played = "[^"]+"', 'last_played = "0001-01-01T00:00:00"', text.split("\n", 2)[2])
    body = forged.encode()
    path.write_bytes(f'format = 1\nchecksum = "sha256:{hashlib.sha256(body).hexdigest()}"\n'.encode() + body)
    [entry] = list_saves(tmp_path)
    assert entry.summary is None and "plausible" in entry.problem
    assert latest_unfinished(tmp_path) is None


TOML_VALUES = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), max_size=2),
)


def _fields(table: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in a nested document."""
    paths = []
    if isinstance(table, dict):
        for key, value in table.items():
            paths.append((*prefix, key))
            paths.extend(_fields(value, (*prefix, key)))
    elif isinstance(table, list):
        for index, value in enumerate(table):
            paths.append((*prefix, index))
            paths.extend(_fields(value, (*prefix, index)))
    return paths


def _replaced(document: object, path: tuple, value: object) -> object:
    copy = deepcopy(document)
    if not path:
        return value
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


def _history_document() -> dict:
    history = PairHistory(names=("Ana", "Bo"))
    history.keep_limits("Ana", SealedLimits.sealed_with_key(["touch"], "123456")[0])
    game = simple_round(turns=1)
    take_turns(game, 1)
    game.complete()
    history.note_finished(game, date(2026, 11, 27), "r1")
    return history_to_document(history)


HISTORY_DOC = _history_document()
HISTORY_FIELDS = _fields(HISTORY_DOC)


@given(st.sampled_from(HISTORY_FIELDS), TOML_VALUES)
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_value_in_any_history_field_starts_the_game_and_keeps_the_bytes(tmp_path_factory, path, value):
    folder = tmp_path_factory.mktemp("history")
    document = _replaced(HISTORY_DOC, path, value)
    data = tomli_w.dumps(document).encode()
    history_path(folder).write_bytes(data)
    loaded = load_history(folder)  # never raises
    if loaded.history.problem:
        [aside] = folder.glob("_history.toml.damaged-*")
        assert aside.read_bytes() == data
    session = PlaySession(folder, clock=lambda: NOW)
    session.close()


SAVE_DOC = tomllib.loads(
    encode_save(save_document(simple_round(), summarise(simple_round(), "0000abcd", NOW, NOW))).decode()
)
SAVE_FIELDS = [path for path in _fields(SAVE_DOC) if path[0] in ("summary", "round")]


@given(st.sampled_from(SAVE_FIELDS), TOML_VALUES)
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_value_in_any_signed_save_field_is_listed_or_damaged_never_a_crash(tmp_path_factory, path, value):
    folder = tmp_path_factory.mktemp("saves")
    document = _replaced({k: v for k, v in SAVE_DOC.items() if k not in ("format", "checksum")}, path, value)
    save = folder / "ana-and-bo-0000abcd.toml"
    data = encode_save(document)
    save.write_bytes(data)
    [entry] = list_saves(folder)
    with contextlib.suppress(SaveError):
        read_save(save)
    assert save.read_bytes() == data  # listing and reading never change the file
    assert entry.summary is not None or entry.problem


# --------------------------------------------------------------------------- 4. the brake never breaks the round


def test_braking_below_every_level_closes_the_round_kindly_and_it_resumes(tmp_path):
    bold = Deck(id="b", name="B", cards=tuple(Card(f"b{i}", "question", 3, 1, "x") for i in range(3)))
    warm = Deck(id="w", name="W", cards=tuple(Card(f"w{i}", "question", 2, 1, "x") for i in range(3)))
    game = new_round(Settings(("Ana", "Bo"), ("b", "w"), ceiling=3, seed=1), {"b": bold, "w": warm})
    game.brake()  # warm: only W can serve
    assert game.playable_decks() == ["w"] and game.allows(Action.SURPRISE)
    game.brake()  # gentle: nothing anywhere
    assert game.phase is Phase.CLOSE and not game.allows(Action.SURPRISE) and not game.allows(Action.BRAKE)
    with pytest.raises(RuleError):
        game.choose_deck(None)
    path = tmp_path / "round-0000abcd.toml"
    write_save(path, save_document(game, summarise(game, "0000abcd", NOW, NOW)))
    again = read_save(path).game
    assert again.phase is Phase.CLOSE and again.card is not None
    again.complete()
    assert again.phase is Phase.OVER


def test_a_hand_edited_ceiling_is_refused_and_every_written_save_reads_back(tmp_path):
    with pytest.raises(RuleError):
        new_round(Settings(("Ana", "Bo"), ("d",), ceiling=99), {"d": simple_round().decks["d"]})
    path = saved_round(tmp_path, ceiling=2)
    edited = path.read_text().split("\n", 2)[2].replace("ceiling = 2", "ceiling = 99")
    body = edited.encode()
    path.write_bytes(f'format = 1\nchecksum = "sha256:{hashlib.sha256(body).hexdigest()}"\n'.encode() + body)
    with pytest.raises(SaveError, match="intensity"):
        read_save(path)
    game = simple_round(ceiling=3)
    game.brake()
    game.brake()
    write_save(path, save_document(game, summarise(game, "0000abcd", NOW, NOW)))
    assert read_save(path).game.brakes == 2


# --------------------------------------------------------------------------- 7. the round lock is a kernel lock


def _try_lock(path: str, barrier, results) -> None:
    lock = RoundLock(Path(path))
    barrier.wait()
    try:
        lock.acquire()
        results.put(True)
    except RoundLocked:
        results.put(False)
    barrier.wait()  # hold it until both have tried
    lock.release()


@pytest.mark.slow
def test_two_processes_racing_for_one_round_never_both_own_it(tmp_path):
    rounds = int(os.environ.get("SPARK_LOCK_RACES", "30"))
    context = multiprocessing.get_context("fork")
    for attempt in range(rounds):
        path = str(tmp_path / f"r{attempt}.toml")
        barrier, results = context.Barrier(2), context.Queue()
        workers = [context.Process(target=_try_lock, args=(path, barrier, results)) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(10)
        owners = [results.get(timeout=5) for _ in workers]
        assert owners.count(True) == 1, (attempt, owners)


def test_a_killed_window_never_keeps_its_round_locked(tmp_path):
    save = tmp_path / "round-0000abcd.toml"
    code = (
        "import sys, time; from pathlib import Path; from spark_game.core.saves import RoundLock;"
        f"RoundLock(Path({str(save)!r})).acquire(); print('locked', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(RoundLocked, match="another Spark window"):
            RoundLock(save).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = RoundLock(save)
    lock.acquire()  # the kernel let go when the process died
    lock.release()


def test_rename_and_delete_wait_for_the_window_that_has_the_round(tmp_path):
    path = saved_round(tmp_path)
    round_file = RoundFile(path, "0000abcd", NOW)
    round_file.open()
    with pytest.raises(RoundLocked):
        rename_save(path, "Not now")
    with pytest.raises(RoundLocked):
        delete_save(path)
    assert path.exists() and read_save(path).summary.name != "Not now"
    round_file.close()
    rename_save(path, "Now")
    assert read_save(path).summary.name == "Now"
    delete_save(path)
    assert not path.exists()


# --------------------------------------------------------------------------- 8. two windows lose no history


async def test_two_windows_on_one_home_keep_both_rounds_and_both_partners_changes(tmp_path):
    library = {"d": simple_round().decks["d"]}
    first, second = (PlaySession(tmp_path, clock=lambda: NOW) for _ in range(2))
    for session, seed in ((first, 1), (second, 2)):
        game = session.start(Settings(("Ana", "Bo"), ("d",), turns=1, seed=seed), library)
        session.act(Action.SURPRISE)
        session.act(Action.FAVOURITE)
        session.act(Action.COMPLETE)
        session.act(Action.REACT, 2)
        session.act(Action.COMPLETE)
        assert game.phase is Phase.OVER
    await first.set_limits("Ana", ["touch"], "ana's passphrase")
    await second.set_limits("Bo", ["music"], "246813")
    second.set_ritual_day(5)
    first.close()
    second.close()
    history = load_history(tmp_path).history
    assert len(history.rounds) == 2 and len({entry.round_id for entry in history.rounds}) == 2
    assert len(history.favourites) == 2 and len(history.loved) == 2
    known = {"touch", "music", "talk"}
    assert opened_list(history.sealed_limits("Ana"), "ana's passphrase", known) == ["touch"]
    assert opened_list(history.sealed_limits("Bo"), "246813", known) == ["music"]
    assert history.ritual_day == 5


def test_a_removal_in_one_window_is_not_undone_by_the_other(tmp_path):
    seed = PairHistory(names=("Ana", "Bo"))
    card = Card("c", "question", 1, 1, "x")
    seed.retire("d", "D", card)
    HistoryWriter(tmp_path, history_to_document(PairHistory())).write(history_to_document(seed))
    first, second = (PlaySession(tmp_path, clock=lambda: NOW) for _ in range(2))
    first.let_go("retired", "d", card)
    first.saver.flush()
    second.set_ritual_day(2)  # the second window still holds the card as retired
    first.close()
    second.close()
    history = load_history(tmp_path).history
    assert history.retired == [] and history.ritual_day == 2


# ------------------------------------------------------------- 9. caches are checked, bounded, and never trusted


def _cached_home(tmp_path: Path) -> tuple[Path, Path]:
    deck = tmp_path / "spice.toml"
    deck.write_bytes((built_in_decks_dir() / "spice.toml").read_bytes())
    cache = tmp_path / "cache.json"
    warm = DeckCache(cache)
    assert warm.read(deck)[0].mature
    warm.save()
    return deck, cache


def _reseal(cache: Path, payload: object) -> None:
    body = json.dumps(payload).encode()
    cache.write_bytes(f"spark-cache decks 2 sha256:{hashlib.sha256(body).hexdigest()}\n".encode() + body)


def test_a_forged_deck_cache_can_not_switch_the_consent_gate_off(tmp_path):
    deck, cache = _cached_home(tmp_path)
    payload = json.loads(cache.read_bytes().split(b"\n", 1)[1])
    payload[str(deck)]["deck"]["deck"]["mature"] = False
    payload[str(deck)]["deck"]["cards"][0]["text"] = "\x1b]52;c;aGk=\x07 forged"
    _reseal(cache, payload)
    loaded, problems = DeckCache(cache).read(deck)
    assert loaded.mature and not problems
    assert all("forged" not in card.text for card in loaded.cards)


def test_a_forged_cache_can_not_make_a_file_that_is_not_toml_load(tmp_path):
    deck, cache = _cached_home(tmp_path)
    payload = json.loads(cache.read_bytes().split(b"\n", 1)[1])
    junk = tmp_path / "junk.toml"
    junk.write_bytes(b"\x00not toml at all")
    entry = payload[str(deck)]
    payload[str(junk)] = {"sha256": hashlib.sha256(junk.read_bytes()).hexdigest(), "deck": entry["deck"]}
    _reseal(cache, payload)
    loaded, problems = DeckCache(cache).read(junk)
    assert loaded is None and "binary" in problems[0].message


@pytest.mark.parametrize(
    "garbage", [b"\x00", b"spark-cache decks 2 sha256:" + b"0" * 64 + b"\n[" * 200_000, b"\xda\xff\xff\xff\x7f"]
)
def test_a_cache_in_any_shape_is_a_miss_and_the_deck_is_read_from_its_file(tmp_path, garbage):
    deck, cache = _cached_home(tmp_path)
    cache.write_bytes(garbage)
    loaded, _ = DeckCache(cache).read(deck)
    assert loaded.mature


def test_an_edit_that_keeps_size_and_timestamp_is_still_seen(tmp_path):
    deck, cache = _cached_home(tmp_path)
    info = deck.stat()
    text = deck.read_text()
    deck.write_text(text.replace('name = "Spice"', 'name = "Spicy"', 1))
    os.utime(deck, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert deck.stat().st_size == info.st_size
    assert DeckCache(cache).read(deck)[0].name == "Spicy"


def test_the_saves_index_re_reads_a_file_changed_in_the_same_two_seconds(tmp_path):
    path = saved_round(tmp_path)
    list_saves(tmp_path)  # writes the index
    info = path.stat()
    rename_save(path, "Renamed within a second")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # a coarse clock: the same timestamp
    assert list_saves(tmp_path)[0].summary.name == "Renamed within a second"


def _forge_saves_index(folder: Path, name: str, change) -> None:
    """Change one row of the saves index, seal it again with a valid checksum, and date it far ahead (trusted)."""
    index = folder / INDEX_FILE
    _, body = index.read_bytes().split(b"\n", 1)
    payload = json.loads(body)
    payload["written_ns"] = time.time_ns() + 10**12
    change(payload["entries"][name])
    body = json.dumps(payload).encode()
    index.write_bytes(f"spark-cache saves-index 3 sha256:{hashlib.sha256(body).hexdigest()}\n".encode() + body)


def test_a_forged_saves_index_entry_is_checked_like_the_file(tmp_path):
    path = saved_round(tmp_path)
    list_saves(tmp_path)

    def year_one(row: list) -> None:
        summary = json.loads(row[5])
        summary[SUMMARY_KEYS.index("last_played")] = "0001-01-01T00:00:00"
        row[5] = json.dumps(summary)

    _forge_saves_index(tmp_path, path.name, year_one)
    [entry] = list_saves(tmp_path)
    assert entry.summary is None and "plausible" in entry.problem


def test_a_forged_saves_index_row_can_reorder_the_list_but_not_change_a_round(tmp_path):
    path = saved_round(tmp_path)
    game = read_save(path).game
    game.finish()
    game.complete()
    write_save(path, save_document(game, summarise(game, "0000abcd", NOW, NOW - timedelta(days=7))))
    saved_round(tmp_path / "newer")
    newer = tmp_path / "ana-and-bo-0badcafe.toml"
    (tmp_path / "newer" / "ana-and-bo-0000abcd.toml").rename(newer)
    list_saves(tmp_path)

    def newest_and_unfinished(row: list) -> None:
        row[3], row[4] = 10**12, False

    _forge_saves_index(tmp_path, path.name, newest_and_unfinished)
    first, second = list_saves(tmp_path)
    assert (
        first.path == path and first.summary.finished and second.path == newer
    )  # what the file says, wherever the index puts it
    assert latest_unfinished(tmp_path).path == newer


def test_a_save_replaced_with_the_same_size_and_time_is_read_again(tmp_path):
    path = saved_round(tmp_path)
    past = time.time_ns() - 60 * 10**9
    os.utime(path, ns=(past, past))
    list_saves(tmp_path)  # the file is a minute old: the index will be trusted for it
    info = path.stat()
    rename_save(path, "Ana & Bo, again")  # written to a new file, renamed over it
    rename_save(path, "Ana & Bo")  # ... and back: the same bytes, the same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # a clock that didn't move: the same time
    replaced = path.stat()
    assert (replaced.st_size, replaced.st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    assert replaced.st_ino != info.st_ino
    _forge_saves_index(tmp_path, path.name, lambda row: row.__setitem__(5, row[5].replace("Ana & Bo", "Forged!!")))
    assert list_saves(tmp_path)[0].summary.name == "Ana & Bo"  # the row's inode is another file's: not trusted


# --------------------------------------------------------------------------- 10. a deck with 20,000 problems


def test_twenty_thousand_problems_print_as_twenty_and_a_count(tmp_path):
    bad = tmp_path / "many.toml"
    cards = "".join(f'[[cards]]\nid = "c{i}"\nkind = "x"\nlevel = 9\npoints = 1\ntext = "t"\n' for i in range(10_000))
    bad.write_text(f'format = 1\n[deck]\nid = "many"\nname = "Many"\n{cards}')
    deck, problems = read_deck_file(bad)
    assert deck is None and len(problems) == 21 and "19,980 more" in problems[-1].message
    result = run_cli("decks", "validate", str(bad), home=tmp_path / "home")
    assert result.returncode == 1 and len(result.stdout.splitlines()) == 21
    result = run_cli("decks", "validate", "--all", str(bad), home=tmp_path / "home")
    assert len(result.stdout.splitlines()) == 20_000


# ------------------------------------------------------------- 6 and 11. disks that say no: one line, non-zero


@pytest.mark.parametrize(
    "case",
    ["export onto a folder", "export under a file", "export into /proc", "home is a file", "import a folder"],
)
def test_disk_errors_are_one_line_and_a_non_zero_exit(tmp_path, case):
    home = tmp_path / "home"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    args = {
        "export onto a folder": ("decks", "export", "conversation", str(tmp_path)),
        "export under a file": ("decks", "export", "conversation", str(blocker / "deck.toml")),
        "export into /proc": ("decks", "export", "conversation", "/proc/spark-deck.toml"),
        "home is a file": ("decks", "list"),
        "import a folder": ("decks", "import", str(tmp_path)),
    }[case]
    result = run_cli(*args, home=blocker if case == "home is a file" else home)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and len((result.stdout + result.stderr).strip().splitlines()) == 1


def test_an_export_gets_the_mode_the_umask_gives_and_says_when_it_makes_a_folder(tmp_path):
    target = tmp_path / "new" / "ours.toml"
    result = run_cli("decks", "export", "conversation", str(target), home=tmp_path / "home")
    assert result.returncode == 0 and "Created the folder" in result.stdout
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_unwritable_saves_folder_is_one_line_in_the_shell(tmp_path):
    home = tmp_path / "readonly-home"
    home.mkdir()
    (home / "saves").write_text("not a folder")  # unwritable even for root
    result = run_cli("play", "--players", "Ana", "Bo", "--decks", "conversation", home=home)
    assert result.returncode == 1 and "can't be written" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- 12. links, pipes, invisible characters


def test_a_backup_never_follows_a_dangling_link_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside.txt"
    inside = tmp_path / "decks"
    inside.mkdir()
    (inside / "deck.toml.bak").symlink_to(outside)
    assert write_new(inside / "deck.toml.bak", b"secret") is False
    assert not outside.exists()
    assert write_new(inside / "fresh.bak", b"ok") and (inside / "fresh.bak").read_bytes() == b"ok"


def test_invisible_characters_that_survived_before_are_cleaned():
    assert clean_text("a\u00adb\U000e0041c\u3164d\u115fe\uffa0f") == "abcdef"


@pytest.mark.parametrize(
    "forge",
    [
        lambda card: card.update(level=1),  # a bold card dealt as the night's first
        lambda card: card.update(tags=[]),  # a card no limit can match any more
        lambda card: card.update(kind="wild"),
    ],
)
def test_a_forged_cache_can_not_change_a_cards_level_kind_or_tags(tmp_path, forge):
    deck, cache = _cached_home(tmp_path)
    truth = DeckCache(None).read(deck)[0]
    payload = json.loads(cache.read_bytes().split(b"\n", 1)[1])
    cards = payload[str(deck)]["deck"]["cards"]
    target = next(card for card in cards if card.get("level") == 3 and card.get("tags") and card["kind"] != "wild")
    forge(target)
    _reseal(cache, payload)
    loaded, problems = DeckCache(cache).read(deck)
    assert loaded == truth and not problems
