"""The request screen's data: three steps, findings, registry side by side, contracts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent, RegistrationRequest
from lkk_admin.models.base import utcnow
from lkk_admin.services import checks, queue, request_details
from tests import factories as f


@pytest.fixture
def request_id(factory: sessionmaker[Session]) -> int:
    with factory.begin() as session:
        romashka = f.counterparty(
            session, full_name="Общество с ограниченной ответственностью «Ромашка»"
        )
        f.contract(session, romashka, "ЭС-0012/21")
        f.contract(session, romashka, "12345/Э", status="terminated")
        return f.registration(
            session,
            org_name="ООО «Лютик»",
            email="i.ivanov@romashka.ru",
            contract_numbers=["эс 0012/21", "12345/Э", "НЕТ-1"],
        )


def test_details_show_steps_findings_comparison_and_contracts(
    factory: sessionmaker[Session], request_id: int
) -> None:
    with factory.begin() as session:
        details = request_details.load(session, request_id)
    assert (details.login, details.last_name, details.first_name) == (
        details.login,
        "Иванов",
        "Иван",
    )
    assert details.email_masked == "i*******@romashka.ru"
    assert details.phone_masked == "+7 (***) ***-**-44"
    severities = [finding.severity for finding in details.findings]
    assert severities[0] == "error"
    name_row = next(row for row in details.comparison if row.label == "Наименование")
    assert (name_row.entered, name_row.registry, name_row.differs) == (
        "ООО «Лютик»",
        "ООО «Ромашка»",
        True,
    )
    inn_row = next(row for row in details.comparison if row.label == "ИНН")
    assert not inn_row.differs
    lines = {line.number_as_typed: line for line in details.contracts}
    assert lines["эс 0012/21"].matched_number == "ЭС-0012/21" and lines["эс 0012/21"].grantable
    assert lines["12345/Э"].status == "terminated" and not lines["12345/Э"].grantable
    assert lines["НЕТ-1"].matched_number is None
    assert details.can_approve
    with factory() as session:
        stored = session.get_one(RegistrationRequest, request_id)
        assert stored.check_errors == 2 and stored.checked_at is not None


def test_revealing_a_contact_is_audited(factory: sessionmaker[Session], request_id: int) -> None:
    with factory.begin() as session:
        phone = request_details.reveal_contact(session, request_id, "verifier1", "phone")
        email = request_details.reveal_contact(session, request_id, "verifier1", "email")
    assert (phone, email) == ("+7 (916) 123-45-44", "i.ivanov@romashka.ru")
    with factory() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "reveal_personal_data")
        ).all()
    assert [event.details["field"] for event in events] == ["phone", "email"]
    assert all(event.entity_id == request_id for event in events)
    assert all("romashka" not in str(event.details) for event in events)


@pytest.fixture
def branches(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """ООО «Ромашка» (two КПП), ООО «Василёк», their contracts."""
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.counterparty(session, kpp="771401001", short_name="ООО «Ромашка» (филиал)")
        vasilek = f.counterparty(
            session, inn=f.VASILEK_INN, kpp="773601001", short_name="ООО «Василёк»"
        )
        f.contract(session, romashka, "ЭС-0012/21")
        f.contract(session, romashka, "77090001234567")
        f.contract(session, vasilek, "ЭС-0099/22")
    return factory


def load(factory: sessionmaker[Session], request_id: int) -> request_details.RequestDetails:
    with factory.begin() as session:
        return request_details.load(session, request_id)


def row(details: request_details.RequestDetails, label: str) -> request_details.ComparedField:
    return next(field for field in details.comparison if field.label == label)


def test_kpp_mismatch_compares_with_the_counterparty_found_by_the_inn(
    branches: sessionmaker[Session],
) -> None:
    with branches.begin() as session:
        request_id = f.registration(session, kpp="770699001")
    details = load(branches, request_id)
    assert "KPP_MISMATCH" in [finding.code for finding in details.findings]
    assert details.registry is not None and not details.registry_exact
    assert (details.registry.kpp, details.registry.short_name) == ("770601001", "ООО «Ромашка»")
    kpp = row(details, "КПП")
    assert (kpp.entered, kpp.registry, kpp.differs) == ("770699001", "770601001", True)
    assert (kpp.entered_marks, kpp.registry_marks) == ((4, 5), (4, 5))
    assert not row(details, "ИНН").differs and not row(details, "Наименование").differs
    status = row(details, "Действующий контрагент")
    assert (status.entered, status.registry, status.differs) == ("да", "да, действует", False)
    assert details.advice is not None and details.advice.action == "return"
    assert details.advice.basis == "KPP_MISMATCH"


def test_nothing_with_the_inn_is_not_in_the_registry(branches: sessionmaker[Session]) -> None:
    with branches.begin() as session:
        request_id = f.registration(session, inn=f.UNKNOWN_VALID_INN, contract_numbers=["X-1"])
    details = load(branches, request_id)
    assert details.registry is None
    assert row(details, "ИНН").registry == "—" and row(details, "ИНН").differs
    assert row(details, "Действующий контрагент").differs  # ticked, yet not in the registry
    assert details.advice is not None
    assert (details.advice.action, details.advice.reason_code) == ("reject", "INN_NOT_FOUND")


def test_the_owner_of_someone_elses_contract_is_shown_beside_what_was_typed(
    branches: sessionmaker[Session],
) -> None:
    typo = "7706107580"  # ООО «Ромашка»'s ИНН with one digit wrong, still valid
    with branches.begin() as session:
        near = f.registration(session, inn=typo, contract_numbers=["ЭС-0012/21"])
        stranger = f.registration(session, contract_numbers=["ЭС-0099/22"])
    details = load(branches, near)
    [line] = details.contracts
    assert line.owner_differs and line.near_miss == "inn"
    assert line.owner is not None and line.owner.inn == f.ROMASHKA_INN
    inn, kpp, name = line.owner_comparison
    assert (inn.entered, inn.registry, inn.differs) == (typo, f.ROMASHKA_INN, True)
    assert (inn.entered_marks, inn.registry_marks) == ((8,), (8,))
    assert not kpp.differs and not name.differs
    # The request is not in the registry, but the advice is to return it, not to refuse
    # it as «Организация с указанным ИНН не найдена».
    advice = details.advice
    assert advice is not None and advice.action == "return" and advice.near_miss == "inn"
    assert advice.registration_contract_id == line.registration_contract_id
    assert typo in advice.message and f.ROMASHKA_INN not in advice.message
    other = load(branches, stranger)
    [line] = other.contracts
    assert line.owner_differs and line.near_miss is None
    assert [field.differs for field in line.owner_comparison] == [True, True, True]
    assert other.advice is not None
    assert other.advice.reason_code == "CONTRACT_OTHER_ORGANISATION"


def test_a_decided_request_shows_the_checks_it_was_decided_on(
    branches: sessionmaker[Session],
) -> None:
    with branches.begin() as session:
        request_id = f.registration(session, contract_numbers=["ЭС-0012/21", "ЭС-0099/22"])
        queue.claim(session, request_id, "verifier1")
    before = load(branches, request_id)
    assert before.checks_source == "live"
    with branches.begin() as session:
        queue.approve(session, request_id, "verifier1", ["ЭС-0012/21"])
    with branches.begin() as session:  # the live checks would now find the access granted
        assert "ALREADY_HAS_ACCESS" not in [x.code for x in checks.run_checks(session, request_id)]
        f.counterparty(session, inn=f.ROMASHKA_INN, kpp="770201001", short_name="Новый")
    after = load(branches, request_id)
    assert after.checks_source == "decision" and after.checks_taken_at is not None
    assert after.findings == before.findings
    assert after.comparison == before.comparison
    granted, refused = after.contracts
    assert (granted.decision, granted.decision_note) == ("granted", None)
    assert refused.decision == "refused"
    assert refused.decision_note is not None and "Василёк" in refused.decision_note
    assert refused.owner is not None and refused.owner.inn == f.VASILEK_INN
    with branches() as session:
        event = session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "approve", AuditEvent.entity_id == request_id
            )
        ).one()
    assert event.details["findings"] == ["CONTRACT_OTHER_COUNTERPARTY"]
    assert event.details["checks"]["version"] == 1


def test_a_rejection_keeps_the_checks_too(branches: sessionmaker[Session]) -> None:
    with branches.begin() as session:
        request_id = f.registration(session, inn=f.UNKNOWN_VALID_INN, org_name="ООО «Новая»")
        queue.claim(session, request_id, "verifier1")
        queue.reject(session, request_id, "verifier1", "Не найдена", "INN_NOT_FOUND")
    with branches.begin() as session:  # registered afterwards: the decision did not see it
        f.counterparty(session, inn=f.UNKNOWN_VALID_INN, kpp="773601001", short_name="Новая")
    details = load(branches, request_id)
    assert details.checks_source == "decision"
    assert "COUNTERPARTY_NOT_FOUND" in [x.code for x in details.findings]
    assert details.registry is None
    assert [line.decision for line in details.contracts] == ["refused"]


def test_a_decision_without_a_snapshot_is_checked_now_without_its_own_grants(
    branches: sessionmaker[Session],
) -> None:
    """Decisions of older versions (and the demo's) kept no snapshot."""
    with branches.begin() as session:
        request_id = f.registration(session, contract_numbers=["ЭС-0012/21"])
        queue.claim(session, request_id, "verifier1")
        queue.approve(session, request_id, "verifier1")
    with branches.begin() as session:  # the audit is append-only: a later event, no snapshot
        session.add(
            AuditEvent(
                actor="verifier1",
                action="approve",
                entity="registration_request",
                entity_id=request_id,
                details={"granted": ["ЭС-0012/21"], "refused": []},
                occurred_at=utcnow() + timedelta(seconds=1),
            )
        )
    details = load(branches, request_id)
    assert details.checks_source == "now_after_decision"
    assert details.findings == []  # not «У пользователя уже есть доступ…»
    assert [line.decision for line in details.contracts] == ["granted"]
