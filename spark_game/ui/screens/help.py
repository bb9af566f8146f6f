"""Help & support: how to play, and when a couple might want help from outside."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from ...core.pair.checkin import OUTSIDE_HELP
from ..css import css
from ..widgets.key_footer import KeyFooter

HOW_TO_PLAY = """\
# How to play

Spark is for the two of you, side by side, on one keyboard.

1. **Start a round.** Write both names, tick the decks you feel like, choose how
   far tonight may go (gentle, warm or bold) and how long the round is.
2. **Take turns.** Whoever's turn it is picks a deck with a number key, the
   arrows and Enter, or `s` to be surprised. The card appears, large.
3. **Do it, or pass.** Press Enter when the card is done. Press `p` to pass:
   passing is always fine, costs nothing, needs no reason, and offers a
   gentler card instead.
4. **React.** Whoever does the card earns its points and the other one says
   how it landed; a card for both scores for both, and you answer together.
   Press `1` neutral, `2` warm or `3` loved it (Enter never answers for
   anyone). Warm and loved add a bonus, because the heart of the game is how
   you respond to each other.
5. **Enjoy the climb.** A round starts gentle and grows warmer, never past the
   level you chose. Three done cards in a row add a small streak bonus.

Other keys: `u` takes back the last step (a done, a reaction, a pass, a
favourite, "not for us" or "later"; several steps deep), `t` starts and
pauses a card's timer, `f` keeps a card as a favourite, `Ctrl+B` blanks the
screen at once, on every screen (any key brings it back), `q`
leaves the round (it is saved after every turn: *Continue* picks it up) and
`e` ends it now, and `h` offers hands: each of you joins on your own phone
(a code each, on your home network) for your reaction, a quiet pass and a
quiet brake, secret answers and wishes, and, just for you, your private
limits and the monthly check-in. `Ctrl+P` opens the command palette.

Playing in a browser (`spark-game serve`)? Press `F11` for full screen (on a
Mac, `Ctrl+Cmd+F`), or choose *Full screen* in the browser's menu; the same
key brings the window back. Every button works with a click or a tap.

# Your limits, always

- **The brake** (`b`): either of you, any time, no reason asked. The round
  drops one level for the rest of the night (the status line says "up to
  warm"), and undo never takes it back.
- **Not for us** (`x`): this card never comes back. Changed your mind? Bring
  it back from *Our story*.
- **Later** (`l`): keep this card for another night: it comes first from its
  deck next round. *Our favourites* and *Saved for later* can be played as
  decks from *New round*.
- **Private limits**: on *New round*, each of you can privately pick topics to
  leave out, while the other looks away. Neither list is ever shown.
- **Opt-in decks**: a mature deck joins a round only when you both say yes,
  each on your own screen. Nobody sees who said no.

Every round ends with a short appreciation card, done together.

Scoring is light on purpose. *Together* mode fills one shared spark meter;
*friendly rivals* shows who leads. Either way the points are a game, not a
grade.
"""

# Also the page the quiet check-in shows both partners (screens/checkin.py): one text, never two.
HELP_TEXT = HOW_TO_PLAY + "\n# When to look for help outside the game\n\n" + OUTSIDE_HELP


class HelpScreen(ModalScreen[None]):
    """How to play, the keys of the screen it was opened over, and when to look for help; scrolls by keyboard."""

    CSS_PATH = css("summary")
    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "Back", id="help.back")]

    def __init__(self, origin: Screen[object] | None = None) -> None:
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            keys = keys_of(self.origin) if self.origin is not None else ""
            yield Markdown(keys + HELP_TEXT, id="help-text", open_links=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()


def keys_of(screen: Screen[object]) -> str:
    """The keys of a screen (and the app's own), as a Markdown list to put at the top of Help."""
    lines, seen = [], set()
    for binding in [*screen.BINDINGS, *screen.app.BINDINGS]:
        action = binding.action.removeprefix("app.") if isinstance(binding, Binding) else ""
        if not isinstance(binding, Binding) or not binding.description or action in seen:
            continue
        seen.add(action)
        keys = " or ".join(_key_name(key) for key in binding.key.split(","))
        lines.append(f"- `{keys}` {binding.description}")
    title = screen.__class__.__name__.removesuffix("Screen")
    title = " ".join(word for word in re.findall(r"[A-Z][a-z]*", title)).lower().capitalize()
    return f"# Keys on {title}\n\n" + "\n".join(lines) + "\n\n" if lines else ""


def _key_name(key: str) -> str:
    names = {"question_mark": "?", "enter": "Enter", "escape": "Esc", "delete": "Delete", "space": "Space"}
    key = key.strip()
    if key in names:
        return names[key]
    return "+".join(part.capitalize() if len(part) > 1 else part for part in key.split("+"))
