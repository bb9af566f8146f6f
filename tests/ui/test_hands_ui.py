"""Hands through the screens: offered with h, a code and address each, a phone's brake and reaction on the table."""

import aiohttp

from spark_game.core.play import Phase, Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.round.hands import HandsScreen
from spark_game.ui.screens.round.play import PlayScreen

from ..toolkit import card, visible_text, wait_for, wait_for_screen, write_deck

SIZE = (80, 24)


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
