"""Finding a report's contract by ИНН, name or number, and the months it has data for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import Charge
from lkk_admin.services.report_contracts import DataSpan, Months, data_span, find_contracts
from lkk_admin.services.reports.catalog import render_report
from lkk_admin.services.reports.contracts import add_months
from tests import factories


def craft(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        romashka = factories.counterparty(session, short_name="ООО «Ромашка»")
        factories.contract(session, romashka, "ЭС-0012/21")
        factories.contract(session, romashka, "ЭС-0013/21", status="terminated")
        other = factories.counterparty(
            session, inn="7707083893", kpp="773601001", short_name="ПАО «Сбербанк»"
        )
        billed = factories.contract(session, other, "77090001234567")
        for index in range(15):
            session.add(
                Charge(
                    contract_id=billed.id,
                    period=add_months(date(2025, 1, 1), index),
                    description="Электроэнергия",
                    volume_kwh=Decimal(100),
                    price=Decimal("9.5"),
                    amount=Decimal(950),
                    vat_rate=Decimal(20),
                    vat_amount=Decimal(190),
                    total=Decimal(1140),
                )
            )
        session.commit()


def numbers(factory: sessionmaker[Session], text: str) -> list[str]:
    with factory() as session:
        return [choice.number for choice in find_contracts(session, text).choices]


def test_found_by_inn_name_or_loosely_typed_number(factory: sessionmaker[Session]) -> None:
    craft(factory)
    assert numbers(factory, "77070") == ["77090001234567"]  # ИНН prefix
    assert numbers(factory, "7709") == ["77090001234567"]  # contract number prefix
    # Any case, active contracts first.
    assert numbers(factory, "ромаш") == ["ЭС-0012/21", "ЭС-0013/21"]
    assert numbers(factory, "эс 0013/21") == ["ЭС-0013/21"]  # Cyrillic, space for dash
    assert numbers(factory, "Эc-0012") == ["ЭС-0012/21"]  # a Latin «c» typed for «с»
    assert numbers(factory, "я") == []  # one letter matches everything: ask for more


def test_a_long_list_says_there_is_more(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        found = find_contracts(session, "ромашка", limit=1)
    assert [choice.number for choice in found.choices] == ["ЭС-0012/21"] and found.more
    assert found.choices[0].counterparty == "ООО «Ромашка»"


def test_data_span_and_the_default_period(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        span = data_span(session, "77090001234567")
        nothing = data_span(session, "ЭС-0012/21")
    assert span == DataSpan(Months(date(2025, 1, 1), date(2026, 3, 1)), metered=None)
    assert span.for_report("statement") == span.for_report("tariff") == span.billed
    assert span.for_report("consumption") is None  # no readings: nothing to propose
    assert nothing == DataSpan(None, None) and nothing.for_report("tariff") is None
    assert Months(date(2025, 1, 1), date(2026, 3, 1)).latest() == (
        date(2025, 4, 1),
        date(2026, 3, 1),
    )
    assert Months(date(2026, 1, 1), date(2026, 3, 1)).latest() == (
        date(2026, 1, 1),
        date(2026, 3, 1),
    )


def test_layout_progress_runs_to_the_end(factory: sessionmaker[Session]) -> None:
    craft(factory)
    seen: list[tuple[int, int]] = []
    with factory() as session:
        render_report(
            session,
            "statement",
            "77090001234567",
            date(2025, 1, 1),
            date(2026, 3, 1),
            progress=lambda done, total: seen.append((done, total)),
        )
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
    assert all(done <= total for done, total in seen)


@pytest.mark.postgres_only
def test_a_verifier_builds_reports_and_an_editor_is_refused(
    pg_factory: sessionmaker[Session], as_staff: Callable[[str], Engine]
) -> None:
    """The GRANTs, not the screen, decide: billing is readable by verifiers only."""
    craft(pg_factory)
    verifier = db.read_session_factory(as_staff("verifier"))
    with verifier() as session:
        assert find_contracts(session, "7709").choices
        rendered = render_report(
            session, "statement", "77090001234567", date(2025, 1, 1), date(2025, 3, 1)
        )
    assert rendered.pages == 1
    editor = db.read_session_factory(as_staff("editor"))
    with editor() as session, pytest.raises(ProgrammingError, match="permission denied"):
        render_report(session, "statement", "77090001234567", date(2025, 1, 1), date(2025, 3, 1))
