"""Other desks hear of claims and decisions: NOTIFY on PostgreSQL, a fingerprint on SQLite."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import queue, queue_events, request_list
from tests import factories as f


def test_a_claim_elsewhere_is_heard(pg_engine: Engine, pg_factory: sessionmaker[Session]) -> None:
    with pg_factory.begin() as session:
        request_id = f.registration(session)
    with queue_events.ChangeListener(pg_engine) as listener:
        assert listener.wait(0.05) == set()
        with pg_factory.begin() as session:
            queue.claim(session, request_id, "verifier1")
        assert listener.wait(5) == {request_id}
        with pg_factory.begin() as session:  # stored summaries do not wake every desk
            request_list.refresh_check_summaries(session, [request_id])
        assert listener.wait(0.2) == set()


def test_the_fingerprint_changes_with_the_queue(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        request_id = f.registration(session)
    with factory() as session:
        before = queue_events.fingerprint(session)
    with factory.begin() as session:
        queue.claim(session, request_id, "verifier1")
    with factory() as session:
        assert queue_events.fingerprint(session) != before
