"""The administrators' acts on portal accounts, on SQLite and on PostgreSQL: block, unblock,
revoke and grant, each with its audit event and its letter, or refused with nothing written;
and, on PostgreSQL, two administrators acting on one user at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import (
    AuditEvent,
    ContractAccess,
    Counterparty,
    MailOutbox,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.base import utcnow
from lkk_admin.services import portal_users, queue
from lkk_admin.services.checks import run_checks
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError
from lkk_admin.services.portal_users import UserAct
from tests import factories as f

APPROVED = ("ЭС-0012/21", "77090001234567")
SPARE = "ЭС-0020/23"  # Ромашка's, in no request: an administrator grants it
TERMINATED = "12345/Э"
VASILEK = "ЭС-0099/22"
ADMIN = "admin1"


@pytest.fixture
def registry(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        vasilek = f.counterparty(
            session, inn=f.VASILEK_INN, kpp="773601001", short_name="ООО «Василёк»"
        )
        for number in (*APPROVED, SPARE):
            f.contract(session, romashka, number)
        f.contract(session, romashka, TERMINATED, status="terminated")
        f.contract(session, vasilek, VASILEK)
    return factory


def submitted(registry: sessionmaker[Session], **changes: object) -> tuple[int, int]:
    """A confirmed request waiting in the queue: (request id, user id)."""
    with registry.begin() as session:
        request_id = f.registration(session, **changes)
        return request_id, session.get_one(RegistrationRequest, request_id).portal_user_id


def approve(registry: sessionmaker[Session], request_id: int) -> None:
    with registry.begin() as session:
        queue.claim(session, request_id, "verifier1")
    with registry.begin() as session:
        queue.approve(session, request_id, "verifier1")


def approved_user(registry: sessionmaker[Session], numbers: tuple[str, ...] = APPROVED) -> int:
    request_id, user_id = submitted(registry, contract_numbers=list(numbers))
    approve(registry, request_id)
    return user_id


def act(
    registry: sessionmaker[Session], action: Callable[..., UserAct], *args: Any, **kwargs: Any
) -> UserAct:
    with registry.begin() as session:
        return action(session, *args, **kwargs)


def version(registry: sessionmaker[Session], user_id: int) -> int:
    with registry() as session:
        return session.get_one(PortalUser, user_id).version


@dataclass(frozen=True)
class Letter:
    to_address: str
    to_name: str | None
    subject: str
    body_text: str
    body_html: str
    template: str
    entity: str | None
    entity_id: int | None
    status: str


def letter(registry: sessionmaker[Session], mail_id: int | None) -> Letter:
    assert mail_id is not None
    with registry() as session:
        row = session.get_one(MailOutbox, mail_id)
        return Letter(
            row.to_address,
            row.to_name,
            row.subject,
            row.body_text,
            row.body_html,
            row.template,
            row.entity,
            row.entity_id,
            row.status,
        )


def event(registry: sessionmaker[Session], event_id: int | None) -> AuditEvent:
    assert event_id is not None
    with registry() as session:
        return session.get_one(AuditEvent, event_id)


def user_events(registry: sessionmaker[Session], user_id: int) -> list[tuple[str, str]]:
    with registry() as session:
        rows = session.execute(
            select(AuditEvent.actor, AuditEvent.action)
            .where(AuditEvent.entity == "portal_user", AuditEvent.entity_id == user_id)
            .order_by(AuditEvent.id)
        )
        return [(row.actor, row.action) for row in rows]


def email_of(registry: sessionmaker[Session], user_id: int) -> str:
    with registry() as session:
        return session.get_one(PortalUser, user_id).email


def access(registry: sessionmaker[Session], user_id: int) -> list[Any]:
    """The user's access rows: contract number, live or not, reasons, who."""
    with registry() as session:
        return list(
            session.execute(
                text(
                    "SELECT c.number, a.registration_request_id, a.granted_by, a.grant_reason, "
                    "a.revoked_at, a.revoked_by, a.revoke_reason FROM contract_access a "
                    "JOIN contract c ON c.id = a.contract_id WHERE a.portal_user_id = :id "
                    "ORDER BY a.id"
                ),
                {"id": user_id},
            )
        )


