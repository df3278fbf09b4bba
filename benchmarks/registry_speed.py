"""Registry browser speed on PostgreSQL with the scale-1 demo data.

    python -m benchmarks.registry_speed [--scale 1] [--url postgresql://...] [--repeat 30]

Without --url it starts a throwaway PostgreSQL cluster, migrates it and loads the demo
data. It prints medians for what a clerk waits on in «Контрагенты и договоры», each beside
its floor: the same result fetched by one hand-written SQL statement through psycopg. The
searches read as the screen does (a read session, the first page of 100 rows); the floor
looks for the one kind of key it was given, ours for every kind the text may be.
Then the registry's Excel export (rows a second), and, unless --no-audit, the audit log
filled to a million events: first and 10,000-deep pages with and without filters, and its
export (benchmarks.audit_export_speed). Nothing here is asserted; the figures go into
the closing notes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.sql import literal_column

from benchmarks.audit_export_speed import fill_audit_log, measure_audit_log, measure_export
from benchmarks.timing import demo_database, median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.registry_browser import (
    RegistrySource,
    classify,
    counterparty_detail,
    meter_readings,
    name_key,
)

PAGE_SIZE = 100
SEARCH_AIM = "aim ≤ 30 ms, ≤ 3× floor"
DEEP = 10_000  # a page deep in the list (scrolled, or an export's later batch)


def _name_key(column_name: str) -> str:
    return str(
        name_key(literal_column(column_name)).compile(
            dialect=create_engine("postgresql+psycopg://").dialect
        )
    )


# The page's ids in a subquery, its columns and counts outside, so that the counts are
# taken for the page's rows only. A search collects its ids first (materialised: planned
# on its own, it uses the trigram indexes), the whole registry is counted separately (the
# page then reads the name index in order).
PAGE_SQL = """
{found}
SELECT cp.id, cp.inn, cp.kpp, cp.ogrn, cp.org_type, cp.short_name, cp.full_name,
       cp.is_active,
       (SELECT count(*) FROM contract c WHERE c.counterparty_id = cp.id) AS contracts,
       (SELECT count(*) FROM contract c
         WHERE c.counterparty_id = cp.id AND c.status = 'active') AS active_contracts,
       (SELECT count(DISTINCT a.portal_user_id)
          FROM contract_access a JOIN contract c ON c.id = a.contract_id
         WHERE c.counterparty_id = cp.id AND a.revoked_at IS NULL) AS portal_users,
       p.total
  FROM (SELECT id, lower(short_name) AS sort_key, {total} AS total
          FROM counterparty
         WHERE {where}
         ORDER BY lower(short_name), id
        OFFSET %(offset)s LIMIT 100) p
  JOIN counterparty cp ON cp.id = p.id
 ORDER BY p.sort_key, p.id
