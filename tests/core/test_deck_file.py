"""Each kind of broken deck gives exit 1 and a message naming the file, the line and the field."""

import os
import re

import pytest

from spark_game.cli import main
from spark_game.core.decks.file import parse_deck, read_deck_file

from ..toolkit import GOOD, write


def test_a_good_deck_loads_every_field(tmp_path):
    deck, problems = read_deck_file(write(tmp_path, GOOD))
    assert problems == []
    assert (deck.id, deck.name, deck.color) == ("tiny", "Tiny", "#f5a623")
    first, second = deck.cards
    assert first.tags == ("talk", "no-props") and first.seconds is None and first.answerer == "active"
    assert (second.level, second.points, second.seconds, second.answerer) == (3, 4, 60, "both")
    assert second.text == "Dance for a minute,\nthen sit down."


def test_a_format_2_deck_loads_secret_and_wishes_cards_and_a_format_1_deck_loads_as_before(tmp_path):
    wishes = 'kind = "wishes"\noptions = ["a long kiss", "a slow dance", "breakfast in bed"]'
    text = SECRET.replace("aloud", "").replace('kind = "challenge"', wishes).replace('answerer = "both"\n', "")
    deck, problems = read_deck_file(write(tmp_path, text.replace("points = 2", "points = 2\naloud = true")))
    assert problems == []
    secret, wish = deck.cards
    assert (secret.kind, secret.options, secret.aloud, secret.answerer) == ("secret", ("tea", "coffee"), True, "both")
    assert (wish.kind, wish.options, wish.aloud, wish.needs_hands) == ("wishes", wish.options, False, True)
    assert len(wish.options) == 3 and not secret.needs_hands
    old, problems = read_deck_file(write(tmp_path, GOOD))
    assert problems == [] and all(card.options == () and not card.aloud for card in old.cards)


def validate(tmp_path, capsys, text: str | bytes) -> tuple[int, str]:
    path = write(tmp_path, text)
    code = main(["decks", "validate", str(path)])
    return code, capsys.readouterr().out


FORMAT_2 = GOOD.replace("format = 1", "format = 2")
SECRET = FORMAT_2.replace('kind = "question"', 'kind = "secret"\noptions = ["tea", "coffee"]')

