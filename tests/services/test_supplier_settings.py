"""The supplier's requisites on every report: one set for the organisation, in the
database, checked before saving, changed by administrators, every change audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import AuditEvent, OrganisationSetting
from lkk_admin.services.errors import ConflictError, DomainError
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import (
    load_supplier,
    read_supplier_setting,
    save_supplier,
    supplier_problems,
)

CONFIGURED = Supplier(
    name="АО «Энергосбыт Плюс»",
    inn="7707083893",
    kpp="773601001",
    address="117997, г. Москва, ул. Вавилова, д. 19",
    phone="+7 495 500-55-50",
)


def test_the_placeholders_are_printable() -> None:
    assert supplier_problems(Supplier()) == []


def test_until_saved_the_placeholders_are_printed(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        setting = read_supplier_setting(session)
    assert setting.value == Supplier() and setting.version is None


def test_saved_requisites_are_read_back_and_audited(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        first = save_supplier(session, CONFIGURED, "ivanova", expected_version=None)
    moved = replace(CONFIGURED, address="117997, г. Москва, ул. Вавилова, д. 21")
    with factory.begin() as session:
        second = save_supplier(session, moved, "petrov", expected_version=first.version)

    with factory() as session:
        assert load_supplier(session) == moved
        setting = read_supplier_setting(session)
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "organisation_setting_changed")
        ).all()
    assert (setting.version, setting.updated_by) == (second.version, "petrov")
    assert second.version != first.version
    assert [event.details["key"] for event in audit] == ["supplier_requisites"] * 2
    assert [event.details["before"] for event in audit] == [None, asdict(CONFIGURED)]
    assert audit[-1].details["after"]["address"].endswith("д. 21")


def test_wrong_requisites_are_refused_and_nothing_is_written(
    factory: sessionmaker[Session],
) -> None:
    wrong = replace(CONFIGURED, inn="7707083894", kpp="7736", name=" ")
    with pytest.raises(DomainError) as refused, factory.begin() as session:
        save_supplier(session, wrong, "ivanova", expected_version=None)
    message = str(refused.value)
    assert "ИНН поставщика «7707083894» неверен" in message
    assert "КПП поставщика «7736» неверен" in message
    assert "Не указано наименование поставщика" in message
    with factory() as session:
        assert session.scalars(select(OrganisationSetting)).all() == []
        assert session.scalars(select(AuditEvent)).all() == []


def test_a_save_from_an_older_read_is_refused(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        read_by_both = read_supplier_setting(session).version
    with factory.begin() as session:
        save_supplier(session, CONFIGURED, "ivanova", expected_version=read_by_both)

    later = replace(CONFIGURED, phone="8 800 000-00-00")
    with pytest.raises(ConflictError) as refused, factory.begin() as session:
        save_supplier(session, later, "petrov", expected_version=read_by_both)

    assert refused.value.code == "STALE" and "(ivanova)" in str(refused.value)
    with factory() as session:
        assert load_supplier(session) == CONFIGURED


def test_verifiers_read_them_and_only_administrators_change_them(
    as_staff: Callable[[str], Engine],
) -> None:
    admin = db.session_factory(as_staff("admin"))
    with admin.begin() as session:
        save_supplier(session, CONFIGURED, "admin", expected_version=None)
    verifier = db.session_factory(as_staff("verifier"))
    with verifier() as session:
        setting = read_supplier_setting(session)
    assert setting.value == CONFIGURED

    with pytest.raises(ProgrammingError) as refused, verifier.begin() as session:
        save_supplier(session, Supplier(), "verifier", expected_version=setting.version)
    assert getattr(refused.value.orig, "sqlstate", None) == "42501"  # the server's GRANTs
