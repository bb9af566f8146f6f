"""Private limits: each partner's topics to leave out, kept so that nobody reads them off the file or the screen.

The history stores, per partner, a random salt, the salted hashes of the
left-out tags (never the words) and, when the partner chose one, a scrypt hash
of a PIN. A round matches each card's tags against the hashes, so it never
needs the words. The list is shown again only to whoever knows the PIN;
without a PIN it can only be replaced or cleared.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

FREE_TRIES = 3  # wrong secrets in a row before each next try has to wait
FIRST_WAIT, LONGEST_WAIT = 30.0, 3600.0  # seconds: doubling after each further wrong one, up to an hour
SCRYPT = {"n": 2**17, "r": 8, "p": 1, "maxmem": 2**28, "dklen": 32}  # about 0.4 s and 128 MiB a try
OLD_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}  # version 1's PIN hash
PIN_DIGITS = (6, 12)
PASSPHRASE_CHARS = (8, 200)
OLD_PIN_DIGITS = (4, 12)  # what version 1 allowed: still opens an old list, once, to seal it again

# Plain words for the tags, and which are practical ("needs props") rather than topics.
TAG_WORDS = {
    "appreciation": "appreciation",
    "childhood": "childhood",
    "desire": "desire",
    "dreams": "dreams and wishes",
    "eyes": "eye contact",
    "family": "family",
    "fantasy": "fantasies",
    "flirt": "flirting",
    "friends": "friends",
    "future": "the future",
    "laugh": "silliness",
    "listening": "listening",
    "memory": "memories",
    "money": "money",
    "past-hurt": "old hurts",
    "body": "bodies",
    "touch": "touch",
    "talk": "talking",
    "creative": "making things",
    "games": "games",
    "learning": "learning something",
    "calm": "calm",
    "quiet": "quiet",
    "home": "home life",
    "plan": "making plans",
    "travel": "travel",
    "outside": "going outside",
    "kitchen": "using the kitchen",
    "food": "food and drink",
    "music": "music",
    "movement": "moving about",
    "solo": "time apart",
    "no-props": "no props needed",
    "needs-props": "needs props",
    "alcohol": "alcohol",
}
PRACTICAL = frozenset(
    {"outside", "kitchen", "food", "music", "movement", "needs-props", "no-props", "alcohol", "travel", "eyes"}
)


def tag_words(tag: str) -> str:
    return TAG_WORDS.get(tag, tag.replace("-", " "))


def group_tags(tags: Iterable[str]) -> tuple[list[str], list[str]]:
    """The tags as (topics, practical), each in the order of their plain words."""
    ordered = sorted(set(tags), key=tag_words)
    return [tag for tag in ordered if tag not in PRACTICAL], [tag for tag in ordered if tag in PRACTICAL]


@dataclass(frozen=True)
class SealedLimits:
    """One partner's limits as the file keeps them: no words, nothing a reader can test without the secret."""

    salt: str
    hashes: tuple[str, ...]
    check: str = ""  # version 2: the key's check value (empty: a version 1 list)
    pin_hash: str = ""  # version 1: the scrypt hash of its PIN, if it had one
    failures: int = 0  # wrong secrets in a row, kept in the file so that closing the game doesn't reset them
    failed_at: datetime | None = None

    @classmethod
    def sealed_with_key(cls, tags: Iterable[str], secret: str) -> tuple[SealedLimits, bytes]:
        """A list sealed under its owner's secret (a fresh salt each time) and the key that opens it, from one
        derivation (the slow part: about 0.4 s)."""
        salt = secrets.token_hex(16)
        key = derive_key(salt, secret)
        return cls(salt, tuple(sorted({_keyed(key, tag) for tag in tags})), _keyed(key, CHECK)), key

    @classmethod
    def from_words(cls, tags: Iterable[str]) -> SealedLimits:
        """A list from a history older than sealing, kept the way version 1 kept it (no secret to seal it with)."""
        salt = secrets.token_hex(16)
        return cls(salt, tuple(sorted({_old_tag_hash(salt, tag) for tag in tags})))

    @property
    def sealed_by_secret(self) -> bool:
        """Version 2: the list opens only with the owner's secret, for a round as for the screen."""
        return bool(self.check)

    @property
    def has_pin(self) -> bool:
        return self.sealed_by_secret or bool(self.pin_hash)

    def key_for(self, secret: str) -> bytes | None:
        """The key the secret gives, when it is this list's; None for a wrong one (or a version 1 list)."""
        if not self.sealed_by_secret:
            return None
        key = derive_key(self.salt, secret)
        return key if hmac.compare_digest(_keyed(key, CHECK), self.check) else None

    def left_out(self, known_tags: Iterable[str], key: bytes | None = None) -> set[str]:
        """Which of these tags the list leaves out: with its key (version 2), or as version 1 always could."""
        if self.sealed_by_secret:
            if key is None:
                raise ValueError("a sealed list needs its owner's key")
            return {tag for tag in known_tags if _keyed(key, tag) in self.hashes}
        return {tag for tag in known_tags if _old_tag_hash(self.salt, tag) in self.hashes}

    def open_with(self, secret: str) -> bytes | None:
        """What one try at the secret gives (the slow part): the key, b"" for a version 1 list's PIN, or None."""
        if self.sealed_by_secret:
            return self.key_for(secret)
        return b"" if self.keeps_pin(secret) else None

    def words(self, known_tags: Iterable[str], opened: bytes) -> list[str]:
        """The tags of the list among known_tags, once `open_with` gave what opens it."""
        return sorted(self.left_out(known_tags, opened if self.sealed_by_secret else None))

    def keeps_pin(self, secret: str) -> bool:
        if self.sealed_by_secret:
            return self.key_for(secret) is not None
        return bool(self.pin_hash) and hmac.compare_digest(_old_pin_hash(self.salt, secret), self.pin_hash)

    def wait_before_try(self, now: datetime) -> float:
        """Seconds before the next secret may be tried: none for the first few, then doubling up to an hour."""
        if self.failures < FREE_TRIES or self.failed_at is None:
            return 0.0
        wait = min(FIRST_WAIT * 2 ** (self.failures - FREE_TRIES), LONGEST_WAIT)
        return max(0.0, wait - max(0.0, (now - self.failed_at).total_seconds()))

    def after_try(self, matched: bool, now: datetime) -> SealedLimits:
        """The same limits with the try counted: a wrong secret adds one, the right one clears them."""
        if matched:
            return replace(self, failures=0, failed_at=None)
        return replace(self, failures=self.failures + 1, failed_at=now)


