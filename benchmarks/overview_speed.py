"""The queue overview's speed on PostgreSQL with the scale-1 demo data.

    python -m benchmarks.overview_speed [--scale 1] [--url postgresql://...] [--repeat 30]

Without --url it starts a throwaway PostgreSQL cluster, migrates it and loads the demo
data. It prints the median time of the whole overview as the page reads it (a read
session, every figure: ages against the SLA, decisions per day and verifier, weekly
median and 90th percentile, loops, reasons, finding codes), beside its floor: the very
statements it sends, replayed through a bare psycopg connection (what is left is the
Python side: building the statements, rows to dataclasses, the calendar). Nothing here
is asserted; the aim is 100 ms.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import Any

import psycopg
from sqlalchemy import event

from benchmarks.timing import demo_database, median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.services.queue_overview import overview

AIM = "aim ≤ 100 ms"


def statements_of_one_overview(url: str) -> list[tuple[str, Any]]:
    """The SQL (and parameters) one overview sends, as the driver received them."""
    engine = db.make_engine(url)
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        sent.append((statement, parameters))

    try:
        with db.read_session_factory(engine)() as session:
            session.connection()  # the session's own set-up is not the overview's
            event.listen(engine, "before_cursor_execute", record)
            try:
                overview(session)
            finally:
                event.remove(engine, "before_cursor_execute", record)
    finally:
        engine.dispose()
    return sent


def measure(url: str, repeat: int) -> None:
    engine = db.make_engine(url)
    read_factory = db.read_session_factory(engine)
    try:
        with read_factory() as session:
            seen = overview(session)
        print(
            f"\noverview of {seen.waiting.total:,} waiting requests "
            f"({seen.waiting.overdue:,} overdue), {seen.decisions:,} decisions in "
            f"{seen.weeks} weeks, {len(seen.verifiers)} verifiers"
        )

        def read() -> None:
            with read_factory() as session:
                overview(session)

        statements = statements_of_one_overview(url)
        with psycopg.connect(psycopg_url(url), prepare_threshold=0) as raw:

            def replay() -> None:
                with raw.cursor() as cursor:
                    for statement, parameters in statements:
                        cursor.execute(statement, parameters)
                        cursor.fetchall()
                raw.rollback()

            report(
                f"queue overview ({len(statements)} statements)",
                median_ms(read, repeat=repeat),
                median_ms(replay, repeat=repeat),
                AIM,
            )
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an existing database with demo data")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        measure(demo_database(stack, args.url, args.scale), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
