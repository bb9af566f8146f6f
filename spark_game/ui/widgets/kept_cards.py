"""A list of cards the pair kept aside: "not for us", favourites or "later"; Enter lets one go."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual import getters, on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..safe import notify_plain, plain

if TYPE_CHECKING:
    from ..app import SparkApp

Pile = Literal["retired", "favourites", "revisit"]
WORDS: dict[Pile, tuple[str, str]] = {  # (nothing here yet, what letting one go does)
    "retired": ("None: press x on a card that isn't for you.", "That card is back in the deck."),
    "favourites": ("None yet: press f on a card you'd like to play again.", "Taken off your favourites."),
    "revisit": (
        "Nothing saved for later. Press l on a card to keep it for another night.",
        "No longer saved for later.",
    ),
}


class KeptCardsList(OptionList):
    """One of the pair's kept piles; Enter (or a click) on a card lets it go."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    def __init__(self, pile: Pile, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.pile: Pile = pile

    def on_mount(self) -> None:
        self.show_cards()

    def show_cards(self) -> None:
        self.clear_options()
        entries = getattr(self.app.history, self.pile)
        for index, entry in enumerate(entries):
            self.add_option(Option(plain(f"{entry.card.text}  ({entry.deck_name})"), id=str(index)))
        if not entries:
            self.add_option(Option(WORDS[self.pile][0], disabled=True))
        else:
            self.highlighted = 0

    @on(OptionList.OptionSelected)
    def _let_go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        entry = getattr(self.app.history, self.pile)[int(event.option.id)]
        self.app.session.let_go(self.pile, entry.deck_id, entry.card)
        notify_plain(self.app, WORDS[self.pile][1])
        self.show_cards()