def live_numbers(registry: sessionmaker[Session], user_id: int) -> list[str]:
    return sorted(row.number for row in access(registry, user_id) if row.revoked_at is None)


def snapshot(registry: sessionmaker[Session], user_id: int) -> tuple[object, ...]:
    """Everything an act could write."""
    with registry() as session:
        user = session.get_one(PortalUser, user_id)
        count = func.count()
        return (
            user.status,
            user.version,
            user.status_before_block,
            user.blocked_at,
            user.blocked_by,
            user.block_reason,
            tuple(tuple(row) for row in access(registry, user_id)),
            session.scalar(select(count).select_from(MailOutbox)),
            session.scalar(select(count).select_from(AuditEvent)),
        )


def refused(
    registry: sessionmaker[Session],
    user_id: int,
    error: type[DomainError],
    code: str,
    action: Callable[..., UserAct],
    *args: Any,
    **kwargs: Any,
) -> str:
    """The act is refused with ``error`` and ``code``, and nothing is written; the message."""
    before = snapshot(registry, user_id)
    with pytest.raises(error) as caught, registry.begin() as session:
        action(session, *args, **kwargs)
    assert caught.value.code == code, caught.value.message
    assert snapshot(registry, user_id) == before
    return caught.value.message


# Block and unblock -----------------------------------------------------------------


