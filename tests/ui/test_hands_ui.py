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
