"""Small helpers to time a callable and print medians beside a floor."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import ExitStack


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


def psycopg_url(url: str) -> str:
    """A SQLAlchemy URL as psycopg's own connect() takes it (for the floors)."""
    from lkk_admin import db

    return db.normalize_url(url).set(drivername="postgresql").render_as_string(False)


def demo_database(stack: ExitStack, url: str | None, scale: float) -> str:
    """``url``, or a throwaway PostgreSQL cluster (closed with ``stack``) loaded with the
    demo data at ``scale``, then vacuumed, analysed and checkpointed as a live database is,
    so that autovacuum catching up with millions of new rows and the writing out of the
    load do not run during the measurements."""
    if url is not None:
        return url
    import psycopg

    from lkk_admin.services import demo_data
    from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

    server = stack.enter_context(ThrowawayPostgres())
    started = time.perf_counter()
    demo_data.generate(server.url(), scale)
    print(f"demo data, scale {scale}: {time.perf_counter() - started:.1f} s")
    with psycopg.connect(psycopg_url(server.url()), autocommit=True) as maintenance:
        maintenance.execute("VACUUM (ANALYZE)")
        maintenance.execute("CHECKPOINT")
    return server.url()
