"""Both partners' scores and the team's spark meter (or who leads, in friendly competition)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from ...core.engine import COOPERATIVE, Round
from ...core.text import shorten
from ..safe import template


class Scoreboard(Horizontal):
    """Together: the shared spark meter only. Friendly rivals: both scores and who leads."""

    def compose(self) -> ComposeResult:
        yield Static(id="score-players")
        yield Static(id="score-meter-label")
        yield ProgressBar(id="score-meter", show_eta=False, show_percentage=False)

    def show(self, game: Round) -> None:
        first, second = game.settings.players
        score_one, score_two = game.scores()
        label = self.query_one("#score-meter-label", Static)
        meter = self.query_one("#score-meter", ProgressBar)
        cooperative = game.settings.mode == COOPERATIVE
        meter.display = cooperative
        players = self.query_one("#score-players", Static)
        players.display = not cooperative
        if cooperative:
            target = game.team_target()
            shown = min(game.team_score(), target)  # a full meter is full: never "26/18"
            meter.update(total=target, progress=shown)
            label.update(f"Spark {shown}/{target}" + (" ✦" if game.team_score() >= target else ""))
        else:
            players.update(
                template(
                    "[b]$a[/b] $sa  ·  [b]$b[/b] $sb",
                    a=shorten(first, 12),
                    sa=str(score_one),
                    b=shorten(second, 12),
                    sb=str(score_two),
                )
            )
            leader = game.leader()
            if leader is None:
                label.update("Neck and neck")
            else:
                gap = abs(score_one - score_two)
                label.update(
                    template("$name leads by $gap", name=shorten(game.settings.players[leader], 12), gap=str(gap))
                )
