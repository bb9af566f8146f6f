"""Play: one partner chooses a deck, does the card or passes, the other reacts."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ...core.deck import Card
from ...core.closing import CLOSING_DECK
from ...core.engine import REACTIONS, Phase, Round
from ...core.history import FAVOURITES_DECK
from ..css import css
from ..safe import plain, template
from ..widgets.card_timer import CardTimer
from ..widgets.card_view import CardView
from ..widgets.scoreboard import Scoreboard
from .modals import ConfirmScreen, PrivacyScreen

REACTION_LABELS = {0: "1 · Neutral", 1: "2 · Warm", 2: "3 · Loved it"}
# The phases in which each action is allowed; check_action hides the keys of the others.
ACTION_PHASES = {
    "choose": {Phase.CHOOSE},
    "surprise": {Phase.CHOOSE},
    "done": {Phase.CARD, Phase.CLOSE},
    "pass_card": {Phase.CARD},
    "timer": {Phase.CARD, Phase.CLOSE},
    "react": {Phase.REACT},
    "favourite": {Phase.CARD, Phase.REACT},
    "brake": {Phase.CHOOSE, Phase.CARD, Phase.REACT},
    "retire": {Phase.CARD},
    "later": {Phase.CARD},
    "end_round": {Phase.CHOOSE, Phase.CARD, Phase.REACT},
}
BUTTON_ACTIONS = {
    "button-done": "done", "button-pass": "pass_card", "button-favourite": "favourite",
    "button-retire": "retire", "button-later": "later",
}
# Cards that are not the pair's to prune: the Favourites pile is prunable from Our story.
UNPRUNABLE_DECKS = {FAVOURITES_DECK}


class PlayScreen(Screen):
    CSS_PATH = css("play", "card")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", f"Deck {n}", show=False, id=f"play.deck{n}") for n in range(1, 10)),
        Binding("s", "surprise", "Surprise me", id="play.surprise"),
        Binding("enter", "done", "Done", id="play.done", priority=True),
        Binding("p", "pass_card", "Pass", id="play.pass"),
        *(Binding(str(n + 1), f"react({n})", REACTIONS[n].capitalize(), id=f"play.react{n}") for n in REACTIONS),
        Binding("ctrl+b", "privacy", "Privacy", id="play.privacy", priority=True),
        Binding("b", "brake", "Brake", id="play.brake"),
        Binding("f", "favourite", "Favourite", id="play.favourite"),
        Binding("t", "timer", "Timer", id="play.timer"),
        Binding("x", "retire", "Not for us", id="play.retire", show=False),
        Binding("l", "later", "Later", id="play.later", show=False),
        Binding("q", "leave", "Leave", id="play.leave"),
        Binding("e", "end_round", "End", id="play.end"),
    ]

    def __init__(self, game: Round) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="play-status"):
            yield Static(id="play-turn")
            yield Scoreboard(id="play-scores")
        with VerticalScroll(id="play-body"):
            with Vertical(id="play-choose"):
                yield Static(id="choose-prompt")
                yield OptionList(id="deck-options")
                yield Static("s · surprise me (a deck you've played least tonight)", id="choose-hint")
            yield CardView(id="play-card")
            yield CardTimer(id="play-timer")
            yield Static(id="play-notice")
            with Horizontal(id="card-buttons"):
                yield Button("Done", id="button-done", variant="primary")
                yield Button("Pass", id="button-pass")
                yield Button("♡ Favourite", id="button-favourite")
                yield Button("x Not for us", id="button-retire", classes="small")
                yield Button("l Later", id="button-later", classes="small")
            with Vertical(id="play-react"):
                yield Static(id="react-prompt")
                with Horizontal(id="react-buttons"):
                    for reaction, label in REACTION_LABELS.items():
                        yield Button(label, id=f"react-{reaction}", name=str(reaction))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_view()

    # ------------------------------------------------------------------ view

    def refresh_view(self, notice: str = "") -> None:
        game = self.game
        if game.phase is Phase.OVER:
            self.app.show_summary(game)
            return
        players = game.settings.players
        total = game.settings.turns
        turn_text = f"Turn {game.turn} of {total}" if total else f"Turn {game.turn}"
        self.query_one("#play-turn", Static).update(
            template(f"{turn_text} · [b]$name[/b]'s turn", name=players[game.active_player])
        )
        self.query_one(Scoreboard).show(game)
        phase = game.phase
        self.query_one("#play-choose").display = phase is Phase.CHOOSE
        self.query_one("#play-card").display = phase in (Phase.CARD, Phase.REACT, Phase.CLOSE)
        self.query_one("#play-card").set_class(phase is Phase.REACT, "reacting")
        self.query_one("#card-buttons").display = phase in (Phase.CARD, Phase.CLOSE)
        self.query_one("#button-pass").display = phase is Phase.CARD
        self.query_one("#button-favourite").display = phase is Phase.CARD
        for button_id, action in (("#button-retire", "retire"), ("#button-later", "later")):
            self.query_one(button_id).display = phase is Phase.CARD and bool(self.check_action(action, ()))
        self.query_one("#play-react").display = phase is Phase.REACT
        self.query_one("#play-notice", Static).update(plain(notice))
        timer = self.query_one(CardTimer)
        if phase is Phase.CHOOSE:
            timer.reset(None)
            self._show_deck_options()
        elif phase is Phase.CARD:
            self._show_card()
        elif phase is Phase.CLOSE:
            self._show_closing_card()
        elif phase is Phase.REACT:
            timer.reset(None)
            assert game.pending is not None
            self._show_record_card(game.pending.deck_id, game.pending.card, "")
            self.query_one("#react-prompt", Static).update(
                template("[b]$who[/b], how did that land for you?", who=players[game.reacting_player])
            )
            self.query_one("#react-1", Button).focus()
        self.refresh_bindings()

    def _show_deck_options(self) -> None:
        game = self.game
        counts = game.deck_play_counts()
        playable = set(game.playable_decks())
        self.query_one("#choose-prompt", Static).update(
            template("[b]$name[/b], choose a deck (number keys, arrows and enter, or s)",
                     name=game.settings.players[game.active_player])
        )
        options = self.query_one("#deck-options", OptionList)
        options.clear_options()
        for number, deck_id in enumerate(game.settings.deck_ids, start=1):
            deck = game.decks[deck_id]
            played = counts[deck_id]
            label = f"{number}  {deck.name}" + (f"  · played {played}" if played else "")
            options.add_option(Option(plain(label), id=deck_id, disabled=deck_id not in playable))
        options.highlighted = 0
        options.focus()

    def _show_card(self) -> None:
        game = self.game
        card, deck = game.card, game.deck
        assert card is not None and deck is not None
        players = game.settings.players
        who = {
            "active": "",
            "partner": f"{players[game.reacting_player]} answers",
            "both": "Both of you",
        }[card.answerer]
        self._show_record_card(deck.id, card, who)
        self.query_one(CardTimer).reset(card.seconds)
        self.query_one("#button-done", Button).label = "Done"
        self._show_favourite(game.current_favourite)
        self.query_one("#button-done", Button).focus()

    def _show_closing_card(self) -> None:
        game = self.game
        card = game.card
        assert card is not None
        self.query_one("#play-turn", Static).update("To close the round, together")
        self.query_one(CardView).show(CLOSING_DECK, card, game.personalise(card.text), "Both of you")
        self.query_one(CardView).border_subtitle = "appreciation · together"
        self.query_one(CardTimer).reset(card.seconds)
        self.query_one("#button-done", Button).label = "Done: see our round"
        self.query_one("#button-done", Button).focus()

    def _show_record_card(self, deck_id: str, card: Card, who: str) -> None:
        game = self.game
        self.query_one(CardView).show(game.decks[deck_id], card, game.personalise(card.text), who)

    def _show_favourite(self, marked: bool) -> None:
        self.query_one("#button-favourite", Button).label = "★ Favourite" if marked else "♡ Favourite"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phases = ACTION_PHASES.get(action)
        if phases is None:
            return True
        if self.game.phase not in phases:
            return False
        if action == "choose":
            number = int(parameters[0])  # type: ignore[call-overload]
            deck_ids = self.game.settings.deck_ids
            return number <= len(deck_ids) and deck_ids[number - 1] in self.game.playable_decks()
        if action == "timer":
            return bool(self.game.card and self.game.card.seconds)
        if action in ("retire", "later"):
            deck = self.game.deck
            return deck is not None and deck.id not in UNPRUNABLE_DECKS and len(deck.cards) > 1
        if action == "brake":
            return self.game.ceiling > 1 or None  # dimmed once gentle is as low as it goes
        return True

    # ------------------------------------------------------------------ actions

    def changed(self, notice: str = "") -> None:
        """The round moved on: save it (in the background) and show where it stands."""
        self.app.autosave(self.game)
        self.refresh_view(notice)

    def action_choose(self, number: int) -> None:
        self.game.choose_deck(self.game.settings.deck_ids[number - 1])
        self.changed()

    def action_surprise(self) -> None:
        self.game.choose_deck(None)
        self.changed()

    def action_done(self) -> None:
        if self.game.phase is Phase.CLOSE:
            self.game.close()
        else:
            self.game.done()
        self.changed()

    def action_brake(self) -> None:
        if self.game.ceiling == 1:
            return
        self.game.brake()
        self.changed("Taking it gentler from here.")

    def action_retire(self) -> None:
        self._prune(self.app.history.retire, self.game.retire_card, "That one won't come back.")

    def action_later(self) -> None:
        self._prune(self.app.history.revisit_later, self.game.pass_card, "Saved for another night.")

    def _prune(self, remember, move_on, message: str) -> None:
        """Take the card off the table for good or for later; the pair's history remembers which."""
        deck, card = self.game.deck, self.game.card
        assert deck is not None and card is not None
        offered = move_on()
        remember(deck.id, deck.name, card)
        self.changed(f"{message} " + ("Here's another." if offered else "Choose a deck."))

    def action_pass_card(self) -> None:
        offered = self.game.pass_card()
        self.changed("No problem. Here's a gentler one." if offered else "No problem. Choose another deck.")

    def action_react(self, reaction: int) -> None:
        self.game.react(reaction)
        self.changed()

    def action_favourite(self) -> None:
        marked = self.game.toggle_favourite()
        self.app.autosave(self.game)
        self._show_favourite(marked)
        self.query_one("#play-notice", Static).update("★ Saved to your favourites." if marked else "Taken off your favourites.")

    def action_timer(self) -> None:
        self.query_one(CardTimer).toggle()

    def action_privacy(self) -> None:
        self.app.push_screen(PrivacyScreen())

    def action_leave(self) -> None:
        self.app.autosave(self.game)
        self.app.leave_round()
        self.app.go_home()
        self.app.notify("Saved. Continue from Home whenever you like.", timeout=4)

    def action_end_round(self) -> None:
        def end(confirmed: bool | None) -> None:
            if confirmed:
                self.game.finish()
                self.changed()

        self.app.push_screen(
            ConfirmScreen("End this round now and see your summary?", yes="End round", no="Keep playing"), end
        )

    # ------------------------------------------------------------------ mouse

    @on(OptionList.OptionSelected, "#deck-options")
    def _deck_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.game.phase is Phase.CHOOSE and event.option.id:
            self.game.choose_deck(event.option.id)
            self.changed()

    @on(Button.Pressed, "#card-buttons Button")
    async def _card_button(self, event: Button.Pressed) -> None:
        """A click goes through the same action, and the same check, as its key."""
        assert event.button.id is not None
        await self.run_action(BUTTON_ACTIONS[event.button.id])

    @on(Button.Pressed, "#react-buttons Button")
    def _reaction_clicked(self, event: Button.Pressed) -> None:
        assert event.button.name is not None
        self.action_react(int(event.button.name))
