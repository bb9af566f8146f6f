"""settings.toml: the couple's choices kept between starts, read strictly, a damaged file kept aside byte for byte."""

import re
from datetime import datetime, time
from pathlib import Path

import pytest
import tomli_w
from hypothesis import event, given, settings
from hypothesis import strategies as st

from spark_game.cli import main
from spark_game.core.decks.model import Card, Deck
from spark_game.core.pair.settings import (
    MAX_SETTINGS_BYTES,
    Preferences,
    load_preferences,
    peek_preferences,
    preferences_to_document,
    ritual_time,
    update_preferences,
    write_preferences,
)
from spark_game.core.play import COMPETITIVE, Settings
from spark_game.core.session.play_session import PlaySession
from spark_game.paths import Home

NOW = datetime(2026, 11, 27, 20, 0)


def aside_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("settings.toml.damaged-*"))


def assert_damaged(folder: Path, data: bytes, key: str) -> None:
    """The file at folder/settings.toml held data: kept aside as it was, said in one line, defaults in use."""
    loaded = load_preferences(folder / "settings.toml")
    assert loaded.preferences == Preferences()
    assert loaded.problem is not None and "\n" not in loaded.problem
    assert loaded.problem.startswith("settings.toml ") and key in loaded.problem
    assert "the defaults are in use" in loaded.problem
    [aside] = aside_files(folder)
    assert aside.read_bytes() == data and aside.name in loaded.problem
    assert not (folder / "settings.toml").exists()


# --------------------------------------------------------------------------- reading and writing


preferences = st.builds(
    Preferences,
    decks=st.lists(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True), unique=True, max_size=6).map(
        tuple
    ),
    intensity=st.sampled_from([1, 2, 3]),
    turns=st.sampled_from([6, 12, 18, None]),
    scoring=st.sampled_from(["cooperative", "competitive"]),
    theme=st.sampled_from(["spark", "spark-light"]),
    timer_bell=st.booleans(),
    ritual_time=st.times().map(lambda moment: f"{moment:%H:%M}"),
)


@given(preferences)
def test_what_is_written_is_read_back(tmp_path_factory, chosen):
    path = tmp_path_factory.mktemp("home") / "settings.toml"
    write_preferences(path, chosen)
    assert load_preferences(path).preferences == chosen
    assert load_preferences(path).problem is None


def test_no_file_means_the_defaults_and_nothing_said(tmp_path):
    loaded = load_preferences(tmp_path / "settings.toml")
    assert loaded.preferences == Preferences() and loaded.problem is None
    assert Preferences().ritual_time == "19:00" and Preferences().theme == "spark" and Preferences().timer_bell


def test_a_partial_file_keeps_the_defaults_for_the_rest(tmp_path):
    (tmp_path / "settings.toml").write_text('theme = "spark-light"\nturns = 0\nritual_time = "7:30"\n')
    chosen = load_preferences(tmp_path / "settings.toml").preferences
    assert chosen == Preferences(theme="spark-light", turns=None, ritual_time="07:30")


def test_the_file_reads_like_the_docs(tmp_path):
    write_preferences(tmp_path / "settings.toml", Preferences(decks=("conversation",), turns=None))
    text = (tmp_path / "settings.toml").read_text()
    assert 'decks = [\n    "conversation",\n]' in text or 'decks = ["conversation"]' in text
    assert "turns = 0\n" in text and 'ritual_time = "19:00"' in text and "format = 1" in text


BAD_FILES = {
    "unknown key": ('colour = "red"\n', "colour"),
    "intensity too high": ("intensity = 4\n", "intensity"),
    "intensity zero": ("intensity = 0\n", "intensity"),
    "intensity as text": ('intensity = "2"\n', "intensity"),
    "intensity as a flag": ("intensity = true\n", "intensity"),
    "intensity as a float": ("intensity = 2.0\n", "intensity"),
    "turns not offered": ("turns = 7\n", "turns"),
    "turns negative": ("turns = -6\n", "turns"),
    "turns as text": ('turns = "open"\n', "turns"),
    "scoring by another name": ('scoring = "rivals"\n', "scoring"),
    "theme not Spark's": ('theme = "nord"\n', "theme"),
    "theme as a list": ('theme = ["spark"]\n', "theme"),
    "bell as text": ('timer_bell = "yes"\n', "timer_bell"),
    "bell as a number": ("timer_bell = 1\n", "timer_bell"),
    "time out of the day": ('ritual_time = "24:00"\n', "ritual_time"),
    "time in words": ('ritual_time = "7pm"\n', "ritual_time"),
    "time with seconds": ('ritual_time = "19:00:00"\n', "ritual_time"),
    "time as a TOML time": ("ritual_time = 19:00:00\n", "ritual_time"),
    "decks as one string": ('decks = "conversation"\n', "decks"),
    "decks with a bad id": ('decks = ["Bad Id"]\n', "decks"),
    "decks with a number": ("decks = [1]\n", "decks"),
    "decks twice": ('decks = ["novelty", "novelty"]\n', "decks"),
    "decks as a table": ("[decks]\nconversation = true\n", "decks"),
    "a newer format": ("format = 2\n", "newer Spark"),
    "a format as text": ('format = "1"\n', "format"),
    "not TOML": ("theme = spark-light\n", "not valid TOML"),
}


