"""Registry browser speed on PostgreSQL with the scale-1 demo data.

    python -m benchmarks.registry_speed [--scale 1] [--url postgresql://...] [--repeat 30]

Without --url it starts a throwaway PostgreSQL cluster, migrates it and loads the demo
data. It prints medians for what a clerk waits on in «Контрагенты и договоры», each beside
its floor: the same result fetched by one hand-written SQL statement through psycopg. The
searches read as the screen does (a read session, the first page of 100 rows); the floor
looks for the one kind of key it was given, ours for every kind the text may be.
Nothing here is asserted; the figures go into the closing notes. Other measurements of
the back office's lists belong beside :func:`measure_registry`, called from :func:`main`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import literal_column

from benchmarks.timing import median_ms, report
from lkk_admin import db
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.registry_browser import (
    RegistrySource,
    counterparty_detail,
    meter_readings,
    name_key,
)
from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

PAGE_SIZE = 100
SEARCH_AIM = "aim ≤ 30 ms, ≤ 3× floor"


def psycopg_url(url: str) -> str:
    return db.normalize_url(url).set(drivername="postgresql").render_as_string(False)


def _name_key(column_name: str) -> str:
    return str(name_key(literal_column(column_name)).compile(dialect=postgresql.dialect()))


PAGE_SQL = """
SELECT cp.id, cp.inn, cp.kpp, cp.ogrn, cp.org_type, cp.short_name, cp.full_name, cp.is_active,
       (SELECT count(*) FROM contract c WHERE c.counterparty_id = cp.id) AS contracts,
       (SELECT count(*) FROM contract c
         WHERE c.counterparty_id = cp.id AND c.status = 'active') AS active_contracts,
       (SELECT count(DISTINCT a.portal_user_id)
          FROM contract_access a JOIN contract c ON c.id = a.contract_id
         WHERE c.counterparty_id = cp.id AND a.revoked_at IS NULL) AS portal_users,
       count(*) OVER () AS total
  FROM counterparty cp
 WHERE {where}
 ORDER BY lower(cp.short_name), cp.id
 LIMIT 100
"""

# The one condition a hand-written search for each kind of key would use.
FLOOR_CONDITIONS = {
    "all": "TRUE",
    "inn": "cp.inn = %(key)s",
    "inn_prefix": "cp.inn LIKE %(key)s || '%%'",
    "kpp": "cp.kpp = %(key)s",
    "ogrn": "cp.ogrn = %(key)s",
    "name": (
        f"({_name_key('cp.short_name')} LIKE '%%' || %(key)s || '%%' "
        f"OR {_name_key('cp.full_name')} LIKE '%%' || %(key)s || '%%')"
    ),
    "contract": (
        "cp.id IN (SELECT counterparty_id FROM contract "
        "WHERE number_normalized LIKE %(key)s || '%%')"
    ),
    "serial": (
        "cp.id IN (SELECT c.counterparty_id FROM meter m "
        "JOIN metering_point p ON p.id = m.metering_point_id "
        "JOIN consumption_object o ON o.id = p.consumption_object_id "
        "JOIN contract c ON c.id = o.contract_id WHERE m.serial LIKE %(key)s || '%%')"
    ),
}

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
    contract_normalized: str
    serial: str  # the start of a serial
    card: int  # the counterparty with the most contracts
    meter: int  # the meter with the most readings


def pick_keys(raw: psycopg.Connection[Any]) -> Keys:
    from lkk_admin.services.contract_numbers import normalize_contract_number

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
    (serial,) = raw.execute("SELECT serial FROM meter ORDER BY id OFFSET 300 LIMIT 1").fetchone() or (
        "",
    )
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
        contract_normalized=normalize_contract_number(number),
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

        def floor(kind: str, key: str) -> Callable[[], object]:
            sql = PAGE_SQL.format(where=FLOOR_CONDITIONS[kind])
            return lambda: raw.execute(sql, {"key": key}).fetchall()

        def first_page_with_counts() -> None:
            with read_factory() as session:
                source.counts(session, ListQuery())
                source.page(session, ListQuery(), offset=0, after=None, limit=PAGE_SIZE)

        print(f"\n{'operation':<44} {'median':>11}   {'floor (one SQL)':>17}   ratio")
        report(
            "all: counts + first page",
            median_ms(first_page_with_counts, repeat=repeat),
            median_ms(floor("all", ""), repeat=repeat),
            SEARCH_AIM,
        )
        searches = [
            (f"ИНН {keys.inn}", keys.inn, "inn", keys.inn),
            (f"ИНН prefix {keys.inn_prefix}", keys.inn_prefix, "inn_prefix", keys.inn_prefix),
            (f"КПП {keys.kpp}", keys.kpp, "kpp", keys.kpp),
            (f"ОГРН {keys.ogrn}", keys.ogrn, "ogrn", keys.ogrn),
            (f"name part «{keys.name}»", keys.name, "name", keys.name.lower()),
            (f"contract «{keys.contract}»", keys.contract, "contract", keys.contract_normalized),
            (f"meter serial {keys.serial}", keys.serial, "serial", keys.serial),
        ]
        for label, typed, kind, key in searches:
            report(
                f"search {label}",
                median_ms(ours(typed), repeat=repeat),
                median_ms(floor(kind, key), repeat=repeat),
                SEARCH_AIM,
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
            median_ms(lambda: raw.execute(READINGS_SQL, {"id": keys.meter}).fetchall(), repeat=repeat),
            "aim ≤ 30 ms",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an existing database with demo data")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each operation")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            server = stack.enter_context(ThrowawayPostgres())
            url = server.url()
            from lkk_admin.services import demo_data

            started = time.perf_counter()
            demo_data.generate(url, args.scale)
            print(f"demo data, scale {args.scale}: {time.perf_counter() - started:.1f} s")
            # As a live database is: vacuumed and analysed, then checkpointed.
            with psycopg.connect(psycopg_url(url), autocommit=True) as maintenance:
                maintenance.execute("VACUUM (ANALYZE)")
                maintenance.execute("CHECKPOINT")
        measure_registry(url, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
