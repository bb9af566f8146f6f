"""Drawing a keepsake: the HTML page and the Markdown file, from the Jinja2 templates in `templates/`.

The HTML template is autoescaped, so every word from a save, a deck or a
player is escaped by Jinja2, never by hand; the page loads nothing from
anywhere (inline CSS and SVG, no script, no link). Markdown is not HTML: its
template is not autoescaped and every such word passes through the `md`
filter, which backslash-escapes each character with a meaning. Both first
clean the text to one line without control characters (the `line` filter).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..files.text import clean_text, plural
from ..pair.ritual import CALENDAR_WEEKS
from ..pair.story import heatmap

if TYPE_CHECKING:
    from .keepsake import Keepsake, KeptRound

MARKER = "<!-- spark-game keepsake -->"
HEAT_COLOURS = ("#efe6da", "#eda47f", "#dc7754", "#bf4f37", "#8c3325")
CELL, GAP, LABEL, ROW_MAX = 18, 4, 74, CALENDAR_WEEKS + 1

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!&])")
_LEADING_MARK = re.compile(r"^(\d+)([.)])|^([-+=])")


def line(text: str) -> str:
    """One line, without control, bidi or zero-width characters."""
    return clean_text(text, single_line=True)


def md(text: str) -> str:
    """Text made inert for Markdown: one line, no controls, every character with a meaning backslash-escaped."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", line(text))
    return _LEADING_MARK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


@functools.cache
def templates() -> Environment:
    """The keepsake's templates, found in the installed package; .html.j2 autoescaped."""
    environment = Environment(
        loader=PackageLoader("spark_game.core.keeping", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = md
    return environment


# --------------------------------------------------------------------------- the words on the page


def day_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def pair_words(keepsake: Keepsake) -> str:
    first, second = (line(name) for name in keepsake.names)
    return f"{first} & {second}" if first and second else "Us"


def streak_words(streak: int, best: int) -> str:
    """The weekly streak, told kindly: the best one when there is none right now."""
    if streak:
        return f"weekly streak: {streak}" + (f" (best {best})" if best > streak else "")
    return f"best streak: {plural(best, 'week')} in a row"


def round_label(kept: KeptRound, names: tuple[str, str]) -> str:
    default = f"{names[0]} & {names[1]}"
    name = line(kept.name)
    label = f"{kept.day:%A} {day_words(kept.day)}"
    if name and name != default:
        label = f"{name}, {label}"
    unfinished = "" if kept.finished else ", not finished"
    return f"{label}: {plural(kept.cards, 'card')}{unfinished}"


@dataclass(frozen=True)
class HeatCell:
    x: int
    y: int
    colour: str
    tip: str
    label: str  # the month and year, on the first square of a row


@dataclass(frozen=True)
class HeatMap:
    """The weeks as squares in rows of about 26, oldest first, darker for more rounds."""

    cells: list[HeatCell]
    width: int
    height: int
    end: str
    marks: str  # the same weeks as one line of marks, for Markdown
    size: int = CELL
    colours: tuple[str, ...] = HEAT_COLOURS

    @property
    def caption(self) -> str:
        return f"{plural(len(self.cells), 'week')} up to {self.end}"


def heat_map(weeks: list[int], end: date) -> HeatMap:
    rows = max(1, -(-len(weeks) // ROW_MAX))
    columns = max(1, -(-len(weeks) // rows))
    cells = []
    for index, count in enumerate(weeks):
        row, column = divmod(index, columns)
        monday = end - timedelta(days=end.weekday()) - timedelta(weeks=len(weeks) - 1 - index)
        thursday = monday + timedelta(days=3)  # the week belongs to the month (and year) of its Thursday
        cells.append(
            HeatCell(
                x=LABEL + column * (CELL + GAP),
                y=row * (CELL + GAP),
                colour=HEAT_COLOURS[min(count, len(HEAT_COLOURS) - 1)],
                tip=f"week of {monday.day} {monday:%B %Y}: {plural(count, 'round')}",
                label=f"{thursday:%b %Y}" if column == 0 else "",
            )
        )
    width, height = LABEL + columns * (CELL + GAP) - GAP, rows * (CELL + GAP) - GAP
    return HeatMap(cells, width, height, day_words(end), heatmap(weeks))


def page_values(keepsake: Keepsake) -> dict[str, Any]:
    """What both templates draw: words cleaned to one line, not yet escaped (each template escapes its own way)."""
    return {
        "marker": Markup(MARKER),  # ours, not data: the export knows its own file by it
        "pair": pair_words(keepsake),
        "heading": line(keepsake.heading),
        "spice": " · with our spicy cards" if keepsake.with_spice else "",
        "numbers": [
            plural(len(keepsake.rounds), "round"),
            f"{plural(keepsake.cards_done, 'card')} done together",
            streak_words(keepsake.streak, keepsake.best_streak),
            f"{plural(len(keepsake.plans), 'plan')} kept",
        ],
        "heat": heat_map(keepsake.weeks, keepsake.weeks_end),
        "cards": [
            {
                "marks": " ".join(mark for mark, on in (("♥", card.loved), ("★", card.favourite)) if on),
                "text": line(card.text),
                "note": line(card.note),
                "deck": line(card.deck_name),
                "day": day_words(card.day),
            }
            for card in keepsake.loved
        ],
        "notes": [
            {"note": line(card.note), "text": line(card.text), "day": day_words(card.day)} for card in keepsake.notes
        ],
        "plans": [
            {"text": line(plan.text), "day": day_words(plan.when or plan.settled or plan.made)}
            for plan in keepsake.plans
        ],
        "rounds": [round_label(kept, keepsake.names) for kept in keepsake.rounds],
        "made": day_words(keepsake.made),
    }


def render_html(keepsake: Keepsake) -> str:
    return templates().get_template("keepsake.html.j2").render(page_values(keepsake))


def render_markdown(keepsake: Keepsake) -> str:
    return templates().get_template("keepsake.md.j2").render(page_values(keepsake))
