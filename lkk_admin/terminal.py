"""Progress of long command-line jobs on stderr: a bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 28
# A terminal redraw at most this often (seconds); every stage change is drawn at once.
REDRAW_INTERVAL = 0.1


class TerminalProgress:
    """A ``progress(stage, done, total)`` callback for the CLI.

    On a terminal it redraws one line (carriage return) with the stage, a bar and the
    counts. When stderr is a file or a pipe (logs, CI) it writes one line when a stage
    starts and one when it ends, so the log stays readable.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._tty = self._stream.isatty()
        self._stage: str | None = None
        self._stage_started = 0.0
        self._ended = True
        self._drawn_width = 0
        self._last_draw = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        new_stage = stage != self._stage
        if new_stage:
            self._end_stage(now)
            self._stage, self._stage_started, self._ended = stage, now, False
            if not self._tty:
                self._write(f"{stage}…\n")
        if self._tty and (new_stage or done >= total or now - self._last_draw >= REDRAW_INTERVAL):
            self._draw(stage, done, total)
            self._last_draw = now
        if done >= total and not self._tty:
            self._end_stage(now)

    def finish(self) -> None:
        """End the last stage; on a terminal, move below the bar."""
        self._end_stage(time.monotonic())
        if self._tty and self._drawn_width:
            self._write("\n")
            self._drawn_width = 0

    def _end_stage(self, now: float) -> None:
        if self._stage is None or self._ended:
            return
        self._ended = True
        if not self._tty:
            self._write(f"{self._stage}: готово ({now - self._stage_started:.1f} с)\n")

    def _draw(self, stage: str, done: int, total: int) -> None:
        share = min(1.0, done / total) if total > 0 else 1.0
        filled = round(share * BAR_WIDTH)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        line = f"{stage[:44]:<44} {bar} {share:4.0%}"
        padding = " " * max(0, self._drawn_width - len(line))
        self._write(f"\r{line}{padding}")
        self._drawn_width = len(line)

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()
