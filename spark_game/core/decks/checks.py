"""The rules of a deck document (format 1): its limits, and the checks that make parsed TOML a Deck.

They work on the parsed document and name each problem by its field path
(``cards[12].level``); `file` then finds that field's line and column in the
text, because tomllib only gives positions for syntax errors. The loader, the
deck builder's form, the importer and the cache all ask these same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..files.text import clean_text
from .hand_fields import HANDS_FORMAT, validate_hand_fields
from .model import ANSWERERS, HAND_KINDS, KINDS, Card, Deck

FORMAT = HANDS_FORMAT  # the newest format this Spark reads


MAX_FILE_BYTES = 8 * 1024 * 1024


MAX_CARDS = 10_000


MAX_TEXT_CHARS = 1_000


MAX_NAME_CHARS = 60


MAX_DESCRIPTION_CHARS = 300


MAX_TAGS = 20


SLUG_MAX_CHARS = 48


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


COLOR = re.compile(r"#[0-9a-fA-F]{6}")


# Names Windows will not create as files, whatever the extension.
RESERVED_FILE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)


TOP_KEYS = ("format", "deck", "cards")


DECK_KEYS = ("id", "name", "description", "color", "mature")


CARD_KEYS = ("id", "kind", "level", "points", "seconds", "answerer", "text", "tags", "options", "aloud")


FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a deck document, before it is located in the file."""

    path: FieldPath
    message: str

    @property
    def field(self) -> str:
        return format_field_path(self.path)


