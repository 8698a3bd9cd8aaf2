"""Per-phase progress on stderr, so a long run never sits silent for minutes.

Each phase prints a line when it starts and one with its duration when it ends; long loops
call `tick` to say how far they are. stdout stays for the final report.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator

_started = time.monotonic()


def say(message: str) -> None:
    elapsed = time.monotonic() - _started
    print(f"[bench {elapsed:7.1f} s] {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    say(f"{name} …")
    started = time.monotonic()
    try:
        yield
    except BaseException:
        say(f"{name}: failed after {time.monotonic() - started:.1f} s")
        raise
    say(f"{name}: done in {time.monotonic() - started:.1f} s")


class Ticker:
    """Says "i/n" at most every `every_s` seconds."""

    def __init__(self, name: str, total: int, every_s: float = 20.0) -> None:
        self.name, self.total, self.every_s = name, total, every_s
        self.done = 0
        self.last = time.monotonic()

    def tick(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last >= self.every_s:
            self.last = now
            say(f"  {self.name}: {self.done:,}/{self.total:,}")
