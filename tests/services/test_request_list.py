"""The queue list: tabs and counts, search by every field a clerk types, paging, summaries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import queue
from lkk_admin.services.errors import DomainError
from lkk_admin.services.request_list import (
    is_overdue,
    list_requests,
    refresh_check_summaries,
    tab_counts,
    unchecked_ids,
)
from lkk_admin.services.working_days import working_days_between
from tests import factories as f


@pytest.fixture
def requests(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        f.contract(session, romashka, "77090001234567")
        ids = {
            "oldest": f.registration(session, age=timedelta(days=5), login="oldest"),
            "middle": f.registration(
                session, age=timedelta(days=3), org_name="ООО «Лютик»",
                contract_numbers=["77090001234567"], email="buh@lyutik.ru",
            ),
            "newest": f.registration(
                session, age=timedelta(hours=1), inn="7736050003", kpp="773601001",
                org_name="ПАО «Газ»", contract_numbers=["ГЗ-1"],
            ),
            "unconfirmed": f.registration(session, confirmed=False),
        }  # fmt: skip
        queue.claim(session, ids["middle"], "verifier1")
    return ids


def test_tabs_hold_their_statuses_with_counts(
    factory: sessionmaker[Session], requests: dict[str, int]
) -> None:
    with factory() as session:
        counts = tab_counts(session)
        pending = list_requests(session, tab="pending")
        in_review = list_requests(session, tab="in_review")
    assert counts["pending"] == 2 and counts["in_review"] == 1
    assert counts["email_unconfirmed"] == 1 and counts["all"] == 4
    assert [row.id for row in pending.rows] == [requests["oldest"], requests["newest"]]
    assert pending.total == 2
    assert in_review.rows[0].claimed_by == "verifier1"


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("7736050003", ["newest"]),
        ("773605", ["newest"]),  # ИНН prefix
        ("773601001", ["newest"]),  # КПП
        ("лютик", ["middle"]),  # name, any case
        ("buh@lyutik", ["middle"]),  # e-mail
        ("oldest", ["oldest"]),  # login
        ("эс 0012/21", ["oldest", "unconfirmed"]),  # a contract number, typed loosely
        ("7709 0001", ["middle"]),
        ("нет такого", []),
    ],
)
def test_search_by_every_field(
    factory: sessionmaker[Session], requests: dict[str, int], search: str, expected: list[str]
) -> None:
    with factory() as session:
        page = list_requests(session, tab="all", search=search)
    assert [row.id for row in page.rows] == [requests[name] for name in expected]


def test_paging_and_sorting(factory: sessionmaker[Session], requests: dict[str, int]) -> None:
    with factory() as session:
        first = list_requests(session, tab="all", limit=2)
        second = list_requests(session, tab="all", limit=2, offset=2)
        by_name = list_requests(session, tab="all", sort="org_name", descending=True)
    assert first.total == second.total == 4
    assert len({row.id for row in first.rows + second.rows}) == 4
    assert by_name.rows[0].org_name == "ПАО «Газ»"


def test_rows_mask_the_email_and_list_contracts(
    factory: sessionmaker[Session], requests: dict[str, int]
) -> None:
    with factory() as session:
        row = list_requests(session, tab="in_review").rows[0]
    assert row.email_masked == "b**@lyutik.ru" or row.email_masked.startswith("b***")
    assert "buh@" not in row.email_masked
    assert row.contract_numbers == ("77090001234567",)


def test_check_summaries_are_stored_without_making_the_request_stale(
    factory: sessionmaker[Session], requests: dict[str, int]
) -> None:
    with factory() as session:
        rows = list_requests(session, tab="all").rows
        assert all(row.errors is None for row in rows)
        ids = unchecked_ids(session, [row.id for row in rows])
    assert len(ids) == 4
    with factory.begin() as session:
        summaries = refresh_check_summaries(session, ids)
    assert summaries[requests["unconfirmed"]]["error"] == 1
    assert summaries[requests["middle"]] == {"error": 0, "warning": 1, "info": 0}
    with factory() as session:
        by_id = {row.id: row for row in list_requests(session, tab="all").rows}
        assert unchecked_ids(session, list(by_id)) == []
    assert by_id[requests["middle"]].warnings == 1
    assert by_id[requests["middle"]].version == next(
        row.version for row in rows if row.id == requests["middle"]
    )


def test_overdue_counts_working_days_of_the_production_calendar() -> None:
    friday = date(2026, 11, 27)
    assert working_days_between(friday, friday + timedelta(days=3)) == 1  # Sat, Sun, Mon
    assert working_days_between(friday, friday + timedelta(days=7)) == 5
    submitted = datetime(2026, 11, 27, 10, tzinfo=UTC)
    assert not is_overdue(submitted, now=submitted + timedelta(days=4))  # Mon, Tue
    assert is_overdue(submitted, now=submitted + timedelta(days=5))  # Wed: 3 working days
    # Over the New Year holidays nothing becomes overdue.
    december = datetime(2025, 12, 30, 10, tzinfo=UTC)
    assert not is_overdue(december, now=datetime(2026, 1, 12, 10, tzinfo=UTC))


@pytest.fixture
def wildcard_names(factory: sessionmaker[Session]) -> dict[str, int]:
    """Requests whose names and logins hold LIKE's own characters."""
    with factory.begin() as session:
        return {
            "percent": f.registration(session, org_name="ООО «100% Свет»", login="svet"),
            "underscore": f.registration(session, org_name="ООО «Ток»", login="tok_plus"),
            "backslash": f.registration(session, org_name="ООО «Север\\Юг»", login="sever"),
            "plain": f.registration(session, org_name="ООО «Лютик»", login="lyutik"),
        }


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("%", ["percent"]),
        ("100%", ["percent"]),
        ("0% с", ["percent"]),
        ("_", ["underscore"]),  # not "any one character"
        ("k_p", ["underscore"]),
        ("\\", ["backslash"]),
        ("север\\юг", ["backslash"]),
        ("%%", []),
        ("л_тик", []),
        ("\\%", []),
    ],
)
def test_search_takes_like_characters_literally(
    factory: sessionmaker[Session], wildcard_names: dict[str, int], search: str, expected: list[str]
) -> None:
    with factory() as session:
        page = list_requests(session, tab="all", search=search)
    assert sorted(row.id for row in page.rows) == sorted(wildcard_names[n] for n in expected)


def test_search_refuses_a_nul_character(
    factory: sessionmaker[Session], wildcard_names: dict[str, int]
) -> None:
    with factory() as session, pytest.raises(DomainError) as refused:
        list_requests(session, tab="all", search="Лю\x00тик")
    assert "«Поиск»" in refused.value.message and "NUL" in refused.value.message