@pytest.mark.parametrize("text, key", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_value_makes_the_file_damaged_kept_byte_for_byte(tmp_path, text, key):
    good = 'theme = "spark-light"\n' if "theme" not in text else 'scoring = "competitive"\n'  # beside a good one
    data = (good + text).encode()
    (tmp_path / "settings.toml").write_bytes(data)
    assert_damaged(tmp_path, data, key)


def test_bytes_that_are_not_text_or_too_many_are_damaged_too(tmp_path):
    for data, why in [(b"theme = \xff\xfe\n", "not valid TOML"), (b"#" * (MAX_SETTINGS_BYTES + 1), "too large")]:
        (tmp_path / "settings.toml").write_bytes(data)
        assert_damaged(tmp_path, data, why)
        aside_files(tmp_path)[0].unlink()


def test_a_value_that_does_not_fit_is_never_a_preference():
    for changes in [{"intensity": 4}, {"turns": 9}, {"theme": "nord"}, {"ritual_time": "25:00"}, {"decks": ["A"]}]:
        with pytest.raises(ValueError):
            Preferences(**changes)


# --------------------------------------------------------------------------- every field, any TOML value

toml_values = st.recursive(
    st.booleans()  # what a TOML file can hold (no null), with the values that fit some field mixed in
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.dates()
    | st.times(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=5), children),
    max_leaves=6,
)


def whole(value):
    return type(value) is int


DAMAGED = object()


def expected(key, value):
    """What a field of the file means, written independently of the module; DAMAGED when it doesn't fit."""
    slug = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
    fits = {
        "intensity": whole(value) and value in (1, 2, 3),
        "turns": whole(value) and value in (0, 6, 12, 18),
        "scoring": value in ("cooperative", "competitive") and isinstance(value, str),
        "theme": value in ("spark", "spark-light") and isinstance(value, str),
        "timer_bell": isinstance(value, bool),
        "ritual_time": isinstance(value, str) and re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value, re.ASCII),
        "decks": isinstance(value, list)
        and all(isinstance(v, str) and slug.fullmatch(v) and len(v) <= 48 for v in value)
        and len(set(value)) == len(value),
    }[key]
    if not fits:
        return DAMAGED
    if key == "turns":
        return value or None
    if key == "ritual_time":
        hours, minutes = value.split(":")
        return f"{int(hours):02d}:{minutes}"
    return tuple(value) if key == "decks" else value


# Per field, values near the edge of what fits (half of the draws), so that both outcomes are common.
NEAR = {
    "decks": st.lists(
        st.sampled_from(["novelty", "our-deck", "x" * 48, "x" * 49, "Bad", "a--b", "-a", ""]), max_size=3
    ),
    "intensity": st.sampled_from([-1, 0, 1, 2, 3, 4, True, 2.0, "2"]),
    "turns": st.sampled_from([0, 1, 5, 6, 7, 12, 18, 24, -6, False, 12.0, "12"]),
    "scoring": st.sampled_from(["cooperative", "competitive", "Cooperative", "together", "rivals", ""]),
    "theme": st.sampled_from(["spark", "spark-light", "Spark", "spark-dark", "textual-light", ""]),
    "timer_bell": st.sampled_from([True, False, 0, 1, "true", "on"]),
    "ritual_time": st.sampled_from(
        ["19:00", "7:05", "07:05", "0:00", "23:59", "24:00", "19:60", "19", "19:0", " 19:00"]
    ),
}


@settings(max_examples=300)
@given(st.sampled_from(sorted(NEAR)).flatmap(lambda key: st.tuples(st.just(key), NEAR[key] | toml_values)))
def test_any_toml_value_of_any_field_is_a_preference_or_a_damaged_file(tmp_path_factory, field):
    key, value = field
    folder = tmp_path_factory.mktemp("home")
    data = tomli_w.dumps({key: value}).encode()
    (folder / "settings.toml").write_bytes(data)
    meant = expected(key, value)
    event("damaged" if meant is DAMAGED else "fits")
    if meant is DAMAGED:
        assert_damaged(folder, data, key)
    else:
        loaded = load_preferences(folder / "settings.toml")
        assert loaded.problem is None and getattr(loaded.preferences, key) == meant
        assert not aside_files(folder)


# --------------------------------------------------------------------------- writes, windows, quick looks


