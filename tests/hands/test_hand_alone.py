"""A partner alone on their hand: their limits and the check-in, seen by them only, applied to the round in play."""

import asyncio
import json
from datetime import date, datetime

import pytest

from spark_game.core.decks.model import Card, Deck
from spark_game.core.hands import AloneIntent, Corners, HandTable
from spark_game.core.pair import limits
from spark_game.core.pair.checkin import OUTSIDE_HELP, STATEMENTS, TOWARDS_HELP, WARM
from spark_game.core.pair.limits import SealedLimits
from spark_game.core.play import Action, Settings
from spark_game.core.session.play_session import PlaySession

from ..toolkit import opened_list

TODAY = datetime(2026, 12, 4, 21, 0)
TAGS = ["alcohol", "money", "talk", "laugh"]


@pytest.fixture
def quick_scrypt(monkeypatch):
    """The same derivation, with a cost a test can afford many times."""
    monkeypatch.setitem(limits.SCRYPT, "n", 2**10)


@pytest.fixture
def table(tmp_path, quick_scrypt):
    cards = tuple(
        Card(id=f"c{i}", kind="question", level=1, points=1, text=f"card {i}", tags=(tag,))
        for i, tag in enumerate(TAGS * 4)
    )
    session = PlaySession(tmp_path, clock=lambda: TODAY)
    session.start(Settings(("Ana", "Bo"), ("d",), turns=None, seed=3), {"d": Deck(id="d", name="D", cards=cards)})
    corners = Corners(session, ("Ana", "Bo"), TAGS)
    return HandTable(("Ana", "Bo"), corners), corners, session


async def ask(corners: Corners, player: int, name: str, value: object = None) -> bool:
    return await corners.handle(player, AloneIntent(name, value))


def views(table: HandTable, session: PlaySession) -> list[str]:
    return [json.dumps(table.view(session.round, player)) for player in (0, 1)]


async def test_limits_set_on_a_hand_are_kept_sealed_and_leave_their_cards_out_from_the_next_card(table):
    table, corners, session = table
    assert session.round.withheld == {}
    await ask(corners, 0, "limits-open")
    mine = table.view(session.round, 0)["alone"]["limits"]
    assert not mine["locked"] and not mine["has_list"] and mine["chosen"] == [] and ["money", "money"] in mine["topics"]
    assert await ask(corners, 0, "limits-save", {"tags": ["money"], "secret": "482159"})
    assert session.history.sealed_limits("Ana").sealed_by_secret
    assert session.round.withheld == {"d": frozenset(f"c{i}" for i in range(1, 16, 4))}
    after = table.view(session.round, 0)["alone"]
    assert after["panel"] == "" and after["limits"] is None and after["note"].startswith("Saved privately")
    for _ in range(8):
        session.act(Action.CHOOSE, "d")
        assert "money" not in session.round.card.tags
        session.act(Action.COMPLETE)
        session.act(Action.REACT, 1)
    assert all("money" not in view for view in views(table, session))  # closed again, on both hands


async def test_a_partner_sees_their_own_list_only_with_their_secret_and_never_the_others(table):
    table, corners, session = table
    await session.set_limits("Ana", ["money"], "482159")
    await session.set_limits("Bo", ["alcohol"], "bo likes long passphrases")
    for player in (0, 1):
        await ask(corners, player, "limits-open")
    assert [table.view(session.round, p)["alone"]["limits"]["locked"] for p in (0, 1)] == [True, True]
    assert not await ask(corners, 0, "limits-save", {"tags": [], "secret": ""})  # locked: not even cleared
    assert not await ask(corners, 0, "limits-clear")
    assert session.history.sealed_limits("Ana") is not None
    assert not await ask(corners, 0, "limits-unlock", "bo likes long passphrases")  # Bo's secret opens Ana's nothing
    assert table.view(session.round, 0)["alone"]["note"] == "That doesn't open the list."
    assert await ask(corners, 0, "limits-unlock", "482159")
    ana, bo = (table.view(session.round, p)["alone"] for p in (0, 1))
    assert ana["limits"]["chosen"] == ["money"] and ana["limits"]["keeps"]
    assert bo["limits"]["chosen"] == [] and bo["limits"]["locked"]
    assert "chosen" not in json.dumps(table.view(session.round, 1)).replace('"chosen": []', "")
    assert await ask(corners, 0, "limits-save", {"tags": ["money", "laugh"], "secret": ""})  # blank keeps the secret
    assert opened_list(session.history.sealed_limits("Ana"), "482159", TAGS) == ["laugh", "money"]


async def test_a_wrong_secret_counts_towards_the_wait_as_on_the_screen(table):
    table, corners, session = table
    await session.set_limits("Ana", ["money"], "482159")
    await ask(corners, 0, "limits-open")
    for _ in range(limits.FREE_TRIES):
        await ask(corners, 0, "limits-unlock", "000000")
    assert "next try can be made in 30 s" in table.view(session.round, 0)["alone"]["note"]
    assert not await ask(corners, 0, "limits-unlock", "482159")  # even the right one waits
    assert session.history.sealed_limits("Ana").failures == limits.FREE_TRIES


@pytest.mark.parametrize(
    "value",
    [
        {"tags": ["not-a-tag"], "secret": "482159"},
        {"tags": "money", "secret": "482159"},
        {"tags": ["money"], "secret": 482159},
        ["money"],
        None,
    ],
)
async def test_a_save_that_does_not_fit_changes_nothing(table, value):
    table, corners, session = table
    await ask(corners, 0, "limits-open")
    assert not await ask(corners, 0, "limits-save", value)
    assert session.history.sealed_limits("Ana") is None and session.round.withheld == {}


