"""A fair, forgiving turn in the engine: undo, who scores and reacts, later cards, the closing deck."""

from __future__ import annotations

import tomllib
from copy import deepcopy
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from spark_game.core.decks.model import Card, Deck
from spark_game.core.pair.history import PairHistory
from spark_game.core.play import UNDO_DEPTH, Action, Phase, Settings, new_round
from spark_game.core.saves import encode_save, read_save, save_document, summarise, write_save
from spark_game.core.saves.encoder import SaveEncoder, snapshot
from spark_game.core.session.play_session import PlaySession

from ..toolkit import play, rounds, simple_round, step, take_turns

NOW = datetime(2026, 11, 27, 20, 0)
UNDOABLE = [a for a in Action if a not in (Action.BRAKE, Action.TIMER, Action.UNDO)]


def some_move(game, choice: int) -> bool:
    """Make one legal move other than undo and the brake, chosen by a number; False when there is none."""
    legal = sorted((game.legal_actions() & set(UNDOABLE)) - {Action.CHOOSE}, key=lambda action: action.value)
    if game.phase is Phase.CLOSE:
        legal = [action for action in legal if action is not Action.COMPLETE]  # a finished round can't be undone
    if game.allows(Action.CHOOSE, game.settings.deck_ids[0]):
        legal.append(Action.CHOOSE)
    if not legal:
        return False
    action = legal[choice % len(legal)]
    moves = {
        Action.CHOOSE: lambda: game.choose_deck(game.playable_decks()[choice % len(game.playable_decks())]),
        Action.SURPRISE: lambda: game.choose_deck(None),
        Action.COMPLETE: game.complete,
        Action.PASS: game.pass_card,
        Action.REACT: lambda: game.react(choice % 3),
        Action.FAVOURITE: game.toggle_favourite,
        Action.RETIRE: game.retire_card,
        Action.LATER: game.later,
        Action.FINISH: game.finish,
        Action.NOTE: lambda: game.write_note(f"note {choice}"),
    }
    moves[action]()
    return True


@given(rounds(), st.lists(st.integers(0, 50), min_size=1, max_size=12), st.booleans())
@settings(max_examples=200)
def test_undo_of_any_steps_returns_the_round_as_it_was(case, choices, brake_between):
    chosen, deck_map, warmup = case
    game = new_round(chosen, deck_map)
    for number in warmup[:10]:
        if game.phase is Phase.OVER or not step(game, number):
            break
    if game.phase is Phase.OVER:
        return
    game.undo_steps.clear()
    states = []
    for choice in choices:
        before = deepcopy(game)
        if not some_move(game, choice):
            break
        states.append(before)
    del states[:-UNDO_DEPTH]  # undo reaches back this many steps
    braked = brake_between and game.allows(Action.BRAKE)
    if braked:
        game.brake()
    while states:
        expected = states.pop()
        taken = game.undo()
        assert taken.action in UNDOABLE
        if not braked:
            assert game == replace_steps(expected, game)
        else:
            assert game.history == expected.history and game.turn == expected.turn
            assert game.brakes >= 1 and (game.card is None or game.card.level <= game.ceiling)
    assert not game.allows(Action.UNDO)


def replace_steps(expected, game):
    """Undo puts everything back; its own memory of steps is the only thing allowed to differ."""
    expected.undo_steps = game.undo_steps
    return expected


def test_undo_is_part_of_the_saved_round(tmp_path):
    game = simple_round()
    game.choose_deck("d")
    game.complete()
    game.react(2)
    game.choose_deck("d")
    path = tmp_path / "ana-and-bo-0000abcd.toml"
    write_save(path, save_document(game, summarise(game, "0000abcd", NOW, NOW)))
    again = read_save(path).game
    assert again == game
    again.undo()
    again.undo()
    assert again.phase is Phase.REACT and again.scores() == (0, 0)


def test_the_doer_scores_and_the_other_reacts():
    cards = (
        Card("mine", "question", 1, 2, "for me", answerer="active"),
        Card("yours", "question", 1, 3, "for you", answerer="partner"),
        Card("ours", "activity", 1, 4, "for us", answerer="both"),
    )
    deck = Deck(id="d", name="D", cards=cards)
    for card, doers, reactor in ((cards[0], (0,), 1), (cards[1], (1,), 0), (cards[2], (0, 1), None)):
        game = new_round(Settings(("Ana", "Bo"), ("d",), seed=1), {"d": deck})
        game.piles["d"] = [card.id]
        game.choose_deck("d")
        game.complete()
        assert game.reactor == reactor
        game.react(1)
        scores = game.scores()
        assert [scores[player] for player in doers] == [card.points + 1] * len(doers)
        assert sum(scores) == (card.points + 1) * len(doers)


