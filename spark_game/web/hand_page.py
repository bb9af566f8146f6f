"""The hand page's HTML: one partner's name in Spark's template, autoescaped (a name is data).

The check-in's page on help outside the game is the same Markdown the terminal shows (`OUTSIDE_HELP`),
turned into HTML once: it is the game's own text, with raw HTML in it off.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..core.pair.checkin import OUTSIDE_HELP

HAND_DIR = Path(__file__).resolve().parent / "hand"


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HAND_DIR), autoescape=True)
    return environment.get_template("hand.html")


@cache
def _outside_help() -> Markup:
    return Markup(MarkdownIt("commonmark", {"html": False}).render(OUTSIDE_HELP))  # the game's own words


def render_hand_page(name: str) -> str:
    return _template().render(name=name, outside_help=_outside_help())
