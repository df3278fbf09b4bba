"""«Пользователи портала» speed on PostgreSQL with the scale-1 demo data.

    python -m benchmarks.portal_users_speed [--scale 1] [--url postgresql://...] [--repeat 30]

Without --url it starts a throwaway PostgreSQL cluster, migrates it and loads the demo
data. It prints medians for what an administrator waits on in the section, each beside
its floor: the same result fetched by one hand-written SQL statement through psycopg.
The list reads as the screen does (a read session, the first page of 100 rows, the tab
counts); the floor of a search looks for the one kind of key it was given, ours for every
kind the text may be. Opening a user is timed on a user with 50 live contracts (and a few
revoked ones, letters and events): the demo has none that large, so one is made first,
as the table's owner (with --url, in the database given). Nothing here is asserted; the
figures go into the closing notes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import text

from benchmarks.timing import demo_database, median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.portal_user_browser import PortalUserSource, classify_user_search

PAGE_SIZE = 100
AIM = "aim ≤ 30 ms, ≤ 3× floor"
CONTRACTS = 50  # live contracts of the user opened
REVOKED = 5  # and revoked ones

# The page's ids in a subquery (newest first, the total beside), the user's columns, the
# organisation's request (a lateral: the newest approved one with a counterparty, else
# the newest) and the live contracts outside, for the page's rows only.
PAGE_SQL = """
{found}
SELECT u.id, u.login, u.last_name, u.first_name, u.patronymic, u.email, u.phone, u.status,
       u.created_at, u.last_login_at, u.anonymised_at,
       (SELECT count(*) FROM contract_access a
         WHERE a.portal_user_id = u.id AND a.revoked_at IS NULL) AS live_contracts,
       r.org_type, r.inn, r.kpp, r.org_name,
       cp.id AS counterparty_id, cp.org_type, cp.inn, cp.kpp, cp.short_name,
       p.total
  FROM (SELECT id, created_at, {total} AS total FROM portal_user
         WHERE {where}
         ORDER BY created_at DESC, id DESC LIMIT 100) p
  JOIN portal_user u ON u.id = p.id
  LEFT JOIN LATERAL (
        SELECT * FROM registration_request x WHERE x.portal_user_id = u.id
         ORDER BY (x.status = 'approved' AND x.counterparty_id IS NOT NULL) DESC,
                  x.submitted_at DESC, x.id DESC
         LIMIT 1) r ON TRUE
  LEFT JOIN counterparty cp ON cp.id = r.counterparty_id AND r.status = 'approved'
 ORDER BY p.created_at DESC, p.id DESC
