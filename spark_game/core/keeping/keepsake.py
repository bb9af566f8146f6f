"""A keepsake: one page the couple can keep or print, for a round, a year, or their story so far.

It holds the cards they loved, their notes, the plans they kept, the streak and
the weeks they played (an inline SVG heatmap). The HTML file loads nothing from
anywhere (inline CSS, no script, no link); the Markdown one is plain text.

Private by construction: no card they set aside as "not for us" (nor its note),
nothing about their limits, and nothing from an opt-in (mature) deck unless
they ask for it (`with_spice`). Every word from a save or a deck is data:
control characters are removed and it is escaped for HTML or Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..decks.model import Card
from ..files.text import clean_text, plural
from ..pair.history import PLAN_DONE, PairHistory, Plan
from ..pair.ritual import CALENDAR_WEEKS, best_streak, calendar, week_of, weekly_streak
from ..play import Round, TurnRecord
from ..saves import SavedRound, SaveError, list_saves, read_save

MARKER = b"<!-- spark-game keepsake -->"
MAX_WEEKS = 4 * CALENDAR_WEEKS  # the whole story's heatmap: two years at most


# --------------------------------------------------------------------------- what goes on the page


@dataclass(frozen=True)
class Scope:
    """Which rounds the keepsake keeps: one round (by save id), one year, or all of them."""

    round_id: str | None = None
    year: int | None = None

    def holds(self, saved: SavedRound, day: date) -> bool:
        if self.round_id is not None:
            return self.round_id in (saved.summary.id, saved.path.name, saved.path.stem)
        return self.year is None or day.year == self.year


@dataclass(frozen=True)
class KeptCard:
    """A card as the keepsake shows it: its words, deck, day, marks and note."""

    text: str
    deck_name: str
    day: date
    loved: bool
    favourite: bool
    note: str


@dataclass(frozen=True)
class KeptRound:
    """A round as the keepsake lists it."""

    id: str
    name: str
    day: date
    cards: int  # done together
    finished: bool


@dataclass(frozen=True)
class Keepsake:
    """Everything a keepsake page holds, chosen and filtered before it is drawn."""

    names: tuple[str, str]
    heading: str  # "Friday 7 March 2025", "2025", "Our story so far"
    made: date
    rounds: list[KeptRound]
    cards: list[KeptCard]  # loved or starred, or with a note; in the order played
    plans: list[Plan]  # kept (done)
    streak: int
    best_streak: int
    weeks: list[int]
    weeks_end: date
    with_spice: bool = False
    left_out: int = 0  # cards kept off the page (not for us, or spice not asked for)

    @property
    def loved(self) -> list[KeptCard]:
        return [card for card in self.cards if card.loved or card.favourite]

    @property
    def notes(self) -> list[KeptCard]:
        """Notes on the other cards (a loved card shows its note with it)."""
        return [card for card in self.cards if card.note and not (card.loved or card.favourite)]

    @property
    def cards_done(self) -> int:
        return sum(kept.cards for kept in self.rounds)


class NothingToKeep(ValueError):
    """The scope holds no round: the message says which, in one line."""


# --------------------------------------------------------------------------- reading the rounds


def read_rounds(saves_dir: Path) -> list[SavedRound]:
    """Every readable save (damaged ones are skipped: Saved games tells about them)."""
    rounds = []
    for entry in list_saves(saves_dir):
        if entry.problem:
            continue
        try:
            rounds.append(read_save(entry.path))
        except (SaveError, OSError):
            continue
    return rounds


@dataclass
class _Privacy:
    """What stays off the page: "not for us" cards, and spice unless asked for."""

    history: PairHistory
    with_spice: bool
    spice_texts: set[str] = field(default_factory=set)
    spice_decks: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, history: PairHistory, saved: Iterable[SavedRound], with_spice: bool) -> _Privacy:
        privacy = cls(history, with_spice)
        for entry in saved:
            for deck in entry.game.decks.values():
                if deck.mature:
                    privacy.spice_decks.add(deck.id)
                    privacy.spice_texts.update(card.text for card in deck.cards)
        return privacy

    def retired(self, deck_id: str, card: Card) -> bool:
        return any(kept.same_card(deck_id, card) or kept.card.text == card.text for kept in self.history.retired)

    def spicy(self, game: Round, deck_id: str, card: Card) -> bool:
        deck = game.decks.get(deck_id)
        if (deck is not None and deck.mature) or card.text in self.spice_texts:
            return True
        kept = self.history.favourites + self.history.revisit
        return any(entry.same_card(deck_id, card) and entry.deck_id in self.spice_decks for entry in kept)

    def hides(self, game: Round, record: TurnRecord) -> bool:
        if self.retired(record.deck_id, record.card):
            return True
        return not self.with_spice and self.spicy(game, record.deck_id, record.card)


def _round_day(history: PairHistory, saved: SavedRound) -> date:
    for entry in history.rounds:
        if entry.round_id and entry.round_id == saved.summary.id:
            return entry.day
    return saved.summary.last_played.date()


def _heading(scope: Scope, rounds: list[KeptRound]) -> str:
    if scope.round_id is not None and rounds:
        return f"{rounds[0].day:%A} {rounds[0].day.day} {rounds[0].day:%B %Y}"
    if scope.year is not None:
        return str(scope.year)
    return "Our story so far"


def _weeks_window(scope: Scope, rounds: list[KeptRound], today: date) -> tuple[date, int]:
    """The last week the heatmap shows, and how many weeks: a round's half year, a year, or the whole story."""
    if scope.round_id is not None:
        return rounds[-1].day, CALENDAR_WEEKS
    if scope.year is not None:
        end = min(today, date(scope.year, 12, 31))
        return end, max(1, week_of(end) - week_of(date(scope.year, 1, 1)) + 1)
    span = week_of(today) - week_of(min(kept.day for kept in rounds)) + 1
    return today, min(MAX_WEEKS, max(CALENDAR_WEEKS, -(-span // CALENDAR_WEEKS) * CALENDAR_WEEKS))


def _plans_kept(history: PairHistory, scope: Scope, hidden_notes: set[str]) -> list[Plan]:
    def in_scope(plan: Plan) -> bool:
        if scope.round_id is not None:
            return plan.round_id == scope.round_id
        day = plan.settled or plan.when or plan.made
        return scope.year is None or day.year == scope.year

    done = [plan for plan in history.plans if plan.status == PLAN_DONE and in_scope(plan)]
    kept = [plan for plan in done if _same_words(plan.text) not in hidden_notes]
    return sorted(kept, key=lambda plan: (plan.settled or plan.when or plan.made, plan.made))


def _same_words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _kept_cards(game: Round, day: date, privacy: _Privacy, hidden_notes: set[str]) -> tuple[list[KeptCard], int]:
    cards, left_out = [], 0
    for record in game.history:
        if privacy.hides(game, record):
            left_out += 1
            if record.note:
                hidden_notes.add(_same_words(record.note))
            continue
        loved = record.outcome == "done" and record.reaction == 2
        if loved or record.favourite or record.note:
            deck = game.decks.get(record.deck_id)
            cards.append(
                KeptCard(
                    text=game.personalise(record.card.text, record.player),
                    deck_name=deck.name if deck else record.deck_id,
                    day=day,
                    loved=loved,
                    favourite=record.favourite,
                    note=record.note,
                )
            )
    return cards, left_out


def build_keepsake(
    history: PairHistory, saved: list[SavedRound], scope: Scope, today: date, *, with_spice: bool = False
) -> Keepsake:
    """The page's content, from the history and the saved rounds; NothingToKeep when the scope holds no round."""
    privacy = _Privacy.of(history, saved, with_spice)
    chosen = sorted(
        ((entry, _round_day(history, entry)) for entry in saved if entry.game.history),
        key=lambda pair: (pair[1], pair[0].summary.started),
    )
    chosen = [(entry, day) for entry, day in chosen if scope.holds(entry, day)]
    if not chosen:
        raise NothingToKeep(_nothing(scope))
    rounds, cards, left_out = [], [], 0
    hidden_notes: set[str] = set()
    for entry, day in chosen:
        kept, hidden = _kept_cards(entry.game, day, privacy, hidden_notes)
        cards += kept
        left_out += hidden
        done = sum(1 for r in entry.game.history if r.outcome == "done" and not privacy.hides(entry.game, r))
        rounds.append(KeptRound(entry.summary.id, entry.summary.name, day, done, entry.summary.finished))
    end, weeks = _weeks_window(scope, rounds, today)
    days = [day for day in history.played_days() if day <= end]
    return Keepsake(
        names=chosen[-1][0].game.settings.players,
        heading=_heading(scope, rounds),
        made=today,
        rounds=rounds,
        cards=cards,
        plans=_plans_kept(history, scope, hidden_notes),
        streak=weekly_streak(days, end),
        best_streak=best_streak(days),
        weeks=calendar(days, end, weeks),
        weeks_end=end,
        with_spice=with_spice,
        left_out=left_out,
    )


def _nothing(scope: Scope) -> str:
    if scope.round_id is not None:
        return f"no saved round with id {scope.round_id} (see 'spark-game saves list')"
    if scope.year is not None:
        return f"no rounds played in {scope.year} to keep"
    return "no rounds played yet: play one first"


# --------------------------------------------------------------------------- shared wording


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _pair(keepsake: Keepsake) -> str:
    first, second = (clean_text(name, single_line=True) for name in keepsake.names)
    return f"{first} & {second}" if first and second else "Us"


def _numbers(keepsake: Keepsake) -> list[str]:
    return [
        plural(len(keepsake.rounds), "round"),
        f"{plural(keepsake.cards_done, 'card')} done together",
        _streak_words(keepsake.streak, keepsake.best_streak),
        f"{plural(len(keepsake.plans), 'plan')} kept",
    ]


def _streak_words(streak: int, best: int) -> str:
    """The weekly streak, told kindly: the best one when there is none right now."""
    if streak:
        return f"weekly streak: {streak}" + (f" (best {best})" if best > streak else "")
    return f"best streak: {plural(best, 'week')} in a row"


def _round_label(kept: KeptRound, names: tuple[str, str]) -> str:
    default = f"{names[0]} & {names[1]}"
    name = clean_text(kept.name, single_line=True)
    label = f"{kept.day:%A} {_day(kept.day)}"
    if name and name != default:
        label = f"{name}, {label}"
    unfinished = "" if kept.finished else ", not finished"
    return f"{label}: {plural(kept.cards, 'card')}{unfinished}"


# --------------------------------------------------------------------------- HTML


def _h(text: str) -> str:
    """Any text from a save, a deck or a player, made inert for HTML: one line, no controls, escaped."""
    return html.escape(clean_text(text, single_line=True), quote=True)


HEAT_COLOURS = ("#efe6da", "#eda47f", "#dc7754", "#bf4f37", "#8c3325")
CELL, GAP, LABEL, ROW_MAX = 18, 4, 74, CALENDAR_WEEKS + 1


def _monday(end: date, index: int, weeks: int) -> date:
    return end - timedelta(days=end.weekday()) - timedelta(weeks=weeks - 1 - index)


def heatmap_svg(weeks: list[int], end: date) -> str:
    """The weeks as squares in rows of about 26, oldest first, darker for more rounds.

    Each row starts with its month; each square has its week as a tooltip.
    """
    rows = max(1, -(-len(weeks) // ROW_MAX))
    columns = max(1, -(-len(weeks) // rows))
    width, height = LABEL + columns * (CELL + GAP) - GAP, rows * (CELL + GAP) - GAP
    parts = []
    for index, count in enumerate(weeks):
        row, column = divmod(index, columns)
        monday = _monday(end, index, len(weeks))
        y = row * (CELL + GAP)
        if column == 0:
            thursday = monday + timedelta(days=3)  # the week belongs to the month (and year) of its Thursday
            parts.append(f'<text x="0" y="{y + CELL - 5}" class="row-label">{thursday:%b %Y}</text>')
        colour = HEAT_COLOURS[min(count, len(HEAT_COLOURS) - 1)]
        tip = f"week of {monday.day} {monday:%B %Y}: {plural(count, 'round')}"
        parts.append(
            f'<rect x="{LABEL + column * (CELL + GAP)}" y="{y}" width="{CELL}" height="{CELL}" rx="4" '
            f'fill="{colour}"><title>{html.escape(tip)}</title></rect>'
        )
    return (
        f'<svg class="heatmap" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="Rounds per week, {len(weeks)} weeks">{"".join(parts)}</svg>'
    )


def _legend() -> str:
    swatches = "".join(f'<span class="swatch" style="background:{colour}"></span>' for colour in HEAT_COLOURS)
    return f'<p class="legend">none {swatches} more rounds</p>'


def _html_cards(keepsake: Keepsake) -> str:
    items = []
    for card in keepsake.loved:
        marks = ("♥ " if card.loved else "") + ("★ " if card.favourite else "")
        note = f'<p class="note">“{_h(card.note)}”</p>' if card.note else ""
        items.append(
            f'<li class="card"><p class="card-text"><span class="mark">{marks.strip()}</span> {_h(card.text)}</p>'
            f'{note}<p class="meta">{_h(card.deck_name)} · {_day(card.day)}</p></li>'
        )
    return _list_section("Cards we loved", "cards", items)


def _html_notes(keepsake: Keepsake) -> str:
    items = [
        f"<li><blockquote>“{_h(card.note)}”</blockquote>"
        f'<p class="meta">on “{_h(card.text)}” · {_day(card.day)}</p></li>'
        for card in keepsake.notes
    ]
    return _list_section("In our own words", "notes", items)


def _html_plans(keepsake: Keepsake) -> str:
    items = [
        f'<li><span class="tick">✓</span> {_h(plan.text)}'
        f'<span class="meta"> · {_day(plan.when or plan.settled or plan.made)}</span></li>'
        for plan in keepsake.plans
    ]
    return _list_section("Plans we kept", "plans", items)


def _html_rounds(keepsake: Keepsake) -> str:
    items = [f"<li>{_h(_round_label(kept, keepsake.names))}</li>" for kept in keepsake.rounds]
    return _list_section("Our rounds", "rounds", items)


def _list_section(title: str, css_class: str, items: list[str]) -> str:
    """A titled list of items, or nothing at all when there are none."""
    return _section(title, f'<ul class="{css_class}">{"".join(items)}</ul>' if items else "")


def _section(title: str, body: str) -> str:
    return f"<section><h2>{title}</h2>{body}</section>" if body else ""


def render_html(keepsake: Keepsake) -> str:
    pair = _h(_pair(keepsake))
    numbers = "".join(f"<li>{_h(number)}</li>" for number in _numbers(keepsake))
    spice = " · with our spicy cards" if keepsake.with_spice else ""
    body = "".join(
        (
            f'<header><p class="kicker">Spark · a keepsake{spice}</p><h1>{pair}</h1>'
            f'<p class="scope">{_h(keepsake.heading)}</p></header>',
            f'<ul class="numbers">{numbers}</ul>',
            _section(
                "Our weeks",
                f"{heatmap_svg(keepsake.weeks, keepsake.weeks_end)}{_legend()}"
                f'<p class="meta center">{plural(len(keepsake.weeks), "week")} up to {_day(keepsake.weeks_end)}, '
                "one square a week</p>",
            ),
            _html_cards(keepsake),
            _html_notes(keepsake),
            _html_plans(keepsake),
            _html_rounds(keepsake),
            f"<footer>Made with Spark on {_day(keepsake.made)}, on our own computer.</footer>",
        )
    )
    return (
        f'<!DOCTYPE html>\n{MARKER.decode()}\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="spark-game keepsake"><meta name="referrer" content="no-referrer">'
        f"<title>{pair} · Spark keepsake · {_h(keepsake.heading)}</title><style>{STYLE}</style></head>"
        f'<body><main class="page">{body}</main></body></html>\n'
    )


STYLE = """
:root { --paper: #fbf5ec; --ink: #3a2a25; --soft: #7a625a; --accent: #b8502f; --card: #fffaf3; --line: #ead9c6; }
* { box-sizing: border-box; }
html { background: #efe4d6; }
body { margin: 0; color: var(--ink); font: 17px/1.55 Georgia, "Iowan Old Style", "Palatino Linotype", Palatino,
  "Book Antiqua", serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { max-width: 760px; margin: 32px auto; padding: 48px 56px 36px; background: var(--paper);
  border-radius: 14px; box-shadow: 0 8px 30px rgba(90, 50, 30, 0.15); }
header { text-align: center; border-bottom: 1px solid var(--line); padding-bottom: 18px; }
.kicker { margin: 0; letter-spacing: 0.18em; text-transform: uppercase; font-size: 12px; color: var(--accent); }
h1 { margin: 8px 0 4px; font-size: 42px; font-weight: normal; }
.scope { margin: 0; font-style: italic; color: var(--soft); font-size: 19px; }
h2 { font-weight: normal; font-size: 22px; color: var(--accent); margin: 30px 0 12px;
  border-bottom: 1px dotted var(--line); padding-bottom: 4px; }
ul { list-style: none; margin: 0; padding: 0; }
.numbers { display: flex; flex-wrap: wrap; justify-content: center; gap: 8px 22px; margin: 18px 0 0;
  color: var(--soft); font-size: 15px; }
.numbers li::before { content: "✦ "; color: var(--accent); }
.heatmap { display: block; max-width: 100%; height: auto; margin: 4px auto 0; }
.row-label { font: 12px Georgia, serif; fill: #7a625a; }
.legend { text-align: center; font-size: 13px; color: var(--soft); margin: 8px 0 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin: 0 1px -1px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
.card { background: var(--card); border: 1px solid var(--line); border-left: 4px solid #e48f6c;
  border-radius: 10px; padding: 12px 16px; break-inside: avoid; }
.card-text { margin: 0 0 6px; font-size: 17px; }
.mark { color: var(--accent); }
.note { margin: 0 0 6px; font-style: italic; color: #5b3f36; }
.meta { margin: 0; font-size: 13px; color: var(--soft); }
.center { text-align: center; }
.notes li { margin: 0 0 14px; break-inside: avoid; }
blockquote { margin: 0; padding-left: 14px; border-left: 3px solid var(--line); font-style: italic; font-size: 18px; }
.plans li { margin: 0 0 8px; break-inside: avoid; }
.tick { color: #4f7a45; font-weight: bold; }
.rounds li { margin: 0 0 4px; }
.rounds li::before { content: "· "; color: var(--accent); }
footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--line); text-align: center;
  font-size: 13px; color: var(--soft); font-style: italic; }
@media print {
  html, body { background: white; }
  .page { margin: 0; max-width: none; padding: 0; box-shadow: none; border-radius: 0; background: white; }
  h2 { break-after: avoid; }
  section { break-inside: avoid-page; }
  @page { margin: 18mm; }
}
"""


# --------------------------------------------------------------------------- Markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!&])")
_LEADING_MARK = re.compile(r"^(\d+)([.)])|^([-+=])")


def _md(text: str) -> str:
    """Text made inert for Markdown: one line, no controls, every character with a meaning backslash-escaped."""
    line = _MARKDOWN_SPECIAL.sub(r"\\\1", clean_text(text, single_line=True))
    return _LEADING_MARK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def render_markdown(keepsake: Keepsake) -> str:
    from ..pair.story import heatmap

    spice = " · with our spicy cards" if keepsake.with_spice else ""
    lines = [
        MARKER.decode(),
        f"# {_md(_pair(keepsake))}",
        "",
        f"*Spark · a keepsake{spice} · {_md(keepsake.heading)}*",
        "",
        " · ".join(_numbers(keepsake)),
        "",
        "## Our weeks",
        "",
        f"    {heatmap(keepsake.weeks)}",
        "",
        f"{len(keepsake.weeks)} weeks up to {_day(keepsake.weeks_end)}, one mark a week (· none, darker is more).",
    ]
    lines += _md_section("Cards we loved", _md_cards(keepsake))
    lines += _md_section(
        "In our own words",
        [f"- “{_md(card.note)}”, on “{_md(card.text)}” ({_day(card.day)})" for card in keepsake.notes],
    )
    lines += _md_section(
        "Plans we kept",
        [f"- ✓ {_md(plan.text)} ({_day(plan.when or plan.settled or plan.made)})" for plan in keepsake.plans],
    )
    lines += _md_section("Our rounds", [f"- {_md(_round_label(kept, keepsake.names))}" for kept in keepsake.rounds])
    lines += ["", f"*Made with Spark on {_day(keepsake.made)}, on our own computer.*", ""]
    return "\n".join(lines)


def _md_cards(keepsake: Keepsake) -> list[str]:
    lines = []
    for card in keepsake.loved:
        marks = ("♥ " if card.loved else "") + ("★ " if card.favourite else "")
        lines.append(f"- {marks}{_md(card.text)} ({_md(card.deck_name)}, {_day(card.day)})")
        if card.note:
            lines.append(f"  > “{_md(card.note)}”")
    return lines


def _md_section(title: str, lines: list[str]) -> list[str]:
    return ["", f"## {title}", "", *lines] if lines else []


# --------------------------------------------------------------------------- writing


def write_keepsake(path: Path, keepsake: Keepsake, *, markdown: bool = False) -> bool:
    """Write the page atomically; True when the folder had to be created first."""
    from .export import write_export

    text = render_markdown(keepsake) if markdown else render_html(keepsake)
    return write_export(path, text.encode("utf-8"))
