"""Both partners' scores and the team's spark meter (or who leads, in friendly competition)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from ...core.engine import COOPERATIVE, Round
from ..safe import template


class Scoreboard(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="score-players")
        yield Static(id="score-meter-label")
        yield ProgressBar(id="score-meter", show_eta=False, show_percentage=False)

    def show(self, game: Round) -> None:
        first, second = game.settings.players
        score_one, score_two = game.scores()
        self.query_one("#score-players", Static).update(
            template("[b]$a[/b] $sa  ·  [b]$b[/b] $sb", a=first, sa=str(score_one), b=second, sb=str(score_two))
        )
        label = self.query_one("#score-meter-label", Static)
        meter = self.query_one("#score-meter", ProgressBar)
        cooperative = game.settings.mode == COOPERATIVE
        meter.display = cooperative
        if cooperative:
            meter.update(total=game.team_target(), progress=min(game.team_score(), game.team_target()))
            label.update(f"Spark {game.team_score()}/{game.team_target()}")
        else:
            leader = game.leader()
            if leader is None:
                label.update("Neck and neck")
            else:
                gap = abs(score_one - score_two)
                label.update(template("$name leads by $gap", name=game.settings.players[leader], gap=str(gap)))
