"""Audit log paging and Excel export speed on PostgreSQL with a million audit events.

    python -m benchmarks.audit_export_speed [--url postgresql://...] [--events 1000000]

Without --url it starts a throwaway PostgreSQL cluster and migrates it. The audit log is
filled to the given number of events by one INSERT … SELECT over generate_series (as the
table's owner, with the trigger that stamps the actor and the time switched off for that
transaction only): two years of a busy office, most of it the registration queue. Then
it prints medians for the first page and for a page 10,000 events deep (read by key), with
and without filters, each beside its floor: the same result fetched by one hand-written
SQL statement through psycopg. Last, the export: rows a second from the audit log to an
.xlsx file. Nothing here is asserted; the figures go into the closing notes.

``measure_audit_log(url)`` and ``measure_export(url)`` fill the log of an existing
database first when it holds fewer events (benchmarks.registry_speed calls them).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.timing import median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.services import audit_log
from lkk_admin.services.audit_log import AuditRow, AuditSource
from lkk_admin.services.excel_export import export_xlsx
from lkk_admin.services.listing import ListQuery
from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

EVENTS = 1_000_000
EXPORT_ROWS = 100_000
PAGE = 100
DEPTH = 10_000
HOT_OBJECT = ("portal_user", 4242)  # an account looked at far more often than any other
HOT_OBJECT_EVENTS = 20_000

# (action, entity, share of the log, actor prefix, how many such staff members)
KINDS = (
    ("claim", "registration_request", 0.33, "verifier", 30),
    ("approve", "registration_request", 0.20, "verifier", 30),
    ("reject", "registration_request", 0.05, "verifier", 30),
    ("return_for_clarification", "registration_request", 0.04, "verifier", 30),
    ("release", "registration_request", 0.05, "verifier", 30),
    ("reveal_personal_data", "registration_request", 0.08, "verifier", 30),
    ("reveal_mail_recipient", "mail_outbox", 0.02, "verifier", 30),
    ("mail_retry", "mail_outbox", 0.01, "verifier", 30),
    ("mail_cancel", "mail_outbox", 0.005, "verifier", 30),
    ("grant_access", "portal_user", 0.03, "admin", 3),
    ("revoke_access", "portal_user", 0.01, "admin", 3),
    ("block_user", "portal_user", 0.005, "admin", 3),
    ("publish", "news_item", 0.02, "editor", 5),
    ("open_survey", "survey", 0.004, "editor", 5),
    ("organisation_setting_changed", "organisation_setting", 0.001, "admin", 3),
    ("export_list", "list_export", 0.13, "verifier", 30),
)

FILL_SQL = """
WITH kinds(action, entity, lo, hi, prefix, staff) AS (
    SELECT k.action, k.entity,
           coalesce(sum(k.share) OVER (ORDER BY k.n ROWS BETWEEN UNBOUNDED PRECEDING
                                                   AND 1 PRECEDING), 0),
           sum(k.share) OVER (ORDER BY k.n), k.prefix, k.staff
      FROM unnest(%(actions)s::text[], %(entities)s::text[], %(shares)s::float8[],
                  %(prefixes)s::text[], %(staff)s::int[])
           WITH ORDINALITY AS k(action, entity, share, prefix, staff, n)
), drawn AS (
    SELECT g, random() * (SELECT max(hi) FROM kinds) AS r, random() AS r2
      FROM generate_series(1, %(count)s) AS g
)
INSERT INTO audit_event (occurred_at, actor, action, entity, entity_id, details)
SELECT date_trunc('second', %(start)s::timestamptz + d.g * %(step)s::interval),
       k.prefix || lpad((1 + floor(d.r2 * d.r2 * k.staff))::int::text, 2, '0'),
       k.action, k.entity,
       CASE k.entity
           WHEN 'registration_request' THEN d.g / 3 + 1
           WHEN 'mail_outbox' THEN d.g / 2 + 1
           WHEN 'portal_user' THEN 1 + floor(d.r2 * 50000)::int
           WHEN 'news_item' THEN 1 + floor(d.r2 * 400)::int
           WHEN 'survey' THEN 1 + floor(d.r2 * 30)::int
           WHEN 'organisation_setting' THEN 1 + floor(d.r2 * 2)::int
       END,
       CASE k.action
           WHEN 'approve' THEN jsonb_build_object(
               'granted', jsonb_build_array('ЭС-' || lpad(mod(d.g, 9999)::text, 4, '0') || '/21'),
               'refused', '[]'::jsonb, 'mail_outbox_id', d.g / 2 + 1)
           WHEN 'reject' THEN jsonb_build_object(
               'reason_code', 'NO_AUTHORITY', 'mail_outbox_id', d.g / 2 + 1)
           WHEN 'claim' THEN jsonb_build_object('taken_over', d.r2 < 0.05)
           WHEN 'reveal_personal_data' THEN jsonb_build_object(
               'field', CASE WHEN d.r2 < 0.5 THEN 'phone' ELSE 'email' END)
           WHEN 'organisation_setting_changed' THEN jsonb_build_object(
               'key', 'idle_lock', 'before', jsonb_build_object('minutes', 15),
               'after', jsonb_build_object('minutes', 10))
           WHEN 'export_list' THEN jsonb_build_object(
               'section', 'registration_queue', 'rows', floor(d.r2 * 5000)::int,
               'filters', jsonb_build_object('tab', 'pending'), 'file', 'Заявки.xlsx')
           ELSE '{}'::jsonb
       END
  FROM drawn d JOIN kinds k ON d.r >= k.lo AND d.r < k.hi
 ORDER BY d.g
