"""Drive a program through a real pseudo-terminal, as a player's terminal does, and read its screen with pyte.

The program writes to the pty exactly as it writes to a terminal emulator; every chunk of output is
timestamped when it is read (all that is waiting is read before any of it is parsed), then fed to a
pyte screen. So "painted" is the moment the bytes that put the awaited text on screen arrived, and
"settled" is the moment of the last bytes before the program went quiet.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pyte

Shown = Callable[[list[str]], bool]
"""A test on the screen's body: its lines, without the last one (where a footer lives)."""


class TerminalError(RuntimeError):
    """The program did not show what was awaited, or it ended."""


class Terminal:
    """One program running in a pseudo-terminal of a fixed size, and what its screen shows."""

    def __init__(self, command: Sequence[str], env: dict[str, str], cwd: Path, size: tuple[int, int] = (100, 32)):
        columns, rows = size
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLORTERM": "truecolor"},
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)
        self.fd = master
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.last_output = self.started
        self.closed = False

    # ------------------------------------------------------------------ reading

    def _read(self, timeout: float) -> list[tuple[float, bytes]]:
        """Everything waiting to be read, each chunk with the time it was read; [] after `timeout` of quiet."""
        chunks: list[tuple[float, bytes]] = []
        wait = max(0.0, timeout)
        while select.select([self.fd], [], [], wait)[0]:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:  # the program ended and its side of the pty closed
                data = b""
            if not data:
                if not chunks:
                    raise TerminalError(f"the program ended (exit code {self.process.poll()})\n{self.text()}")
                break
            chunks.append((time.perf_counter(), data))
            wait = 0.0
        if chunks:
            self.last_output = chunks[-1][0]
        return chunks

    def body(self) -> list[str]:
        return self.screen.display[:-1]

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, shown: Shown, timeout: float = 20.0) -> float:
        """The time at which the output that made `shown` true arrived."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            chunks = self._read(deadline - time.perf_counter())
            for index, (arrived, data) in enumerate(chunks):
                self.stream.feed(data)
                if shown(self.body()):
                    for _, rest in chunks[index + 1 :]:
                        self.stream.feed(rest)
                    return arrived
        raise TerminalError(f"not shown within {timeout} s:\n{self.text()}")

    def settle(self, quiet: float, timeout: float = 20.0) -> float:
        """Read until the program writes nothing for `quiet` seconds; the time its last output arrived."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            chunks = self._read(quiet)
            if not chunks:
                return self.last_output
            for _, data in chunks:
                self.stream.feed(data)
        raise TerminalError(f"still writing after {timeout} s:\n{self.text()}")

    # ------------------------------------------------------------------ writing

    def press(self, key: str) -> float:
        """Type one key (as the bytes a terminal sends for it); the time it was sent."""
        os.write(self.fd, key.encode())
        return time.perf_counter()

    # ------------------------------------------------------------------ the process

    def memory_kib(self, field: str = "VmHWM") -> int:
        """The program's peak resident memory (VmHWM) or another /proc status field, in KiB."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1])
        raise TerminalError(f"no {field} for process {self.process.pid}")

    def close(self, quit_key: str | None = None, grace: float = 3.0) -> None:
        """End the program: at once, or first asking it with `quit_key` (such as ctrl+q) for `grace` seconds."""
        if self.closed:
            return
        self.closed = True
        try:
            if quit_key is not None and self.process.poll() is None:
                self.press(quit_key)
                deadline = time.perf_counter() + grace
                while self.process.poll() is None and time.perf_counter() < deadline:
                    try:
                        self._read(0.05)
                    except TerminalError:
                        break
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=grace)
        finally:
            os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
