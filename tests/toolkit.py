"""What the tests share: rounds to play in plain Python, and a couple at the keyboard through the Pilot.

Core: hypothesis strategies for decks, rounds and card texts, `simple_round`, and drivers
that play a round from a list of numbers (`step`, `drive`, `play`) or with
plain done turns (`take_turns`). Deck files: `GOOD`, `write`, `write_deck`,
`card`. Pilot: `visible_text`, `toasts`, `wait_for`, `wait_for_screen`,
`play_turns`. Test modules import from here, never from one another.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import tomli_w
from hypothesis import strategies as st
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Button

from spark_game.core.decks.checks import unknown_placeholders
from spark_game.core.decks.model import ANSWERERS, HAND_KINDS, KINDS, Card, Deck
from spark_game.core.files.text import clean_text
from spark_game.core.play import COMPETITIVE, COOPERATIVE, Phase, Round, Settings, new_round
from spark_game.paths import Home
from spark_game.ui.widgets.line_list import LineList
from spark_game.ui.widgets.scoreboard import Scoreboard

# ---------------------------------------------------------------------------
# Rounds in plain Python
# ---------------------------------------------------------------------------


@st.composite
def decks(draw, deck_id: str) -> Deck:
    """A deck of 1 to 12 cards of any kind a table can play, level, points and answerer (a secret one aloud)."""
    levels = draw(st.lists(st.integers(1, 3), min_size=1, max_size=12))
    kinds = [draw(st.sampled_from([kind for kind in KINDS if kind != "wishes"])) for _ in levels]
    cards = tuple(
        Card(
            id=f"{deck_id}-{i}",
            kind=kind,
            level=level,
            points=draw(st.integers(1, 5)),
            answerer="both" if kind == "secret" else draw(st.sampled_from(ANSWERERS)),
            text=f"card {i} of {deck_id} for {{me}} and {{partner}}",
            aloud=kind == "secret",
        )
        for i, (level, kind) in enumerate(zip(levels, kinds, strict=True))
    )
    return Deck(id=deck_id, name=deck_id.title(), cards=cards)


def card_texts(max_size: int = 120) -> st.SearchStrategy[str]:
    """Any text a card can say, as the loader keeps it: clean, stripped, no placeholder but {me} and {partner}."""
    return (
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc", "Cf")) | st.just("\n") | st.sampled_from("\"'\\[]{}#,;-"),
            min_size=1,
            max_size=max_size,
        )
        .map(str.strip)
        .filter(lambda text: bool(text) and clean_text(text).strip() == text and not unknown_placeholders(text))
    )


@st.composite
def rounds(draw) -> tuple[Settings, dict[str, Deck], list[int]]:
    """Settings, their decks and a list of choices: the arguments of `play`."""
    count = draw(st.integers(1, 3))
    deck_map = {f"d{i}": draw(decks(f"d{i}")) for i in range(count)}
    ceiling = draw(st.integers(1, 3))
    if not any(c.level <= ceiling for d in deck_map.values() for c in d.cards):
        ceiling = 3
    chosen = Settings(
        players=("Ana", "Bo"),
        deck_ids=tuple(deck_map),
        ceiling=ceiling,
        turns=draw(st.none() | st.integers(1, 20)),
        mode=draw(st.sampled_from([COOPERATIVE, COMPETITIVE])),
        seed=draw(st.integers(0, 2**32)),
    )
    actions = draw(st.lists(st.integers(0, 99), min_size=1, max_size=80))
    return chosen, deck_map, actions


def simple_round(turns: int | None = 12, ceiling: int = 3, **kwargs) -> Round:
    """Ana and Bo with one deck "d" of six question cards at each level, seed 7."""
    cards = tuple(
        Card(id=f"c{level}-{i}", kind="question", level=level, points=2, text="t")
        for level in (1, 2, 3)
        for i in range(6)
    )
    deck = Deck(id="d", name="D", cards=cards)
    return new_round(Settings(("Ana", "Bo"), ("d",), ceiling=ceiling, turns=turns, seed=7, **kwargs), {"d": deck})


CardCheck = Callable[[Round, Card], None]


def step(game: Round, action: int, check: CardCheck | None = None) -> bool:
    """Make the move the number `action` stands for; False once the round is over.

    Choosing: a multiple of 4 is "surprise me", anything else picks a playable
    deck. A card: a multiple of 3 passes, anything else is done (and a
    multiple of 7 marks it a favourite first). Reacting: `action % 3`. The
    closing card is done. `check(game, card)` sees every card drawn.
    """
    card: Card | None = None
    if game.phase is Phase.OVER:
        return False
    if game.phase is Phase.CLOSE:
        game.complete()
    elif game.phase is Phase.CHOOSE:
        playable = game.playable_decks()
        card = game.choose_deck(None if action % 4 == 0 else playable[action % len(playable)])
    elif game.phase is Phase.CARD:
        if action % 3 == 0:
            card = game.pass_card()
        else:
            if action % 7 == 0:
                game.toggle_favourite()
            game.complete()
    else:
        game.react(action % 3)
    if check and card is not None:
        check(game, card)
    return True


def drive(game: Round, actions: Sequence[int], check: CardCheck | None = None) -> Round:
    """Play on with one `step` per number, stopping when the round is over."""
    for action in actions:
        if not step(game, action, check):
            break
    return game


def play(chosen: Settings, deck_map: dict[str, Deck], actions: Sequence[int], check: CardCheck | None = None) -> Round:
    """A new round driven by a list of numbers standing for the players' choices (see `step`)."""
    return drive(new_round(chosen, deck_map), actions, check)


