from spark_game.cli import main

from .test_deck_file import write

LINTY = """\
format = 1

[deck]
id = "linty"
name = "Linty"

[[cards]]
id = "a"
kind = "question"
level = 3
points = 1
text = "Ask your wife about the best day of the year so far and why."

[[cards]]
id = "b"
kind = "question"
level = 3
points = 1
text = "Ask your partner about the best day of the year so far and why it was."
"""


def test_lint_warns_about_gendered_words_duplicates_and_balance_and_exits_0(tmp_path, capsys):
    path = write(
        tmp_path,
        LINTY * 1
        + "".join(
            f'\n[[cards]]\nid = "x{i}"\nkind = "activity"\nlevel = 3\npoints = 2\ntext = "Card {i} is its own thing entirely."\n'
            for i in range(6)
        ),
    )
    assert main(["decks", "lint", str(path)]) == 0
    out = capsys.readouterr().out
    assert "deck.toml:12:1: cards[0].text (card 'a'): warning: gendered word 'wife'" in out
    assert "near-duplicate of 'b' in this deck" in out
    assert "no gentle or warm cards" in out
    assert "8 of 8 cards are bold" in out


def test_lint_finds_duplicates_across_decks(tmp_path, capsys):
    one = write(tmp_path, LINTY.replace("your wife", "your partner"), "one.toml")
    other = write(tmp_path, LINTY.replace('"linty"', '"other"'), "two.toml")
    main(["decks", "lint", str(one), str(other)])
    assert "in two.toml" in capsys.readouterr().out


def test_built_in_decks_lint_clean(capsys):
    from spark_game.paths import built_in_decks_dir

    paths = sorted(str(path) for path in built_in_decks_dir().glob("*.toml"))
    main(["decks", "lint", *paths])
    assert capsys.readouterr().out.strip().endswith("0 warning(s)")