"""
WHOLE_TOTAL = "(SELECT count(*) FROM portal_user)"
FOUND = "WITH found AS MATERIALIZED ({ids})"
COUNTS_SQL = "SELECT status, count(*) FROM portal_user GROUP BY status"

_RANGE = "{column} ~>=~ %({kind}_from)s AND {column} ~<~ %({kind}_to)s"
# The users of an ИНН: typed in a request, or of the counterparty a request was approved for.
INN_IDS = (
    "SELECT portal_user_id AS id FROM registration_request WHERE "
    + _RANGE.format(column="inn", kind="inn")
    + " UNION SELECT r.portal_user_id FROM registration_request r "
    "JOIN counterparty c ON c.id = r.counterparty_id WHERE r.status = 'approved' AND "
    + _RANGE.format(column="c.inn", kind="inn")
)
# The users of a contract number: with access to it (live or revoked), or who typed it.
CONTRACT_IDS = (
    "SELECT a.portal_user_id AS id FROM contract_access a "
    "JOIN contract c ON c.id = a.contract_id WHERE "
    + _RANGE.format(column="c.number_normalized", kind="contract")
    + " UNION SELECT r.portal_user_id FROM registration_contract rc "
    "JOIN registration_request r ON r.id = rc.registration_request_id WHERE "
    + _RANGE.format(column="rc.number_normalized", kind="contract")
)

# One user: the profile with the organisation, and every list as a JSON array.
CARD_SQL = """
SELECT u.id, u.version, u.login, u.last_name, u.first_name, u.patronymic, u.email, u.phone,
       u.status, u.created_at, u.email_confirmed_at, u.last_login_at, u.blocked_at,
       u.blocked_by, u.block_reason, u.status_before_block, u.anonymised_at,
       r.org_type, r.inn, r.kpp, r.org_name,
       cp.id AS counterparty_id, cp.org_type, cp.inn, cp.kpp, cp.short_name,
       (SELECT json_agg(json_build_object(
                 'id', a.id, 'contract_id', a.contract_id, 'number', c.number,
                 'status', c.status, 'counterparty_id', c.counterparty_id,
                 'name', o.short_name, 'granted_at', a.granted_at, 'granted_by', a.granted_by,
                 'request_id', a.registration_request_id, 'grant_reason', a.grant_reason,
                 'revoked_at', a.revoked_at, 'revoked_by', a.revoked_by,
                 'revoke_reason', a.revoke_reason))
          FROM contract_access a JOIN contract c ON c.id = a.contract_id
          JOIN counterparty o ON o.id = c.counterparty_id
         WHERE a.portal_user_id = u.id) AS contracts,
       (SELECT json_agg(json_build_object(
                 'id', q.id, 'status', q.status, 'submitted_at', q.submitted_at,
                 'org_type', q.org_type, 'inn', q.inn, 'kpp', q.kpp, 'org_name', q.org_name,
                 'decided_at', q.decided_at, 'decided_by', q.decided_by,
                 'numbers', (SELECT array_agg(t.number_as_typed ORDER BY t.position)
                               FROM registration_contract t
                              WHERE t.registration_request_id = q.id))
               ORDER BY q.submitted_at DESC, q.id DESC)
          FROM registration_request q WHERE q.portal_user_id = u.id) AS requests,
       (SELECT json_agg(m ORDER BY m.created_at DESC, m.id DESC)
          FROM (SELECT m.id, m.created_at, m.subject, m.template, m.status, m.sent_at
                  FROM mail_outbox m
                 WHERE m.entity = 'portal_user' AND m.entity_id = u.id
                UNION ALL
                SELECT m.id, m.created_at, m.subject, m.template, m.status, m.sent_at
                  FROM registration_request q
                  JOIN mail_outbox m ON m.entity = 'registration_request' AND m.entity_id = q.id
                 WHERE q.portal_user_id = u.id
                 ORDER BY 2 DESC, 1 DESC LIMIT 50) m) AS letters,
       (SELECT json_agg(e ORDER BY e.occurred_at DESC, e.id DESC)
          FROM (SELECT e.id, e.occurred_at, e.actor, e.action, e.entity, e.entity_id, e.details
                  FROM audit_event e
                 WHERE e.entity = 'portal_user' AND e.entity_id = u.id
                UNION ALL
                SELECT e.id, e.occurred_at, e.actor, e.action, e.entity, e.entity_id, e.details
                  FROM registration_request q
                  JOIN audit_event e
                    ON e.entity = 'registration_request' AND e.entity_id = q.id
                 WHERE q.portal_user_id = u.id
                 ORDER BY 2 DESC, 1 DESC LIMIT 50) e) AS events
  FROM portal_user u
  LEFT JOIN LATERAL (
        SELECT * FROM registration_request x WHERE x.portal_user_id = u.id
         ORDER BY (x.status = 'approved' AND x.counterparty_id IS NOT NULL) DESC,
                  x.submitted_at DESC, x.id DESC
         LIMIT 1) r ON TRUE
  LEFT JOIN counterparty cp ON cp.id = r.counterparty_id AND r.status = 'approved'
 WHERE u.id = %(id)s
