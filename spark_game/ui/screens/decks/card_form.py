"""The card form: every field of a card, checked live by the loader's own rules, with a preview."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from ....core.decks.checks import check_card_fields
from ....core.decks.lists import new_card_id
from ....core.decks.model import ANSWERERS, HAND_KINDS, KINDS, LEVEL_NAMES, Card, Deck
from ....core.play import fill_names
from ...css import css
from ...safe import plain
from ...widgets.card_view import ALOUD, CardView

ANSWERER_LABELS = {"active": "Whoever's turn it is", "partner": "The other partner", "both": "Both of you"}
PREVIEW_NAMES = ("You", "Your partner")


def _choice(label: str, options: list[tuple[str, Any]], value: Any, select_id: str) -> ComposeResult:
    """One labelled drop-down of the card form."""
    with Vertical():
        yield Label(label)
        yield Select(options, value=value, allow_blank=False, id=select_id)


class CardFormScreen(ModalScreen[Card | None]):
    """Edit one card. Dismisses with the new Card, or None when cancelled."""

    CSS_PATH = css("decks", "card")

    BINDINGS = [
        Binding("ctrl+s", "save", "Keep this card", id="card.save"),
        Binding("escape", "cancel", "Cancel", id="card.cancel"),
    ]

    def __init__(self, deck: Deck, card: Card | None, taken_ids: set[str]) -> None:
        super().__init__()
        self.deck = deck
        self.card = card
        self.taken_ids = taken_ids - ({card.id} if card else set())

    def compose(self) -> ComposeResult:
        card = self.card
        with VerticalScroll(id="card-form"):
            yield Static("Edit card" if card else "New card", classes="form-title")
            yield Label("What the card says ({me} and {partner} become your names)")
            yield TextArea(card.text if card else "", id="card-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="form-row"):
                yield from _choice(
                    "Kind", [(kind, kind) for kind in KINDS], card.kind if card else "question", "card-kind"
                )
                levels = [(f"{level} {name}", level) for level, name in LEVEL_NAMES.items()]
                yield from _choice("Level", levels, card.level if card else 1, "card-level")
                points = [(str(points), points) for points in range(1, 6)]
                yield from _choice("Points", points, card.points if card else 2, "card-points")
            with Horizontal(classes="form-row"):
                answerers = [(ANSWERER_LABELS[a], a) for a in ANSWERERS]
                yield from _choice("Who answers", answerers, card.answerer if card else "active", "card-answerer")
                with Vertical():
                    yield Label("Timer in seconds (blank: none)")
                    yield Input(
                        str(card.seconds) if card and card.seconds else "",
                        id="card-seconds",
                        restrict=r"[0-9]*",
                        max_length=4,
                    )
            with Vertical(id="card-hands"):
                yield Label("Choices, one a line (a secret: 2 to 6, or none for words; wishes: 3 to 8)")
                options = "\n".join(card.options) if card else ""
                yield TextArea(options, id="card-options", soft_wrap=True, show_line_numbers=False)
                yield Checkbox(
                    "Can be played aloud, with no phones (a secret card)",
                    card.aloud if card else False,
                    id="card-aloud",
                )
            yield Label("Tags, separated by commas (topics a partner can leave out)")
            yield Input(", ".join(card.tags) if card else "", id="card-tags")
            yield Static(id="card-problems")
            yield Label("Preview")
            yield CardView(id="card-preview")
            with Horizontal(classes="form-buttons"):
                yield Button("Keep this card", id="card-save", variant="primary")
                yield Button("Cancel", id="card-cancel")

    def on_mount(self) -> None:
        self.query_one("#card-text", TextArea).focus()
        self.check()

    def raw_fields(self) -> dict[str, Any]:
        text = self.query_one("#card-text", TextArea).text
        seconds = self.query_one("#card-seconds", Input).value.strip()
        tags = [tag.strip().lower() for tag in self.query_one("#card-tags", Input).value.split(",") if tag.strip()]
        kind = self.query_one("#card-kind", Select).value
        raw: dict[str, Any] = {
            "id": self.card.id if self.card else new_card_id(text, self.taken_ids),
            "kind": kind,
            "level": self.query_one("#card-level", Select).value,
            "points": self.query_one("#card-points", Select).value,
            "answerer": self.query_one("#card-answerer", Select).value,
            "text": text,
            "tags": tags,
        }
        if seconds:
            raw["seconds"] = int(seconds)
        if kind in HAND_KINDS:  # answered by both on their phones: its choices and aloud instead of who answers
            del raw["answerer"]
            options = [line.strip() for line in self.query_one("#card-options", TextArea).text.splitlines()]
            if any(options):
                raw["options"] = [option for option in options if option]
            if self.query_one("#card-aloud", Checkbox).value:
                raw["aloud"] = True
        return raw

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def check(self) -> Card | None:
        """Validate with the loader's rules; show the problems, or the card as it will look in play."""
        raw = self.raw_fields()
        self.query_one("#card-hands").display = raw["kind"] in HAND_KINDS
        self.query_one("#card-answerer").disabled = raw["kind"] in HAND_KINDS
        card, errors = check_card_fields(raw)
        messages = [f"{error.field}: {error.message}" for error in errors]
        if card is not None and card.id in self.taken_ids:
            messages.append(f"id: another card in this deck is already called '{card.id}'")
            card = None
        self.query_one("#card-problems", Static).update(plain("\n".join(messages)))
        self.query_one("#card-problems").display = bool(messages)
        self.query_one("#card-save", Button).disabled = card is None
        preview = self.query_one(CardView)
        preview.display = card is not None
        if card is not None:
            text = fill_names(card.text, *PREVIEW_NAMES)
            who = {"active": "", "partner": "Your partner answers", "both": "Both of you"}[card.answerer]
            if card.kind in HAND_KINDS:
                who = ALOUD if card.aloud else "Both of you, each on your own phone"
            preview.show(self.deck, card, text, who)
        return card

    @on(Button.Pressed, "#card-save")
    def action_save(self) -> None:
        card = self.check()
        if card is not None:
            self.dismiss(card)

    @on(Button.Pressed, "#card-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