BROKEN = {
    "syntax error": (GOOD.replace('name = "Tiny"', 'name = "Tiny'), 5, None, "TOML syntax error"),
    "wrong type": (GOOD.replace("points = 2", 'points = "two"'), 13, "cards[0].points", "whole number"),
    "level out of range": (GOOD.replace("level = 3", "level = 4"), 20, "cards[1].level", "1 to 3"),
    "unknown key": (GOOD.replace("level = 1", "lvl = 1"), 12, "cards[0].lvl", "did you mean 'level'"),
    "duplicate card id": (GOOD.replace('id = "second"', 'id = "first"'), 18, "cards[1].id", "duplicate"),
    "missing text": (GOOD.replace('text = "What made you smile today?"\n', ""), 9, "cards[0].text", "missing"),
    "empty text": (GOOD.replace("What made you smile today?", "  "), 14, "cards[0].text", "empty"),
    "future format": (GOOD.replace("format = 1", "format = 3"), 1, "format", "needs a newer Spark (format 3)"),
    "unsafe deck id": (GOOD.replace('id = "tiny"', 'id = "../../evil"'), 4, "deck.id", "not a safe id"),
    "reserved deck id": (GOOD.replace('id = "tiny"', 'id = "con"'), 4, "deck.id", "not a safe id"),
    "bad kind": (GOOD.replace('kind = "question"', 'kind = "quiz"'), 11, "cards[0].kind", "one of"),
    "timer too long": (GOOD.replace("seconds = 60", "seconds = 7200"), 22, "cards[1].seconds", "5 to 3600"),
    "empty deck": (GOOD.split("[[cards]]")[0], 1, "cards", "no cards"),
    "hands' card in format 1": (
        GOOD.replace('kind = "question"', 'kind = "secret"'),
        11,
        "cards[0].kind",
        "needs 'format = 2' at the top",
    ),
    "options in format 1": (
        GOOD.replace("level = 1", 'options = ["a", "b"]\nlevel = 1'),
        12,
        "cards[0].options",
        "needs 'format = 2'",
    ),
    "wishes without options": (
        FORMAT_2.replace('kind = "question"', 'kind = "wishes"'),
        9,
        "cards[0].options",
        "lists the things to try",
    ),
    "options on a question": (
        FORMAT_2.replace("level = 1", 'options = ["a", "b"]\nlevel = 1'),
        12,
        "cards[0].options",
        "only a secret",
    ),
    "one option only": (
        SECRET.replace('options = ["tea", "coffee"]', 'options = ["tea"]'),
        12,
        "cards[0].options",
        "2 to 6",
    ),
    "an option twice": (SECRET.replace('"coffee"', '"Tea"'), 12, "cards[0].options[1]", "'Tea' is there twice"),
    "a long option": (SECRET.replace('"coffee"', '"' + "c" * 41 + '"'), 12, "cards[0].options[1]", "1 to 40"),
    "aloud on a question": (
        FORMAT_2.replace("level = 1", "aloud = true\nlevel = 1"),
        12,
        "cards[0].aloud",
        "only a secret",
    ),
    "a secret for one": (
        SECRET.replace("level = 1", 'answerer = "active"\nlevel = 1'),
        13,
        "cards[0].answerer",
        "answered by both",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_each_broken_deck_names_file_line_and_field(tmp_path, capsys, case):
    text, line, field, words = BROKEN[case]
    code, out = validate(tmp_path, capsys, text)
    assert code == 1
    assert f"deck.toml:{line}:" in out
    if field:
        assert f": {field}" in out
    assert words in out
    assert "Traceback" not in out


def test_non_utf8_bytes_give_line_and_column(tmp_path, capsys):
    code, out = validate(tmp_path, capsys, GOOD.encode().replace(b"Tiny", b"T\xffny"))
    assert code == 1
    assert re.search(r"deck\.toml:5:\d+: is not UTF-8 text \(byte 0xff\)", out)


def test_binary_junk(tmp_path, capsys):
    code, out = validate(tmp_path, capsys, bytes(range(256)) * 4)
    assert code == 1
    assert "deck.toml:" in out and "binary data" in out


def test_all_problems_of_a_file_are_reported_in_line_order(tmp_path):
    text = GOOD.replace("level = 1", "level = 0").replace("points = 4", "points = 9")
    _, problems = read_deck_file(write(tmp_path, text))
    assert [p.field for p in problems] == ["cards[0].level (card 'first')", "cards[1].points (card 'second')"]
    assert [p.line for p in problems] == [12, 21]


def test_control_bidi_and_zero_width_characters_are_removed_from_text(tmp_path):
    hostile = GOOD.replace(
        "What made you smile today?", "Wh\\u001b]52;c;ZXZpbA==\\u0007at\\u202e\\u200b made\\u0000 you smile?"
    )
    deck, problems = read_deck_file(write(tmp_path, hostile))
    assert problems == []
    assert deck.cards[0].text == "Wh]52;c;ZXZpbA==at made you smile?"


def test_valid_and_invalid_files_together_exit_1_with_an_ok_line(tmp_path, capsys):
    good = write(tmp_path, GOOD, "good.toml")
    bad = write(tmp_path, GOOD.replace("level = 1", "level = 9"), "bad.toml")
    assert main(["decks", "validate", str(good), str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{good}: ok")
    assert out[1].startswith(f"{bad}:12:")


def test_a_folder_or_a_fifo_named_like_a_deck_is_refused_without_hanging(tmp_path):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert "folder" in str(read_deck_file(folder)[1][0])
    assert "not a regular file" in str(read_deck_file(fifo)[1][0])
    assert "cannot be read" in str(read_deck_file(tmp_path / "missing.toml")[1][0])


def test_huge_files_and_pathological_toml_are_problems(tmp_path):
    assert "at most" in str(read_deck_file(write(tmp_path, b"#" * (9 * 1024 * 1024)))[1][0])
    assert "nested too deeply" in str(parse_deck(b"x = " + b"[" * 900 + b"]" * 900, "d")[1][0])
    assert "too long" in str(parse_deck(b"format = " + b"9" * 5000, "d")[1][0])