"""


def page_floor_sql(ids: str | None) -> str:
    """The hand-written first page: every user, or the users whose ids ``ids`` selects."""
    if ids is None:
        return PAGE_SQL.format(found="", total=WHOLE_TOTAL, where="TRUE")
    return PAGE_SQL.format(
        found=FOUND.format(ids=ids),
        total="(SELECT count(*) FROM found)",
        where="id IN (SELECT id FROM found)",
    )


@dataclass(frozen=True)
class Keys:
    """What an administrator would type, taken from the data, and the user opened."""

    inn: str  # of an approved organisation with several users
    contract: str  # a number typed loosely (lower case, spaces for dashes)
    user: int  # the user with CONTRACTS live contracts


def _user_with_many_contracts(raw: psycopg.Connection[Any]) -> int:
    """An approved user with ``CONTRACTS`` live contracts of their organisation and
    ``REVOKED`` revoked ones with reasons, a few letters and events; made from the user
    with the most contracts when no user has that many."""
    found = raw.execute(
        "SELECT portal_user_id FROM contract_access WHERE revoked_at IS NULL "
        "GROUP BY portal_user_id HAVING count(*) >= %(n)s ORDER BY count(*) DESC LIMIT 1",
        {"n": CONTRACTS},
    ).fetchone()
    if found is not None:
        return int(found[0])
    user, request, owner = raw.execute(
        "SELECT r.portal_user_id, r.id, r.counterparty_id FROM registration_request r "
        "JOIN contract_access a ON a.portal_user_id = r.portal_user_id "
        "WHERE r.status = 'approved' AND r.counterparty_id IS NOT NULL "
        "GROUP BY r.portal_user_id, r.id, r.counterparty_id "
        "ORDER BY count(*) DESC, r.portal_user_id LIMIT 1"
    ).fetchone() or (0, 0, 0)
    (template,) = raw.execute(
        "SELECT id FROM contract WHERE counterparty_id = %(owner)s ORDER BY id LIMIT 1",
        {"owner": owner},
    ).fetchone() or (0,)
    numbers = [f"БН-{owner}-{index:03}" for index in range(1, CONTRACTS + REVOKED + 1)]
    with raw.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO contract (number, number_normalized, counterparty_id, signed_on, "
            "valid_from, valid_to, status, terminated_on, price_category, max_power_kw) "
            "SELECT %(number)s, %(normalized)s, counterparty_id, signed_on, valid_from, "
            "valid_to, 'active', NULL, price_category, max_power_kw "
            "FROM contract WHERE id = %(template)s",
            [
                {"number": n, "normalized": normalize_contract_number(n), "template": template}
                for n in numbers
            ],
        )
    live = raw.execute(
        "SELECT count(*) FROM contract_access WHERE portal_user_id = %(user)s "
        "AND revoked_at IS NULL",
        {"user": user},
    ).fetchone()
    missing = CONTRACTS - int(live[0] if live else 0)
    raw.execute(
        "INSERT INTO contract_access (portal_user_id, contract_id, registration_request_id, "
        "granted_by, granted_at, grant_reason, revoked_by, revoked_at, revoke_reason) "
        "SELECT %(user)s, c.id, CASE WHEN n %% 3 = 0 THEN NULL ELSE %(request)s END, "
        "'admin', now() - interval '90 days' + n * interval '1 hour', "
        "CASE WHEN n %% 3 = 0 THEN 'Письмо организации № ' || n ELSE NULL END, "
        "CASE WHEN n > %(missing)s THEN 'admin' END, "
        "CASE WHEN n > %(missing)s THEN now() - interval '10 days' + n * interval '1 hour' END, "
        "CASE WHEN n > %(missing)s THEN 'Договор передан другой организации' END "
        "FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contract "
        "      WHERE number = ANY(%(numbers)s)) c",
        {"user": user, "request": request, "missing": missing, "numbers": numbers},
    )
    for index in range(1, 11):
        raw.execute(
            "INSERT INTO audit_event (occurred_at, actor, action, entity, entity_id, details) "
            "VALUES (now() - %(ago)s * interval '1 day', 'admin', 'grant_access', "
            "'portal_user', %(user)s, jsonb_build_object('contract', %(number)s::text))",
            {"ago": 30 - index, "user": user, "number": numbers[index]},
        )
        raw.execute(
            "INSERT INTO mail_outbox (to_address, to_name, subject, body_text, body_html, "
            "template, entity, entity_id, status, attempts, next_attempt_at, created_at) "
            "SELECT email, last_name, 'Доступ к договору', 'Текст', '<p>Текст</p>', "
            "'access_granted', 'portal_user', id, 'sent', 1, now(), "
            "now() - %(ago)s * interval '1 day' FROM portal_user WHERE id = %(user)s",
            {"ago": 30 - index, "user": user},
        )
    raw.execute("ANALYZE contract, contract_access, audit_event, mail_outbox")
    return int(user)


def pick_keys(raw: psycopg.Connection[Any]) -> Keys:
    (inn,) = raw.execute(
        "SELECT c.inn FROM registration_request r JOIN counterparty c ON c.id = r.counterparty_id "
        "WHERE r.status = 'approved' GROUP BY c.inn ORDER BY count(*) DESC, c.inn LIMIT 1"
    ).fetchone() or ("",)
    (number,) = raw.execute(
        "SELECT c.number FROM contract_access a JOIN contract c ON c.id = a.contract_id "
        "WHERE c.number LIKE 'ЭС-%%' ORDER BY a.id LIMIT 1"
    ).fetchone() or ("",)
    return Keys(
        inn=inn,
        contract=number.lower().replace("-", " "),
        user=_user_with_many_contracts(raw),
    )


def measure_portal_users(url: str, repeat: int = 30) -> None:
    """The section's first page and tab counts, its searches and one user's card."""
    db.upgrade(url)  # an older demo database gets this section's indexes
    engine = db.make_engine(url)
    read_factory = db.read_session_factory(engine)  # as the screens read
    source = PortalUserSource()
    with ExitStack() as stack:
        stack.callback(engine.dispose)
        raw = stack.enter_context(psycopg.connect(psycopg_url(url), autocommit=True))
        keys = pick_keys(raw)
        with read_factory() as session:
            users = session.execute(text("SELECT count(*) FROM portal_user")).scalar_one()
        print(f"\nreference: {users} portal users; keys {keys}")

        def page(search: str = "") -> Callable[[], object]:
            def run() -> None:
                with read_factory() as session:
                    source.page(
                        session, ListQuery(search=search), offset=0, after=None, limit=PAGE_SIZE
                    )

            return run

        def counts() -> None:
            with read_factory() as session:
                source.counts(session, ListQuery())

        def snapshot() -> None:
            with read_factory() as session:
                source.counts(session, ListQuery())
                source.page(session, ListQuery(), offset=0, after=None, limit=PAGE_SIZE)

        def floor(sql: str, params: dict[str, Any] | None = None) -> Callable[[], object]:
            return lambda: raw.execute(sql, params or {}).fetchall()

        print(f"\n{'operation':<44} {'median':>11}   {'floor (one SQL)':>17}   ratio")
        page_floor = median_ms(floor(page_floor_sql(None)), repeat=repeat)
        counts_floor = median_ms(floor(COUNTS_SQL), repeat=repeat)
        report(
            "all: first page (100 rows, counts per row)",
            median_ms(page(), repeat=repeat),
            page_floor,
            AIM,
        )
        report("all: tab counts", median_ms(counts, repeat=repeat), counts_floor, AIM)
        report(
            "all: tab counts + first page",
            median_ms(snapshot, repeat=repeat),
            page_floor + counts_floor,
            "aim ≤ 30 ms, ≤ 3× the two floors",
        )
        for label, typed, ids in (
            (f"search ИНН {keys.inn}", keys.inn, INN_IDS),
            (f"search ИНН prefix {keys.inn[:6]}", keys.inn[:6], INN_IDS),
            (f"search contract «{keys.contract}»", keys.contract, CONTRACT_IDS),
        ):
            shape, params = classify_user_search(typed)
            report(
                label,
                median_ms(page(typed), repeat=repeat),
                median_ms(floor(page_floor_sql(ids), params), repeat=repeat),
                f"{AIM}; {'+'.join(shape)}",
            )

        def card() -> None:
            with read_factory() as session:
                source.detail(session, keys.user)

        with read_factory() as session:
            detail = source.detail(session, keys.user)
        report(
            f"open user ({len(detail.live_contracts)} live + "
            f"{len(detail.contracts) - len(detail.live_contracts)} revoked contracts)",
            median_ms(card, repeat=repeat),
            median_ms(floor(CARD_SQL, {"id": keys.user}), repeat=repeat),
            AIM,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an existing database with demo data")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each operation")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = demo_database(stack, args.url, args.scale)
        measure_portal_users(url, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
