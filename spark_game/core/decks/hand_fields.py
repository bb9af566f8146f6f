"""The fields of the hands' cards (deck format 2): a secret or wishes card's options, and aloud.

Checked by the loader's own `Checker`, so every problem names its file, line and field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..files.text import clean_text
from .model import HAND_KINDS

if TYPE_CHECKING:
    from .checks import Checker, FieldPath

HANDS_FORMAT = 2  # format 2 adds kinds secret and wishes, their options, and aloud
MAX_OPTION_CHARS = 40
OPTION_COUNTS = {"secret": (2, 6), "wishes": (3, 8)}  # fewest and most options of each kind


def validate_hand_fields(
    raw: dict[str, Any], kind: str | None, path: FieldPath, check: Checker, fmt: int
) -> tuple[tuple[str, ...], bool]:
    """A secret or wishes card's options and aloud: only from format 2, and only on the kinds that use them."""
    if fmt < HANDS_FORMAT:
        for key in ("kind", "options", "aloud"):
            if key in raw and (key != "kind" or kind in HAND_KINDS):
                check.error(path + (key,), f"needs 'format = {HANDS_FORMAT}' at the top of the file")
        return (), False
    aloud = raw.get("aloud", False)
    if not isinstance(aloud, bool):
        check.error(path + ("aloud",), "must be true or false")
        aloud = False
    elif aloud and kind != "secret":
        check.error(path + ("aloud",), "only a secret card can be played aloud")
    if "options" not in raw:
        if kind == "wishes":
            check.error(path + ("options",), "is missing: a wishes card lists the things to try")
        return (), aloud
    if kind not in OPTION_COUNTS:
        check.error(path + ("options",), "only a secret or wishes card has options")
        return (), aloud
    return _validate_options(raw["options"], OPTION_COUNTS[kind], path + ("options",), check), aloud


def _validate_options(raw_options: Any, counts: tuple[int, int], path: FieldPath, check: Checker) -> tuple[str, ...]:
    fewest, most = counts
    if not isinstance(raw_options, list) or not fewest <= len(raw_options) <= most:
        check.error(path, f"must be a list of {fewest} to {most} short choices")
        return ()
    options: list[str] = []
    for index, option in enumerate(raw_options):
        text = clean_text(option, single_line=True).strip() if isinstance(option, str) else ""
        if not text or len(text) > MAX_OPTION_CHARS:
            check.error(path + (index,), f"must be one line of 1 to {MAX_OPTION_CHARS} characters")
        elif text.casefold() in (seen.casefold() for seen in options):
            check.error(path + (index,), f"'{text}' is there twice")
        else:
            options.append(text)
    return tuple(options)
