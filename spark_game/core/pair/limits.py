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
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

FREE_TRIES = 3  # wrong PINs in a row before each next try has to wait
FIRST_WAIT, LONGEST_WAIT = 30.0, 3600.0  # seconds: doubling after each further wrong PIN, up to an hour
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}  # about 16 MB and a few tens of ms: slow to guess, quick to check
PIN_DIGITS = (4, 12)

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
    """One partner's limits as the file keeps them: no words, and a PIN only as a scrypt hash."""

    salt: str
    hashes: tuple[str, ...]
    pin_hash: str = ""
    failures: int = 0  # wrong PINs in a row, kept in the file so that closing the game doesn't reset them
    failed_at: datetime | None = None

    @classmethod
    def seal(cls, tags: Iterable[str], pin: str = "") -> SealedLimits:
        salt = secrets.token_hex(16)
        hashes = tuple(sorted({_tag_hash(salt, tag) for tag in tags}))
        return cls(salt, hashes, _pin_hash(salt, pin) if pin else "")

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def leaves_out(self, tag: str) -> bool:
        return _tag_hash(self.salt, tag) in self.hashes

    def left_out(self, known_tags: Iterable[str]) -> set[str]:
        """Which of these tags the partner left out (for a round: the words stay in memory only)."""
        return {tag for tag in known_tags if self.leaves_out(tag)}

    def unlock(self, pin: str, known_tags: Iterable[str]) -> list[str] | None:
        """The partner's own list, for the partner who knows the PIN; None for anyone else."""
        if not self.pin_hash or not hmac.compare_digest(_pin_hash(self.salt, pin), self.pin_hash):
            return None
        return sorted(self.left_out(known_tags))

    def wait_before_try(self, now: datetime) -> float:
        """Seconds before the next PIN may be tried: none for the first few, then doubling up to an hour."""
        if self.failures < FREE_TRIES or self.failed_at is None:
            return 0.0
        wait = min(FIRST_WAIT * 2 ** (self.failures - FREE_TRIES), LONGEST_WAIT)
        return max(0.0, wait - max(0.0, (now - self.failed_at).total_seconds()))

    def after_try(self, pin: str, now: datetime) -> SealedLimits:
        """The same limits with the try counted: a wrong PIN adds one, the right one clears them."""
        if self.keeps_pin(pin):
            return replace(self, failures=0, failed_at=None)
        return replace(self, failures=self.failures + 1, failed_at=now)

    def keeps_pin(self, pin: str) -> bool:
        return bool(self.pin_hash) and hmac.compare_digest(_pin_hash(self.salt, pin), self.pin_hash)


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and PIN_DIGITS[0] <= len(pin) <= PIN_DIGITS[1]


def _tag_hash(salt: str, tag: str) -> str:
    return hashlib.sha256(f"{salt}:{tag}".encode()).hexdigest()[:32]


def _pin_hash(salt: str, pin: str) -> str:
    return hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), **SCRYPT).hex()
