"""The deck writer: whatever it writes, the loader reads back as the same deck."""

from hypothesis import given, settings
from hypothesis import strategies as st

from spark_game.cli import main
from spark_game.core.decks.file import parse_deck
from spark_game.core.decks.hand_fields import OPTION_COUNTS
from spark_game.core.decks.model import ANSWERERS, HAND_KINDS, KINDS, Card, Deck
from spark_game.core.decks.writer import deck_path, deck_to_toml, import_deck, slug_from_name

from ..toolkit import GOOD, card_texts, write

slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(
    lambda s: s not in {"con", "prn", "aux", "nul"}
)
texts = card_texts()  # "{0}" is a deck error, not a card


options = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Z")), min_size=1, max_size=40)


@st.composite
def cards(draw, card_id):
    kind = draw(st.sampled_from(KINDS))
    fewest, most = OPTION_COUNTS.get(kind, (0, 0))
    choices = draw(st.lists(options, min_size=fewest, max_size=most, unique_by=str.casefold))
    if kind == "secret" and draw(st.booleans()):
        choices = []  # a secret answered in a few words
    return Card(
        id=card_id,
        kind=kind,
        level=draw(st.integers(1, 3)),
        points=draw(st.integers(1, 5)),
        text=draw(texts),
        seconds=draw(st.none() | st.integers(5, 3600)),
        answerer="both" if kind in HAND_KINDS else draw(st.sampled_from(ANSWERERS)),
        tags=tuple(draw(st.lists(slugs, max_size=3, unique=True))),
        options=tuple(choices),
        aloud=kind == "secret" and draw(st.booleans()),
    )


@st.composite
def decks(draw):
    ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    return Deck(
        id=draw(slugs),
        name=draw(texts.map(lambda t: " ".join(t.split())[:60]).filter(bool)),
        description=draw(st.just("") | texts.map(lambda t: t[:300].strip()).filter(bool)),
        color=draw(st.none() | st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)),
        mature=draw(st.booleans()),
        cards=tuple(draw(cards(card_id)) for card_id in ids),
    )


@given(decks())
@settings(max_examples=200)
def test_any_valid_deck_written_and_read_back_is_equal(deck):
    loaded, problems = parse_deck(deck_to_toml(deck).encode(), "written.toml")
    assert problems == []
    assert loaded == deck


@given(st.text(max_size=80))
def test_any_name_gives_a_safe_id_and_a_file_inside_the_folder(tmp_path_factory, name):
    folder = tmp_path_factory.mktemp("decks")
    deck_id = slug_from_name(name)
    path = deck_path(folder, deck_id)
    assert path.parent == folder and path.name == f"{deck_id}.toml"


def test_hostile_names(tmp_path):
    assert slug_from_name("../../evil") == "evil"
    assert slug_from_name("con") == "con-deck"
    assert slug_from_name("") == "deck" and slug_from_name("💞") == "deck"
    assert slug_from_name("Crème Brûlée Nights!") == "creme-brulee-nights"


def test_importing_a_broken_deck_shows_its_problems_and_writes_nothing(tmp_path, capsys):
    broken = write(tmp_path, GOOD.replace("level = 1", "level = 9"), "broken.toml")
    folder = tmp_path / "home" / "decks"
    assert main(["--home", str(tmp_path / "home"), "decks", "import", str(broken)]) == 1
    assert "broken.toml:12:1: cards[0].level" in capsys.readouterr().out
    assert not folder.exists() or not list(folder.iterdir())


def test_import_never_overwrites_a_different_deck_with_the_same_id(tmp_path):
    folder = tmp_path / "decks"
    first = write(tmp_path, GOOD, "first.toml")
    other = write(tmp_path, GOOD.replace("Two cards.", "Changed."), "other.toml")
    assert import_deck(first, folder)[0] == folder / "tiny.toml"
    path, problems = import_deck(other, folder)
    assert path is None and "already at" in str(problems[0])
    assert import_deck(other, folder, replace_existing=True)[0] == folder / "tiny.toml"


def test_new_and_export_from_the_shell(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["--home", str(home), "decks", "new", "Our ../../jokes"]) == 0
    made = home / "decks" / "our-jokes.toml"
    assert made.exists() and "our-jokes" in capsys.readouterr().out
    assert main(["--home", str(home), "decks", "validate", str(made)]) == 0
    target = tmp_path / "out.toml"
    target.write_text("keep me")
    assert main(["--home", str(home), "decks", "export", "our-jokes", str(target)]) == 1
    assert target.read_text() == "keep me" and "exists" in capsys.readouterr().err
    assert main(["--home", str(home), "decks", "export", "our-jokes", str(target), "--force"]) == 0
    assert "our-jokes" in target.read_text()
