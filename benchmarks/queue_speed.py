"""Registration queue speed on PostgreSQL with the scale-1 demo data.

    python -m benchmarks.queue_speed [--scale 1] [--url postgresql://...]

Without --url it starts a throwaway PostgreSQL cluster, migrates it and loads the demo
data. It prints medians for the operations a verifier waits on, each beside its floor:
the same result fetched (or written) by one hand-written SQL statement through psycopg.
Nothing here is asserted; the figures go into the closing notes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from contextlib import ExitStack
from typing import Any

import psycopg
from sqlalchemy import select

from benchmarks.timing import demo_database, median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.models import RegistrationRequest
from lkk_admin.services import checks, queue, request_list
from lkk_admin.services.errors import DomainError

PAGE_SQL = """
SELECT r.id, r.version, r.status, r.submitted_at, r.org_type, r.org_name, r.inn, r.kpp,
       u.login, u.email, r.check_errors, r.check_warnings, r.check_infos, r.claimed_by,
       r.claim_expires_at,
       (SELECT string_agg(c.number_as_typed, ', ' ORDER BY c.position)
          FROM registration_contract c WHERE c.registration_request_id = r.id) AS numbers,
       count(*) OVER () AS total
  FROM registration_request r JOIN portal_user u ON u.id = r.portal_user_id
 WHERE r.status = 'pending' {extra}
 ORDER BY r.submitted_at, r.id LIMIT 100
"""

# What the search box finds for ten digits: the ИНН, or contract numbers that start with
# them (a contract number may be all digits), through the same indexes.
SEARCH_BY_DIGITS = """
   AND r.id IN (SELECT id FROM registration_request WHERE inn = %(inn)s
                 UNION
                SELECT registration_request_id FROM registration_contract
                 WHERE number_normalized ~>=~ %(inn)s
                   AND number_normalized ~<~ (left(%(inn)s, -1)
                                              || chr(ascii(right(%(inn)s, 1)) + 1)))
"""

CHECKS_SQL = """
SELECT r.id, r.inn, r.kpp, r.org_name, r.org_type, r.existing_counterparty,
       r.email_confirmed_at, u.email,
       (SELECT json_agg(json_build_object('id', cp.id, 'kpp', cp.kpp,
                 'short_name', cp.short_name, 'full_name', cp.full_name))
          FROM counterparty cp WHERE cp.inn = trim(r.inn)) AS candidates,
       (SELECT json_agg(json_build_object(
                 'typed', rc.number_as_typed, 'number', c.number, 'status', c.status,
                 'counterparty_id', c.counterparty_id, 'owner_inn', owner.inn,
                 'duplicate', EXISTS (
                     SELECT 1 FROM registration_contract rc2
                       JOIN registration_request r2 ON r2.id = rc2.registration_request_id
                      WHERE rc2.number_normalized = rc.number_normalized AND r2.id <> r.id
                        AND r2.status IN ('email_unconfirmed', 'pending', 'in_review', 'needs_info')
                        AND trim(r2.inn) = trim(r.inn)
                        AND coalesce(trim(r2.kpp), '') = coalesce(trim(r.kpp), '')),
                 'has_access', EXISTS (
                     SELECT 1 FROM contract_access a
                      WHERE a.portal_user_id = r.portal_user_id AND a.contract_id = c.id
                        AND a.revoked_at IS NULL))
               ORDER BY rc.position)
          FROM registration_contract rc
          LEFT JOIN contract c ON c.number_normalized = rc.number_normalized
          LEFT JOIN counterparty owner ON owner.id = c.counterparty_id
         WHERE rc.registration_request_id = r.id) AS contracts
  FROM registration_request r JOIN portal_user u ON u.id = r.portal_user_id
 WHERE r.id = %(id)s
