"""Hands through the screens: offered with h, a code and address each, a phone's brake and reaction on the table."""

import aiohttp
import pytest

from spark_game.core.play import Phase, Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.round.hands import HandsScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import card, visible_text, wait_for, wait_for_screen, write_deck

SIZE = (80, 24)
TAGS = ("talk", "money")


async def test_a_phone_brakes_and_reacts_and_the_table_never_says_who(isolated_home):
    home = Home(isolated_home)
    cards = [card(f"h{level}-{i}", f"Level {level} card {i}.", level=level) for level in (1, 2, 3) for i in range(3)]
    write_deck(home, "steps", cards)
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("steps",), ceiling=3, turns=4, seed=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        play = app.screen
        await pilot.press("h")
        await wait_for_screen(pilot, HandsScreen)
        assert "This computer only" in visible_text(pilot)
        await pilot.click("#hands-local")
        await wait_for(pilot, lambda: isinstance(app.screen, HandsScreen) and "Ana's hand" in visible_text(pilot))
        server = play.hands.server
        shown = visible_text(pilot)
        assert "Bo's hand" in shown and shown.count("not joined yet") == 2
        address = server.address(1)
        origin = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as session:
            bo = await session.ws_connect(address.replace("http://", "ws://") + "/ws", headers={"Origin": origin})
            await wait_for(pilot, lambda: "✓ joined" in visible_text(pilot))
            await pilot.press("escape")
            await wait_for_screen(pilot, PlayScreen)
            await bo.send_json({"id": "bo-brake-0001", "do": "brake"})
            await wait_for(pilot, lambda: play.game.ceiling == 2)
            text = visible_text(pilot)
            assert "Taking it gentler" in text and "Bo" not in text.split("Taking it gentler")[1].split("\n")[0]
            await pilot.press("enter")  # Ana's card is done: Bo reacts, from his phone
            await wait_for(pilot, lambda: play.game.phase is Phase.REACT)
            await bo.send_json({"id": "bo-react-0001", "do": "react", "value": 2})
            await wait_for(pilot, lambda: play.game.history and play.game.history[-1].reaction == 2)
            assert play.game.turn == 2  # one deck: Bo's card is already on the table
            await bo.close()
        await pilot.press("q")
        await wait_for(pilot, lambda: play.hands.server is None and not server.running)


async def test_on_one_screen_an_aloud_secret_card_shows_its_choices_and_a_hands_only_card_never_comes(isolated_home):
    home = Home(isolated_home)
    cards = [
        card("order", "What would {partner} order first?", kind="secret", options=["the usual", "the strangest"]),
        card("menu", "Tonight's menu of ideas.", kind="wishes", options=["a walk", "a bath", "a dance"]),
        card("guess", "Type what {me} would answer.", kind="secret"),
    ]
    write_deck(home, "secrets", cards)
    cards[0]["aloud"] = True
    write_deck(home, "aloud", cards[:1])
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("aloud", "secrets"), turns=None, seed=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        game = app.screen.game
        assert "2  Secrets" in visible_text(pilot) and not game.can_serve("secrets")  # greyed: nothing plays unphoned
        await pilot.press("2")
        await pilot.pause()
        assert game.phase is Phase.CHOOSE
        await pilot.press("1")
        await wait_for(pilot, lambda: "· the strangest" in visible_text(pilot))
        shown = visible_text(pilot)
        assert "What would Bo order first?" in shown and "· the usual" in shown
        assert "Both of you, aloud and at once" in shown


async def both_hands(session: aiohttp.ClientSession, server) -> list[aiohttp.ClientWebSocketResponse]:
    """Ana's and Bo's hands joined over the websocket, from the page's own origin."""
    origin = f"http://127.0.0.1:{server.port}"
    return [
        await session.ws_connect(server.address(p).replace("http://", "ws://") + "/ws", headers={"Origin": origin})
        for p in (0, 1)
    ]


async def latest_view(socket) -> dict:
    """The newest view a hand has been sent: views until none comes for a fifth of a second."""
    view = None
    while True:
        try:
            message = await socket.receive_json(timeout=5 if view is None else 0.2)
        except TimeoutError:
            return view
        view = message.get("view", view)


