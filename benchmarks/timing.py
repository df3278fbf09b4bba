"""Small helpers to time a callable and print medians beside a floor."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(action: Callable[[], object], *, repeat: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def report(name: str, measured_ms: float, floor_ms: float | None = None, aim: str = "") -> None:
    ratio = f"{measured_ms / floor_ms:5.1f}×" if floor_ms else "   — "
    floor = f"{floor_ms:8.2f} ms" if floor_ms is not None else "        —  "
    print(f"{name:<44} {measured_ms:8.2f} ms   floor {floor}   ratio {ratio}   {aim}")
