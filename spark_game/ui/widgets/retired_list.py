"""The cards a pair set aside as "not for us", each one a press of Enter from coming back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..safe import notify_plain, plain

if TYPE_CHECKING:
    from ..app import SparkApp


class RetiredList(OptionList):
    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    def on_mount(self) -> None:
        self.show_retired()

    def show_retired(self) -> None:
        self.clear_options()
        for entry in self.app.history.retired:
            self.add_option(
                Option(plain(f"{entry.card.text}  ({entry.deck_name})"), id=f"{entry.deck_id}/{entry.card.id}")
            )
        if not self.app.history.retired:
            self.add_option(Option("None: press x on a card that isn't for you.", disabled=True))

    @on(OptionList.OptionSelected)
    def _bring_back(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        deck_id, card_id = event.option.id.split("/", 1)
        self.app.session.bring_back(deck_id, card_id)
        notify_plain(self.app, "That card is back in the deck.")
        self.show_retired()