async def test_a_short_secret_is_refused_with_the_rule(table):
    table, corners, session = table
    await ask(corners, 0, "limits-open")
    assert not await ask(corners, 0, "limits-save", {"tags": ["money"], "secret": "1234"})
    assert table.view(session.round, 0)["alone"]["note"] == limits.SECRET_RULE
    assert session.history.sealed_limits("Ana") is None


async def test_a_limits_intent_replayed_is_applied_once(table):
    table, _, session = table
    hand = table.hands[0]
    message = {"id": "ana-open-0001", "do": "limits-open"}
    assert table.receive(hand, message, session.round) == AloneIntent("limits-open")
    assert table.receive(hand, message, session.round) is None


async def test_the_secret_is_tried_off_the_loop_so_the_table_keeps_playing(tmp_path):
    """The real derivation (about 0.4 s): the loop goes on ticking while it runs."""
    session = PlaySession(tmp_path, clock=lambda: TODAY)
    session.history.keep_limits("Ana", SealedLimits.sealed_with_key(["money"], "482159")[0])
    corners = Corners(session, ("Ana", "Bo"), TAGS)
    await ask(corners, 0, "limits-open")
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    opened = await ask(corners, 0, "limits-unlock", "482159")
    ticker.cancel()
    assert opened and ticks >= 5


async def test_a_second_try_while_one_is_running_waits_its_turn(table):
    table, corners, session = table
    await session.set_limits("Ana", ["money"], "482159")
    await ask(corners, 0, "limits-open")
    first = asyncio.create_task(ask(corners, 0, "limits-unlock", "000000"))
    await asyncio.sleep(0)
    assert not await ask(corners, 0, "limits-unlock", "111111")  # turned away at once, not counted
    await first
    assert session.history.sealed_limits("Ana").failures == 1


async def test_the_check_in_shows_both_the_same_page_and_keeps_only_the_day(table):
    table, corners, session = table
    assert [table.view(session.round, p)["alone"]["checkin"]["state"] for p in (0, 1)] == ["offer", "offer"]
    await ask(corners, 0, "checkin-open")
    ticking = table.view(session.round, 0)["alone"]["checkin"]
    assert ticking["state"] == "ticking" and ticking["statements"] == list(STATEMENTS)
    assert "statements" not in table.view(session.round, 1)["alone"]["checkin"]
    await ask(corners, 0, "checkin-send", [0, 3])
    assert table.view(session.round, 0)["alone"]["checkin"]["state"] == "sent"
    assert table.view(session.round, 1)["alone"]["checkin"]["words"].startswith("Ana has checked in.")
    assert session.history.last_checkin is None  # one partner alone keeps nothing
    await ask(corners, 1, "checkin-open")
    await ask(corners, 1, "checkin-send", [])
    pages = [table.view(session.round, p)["alone"]["checkin"] for p in (0, 1)]
    assert pages[0] == pages[1] == {"state": "page", "page": "support", "words": TOWARDS_HELP}
    assert session.history.last_checkin == date(2026, 12, 4)
    assert all("[0, 3]" not in view and OUTSIDE_HELP not in view for view in views(table, session))
    await ask(corners, 0, "checkin-close")
    closed = table.view(session.round, 0)["alone"]["checkin"]
    assert closed["state"] == "" and "next quiet check-in opens on 4 January" in closed["words"]
    assert table.view(session.round, 1)["alone"]["checkin"]["state"] == "page"  # Bo still reads it


async def test_a_check_in_with_one_tick_each_ends_in_thanks(table):
    table, corners, session = table
    for player in (0, 1):
        await ask(corners, player, "checkin-open")
        await ask(corners, player, "checkin-send", [player])
    assert table.view(session.round, 1)["alone"]["checkin"] == {"state": "page", "page": "thanks", "words": WARM}


@pytest.mark.parametrize("ticks", [[5], [-1], ["0"], "0,1", [True]])
async def test_ticks_that_are_not_the_statements_are_refused(table, ticks):
    table, corners, session = table
    await ask(corners, 0, "checkin-open")
    await ask(corners, 0, "checkin-send", ticks)
    assert table.view(session.round, 0)["alone"]["checkin"]["state"] == "ticking"


async def test_a_month_after_a_check_in_it_is_not_offered_and_can_not_be_opened(table):
    table, corners, session = table
    session.history.last_checkin = date(2026, 11, 20)
    await ask(corners, 0, "checkin-open")
    checkin = table.view(session.round, 0)["alone"]["checkin"]
    assert checkin["state"] == "" and "opens on 20 December" in checkin["words"]


async def test_opening_the_check_in_closes_an_open_list_behind_its_secret(table):
    table, corners, session = table
    await session.set_limits("Ana", ["money"], "482159")
    await ask(corners, 0, "limits-open")
    await ask(corners, 0, "limits-unlock", "482159")
    await ask(corners, 0, "checkin-open")
    await ask(corners, 0, "checkin-stop")
    await ask(corners, 0, "limits-open")
    assert table.view(session.round, 0)["alone"]["limits"]["locked"]


async def test_without_corners_or_after_the_round_a_hand_asks_nothing_of_its_own(table):
    table, _, session = table
    message = {"id": "ana-open-0002", "do": "limits-open"}
    assert HandTable(("Ana", "Bo")).receive(table.hands[0], message, session.round) is None
    assert table.receive(table.hands[0], message, None) is None