CHECK = "\x00check"  # what the check value is the keyed hash of (no tag starts with a NUL)


def seal_limits(tags: Iterable[str], secret: str) -> tuple[SealedLimits, bytes] | None:
    """A new list sealed under its owner's secret, with its key; None for no tags (the list is forgotten).

    Raises ValueError when there are tags and the secret is too short to seal them behind.
    """
    tags = list(tags)
    if not tags:
        return None
    if not valid_secret(secret):
        raise ValueError("limits are kept only behind a PIN of 6 to 12 digits or a passphrase")
    return SealedLimits.sealed_with_key(tags, secret)


def still_closed(wait: float) -> str:
    """Why the list stays closed: a wrong secret, and how long the next try waits after a few of them."""
    if wait <= 0:
        return "That doesn't open the list."
    minutes, seconds = divmod(math.ceil(wait), 60)
    after = f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
    return f"That doesn't open the list, or too many tries were wrong: the next try can be made in {after}."


SECRET_RULE = "Choose a PIN of 6 to 12 digits, or a passphrase of 8 characters or more."


def valid_secret(secret: str) -> bool:
    """A PIN of 6 to 12 digits, or a passphrase of 8 characters or more."""
    if secret.isdigit():
        return PIN_DIGITS[0] <= len(secret) <= PIN_DIGITS[1]
    return PASSPHRASE_CHARS[0] <= len(secret) <= PASSPHRASE_CHARS[1] and secret.strip() == secret


def derive_key(salt: str, secret: str) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), **SCRYPT)


def _keyed(key: bytes, tag: str) -> str:
    return hmac.new(key, tag.encode(), hashlib.sha256).hexdigest()[:32]


def _old_tag_hash(salt: str, tag: str) -> str:
    return hashlib.sha256(f"{salt}:{tag}".encode()).hexdigest()[:32]


def _old_pin_hash(salt: str, pin: str) -> str:
    return hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), **OLD_SCRYPT).hex()
