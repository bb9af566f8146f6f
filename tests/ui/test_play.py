"""Playing rounds with the Pilot, as a couple would: keys and clicks, asserting on the screen."""

from pathlib import Path

from textual.widgets import Button

from spark_game.core.play import COMPETITIVE, Phase, Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.dialogs import PrivacyScreen
from spark_game.ui.screens.round.play import PlayScreen
from spark_game.ui.screens.round.summary import SummaryScreen
from spark_game.ui.widgets.card_timer import CardTimer
from spark_game.ui.widgets.line_list import DeckList

from ..toolkit import HOSTILE_TEXTS, card, play_turns, visible_text, wait_for, wait_for_screen, write_deck

SIZE = (100, 32)


def quick_app(home: Home, deck_ids=("conversation", "playfulness"), turns=12, **kwargs) -> SparkApp:
    settings = Settings(("Ana", "Bo"), tuple(deck_ids), turns=turns, seed=5, **kwargs)
    return SparkApp(home, quick_start=settings)


async def test_a_whole_12_turn_round_from_new_round_to_summary(isolated_home):
    app = SparkApp(Home(isolated_home), seed=11)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, "NewRoundScreen")
        assert "Write both of your names." in visible_text(pilot)
        await pilot.press(*"Ana", "enter", *"ana")
        assert "Two different names" in visible_text(pilot)
        assert app.screen.query_one("#setup-start").disabled
        await pilot.press("backspace", "backspace", "backspace", *"Bo", "enter")
        await wait_for_screen(pilot, PlayScreen)
        for turn in range(1, 13):
            player = "Ana" if turn % 2 else "Bo"
            assert f"Turn {turn} of 12 · {player}'s turn" in visible_text(pilot)
            await pilot.press("s")
            assert app.screen.game.phase is Phase.CARD
            await pilot.press("enter")
            await pilot.press("2")
        assert "To close the round, together" in visible_text(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, SummaryScreen)
        text = visible_text(pilot)
        assert "12 cards done, 0 passed." in text
        first, second = app.screen.game.scores()
        assert f"Ana {first} points" in text and f"Bo {second} points" in text