"""

HOT_SQL = """
INSERT INTO audit_event (occurred_at, actor, action, entity, entity_id, details)
SELECT date_trunc('second', %(start)s::timestamptz + g * %(step)s::interval),
       'verifier' || lpad((1 + mod(g, 30))::text, 2, '0'), 'reveal_personal_data',
       %(entity)s, %(entity_id)s,
       jsonb_build_object('field', CASE WHEN mod(g, 2) = 0 THEN 'phone' ELSE 'email' END)
  FROM generate_series(1, %(count)s) AS g
"""

PAGE_SQL = """
SELECT id, occurred_at, actor, action, entity, entity_id, details,
       (SELECT count(*) FROM (SELECT 1 FROM audit_event WHERE {where} LIMIT 10001) AS c)
  FROM audit_event WHERE {where}
 ORDER BY occurred_at DESC, id DESC LIMIT 100
"""
AFTER = "(occurred_at, id) < (%(at)s, %(id)s)"


def fill_audit_log(url: str, events: int = EVENTS) -> None:
    """Bring the audit log to at least ``events`` events (and the hot object's history)."""
    with psycopg.connect(psycopg_url(url), autocommit=True) as connection:
        have = int(connection.execute("SELECT count(*) FROM audit_event").fetchone()[0])  # type: ignore[index]
        missing = events - have
        if missing <= 0:
            return
        started = time.perf_counter()
        end = datetime.now(UTC)
        span = timedelta(days=730)
        with connection.transaction():
            # As the table's owner, and for this transaction only: the stamp would give
            # every event the same actor and the time of the load.
            connection.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_stamp")
            connection.execute("SELECT setseed(0.42)")
            hot = min(HOT_OBJECT_EVENTS, missing // 10)
            connection.execute(
                FILL_SQL,
                {
                    "actions": [kind[0] for kind in KINDS],
                    "entities": [kind[1] for kind in KINDS],
                    "shares": [kind[2] for kind in KINDS],
                    "prefixes": [kind[3] for kind in KINDS],
                    "staff": [kind[4] for kind in KINDS],
                    "count": missing - hot,
                    "start": end - span,
                    "step": span / (missing - hot),
                },
            )
            if hot:
                connection.execute(
                    HOT_SQL,
                    {
                        "entity": HOT_OBJECT[0],
                        "entity_id": HOT_OBJECT[1],
                        "count": hot,
                        "start": end - span,
                        "step": span / hot,
                    },
                )
            connection.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_stamp")
        loaded = time.perf_counter() - started
        # As a live database is: vacuumed and analysed (index-only scans need the
        # visibility map), and checkpointed, so that writing out the load does not run
        # during the measurements.
        _vacuum(connection)
        connection.execute("CHECKPOINT")
        print(
            f"audit log filled to {events:,} events ({missing:,} added) in {loaded:.1f} s, "
            f"vacuumed in {time.perf_counter() - started - loaded:.1f} s"
        )


def _vacuum(connection: psycopg.Connection[Any]) -> None:
    """VACUUM (ANALYZE) until the visibility map covers the table: a VACUUM that runs while
    another backend (autovacuum, just woken by the load) holds an older snapshot cannot
    mark the new pages all-visible, and without that no index-only scan is planned."""
    for _attempt in range(30):
        connection.execute("VACUUM (ANALYZE) audit_event")
        row = connection.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'audit_event'"
        ).fetchone()
        if row is None or row[1] >= 0.95 * row[0]:
            return
        time.sleep(1)
    print("warning: the audit log's pages are not all-visible; index-only scans will be rare")


@dataclass(frozen=True)
class Scenario:
    name: str
    query: ListQuery
    where: str  # the same filter, hand-written
    params: dict[str, Any]


def scenarios(raw: psycopg.Connection[Any]) -> list[Scenario]:
    busiest = raw.execute(
        "SELECT actor FROM audit_event GROUP BY actor ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    actor = str(busiest[0]) if busiest else "verifier01"
    newest = raw.execute("SELECT max(occurred_at) FROM audit_event").fetchone()
    last_day = (newest[0] if newest and newest[0] else datetime.now(UTC)).date()
    month_from, month_to = last_day - timedelta(days=120), last_day - timedelta(days=90)
    start, end = _day(month_from), _day(month_to + timedelta(days=1))
    entity, entity_id = HOT_OBJECT
    return [
        Scenario("everything", ListQuery(), "TRUE", {}),
        Scenario(
            f"actor {actor}", ListQuery(choices=(("actor", actor),)), "actor = %(a)s", {"a": actor}
        ),
        Scenario(
            "action reject (5 %)",
            ListQuery(choices=(("action", "reject"),)),
            "action = %(a)s",
            {"a": "reject"},
        ),
        Scenario(
            "entity news_item (2 %)",
            ListQuery(choices=(("entity", "news_item"),)),
            "entity = %(e)s",
            {"e": "news_item"},
        ),
        Scenario(
            f"object {entity} {entity_id}",
            ListQuery(choices=(("entity", entity), ("entity_id", str(entity_id)))),
            "entity = %(e)s AND entity_id = %(i)s",
            {"e": entity, "i": entity_id},
        ),
        Scenario(
            "one month (dates)",
            ListQuery(date_from=month_from, date_to=month_to),
            "occurred_at >= %(f)s AND occurred_at < %(t)s",
            {"f": start, "t": end},
        ),
        Scenario(
            f"{actor} + approve (two filters)",
            ListQuery(choices=(("actor", actor), ("action", "approve"))),
            "actor = %(a)s AND action = %(b)s",
            {"a": actor, "b": "approve"},
        ),
        Scenario(
            "search «отклон» (action's name)",
            ListQuery(search="отклон"),
            "action IN ('reject')",
            {},
        ),
    ]


def _day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone(UTC)  # the desk's midnight


def measure_audit_log(url: str) -> None:
    """Print first-page and deep-page times of the audit log, each beside its floor."""
    fill_audit_log(url)
    engine = db.make_engine(url)
    read_factory = db.read_session_factory(engine)  # as the screens read
    source = AuditSource(tz=None)
    try:
        with psycopg.connect(psycopg_url(url), autocommit=True) as raw:
            total = raw.execute("SELECT count(*) FROM audit_event").fetchone()
            print(f"\naudit log: {total[0] if total else 0:,} events; pages of {PAGE}")
            print(f"{'operation':<44} {'median':>11}   {'floor (one SQL)':>17}   ratio")
            with read_factory() as session:
                choices_ms = median_ms(lambda: audit_log.choices(session))
            report("filter choices (actors, actions, kinds)", choices_ms, None, "aim ≤ 5 ms")
            for scenario in scenarios(raw):
                _measure_scenario(raw, read_factory, source, scenario)
    finally:
        engine.dispose()


def _measure_scenario(
    raw: psycopg.Connection[Any],
    read_factory: Callable[[], Any],
    source: AuditSource,
    scenario: Scenario,
) -> None:
    first_sql = PAGE_SQL.format(where=scenario.where)

    def first() -> None:
        with read_factory() as session:
            source.page(session, scenario.query, offset=0, after=None, limit=PAGE)

    def first_floor() -> None:
        raw.execute(first_sql, scenario.params, prepare=True).fetchall()

    report(f"{scenario.name}: first page", median_ms(first), median_ms(first_floor),
           "aim ≤ 20 ms")  # fmt: skip
    # The last row of the page before the one 10,000 deep, as the screen would hold it.
    boundary = raw.execute(
        f"SELECT id, occurred_at FROM audit_event WHERE {scenario.where} "
        f"ORDER BY occurred_at DESC, id DESC OFFSET {DEPTH - 1} LIMIT 1",
        scenario.params,
    ).fetchone()
    if boundary is None:
        print(f"{scenario.name}: fewer than {DEPTH:,} events, no deep page")
        return
    after = AuditRow(boundary[0], boundary[1], "", "", "", None, "")
    deep_sql = PAGE_SQL.format(where=f"{scenario.where} AND {AFTER}")
    deep_params = {**scenario.params, "at": boundary[1], "id": boundary[0]}

    def deep() -> None:
        with read_factory() as session:
            source.page(session, scenario.query, offset=DEPTH, after=after, limit=PAGE)

    def deep_floor() -> None:
        raw.execute(deep_sql, deep_params, prepare=True).fetchall()

    report(f"{scenario.name}: {DEPTH:,} deep", median_ms(deep), median_ms(deep_floor),
           "aim ≤ 20 ms")  # fmt: skip


def measure_export(url: str, rows: int = EXPORT_ROWS) -> None:
    """Print how fast the audit log is read and written to .xlsx (rows a second)."""
    fill_audit_log(url, rows)
    engine = db.make_engine(url)
    read_factory = db.read_session_factory(engine)
    source = AuditSource(tz=None)
    query = ListQuery()
    try:
        started = time.perf_counter()
        with read_factory() as session:
            read = sum(1 for _row in islice(source.export_rows(session, query), rows))
        reading = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "Журнал аудита.xlsx"
            started = time.perf_counter()
            with read_factory() as session:
                written = export_xlsx(
                    path,
                    "Журнал аудита",
                    audit_log.EXPORT_COLUMNS,
                    islice(source.export_rows(session, query), rows),
                )
            exporting = time.perf_counter() - started
            size = path.stat().st_size
        columns = len(audit_log.EXPORT_COLUMNS)
        print(f"\nexport of the audit log, {written:,} rows × {columns} columns")
        print(f"  reading (export_rows) alone   {read / reading:>10,.0f} rows/s")
        print(
            f"  read + write .xlsx            {written / exporting:>10,.0f} rows/s   "
            f"({exporting:.1f} s, {size / 1e6:.1f} MB)   aim ≥ 20,000 rows/s"
        )
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--url", help="an existing database (superuser: the load disables a trigger)"
    )
    parser.add_argument("--events", type=int, default=EVENTS)
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            server = stack.enter_context(ThrowawayPostgres())
            url = server.url()
            db.upgrade(url)
        fill_audit_log(url, args.events)
        measure_audit_log(url)
        measure_export(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
