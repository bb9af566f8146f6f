"""The keepsake: one page to keep, with nothing from outside and nothing private."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from spark_game.core.decks.model import Card, Deck
from spark_game.core.keeping.keepsake import (
    NothingToKeep,
    Scope,
    build_keepsake,
    read_rounds,
    write_keepsake,
)
from spark_game.core.keeping.page import heat_map, render_html, render_markdown, templates
from spark_game.core.pair.history import PLAN_DONE, PairHistory
from spark_game.core.pair.history_file import HistoryWriter, history_to_document
from spark_game.core.play import Phase, Round, Settings, new_round
from spark_game.core.saves import save_document, summarise, write_save

from ..toolkit import run_cli

TODAY = date(2026, 3, 20)
FIRST, SECOND = datetime(2026, 3, 6, 20, 0), datetime(2026, 3, 13, 20, 0)
HOSTILE = "<script>alert(1)</script> [/] [@click=app.quit]x & \x1b]52;c;eA==\x07"

TALK = Deck(
    "talk",
    "Talk",
    (
        Card("lake", "question", 1, 2, "LOVED: where would you take {partner} on a day off?"),
        Card("worry", "question", 1, 2, "NOT FOR US: the worry card"),
        Card("plain", "question", 1, 2, "MEH: a card nobody loved"),
    ),
)
SPICE = Deck("spice", "Spice", (Card("blind", "question", 1, 2, "SPICE: the blindfold card"),), mature=True)
NOTES = {"lake": "Bo's answer: the lake", "worry": "NOTE ON A CARD SET ASIDE", "blind": "SPICY NOTE"}


def play(deck_ids: tuple[str, ...], order: list[str], seed: int = 3, hostile: bool = False) -> Round:
    """Ana and Bo play the given decks in order; a card they love gets 2, and its note."""
    decks = {deck.id: deck for deck in (TALK, SPICE) if deck.id in deck_ids}
    game = new_round(Settings(("Ana", "Bo"), deck_ids, turns=len(order), seed=seed), decks)
    for deck_id in order:
        card = game.choose_deck(deck_id)
        if card.id in NOTES:
            game.write_note(HOSTILE if hostile and card.id == "lake" else NOTES[card.id])
        game.complete()
        game.react(0 if card.id == "plain" else 2)
    game.complete()  # the closing moment
    assert game.phase is Phase.OVER
    return game


def seed_home(saves: Path, *, hostile: bool = False) -> PairHistory:
    """Two finished rounds (the second with the opt-in deck), a plan kept, one card "not for us"."""
    history = PairHistory()
    for save_id, moment, game in [
        ("a1a1a1a1", FIRST, play(("talk",), ["talk"] * 3, hostile=hostile)),
        ("b2b2b2b2", SECOND, play(("talk", "spice"), ["spice", "talk"])),
    ]:
        write_save(saves / f"ana-and-bo-{save_id}.toml", save_document(game, summarise(game, save_id, moment, moment)))
        history.note_finished(game, moment.date(), save_id)
    history.retire("talk", "Talk", TALK.card("worry"))
    kept = history.add_plan("the Elm Street walk <b>", date(2026, 3, 8), FIRST.date(), "a1a1a1a1")
    history.settle_plan(kept.id, PLAN_DONE, date(2026, 3, 8))
    history.add_plan("a plan still open", date(2026, 3, 28), FIRST.date(), "a1a1a1a1")
    spicy = history.add_plan("SPICY NOTE", None, SECOND.date(), "b2b2b2b2")  # made from the spice card's note
    history.settle_plan(spicy.id, PLAN_DONE, SECOND.date())
    return history


@pytest.fixture
def home(tmp_path) -> tuple[Path, PairHistory]:
    saves = tmp_path / "home" / "saves"
    saves.mkdir(parents=True)
    history = seed_home(saves)
    HistoryWriter(saves, history_to_document(PairHistory())).write(history_to_document(history))
    return saves, history


def page(saves: Path, history: PairHistory, scope: Scope | None = None, **options: bool) -> str:
    return render_html(build_keepsake(history, read_rounds(saves), scope or Scope(), TODAY, **options))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_the_page_references_nothing_outside(home):
    text = page(*home)
    assert "http" not in text.lower()
    assert not re.search(r"\b(src|href)\s*=", text) and "url(" not in text and "@import" not in text
    tags = _Tags()
    tags.feed(text)
    assert {"script", "link", "img", "iframe", "object", "embed"}.isdisjoint(tags.tags)
    assert "svg" in tags.tags and tags.tags.count("rect") == 26  # the weeks, drawn in the page


def test_the_chosen_round_has_its_loved_cards_notes_and_plans_kept(home):
    text = page(*home, scope=Scope(round_id="a1a1a1a1"))
    assert "LOVED: where would you take Bo on a day off?" in text  # as shown: the names filled in
    assert "Bo&#39;s answer: the lake" in text
    assert "the Elm Street walk &lt;b&gt;" in text
    assert "a plan still open" not in text  # open plans are for the calendar, not the keepsake
    assert "MEH" not in text  # neither loved nor noted
    assert "Friday 6 March 2026" in text


def test_retired_cards_and_their_notes_never_appear(home):
    for scope in (Scope(), Scope(round_id="a1a1a1a1"), Scope(year=2026)):
        for spice in (False, True):
            text = page(*home, scope=scope, with_spice=spice)
            assert "NOT FOR US" not in text and "NOTE ON A CARD SET ASIDE" not in text


def test_no_spice_without_asking(home):
    plain = page(*home)
    assert "SPICE" not in plain and "SPICY NOTE" not in plain and "Spice" not in plain
    spicy = page(*home, with_spice=True)
    assert "SPICE: the blindfold card" in spicy and "SPICY NOTE" in spicy
    assert "SPICE" not in render_markdown(build_keepsake(home[1], read_rounds(home[0]), Scope(), TODAY))


def test_spice_played_from_our_favourites_stays_out_too(home):
    saves, history = home
    favourites = Deck("favourites", "Our favourites", (Card("fav-1", "question", 1, 2, "SPICE: the blindfold card"),))
    game = new_round(Settings(("Ana", "Bo"), ("favourites",), turns=1, seed=1), {"favourites": favourites})
    game.choose_deck("favourites")
    game.complete()
    game.react(2)
    game.complete()
    moment = datetime(2026, 3, 14, 20, 0)
    write_save(saves / "ana-and-bo-c3c3c3c3.toml", save_document(game, summarise(game, "c3c3c3c3", moment, moment)))
    assert "SPICE" not in page(saves, history)


def test_hostile_text_is_escaped_never_markup(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    history = seed_home(saves, hostile=True)
    history.names = ("Ana<i>", "Bo")
    text = page(saves, history)
    assert "<script" not in text and "<i>" not in text and "\x1b" not in text and "\x07" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [/] [@click=app.quit]x &amp; ]52;c;eA==" in text
    markdown = render_markdown(build_keepsake(history, read_rounds(saves), Scope(), TODAY))
    body = markdown.split("\n", 1)[1]  # after the marker comment
    assert not re.search(r"(?<!\\)[<\[\]&]", body) and "\x1b" not in markdown  # every one backslash-escaped
    assert r"\<script\>alert(1)\</script\> \[/\] \[@click=app.quit\]x \& \]52;c;eA==" in markdown


def test_the_markdown_keepsake(home):
    saves, history = home
    markdown = render_markdown(build_keepsake(history, read_rounds(saves), Scope(year=2026), TODAY))
    assert markdown.startswith("<!-- spark-game keepsake -->\n# Ana \\& Bo\n")
    assert "## Cards we loved" in markdown and "LOVED: where would you take Bo on a day off?" in markdown
    assert "> “Bo's answer: the lake”" in markdown
    assert "## Plans we kept" in markdown and "the Elm Street walk \\<b\\>" in markdown
    assert "weekly streak: 2" in markdown and "2 rounds" in markdown
    assert "http" not in markdown


def test_a_scope_with_no_round_says_so(home):
    saves, history = home
    with pytest.raises(NothingToKeep, match="no rounds played in 2019"):
        build_keepsake(history, read_rounds(saves), Scope(year=2019), TODAY)
    with pytest.raises(NothingToKeep, match="no saved round with id nope"):
        build_keepsake(history, read_rounds(saves), Scope(round_id="nope"), TODAY)


def test_a_year_draws_its_weeks(home):
    saves, history = home
    keepsake = build_keepsake(history, read_rounds(saves), Scope(year=2026), TODAY)
    assert len(keepsake.weeks) == 12 and sum(keepsake.weeks) == 2  # 29 Dec 2025 (Jan 1's week) to 16 Mar 2026
    write_keepsake(saves.parent / "k.html", keepsake)
    assert render_html(keepsake).count("<rect") == 12


# --------------------------------------------------------------------------- spark-game keepsake


def test_spark_game_keepsake_html_markdown_and_spice(home, tmp_path):
    root = home[0].parent
    target = tmp_path / "out" / "keepsake.html"
    result = run_cli("keepsake", "--round", "a1a1a1a1", str(target), home=root)
    assert result.returncode == 0, result.stderr
    assert "1 round, 1 loved card, 1 plan kept" in result.stdout
    text = target.read_text()
    assert "LOVED" in text and "http" not in text
    assert run_cli("keepsake", str(target), home=root).returncode == 0  # Spark's own file: written over
    markdown = tmp_path / "keepsake.txt"
    assert run_cli("keepsake", "--markdown", "--year", "2026", str(markdown), home=root).returncode == 0
    assert markdown.read_text().startswith("<!-- spark-game keepsake -->")
    assert "SPICE" not in markdown.read_text()
    assert run_cli("keepsake", "--with-spice", str(target), home=root).returncode == 0
    assert "SPICE: the blindfold card" in target.read_text()


def test_spark_game_keepsake_says_no_in_one_line(home, tmp_path):
    root = home[0].parent
    stranger = tmp_path / "letter.html"
    stranger.write_text("<p>ours</p>")
    for args, words, code in [
        (["--year", "2019", str(tmp_path / "k.html")], "no rounds played in 2019", 2),
        (["--round", "nope", str(tmp_path / "k.html")], "no saved round with id nope", 2),
        ([str(tmp_path)], "is a folder; give a file name", 1),
        ([str(stranger)], "isn't a file Spark wrote", 1),
    ]:
        result = run_cli("keepsake", *args, home=root)
        assert result.returncode == code, result.stderr
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert stranger.read_text() == "<p>ours</p>"
    assert not (tmp_path / "k.html").exists()


def test_a_name_with_a_script_and_quotes_is_shown_as_text(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    keepsake = build_keepsake(seed_home(saves), read_rounds(saves), Scope(), TODAY)
    names = ('Ana <script>alert("hi")</script>', 'Bo "the bold"')  # the players' names, as the last round has them
    text = render_html(dataclasses.replace(keepsake, names=names))
    assert "<script" not in text and '"the bold"' not in text
    heading = re.search(r"<h1>(.*?)</h1>", text)
    assert heading is not None
    assert heading[1] == "Ana &lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt; &amp; Bo &#34;the bold&#34;"
    tags = _Tags()
    tags.feed(text)
    assert "script" not in tags.tags


def test_the_page_is_drawn_from_templates_shipped_in_the_package():
    environment = templates()
    assert {"keepsake.html.j2", "keepsake.md.j2", "keepsake.css"} <= set(environment.list_templates())
    assert (
        environment.get_template("keepsake.html.j2")
        .render(
            {"marker": "", "pair": "<b>", "heading": "", "spice": "", "numbers": [], "heat": heat_map([0], TODAY)}
            | {"cards": [], "notes": [], "plans": [], "rounds": [], "made": ""}
        )
        .count("&lt;b&gt;")
        == 2
    )  # autoescape is on for the page: the title and the heading
