"""The pair's history: streaks and calendars from dates passed in, seen cards, favourites, the file."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from spark_game.core.pair.history import PairHistory
from spark_game.core.pair.history_file import HistoryWriter, history_to_document
from spark_game.core.pair.history_file import load_history as load_history_file
from spark_game.core.pair.ritual import calendar, ritual_message, week_of, weekly_streak
from spark_game.core.pair.story import milestones
from spark_game.core.play import Settings, new_round

from ..toolkit import simple_round, take_turns


def save_history(saves_dir, history):
    HistoryWriter(saves_dir, history_to_document(PairHistory())).write(history_to_document(history))


def load_history(saves_dir):
    return load_history_file(saves_dir).history


FRIDAY = date(2026, 11, 27)


def fridays(start: date, count: int, step_weeks: int = 1) -> list[date]:
    return [start + timedelta(weeks=i * step_weeks) for i in range(count)]


def test_streak_counts_consecutive_weeks_across_a_year_end():
    days = fridays(date(2026, 12, 4), 6)  # Dec 4 .. Jan 8
    assert days[-1].year == 2027
    assert weekly_streak(days, date(2027, 1, 9)) == 6
    assert week_of(date(2026, 12, 28)) == week_of(date(2027, 1, 3))  # one Monday-to-Sunday week


def test_one_missed_week_is_forgiven_two_are_not():
    days = [FRIDAY, FRIDAY + timedelta(weeks=2), FRIDAY + timedelta(weeks=3)]
    today = FRIDAY + timedelta(weeks=3)
    assert weekly_streak(days, today) == 3
    assert weekly_streak(days, today + timedelta(weeks=2)) == 3  # last week missed: still in grace
    assert weekly_streak(days, today + timedelta(weeks=3)) == 0
    gap = [FRIDAY, FRIDAY + timedelta(weeks=3)]
    assert weekly_streak(gap, FRIDAY + timedelta(weeks=3)) == 1


def test_several_rounds_in_one_week_count_once():
    assert weekly_streak([FRIDAY, FRIDAY + timedelta(days=1), FRIDAY - timedelta(days=3)], FRIDAY) == 1


@given(
    st.lists(st.dates(date(2020, 1, 1), date(2030, 1, 1)), max_size=40), st.dates(date(2020, 1, 1), date(2030, 1, 1))
)
def test_streak_and_calendar_properties(days, today):
    streak = weekly_streak(days, today)
    past = [day for day in days if day <= today]
    assert 0 <= streak <= len({week_of(day) for day in past})
    weeks = calendar(days, today)
    assert len(weeks) == 26 and sum(weeks) <= len(days)
    assert weeks[-1] == sum(1 for day in days if week_of(day) == week_of(today))


def test_calendar_places_rounds_in_their_weeks_across_the_year_end():
    today = date(2027, 1, 8)
    weeks = calendar([date(2026, 12, 31), date(2027, 1, 1), date(2026, 12, 25), date(2026, 6, 1)], today)
    assert weeks[-1] == 0 and weeks[-2] == 2 and weeks[-3] == 1 and sum(weeks) == 3


def test_ritual_message():
    assert ritual_message(4, FRIDAY) == "Tonight's your night."
    assert ritual_message(4, FRIDAY - timedelta(days=1)) == "Friday is tomorrow."
    assert ritual_message(4, FRIDAY - timedelta(days=3)) == "Friday is in 3 days."
    assert ritual_message(4, FRIDAY + timedelta(days=1)) == "Friday is in 6 days."


def finished_round(seed=7, favourite=True):
    game = simple_round(turns=2)
    take_turns(game, reaction=2, favourite=favourite)
    game.complete()
    return game


def test_seen_cards_stay_out_of_the_next_round_until_the_deck_is_used_up():
    history = PairHistory()
    game = finished_round()
    history.note_finished(game, FRIDAY, "r1")
    seen = {record.card.id for record in game.history}
    assert history.seen["d"] == seen
    deck = game.decks["d"]
    later = new_round(Settings(("Ana", "Bo"), ("d",), seed=99), {"d": deck}, history.seen)
    assert not seen & set(later.piles["d"])
    for card in deck.cards:
        history.seen["d"].add(card.id)
    history.note_progress(game, "r1")  # the deck was used up: it starts over with what was just played
    assert history.seen["d"] < seen


def test_the_story_remembers_rounds_favourites_and_loved_cards_and_survives_the_file(tmp_path):
    history = PairHistory()
    history.note_finished(finished_round(), FRIDAY, "r1")
    assert history.names == ("Ana", "Bo")
    assert len(history.favourites) == 2 and history.favourites_deck().cards[0].id == "fav-1"
    assert len(history.loved) == 2 and history.rounds[0].day == FRIDAY
    history.ritual_day = 5
    save_history(tmp_path, history)
    again = load_history(tmp_path)
    assert again == history
    assert [m.reached for m in milestones(again, ["d"], FRIDAY)][:3] == [True, False, True]


def test_a_damaged_history_is_kept_aside_not_overwritten(tmp_path):
    (tmp_path / "_history.toml").write_text("format = 1\nnames = [")
    history = load_history(tmp_path)
    [aside] = tmp_path.glob("_history.toml.damaged-*")
    assert history.problem and aside.name in history.problem and "fresh history" in history.problem
    assert aside.read_text() == "format = 1\nnames = ["
    history.note_finished(finished_round(), FRIDAY, "r1")
    save_history(tmp_path, history)
    save_history(tmp_path, history)  # the second write keeps the first as .bak
    assert load_history(tmp_path).rounds[0].day == FRIDAY
    # Damaged a second time: a second file aside, the first one untouched, and the backup takes over.
    (tmp_path / "_history.toml").write_text("format = 1\nnames = [")
    again = load_history(tmp_path)
    assert len(list(tmp_path.glob("_history.toml.damaged-*"))) == 2 and aside.read_text() == "format = 1\nnames = ["
    assert "last good copy" in again.problem and again.rounds[0].day == FRIDAY
