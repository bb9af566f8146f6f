"""Import from where lists live: a text file, a CSV and a JSON list become a valid deck, or nothing at all."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spark_game.cli import build_parser, main
from spark_game.core.decks import file as deck_file
from spark_game.core.decks.file import PROBLEM_LIMIT, read_deck_file
from spark_game.core.decks.importer import TOML, import_file
from spark_game.core.decks.lists import BULLET, CSV, JSON, TEXT, new_card_id
from spark_game.core.files.text import clean_text
from spark_game.core.play import COMPETITIVE, COOPERATIVE

from ..toolkit import GOOD, HOSTILE_TEXTS, card_texts, write

TEN_QUESTIONS = [f"Question {n}: what is one thing you love about {{partner}}?" for n in range(1, 11)]


def imported(tmp_path, text: str | bytes, name: str, taken=()):
    """Import `text` saved as `name`; the result and the folder it went to."""
    folder = tmp_path / "decks"
    return import_file(write(tmp_path, text, name), folder, taken), folder


def problems_of(tmp_path, text: str | bytes, name: str) -> list[str]:
    result, folder = imported(tmp_path, text, name)
    assert result.path is None and result.deck is None, "a file with problems imports nothing"
    assert not folder.exists() or not list(folder.iterdir())
    return [str(problem) for problem in result.problems]


# --------------------------------------------------------------------------- each format


def test_a_text_file_is_one_card_a_line_with_the_defaults(tmp_path):
    text = "# our list\n\nWhat made you smile today?\r\n   \n  Kiss {partner} like it's the first time.  \n# done\n"
    result, folder = imported(tmp_path, text, "date_night-questions.txt")
    deck = result.deck
    assert result.kind == TEXT and result.path == folder / "date-night-questions.toml"
    assert (deck.id, deck.name) == ("date-night-questions", "Date night questions")
    assert [card.text for card in deck.cards] == [
        "What made you smile today?",
        "Kiss {partner} like it's the first time.",
    ]
    first = deck.cards[0]
    assert (first.id, first.kind, first.level, first.points, first.answerer, first.seconds, first.tags) == (
        "what-made-you-smile-today",
        "question",
        1,
        1,
        "active",
        None,
        (),
    )
    assert read_deck_file(result.path) == (deck, [])


def test_a_list_with_bullets_or_numbers_on_every_line_loses_them(tmp_path):
    deck = imported(tmp_path, "1. First?\n2) Second?\n- Third?\n• Fourth?\n", "list.md")[0].deck
    assert [card.text for card in deck.cards] == ["First?", "Second?", "Third?", "Fourth?"]
    kept = imported(tmp_path, "- A dash that belongs to the card\nNo bullet here\n", "mixed.txt")[0].deck
    assert kept.cards[0].text == "- A dash that belongs to the card"


def test_the_same_text_twice_gets_two_ids_and_reserved_words_are_never_ids(tmp_path):
    deck = imported(tmp_path, "Kiss me.\nKiss me.\nKiss me.\nCon\nNul\n", "k.txt")[0].deck
    assert [card.id for card in deck.cards] == ["kiss-me", "kiss-me-2", "kiss-me-3", "con-card", "nul-card"]
    assert new_card_id("Con", set()) == "con-card" and new_card_id("Kiss me", {"kiss-me"}) == "kiss-me-2"


def test_a_csv_with_every_column(tmp_path):
    text = (
        "Text,Level,kind,POINTS,seconds,tags\n"
        '"Hold hands, and say nothing",warm,Challenge,3,60,"quiet, touch; no-props"\n'
        "Plain one,,,,,\n"
        "\n"
        '"Two\nlines",3,wild,5,,Music Dance\n'
    )
    result, _ = imported(tmp_path, text, "ours.csv")
    assert result.kind == CSV
    first, plain, two = result.deck.cards
    assert (first.text, first.level, first.kind, first.points, first.seconds, first.tags) == (
        "Hold hands, and say nothing",
        2,
        "challenge",
        3,
        60,
        ("quiet", "touch", "no-props"),
    )
    assert (plain.level, plain.kind, plain.points, plain.seconds) == (1, "question", 1, None)
    assert (two.text, two.level, two.tags) == ("Two\nlines", 3, ("music", "dance"))


def test_a_spreadsheets_csv_with_semicolons_a_bom_and_crlf(tmp_path):
    data = "\ufefftext;level;tags\r\nWhat is next for us?;2;future,plans\r\nAnd after that?;1;\r\n".encode()
    deck = imported(tmp_path, data, "Liste.csv")[0].deck
    assert [(card.text, card.level, card.tags) for card in deck.cards] == [
        ("What is next for us?", 2, ("future", "plans")),
        ("And after that?", 1, ()),
    ]


def test_excels_unicode_text_is_utf16_and_reads(tmp_path):
    deck = imported(tmp_path, "Qu'est-ce qui te fait rire ?\nÜber uns\n".encode("utf-16"), "liste.txt")[0].deck
    assert [card.text for card in deck.cards] == ["Qu'est-ce qui te fait rire ?", "Über uns"]


def test_a_json_list_of_texts_and_objects(tmp_path):
    text = json.dumps(
        ["Just text?", {"text": "An object", "level": 3, "kind": "activity", "points": "2", "tags": ["a", "b c"]}],
        indent=2,
    )
    result, _ = imported(tmp_path, text, "cards.json")
    assert result.kind == JSON
    just, obj = result.deck.cards
    assert (just.text, just.level) == ("Just text?", 1)
    assert (obj.level, obj.kind, obj.points, obj.tags) == (3, "activity", 2, ("a", "b", "c"))


def test_a_file_without_a_known_extension_is_read_by_what_is_in_it(tmp_path):
    assert imported(tmp_path, '["One?", "Two?"]', "cards")[0].kind == JSON
    assert imported(tmp_path, "One?\nTwo?\n", "notes.list")[0].kind == TEXT
    assert imported(tmp_path, GOOD, "shared-deck")[0].deck.id == "tiny"


def test_a_spark_deck_still_imports_as_before_with_its_own_id(tmp_path):
    result, folder = imported(tmp_path, GOOD, "anything.toml")
    assert result.kind == TOML and result.path == folder / "tiny.toml" and result.deck.id == "tiny"
    clash, _ = imported(tmp_path, GOOD.replace("Two cards.", "Changed."), "other.toml")
    assert clash.path is None and "already at" in str(clash.problems[0])
    (tmp_path / "other").mkdir()
    broken = problems_of(tmp_path / "other", GOOD.replace("level = 1", "level = 9"), "broken.toml")
    assert any("broken.toml:12:1: cards[0].level" in problem for problem in broken)


def test_the_id_is_free_in_the_home_and_in_the_folder(tmp_path):
    first, folder = imported(tmp_path, "One?\n", "playfulness.txt", taken={"playfulness"})
    assert first.deck.id == "playfulness-2"
    second = import_file(tmp_path / "playfulness.txt", folder, {"playfulness"})
    assert second.deck.id == "playfulness-3"
    assert imported(tmp_path, "One?\n", "Über Spaß!.txt")[0].deck.id == "uber-spass"
    assert imported(tmp_path, "One?\n", "con.txt")[0].deck.id == "con-deck"


# --------------------------------------------------------------------------- problems, worded for people


def test_a_level_out_of_range_names_the_line_and_what_was_written(tmp_path):
    rows = "".join(f"Card {n},1\n" for n in range(2, 11))
    assert problems_of(tmp_path, f"text,level\n{rows}Card 11,7\n", "list.csv") == [
        "line 11: level must be 1 (gentle), 2 (warm) or 3 (bold); you wrote 7"
    ]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("x,dare,,,", "line 2: kind must be question, challenge, activity or wild; you wrote dare"),
        ("x,,9,,", "line 2: points must be a whole number from 1 to 5; you wrote 9"),
        ("x,,two,,", "line 2: points must be a whole number from 1 to 5; you wrote two"),
        ("x,,,2,", "line 2: seconds (the timer) must be a whole number from 5 to 3600, or empty for no timer; "
         "you wrote 2"),
        ("x,,,,💞", "line 2: '💞' can't be a tag: a tag is a word of letters and digits, like no-props"),
        (",question,2,,", "line 2: this card has no text"),
        ("Where to {partnr}?,,,,", "line 2: {partnr} is not a name Spark fills in: write {me} for whoever's turn "
         "it is, or {partner} for the other one"),
        ("x" * 1001 + ",,,,", "line 2: this card is 1,001 characters long; a card may have at most 1,000"),
        ("x,,,,,extra", "line 2: this line has a cell (extra) in a column with no name in the first line; "
         'a comma in the text? Put the text in double quotes: "Yes, really?"'),
    ],
)  # fmt: skip
def test_each_problem_in_a_csv_is_one_plain_line(tmp_path, cells, expected):
    assert problems_of(tmp_path, f"text,kind,points,seconds,tags\n{cells}\n", "list.csv") == [expected]


def test_too_many_tags(tmp_path):
    tags = " ".join(f"t{n}" for n in range(25))
    assert problems_of(tmp_path, f"text,tags\nx,{tags}\n", "t.csv") == [
        "line 2: a card may have at most 20 tags; this one has 25"
    ]


def test_a_csv_header_that_is_not_right_says_so_once(tmp_path):
    [typo] = problems_of(tmp_path, "text,levle\nx,2\ny,3\n", "a.csv")
    assert typo == (
        "line 1: the column 'levle' is not one Spark knows (did you mean level?); "
        "they are text, level, kind, points, seconds, tags"
    )
    [missing] = problems_of(tmp_path, "What is your favourite memory?\nAnother one\n", "b.csv")
    assert missing.startswith("line 1: the first line names the columns, and one of them must be text")
    assert "saved as .txt" in missing
    assert problems_of(tmp_path, "text,level,Level\nx,1,1\n", "c.csv") == ["line 1: the column level is there twice"]
    assert problems_of(tmp_path, "text,level\n\n\n", "d.csv") == [
        "there are no cards under the first line (the column names)"
    ]


def test_json_problems_name_the_line_of_the_card(tmp_path):
    text = (
        '[\n  "Fine?",\n  {"text": "Bold", "level": 7},\n  {"txt": "typo"},\n  42,\n  {"text": "x", "level": true}\n]'
    )
    assert problems_of(tmp_path, text, "c.json") == [
        "line 3: level must be 1 (gentle), 2 (warm) or 3 (bold); you wrote 7",
        "line 4: the key 'txt' is not one Spark knows (did you mean text?); they are text, level, kind, points, "
        "seconds, tags",
        "line 4: this card has no text",
        'line 5: each card is text in quotes, or an object like {"text": "…", "level": 2}; you wrote 42',
        "line 6: level must be 1 (gentle), 2 (warm) or 3 (bold); you wrote true",
    ]


def test_json_that_is_not_a_list_of_cards(tmp_path):
    [syntax] = problems_of(tmp_path, '[\n  "one",\n  "two"\n  "three"\n]', "a.json")
    assert syntax == "line 4: this is not valid JSON, at column 3: Expecting ',' delimiter"
    [not_list] = problems_of(tmp_path, '{"cards": ["x"]}', "b.json")
    assert not_list.startswith("the file must hold a list of cards in [ ]")
    assert problems_of(tmp_path, "[]", "c.json")[0].startswith("the list is empty")
    assert "not a number" in problems_of(tmp_path, '[{"text": "x", "level": NaN}]', "d.json")[0]


def test_all_or_nothing_with_every_problem_listed_up_to_the_limit(tmp_path):
    lines = ["Good card"] * 5 + ["{oops} card"] * (PROBLEM_LIMIT + 7)
    problems = problems_of(tmp_path, "\n".join(lines), "many.txt")
    assert len(problems) == PROBLEM_LIMIT + 1
    assert problems[0].startswith("line 6: {oops} is not a name") and problems[-1] == "and 7 more problems"
    one_bad = problems_of(tmp_path, "\n".join(TEN_QUESTIONS + ["{partnr}?"]), "almost.txt")
    assert one_bad == [
        "line 11: {partnr} is not a name Spark fills in: write {me} for whoever's turn it is, or {partner} for "
        "the other one"
    ]


# --------------------------------------------------------------------------- hostile files


def test_files_that_are_not_lists_are_one_line_each(tmp_path):
    assert problems_of(tmp_path, b"", "empty.txt") == ["the file is empty"]
    assert problems_of(tmp_path, b" \n\n \t\n", "blank.txt") == ["the file is empty"]
    assert problems_of(tmp_path, b"# only a comment\n", "c.txt") == [
        "there are no cards in this file: write one card a line"
    ]
    assert problems_of(tmp_path, b"caf\xe9\nok\nna\xefve\n", "latin1.txt") == [
        "line 1: this file is not saved as UTF-8 text, so some letters can't be read; save it again as UTF-8 "
        "(in a spreadsheet: CSV UTF-8)"
    ]
    assert problems_of(tmp_path, b"PK\x03\x04\x00\x00binary", "zip.txt") == [
        "this is not a text file; save your list as .txt, .csv or .json"
    ]
    assert problems_of(tmp_path, b"anything", "cards.xlsx") == [
        "Spark can't read .xlsx files; save the list as CSV (or plain text, one card a line)"
    ]


def test_a_folder_a_fifo_a_missing_file_and_a_huge_file(tmp_path, monkeypatch):
    folder = tmp_path / "decks"
    (tmp_path / "a-folder.txt").mkdir()
    assert "is a folder" in str(import_file(tmp_path / "a-folder.txt", folder).problems[0])
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in str(import_file(fifo, folder).problems[0])  # and it did not hang
    assert "cannot be read" in str(import_file(tmp_path / "missing.json", folder).problems[0])
    monkeypatch.setattr(deck_file, "MAX_FILE_BYTES", 100)
    big = write(tmp_path, "A card\n" * 100, "big.txt")
    assert "at most 100" in str(import_file(big, folder).problems[0])
    assert not folder.exists()


def test_hostile_json_and_csv_are_problems_not_crashes(tmp_path):
    assert problems_of(tmp_path, "[" * 100_000 + "]" * 100_000, "deep.json") == [
        "the lists inside lists go too deep to be cards"
    ]
    assert "can't be read" in problems_of(tmp_path, '[{"text": "x", "level": ' + "9" * 5000 + "}]", "n.json")[0]
    huge_cell = "text\n" + '"' + "x" * 200_000 + '"\n'
    assert "can't be read as CSV" in problems_of(tmp_path, huge_cell, "huge.csv")[0]
    too_many = "\n".join(f"Card {n}" for n in range(10_001))
    too_many_said = "this file has more than 10,000 cards, the most a deck may have"
    assert problems_of(tmp_path, too_many, "many.txt") == [too_many_said]


def test_ten_thousand_copies_of_one_line_get_ten_thousand_ids(tmp_path):
    deck = imported(tmp_path, "Kiss me.\n" * 10_000, "same.txt")[0].deck
    assert len({card.id for card in deck.cards}) == 10_000


def test_markup_and_terminal_escapes_are_data(tmp_path):
    lines = HOSTILE_TEXTS + ["Evil \x1b]52;c;Zm9v\x07 clipboard", "Bidi \u202eoverride"]
    deck = imported(tmp_path, "\n".join(lines), "hostile.txt")[0].deck
    assert [card.text for card in deck.cards] == [clean_text(line) for line in lines]
    assert "\x1b" not in deck.cards[-2].text and "\u202e" not in deck.cards[-1].text
    evil_name = imported(tmp_path, "x\n", "\u202e[bold]evil\x1b[2J.txt")[0].deck
    assert evil_name.name == "[bold]evil[2J" and evil_name.id == "bold-evil-2j"


# --------------------------------------------------------------------------- any list, round trip

texts = card_texts(max_size=80)
one_line_texts = texts.map(lambda text: " ".join(text.split())).filter(
    lambda text: bool(text) and not text.startswith("#")
)


def as_csv(texts: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text"])
    writer.writerows([text] for text in texts)
    return out.getvalue()


@given(st.lists(one_line_texts, min_size=1, max_size=12))
@settings(max_examples=150)
def test_any_list_of_card_texts_as_a_text_file_imports_as_written(tmp_path_factory, texts):
    assume(not all(BULLET.match(text) for text in texts))
    deck = imported(tmp_path_factory.mktemp("txt"), "\n".join(texts), "ours.txt")[0].deck
    assert [card.text for card in deck.cards] == texts


@given(st.lists(texts, min_size=1, max_size=12))
@settings(max_examples=150)
def test_any_list_of_card_texts_as_csv_imports_as_written(tmp_path_factory, texts):
    deck = imported(tmp_path_factory.mktemp("csv"), as_csv(texts), "ours.csv")[0].deck
    assert [card.text for card in deck.cards] == texts


@given(st.lists(texts, min_size=1, max_size=12), st.booleans())
@settings(max_examples=150)
def test_any_list_of_card_texts_as_json_imports_as_written(tmp_path_factory, texts, as_objects):
    items = [{"text": text} for text in texts] if as_objects else texts
    deck = imported(tmp_path_factory.mktemp("json"), json.dumps(items, indent=1), "ours.json")[0].deck
    assert [card.text for card in deck.cards] == texts


@given(st.binary(max_size=300), st.sampled_from(["x.txt", "x.csv", "x.json", "x"]))
@settings(max_examples=200)
def test_any_bytes_import_as_a_valid_deck_or_nothing(tmp_path_factory, data, name):
    tmp_path = tmp_path_factory.mktemp("bytes")
    result, folder = imported(tmp_path, data, name)
    if result.path is None:
        assert result.problems and (not folder.exists() or not list(folder.iterdir()))
    else:
        assert read_deck_file(result.path) == (result.deck, [])


# --------------------------------------------------------------------------- the command line


def spark(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "spark_game", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent.parent,
        timeout=120,
    )


def test_the_shell_imports_ten_questions_then_validates_and_lints_the_home(tmp_path):
    home = tmp_path / "home"
    source = write(tmp_path, "# for Friday\n" + "\n".join(TEN_QUESTIONS) + "\n", "ten questions.txt")
    result = spark("--home", str(home), "decks", "import", str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'Ten questions' (id ten-questions), 10 cards" in result.stdout
    assert len(read_deck_file(home / "decks" / "ten-questions.toml")[0].cards) == 10

    checked = spark("--home", str(home), "decks", "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ten-questions.toml: ok (ten-questions, 10 cards)" in checked.stdout
    assert "playfulness.toml: ok" in checked.stdout  # the built-in decks too
    linted = spark("--home", str(home), "decks", "lint")
    assert linted.returncode == 0 and "ten-questions.toml" in linted.stdout

    write(home / "decks", GOOD.replace("level = 1", "level = 9"), "broken.toml")
    broken = spark("--home", str(home), "decks", "validate")
    assert broken.returncode == 1 and "broken.toml:12:1: cards[0].level" in broken.stdout


def test_the_shell_imports_nothing_from_a_list_with_problems(tmp_path, capsys):
    source = write(tmp_path, "text,level\nfine,1\nbad,7\nworse,{x}\n", "ours.csv")
    assert main(["--home", str(tmp_path / "home"), "decks", "import", str(source)]) == 1
    out = capsys.readouterr().out
    assert "nothing was imported, because of 2 problems" in out
    assert "  line 3: level must be 1 (gentle), 2 (warm) or 3 (bold); you wrote 7" in out
    assert not (tmp_path / "home" / "decks").exists()  # nothing imported, not even a folder made
    empty = write(tmp_path, "", "empty.txt")
    assert main(["--home", str(tmp_path / "home"), "decks", "import", str(empty)]) == 1
    assert capsys.readouterr().out == f"{empty}: the file is empty (nothing was imported)\n"


def test_mode_says_together_or_rivals_and_still_takes_the_old_names(capsys):
    parser = build_parser()
    for word, mode in [("together", COOPERATIVE), ("rivals", COMPETITIVE), ("cooperative", COOPERATIVE)]:
        assert parser.parse_args(["play", "--players", "A", "B", "--mode", word]).mode == mode
    assert parser.parse_args(["play", "--players", "A", "B", "--mode", "competitive"]).mode == COMPETITIVE
    with pytest.raises(SystemExit):
        parser.parse_args(["play", "--players", "A", "B", "--mode", "solo"])
    assert "choose together or rivals" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser.parse_args(["play", "--help"])
    assert "--mode {together,rivals}" in capsys.readouterr().out


def test_errors_about_names_or_turns_do_not_list_the_decks(tmp_path, capsys):
    home = str(tmp_path / "home")
    assert main(["--home", home, "play", "--players", "Sam", "Sam"]) == 2
    assert main(["--home", home, "play", "--players", "Sam", "Alex", "--turns", "-2"]) == 2
    err = capsys.readouterr().err
    assert "Two different names" in err and "at least one turn" in err and "decks here" not in err
    assert main(["--home", home, "play", "--players", "Sam", "Alex", "--decks", "nope"]) == 2
    assert "decks here" in capsys.readouterr().err


def test_a_new_deck_with_umlauts_gets_a_plain_id(tmp_path, capsys):
    assert main(["--home", str(tmp_path / "home"), "decks", "new", "Über Spaß!"]) == 0
    assert (tmp_path / "home" / "decks" / "uber-spass.toml").exists()
    assert "(id uber-spass)" in capsys.readouterr().out
