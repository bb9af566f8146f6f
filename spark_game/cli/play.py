"""Opening the game: `play` (straight into a round), `resume`, `serve`, and the app itself."""

from __future__ import annotations

import argparse
import secrets
import tempfile
from pathlib import Path

from ..core.decks.model import LEVEL_NAMES, Deck
from ..core.files.tidy import private_folder
from ..core.play import RuleError, Settings, SettingsProblem, new_round
from ..paths import Home
from .say import say


def resume_command(home: Home, save_id: str | None) -> int:
    from ..core.saves import find_save, latest_unfinished

    entry = find_save(home.saves_dir, save_id) if save_id else latest_unfinished(home.saves_dir)
    if entry is None:
        wanted = f"no saved round with id {save_id}" if save_id else "no unfinished round to resume"
        say(f"spark-game resume: {wanted} (see 'spark-game saves list')", error=True)
        return 2
    if entry.problem:
        say(f"spark-game resume: {entry.path.name} is damaged: {entry.problem}", error=True)
        return 2
    return run_app(home, resume=entry.path)


def remembered_decks(home: Home, available: dict[str, Deck]) -> tuple[str, ...]:
    """The last round's decks (settings.toml); () when none is remembered, or one of them is gone or opt-in."""
    from ..core.pair.settings import peek_preferences

    remembered = peek_preferences(home.settings_file).decks
    gone = [deck_id for deck_id in remembered if deck_id not in available or available[deck_id].mature]
    if gone:
        say(f"spark-game play: {', '.join(gone)} from your last round can't be played; every deck is in", error=True)
        return ()
    return remembered


def quick_start(home: Home, args: argparse.Namespace) -> int:
    from ..core.pair.history_file import load_history

    library = home.load_decks()
    available = library.by_id() | load_history(home.saves_dir).history.personal_decks()
    if args.decks:
        deck_ids = tuple(part.strip() for part in args.decks.split(",") if part.strip())
    else:
        every = tuple(loaded.deck.id for loaded in library.decks if not loaded.deck.mature)
        deck_ids = remembered_decks(home, available) or every
    mature = [deck_id for deck_id in deck_ids if deck_id in available and available[deck_id].mature]
    if mature:
        say(
            f"spark-game play: {', '.join(mature)} is opt-in: start the round from New round, "
            "where each of you says yes on your own",
            error=True,
        )
        return 2
    settings = Settings(
        players=(args.players[0], args.players[1]),
        deck_ids=deck_ids,
        ceiling=list(LEVEL_NAMES.values()).index(args.ceiling) + 1,
        turns=args.turns or None,
        mode=args.mode,
        seed=args.seed if args.seed is not None else secrets.randbits(32),
    )
    try:
        new_round(settings, available)
    except SettingsProblem as error:
        say(f"spark-game play: {error}", error=True)
        return 2
    except RuleError as error:
        say(f"spark-game play: {error} (decks here: {', '.join(available) or 'none'})", error=True)
        return 2
    return run_app(home, quick_start=settings)


def unwritable(folder: Path) -> str | None:
    """Why rounds can't be saved in folder, in one line; None when they can."""
    try:
        private_folder(folder)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return f"rounds can't be saved: {folder} can't be written ({error.strerror or error})"
    return None


def run_app(home: Home, quick_start: Settings | None = None, resume: Path | None = None) -> int:
    """Run the game; its exit status is non-zero when it crashed."""
    if quick_start is not None or resume is not None:
        problem = unwritable(home.saves_dir)
        if problem:
            say(f"spark-game: {problem}", error=True)
            return 1
    from ..ui.app import SparkApp

    app = SparkApp(home, quick_start=quick_start, resume=resume)
    try:
        app.run()
    finally:
        app.session.close()
    return app.return_code or 0


def serve_command(home: Home, port: int | None, lan: bool) -> int:
    from ..web.serve import DEFAULT_PORT, serve  # its sockets aren't needed by any other command

    return serve(home, DEFAULT_PORT if port is None else port, lan=lan)
