"""Settlement statement speed: a 36-month statement for the largest demo contract.

    python -m benchmarks.report_speed [--scale 0.1] [--url postgresql://...] [--repeat 15]

Without --url it generates a scale-``--scale`` demo database in a temporary SQLite file.
The largest contract is the one with the most charge lines (the most metering points
billed over the most months). It prints the median time to read the figures (the floor:
the database part alone) and to build the whole PDF, and pages per second. Aim: ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import text

from benchmarks.timing import median_ms, report
from lkk_admin import db
from lkk_admin.services import demo_data
from lkk_admin.services.reports.statement import render_statement
from lkk_admin.services.reports.statement_data import load_statement

FIRST, LAST = date(2023, 12, 1), date(2026, 11, 1)  # the demo world's 36 months


def largest_contract(url: str) -> tuple[str, int]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            number, lines = connection.execute(
                text(
                    "SELECT c.number, count(*) FROM contract c "
                    "JOIN charge ch ON ch.contract_id = c.id "
                    "GROUP BY c.number ORDER BY count(*) DESC, c.number LIMIT 1"
                )
            ).one()
    finally:
        engine.dispose()
    return str(number), int(lines)


def measure(url: str, repeat: int) -> None:
    number, lines = largest_contract(url)
    engine = db.make_engine(url)
    factory = db.session_factory(engine)
    try:
        with factory() as session:
            pages = render_statement(session, number, FIRST, LAST).pages

            def read() -> object:
                session.expunge_all()
                return load_statement(session, number, FIRST, LAST)

            def build() -> object:
                session.expunge_all()
                return render_statement(session, number, FIRST, LAST)

            floor = median_ms(read, repeat=repeat)
            whole = median_ms(build, repeat=repeat)
    finally:
        engine.dispose()
    print(f"Договор № {number}: {lines} строк начислений, 36 месяцев, {pages} стр.")
    report("statement, 36 months, largest contract", whole, floor, "aim ≤ 200 ms")
    print(f"{'pages per second':<44} {pages / (whole / 1000):8.1f}")


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
