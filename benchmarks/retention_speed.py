"""Retention speed on PostgreSQL: records anonymised per second (aim: 500/s or more).

    python -m benchmarks.retention_speed [--records 10000] [--batch 200] [--url postgresql://...]

Without --url it starts a throwaway PostgreSQL cluster and migrates it. It writes
``--records`` due records in bulk (a rejected applicant, their request — one in five a
sole proprietor's — and their sent rejection letter), beside as many applicants still in
the queue that must stay untouched, then runs the retention as an administrator's own
database role (the rules and triggers of migrations 0010/0011 apply, as on a desk) and
prints records per second, the time to find what is due, and the time to write the act.
Nothing is asserted; the figures go into the closing notes.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import time
from contextlib import ExitStack

import psycopg
from sqlalchemy.engine import make_url

from benchmarks.timing import psycopg_url
from lkk_admin import db
from lkk_admin.services import retention, retention_act, staff
from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

DAYS = 30  # the default period; the records ended 89 days ago
USERS_SQL = """
INSERT INTO portal_user (login, email, password_hash, first_name, last_name, patronymic,
                         phone, status, created_at, version)
SELECT 'bench' || n, 'bench' || n || '@romashka.ru', 'not-a-hash', 'Иван', 'Иванов',
       'Иванович', '+7 (916) 123-45-' || lpad((n %% 100)::text, 2, '0'),
       CASE WHEN n <= %(due)s THEN 'rejected' ELSE 'pending' END,
       now() - interval '90 days', 1
  FROM generate_series(1, %(due)s * 2) AS n
"""
REQUESTS_SQL = """
INSERT INTO registration_request (portal_user_id, org_type, inn, kpp, org_name,
                                  existing_counterparty, status, submitted_at,
                                  email_confirmed_at, decided_by, decided_at, decision_reason,
                                  updated_at, version)
SELECT u.id,
       CASE WHEN u.id %% 5 = 0 THEN 'sole_proprietor' ELSE 'legal_entity' END,
       CASE WHEN u.id %% 5 = 0 THEN '500100732259' ELSE '7706107510' END,
       CASE WHEN u.id %% 5 = 0 THEN NULL ELSE '770601001' END,
       CASE WHEN u.id %% 5 = 0 THEN 'ИП Иванов Иван Иванович' ELSE 'ООО «Ромашка»' END,
       true, CASE WHEN u.status = 'rejected' THEN 'rejected' ELSE 'pending' END,
       u.created_at, u.created_at,
       CASE WHEN u.status = 'rejected' THEN 'verifier' END,
       CASE WHEN u.status = 'rejected' THEN u.created_at + interval '1 day' END,
       CASE WHEN u.status = 'rejected' THEN 'Договор не найден в реестре.' END,
       u.created_at + interval '1 day', 2
  FROM portal_user AS u
"""
LETTERS_SQL = """
INSERT INTO mail_outbox (to_address, to_name, subject, body_text, body_html, template,
                         entity, entity_id, status, attempts, next_attempt_at, created_at,
                         sent_at)
SELECT u.email, 'Иванов Иван Иванович',
       'Заявка на регистрацию в Личном кабинете клиента ООО «РН-Энерго» отклонена',
       'Здравствуйте, Иван Иванович! ' || repeat('Текст письма. ', 60),
       '<p>Здравствуйте, Иван Иванович!</p>' || repeat('<p>Текст письма.</p>', 60),
       'registration_rejected', 'registration_request', r.id, 'sent', 1, r.decided_at,
       r.decided_at, r.decided_at + interval '1 minute'
  FROM registration_request AS r JOIN portal_user AS u ON u.id = r.portal_user_id
 WHERE r.status = 'rejected'
"""


def fill(url: str, records: int) -> None:
    started = time.perf_counter()
    with psycopg.connect(psycopg_url(url), autocommit=True) as connection:
        with connection.transaction():
            for statement in (USERS_SQL, REQUESTS_SQL, LETTERS_SQL):
                connection.execute(statement, {"due": records})
        connection.execute("VACUUM (ANALYZE)")
    print(f"{records} due records and {records} in the queue written: "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip


def administrator_url(url: str) -> str:
    """A new administrator's own login (the throwaway server trusts local connections)."""
    login = f"bench_admin_{secrets.token_hex(3)}"
    engine = db.make_engine(url)
    try:
        with engine.begin() as connection:
            staff.add(connection, login, "admin", secrets.token_urlsafe(12))
    finally:
        engine.dispose()
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def measure(url: str, batch: int) -> None:
    engine = db.make_engine(administrator_url(url))
    factory = db.session_factory(engine)
    login = make_url(engine.url).username or "admin"
    try:
        started = time.perf_counter()
        with factory() as session:
            summary = retention.due(session, days=DAYS)
        print(f"due: {summary.total} records found in {time.perf_counter() - started:.2f} s")
        run = retention.anonymise(factory, login, days=DAYS, batch=batch)
        print(
            f"anonymised {run.done} of {run.due} records in {run.seconds:.2f} s "
            f"(batches of {batch}): {run.per_second:,.0f} records/s (aim ≥ 500/s)"
        )
        started = time.perf_counter()
        pdf = retention_act.render_act(run)
        print(
            f"act: {len(pdf) / 1e6:.1f} MB PDF in {time.perf_counter() - started:.1f} s "
            f"for {run.done} records"
        )
        again = retention.anonymise(factory, login, days=DAYS)
        print(f"second run: {again.done} records ({again.seconds * 1000:.0f} ms)")
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=retention.DEFAULT_BATCH)
    parser.add_argument("--url", help="a PostgreSQL superuser URL (default: a throwaway one)")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            server = stack.enter_context(ThrowawayPostgres())
            url = server.url()
            db.upgrade(url)
        fill(url, args.records)
        measure(url, args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
