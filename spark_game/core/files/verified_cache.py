"""Cache files that are never trusted blindly: checksummed, bounded, and checked again by their users.

A cache is one JSON document behind a header naming its kind, version and the
SHA-256 of the body. JSON, not marshal or pickle: reading it costs time and
memory in proportion to its size, whatever its bytes say. A cache that is
missing, too big, of another version or that fails its checksum reads as empty.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .atomic import atomic_write

MAX_CACHE_BYTES = 64 * 1024 * 1024
_HEADER = re.compile(rb"spark-cache ([a-z-]+) (\d+) sha256:([0-9a-f]{64})\n")


def write_cache(path: Path, kind: str, version: int, payload: Any) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = f"spark-cache {kind} {version} sha256:{hashlib.sha256(body).hexdigest()}\n".encode()
    atomic_write(path, header + body)


def read_cache(path: Path, kind: str, version: int) -> Any:
    """The payload, or None when there is no usable cache."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    header = _HEADER.match(data)
    if len(data) > MAX_CACHE_BYTES or header is None:
        return None
    body = data[header.end() :]
    if (
        header[1].decode() != kind
        or int(header[2]) != version
        or hashlib.sha256(body).hexdigest() != header[3].decode()
    ):
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None