def format_field_path(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def is_safe_slug(value: str) -> bool:
    return len(value) <= SLUG_MAX_CHARS and SLUG.fullmatch(value) is not None and value not in RESERVED_FILE_NAMES


class Checker:
    """Collects FieldErrors while reading typed values out of a parsed document."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, path: FieldPath, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def unknown_keys(self, table: dict[str, Any], known: tuple[str, ...], path: FieldPath) -> None:
        for key in table:
            if key not in known:
                from difflib import get_close_matches  # a misspelt key is rare: not worth difflib at start

                hint = get_close_matches(key, known, n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.error(path + (key,), f"unknown key '{key}'{suggestion}")

    def text(
        self,
        table: dict[str, Any],
        key: str,
        path: FieldPath,
        *,
        limit: int,
        required: bool = True,
        single_line: bool = False,
    ) -> str | None:
        if key not in table:
            if required:
                self.error(path + (key,), "is missing")
            return None
        value = table[key]
        if not isinstance(value, str):
            self.error(path + (key,), f"must be text, not {_type_name(value)}")
            return None
        value = clean_text(value, single_line=single_line).strip()
        if required and not value:
            self.error(path + (key,), "must not be empty")
            return None
        if len(value) > limit:
            self.error(path + (key,), f"is {len(value)} characters long; the limit is {limit}")
            return None
        return value

    def integer(
        self,
        table: dict[str, Any],
        key: str,
        path: FieldPath,
        low: int,
        high: int,
        *,
        required: bool = True,
        meaning: str = "",
    ) -> int | None:
        if key not in table:
            if required:
                self.error(path + (key,), "is missing")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path + (key,), f"must be a whole number, not {_type_name(value)}")
            return None
        if not low <= value <= high:
            self.error(path + (key,), f"must be {low} to {high}{meaning}, not {value}")
            return None
        return value

    def choice(
        self,
        table: dict[str, Any],
        key: str,
        path: FieldPath,
        choices: tuple[str, ...],
        *,
        default: str | None = None,
    ) -> str | None:
        if key not in table:
            if default is None:
                self.error(path + (key,), "is missing")
            return default
        value = table[key]
        if value not in choices:
            shown = value if isinstance(value, str) else _type_name(value)
            self.error(path + (key,), f"must be one of {', '.join(choices)}, not '{shown}'")
            return None
        return value

    def slug(self, table: dict[str, Any], key: str, path: FieldPath) -> str | None:
        value = self.text(table, key, path, limit=10 * SLUG_MAX_CHARS, single_line=True)
        if value is None:
            return None
        if not is_safe_slug(value):
            self.error(
                path + (key,),
                f"'{value}' is not a safe id: use lowercase letters, digits and single hyphens, "
                f"at most {SLUG_MAX_CHARS} characters, not a reserved name",
            )
            return None
        return value


def _type_name(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a decimal number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), "a date or time")


def validate_document(doc: dict[str, Any]) -> tuple[Deck | None, list[FieldError]]:
    """Check a parsed deck document; return the Deck when it has no errors."""
    check = Checker()
    fmt = doc.get("format")
    if "format" not in doc:
        check.error(("format",), f"is missing (write 'format = {FORMAT}' at the top)")
    elif isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        check.error(("format",), f"must be a whole number like {FORMAT}")
    elif fmt > FORMAT:
        return None, [FieldError(("format",), f"this deck needs a newer Spark (format {fmt})")]
    check.unknown_keys(doc, TOP_KEYS, ())

    header = doc.get("deck")
    deck_fields: dict[str, Any] = {}
    if not isinstance(header, dict):
        check.error(
            ("deck",),
            "is missing: add a [deck] table with id and name" if header is None else "must be a table: [deck]",
        )
    else:
        check.unknown_keys(header, DECK_KEYS, ("deck",))
        deck_fields = {
            "id": check.slug(header, "id", ("deck",)),
            "name": check.text(header, "name", ("deck",), limit=MAX_NAME_CHARS, single_line=True),
            "description": check.text(
                header,
                "description",
                ("deck",),
                limit=MAX_DESCRIPTION_CHARS,
                required=False,
            )
            or "",
        }
        if "color" in header:
            color = header["color"]
            if not isinstance(color, str) or not COLOR.fullmatch(color):
                check.error(("deck", "color"), 'must be a colour like "#f5a623"')
            else:
                deck_fields["color"] = color.lower()
        if "mature" in header:
            if not isinstance(header["mature"], bool):
                check.error(("deck", "mature"), "must be true or false")
            else:
                deck_fields["mature"] = header["mature"]

    cards = _validate_cards(
        doc.get("cards"), check, fmt if isinstance(fmt, int) and not isinstance(fmt, bool) else FORMAT
    )
    if check.errors:
        return None, check.errors
    return Deck(cards=cards, **deck_fields), []


def _validate_cards(raw_cards: Any, check: Checker, fmt: int) -> tuple[Card, ...]:
    if raw_cards is None or raw_cards == []:
        check.error(("cards",), "the deck has no cards: add at least one [[cards]] table")
        return ()
    if not isinstance(raw_cards, list):
        check.error(("cards",), "must be a list of [[cards]] tables")
        return ()
    if len(raw_cards) > MAX_CARDS:
        check.error(("cards",), f"has {len(raw_cards)} cards; the limit is {MAX_CARDS}")
        return ()
    cards: list[Card] = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(raw_cards):
        card = validate_card(raw, ("cards", index), check, fmt)
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(raw_id, str):
            continue
        if raw_id in first_index:
            check.error(
                ("cards", index, "id"),
                f"duplicate card id '{raw_id}' (first used by cards[{first_index[raw_id]}])",
            )
            continue
        first_index[raw_id] = index
        if card is not None:
            cards.append(card)
    return tuple(cards)


def validate_card(raw: Any, path: FieldPath, check: Checker, fmt: int = FORMAT) -> Card | None:
    """The card a table describes, or None with its problems in `check`; `fmt` is the file's format."""
    if not isinstance(raw, dict):
        check.error(path, "must be a table: [[cards]]")
        return None
    before = len(check.errors)
    check.unknown_keys(raw, CARD_KEYS, path)
    card_id = check.slug(raw, "id", path)
    kind = check.choice(raw, "kind", path, KINDS)
    level = check.integer(raw, "level", path, 1, 3, meaning=" (1 gentle, 2 warm, 3 bold)")
    points = check.integer(raw, "points", path, 1, 5)
    seconds = check.integer(raw, "seconds", path, 5, 3600, required=False)
    answerer = check.choice(raw, "answerer", path, ANSWERERS, default="active")
    text = check.text(raw, "text", path, limit=MAX_TEXT_CHARS)
    for placeholder in unknown_placeholders(text or ""):
        check.error(path + ("text",), f"unknown placeholder '{placeholder}': write {{me}} or {{partner}}")
    tags = _validate_tags(raw.get("tags", []), path + ("tags",), check)
    options, aloud = validate_hand_fields(raw, kind, path, check, fmt)
    if kind in HAND_KINDS and fmt >= HANDS_FORMAT:
        if answerer not in ("both", None) and "answerer" in raw:
            check.error(path + ("answerer",), f"a {kind} card is answered by both: leave answerer out")
        answerer = "both"
    if len(check.errors) > before:
        return None
    assert card_id is not None and kind is not None and level is not None and points is not None
    assert text is not None and answerer is not None
    return Card(
        id=card_id,
        kind=kind,
        level=level,
        points=points,
        text=text,
        seconds=seconds,
        answerer=answerer,
        tags=tags,
        options=options,
        aloud=aloud,
    )


# Anything in braces that looks like a name is read as a placeholder; only these two are filled in.
PLACEHOLDER = re.compile(r"\{[^{}\s]{1,30}\}")


PLACEHOLDERS = ("{me}", "{partner}")


def unknown_placeholders(text: str) -> list[str]:
    """Placeholder-like words in braces other than {me} and {partner}, each once, in order."""
    found = [match[0] for match in PLACEHOLDER.finditer(text) if match[0] not in PLACEHOLDERS]
    return list(dict.fromkeys(found))


def _validate_tags(raw: Any, path: FieldPath, check: Checker) -> tuple[str, ...]:
    if not isinstance(raw, list):
        check.error(path, 'must be a list of words, like ["music", "no-props"]')
        return ()
    if len(raw) > MAX_TAGS:
        check.error(path, f"has {len(raw)} tags; the limit is {MAX_TAGS}")
        return ()
    tags: list[str] = []
    for index, tag in enumerate(raw):
        if not isinstance(tag, str) or not is_safe_slug(tag):
            check.error(path + (index,), "a tag is a lowercase word or words-with-hyphens")
        elif tag not in tags:
            tags.append(tag)
    return tuple(tags)


def check_card_fields(raw: dict[str, Any]) -> tuple[Card | None, list[FieldError]]:
    """Validate one card's fields by the loader's rules (used by the card form)."""
    check = Checker()
    card = validate_card(raw, (), check)
    return card, check.errors
