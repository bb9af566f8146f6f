"""The hand page's HTML: one partner's name in Spark's template, autoescaped (a name is data)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

HAND_DIR = Path(__file__).resolve().parent / "hand"


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HAND_DIR), autoescape=True)
    return environment.get_template("hand.html")


def render_hand_page(name: str) -> str:
    return _template().render(name=name)