def test_block_keeps_the_access_and_tells_the_user_why(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    start = version(registry, user_id)
    blocked = act(
        registry, portal_users.block, user_id, ADMIN, "  Передача логина и пароля коллегам.\n"
    )

    assert (blocked.action, blocked.status, blocked.version) == ("block_user", "blocked", start + 1)
    assert blocked.live_contracts == 2 and blocked.contract_numbers == ()
    with registry() as session:
        user = session.get_one(PortalUser, user_id)
        assert (user.status, user.status_before_block, user.blocked_by) == (
            "blocked",
            "active",
            ADMIN,
        )
        assert user.block_reason == "Передача логина и пароля коллегам."
        assert user.blocked_at is not None and user.version == blocked.version
    assert live_numbers(registry, user_id) == sorted(APPROVED)
    mail = letter(registry, blocked.mail_outbox_id)
    assert (mail.to_address, mail.template, mail.status) == (
        email_of(registry, user_id),
        "portal_user_blocked",
        "pending",
    )
    assert (mail.entity, mail.entity_id, mail.to_name) == (
        "portal_user",
        user_id,
        "Иванов Иван Иванович",
    )
    assert "заблокирована" in mail.subject
    assert "Причина: Передача логина и пароля коллегам." in mail.body_text
    assert "Здравствуйте, Иван Иванович!" in mail.body_text
    audit = event(registry, blocked.audit_event_id)
    assert (audit.action, audit.entity, audit.entity_id) == ("block_user", "portal_user", user_id)
    assert audit.details == {
        "reason": "Передача логина и пароля коллегам.",
        "before": {"status": "active"},
        "after": {"status": "blocked"},
        "mail_outbox_id": blocked.mail_outbox_id,
    }
    assert [action for _actor, action in user_events(registry, user_id)] == ["block_user"]


def test_what_the_user_typed_cannot_inject_markup_into_the_letter(
    registry: sessionmaker[Session],
) -> None:
    user_id = approved_user(registry)
    blocked = act(registry, portal_users.block, user_id, ADMIN, "<script>alert(1)</script>")
    mail = letter(registry, blocked.mail_outbox_id)
    assert "<script>" not in mail.body_html and "&lt;script&gt;" in mail.body_html
    assert "<script>alert(1)</script>" in mail.body_text


def test_blocking_a_blocked_user_is_refused(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    act(registry, portal_users.block, user_id, "admin2", "Подозрение на взлом")
    message = refused(
        registry,
        user_id,
        ConflictError,
        "ALREADY_BLOCKED",
        portal_users.block,
        user_id,
        ADMIN,
        "Ещё раз",
    )
    assert "уже заблокирован (admin2" in message


@pytest.mark.parametrize(
    ("before", "after"),
    [("active", "active"), ("pending", "pending"), ("rejected", "rejected")],
)
def test_unblock_restores_the_status_the_user_had(
    registry: sessionmaker[Session], before: str, after: str
) -> None:
    if before == "active":
        user_id = approved_user(registry)
    else:
        request_id, user_id = submitted(registry)
        if before == "rejected":
            with registry.begin() as session:
                queue.claim(session, request_id, "verifier1")
            with registry.begin() as session:
                queue.reject(session, request_id, "verifier1", "Нет полномочий")
    blocked = act(registry, portal_users.block, user_id, ADMIN, "Обращение организации")
    unblocked = act(
        registry,
        portal_users.unblock,
        user_id,
        "admin2",
        expected_version=blocked.version,
        portal_url="https://lkk.example.ru",
    )

    assert (unblocked.action, unblocked.status, unblocked.version) == (
        "unblock_user",
        after,
        blocked.version + 1,
    )
    with registry() as session:
        user = session.get_one(PortalUser, user_id)
        assert user.status == after
        assert (user.status_before_block, user.blocked_at, user.blocked_by) == (None, None, None)
        assert user.block_reason is None
    mail = letter(registry, unblocked.mail_outbox_id)
    assert (mail.template, mail.to_address) == (
        "portal_user_unblocked",
        email_of(registry, user_id),
    )
    assert "разблокирована" in mail.subject and "https://lkk.example.ru" in mail.body_text
    expected = {
        "active": "Вы снова можете войти",
        "pending": "рассматривается",
        "rejected": "не предоставлен",
    }[after]
    assert expected in mail.body_text
    audit = event(registry, unblocked.audit_event_id)
    assert audit.details["before"] == {"status": "blocked"}
    assert audit.details["after"] == {"status": after}
    assert audit.details["block_reason"] == "Обращение организации"
    assert audit.details["mail_outbox_id"] == unblocked.mail_outbox_id


def test_a_request_approved_while_blocked_leaves_the_user_blocked_then_active(
    registry: sessionmaker[Session],
) -> None:
    request_id, user_id = submitted(registry, contract_numbers=list(APPROVED))
    act(registry, portal_users.block, user_id, ADMIN, "Подозрение на подмену заявителя")
    with registry() as session:
        [warning] = [f for f in run_checks(session, request_id) if f.code == "USER_BLOCKED"]
        assert warning.severity == "warning"
    approve(registry, request_id)
    with registry() as session:
        user = session.get_one(PortalUser, user_id)
        assert (user.status, user.status_before_block) == ("blocked", "pending")
    assert live_numbers(registry, user_id) == sorted(APPROVED)

    unblocked = act(registry, portal_users.unblock, user_id, ADMIN)
    assert (unblocked.status, unblocked.live_contracts) == ("active", 2)


def test_unblocking_a_user_who_is_not_blocked_is_refused(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    message = refused(
        registry, user_id, ConflictError, "NOT_BLOCKED", portal_users.unblock, user_id, ADMIN
    )
    assert "не заблокирован (состояние: действует)" in message


# Refusals common to every act ------------------------------------------------------

ACTS: dict[str, Callable[[int, str], tuple[Callable[..., UserAct], tuple[Any, ...]]]] = {
    "block": lambda user_id, reason: (portal_users.block, (user_id, ADMIN, reason)),
    "revoke": lambda user_id, reason: (
        portal_users.revoke,
        (user_id, ADMIN, [APPROVED[0]], reason),
    ),
    "grant": lambda user_id, reason: (portal_users.grant, (user_id, ADMIN, SPARE, reason)),
}


@pytest.mark.parametrize("kind", list(ACTS))
@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("", "REASON_REQUIRED"),
        ("   \n\t ", "REASON_REQUIRED"),
        ("Причина\x00", "UNSTORABLE_CHARACTER"),
        ("я" * (portal_users.MAX_REASON_LENGTH + 1), "TOO_LONG"),
    ],
)
def test_a_reason_is_required_and_must_be_storable(
    registry: sessionmaker[Session], kind: str, reason: str, code: str
) -> None:
    user_id = approved_user(registry)
    action, args = ACTS[kind](user_id, reason)
    refused(registry, user_id, DomainError, code, action, *args)


@pytest.mark.parametrize("kind", ["block", "unblock", "revoke", "grant"])
def test_an_unknown_or_deleted_user_is_not_found(
    registry: sessionmaker[Session], kind: str
) -> None:
    request_id, user_id = submitted(registry)
    read = version(registry, user_id)
    with registry.begin() as session:  # deleted meanwhile (by the portal, say)
        session.execute(
            delete(RegistrationContract).where(
                RegistrationContract.registration_request_id == request_id
            )
        )
        session.execute(delete(RegistrationRequest).where(RegistrationRequest.id == request_id))
        session.execute(delete(PortalUser).where(PortalUser.id == user_id))
    for missing in (user_id, 999_999):
        with pytest.raises(NotFoundError, match=f"№ {missing} не найден"), registry.begin() as s:
            if kind == "unblock":
                portal_users.unblock(s, missing, ADMIN, expected_version=read)
            elif kind == "block":
                portal_users.block(s, missing, ADMIN, "Причина", expected_version=read)
            else:
                action, args = ACTS[kind](missing, "Причина")
                action(s, *args)
    with registry() as session:
        assert session.scalar(select(func.count()).select_from(MailOutbox)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_an_anonymised_user_is_refused_every_act(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    with registry.begin() as session:
        session.execute(
            update(PortalUser)
            .where(PortalUser.id == user_id)
            .values(anonymised_at=utcnow(), version=PortalUser.version + 1)
        )
    for make in ACTS.values():
        action, args = make(user_id, "Причина")
        message = refused(registry, user_id, DomainError, "USER_ANONYMISED", action, *args)
        assert "обезличены" in message
    refused(registry, user_id, DomainError, "USER_ANONYMISED", portal_users.unblock, user_id, ADMIN)


# Versions --------------------------------------------------------------------------


def test_every_act_moves_the_version_and_says_where_it_is(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    current = version(registry, user_id)
    for action, args in (
        (portal_users.block, (user_id, ADMIN, "Обращение организации")),
        (portal_users.unblock, (user_id, ADMIN)),
        (portal_users.revoke, (user_id, ADMIN, [APPROVED[0]], "Договор переоформлен")),
        (portal_users.grant, (user_id, ADMIN, SPARE, "Письмо организации № 12")),
    ):
        done = act(registry, action, *args, expected_version=current)
        assert done.version == current + 1 == version(registry, user_id)
        current = done.version


def test_a_stale_version_is_refused_naming_who_changed_the_user(
    registry: sessionmaker[Session],
) -> None:
    user_id = approved_user(registry)
    read = version(registry, user_id)
    act(registry, portal_users.block, user_id, "admin2", "Обращение организации")
    # The audit log names the actor given; on PostgreSQL the database's session user,
    # here the same for both (another role's view: test_portal_user_rules.py).
    by_another = registry.kw["bind"].dialect.name == "sqlite"
    for action, args in (
        (portal_users.unblock, (user_id, ADMIN)),
        (portal_users.revoke, (user_id, ADMIN, [APPROVED[0]], "Договор расторгнут")),
        (portal_users.grant, (user_id, ADMIN, SPARE, "Письмо организации")),
    ):
        message = refused(
            registry, user_id, ConflictError, "STALE", action, *args, expected_version=read
        )
        if by_another:
            assert "изменено другим сотрудником (admin2, " in message
        assert "«Пользователь заблокирован»" in message and "заново" in message
    message = refused(
        registry,
        user_id,
        ConflictError,
        "STALE",
        portal_users.unblock,
        user_id,
        "admin2",
        expected_version=read,
    )
    assert "уже изменено (вами в другом окне, " in message


def test_an_approval_makes_an_open_card_stale(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry, (APPROVED[0],))
    read = version(registry, user_id)
    second, _same_user = submitted(registry, contract_numbers=[APPROVED[1]])
    with registry.begin() as session:  # the same user asks for one more contract
        session.execute(
            update(RegistrationRequest)
            .where(RegistrationRequest.id == second)
            .values(portal_user_id=user_id)
        )
    approve(registry, second)
    message = refused(
        registry,
        user_id,
        ConflictError,
        "STALE",
        portal_users.block,
        user_id,
        ADMIN,
        "Причина",
        expected_version=read,
    )
    assert "«Заявка одобрена»" in message


# Revoke ----------------------------------------------------------------------------


def test_revoke_a_contract_typed_loosely(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    revoked = act(
        registry,
        portal_users.revoke,
        user_id,
        ADMIN,
        ["  эс – 0012/21 "],
        "Договор переоформлен на другую организацию.",
    )

    assert (revoked.action, revoked.status, revoked.contract_numbers) == (
        "revoke_access",
        "active",
        ("ЭС-0012/21",),
    )
    assert revoked.live_contracts == 1
    [gone] = [row for row in access(registry, user_id) if row.revoked_at is not None]
    assert gone.number == "ЭС-0012/21"
    assert gone.revoke_reason == "Договор переоформлен на другую организацию."
    assert gone.revoked_by  # the actor (on PostgreSQL the database's session user)
    assert live_numbers(registry, user_id) == ["77090001234567"]
    mail = letter(registry, revoked.mail_outbox_id)
    assert (mail.template, mail.to_address) == (
        "portal_access_revoked",
        email_of(registry, user_id),
    )
    assert mail.subject.startswith("Закрыт доступ к договору ")
    assert "договор № ЭС-0012/21" in mail.body_text
    assert "Причина: Договор переоформлен на другую организацию." in mail.body_text
    assert "Доступ к остальным договорам сохранён." in mail.body_text
    audit = event(registry, revoked.audit_event_id)
    assert audit.action == "revoke_access"
    assert audit.details["contract_numbers"] == ["ЭС-0012/21"]
    assert audit.details["reason"] == "Договор переоформлен на другую организацию."
    assert audit.details["mail_outbox_id"] == revoked.mail_outbox_id


def test_revoking_every_contract_is_one_letter_and_does_not_block(
    registry: sessionmaker[Session],
) -> None:
    user_id = approved_user(registry)
    revoked = act(
        registry,
        portal_users.revoke,
        user_id,
        ADMIN,
        ["77090001234567", "ЭС-0012/21", "эс-0012/21"],
        "Договоры расторгнуты",
    )
    assert revoked.contract_numbers == ("77090001234567", "ЭС-0012/21")
    assert (revoked.status, revoked.live_contracts) == ("active", 0)
    assert live_numbers(registry, user_id) == []
    assert len(access(registry, user_id)) == 2  # rows are never deleted
    mail = letter(registry, revoked.mail_outbox_id)
    assert mail.subject.startswith("Закрыт доступ к договорам ")
    assert "№ 77090001234567" in mail.body_text and "№ ЭС-0012/21" in mail.body_text
    assert "ни по одному договору" in mail.body_text
    assert [action for _actor, action in user_events(registry, user_id)] == ["revoke_access"]
    with registry() as session:
        assert session.scalar(select(func.count()).where(MailOutbox.entity == "portal_user")) == 1


@pytest.mark.parametrize("number", ["ЭС-9999/99", VASILEK, SPARE, ""])
def test_revoke_refuses_a_contract_without_live_access(
    registry: sessionmaker[Session], number: str
) -> None:
    user_id = approved_user(registry)
    if number == "":
        refused(
            registry,
            user_id,
            DomainError,
            "NOTHING_CHOSEN",
            portal_users.revoke,
            user_id,
            ADMIN,
            ["  "],
            "Причина",
        )
        return
    message = refused(
        registry,
        user_id,
        DomainError,
        "CONTRACT_NOT_GRANTED",
        portal_users.revoke,
        user_id,
        ADMIN,
        [APPROVED[0], number],  # the good one is not revoked either
        "Причина",
    )
    assert f"«{number}»" in message and "№ 77090001234567, № ЭС-0012/21" in message


def test_a_revoked_contract_cannot_be_revoked_again_but_can_be_granted_anew(
    registry: sessionmaker[Session],
) -> None:
    user_id = approved_user(registry)
    act(registry, portal_users.revoke, user_id, ADMIN, [APPROVED[0]], "Договор переоформлен")
    refused(
        registry,
        user_id,
        DomainError,
        "CONTRACT_NOT_GRANTED",
        portal_users.revoke,
        user_id,
        ADMIN,
        [APPROVED[0]],
        "Ещё раз",
    )
    granted = act(registry, portal_users.grant, user_id, ADMIN, APPROVED[0], "Вернули договор")
    assert not granted.already
    rows = [row for row in access(registry, user_id) if row.number == APPROVED[0]]
    assert [row.revoked_at is None for row in rows] == [False, True]


# Grant -----------------------------------------------------------------------------


def test_grant_a_contract_of_the_users_organisation(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    granted = act(
        registry,
        portal_users.grant,
        user_id,
        ADMIN,
        " эс 0020/23 ",
        "Письмо организации № 45 от 01.12.2026",
        portal_url="https://lkk.example.ru",
    )

    assert (granted.action, granted.status, granted.contract_numbers) == (
        "grant_access",
        "active",
        (SPARE,),
    )
    assert (granted.already, granted.live_contracts) == (False, 3)
    [row] = [row for row in access(registry, user_id) if row.number == SPARE]
    assert row.registration_request_id is None and row.revoked_at is None
    assert row.grant_reason == "Письмо организации № 45 от 01.12.2026"
    mail = letter(registry, granted.mail_outbox_id)
    assert (mail.template, mail.to_address) == (
        "portal_access_granted",
        email_of(registry, user_id),
    )
    assert mail.subject.startswith(f"Предоставлен доступ к договору № {SPARE}")
    assert "Основание: Письмо организации № 45 от 01.12.2026" in mail.body_text
    assert "Для входа откройте https://lkk.example.ru" in mail.body_text
    audit = event(registry, granted.audit_event_id)
    assert audit.action == "grant_access"
    assert audit.details["contract_number"] == SPARE
    assert audit.details["reason"] == "Письмо организации № 45 от 01.12.2026"
    assert audit.details["mail_outbox_id"] == granted.mail_outbox_id


def test_a_blocked_user_may_be_granted_and_is_told_it_opens_after_the_unblock(
    registry: sessionmaker[Session],
) -> None:
    user_id = approved_user(registry)
    act(registry, portal_users.block, user_id, ADMIN, "Обращение организации")
    granted = act(registry, portal_users.grant, user_id, ADMIN, SPARE, "Новый договор")
    assert granted.status == "blocked"
    mail = letter(registry, granted.mail_outbox_id)
    assert "сейчас заблокирована" in mail.body_text and "Для входа" not in mail.body_text


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("ЭС-9999/99", "CONTRACT_NOT_FOUND"),
        (VASILEK, "CONTRACT_OTHER_COUNTERPARTY"),
        (TERMINATED, "CONTRACT_TERMINATED"),
    ],
)
def test_grant_refuses_with_the_checks_own_message(
    registry: sessionmaker[Session], number: str, code: str
) -> None:
    user_id = approved_user(registry)
    message = refused(
        registry, user_id, DomainError, code, portal_users.grant, user_id, ADMIN, number, "Письмо"
    )
    # What the queue's checks tell a verifier about the same number typed in a request.
    request_id, _other_user = submitted(registry, contract_numbers=[number])
    with registry() as session:
        [finding] = [f for f in run_checks(session, request_id) if f.code == code]
    assert message == finding.message


def test_a_user_approved_for_two_organisations_may_be_granted_either_ones_contract(
    registry: sessionmaker[Session],
) -> None:
    user_id = approved_user(registry)
    with registry.begin() as session:
        vasilek = session.scalars(
            select(Counterparty).where(Counterparty.inn == f.VASILEK_INN)
        ).one()
        f.contract(session, vasilek, "ЭС-0100/22")
    second, _other_user = submitted(
        registry,
        inn=f.VASILEK_INN,
        kpp="773601001",
        org_name="ООО «Василёк»",
        contract_numbers=[VASILEK],
    )
    with registry.begin() as session:  # the same person represents a second company
        session.execute(
            update(RegistrationRequest)
            .where(RegistrationRequest.id == second)
            .values(portal_user_id=user_id)
        )
    approve(registry, second)
    for number in ("ЭС-0100/22", SPARE):
        assert act(registry, portal_users.grant, user_id, ADMIN, number, "Письмо").live_contracts


def test_grant_needs_an_organisation_the_user_was_approved_for(
    registry: sessionmaker[Session],
) -> None:
    _request_id, user_id = submitted(registry)
    message = refused(
        registry,
        user_id,
        DomainError,
        "NO_ORGANISATION",
        portal_users.grant,
        user_id,
        ADMIN,
        SPARE,
        "Письмо",
    )
    assert "не одобрен ни для одной организации" in message
    refused(
        registry,
        user_id,
        DomainError,
        "CONTRACT_REQUIRED",
        portal_users.grant,
        user_id,
        ADMIN,
        "  ",
        "Письмо",
    )


def test_a_live_grant_is_never_duplicated(registry: sessionmaker[Session]) -> None:
    user_id = approved_user(registry)
    before = snapshot(registry, user_id)
    already = act(registry, portal_users.grant, user_id, ADMIN, "эс-0012/21", "Письмо")
    assert already.already and already.contract_numbers == (APPROVED[0],)
    assert (already.mail_outbox_id, already.audit_event_id) == (None, None)
    assert already.version == version(registry, user_id)
    assert snapshot(registry, user_id) == before

    act(registry, portal_users.grant, user_id, ADMIN, SPARE, "Письмо")
    again = act(registry, portal_users.grant, user_id, ADMIN, SPARE, "Письмо ещё раз")
    assert again.already
    assert live_numbers(registry, user_id) == sorted((*APPROVED, SPARE))


# Two administrators at once (PostgreSQL: row locks, each as their own role) ---------


def _wait_until_someone_waits_for_a_lock(watcher: Engine) -> None:
    """Until another connection to the test's database waits for a lock (``watcher``: the
    tables' owner, who may see every session's wait)."""
    deadline = time.monotonic() + 30
    with watcher.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            if waiting:
                return
            time.sleep(0.01)
    raise AssertionError("the second act never waited for the first one's lock")


@dataclass(frozen=True)
class Desk:
    """An administrator at their desk: their own database role."""

    factory: sessionmaker[Session]
    login: str


@pytest.fixture
def two_admins(as_staff: Callable[[str], Engine]) -> tuple[Desk, Desk]:
    desks = []
    for _ in range(2):
        engine = as_staff("admin")
        with engine.connect() as connection:
            login = str(connection.execute(text("SELECT session_user")).scalar_one())
        desks.append(Desk(sessionmaker(engine, expire_on_commit=False), login))
    return desks[0], desks[1]


def _at_once(
    watcher: Engine,
    first: tuple[Desk, Callable[[Session, str], UserAct]],
    second: tuple[Desk, Callable[[Session, str], UserAct]],
) -> tuple[UserAct, UserAct | DomainError]:
    """The first desk acts and holds its transaction open until the second desk's act
    waits for its lock; then it commits and the second goes on."""
    first_locked = threading.Event()
    results: dict[str, Any] = {}

    def run_first() -> None:
        desk, action = first
        with desk.factory.begin() as session:
            results["first"] = action(session, desk.login)
            first_locked.set()
            _wait_until_someone_waits_for_a_lock(watcher)

    def run_second() -> None:
        desk, action = second
        assert first_locked.wait(30)
        try:
            with desk.factory.begin() as session:
                results["second"] = action(session, desk.login)
        except DomainError as error:
            results["second"] = error

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results["first"], results["second"]


def _with_registry(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        for number in (*APPROVED, SPARE):
            f.contract(session, romashka, number)
    return factory


@pytest.mark.postgres_only
def test_two_administrators_at_once_the_second_is_refused_as_stale(
    pg_engine: Engine, pg_factory: sessionmaker[Session], two_admins: tuple[Desk, Desk]
) -> None:
    user_id = approved_user(_with_registry(pg_factory))
    read = version(pg_factory, user_id)
    first, second = two_admins
    blocked, refusal = _at_once(
        pg_engine,
        (first, lambda s, me: portal_users.block(s, user_id, me, "Взлом", expected_version=read)),
        (
            second,
            lambda s, me: portal_users.revoke(
                s, user_id, me, [APPROVED[0]], "Расторгнут", expected_version=read
            ),
        ),
    )
    assert blocked.status == "blocked"
    assert isinstance(refusal, ConflictError) and refusal.code == "STALE"
    assert f"изменено другим сотрудником ({first.login}" in refusal.message
    assert live_numbers(pg_factory, user_id) == sorted(APPROVED)
    assert user_events(pg_factory, user_id) == [(first.login, "block_user")]

    # Re-read, the second administrator tries again and succeeds.
    revoked = act(
        two_admins[1].factory,
        portal_users.revoke,
        user_id,
        second.login,
        [APPROVED[0]],
        "Расторгнут",
        expected_version=blocked.version,
    )
    assert revoked.version == blocked.version + 1


@pytest.mark.postgres_only
def test_two_administrators_at_once_without_versions_the_second_sees_the_first(
    pg_engine: Engine, pg_factory: sessionmaker[Session], two_admins: tuple[Desk, Desk]
) -> None:
    user_id = approved_user(_with_registry(pg_factory))
    first, second = two_admins
    blocked, refusal = _at_once(
        pg_engine,
        (first, lambda s, me: portal_users.block(s, user_id, me, "Взлом")),
        (second, lambda s, me: portal_users.block(s, user_id, me, "Передача пароля")),
    )
    assert blocked.status == "blocked"
    assert isinstance(refusal, ConflictError) and refusal.code == "ALREADY_BLOCKED"
    with pg_factory() as session:
        assert session.get_one(PortalUser, user_id).block_reason == "Взлом"

    granted, again = _at_once(
        pg_engine,
        (first, lambda s, me: portal_users.grant(s, user_id, me, SPARE, "Письмо")),
        (second, lambda s, me: portal_users.grant(s, user_id, me, "эс-0020/23", "Письмо")),
    )
    assert not granted.already
    assert isinstance(again, UserAct) and again.already and again.mail_outbox_id is None
    assert live_numbers(pg_factory, user_id) == sorted((*APPROVED, SPARE))
    assert user_events(pg_factory, user_id) == [
        (first.login, "block_user"),
        (first.login, "grant_access"),
    ]
    with pg_factory() as session:
        letters = session.scalar(
            select(func.count()).select_from(MailOutbox).where(MailOutbox.entity == "portal_user")
        )
        assert letters == 2  # the block's and the one grant's


def test_contract_access_rows_count_once_per_user_and_contract(
    registry: sessionmaker[Session],
) -> None:
    """The live grants the acts leave are unique per user and contract (the index agrees)."""
    user_id = approved_user(registry)
    act(registry, portal_users.grant, user_id, ADMIN, SPARE, "Письмо")
    act(registry, portal_users.revoke, user_id, ADMIN, [SPARE], "Ошибка")
    act(registry, portal_users.grant, user_id, ADMIN, SPARE, "Письмо снова")
    with registry() as session:
        live = session.execute(
            select(ContractAccess.contract_id, func.count())
            .where(ContractAccess.portal_user_id == user_id, ContractAccess.revoked_at.is_(None))
            .group_by(ContractAccess.contract_id)
        ).all()
    assert {count for _contract, count in live} == {1} and len(live) == 3
