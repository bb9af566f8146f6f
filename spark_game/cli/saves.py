"""`spark-game saves list` and `stats`: the saved rounds and the story so far, as lines."""

from __future__ import annotations

from ..core.files.text import clean_text, plural
from ..paths import Home
from .say import say


def list_saves_command(home: Home) -> int:
    from ..core.saves import list_saves

    entries = list_saves(home.saves_dir)
    say(f"Saved rounds in {home.saves_dir}:")
    if not entries:
        say("  none yet")
    for entry in entries:
        summary = entry.summary
        if summary is None:
            backup = " (a good backup exists: restore it from Saved games)" if entry.backup_ok else ""
            say(f"  {entry.id:<8}  DAMAGED   {entry.path.name}: {entry.problem}{backup}")
            continue
        status = "finished" if summary.finished else "unfinished"
        say(
            f"  {summary.id:<8}  {status:<10} {clean_text(summary.name, single_line=True)}  ·  "
            f"last played {summary.last_played:%Y-%m-%d %H:%M}  ·  {plural(summary.turns_played, 'turn')}  ·  "
            f"score {summary.scores[0]}-{summary.scores[1]}  ·  {', '.join(summary.decks)}"
        )
    return 0


def stats_command(home: Home) -> int:
    from datetime import date

    from ..core.pair.history_file import load_history
    from ..core.pair.story import story

    history = load_history(home.saves_dir).history
    if history.problem:
        say(history.problem, error=True)
    names = {loaded.deck.id: loaded.deck.name for loaded in home.load_decks().decks}
    first, second = history.names
    say(
        f"Our story: {clean_text(first, single_line=True)} & {clean_text(second, single_line=True)}"
        if first
        else "Our story"
    )
    for line in story(history, names, date.today()).lines():
        say(clean_text(line).replace("\n", " "))
    return 0
