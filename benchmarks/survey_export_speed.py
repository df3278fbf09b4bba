"""A survey's results to Excel and PDF on PostgreSQL: 100,000 responses to 10 questions.

    python -m benchmarks.survey_export_speed [--responses 100000] [--url postgresql://...]
                                             [--repeat 3]

Without --url it starts a throwaway PostgreSQL cluster and migrates it; either way the
survey, its respondents and their answers are added by :func:`benchmarks.
survey_results_speed.seed` (COPY; with --url: a migrated database with no portal users or
registry). It prints medians of:

- the raw answers' statement alone, fetched whole through psycopg (the floor of reading
  them: one pivoting statement, one row per response);
- the same rows streamed through :func:`.survey_export.raw_answers` (the statement through
  SQLAlchemy with a server-side cursor, and the cells' values made);
- the whole .xlsx export (the results by organisation type for the summary, then the raw
  answers written with openpyxl), in responses a second — the aim is 20,000 a second;
- the PDF report.

Nothing here is asserted; the figures go into the closing notes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import psycopg

from benchmarks.survey_results_speed import NOW, seed
from benchmarks.timing import psycopg_url
from lkk_admin import db
from lkk_admin.services.survey_export import (
    SPLIT,
    export_results_xlsx,
    raw_answers,
    raw_answers_statement,
    write_results_xlsx,
)
from lkk_admin.services.survey_report import export_results_pdf
from lkk_admin.services.survey_results import split_results

AIM_ROWS_PER_SECOND = 20_000


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm: plans, caches, the fonts registered
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def line(name: str, seconds: float, rows: int | None = None, aim: str = "") -> None:
    rate = f"{rows / seconds:10,.0f} rows/s" if rows else " " * 17
    print(f"{name:<46} {seconds * 1000:9.0f} ms   {rate}   {aim}")


def measure(url: str, survey_id: int, repeat: int) -> None:
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    reading = db.read_session_factory(engine)
    folder = Path(tempfile.mkdtemp(prefix="survey-export-"))
    try:
        with sessions() as session:
            overall = split_results(session, survey_id, SPLIT, now=NOW).overall
        responses = overall.respondents
        statement = raw_answers_statement(overall).compile(
            dialect=engine.dialect, compile_kwargs={"literal_binds": True}
        )

        def floor() -> None:
            with psycopg.connect(psycopg_url(url)) as raw:
                raw.execute(str(statement)).fetchall()

        def streamed() -> None:
            with sessions() as session:
                _columns, rows = raw_answers(session, overall)
                for _row in rows:
                    pass

        def raw_sheet() -> None:
            """The workbook from results already read: the raw answers' part of it."""
            with sessions() as session:
                split = split_results(session, survey_id, SPLIT, now=NOW)
                columns, rows = raw_answers(session, split.overall)
                started = time.perf_counter()
                write_results_xlsx(folder / "results.xlsx", split, columns, rows, now=NOW)
                written.append(time.perf_counter() - started)

        def xlsx() -> None:
            with sessions() as session:
                export_results_xlsx(session, survey_id, folder / "results.xlsx", now=NOW)

        def xlsx_from_a_desk() -> None:
            with reading() as session:
                export_results_xlsx(session, survey_id, folder / "results.xlsx", now=NOW)

        def split() -> None:
            with sessions() as session:
                split_results(session, survey_id, SPLIT, now=NOW)

        def pdf() -> None:
            with sessions() as session:
                export_results_pdf(session, survey_id, folder / "results.pdf", now=NOW)

        columns = len(raw_answers(sessions(), overall)[0])
        print(f"{responses:,} responses, {columns} columns in the sheet of answers")
        line("raw answers: the statement through psycopg", median_seconds(floor, repeat), responses)
        line("raw answers: streamed as sheet values", median_seconds(streamed, repeat), responses)
        aim = f"aim ≥ {AIM_ROWS_PER_SECOND:,} rows/s"
        written: list[float] = []
        median_seconds(raw_sheet, repeat)
        line(
            "the workbook from the results read (the answers)",
            statistics.median(written[1:]),
            responses,
            f"aim ≥ {AIM_ROWS_PER_SECOND:,} rows/s",
        )
        line("split_results (the summary's figures)", median_seconds(split, repeat))
        line("export_results_xlsx (transaction)", median_seconds(xlsx, repeat), responses, aim)
        line(
            "export_results_xlsx (a desk's autocommit reads)",
            median_seconds(xlsx_from_a_desk, repeat),
            responses,
            aim,
        )
        line("export_results_pdf", median_seconds(pdf, repeat))
        for name in ("results.xlsx", "results.pdf"):
            size = (folder / name).stat().st_size
            print(f"{name}: {size / 1_000_000:.1f} MB")
    finally:
        engine.dispose()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a migrated database with no registry or portal users")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

            url = stack.enter_context(ThrowawayPostgres()).url()
            db.upgrade(url)
        survey_id = seed(url, args.responses)
        measure(url, survey_id, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
