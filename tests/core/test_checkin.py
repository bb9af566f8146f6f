"""The quiet check-in: once a month across month and year ends, the five statements, and only a date kept."""

from datetime import date, datetime

import pytest

from spark_game.core.pair.checkin import (
    STATEMENTS,
    SUPPORT_AT,
    checkin_due,
    month_after,
    next_checkin,
    offer_words,
    suggests_support,
)
from spark_game.core.pair.history_file import history_to_document, load_history
from spark_game.core.session.play_session import PlaySession


def test_a_pair_that_never_checked_in_may_check_in_today():
    assert checkin_due(None, date(2026, 3, 14))
    assert next_checkin(None) is None


@pytest.mark.parametrize(
    ("last", "opens"),
    [
        (date(2026, 3, 14), date(2026, 4, 14)),
        (date(2026, 1, 31), date(2026, 2, 28)),  # a shorter month: its last day
        (date(2024, 1, 31), date(2024, 2, 29)),  # a leap year
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 12, 15), date(2027, 1, 15)),  # across the year's end
        (date(2026, 12, 31), date(2027, 1, 31)),
        (date(2026, 2, 28), date(2026, 3, 28)),
    ],
)
def test_the_check_in_opens_again_a_month_later_and_not_a_day_before(last, opens):
    assert month_after(last) == opens == next_checkin(last)
    assert not checkin_due(last, last)
    assert not checkin_due(last, date.fromordinal(opens.toordinal() - 1))
    assert checkin_due(last, opens)
    assert checkin_due(last, date(opens.year + 1, 1, 1))


def test_a_check_in_dated_in_the_future_does_not_lock_it():
    assert checkin_due(date(2030, 1, 1), date(2026, 3, 14))


def test_five_short_statements_in_the_second_person():
    assert len(STATEMENTS) == 5 and len(set(STATEMENTS)) == 5
    for statement in STATEMENTS:
        assert statement.startswith(("You", "A ", "Touch", "When", "Something"))
        assert len(statement) <= 80 and statement.endswith(".")
        assert "you" in statement.lower()
    words = " ".join(STATEMENTS).lower()
    for sign in ("same argument", "silence", "touch", "heard", "hurt"):
        assert sign in words


def test_two_ticks_or_more_suggest_support():
    assert SUPPORT_AT == 2
    assert [suggests_support(ticked) for ticked in range(6)] == [False, False, True, True, True, True]


def test_the_kind_word_says_when_it_opens_and_never_nags():
    assert "five short statements" in offer_words(None, date(2026, 3, 14))
    waiting = offer_words(date(2026, 12, 15), date(2026, 12, 20))
    assert "15 December" in waiting and "15 January 2027" in waiting and "once a month" in waiting
    assert offer_words(date(2026, 12, 15), date(2027, 1, 15)) == offer_words(None, date(2027, 1, 15))


def test_the_session_keeps_only_the_day_of_the_check_in(tmp_path):
    session = PlaySession(tmp_path, clock=lambda: datetime(2026, 3, 14, 21, 30))
    session.note_checkin()
    session.saver.flush()
    session.close()
    assert session.history.last_checkin == date(2026, 3, 14)
    assert load_history(tmp_path).history.last_checkin == date(2026, 3, 14)
    document = history_to_document(session.history)
    assert document["last_checkin"] == date(2026, 3, 14)
    text = (tmp_path / "_history.toml").read_text()
    for statement in STATEMENTS:
        assert statement not in text
    assert "checkin" in text and "tick" not in text
