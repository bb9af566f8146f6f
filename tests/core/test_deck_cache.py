import os

from spark_game.core.decks.cache import DeckCache

from ..toolkit import GOOD, write


def test_an_unchanged_deck_comes_from_the_cache_and_a_changed_one_is_read_again(tmp_path):
    deck_file = write(tmp_path, GOOD)
    cache_file = tmp_path / "cache.bin"
    first = DeckCache(cache_file)
    deck, _ = first.read(deck_file)
    first.save()
    again = DeckCache(cache_file)
    assert again.read(deck_file) == (deck, [])
    assert not again.dirty  # a hit writes nothing
    deck_file.write_text(GOOD.replace("Two cards.", "Edited."))
    os.utime(deck_file, ns=(1, 1))
    edited, _ = again.read(deck_file)
    assert edited.description == "Edited." and again.dirty


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path):
    deck_file = write(tmp_path, GOOD)
    cache_file = tmp_path / "cache.bin"
    cache_file.write_bytes(b"\x00garbage\xff" * 50)
    cache = DeckCache(cache_file)
    deck, problems = cache.read(deck_file)
    assert deck is not None and problems == []
    cache.save()
    assert DeckCache(cache_file).entries


def test_a_cache_entry_that_does_not_rebuild_means_a_fresh_read(tmp_path):
    deck_file = write(tmp_path, GOOD)
    cache = DeckCache(None)
    info = deck_file.stat()
    cache.entries[str(deck_file)] = (info.st_size, info.st_mtime_ns, ("x",))
    deck, _problems = cache.read(deck_file)
    assert deck is not None and deck.id == "tiny"


def test_a_broken_deck_is_never_cached(tmp_path):
    deck_file = write(tmp_path, GOOD.replace("level = 1", "level = 9"))
    cache = DeckCache(tmp_path / "cache.bin")
    deck, problems = cache.read(deck_file)
    assert deck is None and problems and not cache.entries