"""

CLAIM_SQL = """
UPDATE registration_request SET status = 'in_review', claimed_by = %(actor)s,
       claimed_at = now(), claim_expires_at = now() + interval '15 minutes',
       version = version + 1
 WHERE id = (SELECT id FROM registration_request
              WHERE status = 'pending' ORDER BY submitted_at, id
              LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id
"""

APPROVE_SQL = """
WITH req AS (
    UPDATE registration_request
       SET status = 'approved', decided_by = %(actor)s, decided_at = now(),
           claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL,
           version = version + 1
     WHERE id = %(id)s AND status = 'in_review' AND claimed_by = %(actor)s
    RETURNING id, portal_user_id
), typed AS (
    UPDATE registration_contract rc SET decision = 'granted', contract_id = c.id
      FROM contract c, req
     WHERE rc.registration_request_id = req.id AND c.number_normalized = rc.number_normalized
    RETURNING rc.contract_id
), access AS (
    INSERT INTO contract_access (portal_user_id, contract_id, registration_request_id,
                                 granted_by, granted_at)
    SELECT req.portal_user_id, typed.contract_id, req.id, %(actor)s, now() FROM req, typed
    ON CONFLICT DO NOTHING
    RETURNING id
), account AS (
    UPDATE portal_user SET status = 'active' FROM req
     WHERE portal_user.id = req.portal_user_id RETURNING portal_user.id
), mail AS (
    INSERT INTO mail_outbox (to_address, subject, body_text, body_html, template, entity,
                             entity_id, status, attempts, next_attempt_at, created_at)
    SELECT u.email, 'Доступ предоставлен', 'text', '<p>html</p>', 'registration_approved',
           'registration_request', req.id, 'pending', 0, now(), now()
      FROM req JOIN portal_user u ON u.id = req.portal_user_id
    RETURNING id
)
INSERT INTO audit_event (occurred_at, actor, action, entity, entity_id, details)
SELECT now(), %(actor)s, 'approve', 'registration_request', req.id, '{}'::jsonb FROM req
"""


def clean_pending(factory: Any, count: int) -> list[int]:
    """Pending requests that can be approved (no request-level errors, a grantable contract)."""
    found: list[int] = []
    with factory() as session:
        candidates = session.scalars(
            select(RegistrationRequest.id)
            .where(RegistrationRequest.status == "pending")
            .order_by(RegistrationRequest.id.desc())
            .limit(count * 3)
        ).all()
        for request_id in candidates:
            evaluation = checks.evaluate(session, request_id)
            if not evaluation.request_errors and any(m.grantable for m in evaluation.contracts):
                found.append(request_id)
            if len(found) == count:
                break
    return found


def claim_all(factory: Any, ids: list[int], actor: str) -> None:
    with factory.begin() as session:
        for request_id in ids:
            queue.claim(session, request_id, actor)


# Decisions each worker makes before the clock starts: its connection has prepared its
# statements and its process has compiled them, as at a desk that has been working a while.
WARM_UP = 10


def run_worker(decide_next: Any, quota: int, out: Any, go: Any) -> None:
    """Warm up, wait for the others, then decide ``quota`` requests (fewer if none is left)."""
    for _ in range(WARM_UP):
        decide_next()
    out.put("ready")
    go.wait()
    started = time.perf_counter()
    decided = 0
    while decided < quota and decide_next():
        decided += 1
    out.put((decided, time.perf_counter() - started))


def orm_worker(url: str, actor: str, quota: int, out: Any, go: Any) -> None:
    engine = db.make_engine(url)
    factory = db.session_factory(engine)

    def decide_next() -> bool:
        with factory.begin() as session:
            request_id = queue.claim_next(session, actor)
        if request_id is None:
            return False
        try:
            with factory.begin() as session:
                queue.approve(session, request_id, actor)
        except DomainError:
            with factory.begin() as session:
                queue.reject(session, request_id, actor, "Нет полномочий", "NO_AUTHORITY")
        return True

    run_worker(decide_next, quota, out, go)
    engine.dispose()


def sql_worker(url: str, actor: str, quota: int, out: Any, go: Any) -> None:
    with psycopg.connect(psycopg_url(url)) as connection:

        def decide_next() -> bool:
            with connection.transaction():
                row = connection.execute(CLAIM_SQL, {"actor": actor}).fetchone()
            if row is None:
                return False
            with connection.transaction():
                connection.execute(APPROVE_SQL, {"id": row[0], "actor": actor})
            return True

        run_worker(decide_next, quota, out, go)


def throughput(target: Any, url: str, workers: int, decisions: int) -> float:
    """Decisions per second of ``workers`` processes started together (start-up excluded),
    sharing ``decisions`` between them: every run does the same work, and none runs the
    queue dry (a run by the clock would leave the next one only what remained)."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    go = context.Event()
    processes = [
        context.Process(
            target=target,
            args=(url, f"bench{target.__name__[:3]}{n}", decisions // workers, out, go),
        )
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    for _ in processes:  # every process has imported and connected: start the clock
        out.get(timeout=120)
    go.set()
    results = [out.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    return sum(int(count) for count, _ in results) / max(float(t) for _, t in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an existing database with demo data")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--decisions", type=int, default=1000, help="per throughput run (two runs of each kind)"
    )
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = demo_database(stack, args.url, args.scale)
        engine = db.make_engine(url)
        stack.callback(engine.dispose)
        factory = db.session_factory(engine)
        read_factory = db.read_session_factory(engine)  # as the screens read
        raw = stack.enter_context(psycopg.connect(psycopg_url(url), autocommit=True))

        # Give the first pages their check summaries, as the queue screen does.
        with factory.begin() as session:
            page = request_list.list_requests(session, tab="pending")
            request_list.refresh_check_summaries(session, [row.id for row in page.rows])
            inn = page.rows[len(page.rows) // 2].inn

        def first_page() -> None:
            with read_factory() as session:
                request_list.tab_counts(session)
                request_list.list_requests(session, tab="pending")

        def first_page_sql() -> None:
            raw.execute(PAGE_SQL.format(extra="")).fetchall()

        def search() -> None:
            with read_factory() as session:
                request_list.list_requests(session, tab="pending", search=inn)

        def search_sql() -> None:
            raw.execute(PAGE_SQL.format(extra=SEARCH_BY_DIGITS), {"inn": inn}).fetchall()

        print(f"\n{'operation':<44} {'median':>11}   {'floor (one SQL)':>17}   ratio")
        report("first page of pending (100 rows, counts)", median_ms(first_page),
               median_ms(first_page_sql), "aim ≤ 20 ms")  # fmt: skip
        report(f"search by ИНН {inn}", median_ms(search), median_ms(search_sql))

        sample = clean_pending(factory, 60)
        rng = random.Random(7)

        def one_check() -> None:
            with read_factory() as session:
                checks.run_checks(session, rng.choice(sample))

        def one_check_sql() -> None:
            raw.execute(CHECKS_SQL, {"id": rng.choice(sample)}).fetchall()

        report("run_checks, one request", median_ms(one_check, repeat=100),
               median_ms(one_check_sql, repeat=100), "aim ≤ 5 ms")  # fmt: skip

        orm_ids, sql_ids = sample[:30], sample[30:60]
        claim_all(factory, orm_ids, "bench_orm")
        claim_all(factory, sql_ids, "bench_sql")
        orm_times: list[float] = []
        for request_id in orm_ids:
            started = time.perf_counter()
            with factory.begin() as session:
                queue.approve(session, request_id, "bench_orm")
            orm_times.append((time.perf_counter() - started) * 1000)
        sql_times: list[float] = []
        for request_id in sql_ids:
            started = time.perf_counter()
            with raw.transaction():
                raw.execute(APPROVE_SQL, {"id": request_id, "actor": "bench_sql"})
            sql_times.append((time.perf_counter() - started) * 1000)
        report("approve (checks, grants, mail, audit)", statistics.median(orm_times),
               statistics.median(sql_times), "aim ≤ 10 ms")  # fmt: skip

        # Interleaved, best of two each: the runs share one queue whose dead rows grow,
        # and this kind of machine is shared (a neighbour's burst would skew a single run).
        rates: dict[str, list[float]] = {"orm": [], "sql": []}
        for _ in range(2):
            rates["orm"].append(throughput(orm_worker, url, 4, args.decisions))
            rates["sql"].append(throughput(sql_worker, url, 4, args.decisions))
        orm_rate, sql_rate = max(rates["orm"]), max(rates["sql"])
        print(
            f"{'4 workers: claim_next + decide':<44} {orm_rate:8.0f} /s   floor "
            f"{sql_rate:8.0f} /s   ratio {sql_rate / orm_rate:5.1f}×   aim ≥ 400/s"
        )
        runs = {kind: ", ".join(f"{rate:.0f}" for rate in found) for kind, found in rates.items()}
        print(f"{'  (each run: ours ' + runs['orm'] + '; floor ' + runs['sql'] + ')'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
