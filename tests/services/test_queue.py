"""Claims and decisions: one transaction each, refused cleanly when stale or conflicting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import (
    AuditEvent,
    ContractAccess,
    MailOutbox,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.base import utcnow
from lkk_admin.services import portal_users, queue
from lkk_admin.services.errors import ConflictError, DomainError
from tests import factories as f


@pytest.fixture
def registry(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        vasilek = f.counterparty(
            session, inn=f.VASILEK_INN, kpp="773601001", short_name="ООО «Василёк»"
        )
        f.contract(session, romashka, "ЭС-0012/21")
        f.contract(session, romashka, "77090001234567")
        f.contract(session, romashka, "12345/Э", status="terminated")
        f.contract(session, vasilek, "ЭС-0099/22")
    return factory


def submit(registry: sessionmaker[Session], **changes: object) -> int:
    with registry.begin() as session:
        return f.registration(session, **changes)


def claimed(registry: sessionmaker[Session], actor: object = "verifier1", **changes: object) -> int:
    request_id = submit(registry, **changes)
    with registry.begin() as session:
        queue.claim(session, request_id, str(actor))
    return request_id


def snapshot(session: Session, request_id: int) -> tuple[object, ...]:
    request = session.get_one(RegistrationRequest, request_id)
    return (
        request.status,
        request.version,
        request.claimed_by,
        request.user.status,
        session.scalar(select(func.count()).select_from(ContractAccess)),
        session.scalar(select(func.count()).select_from(MailOutbox)),
        session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action != "claim")
        ),
        tuple(c.decision for c in request.contracts),
    )


def test_claim_puts_the_request_in_review_with_a_lease(registry: sessionmaker[Session]) -> None:
    request_id = submit(registry)
    with registry.begin() as session:
        lease = queue.claim(session, request_id, "verifier1")
    with registry() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert request.status == "in_review"
        assert request.claimed_by == "verifier1"
        assert request.claim_expires_at is not None
        assert abs(request.claim_expires_at - (utcnow() + queue.DEFAULT_LEASE)) < timedelta(
            minutes=1
        )
        assert lease.expires_at == request.claim_expires_at


def test_someone_elses_live_claim_is_refused_a_lapsed_one_taken_over(
    registry: sessionmaker[Session],
) -> None:
    request_id = claimed(registry, "verifier1")
    with pytest.raises(ConflictError, match="уже проверяет verifier1"), registry.begin() as session:
        queue.claim(session, request_id, "verifier2")
    later = utcnow() + queue.DEFAULT_LEASE + timedelta(seconds=1)
    with registry.begin() as session:
        queue.claim(session, request_id, "verifier2", now=later)
    with registry() as session:
        assert session.get_one(RegistrationRequest, request_id).claimed_by == "verifier2"


def test_renew_extends_only_ones_own_lease(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry, "verifier1")
    later = utcnow() + timedelta(minutes=10)
    with registry.begin() as session:
        lease = queue.renew(session, request_id, "verifier1", now=later)
    assert lease.expires_at == later + queue.DEFAULT_LEASE
    with pytest.raises(ConflictError, match="больше не закреплена"), registry.begin() as session:
        queue.renew(session, request_id, "verifier2")


def test_claim_next_takes_the_oldest_and_then_none(registry: sessionmaker[Session]) -> None:
    newer = submit(registry, age=timedelta(hours=1))
    older = submit(registry, age=timedelta(days=2), contract_numbers=["77090001234567"])
    with registry.begin() as session:
        assert queue.claim_next(session, "verifier1") == older
    with registry.begin() as session:
        assert queue.claim_next(session, "verifier2") == newer
    with registry.begin() as session:
        assert queue.claim_next(session, "verifier3") is None


def test_release_by_holder_or_administrator(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry, "verifier1")
    with pytest.raises(ConflictError, match="освободить её может"), registry.begin() as session:
        queue.release(session, request_id, "verifier2")
    with registry.begin() as session:
        queue.release(session, request_id, "admin", force=True)
    with registry() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert (request.status, request.claimed_by) == ("pending", None)
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "release")).all()
        assert events[0].details["forced"] is True


def test_approve_everything_grantable_writes_the_whole_decision(
    registry: sessionmaker[Session],
) -> None:
    request_id = claimed(registry, contract_numbers=["эс 0012/21", "12345/Э", "77090001234567"])
    with registry.begin() as session:
        decision = queue.approve(session, request_id, "verifier1")
    assert decision.granted == ("ЭС-0012/21", "77090001234567")
    assert decision.refused == ("12345/Э",)
    with registry() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert request.status == "approved"
        assert (request.decided_by, request.claimed_by) == ("verifier1", None)
        assert request.counterparty_id is not None
        assert [c.decision for c in request.contracts] == ["granted", "refused", "granted"]
        assert request.user.status == "active"
        access = session.scalars(select(ContractAccess)).all()
        assert {a.contract_id for a in access} == {
            c.contract_id for c in request.contracts if c.decision == "granted"
        }
        mail = session.get_one(MailOutbox, decision.mail_id)
        assert mail.to_address == request.user.email
        assert mail.status == "pending"
        assert "предоставлен" in mail.subject
        assert "ЭС-0012/21" in mail.body_text and "77090001234567" in mail.body_text
        assert "https://lkk.rn-energo.ru" in mail.body_html
        assert request.user.login in mail.body_text
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "approve")).one()
        assert audit.entity_id == request_id
        assert audit.details["granted"] == ["ЭС-0012/21", "77090001234567"]


def test_approve_a_chosen_subset(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry, contract_numbers=["ЭС-0012/21", "77090001234567"])
    with registry.begin() as session:
        decision = queue.approve(session, request_id, "verifier1", ["77090001234567"])
    assert decision.granted == ("77090001234567",)
    assert decision.refused == ("ЭС-0012/21",)


@pytest.mark.parametrize(
    ("changes", "chosen", "message"),
    [
        ({"inn": "7706107511"}, None, "нельзя одобрить"),
        ({"contract_numbers": ["12345/Э"]}, None, "Ни один из указанных договоров"),
        ({"contract_numbers": ["ЭС-0012/21", "12345/Э"]}, ["12345/Э"], "расторгнут"),
        ({"contract_numbers": ["ЭС-0012/21"]}, ["ЭС-0099/22"], "нет в этой заявке"),
    ],
)
def test_refused_approvals_change_nothing(
    registry: sessionmaker[Session],
    changes: dict[str, object],
    chosen: list[str] | None,
    message: str,
) -> None:
    request_id = claimed(registry, **changes)
    with registry() as session:
        before = snapshot(session, request_id)
    with pytest.raises(DomainError, match=message), registry.begin() as session:
        queue.approve(session, request_id, "verifier1", chosen)
    with registry() as session:
        assert snapshot(session, request_id) == before


def test_reject_with_a_standard_reason(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry)
    reason = queue.STANDARD_REASONS["NO_AUTHORITY"]
    with registry.begin() as session:
        decision = queue.reject(session, request_id, "verifier1", reason, "NO_AUTHORITY")
    with registry() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert (request.status, request.reason_code) == ("rejected", "NO_AUTHORITY")
        assert request.decision_reason == reason
        assert request.user.status == "rejected"
        mail = session.get_one(MailOutbox, decision.mail_id)
        assert "отклонена" in mail.subject
        assert reason in mail.body_text
        assert session.scalar(select(func.count()).select_from(ContractAccess)) == 0


def test_reject_needs_a_reason_and_a_known_code(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry)
    with pytest.raises(DomainError, match="Укажите причину"), registry.begin() as session:
        queue.reject(session, request_id, "verifier1", "  ")
    with pytest.raises(DomainError, match="Неизвестный код"), registry.begin() as session:
        queue.reject(session, request_id, "verifier1", "Причина", "WHATEVER")


def test_return_for_clarification(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry)
    message = "Приложите доверенность <b>на подписание</b>.\nСкан в PDF."
    with registry.begin() as session:
        decision = queue.return_for_clarification(session, request_id, "verifier1", message)
    with registry() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert (request.status, request.claimed_by) == ("needs_info", None)
        mail = session.get_one(MailOutbox, decision.mail_id)
        assert "доверенность <b>на подписание</b>." in mail.body_text
        # The verifier's text is escaped in the HTML part, line breaks kept.
        assert "доверенность &lt;b&gt;на подписание&lt;/b&gt;.<br>Скан в PDF." in mail.body_html


def test_decisions_need_the_claim(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry, "verifier1")
    with registry() as session:
        before = snapshot(session, request_id)
    decisions: list[Callable[[Session], queue.Decision]] = [
        lambda s: queue.approve(s, request_id, "verifier2"),
        lambda s: queue.reject(s, request_id, "verifier2", "Нет полномочий"),
        lambda s: queue.return_for_clarification(s, request_id, "verifier2", "Уточните"),
    ]
    for decide in decisions:
        with pytest.raises(ConflictError, match="проверяет verifier1"), registry.begin() as session:
            decide(session)
    with registry() as session:
        assert snapshot(session, request_id) == before


def test_already_decided_and_stale_decisions_are_refused(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry)
    with registry() as session:
        seen_version = session.get_one(RegistrationRequest, request_id).version
    with registry.begin() as session:  # something changes the request after it was read
        queue.renew(session, request_id, "verifier1")
    with pytest.raises(ConflictError, match="изменилась"), registry.begin() as session:
        queue.approve(session, request_id, "verifier1", expected_version=seen_version)
    with registry.begin() as session:
        queue.approve(session, request_id, "verifier1")
    with pytest.raises(ConflictError, match="одобрена"), registry.begin() as session:
        queue.reject(session, request_id, "verifier1", "Передумал")
    with registry() as session:
        assert session.scalar(select(func.count()).select_from(MailOutbox)) == 1


def test_expire_unconfirmed_requests_in_bulk(registry: sessionmaker[Session]) -> None:
    old = submit(registry, confirmed=False, age=timedelta(days=8))
    fresh = submit(
        registry, confirmed=False, age=timedelta(days=2), contract_numbers=["77090001234567"]
    )
    confirmed = submit(registry, age=timedelta(days=30), contract_numbers=["ЭС-0099/22"])
    with registry.begin() as session:
        assert queue.expire_unconfirmed(session, "admin", days=7) == [old]
    with registry() as session:
        statuses = {
            r.id: (r.status, r.version) for r in session.scalars(select(RegistrationRequest))
        }
        assert statuses[old] == ("expired", 2)
        assert statuses[fresh][0] == "email_unconfirmed"
        assert statuses[confirmed][0] == "pending"
        assert session.scalar(select(func.count()).select_from(PortalUser)) == 3
        assert {
            c.decision
            for c in session.scalars(
                select(RegistrationContract).where(
                    RegistrationContract.registration_request_id == old
                )
            )
        } == {"refused"}


def test_approving_a_contract_the_user_already_sees_adds_no_second_grant(
    registry: sessionmaker[Session],
) -> None:
    request_id = claimed(registry, contract_numbers=["ЭС-0012/21"])
    with registry.begin() as session:
        request = session.get_one(RegistrationRequest, request_id)
        contract = session.scalars(
            select(f.Contract).where(f.Contract.number == "ЭС-0012/21")
        ).one()
        f.grant(session, request.portal_user_id, contract)
    with registry.begin() as session:
        decision = queue.approve(session, request_id, "verifier1")
    assert decision.granted == ("ЭС-0012/21",)
    with registry() as session:
        assert session.scalar(select(func.count()).select_from(ContractAccess)) == 1


def _user_of(registry: sessionmaker[Session], request_id: int) -> PortalUser:
    with registry() as session:
        request = session.get_one(RegistrationRequest, request_id)
        return request.user


def test_decisions_that_change_a_user_move_its_version(registry: sessionmaker[Session]) -> None:
    approved, rejected = claimed(registry), claimed(registry)
    before = {
        request_id: _user_of(registry, request_id).version for request_id in (approved, rejected)
    }
    with registry.begin() as session:
        queue.approve(session, approved, "verifier1")
    with registry.begin() as session:
        queue.reject(session, rejected, "verifier1", "Нет полномочий")
    for request_id, status in ((approved, "active"), (rejected, "rejected")):
        user = _user_of(registry, request_id)
        assert (user.status, user.version) == (status, before[request_id] + 1)


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_decision_on_a_blocked_users_request_leaves_the_block(
    registry: sessionmaker[Session], decision: str
) -> None:
    request_id = claimed(registry, contract_numbers=["ЭС-0012/21"])
    user_id = _user_of(registry, request_id).id
    with registry.begin() as session:
        blocked = portal_users.block(session, user_id, "admin1", "Подозрение на взлом")
    with registry.begin() as session:
        if decision == "approve":
            assert queue.approve(session, request_id, "verifier1").granted == ("ЭС-0012/21",)
        else:
            queue.reject(session, request_id, "verifier1", "Нет полномочий")
    user = _user_of(registry, request_id)
    assert (user.status, user.status_before_block, user.block_reason) == (
        "blocked",
        "pending",
        "Подозрение на взлом",
    )
    with registry() as session:
        live = session.scalar(select(func.count()).select_from(ContractAccess))
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == decision)).one()
    # An approval grants the access (usable once unblocked) and moves the user's version.
    assert live == (1 if decision == "approve" else 0)
    assert user.version == blocked.version + (1 if decision == "approve" else 0)
    assert "USER_BLOCKED" in audit.details["findings"]
    if decision == "approve":  # the letter does not promise a login that waits
        with registry() as session:
            letter = session.get_one(MailOutbox, audit.details["mail_outbox_id"])
        assert "заблокирована" in letter.body_text and "заблокирована" in letter.body_html


def test_a_number_typed_twice_is_decided_once_for_both(registry: sessionmaker[Session]) -> None:
    request_id = claimed(registry, contract_numbers=["ЭС-0012/21", "эс 0012-21"])
    with registry.begin() as session:
        decision = queue.approve(session, request_id, "verifier1")
    assert (decision.granted, decision.refused) == (("ЭС-0012/21",), ())
    with registry() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert [c.decision for c in request.contracts] == ["granted", "granted"]
        assert len({c.contract_id for c in request.contracts}) == 1
        assert session.scalar(select(func.count()).select_from(ContractAccess)) == 1


def test_claim_next_takes_the_oldest_submission_waiting_or_lapsed(
    registry: sessionmaker[Session],
) -> None:
    """Oldest submission first, whether it waits or its claim lapsed; a live claim stays."""
    older_waiting = submit(registry, age=timedelta(days=64))
    newer_lapsed = claimed(registry, "verifier1", age=timedelta(days=20))
    older_lapsed = claimed(registry, "verifier3", age=timedelta(days=70))
    newer_waiting = submit(registry, age=timedelta(days=2))
    live = submit(registry, age=timedelta(days=90))
    with registry.begin() as session:
        queue.claim(session, live, "verifier4", lease=timedelta(hours=8))
    lapsed_at = utcnow() + queue.DEFAULT_LEASE
    later = lapsed_at + timedelta(minutes=1)
    taken: list[queue.Taken | None] = []
    for _ in range(5):
        with registry.begin() as session:
            taken.append(queue.take_next(session, "verifier2", now=later))
    assert [t.request_id if t else None for t in taken] == [
        older_lapsed,
        older_waiting,
        newer_lapsed,
        newer_waiting,
        None,
    ]
    first, second, third, _fourth, _none = taken
    assert first is not None and second is not None and third is not None
    assert (first.previous_holder, second.previous_holder, third.previous_holder) == (
        "verifier3",
        None,
        "verifier1",
    )
    assert first.lease_ended_at is not None
    assert abs(first.lease_ended_at - lapsed_at) < timedelta(minutes=1)
    assert second.lease_ended_at is None and not second.taken_over
    assert abs(second.submitted_at - (utcnow() - timedelta(days=64))) < timedelta(minutes=1)
    with registry() as session:
        request = session.get_one(RegistrationRequest, older_lapsed)
        assert (request.status, request.claimed_by) == ("in_review", "verifier2")
        assert session.get_one(RegistrationRequest, live).claimed_by == "verifier4"
        events = {  # the latest claim of each (on PostgreSQL the actor is the database's)
            event.entity_id: event.details
            for event in session.scalars(
                select(AuditEvent).where(AuditEvent.action == "claim").order_by(AuditEvent.id)
            )
        }
        assert events[older_lapsed] == {"taken_over": True, "next": True}
        assert events[older_waiting] == {"taken_over": False, "next": True}


def test_the_hot_statements_bind_only_what_varies() -> None:
    """PostgreSQL keeps one generic plan for a prepared statement only when it looks no
    worse than planning afresh. With the status and the LIMIT bound, it could not tell the
    few pending requests from the many decided ones and re-planned every claim."""
    dialect = create_engine("postgresql+psycopg://").dialect
    claim_sql = str(queue._CLAIM_NEXT_AUDITED.compile(dialect=dialect))
    assert "registration_request.status = 'pending'" in claim_sql
    assert "registration_request.status = 'in_review'" in claim_sql
    assert "LIMIT 1 FOR UPDATE SKIP LOCKED" in claim_sql
    lock = queue._LOCK_QUERY_WITH_CONTRACTS.compile(dialect=dialect)
    assert "IN ('email_unconfirmed', 'pending', 'in_review', 'needs_info')" in str(lock)
    # The separator of string_agg is rendered in; only the request's id is bound.
    assert [name for name in lock.params if name != "aggregate_strings_2"] == ["request_id"]
