"""KeyFooter: the same keys as Textual's Footer, clickable, updated in place, and no widget left behind."""

import gc

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer, Label
from textual.widgets._footer import FooterKey

from spark_game.core.play import Settings
from spark_game.paths import Home
from spark_game.ui.app import SparkApp
from spark_game.ui.screens.round.play import PlayScreen
from spark_game.ui.widgets.key_footer import KeyFooter

from ..toolkit import wait_for, wait_for_screen


class Keys(App[None]):
    """Keys shown, dimmed (check_action None), hidden (False) and never shown (show=False)."""

    BINDINGS = [
        Binding("x", "next", "Next"),
        Binding("a", "alpha", "Alpha"),
        Binding("b", "beta", "Beta"),
        Binding("h", "hidden", "Hidden", show=False),
        Binding("enter", "go", "Go"),
        Binding("ctrl+g", "go", "Go again"),  # a second key for one action: only the first is shown
    ]

    def __init__(self, *, with_footer: bool = False) -> None:
        super().__init__()
        self.with_footer = with_footer
        self.states: dict[str, bool | None] = {"alpha": True, "beta": None}
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label("0")
        if self.with_footer:
            yield Footer()
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.states.get(action, True)

    def action_next(self) -> None:
        self.ran.append("next")
        alpha = self.states["alpha"]
        self.states = {"alpha": None if alpha else True, "beta": False if alpha else None}
        self.refresh_bindings()

    def action_alpha(self) -> None:
        self.ran.append("alpha")

    def action_beta(self) -> None:
        self.ran.append("beta")

    def action_go(self) -> None:
        self.ran.append("go")


def textual_footer_shows(app: App) -> list[tuple[str, str, bool]]:
    """What Textual's Footer shows: (key, description, enabled) per key, the command palette's last."""
    keys = sorted(app.query(FooterKey), key=lambda key: key.has_class("-command-palette"))
    return [(key.key, key.description, not key.has_class("-disabled")) for key in keys]


def key_footer_shows(app: App) -> list[tuple[str, str, bool]]:
    footer = app.query_one(KeyFooter)
    keys = [*footer.keys, *([footer.palette] if footer.palette else [])]
    return [(key.key, key.description, key.enabled) for key in keys]


async def test_it_shows_the_keys_textual_footer_shows_dimmed_and_hidden_alike():
    app = Keys(with_footer=True)
    async with app.run_test(size=(100, 10)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await wait_for(pilot, lambda: bool(app.query(FooterKey)))
            assert key_footer_shows(app) == textual_footer_shows(app)
            await pilot.press("x")
        shown = key_footer_shows(app)
        assert [description for _, description, _ in shown] == ["Next", "Alpha", "Go", "palette"]
        assert ("a", "Alpha", False) in shown  # check_action None: dimmed, as Footer does


async def test_a_click_presses_the_key_and_a_dimmed_key_only_rings():
    app = Keys()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        footer.render()  # the spans of the keys as drawn

        def x_of(description: str) -> int:
            return next(span.start for span in footer.spans if span.key.description == description)

        await pilot.click(KeyFooter, offset=(x_of("Alpha"), 0))
        await pilot.click(KeyFooter, offset=(x_of("Beta"), 0))  # dimmed: nothing runs
        await pilot.click(KeyFooter, offset=(x_of("Next"), 0))
        await pilot.pause()
        assert app.ran == ["alpha", "next"]


async def test_keys_change_in_place_with_nothing_mounted():
    app = Keys()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        widgets = len(list(app.screen.walk_children()))
        for _ in range(5):
            await pilot.press("x")
        await pilot.pause()
        assert app.query_one(KeyFooter) is footer and not footer.children
        assert len(list(app.screen.walk_children())) == widgets
        assert [key.description for key in footer.keys] == ["Next", "Alpha", "Go"]


async def test_keys_that_do_not_fit_are_left_out_whole():
    app = Keys()
    async with app.run_test(size=(24, 6)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        line = footer.render().plain
        assert len(line) == 24
        assert "…" in line and line.rstrip().endswith("^p")  # the palette key, without its word
        for span in footer.spans:
            drawn = line[span.start : span.end]
            assert span.key.display in drawn
            assert span.key is footer.palette or span.key.description in drawn


def live_widgets() -> int:
    gc.collect()
    return sum(isinstance(thing, Widget) for thing in gc.get_objects())


async def test_playing_on_leaves_no_widget_behind(isolated_home):
    settings = Settings(("Ana", "Bo"), ("conversation", "playfulness"), turns=None, seed=5)
    app = SparkApp(Home(isolated_home), quick_start=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_screen(pilot, PlayScreen)

        async def turns(count: int) -> None:
            for _ in range(count):
                await pilot.press("s", "enter", "1")
            await pilot.pause()

        await turns(3)
        before = live_widgets()
        await turns(12)
        assert live_widgets() == before