def test_a_card_kept_for_later_is_the_first_drawn_from_its_deck_next_round(tmp_path):
    library = {"d": simple_round().decks["d"]}
    session = PlaySession(tmp_path, clock=lambda: NOW)
    session.start(Settings(("Ana", "Bo"), ("d",), turns=3, seed=5), library)
    session.act(Action.CHOOSE, "d")
    for _ in range(3):  # late in the round: the kept card may be bold, the next round starts gentle
        session.act(Action.PASS)
    kept = session.round.card
    session.act(Action.LATER)
    assert [entry.card.id for entry in session.history.revisit] == [kept.id]
    session.act(Action.FINISH)
    session.act(Action.COMPLETE)
    game = session.start(Settings(("Ana", "Bo"), ("d",), turns=3, seed=6), library)
    assert session.act(Action.CHOOSE, "d").offered.id == kept.id
    assert session.history.revisit == []  # dealt again: it leaves the later list
    assert game.card == kept
    session.close()


def test_undo_takes_back_what_the_pair_history_learned(tmp_path):
    library = {"d": simple_round().decks["d"]}
    session = PlaySession(tmp_path, clock=lambda: NOW)
    session.start(Settings(("Ana", "Bo"), ("d",), seed=5), library)
    session.act(Action.CHOOSE, "d")
    session.act(Action.FAVOURITE)
    session.act(Action.COMPLETE)
    session.act(Action.REACT, 2)
    assert len(session.history.favourites) == 1
    session.act(Action.UNDO)
    assert session.history.favourites == [] and session.round.phase is Phase.REACT
    session.act(Action.UNDO)
    session.act(Action.UNDO)  # the favourite mark, then the done
    session.act(Action.RETIRE)
    assert len(session.history.retired) == 1
    session.act(Action.UNDO)
    assert session.history.retired == [] and session.round.phase is Phase.CARD
    session.act(Action.LATER)
    assert len(session.history.revisit) == 1
    session.act(Action.UNDO)
    assert session.history.revisit == []
    session.close()


def test_the_closing_card_never_repeats_until_the_closing_deck_is_used_up():
    closing = Deck(id="closing", name="C", cards=tuple(Card(f"k{i}", "activity", 1, 1, f"close {i}") for i in range(4)))
    deck = simple_round().decks["d"]
    history = PairHistory()
    dealt = []
    for seed in range(8):
        game = new_round(
            Settings(("Ana", "Bo"), ("d",), turns=1, seed=seed), {"d": deck}, history.seen, closing=closing
        )
        take_turns(game, 1)
        assert game.phase is Phase.CLOSE
        dealt.append(game.closing_card)
        game.complete()
        history.note_finished(game, date(2026, 11, 27), f"r{seed}")
    assert len(set(dealt[:4])) == 4  # the whole closing deck before any card comes back
    assert len(set(dealt[3:7])) == 4  # starting over never begins with the card just played


def test_a_round_left_before_any_card_is_played_is_not_kept(tmp_path):
    session = PlaySession(tmp_path, clock=lambda: NOW)
    session.start(Settings(("Ana", "Bo"), ("d",), seed=5), {"d": simple_round().decks["d"]})
    session.act(Action.CHOOSE, "d")  # a card on the table, but nothing played yet
    session.leave()
    assert list(tmp_path.glob("ana-and-bo-*")) == []
    session.start(Settings(("Ana", "Bo"), ("d",), seed=6), {"d": simple_round().decks["d"]})
    session.act(Action.CHOOSE, "d")
    session.act(Action.PASS)
    session.close()
    assert len(list(tmp_path.glob("ana-and-bo-*.toml"))) == 1


@given(rounds())
@settings(max_examples=100)
def test_the_incremental_save_reads_as_the_whole_document(case):
    game = play(*case)
    encoder = SaveEncoder()
    summary = summarise(game, "0000abcd", NOW, NOW)
    encoder.encode(snapshot(game), summary)  # fills the caches, as an earlier save would
    fast = encoder.encode(snapshot(game), summary)
    whole = encode_save(save_document(game, summary))
    assert tomllib.loads(fast.split(b"\n", 2)[2].decode()) == tomllib.loads(whole.split(b"\n", 2)[2].decode())