"""
WHOLE_TOTAL = "(SELECT count(*) FROM counterparty)"
FOUND = "WITH found AS MATERIALIZED (SELECT id FROM counterparty WHERE {where})"

# What a hand-written search looks for, by kind of key (the same kinds ours finds the text
# may be): the counterparty's own columns OR-ed, the others joined by a UNION of ids.
_RANGE = "{column} ~>=~ %({kind}_from)s AND {column} ~<~ %({kind}_to)s"
OWN_CONDITIONS = {
    "inn": _RANGE.format(column="inn", kind="inn"),
    "ogrn": _RANGE.format(column="ogrn", kind="ogrn"),
    "kpp": "kpp = %(kpp)s",
    "name": (
        f"{_name_key('short_name')} LIKE %(name_like)s "
        f"OR {_name_key('full_name')} LIKE %(name_like)s"
    ),
}
_SERIAL_IDS = (
    "SELECT c.counterparty_id FROM meter m "
    "JOIN metering_point p ON p.id = m.metering_point_id "
    "JOIN consumption_object o ON o.id = p.consumption_object_id "
    "JOIN contract c ON c.id = o.contract_id WHERE {match}"
)
OTHER_IDS = {
    "contract_prefix": "SELECT counterparty_id FROM contract WHERE "
    + _RANGE.format(column="number_normalized", kind="contract"),
    "contract": "SELECT counterparty_id FROM contract WHERE number_normalized = %(contract)s",
    "serial_prefix": _SERIAL_IDS.format(match=_RANGE.format(column="m.serial", kind="serial")),
    "serial": _SERIAL_IDS.format(match="m.serial = %(serial)s"),
}


def search_where(search: str) -> tuple[str, dict[str, Any]]:
    """The hand-written condition on ``counterparty`` for what ``search`` may be."""
    shape, params = classify(search)
    if not shape:
        return "TRUE", {}
    own = [f"({OWN_CONDITIONS[kind]})" for kind in shape if kind in OWN_CONDITIONS]
    ids = [OTHER_IDS[kind] for kind in shape if kind in OTHER_IDS]
    if own:
        ids.insert(0, f"SELECT id FROM counterparty WHERE {' OR '.join(own)}")
    if len(ids) > 1 or not own:
        return f"id IN ({' UNION '.join(ids)})", params
    return " OR ".join(own), params


def floor_sql(search: str) -> tuple[str, dict[str, Any]]:
    """The hand-written page statement for what ``search`` may be, and its parameters."""
    where, params = search_where(search)
    if not search.strip():
        return PAGE_SQL.format(found="", total=WHOLE_TOTAL, where="TRUE"), params
    return (
        PAGE_SQL.format(
            found=FOUND.format(where=where),
            total="(SELECT count(*) FROM found)",
            where="id IN (SELECT id FROM found)",
        ),
        params,
    )


COUNTS_SQL = (
    "SELECT count(*) FILTER (WHERE is_active), count(*) FILTER (WHERE NOT is_active) "
    "FROM counterparty WHERE {where}"
)


CARD_SQL = """
SELECT cp.*,
       (SELECT json_agg(json_build_object(
                 'id', c.id, 'number', c.number, 'signed_on', c.signed_on,
                 'valid_from', c.valid_from, 'valid_to', c.valid_to, 'status', c.status,
                 'terminated_on', c.terminated_on, 'price_category', c.price_category,
                 'max_power_kw', c.max_power_kw,
                 'voltages', (SELECT array_agg(DISTINCT p.voltage_level)
                                FROM consumption_object o
                                JOIN metering_point p ON p.consumption_object_id = o.id
                               WHERE o.contract_id = c.id))
               ORDER BY c.signed_on DESC, c.id DESC)
          FROM contract c WHERE c.counterparty_id = cp.id) AS contracts,
       (SELECT json_agg(json_build_object(
                 'id', u.id, 'login', u.login, 'last_name', u.last_name,
                 'first_name', u.first_name, 'patronymic', u.patronymic, 'status', u.status,
                 'email', u.email, 'number', c.number, 'granted_at', a.granted_at))
          FROM contract_access a JOIN contract c ON c.id = a.contract_id
          JOIN portal_user u ON u.id = a.portal_user_id
         WHERE c.counterparty_id = cp.id AND a.revoked_at IS NULL) AS users,
       (SELECT json_agg(json_build_object(
                 'id', r.id, 'status', r.status, 'submitted_at', r.submitted_at, 'inn', r.inn,
                 'kpp', r.kpp, 'org_name', r.org_name, 'decided_at', r.decided_at)
               ORDER BY r.submitted_at DESC)
          FROM registration_request r
         WHERE r.counterparty_id = cp.id OR trim(r.inn) = cp.inn) AS requests
  FROM counterparty cp WHERE cp.id = %(id)s
"""

READINGS_SQL = """
SELECT m.serial, m.register_digits, m.ct_ratio * m.vt_ratio AS multiplier, r.period, r.value,
       r.source, r.submitted_at,
       mod(r.value - lag(r.value) OVER w + power(10, m.register_digits)::numeric,
           power(10, m.register_digits)::numeric) * m.ct_ratio * m.vt_ratio AS kwh
  FROM meter m
  JOIN LATERAL (SELECT * FROM meter_reading x WHERE x.meter_id = m.id
                 ORDER BY x.period DESC LIMIT 37) r ON TRUE
 WHERE m.id = %(id)s
