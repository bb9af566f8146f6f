"""Consent tools in the engine: private limits, the brake, passing and pruning, the closing card."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spark_game.core.decks.model import Card, Deck
from spark_game.core.play import Action, Phase, RuleError, Settings, new_round

from ..toolkit import drive, opened_list, simple_round, step, take_turns

TAGS = ["touch", "talk", "laugh", "family", "money"]


@st.composite
def tagged_round(draw):
    cards = tuple(
        Card(
            id=f"c{i}",
            kind="question",
            level=draw(st.integers(1, 3)),
            points=2,
            text=f"card {i}",
            tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
        )
        for i in range(draw(st.integers(2, 14)))
    )
    limits = tuple(draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True)))
    return (
        Deck(id="d", name="D", cards=cards),
        limits,
        draw(st.integers(0, 1000)),
        draw(st.lists(st.integers(0, 9), max_size=60)),
    )


@given(tagged_round())
@settings(max_examples=150)
def test_no_drawn_card_ever_carries_a_limited_tag(case):
    deck, limits, seed, actions = case
    if all(set(card.tags) & set(limits) for card in deck.cards):
        return  # nothing left to play: new_round refuses, tested below
    game = new_round(Settings(("Ana", "Bo"), ("d",), turns=None, seed=seed, left_out_tags=limits), {"d": deck})
    drawn = []

    def check(_game, card: Card) -> None:
        assert not set(card.tags) & set(limits)
        drawn.append(card)

    drive(game, actions, check)
    assert drawn or not actions


@given(tagged_round())
@settings(max_examples=150)
def test_after_the_brake_no_card_is_above_the_lowered_ceiling(case):
    deck, _, seed, actions = case
    game = new_round(Settings(("Ana", "Bo"), ("d",), ceiling=3, turns=None, seed=seed), {"d": deck})
    for index, action in enumerate(actions):
        if (index == len(actions) // 3 or action == 9) and game.allows(Action.BRAKE):
            game.brake()
        if game.phase is Phase.CLOSE:
            assert not game.playable_decks()  # the brake left no card anywhere: the round closes kindly
            break
        if game.phase is Phase.CARD:
            assert game.card.level <= game.ceiling
        step(game, action)
    assert game.ceiling == max(1, 3 - game.brakes)


@given(tagged_round())
@settings(max_examples=150)
def test_a_retired_card_never_comes_back_for_the_pair(case):
    deck, _, seed, actions = case
    game = new_round(Settings(("Ana", "Bo"), ("d",), turns=None, seed=seed), {"d": deck})
    retired: set[str] = set()
    for action in actions:
        if game.phase is Phase.CHOOSE and not game.playable_decks():
            break
        if game.phase is Phase.CARD:
            assert game.card.id not in retired
            if action == 0 and len(game.decks["d"].cards) > 1:
                retired.add(game.card.id)
                game.retire_card()
                continue
        step(game, action)
    if len(retired) < len(deck.cards):
        later = new_round(Settings(("Ana", "Bo"), ("d",), seed=seed + 1), {"d": deck}, retired={"d": retired})
        assert not retired & set(later.decks["d"].card_index)


def test_the_brake_lowers_the_ceiling_at_once_and_swaps_a_bold_card():
    game = simple_round(turns=3)
    game.turn = 3  # late in the round: bold
    assert game.choose_deck("d").level == 3
    offered = game.brake()
    assert game.ceiling == 2 and offered.level <= 2 and game.phase is Phase.CARD
    game.brake()
    assert game.ceiling == 1 and not game.allows(Action.BRAKE)  # never below gentle
    with pytest.raises(RuleError):
        game.brake()


def test_every_round_closes_with_an_appreciation_card():
    game = simple_round(turns=1)
    take_turns(game, reaction=1)
    assert game.phase is Phase.CLOSE and game.card in game.closing.cards and game.card.answerer == "both"
    game.complete()
    assert game.phase is Phase.OVER


def test_ending_early_also_closes():
    game = simple_round()
    game.choose_deck("d")
    game.finish()
    assert game.phase is Phase.CLOSE and game.history == []


def test_limits_that_leave_nothing_are_refused():
    deck = Deck(id="d", name="D", cards=(Card(id="a", kind="question", level=1, points=1, text="x", tags=("touch",)),))
    with pytest.raises(RuleError, match="has a card left for you"):
        new_round(Settings(("Ana", "Bo"), ("d",), left_out_tags=("touch",)), {"d": deck})


async def test_a_round_played_with_both_partners_limits_writes_no_limit_in_words(tmp_path):
    """Saves, their backups and the history never name a limit: a save's decks hold every card, tags as in
    the deck, so their complement is empty, and nothing outside those copies carries a limited word."""
    import tomllib
    from datetime import datetime

    from spark_game.core.session.play_session import PlaySession

    cards = tuple(
        Card(id=f"c{i}", kind="question", level=1 + i % 3, points=1, text=f"card {i}", tags=(tag,))
        for i, tag in enumerate(["alcohol", "money", "talk", "laugh"] * 6)
    )
    deck = Deck(id="d", name="D", cards=cards)
    session = PlaySession(tmp_path, clock=lambda: datetime(2026, 12, 4, 21, 0))
    await session.set_limits("Ana", ["alcohol"], "482159")
    await session.set_limits("Bo", ["money"], "bo likes long passphrases")
    game = session.start(Settings(("Ana", "Bo"), ("d",), turns=6, seed=3), {"d": deck})
    while game.phase is not Phase.CLOSE:
        session.act(Action.CHOOSE, "d")
        session.act(Action.COMPLETE)
        session.act(Action.REACT, 1)
    assert not {record.card.tags[0] for record in game.history} & {"alcohol", "money"}
    session.saver.flush()
    session.close()
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    saves = [path for path in written if ".toml" in path.name and path.parent.name != "history"]
    assert any(path.name.endswith(".toml.bak") for path in saves)  # backups were written too
    for path in written:
        text = path.read_bytes().decode("utf-8", "replace")
        if path in saves and "[round]" in text:
            saved = tomllib.loads(text)
            (saved_deck,) = saved["round"].pop("decks")
            assert [card["id"] for card in saved_deck["cards"]] == [card.id for card in cards], path.name
            assert sorted(card_id for pile in saved["round"]["piles"].values() for card_id in pile) == sorted(
                game.decks["d"].card_index.keys() - {record.card.id for record in game.history}
            )
            text = repr(saved)
        assert "alcohol" not in text and "money" not in text and "left_out" not in text, path.name


async def test_wrong_pins_slow_the_next_try_and_a_restart_does_not_reset_the_wait(tmp_path):
    from datetime import datetime, timedelta

    from spark_game.core.pair.limits import FIRST_WAIT, FREE_TRIES
    from spark_game.core.session.play_session import PlaySession

    now = [datetime(2026, 12, 4, 21, 0)]
    session = PlaySession(tmp_path, clock=lambda: now[0])
    await session.set_limits("Ana", ["alcohol"], "482159")
    for _ in range(FREE_TRIES - 1):
        assert await session.unlock_limits("Ana", "000000", ["alcohol", "talk"]) == (None, 0.0)
    assert await session.unlock_limits("Ana", "000000", ["alcohol", "talk"]) == (None, FIRST_WAIT)
    session.saver.flush()
    session.close()

    restarted = PlaySession(tmp_path, clock=lambda: now[0])
    now[0] += timedelta(seconds=10)
    assert await restarted.unlock_limits("Ana", "482159", ["alcohol"]) == (
        None,
        FIRST_WAIT - 10,
    )  # even the right PIN waits
    now[0] += timedelta(seconds=FIRST_WAIT)
    assert await restarted.unlock_limits("Ana", "111111", ["alcohol"]) == (
        None,
        2 * FIRST_WAIT,
    )  # each wrong one doubles it
    now[0] += timedelta(seconds=2 * FIRST_WAIT)
    assert await restarted.unlock_limits("Ana", "482159", ["alcohol", "talk"]) == (["alcohol"], 0.0)
    assert await restarted.unlock_limits("Ana", "000000", ["alcohol"]) == (None, 0.0)  # the right PIN cleared the count


def every_tag_in_the_game() -> set[str]:
    from spark_game.core.decks.library import load_library
    from spark_game.core.pair.limits import TAG_WORDS
    from spark_game.paths import built_in_decks_dir

    library = load_library([(built_in_decks_dir(), "built-in")], None)
    return set(TAG_WORDS) | {tag for loaded in library.decks for card in loaded.deck.cards for tag in card.tags}


async def test_a_reader_of_every_file_can_not_test_a_tag_without_the_secret(tmp_path):
    """The dictionary attack that opened version 1 in a millisecond: every tag of the game, every way of
    hashing it that needs no secret, against the sealed list as the file keeps it."""
    import hashlib
    import hmac
    import tomllib

    from spark_game.core.session.play_session import PlaySession

    session = PlaySession(tmp_path)
    await session.set_limits("Ana", ["alcohol", "money"], "731905")
    session.saver.flush()
    sealed = tomllib.loads((tmp_path / "_history.toml").read_text())["limits"]["ana"]
    salt, hashes = sealed["salt"], set(sealed["tags"])
    assert len(hashes) == 2 and "731905" not in (tmp_path / "_history.toml").read_text()
    for tag in every_tag_in_the_game():
        guesses = {
            hashlib.sha256(f"{salt}:{tag}".encode()).hexdigest()[:32],
            hmac.new(bytes.fromhex(salt), tag.encode(), hashlib.sha256).hexdigest()[:32],
            hmac.new(b"", tag.encode(), hashlib.sha256).hexdigest()[:32],
        }
        assert not guesses & hashes, tag


def test_a_pin_search_pays_a_memory_hard_scrypt_for_every_guess_and_finds_nothing_early(tmp_path):
    """A bounded search (the first 12 PINs from 000000) fails, and each guess costs scrypt at 128 MiB:
    python -m benchmarks is where the seconds are measured, not here."""
    from spark_game.core.pair.history import PairHistory
    from spark_game.core.pair.limits import SCRYPT, SealedLimits, derive_key

    history = PairHistory(names=("Ana", "Bo"))
    history.keep_limits("Ana", SealedLimits.sealed_with_key(["alcohol"], "731905")[0])
    sealed = history.sealed_limits("Ana")
    assert 128 * SCRYPT["r"] * SCRYPT["n"] >= 128 * 2**20  # memory a guess needs: no cheap parallel search
    for number in range(12):
        assert sealed.key_for(f"{number:06d}") is None
    assert sealed.key_for("731905") == derive_key(sealed.salt, "731905")
    assert opened_list(sealed, "731905", every_tag_in_the_game()) == ["alcohol"]


def test_a_list_sealed_the_old_way_still_leaves_its_cards_out_without_asking():
    from spark_game.core.pair.history import PairHistory
    from spark_game.core.pair.limits import SealedLimits

    history = PairHistory(names=("Ana", "Bo"))
    history.limits["ana"] = SealedLimits.from_words(["touch"])
    assert history.locked_limits(("Ana", "Bo"), {}) == []
    assert history.left_out_tags(("Ana", "Bo"), {"touch", "talk"}) == ("touch",)


async def test_a_sealed_list_counts_only_once_its_owner_has_opened_it(tmp_path):
    from spark_game.core.session.play_session import LimitsLocked, PlaySession

    deck = Deck(
        id="d", name="D", cards=(Card("a", "question", 1, 1, "a", tags=("touch",)), Card("b", "question", 1, 1, "b"))
    )
    first = PlaySession(tmp_path)
    await first.set_limits("Bo", ["touch"], "bo's long secret")
    first.close()
    later = PlaySession(tmp_path)  # another evening
    with pytest.raises(LimitsLocked, match="Bo first types the PIN"):
        later.start(Settings(("Ana", "Bo"), ("d",), turns=1), {"d": deck})
    assert await later.unlock_limits("Bo", "bo's long secret", ["touch", "talk"]) == (["touch"], 0.0)
    game = later.start(Settings(("Ana", "Bo"), ("d",), turns=1), {"d": deck})
    assert set(game.decks["d"].card_index) == {"a", "b"} and game.withheld == {"d": {"a"}}
    assert game.allows(Action.CHOOSE, "d") and game.choose_deck("d").id == "b"


async def test_a_resumed_round_asks_for_the_sealed_limits_again_and_still_withholds_their_cards(tmp_path):
    """The save holds every card; only the owner's PIN, typed again on another evening, keeps one out."""
    from datetime import datetime

    from spark_game.core.session.play_session import LimitsLocked, PlaySession

    cards = tuple(Card(f"c{i}", "question", 1, 1, f"card {i}", tags=("touch" if i % 2 else "talk",)) for i in range(40))
    deck = Deck(id="d", name="D", cards=cards)
    first = PlaySession(tmp_path, clock=lambda: datetime(2026, 12, 4, 21, 0))
    await first.set_limits("Bo", ["touch"], "bo's long secret")
    game = first.start(Settings(("Ana", "Bo"), ("d",), turns=None, seed=5), {"d": deck})
    first.act(Action.CHOOSE, "d")
    first.act(Action.COMPLETE)
    first.act(Action.REACT, 1)
    first.saver.flush()
    path = first.round_file.path
    first.close()
    later = PlaySession(tmp_path)
    with pytest.raises(LimitsLocked, match="Bo first types the PIN") as refused:
        later.resume(path)
    assert refused.value.pair == ("Ana", "Bo") and later.round is None
    await later.unlock_limits("Bo", "bo's long secret", ["touch", "talk"])
    game = later.resume(path)
    assert len(game.decks["d"].cards) == 40 and game.withheld == {"d": {f"c{i}" for i in range(1, 40, 2)}}
    dealt = []
    for _ in range(15):
        later.act(Action.CHOOSE, "d")
        dealt.append(game.card.tags)
        later.act(Action.COMPLETE)
        later.act(Action.REACT, 1)
    assert dealt == [("talk",)] * 15
    later.close()


def test_from_a_deck_with_withheld_cards_no_save_shows_a_card_passed_over(tmp_path):
    """Were the first card of the level in the pile always dealt, a card left before it in the last save would
    be one a limit covers (the seed gives the order away). With a limit, the card is any dealable one."""
    cards = tuple(Card(f"c{i}", "question", 1, 1, f"card {i}", tags=("touch" if i < 8 else "talk",)) for i in range(60))
    deck = Deck(id="d", name="D", cards=cards)
    game = new_round(Settings(("Ana", "Bo"), ("d",), turns=None, seed=1, left_out_tags=("touch",)), {"d": deck})
    passed_over = set()
    for _ in range(20):
        before = list(game.piles["d"])
        dealt = game.choose_deck("d")
        passed_over |= set(before[: before.index(dealt.id)])
        game.complete()
        game.react(1)
    withheld = {f"c{i}" for i in range(8)}
    assert not {record.card.id for record in game.history} & withheld
    assert len(passed_over - withheld) > 3 * len(withheld)  # what came before the dealt card is mostly dealable
