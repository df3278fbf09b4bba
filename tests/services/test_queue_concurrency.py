"""On a real PostgreSQL: concurrent verifiers never get or decide the same request twice,
and a decision that fails midway leaves no trace."""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import (
    AuditEvent,
    ContractAccess,
    MailOutbox,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.services import queue
from lkk_admin.services.intake import confirm_email, submit_registration
from lkk_admin.services.passwords import hash_password
from tests import factories as f

REQUESTS = 1000
WORKERS = 4


def fill_queue(factory: sessionmaker[Session], count: int) -> None:
    password_hash = hash_password("x", iterations=1)
    with factory.begin() as session:
        romashka = f.counterparty(session)
        for n in range(count):
            f.contract(session, romashka, f"ЭС-{n:05d}/26")
        for n in range(count):
            form = f.form(contract_numbers=[f"ЭС-{n:05d}/26"])
            request_id = submit_registration(session, form, password_hash=password_hash)
            confirm_email(session, request_id)


def test_two_connections_claim_different_requests(pg_factory: sessionmaker[Session]) -> None:
    factory = pg_factory
    fill_queue(factory, 2)
    barrier = threading.Barrier(2)
    results: list[int | None] = []

    def verifier(name: str) -> None:
        with factory.begin() as session:
            # Both transactions are open before either claims.
            session.execute(text("SELECT 1"))
            barrier.wait()
            results.append(queue.claim_next(session, name))

    threads = [threading.Thread(target=verifier, args=(f"v{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert None not in results
    assert len(set(results)) == 2


def _work_the_queue(url: str, actor: str, decided: multiprocessing.Queue[tuple[str, int]]) -> None:
    engine = db.make_engine(url)
    factory = db.session_factory(engine)
    while True:
        with factory.begin() as session:
            request_id = queue.claim_next(session, actor)
        if request_id is None:
            break
        with factory.begin() as session:
            if request_id % 7 == 0:
                queue.reject(session, request_id, actor, "Нет полномочий", "NO_AUTHORITY")
            else:
                queue.approve(session, request_id, actor)
        decided.put((actor, request_id))
    engine.dispose()


def test_four_processes_decide_each_of_a_thousand_requests_exactly_once(
    pg_url: str, pg_factory: sessionmaker[Session]
) -> None:
    factory = pg_factory
    fill_queue(factory, REQUESTS)
    context = multiprocessing.get_context("spawn")
    decided: multiprocessing.Queue[tuple[str, int]] = context.Queue()
    workers = [
        context.Process(target=_work_the_queue, args=(pg_url, f"verifier{n}", decided))
        for n in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    results = [decided.get(timeout=300) for _ in range(REQUESTS)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    per_request = Counter(request_id for _, request_id in results)
    assert len(per_request) == REQUESTS
    assert set(per_request.values()) == {1}
    assert len({actor for actor, _ in results}) == WORKERS  # the work was really shared
    with factory() as session:
        statuses = Counter(session.scalars(select(RegistrationRequest.status)))
        assert statuses == {"approved": REQUESTS - REQUESTS // 7, "rejected": REQUESTS // 7}
        decisions = Counter(
            session.scalars(
                select(AuditEvent.entity_id).where(AuditEvent.action.in_(["approve", "reject"]))
            )
        )
        assert len(decisions) == REQUESTS and set(decisions.values()) == {1}
        assert session.scalar(select(func.count()).select_from(MailOutbox)) == REQUESTS


def test_a_decision_failing_at_the_outbox_leaves_no_trace(
    pg_url: str, postgres_admin_url: str, pg_factory: sessionmaker[Session]
) -> None:
    factory = pg_factory
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        request_id = f.registration(session)
        queue.claim(session, request_id, "verifier1")
    admin = create_engine(
        db.normalize_url(pg_url).set(username=db.normalize_url(postgres_admin_url).username),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:  # the outbox now refuses every insert
        connection.execute(
            text("ALTER TABLE mail_outbox ADD CONSTRAINT broken CHECK (false) NOT VALID")
        )
    admin.dispose()
    with factory() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(Exception, match="broken"), factory.begin() as session:
        queue.approve(session, request_id, "verifier1")
    with factory() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert (request.status, request.claimed_by, request.user.status) == (
            "in_review",
            "verifier1",
            "pending",
        )
        assert session.scalar(select(func.count()).select_from(ContractAccess)) == 0
        assert session.scalar(select(func.count()).select_from(MailOutbox)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == audit_before
        assert session.scalars(select(RegistrationContract.decision)).all() == [None]