async def test_a_secret_answer_and_wishes_reveal_only_when_both_are_in_and_only_the_shared_yeses(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "plain", [card("p1", "A plain card.")])
    hands_cards = [
        card("order", "What would {partner} order first?", kind="secret", options=["the usual", "the strangest"]),
        card("menu", "Tonight's menu of ideas.", kind="wishes", options=["a walk", "a bath", "a dance", "a film"]),
    ]
    write_deck(home, "phones", hands_cards)
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("plain", "phones"), turns=None, seed=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        play = app.screen
        assert not play.game.can_serve("phones")  # until both phones are at the table
        await play.hands.open(lan=False)
        await wait_for_screen(pilot, HandsScreen)
        server = play.hands.server
        async with aiohttp.ClientSession() as session:
            ana, bo = await both_hands(session, server)
            await pilot.press("escape")
            await wait_for_screen(pilot, PlayScreen)
            await wait_for(pilot, lambda: play.game.can_serve("phones"))
            revealed = {}
            for intent_id in ("first-card", "second-card"):
                await pilot.press("2")
                await wait_for(pilot, lambda: play.game.phase is Phase.CARD)
                kind = play.game.card.kind
                assert "answering on their phone" in visible_text(pilot)
                first = ["yes", "yes", "maybe", "no"] if kind == "wishes" else "the strangest"
                second = ["no", "yes", "yes", "maybe"] if kind == "wishes" else "the usual"
                await ana.send_json({"id": f"ana-{intent_id}", "do": "answer", "value": first})
                await wait_for(pilot, lambda: "Ana: answered ✓" in visible_text(pilot))
                shown = visible_text(pilot)
                assert "the strangest" not in shown.split("Ana: answered")[1] and "Bo: answering" in shown
                bo_view = await latest_view(bo)
                assert bo_view["reveal"] == "" and "answer" in bo_view["actions"]  # nothing of Ana's on Bo's phone
                await pilot.press("enter")  # Done is not allowed before the reveal
                assert play.game.phase is Phase.CARD
                await bo.send_json({"id": f"bo-{intent_id}", "do": "answer", "value": second})
                await wait_for(pilot, lambda: "Both answers are in." in visible_text(pilot))
                revealed[kind] = visible_text(pilot)
                await pilot.press("enter")
                await wait_for(pilot, lambda: play.game.phase is Phase.REACT)
                await pilot.press("2")
                await wait_for(pilot, lambda: play.game.phase is Phase.CHOOSE)
            assert "Ana: the strangest" in revealed["secret"] and "Bo: the usual" in revealed["secret"]
            assert "You both want: a bath; a dance" in revealed["wishes"]  # yes+yes, yes+maybe; never a walk or a film
            assert "a walk" not in revealed["wishes"].split("You both want")[1]
            await ana.close()
            await bo.close()


async def test_at_50_columns_the_hands_offer_stacks_its_choices_whole(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "plain", [card("p1", "A plain card.")])
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("plain",), turns=None, seed=2))
    async with app.run_test(size=(50, 15)) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("h")
        await wait_for_screen(pilot, HandsScreen)
        await pilot.pause()
        buttons = list(app.screen.query(".hands-buttons Button"))
        assert len(buttons) == 3 and len({button.region.x for button in buttons}) == 1  # one above the other
        assert all(button.size.width >= len(str(button.label)) + 2 for button in buttons)  # no label cut


async def test_limits_set_from_one_phone_send_the_other_phone_nothing_and_the_table_stays_as_it_was(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "plain", [card(f"{tag}-{n}", f"Card {tag[0]}{n}.", tags=[tag]) for tag in TAGS for n in range(3)])
    write_deck(home, "other", [card("o1", "Another card.", tags=["talk"])])
    app = SparkApp(home, quick_start=Settings(("Ana", "Bo"), ("plain", "other"), turns=None, seed=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        play = app.screen
        await play.hands.open(lan=False)
        await wait_for_screen(pilot, HandsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayScreen)
        server = play.hands.server
        async with aiohttp.ClientSession() as session:
            ana, bo = await both_hands(session, server)
            assert "alone" in await latest_view(ana) and await latest_view(bo)
            table_before = visible_text(pilot)
            await ana.send_json({"id": "ana-limits-open", "do": "limits-open"})
            opened = (await latest_view(ana))["alone"]["limits"]
            assert ["money", "money"] in opened["topics"] and opened["chosen"] == []
            save = {"tags": ["money"], "secret": "482159"}
            await ana.send_json({"id": "ana-limits-save", "do": "limits-save", "value": save})
            await ana.send_json({"id": "ana-limits-save", "do": "limits-save", "value": save})  # a resend: once
            saved = await latest_view(ana)
            assert saved["alone"]["note"].startswith("Saved privately") and saved["alone"]["limits"] is None
            assert app.history.sealed_limits("Ana") is not None and len(play.game.withheld["plain"]) == 3
            assert app.history.sealed_limits("Bo") is None
            with pytest.raises(TimeoutError):  # not a message, not even a repeat of his view
                await bo.receive_json(timeout=0.5)
            assert visible_text(pilot) == table_before  # no deck wholly covered: nothing changed on the table
            await ana.close()
            await bo.close()
