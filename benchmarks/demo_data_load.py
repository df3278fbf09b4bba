"""How long the demo data generator takes, per stage, against the raw COPY floor.

Starts a throwaway PostgreSQL cluster, generates scale 1 (``--scale``) into a fresh
database, and prints the time per stage, the total and the row counts. For the largest
tables it then measures the floor: the same rows copied out and COPYed back into an empty
clone (same indexes) with no Python in between, so the ratio shows what generating the
rows in Python costs on top of the database's own work.

``--sqlite`` measures a SQLite file instead (the GUI's ``--demo`` first run uses 0.05).

    python benchmarks/demo_data_load.py [--scale 1] [--sqlite]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from lkk_admin import db
from lkk_admin.services import demo_data
from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

FLOOR_TABLES = ("meter_reading", "charge", "invoice", "payment", "meter")


class StageClock:
    """A progress callback that remembers when each stage started and ended."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.stages: dict[str, list[float]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter() - self.started
        times = self.stages.setdefault(stage, [now, now])
        times[1] = now

    def durations(self) -> dict[str, float]:
        """Each stage until the next one starts (work between callbacks counts too)."""
        names = list(self.stages)
        starts = [self.stages[name][0] for name in names]
        ends = [*starts[1:], self.stages[names[-1]][1]]
        return {name: end - start for name, start, end in zip(names, starts, ends, strict=True)}


def _copy_floor(url: str, table: str) -> float:
    """Seconds to COPY the table's rows into an empty clone with the same indexes."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            driver: Any = connection.connection.driver_connection
            buffer = io.BytesIO()
            with driver.cursor() as cursor, cursor.copy(f"COPY {table} TO STDOUT") as copy:
                for chunk in copy:
                    buffer.write(chunk)
            # A regular table (WAL like the real one), dropped by the rollback below.
            connection.execute(text(f"CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)"))
            started = time.perf_counter()
            with driver.cursor() as cursor, cursor.copy(f"COPY floor_{table} FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            elapsed = time.perf_counter() - started
            connection.rollback()
            return elapsed
    finally:
        engine.dispose()


STAGE_OF_TABLE = {
    "meter_reading": "Показания приборов учёта",
    "charge": "Начисления",
    "invoice": "Счета и счета-фактуры",
    "payment": "Платежи",
    "meter": "Приборы учёта",
}


def _report(clock: StageClock, summary: demo_data.DemoSummary, cpu: float) -> dict[str, float]:
    durations = clock.durations()
    print(f"{'stage':<50} {'seconds':>8}")
    for name, seconds in durations.items():
        print(f"{name:<50} {seconds:8.2f}")
    print(f"{'total (generate)':<50} {summary.seconds:8.2f}")
    # Wall time suffers from anything else on the machine; this process's CPU time less so.
    print(f"{'CPU time of this process':<50} {cpu:8.2f}")
    print()
    print(f"{'table':<24} {'rows':>10}")
    for table, count in summary.counts.items():
        print(f"{table:<24} {count:>10,}")
    print(f"{'all tables':<24} {sum(summary.counts.values()):>10,}")
    return durations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=None)
    parser.add_argument("--sqlite", action="store_true", help="measure SQLite (default scale 0.05)")
    args = parser.parse_args()
    if args.sqlite:
        scale = args.scale if args.scale is not None else 0.05
        with tempfile.TemporaryDirectory() as folder:
            url = db.sqlite_url(Path(folder) / "demo.sqlite3")
            clock = StageClock()
            cpu = time.process_time()
            summary = demo_data.generate(url, scale, progress=clock)
            cpu = time.process_time() - cpu
            print(f"SQLite, scale {scale:g}")
            _report(clock, summary, cpu)
        return 0

    scale = args.scale if args.scale is not None else 1.0
    with ThrowawayPostgres() as server:
        admin = db.make_engine(server.url())
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("CREATE DATABASE demo_bench"))
        admin.dispose()
        url = server.url("demo_bench")
        clock = StageClock()
        cpu = time.process_time()
        summary = demo_data.generate(url, scale, progress=clock)
        cpu = time.process_time() - cpu
        print(f"PostgreSQL, scale {scale:g}")
        durations = _report(clock, summary, cpu)
        print()
        print(f"{'table':<16} {'stage s':>8} {'COPY floor s':>13} {'ratio':>6}")
        for table in FLOOR_TABLES:
            floor = _copy_floor(url, table)
            stage = durations.get(STAGE_OF_TABLE[table], 0.0)
            ratio = stage / floor if floor else float("nan")
            print(f"{table:<16} {stage:8.2f} {floor:13.2f} {ratio:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