WINDOW w AS (ORDER BY r.period)
 ORDER BY r.period DESC
"""


@dataclass(frozen=True)
class Keys:
    """What a clerk would type, taken from the data: one of each kind."""

    inn: str
    inn_prefix: str
    kpp: str
    ogrn: str
    name: str  # a word from the middle of a name, in another case
    contract: str  # a number typed loosely (lower case, spaces for dashes)
    serial: str  # the start of a serial
    card: int  # the counterparty with the most contracts
    meter: int  # the meter with the most readings


def pick_keys(raw: psycopg.Connection[Any]) -> Keys:
    card, inn, kpp, ogrn = raw.execute(
        "SELECT cp.id, cp.inn, cp.kpp, cp.ogrn FROM counterparty cp "
        "JOIN contract c ON c.counterparty_id = cp.id WHERE cp.kpp IS NOT NULL "
        "GROUP BY cp.id ORDER BY count(*) DESC, cp.id LIMIT 1"
    ).fetchone() or (0, "", "", "")
    (short_name,) = raw.execute(
        "SELECT short_name FROM counterparty WHERE org_type = 'legal_entity' "
        "ORDER BY id OFFSET 500 LIMIT 1"
    ).fetchone() or ("",)
    core = short_name.split("«", 1)[-1].rstrip("»")
    word = max(core.split(), key=len)
    (number,) = raw.execute(
        "SELECT number FROM contract WHERE number LIKE 'ЭС-%%' ORDER BY id LIMIT 1"
    ).fetchone() or ("",)
    (serial,) = raw.execute(
        "SELECT serial FROM meter ORDER BY id OFFSET 300 LIMIT 1"
    ).fetchone() or ("",)
    (meter,) = raw.execute(
        "SELECT meter_id FROM meter_reading GROUP BY meter_id ORDER BY count(*) DESC, meter_id "
        "LIMIT 1"
    ).fetchone() or (0,)
    return Keys(
        inn=inn,
        inn_prefix=inn[:6],
        kpp=kpp,
        ogrn=ogrn,
        name=word[1:-1].upper(),
        contract=number.lower().replace("-", " "),
        serial=serial[:-2],
        card=card,
        meter=meter,
    )


def measure_registry(url: str, repeat: int = 30) -> None:
    """The registry browser's searches, its counterparty card and one meter's readings."""
    engine = db.make_engine(url)
    read_factory = db.read_session_factory(engine)  # as the screens read
    source = RegistrySource()
    with ExitStack() as stack:
        stack.callback(engine.dispose)
        raw = stack.enter_context(psycopg.connect(psycopg_url(url), autocommit=True))
        keys = pick_keys(raw)
        with read_factory() as session:
            rows = session.execute(text("SELECT count(*) FROM counterparty")).scalar_one()
        print(f"\nreference: {rows} counterparties; keys {keys}")

        def ours(search: str) -> Callable[[], object]:
            def run() -> None:
                with read_factory() as session:
                    source.page(session, ListQuery(search=search), offset=0, after=None, limit=100)

            return run

        def floor(search: str, offset: int = 0) -> Callable[[], object]:
            sql, params = floor_sql(search)
            params = {**params, "offset": offset}
            return lambda: raw.execute(sql, params).fetchall()

        def counts(search: str) -> Callable[[], object]:
            def run() -> None:
                with read_factory() as session:
                    source.counts(session, ListQuery(search=search))

            return run

        def counts_floor(search: str) -> Callable[[], object]:
            where, params = search_where(search)
            sql = COUNTS_SQL.format(where=where)
            return lambda: raw.execute(sql, params).fetchall()

        def deep_page() -> None:
            with read_factory() as session:
                source.page(session, ListQuery(), offset=DEEP, after=None, limit=PAGE_SIZE)

        print(f"\n{'operation':<44} {'median':>11}   {'floor (one SQL)':>17}   ratio")
        report(
            "all: first page",
            median_ms(ours(""), repeat=repeat),
            median_ms(floor(""), repeat=repeat),
            SEARCH_AIM,
        )
        report(
            "all: tab counts",
            median_ms(counts(""), repeat=repeat),
            median_ms(counts_floor(""), repeat=repeat),
        )
        report(
            f"all: the page at row {DEEP}",
            median_ms(deep_page, repeat=repeat),
            median_ms(floor("", DEEP), repeat=repeat),
        )
        searches = [
            (f"ИНН {keys.inn}", keys.inn),
            (f"ИНН prefix {keys.inn_prefix}", keys.inn_prefix),
            (f"КПП {keys.kpp}", keys.kpp),
            (f"ОГРН {keys.ogrn}", keys.ogrn),
            (f"name part «{keys.name}»", keys.name),
            (f"contract «{keys.contract}»", keys.contract),
            (f"meter serial {keys.serial}", keys.serial),
        ]
        for label, typed in searches:
            kinds = "+".join(classify(typed)[0])
            report(
                f"search {label}",
                median_ms(ours(typed), repeat=repeat),
                median_ms(floor(typed), repeat=repeat),
                f"{SEARCH_AIM}; {kinds}",
            )
        report(
            f"tab counts, name part «{keys.name}»",
            median_ms(counts(keys.name), repeat=repeat),
            median_ms(counts_floor(keys.name), repeat=repeat),
        )

        def card() -> None:
            with read_factory() as session:
                counterparty_detail(session, keys.card)

        (contracts,) = raw.execute(
            "SELECT count(*) FROM contract WHERE counterparty_id = %(id)s", {"id": keys.card}
        ).fetchone() or (0,)
        report(
            f"open counterparty ({contracts} contracts)",
            median_ms(card, repeat=repeat),
            median_ms(lambda: raw.execute(CARD_SQL, {"id": keys.card}).fetchall(), repeat=repeat),
            "aim ≤ 50 ms",
        )

        def readings() -> None:
            with read_factory() as session:
                meter_readings(session, keys.meter, 36)

        report(
            "36 months of one meter's readings + chart",
            median_ms(readings, repeat=repeat),
            median_ms(
                lambda: raw.execute(READINGS_SQL, {"id": keys.meter}).fetchall(), repeat=repeat
            ),
            "aim ≤ 30 ms",
        )


def measure_registry_export(url: str) -> None:
    """Rows a second of the registry's Excel export: every counterparty, the columns the
    section declares (views.registry), read and written as Ctrl+E does."""
    from lkk_admin.services.excel_export import export_xlsx
    from lkk_admin.views.registry.registry_section import REGISTRY

    columns = [column.export_column(column.header) for column in REGISTRY.columns]
    engine = db.make_engine(url)
    read_factory = db.read_session_factory(engine)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "registry.xlsx"
            started = time.perf_counter()
            with read_factory() as session:
                written = export_xlsx(
                    path, "Контрагенты", columns, RegistrySource().export_rows(session, ListQuery())
                )
            seconds = time.perf_counter() - started
        print(f"\nexport of the registry, {written:,} rows × {len(columns)} columns")
        print(f"  read + write .xlsx            {written / seconds:>10,.0f} rows/s   "
              f"({seconds:.1f} s)   aim ≥ 20,000 rows/s")  # fmt: skip
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an existing database with demo data")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each operation")
    parser.add_argument(
        "--no-audit", action="store_true", help="skip the million-event audit log and its export"
    )
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = demo_database(stack, args.url, args.scale)
        measure_registry(url, args.repeat)
        measure_registry_export(url)
        if not args.no_audit:
            # The audit log at a million events (filled as the table's owner), and its export.
            fill_audit_log(url)
            measure_audit_log(url)
            measure_export(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
