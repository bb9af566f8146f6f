"""Both partners' scores and the team's spark meter (or who leads, in friendly competition).

One line drawn in one render, at a width fixed for the round: a score that gains a digit doesn't
resize it (a resize costs a second layout pass and a second paint after the key), and nothing in it
runs on a timer (Textual's ProgressBar repaints itself every second).
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...core.files.text import clean_text, shorten
from ...core.play import COOPERATIVE, Round
from ..css import STYLES

METER_CELLS = 8
NAME_CELLS = 12
SCORE_DIGITS = 2  # the width is kept for scores up to 99 (and grows, once, for a round that goes past)


class Scoreboard(Widget):
    """Together: the shared spark meter only. Friendly rivals: both scores and who leads."""

    DEFAULT_CSS = (STYLES / "scoreboard.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {"scoreboard--label", "scoreboard--meter", "scoreboard--track", "scoreboard--full"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.line: list[tuple[str, str]] = []  # (text, component class or "b" for bold)

    def show(self, game: Round) -> None:
        line = self._together(game) if game.settings.mode == COOPERATIVE else self._rivals(game)
        width = max(self._widest(game), len("".join(part for part, _ in line)))
        if self.styles.width is None or self.styles.width.value != width:
            self.styles.width = width
        if line != self.line:
            self.line = line
            self.refresh()

    @property
    def text(self) -> str:
        """What the line says, as a player reads it."""
        return "".join(part for part, _ in self.line)

    def _together(self, game: Round) -> list[tuple[str, str]]:
        target = game.team_target()
        shown = min(game.team_score(), target)  # a full meter is full: never "26/18"
        full = game.team_score() >= target
        filled = round(METER_CELLS * shown / target) if target else METER_CELLS
        return [
            (f"Spark {shown}/{target}" + (" ✦" if full else ""), "scoreboard--label"),
            (" ", ""),
            ("━" * filled, "scoreboard--full" if full else "scoreboard--meter"),
            ("━" * (METER_CELLS - filled), "scoreboard--track"),
        ]

    def _rivals(self, game: Round) -> list[tuple[str, str]]:
        first, second = (shorten(clean_text(name), NAME_CELLS) for name in game.settings.players)
        score_one, score_two = game.scores()
        leader = game.leader()
        if leader is None:
            standing = "Neck and neck"
        else:
            standing = f"{(first, second)[leader]} leads by {abs(score_one - score_two)}"
        return [
            (first, "b"),
            (f" {score_one}  ·  ", ""),
            (second, "b"),
            (f" {score_two}", ""),
            ("  ", ""),
            (standing, "scoreboard--label"),
        ]

    def _widest(self, game: Round) -> int:
        """The line's width with scores of SCORE_DIGITS digits: a score gaining a digit doesn't resize it."""
        if game.settings.mode == COOPERATIVE:
            target = str(game.team_target())
            return len(f"Spark {target}/{target} ✦") + 1 + METER_CELLS
        names = [shorten(clean_text(name), NAME_CELLS) for name in game.settings.players]
        most = "9" * SCORE_DIGITS
        scores = len(f"{names[0]} {most}  ·  {names[1]} {most}  ")
        return scores + max(len("Neck and neck"), max(len(f"{name} leads by {most}") for name in names))

    def render(self) -> Text:
        text = Text(no_wrap=True, end="", justify="right")
        for part, style in self.line:
            if style == "b":
                text.append(part, style="bold")
            elif style:
                text.append(part, style=self.get_component_rich_style(style))
            else:
                text.append(part)
        return text