def take_turns(
    game: Round, count: int | None = None, *, deck: str | None = "d", reaction: int = 0, favourite: bool = False
) -> list[Card]:
    """Play `count` done turns (or up to the closing card): choose `deck`, do the card, react.

    Gives back the cards drawn, in order.
    """
    drawn = []
    while game.phase is not Phase.CLOSE and (count is None or len(drawn) < count):
        drawn.append(game.choose_deck(deck))
        if favourite:
            game.toggle_favourite()
        game.complete()
        game.react(reaction)
    return drawn


# ---------------------------------------------------------------------------
# Deck files
# ---------------------------------------------------------------------------

GOOD = """\
format = 1

[deck]
id = "tiny"
name = "Tiny"
description = "Two cards."
color = "#F5A623"

[[cards]]
id = "first"
kind = "question"
level = 1
points = 2
text = "What made you smile today?"
tags = ["talk", "no-props"]

[[cards]]
id = "second"
kind = "challenge"
level = 3
points = 4
seconds = 60
answerer = "both"
text = '''
Dance for a minute,
then sit down.'''
"""

HOSTILE_TEXTS = ["[@click=app.quit]x[/]", "[bold red]red?[/bold red]", "[/]", "x [/", "[b]x[/i]"]


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`spark-game --home HOME ARGS` in a subprocess, as a person runs it from a shell."""
    return subprocess.run(
        [sys.executable, "-m", "spark_game", "--home", str(home), *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=60,
    )


def write(folder: Path, text: str | bytes, name: str = "deck.toml") -> Path:
    """A file in `folder` holding exactly `text`."""
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def write_deck(home: Home, deck_id: str, cards: list[dict], name: str | None = None, **deck: object) -> Path:
    """A deck file in the home's decks folder; `deck` adds fields to its [deck] table."""
    home.ensure()
    path = home.decks_dir / f"{deck_id}.toml"
    hands = any({"options", "aloud"} & set(table) or table.get("kind") in HAND_KINDS for table in cards)
    document = {
        "format": 2 if hands else 1,
        "deck": {"id": deck_id, "name": name or deck_id.title()} | deck,
        "cards": cards,
    }
    path.write_text(tomli_w.dumps(document))
    return path


def card(card_id: str, text: str, level: int = 1, **extra) -> dict:
    """A question card as a deck file's table."""
    return {"id": card_id, "kind": "question", "level": level, "points": 2, "text": text} | extra


# ---------------------------------------------------------------------------
# The Pilot
# ---------------------------------------------------------------------------


def visible_text(pilot: Pilot) -> str:
    """The text of every displayed Static, Button, LineList (decks, menu) and scoreboard on the screen, one per line."""
    parts = []
    for widget in pilot.app.screen.query("Static, Button, LineList, Scoreboard"):
        if not widget.display or not all(
            ancestor.display for ancestor in widget.ancestors_with_self if hasattr(ancestor, "display")
        ):
            continue
        if isinstance(widget, LineList):
            parts.extend(line.rstrip() for line in widget.render().plain.splitlines())
            continue
        if isinstance(widget, Scoreboard):
            parts.append(widget.text)
            continue
        parts.append(str(widget.label) if isinstance(widget, Button) else str(widget.content))
        for title in (widget.border_title, widget.border_subtitle):
            if title:  # the property gives the title back as markup
                parts.append(Content.from_markup(title).plain)
    return "\n".join(parts)


def toasts(pilot: Pilot) -> list[str]:
    """The title and message of each toast on the current screen, as the user reads them.

    Textual shows no toasts under `run_test` unless the test asks: `app.run_test(..., notifications=True)`.
    """
    return [toast.render().plain for toast in pilot.app.screen.query("Toast")]


async def wait_for(pilot: Pilot, condition: Callable[[], bool], tries: int = 500) -> None:
    """Let the app run until `condition()` holds; fail after `tries` short pauses (never a fixed sleep)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never held")


async def wait_for_home_decks(pilot: Pilot) -> None:
    """Wait until Home shows its deck overview: the decks are read in a thread after Home's first frame."""

    def overview_in() -> bool:
        screen = pilot.app.screen
        tables, problems = screen.query("#home-decks"), screen.query("#home-problems")
        return bool(tables and problems) and tables.first().row_count > 0 and problems.first().is_mounted

    await wait_for(pilot, overview_in)


async def wait_for_screen(pilot: Pilot, screen: type | str) -> None:
    """Wait until the current screen is an instance of `screen`, or a class of that name."""
    if isinstance(screen, str):
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == screen)
    else:
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen))


async def play_turns(
    pilot: Pilot, count: int, *, decks: str = "s", reactions: str = "3", favourites: Collection[int] = ()
) -> None:
    """Play `count` turns with keys: a deck key, Enter for done, a reaction key.

    Turn `i` (from 0) presses `decks[i % len(decks)]` and `reactions[i % len(reactions)]`,
    and marks the card a favourite with `f` first when `i` is in `favourites`.
    """
    for turn in range(count):
        await pilot.press(decks[turn % len(decks)])
        if turn in favourites:
            await pilot.press("f")
        await pilot.press("enter", reactions[turn % len(reactions)])


def opened_list(sealed, secret: str, known_tags) -> list[str] | None:
    """A sealed list's tags among known_tags, as its owner's secret opens them (None for any other string)."""
    opened = sealed.open_with(secret)
    return None if opened is None else sealed.words(known_tags, opened)
