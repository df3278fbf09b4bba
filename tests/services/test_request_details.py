"""The request screen's data: three steps, findings, registry side by side, contracts."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent, RegistrationRequest
from lkk_admin.services import request_details
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