def test_an_update_keeps_what_another_window_chose(tmp_path):
    path = tmp_path / "settings.toml"
    update_preferences(path, {"theme": "spark-light"})
    update_preferences(path, {"decks": ("novelty",), "intensity": 3})
    assert load_preferences(path).preferences == Preferences(theme="spark-light", decks=("novelty",), intensity=3)


def test_an_update_never_writes_over_a_damaged_file(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"intensity = 9\n")
    update_preferences(path, {"timer_bell": False})
    [aside] = aside_files(tmp_path)
    assert aside.read_bytes() == b"intensity = 9\n"
    assert load_preferences(path).preferences == Preferences(timer_bell=False)


def test_a_quick_look_never_moves_the_file(tmp_path):
    path = tmp_path / "settings.toml"
    assert ritual_time(tmp_path) == time(19, 0)
    path.write_text('ritual_time = "20:30"\n')
    assert ritual_time(tmp_path) == time(20, 30)
    path.write_text("ritual_time = 20\n")
    assert peek_preferences(path) == Preferences() and ritual_time(tmp_path) == time(19, 0)
    assert path.exists() and not aside_files(tmp_path)


def test_the_document_writes_open_ended_as_zero():
    assert preferences_to_document(Preferences(turns=None))["turns"] == 0


# --------------------------------------------------------------------------- the session remembers


def deck(deck_id: str, *, mature: bool = False) -> Deck:
    cards = tuple(Card(id=f"c{i}", kind="question", level=1 + i % 3, points=1, text="t") for i in range(9))
    return Deck(id=deck_id, name=deck_id.title(), cards=cards, mature=mature)


def test_a_started_round_is_remembered_without_its_opt_in_deck(tmp_path):
    library = {"one": deck("one"), "two": deck("two"), "spice": deck("spice", mature=True)}
    settings_file = tmp_path / "settings.toml"
    session = PlaySession(tmp_path / "saves", clock=lambda: NOW, settings_file=settings_file)
    session.start(Settings(("Ana", "Bo"), ("two", "spice", "one"), ceiling=3, turns=6, mode=COMPETITIVE), library)
    session.close()
    remembered = load_preferences(settings_file).preferences
    assert remembered == Preferences(decks=("two", "one"), intensity=3, turns=6, scoring=COMPETITIVE)
    again = PlaySession(tmp_path / "saves", clock=lambda: NOW, settings_file=settings_file)
    again.start(Settings(("Ana", "Bo"), ("one",), turns=9), library)  # `play --turns 9`: the length stays
    again.close()
    assert load_preferences(settings_file).preferences.turns == 6


def test_a_bad_choice_changes_nothing(tmp_path):
    session = PlaySession(tmp_path / "saves", settings_file=tmp_path / "settings.toml")
    with pytest.raises(ValueError):
        session.remember_preferences(theme="nord")
    session.close()
    assert session.preferences == Preferences() and not (tmp_path / "settings.toml").exists()


def test_a_damaged_file_is_said_once_by_the_session(tmp_path):
    (tmp_path / "settings.toml").write_text("theme = 1\n")
    session = PlaySession(tmp_path / "saves", settings_file=tmp_path / "settings.toml")
    session.close()
    assert session.preferences == Preferences() and "theme" in (session.preferences_problem or "")


# --------------------------------------------------------------------------- spark-game play


@pytest.fixture
def started(monkeypatch):
    """What `spark-game play` would open the app with (the app itself is not run)."""
    calls: list[Settings] = []
    monkeypatch.setattr(
        "spark_game.cli.play.run_app", lambda home, quick_start=None, resume=None: calls.append(quick_start) or 0
    )
    return calls


def test_play_without_decks_uses_the_remembered_ones(isolated_home, started):
    write_preferences(Home(isolated_home).settings_file, Preferences(decks=("novelty", "playfulness")))
    assert main(["play", "--players", "Ana", "Bo"]) == 0
    assert started[0].deck_ids == ("novelty", "playfulness")


def test_play_falls_back_to_every_deck_when_one_is_gone_or_none_remembered(isolated_home, started, capsys):
    home = Home(isolated_home)
    every = tuple(loaded.deck.id for loaded in home.load_decks().decks if not loaded.deck.mature)
    assert main(["play", "--players", "Ana", "Bo"]) == 0
    write_preferences(home.settings_file, Preferences(decks=("novelty", "deleted-deck")))
    assert main(["play", "--players", "Ana", "Bo"]) == 0
    assert [call.deck_ids for call in started] == [every, every]
    assert "deleted-deck" in capsys.readouterr().err


def test_play_with_decks_ignores_the_remembered_ones(isolated_home, started):
    write_preferences(Home(isolated_home).settings_file, Preferences(decks=("novelty",)))
    assert main(["play", "--players", "Ana", "Bo", "--decks", "conversation"]) == 0
    assert started[0].deck_ids == ("conversation",)
