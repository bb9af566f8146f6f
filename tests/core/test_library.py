from spark_game.core.decks.library import YOURS, load_library
from spark_game.paths import Home

from ..toolkit import GOOD


def test_one_bad_file_never_stops_the_good_ones(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text("format = 1\n[deck\n")
    (tmp_path / "c.toml").write_text(GOOD.replace('id = "tiny"', 'id = "other"'))
    (tmp_path / ".hidden.toml").write_text("junk")
    (tmp_path / "notes.txt").write_text("junk")
    library = load_library([(tmp_path, YOURS)])
    assert [loaded.deck.id for loaded in library.decks] == ["tiny", "other"]
    assert library.broken_files() == [str(tmp_path / "b.toml")]


def test_a_deck_id_used_twice_is_reported_and_skipped(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "x.toml").write_text(GOOD)
    (second / "y.toml").write_text(GOOD)
    library = load_library([(first, YOURS), (second, YOURS)])
    assert len(library.decks) == 1
    assert "already used" in str(library.problems[0]) and "deck.id" in str(library.problems[0])


def test_home_decks_add_to_the_built_in_ones(isolated_home):
    home = Home(isolated_home)
    home.ensure()
    (home.decks_dir / "tiny.toml").write_text(GOOD)
    library = home.load_decks()
    ids = [loaded.deck.id for loaded in library.decks]
    assert "conversation" in ids and ids[-1] == "tiny"
    assert library.decks[-1].source == YOURS
