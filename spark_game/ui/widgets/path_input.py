"""A path field that completes file and folder names from the disk, as a shell does: Tab or → accepts."""

from __future__ import annotations

import asyncio
import os
from itertools import islice
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

MAX_ENTRIES = 5_000  # a folder with more is only partly looked at: completion must never hang the game


def split_path(value: str) -> tuple[str, str]:
    """What is typed, as the folder part (kept as typed, with its last slash) and the name being typed."""
    cut = max(value.rfind("/"), value.rfind(os.sep))
    return value[: cut + 1], value[cut + 1 :]


def candidates(folder: Path, partial: str, wanted: tuple[str, ...]) -> list[tuple[str, bool]]:
    """(name, is a folder) for the entries of folder starting with partial; hidden ones only when asked."""
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in islice(entries, MAX_ENTRIES):
                if not entry.name.startswith(partial) or (entry.name.startswith(".") and not partial.startswith(".")):
                    continue
                is_dir = entry.is_dir()
                if is_dir or not wanted or entry.name.casefold().endswith(wanted):
                    found.append((entry.name, is_dir))
    except OSError:
        return []
    return sorted(found, key=lambda item: (not item[1], item[0].casefold()))


def common_start(names: list[str]) -> str:
    """The letters every name starts with."""
    first, last = min(names), max(names)
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    return first[:size]


def complete_path(value: str, wanted: tuple[str, ...] = ()) -> str | None:
    """The value completed: the only match (a folder gets its slash), else the matches' common start, else the first.

    Only folders and files ending in one of `wanted` (any file when empty) are offered.
    """
    if value == "~":
        return "~/"
    typed_folder, partial = split_path(value)
    folder = Path(os.path.expanduser(typed_folder or "."))
    found = candidates(folder, partial, wanted)
    if not found:
        return None
    if len(found) == 1:
        name, is_dir = found[0]
        completed = name + ("/" if is_dir else "")
    else:
        common = common_start([name for name, _ in found])
        completed = common if len(common) > len(partial) else found[0][0] + ("/" if found[0][1] else "")
    return typed_folder + completed if completed != partial else None


class PathSuggester(Suggester):
    """Suggests the rest of a path from the disk, read in a thread so a slow folder never blocks a key."""

    def __init__(self, wanted: tuple[str, ...] = ()) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.wanted = wanted

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value, self.wanted)


class PathInput(Input):
    """An Input for a path: the completion shows dimmed after the cursor, Tab (or →) takes it."""

    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    def __init__(self, value: str = "", *, wanted: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(value, suggester=PathSuggester(wanted), select_on_focus=False, **kwargs)

    def action_complete(self) -> None:
        """Take the completion; with none to take, Tab moves on as usual."""
        if self.cursor_at_end and self._suggestion:
            self.action_cursor_right()
        else:
            self.screen.focus_next()