async def test_arrows_and_enter_or_a_click_choose_a_deck(isolated_home):
    app = quick_app(Home(isolated_home), deck_ids=("conversation", "playfulness", "novelty"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        assert "1  Conversation\n2  Playfulness\n3  Novelty" in visible_text(pilot)
        await pilot.press("down", "down", "up", "enter")
        assert app.screen.game.deck.id == "playfulness"
        await pilot.press("enter", "1")  # done, and it landed
        assert "2  Playfulness  · played 1" in visible_text(pilot)
        await pilot.click("#deck-options", offset=(3, 3))  # the third line, inside the frame
        assert app.screen.game.deck.id == "novelty"


async def test_at_50x15_the_arrows_reach_the_last_deck_and_keep_it_in_view(isolated_home):
    decks = ("conversation", "playfulness", "novelty", "physical", "repair", "rituals", "good-news", "balance")
    app = quick_app(Home(isolated_home), deck_ids=decks)
    async with app.run_test(size=(50, 15)) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        deck_list = app.screen.query_one(DeckList)
        for _ in decks:
            await pilot.press("down")
        await pilot.pause()
        assert deck_list.highlighted == len(decks) - 1
        last_line = deck_list.region.y + deck_list.highlighted
        body = app.screen.query_one("#play-body").region
        assert body.y <= last_line < body.bottom, "the highlighted deck is scrolled into view"
        await pilot.press("enter")
        assert app.screen.game.deck.id == "balance"


async def test_passing_costs_nothing_and_offers_a_gentler_card(isolated_home):
    app = quick_app(Home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1")
        first_card = app.screen.game.card
        await pilot.press("p")
        game = app.screen.game
        assert game.phase is Phase.CARD and game.card != first_card and game.card.level <= first_card.level
        text = visible_text(pilot)
        gentler = game.card.level < first_card.level  # at the lowest level there is nothing gentler: just another
        assert ("Here's a gentler one." if gentler else "Here's another one.") in text
        assert "Turn 1 of 12 · Ana's turn" in text and "Spark 0/" in text  # a pass costs nothing


async def test_reactions_change_the_score(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "plain", [card(f"c{i}", f"Question {i}?", points=2) for i in range(6)])
    app = quick_app(home, deck_ids=("plain",), mode=COMPETITIVE)  # rivals: both scores on screen
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1", "enter")
        assert "Bo, how did that land for you?" in visible_text(pilot)
        await pilot.click("#react-2")  # "Loved it", with the mouse: 2 points + 2
        assert "Ana 4  ·  Bo 0" in visible_text(pilot)
        await pilot.press("1", "enter", "1")  # neutral: 2 points + 0
        assert "Ana 4  ·  Bo 2" in visible_text(pilot)
        await pilot.press("1", "enter", "2")  # warm: 2 + 1, and the third in a row adds 1
        assert "Ana 8  ·  Bo 2" in visible_text(pilot)


async def test_the_timer_counts_down_and_signals_at_zero(isolated_home):
    home = Home(isolated_home)
    write_deck(home, "timed", [card("gaze", "Look at each other.", seconds=5)])
    app = quick_app(home, deck_ids=("timed",))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1")
        timer = app.screen.query_one(CardTimer)
        assert "5s  (t to start)" in str(timer.content)
        await pilot.press("t")
        await wait_for(pilot, lambda: timer.remaining == 4, tries=400)
        assert "(t to pause)" in str(timer.content)
        await wait_for(pilot, lambda: timer.remaining == 0, tries=600)
        assert "Time!" in str(timer.content) and timer.has_class("finished")


async def test_the_privacy_key_blanks_the_screen_until_a_key(isolated_home):
    app = quick_app(Home(isolated_home))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1")
        await pilot.press("ctrl+b")
        assert isinstance(app.screen, PrivacyScreen)
        assert visible_text(pilot).strip() == ""
        await pilot.press("x")
        assert isinstance(app.screen, PlayScreen) and app.screen.game.phase is Phase.CARD


async def test_hostile_card_text_renders_literally_and_fires_nothing(isolated_home, tmp_path, monkeypatch):
    home = Home(isolated_home)
    write_deck(
        home, "hostile", [card(f"h{i}", text) for i, text in enumerate(HOSTILE_TEXTS)], name="[@click=app.quit]deck[/]"
    )
    monkeypatch.chdir(tmp_path)
    app = quick_app(home, deck_ids=("hostile",), turns=len(HOSTILE_TEXTS))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        seen = set()
        for _ in HOSTILE_TEXTS:
            await pilot.press("1")
            text = app.screen.game.card.text
            seen.add(text)
            assert text in visible_text(pilot)
            assert "[@click=app.quit]deck[/]" in visible_text(pilot)
            await pilot.click("#play-card", offset=(5, 4))
            await pilot.click("#play-card", offset=(10, 5))
            assert app.is_running and isinstance(app.screen, PlayScreen)
            await pilot.press("enter", "1")
        assert seen == set(HOSTILE_TEXTS)
        assert not list(Path(tmp_path).glob("*.svg"))


async def test_player_names_with_markup_show_literally(isolated_home):
    rivals = Settings(("[b]x[/b]", "{partner}"), ("conversation",), seed=1, mode=COMPETITIVE)  # both names shown
    app = SparkApp(Home(isolated_home), quick_start=rivals)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        text = visible_text(pilot)
        assert "[b]x[/b]'s turn" in text and "{partner} 0" in text


async def test_usable_in_a_tiny_terminal(isolated_home):
    app = quick_app(Home(isolated_home))
    async with app.run_test(size=(50, 15)) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1")
        assert app.screen.game.card.text[:20] in visible_text(pilot).replace("\n", " ")
        assert app.screen.query_one("#play-card").region.height >= 5
        await pilot.press("enter", "2", "e")
        await pilot.press("y", "enter")
        await wait_for_screen(pilot, SummaryScreen)


async def test_a_200_character_name_never_breaks_the_layout(isolated_home):
    long_name = "Maximiliane-" + "x" * 188
    app = SparkApp(Home(isolated_home), quick_start=Settings((long_name, "{me}"), ("conversation",), seed=4))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await pilot.press("1")
        card = app.screen.query_one("#play-card")
        assert card.region.height >= 5 and card.region.width <= 80
        assert app.screen.query_one("#play-turn").region.height == 1
        game = app.screen.game
        assert game.personalise(game.card.text) in visible_text(pilot)
        await pilot.press("enter")
        assert "{me}, how did that land for you?" in visible_text(pilot)


async def test_the_closing_card_s_done_button_shows_its_whole_label(isolated_home):
    app = quick_app(Home(isolated_home), turns=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, PlayScreen)
        await play_turns(pilot, 2)
        assert "To close the round, together" in visible_text(pilot)
        done = app.screen.query_one("#button-done", Button)
        assert str(done.label) == "Done: see our round"
        assert done.content_size.width >= len("Done: see our round"), "the label isn't cut to the old width"
