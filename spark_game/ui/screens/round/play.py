"""Play: one partner chooses a deck, does the card or passes, the other reacts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from ....core.decks.model import LEVEL_NAMES, Card
from ....core.files.text import shorten
from ....core.files.when import describe_when
from ....core.play import NOTE_LIMIT, REACTIONS, Action, Phase, Round, hand_answers
from ....core.session.play_session import Step
from ...css import css
from ...safe import notify_plain, plain, template
from ...widgets.card_timer import CardTimer
from ...widgets.card_view import CardView
from ...widgets.key_footer import KeyFooter
from ...widgets.line_list import DeckList
from ...widgets.scoreboard import Scoreboard
from ...widgets.title_bar import TitleBar
from ..dialogs import ConfirmScreen, TextPromptScreen
from . import controls
from .controls import BUTTON_ACTIONS, REACTION_KEYS, REACTION_LABELS, deck_lines, engine_question
from .hands import PhoneHands
from .plan import PlanChoice, PlanScreen

if TYPE_CHECKING:
    from ...app import SparkApp


class PlayScreen(Screen[None]):
    """The round in play: choose a deck, do the card or pass, and the other partner reacts."""

    if TYPE_CHECKING:
        app = getters.app(SparkApp)

    CSS_PATH = css("play", "card")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide"), (140, "-huge")]
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", f"Deck {n}", show=False, id=f"play.deck{n}") for n in range(1, 10)),
        Binding("s", "surprise", "Surprise me", id="play.surprise"),
        Binding("up", "highlight(-1)", "Up", show=False, id="play.up", priority=True),
        Binding("down", "highlight(1)", "Down", show=False, id="play.down", priority=True),
        Binding("enter", "done", "Done", id="play.done", priority=True),
        Binding("enter", "pick", "Choose", show=False, id="play.pick"),
        Binding("p", "pass_card", "Pass", id="play.pass"),
        *(
            Binding(key, f"react({n})", REACTIONS[n].capitalize(), id=f"play.react{n}")
            for n, key in REACTION_KEYS.items()
        ),
        Binding("b", "brake", "Brake", id="play.brake"),
        Binding("u", "undo", "Undo", id="play.undo"),
        Binding("n", "note", "Note", id="play.note"),
        Binding("P", "plan", "Plan", id="play.plan"),
        Binding("f", "favourite", "Favourite", id="play.favourite"),
        Binding("t", "timer", "Timer", id="play.timer"),
        Binding("x", "retire", "Not for us", id="play.retire", show=False),
        Binding("l", "later", "Later", id="play.later", show=False),
        Binding("q", "leave", "Leave", id="play.leave"),
        Binding("e", "end_round", "End", id="play.end"),
        Binding("h", "hands", "Hands", id="play.hands", show=False),
    ]

    def __init__(self, game: Round) -> None:
        self.hands = PhoneHands(self)  # the partners' phones, once the pair asks for them
        super().__init__()
        self.game = game
        self.deck_list = DeckList(id="deck-options")  # made here: which deck Enter chooses is asked before mount

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="play-unsaved")
        with Horizontal(id="play-status"):
            yield Static(id="play-turn")
            yield Scoreboard(id="play-scores")
        with VerticalScroll(id="play-body"):
            with Vertical(id="play-choose"):
                yield Static(id="choose-prompt")
                yield self.deck_list
                yield Static("s · surprise me (a deck you've played least tonight)", id="choose-hint")
            yield CardView(id="play-card")
            yield Static(id="play-note")
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
            with Horizontal(id="undo-row"):
                yield Button("u Undo", id="button-undo", classes="small")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.refresh_view()

    # ------------------------------------------------------------------ view

    def refresh_view(self, notice: str = "") -> None:
        game = self.game
        if game.phase is Phase.OVER:
            self.app.show_summary(game)
            return
        notice = " ".join(filter(None, (notice, self._draw_by_itself())))
        players = game.settings.players
        total = game.settings.turns
        turn_text = f"Turn {game.turn} of {total}" if total else f"Turn {game.turn}"
        limit = LEVEL_NAMES[game.ceiling]
        self.query_one("#play-turn", Static).update(
            template(
                f"{turn_text} · [b]$name[/b]'s turn · up to {limit}", name=shorten(players[game.active_player], 14)
            )
        )
        self.query_one(Scoreboard).show(game)
        phase = game.phase
        self.query_one("#play-choose").display = phase is Phase.CHOOSE
        self.query_one("#play-card").display = phase in (Phase.CARD, Phase.REACT, Phase.CLOSE)
        self.query_one("#play-card").set_class(phase is Phase.REACT, "reacting")
        self.query_one("#card-buttons").display = phase in (Phase.CARD, Phase.CLOSE)
        self.query_one("#button-pass").display = game.allows(Action.PASS)
        self.query_one("#button-favourite").display = phase is Phase.CARD
        for button_id, action in (("#button-retire", Action.RETIRE), ("#button-later", Action.LATER)):
            self.query_one(button_id).display = game.allows(action)
        self.query_one("#play-react").display = phase is Phase.REACT
        self.query_one("#undo-row").display = game.allows(Action.UNDO)
        self.query_one("#play-notice", Static).update(plain(notice))
        self.show_note()
        self.show_save_problem()
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
            self._show_reaction()
        if phase is not Phase.CARD and phase is not Phase.CLOSE:
            # Enter never answers a reaction for anyone, and chooses the highlighted deck: no button keeps it.
            # Play itself never moves the focus (a focus move repaints the whole screen, twice).
            self.set_focus(None)
        self.refresh_bindings()
        self.hands.changed()

    def current_note(self) -> str:
        game = self.game
        if game.phase is Phase.REACT and game.pending is not None:
            return game.pending.note
        return game.current_note if game.phase is Phase.CARD else ""

    def show_note(self) -> None:
        note = self.current_note()
        line = self.query_one("#play-note", Static)
        line.display = bool(note)
        line.update(plain(f"✎ {note}"))

    def show_save_problem(self) -> None:
        """A round that isn't being saved says so, in view, for as long as it lasts."""
        problem = self.app.session.save_problem
        banner = self.query_one("#play-unsaved", Static)
        banner.display = problem is not None
        banner.update(plain(f"⚠ {problem}" if problem else ""))

    def _show_deck_options(self) -> None:
        name = self.game.settings.players[self.game.active_player]
        prompt = template("[b]$name[/b], choose a deck (number keys, arrows and enter, or s)", name=name)
        self.query_one("#choose-prompt", Static).update(prompt)
        self.deck_list.show(*deck_lines(self.game))

    def _show_card(self) -> None:
        game = self.game
        card, deck = game.card, game.deck
        assert card is not None and deck is not None
        self._show_record_card(deck.id, card, hand_answers.reveal_lines(game) or controls.who_answers(game, card))
        self.query_one(CardTimer).reset(card.seconds)
        self._label_done("Done")
        self._show_favourite(game.current_favourite)

    def _show_closing_card(self) -> None:
        game = self.game
        card = game.card
        assert card is not None
        self.query_one("#play-turn", Static).update("To close the round, together")
        self.query_one(CardView).show(game.closing, card, game.personalise(card.text), "Both of you")
        self.query_one(CardView).border_subtitle = "appreciation · together"
        self.query_one(CardTimer).reset(card.seconds)
        self._label_done("Done: see our round")

    def _label_done(self, label: str) -> None:
        """Button's label doesn't lay the button out again: a longer one would be cut to the old width."""
        done = self.query_one("#button-done", Button)
        if str(done.label) != label:
            done.label = label
            done.refresh(layout=True)

    def _show_record_card(self, deck_id: str, card: Card, who: str) -> None:
        game = self.game
        self.query_one(CardView).show(game.decks[deck_id], card, game.personalise(card.text), who)

    def _show_favourite(self, marked: bool) -> None:
        self.query_one("#button-favourite", Button).label = "★ Favourite" if marked else "♡ Favourite"

    def _show_reaction(self) -> None:
        game = self.game
        assert game.pending is not None
        self._show_record_card(game.pending.deck_id, game.pending.card, "")
        reactor = game.reactor
        self.query_one("#react-prompt", Static).update(
            template("How did that land for the two of you? Choose together: 1, 2 or 3.")
            if reactor is None
            else template("[b]$who[/b], how did that land for you? 1, 2 or 3.", who=game.settings.players[reactor])
        )

    def engine_question(self, action: str, parameters: tuple[object, ...]) -> tuple[Action, object] | None:
        return engine_question(self.game, action, parameters, self.deck_list.highlighted)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the engine says what is allowed: the keys and buttons follow it."""
        if action == "highlight":  # the arrows belong to the deck list only while a deck is chosen
            return self.game.phase is Phase.CHOOSE
        question = self.engine_question(action, parameters)
        return True if question is None else self.game.allows(*question)

    # ------------------------------------------------------------------ actions

    def act(self, action: Action, argument: object = None) -> Step | None:
        """Ask the session to play one action (ignored when it is not allowed any more) and show the round.

        Its save waits until the frame that shows it is written, so encoding never competes with the paint.
        """
        saver = self.app.session.saver
        saver.hold()
        self.app.call_after_refresh(saver.resume)
        return self.app.session.act(action, argument)

    def after(self, step: Step | None, notice: str = "") -> None:
        if step is not None:
            self.refresh_view(" ".join(filter(None, (notice, step.notice))))

    def action_choose(self, number: int) -> None:
        deck_ids = self.game.settings.deck_ids
        if 1 <= number <= len(deck_ids):
            self.after(self.act(Action.CHOOSE, deck_ids[number - 1]))

    def action_pick(self) -> None:
        self.action_choose(self.deck_list.highlighted + 1)

    def action_highlight(self, step: int) -> None:
        """Move the deck list's highlight to the next deck that can be played, up or down."""
        self.deck_list.move(step)

    def action_surprise(self) -> None:
        self.after(self.act(Action.SURPRISE))

    def action_done(self) -> None:
        self.after(self.act(Action.COMPLETE))

    def action_brake(self) -> None:
        card_before = self.game.card
        step = self.act(Action.BRAKE)
        if step is None:
            return
        self.after(step, controls.brake_notice(self.game, card_before))

    def action_retire(self) -> None:
        step = self.act(Action.RETIRE)
        self.after(step, "That one won't come back. " + controls.next_hint(self.game, step))

    def action_later(self) -> None:
        step = self.act(Action.LATER)
        self.after(step, "Saved for another night. " + controls.next_hint(self.game, step))

    def answer_from_hand(self, argument: object) -> None:
        """A secret answer or wishes from a phone: the table shows it came, and both once both are in."""
        step = self.act(Action.ANSWER, argument)
        self.after(step, "Both answers are in." if hand_answers.revealed(self.game) else "An answer came in.")

    def action_pass_card(self) -> None:
        passed = self.game.card
        step = self.act(Action.PASS)
        if step is not None and step.offered is not None and passed is not None:
            gentler = step.offered.level < passed.level
            self.after(step, "No problem. " + ("Here's a gentler one." if gentler else "Here's another one."))
        else:
            self.after(step, "No problem. " + controls.next_hint(self.game, step))

    def action_note(self) -> None:
        def write(text: str | None) -> None:
            if text is not None:
                self.after(self.act(Action.NOTE, text), "Noted." if text.strip() else "Note cleared.")

        self.app.push_screen(
            TextPromptScreen("A note on this card, one line (empty clears it):", self.current_note(), NOTE_LIMIT),
            write,
        )

    def action_plan(self) -> None:
        card = self.game.pending.card if self.game.phase is Phase.REACT and self.game.pending else self.game.card
        if card is None:
            return
        suggestion = self.current_note() or self.game.personalise(card.text)[:NOTE_LIMIT]

        def keep(choice: PlanChoice | None) -> None:
            if choice is None:
                return
            plan = self.app.session.make_plan(choice.text, choice.when)
            if not self.current_note():
                self.act(Action.NOTE, choice.text)
            when = describe_when(plan.when, self.app.session.today())
            self.refresh_view(f"Plan kept: {plan.text[:60]}, {when}. It waits on Home until it's done.")

        self.app.push_screen(PlanScreen(suggestion, self.app.session.today()), keep)

    def _draw_by_itself(self) -> str:
        """A round with one deck has nothing to choose: the card comes at once (with the engine's notice)."""
        only = controls.only_deck(self.game)
        if self.game.phase is Phase.CHOOSE and only is not None and self.game.allows(Action.CHOOSE, only):
            step = self.app.session.act(Action.CHOOSE, only)
            return step.notice if step is not None else ""
        return ""

    def action_undo(self) -> None:
        step = self.act(Action.UNDO)
        again = step is not None and self.game.phase is Phase.CHOOSE and self.game.allows(Action.UNDO)
        if again and controls.only_deck(self.game):
            step = self.act(Action.UNDO)  # the card a one-deck round drew by itself is not a step of theirs
        self.after(
            step, "Taken back." + ("" if self.game.ceiling == self.game.settings.ceiling else " (The brake stays.)")
        )

    def action_react(self, reaction: int) -> None:
        self.after(self.act(Action.REACT, reaction))

    def action_favourite(self) -> None:
        step = self.act(Action.FAVOURITE)
        if step is None:
            return
        self._show_favourite(step.favourite)
        self.query_one("#play-notice", Static).update(
            "★ Saved to your favourites." if step.favourite else "Taken off your favourites."
        )

    def action_timer(self) -> None:
        if self.game.allows(Action.TIMER):
            self.query_one(CardTimer).toggle()

    def action_leave(self) -> None:
        self.app.session.leave()
        self.app.go_home()
        notify_plain(self.app, "Saved. Continue from Home whenever you like.", timeout=4)

    def action_end_round(self) -> None:
        def end(confirmed: bool | None) -> None:
            if confirmed:
                self.after(self.act(Action.FINISH))

        self.app.push_screen(
            ConfirmScreen("End this round now and see your summary?", yes="End round", no="Keep playing"), end
        )

    def action_hands(self) -> None:
        self.hands.offer()

    async def on_unmount(self) -> None:
        await self.hands.close()  # the round closed or was left: the hands' server goes with it

    # ------------------------------------------------------------------ mouse

    @on(DeckList.Chosen)
    def _deck_clicked(self, event: DeckList.Chosen) -> None:
        self.action_choose(event.index + 1)

    @on(Button.Pressed, "#card-buttons Button")
    async def _card_button(self, event: Button.Pressed) -> None:
        """A click goes through the same action, and the same check, as its key."""
        assert event.button.id is not None
        await self.run_action(BUTTON_ACTIONS[event.button.id])

    @on(Button.Pressed, "#react-buttons Button")
    def _reaction_clicked(self, event: Button.Pressed) -> None:
        assert event.button.name is not None
        self.action_react(int(event.button.name))
