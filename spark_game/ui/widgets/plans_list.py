"""The pair's open plans, soonest first; Enter asks whether it was done, or can be let go (kindly)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.files.when import describe_when
from ...core.pair.history import PLAN_DONE, PLAN_LET_GO
from ..safe import notify_plain, plain
from ..screens.dialogs import ChoiceScreen

if TYPE_CHECKING:
    from ..app import SparkApp

SETTLE = [("We did it", PLAN_DONE), ("Let it go", PLAN_LET_GO), ("Keep it", "")]
SAID = {PLAN_DONE: "Done: it counts in your story.", PLAN_LET_GO: "Let go. Plans change, and that's fine."}


class PlansList(OptionList):
    """Open plans; a plan done counts in the story, a plan let go is simply gone."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    def on_mount(self) -> None:
        self.show_plans()

    def show_plans(self) -> None:
        self.clear_options()
        today = self.app.session.today()
        plans = self.app.history.open_plans()
        for plan in plans:
            self.add_option(Option(plain(f"{plan.text}  ·  {describe_when(plan.when, today)}"), id=plan.id))
        if not plans:
            self.add_option(Option("No plans yet: press P on a card that leads to one.", disabled=True))
        else:
            self.highlighted = 0

    @on(OptionList.OptionSelected)
    @work
    async def _settle(self, event: OptionList.OptionSelected) -> None:
        plan_id = event.option.id
        if plan_id is None:
            return
        status = await self.app.push_screen_wait(ChoiceScreen("How did this plan go?", SETTLE))
        if status:
            self.app.session.settle_plan(plan_id, status)
            notify_plain(self.app, SAID[status])
            self.show_plans()
