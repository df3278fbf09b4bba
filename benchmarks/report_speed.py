"""Customer report speed: each report over the demo world's 36 months, for a typical
contract and for the largest one.

    python -m benchmarks.report_speed [--scale 0.1] [--url postgresql://...] [--repeat 15]

Without --url it generates a scale-``--scale`` demo database in a temporary SQLite file.
The largest contract is the one with the most charge lines (the most metering points
billed over the most months); the typical one is the median by charge lines. For every
report it prints the median time to build the PDF beside the floor — reading its figures
alone — and pages per second. Aims: a 36-month statement ≤ 200 ms, a tariff certificate
≤ 60 ms.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.timing import median_ms, report
from lkk_admin import db
from lkk_admin.services import demo_data
from lkk_admin.services.reports.catalog import render_report
from lkk_admin.services.reports.consumption_data import load_consumption
from lkk_admin.services.reports.statement_data import load_statement
from lkk_admin.services.reports.tariff_data import load_tariff

FIRST, LAST = date(2023, 12, 1), date(2026, 11, 1)  # the demo world's 36 months
READERS: dict[str, Callable[[Session, str, date, date], object]] = {
    "consumption": load_consumption,
    "statement": load_statement,
    "tariff": load_tariff,
}
AIMS = {"statement": "aim ≤ 200 ms", "tariff": "aim ≤ 60 ms", "consumption": ""}


def contracts(url: str) -> dict[str, tuple[str, int]]:
    """The largest and the typical (median) contract by charge lines, with that count."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT c.number, count(*) FROM contract c "
                    "JOIN charge ch ON ch.contract_id = c.id "
                    "GROUP BY c.number ORDER BY count(*) DESC, c.number"
                )
            ).all()
    finally:
        engine.dispose()
    largest, typical = rows[0], rows[len(rows) // 2]
    return {"largest": (largest[0], largest[1]), "typical": (typical[0], typical[1])}


def measure_report(
    factory: sessionmaker[Session], kind: str, number: str, repeat: int
) -> tuple[float, float, int]:
    """Median build and read times (ms) of one report, and its pages."""
    with factory() as session:
        pages = render_report(session, kind, number, FIRST, LAST).pages
        floor = median_ms(partial(READERS[kind], session, number, FIRST, LAST), repeat=repeat)
        whole = median_ms(partial(render_report, session, kind, number, FIRST, LAST), repeat=repeat)
    return whole, floor, pages


def measure(url: str, repeat: int) -> None:
    engine = db.make_engine(url)
    factory = db.read_session_factory(engine)
    try:
        for which, (number, lines) in contracts(url).items():
            print(f"\n{which}: договор № {number}, {lines} строк начислений, 36 месяцев")
            for kind in READERS:
                whole, floor, pages = measure_report(factory, kind, number, repeat)
                report(f"{kind}, {pages} pages", whole, floor, AIMS[kind])
                print(f"{'  pages per second':<44} {pages / (whole / 1000):8.1f}")
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an existing demo database (else a temporary SQLite)")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if args.url:
        measure(args.url, args.repeat)
        return
    with tempfile.TemporaryDirectory() as folder:
        url = db.sqlite_url(Path(folder) / "demo.sqlite3")
        demo_data.generate(url, args.scale)
        measure(url, args.repeat)


if __name__ == "__main__":
    main()
