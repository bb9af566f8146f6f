"""Writing decks: Deck -> TOML with tomli-w, atomically, into a folder, under a safe name.

Anything written here is read back by the loader as the same deck: the
builder, import and export all go through it.
"""

from __future__ import annotations

import os
from pathlib import Path

import tomli_w

from ..files.atomic import atomic_write
from ..files.text import slugify
from .checks import RESERVED_FILE_NAMES, SLUG_MAX_CHARS
from .codec import deck_to_document
from .file import Problem, read_deck_file
from .model import Deck


def deck_to_toml(deck: Deck) -> str:
    return tomli_w.dumps(deck_to_document(deck), multiline_strings=True)


def slug_from_name(name: str) -> str:
    """A safe deck id from any name: ASCII letters and digits with hyphens, never reserved, never empty."""
    slug = slugify(name, limit=SLUG_MAX_CHARS, fallback="deck")
    return f"{slug}-deck" if slug in RESERVED_FILE_NAMES else slug


def deck_path(folder: Path, deck_id: str) -> Path:
    """The file for a deck id inside folder; the id is a checked slug, so this never leaves it."""
    if slug_from_name(deck_id) != deck_id:
        raise ValueError(f"{deck_id!r} is not a safe deck id")
    path = folder / f"{deck_id}.toml"
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"{deck_id!r} would leave {folder}")
    return path


def write_deck(path: Path, deck: Deck, *, shared: bool = False) -> None:
    """Write a deck atomically. A shared (exported) file gets the mode the user's umask gives, not 0600."""
    atomic_write(path, deck_to_toml(deck).encode("utf-8"), mode=_umask_mode() if shared else None)


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def import_deck(source: Path, folder: Path, *, replace_existing: bool = False) -> tuple[Path | None, list[Problem]]:
    """Validate a deck file and copy it into folder as <id>.toml.

    A broken file is refused with its problems and nothing is written. A
    different deck already stored under the same id is not overwritten
    unless replace_existing is set; the returned problem says so.
    """
    deck, problems = read_deck_file(source)
    if deck is None:
        return None, problems
    target = deck_path(folder, deck.id)
    if target.exists() and not replace_existing:
        existing, _ = read_deck_file(target)
        if existing != deck:
            return None, [
                Problem(str(source), f"a different deck with id '{deck.id}' is already at {target}", field="deck.id")
            ]
    write_deck(target, deck)
    return target, []
