"""The registration queue as lists: tabs with counts, search, sorting, server-side pages.

Everything here is read-only and returns plain data. A page is one indexed query for the
rows plus one for their contract numbers; the check summary comes from the counts stored
on each request (see ``refresh_check_summaries``), never from running checks per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, union, update
from sqlalchemy.orm import Session

from lkk_admin.models import PortalUser, RegistrationContract, RegistrationRequest
from lkk_admin.models.base import utcnow
from lkk_admin.services import checks
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.masking import mask_email

Tab = Literal["pending", "in_review", "needs_info", "email_unconfirmed", "decided", "all"]
TAB_STATUSES: dict[str, tuple[str, ...]] = {
    "pending": ("pending",),
    "in_review": ("in_review",),
    "needs_info": ("needs_info",),
    "email_unconfirmed": ("email_unconfirmed",),
    "decided": ("approved", "rejected", "expired"),
    "all": (),
}
SortKey = Literal["submitted_at", "org_name", "inn", "errors", "claimed_by", "status"]
DEFAULT_PAGE_SIZE = 100
DEFAULT_OVERDUE_WORKING_DAYS = 2


@dataclass(frozen=True)
class RequestRow:
    id: int
    version: int
    status: str
    submitted_at: datetime
    org_type: str
    org_name: str
    inn: str
    kpp: str | None
    login: str
    email_masked: str
    contract_numbers: tuple[str, ...]
    errors: int | None  # None: not checked yet
    warnings: int | None
    infos: int | None
    claimed_by: str | None
    claim_expires_at: datetime | None


@dataclass(frozen=True)
class Page:
    rows: list[RequestRow]
    total: int
    offset: int


def working_days_between(start: date, end: date) -> int:
    """Whole working days (Monday to Friday) after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, remainder = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, remainder + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def is_overdue(
    submitted_at: datetime,
    *,
    now: datetime | None = None,
    working_days: int = DEFAULT_OVERDUE_WORKING_DAYS,
) -> bool:
    now = now or utcnow()
    return working_days_between(submitted_at.date(), now.date()) > working_days


def tab_counts(session: Session) -> dict[str, int]:
    """How many requests each tab holds (one grouped query over the status index)."""
    by_status = dict(
        session.execute(
            select(RegistrationRequest.status, func.count()).group_by(RegistrationRequest.status)
        ).all()
    )
    counts = {
        tab: sum(by_status.get(status, 0) for status in statuses)
        for tab, statuses in TAB_STATUSES.items()
    }
    counts["all"] = sum(by_status.values())
    return counts


def _search_condition(text: str) -> ColumnElement[bool] | None:
    """What the clerk typed, matched against the fields it can be.

    Digits are an ИНН, a КПП or a contract number: a full ИНН or КПП is matched exactly
    (an index lookup); text is a name, e-mail, login or contract number.
    """
    term = text.strip()
    if not term:
        return None
    compact = term.replace(" ", "")
    # Each way of matching is its own indexed subquery of request ids: an OR across them
    # (or an EXISTS under an OR) makes PostgreSQL scan the whole queue instead.
    by_contract = select(RegistrationContract.registration_request_id).where(
        RegistrationContract.number_normalized.like(f"{normalize_contract_number(term)}%")
    )
    if compact.isdigit():
        if len(compact) in (10, 12):
            by_requisites = RegistrationRequest.inn == compact
        elif len(compact) == 9:
            by_requisites = or_(
                RegistrationRequest.kpp == compact, RegistrationRequest.inn.like(f"{compact}%")
            )
        else:
            by_requisites = or_(
                RegistrationRequest.inn.like(f"{compact}%"),
                RegistrationRequest.kpp.like(f"{compact}%"),
            )
        return RegistrationRequest.id.in_(
            union(select(RegistrationRequest.id).where(by_requisites), by_contract)
        )
    like = f"%{term.lower()}%"
    conditions: list[ColumnElement[bool]] = [
        func.lower(RegistrationRequest.org_name).like(like),
        func.lower(PortalUser.email).like(like),
        func.lower(PortalUser.login).like(like),
        RegistrationRequest.id.in_(by_contract),
    ]
    if len(compact) == 9 and compact[:4].isdigit() and compact[6:].isdigit():
        conditions.append(RegistrationRequest.kpp == compact.upper())  # КПП with letters
    return or_(*conditions)


def _filtered(tab: str, search: str) -> Select[int]:
    query = select(RegistrationRequest.id).join(
        PortalUser, PortalUser.id == RegistrationRequest.portal_user_id
    )
    statuses = TAB_STATUSES[tab]
    if statuses:
        query = query.where(RegistrationRequest.status.in_(statuses))
    condition = _search_condition(search)
    if condition is not None:
        query = query.where(condition)
    return query


_SORT_COLUMNS = {
    "submitted_at": RegistrationRequest.submitted_at,
    "org_name": func.lower(RegistrationRequest.org_name),
    "inn": RegistrationRequest.inn,
    "errors": func.coalesce(RegistrationRequest.check_errors, -1),
    "claimed_by": RegistrationRequest.claimed_by,
    "status": RegistrationRequest.status,
}


def list_requests(
    session: Session,
    *,
    tab: str = "pending",
    search: str = "",
    sort: str = "submitted_at",
    descending: bool = False,
    offset: int = 0,
    limit: int = DEFAULT_PAGE_SIZE,
) -> Page:
    """One page of a tab, oldest first by default (the order verifiers work in)."""
    if tab not in TAB_STATUSES:
        raise ValueError(f"unknown tab {tab!r}")
    filtered = _filtered(tab, search)
    order = _SORT_COLUMNS.get(sort, RegistrationRequest.submitted_at)
    ordering = [order.desc() if descending else order.asc()]
    ordering.append(RegistrationRequest.id.desc() if descending else RegistrationRequest.id.asc())
    query = (
        filtered.with_only_columns(
            RegistrationRequest.id,
            RegistrationRequest.version,
            RegistrationRequest.status,
            RegistrationRequest.submitted_at,
            RegistrationRequest.org_type,
            RegistrationRequest.org_name,
            RegistrationRequest.inn,
            RegistrationRequest.kpp,
            PortalUser.login,
            PortalUser.email,
            RegistrationRequest.check_errors,
            RegistrationRequest.check_warnings,
            RegistrationRequest.check_infos,
            RegistrationRequest.claimed_by,
            RegistrationRequest.claim_expires_at,
            # The tab's total in the same round trip as its page.
            func.count().over().label("total"),
        )
        .order_by(*ordering)
        .offset(offset)
        .limit(limit)
    )
    records = session.execute(query).all()
    if records:
        total = int(records[0].total)
    else:  # past the end (or an empty tab): count separately
        total = session.scalar(select(func.count()).select_from(filtered.subquery())) or 0
    numbers = _contract_numbers(session, [record.id for record in records])
    rows = [
        RequestRow(
            id=r.id,
            version=r.version,
            status=r.status,
            submitted_at=r.submitted_at,
            org_type=r.org_type,
            org_name=r.org_name,
            inn=r.inn,
            kpp=r.kpp,
            login=r.login,
            email_masked=mask_email(r.email),
            contract_numbers=tuple(numbers.get(r.id, ())),
            errors=r.check_errors,
            warnings=r.check_warnings,
            infos=r.check_infos,
            claimed_by=r.claimed_by,
            claim_expires_at=r.claim_expires_at,
        )
        for r in records
    ]
    return Page(rows, total, offset)


def _contract_numbers(session: Session, request_ids: Sequence[int]) -> dict[int, list[str]]:
    if not request_ids:
        return {}
    numbers: dict[int, list[str]] = {}
    for request_id, number in session.execute(
        select(RegistrationContract.registration_request_id, RegistrationContract.number_as_typed)
        .where(RegistrationContract.registration_request_id.in_(request_ids))
        .order_by(RegistrationContract.registration_request_id, RegistrationContract.position)
    ):
        numbers.setdefault(request_id, []).append(number.strip())
    return numbers


def unchecked_ids(session: Session, request_ids: Sequence[int]) -> list[int]:
    """Of these requests, the open ones whose check summary is missing."""
    if not request_ids:
        return []
    return list(
        session.scalars(
            select(RegistrationRequest.id).where(
                and_(
                    RegistrationRequest.id.in_(request_ids),
                    RegistrationRequest.checked_at.is_(None),
                )
            )
        )
    )


def refresh_check_summaries(
    session: Session, request_ids: Sequence[int], *, now: datetime | None = None
) -> dict[int, dict[str, int]]:
    """Run the checks for these requests and store their counts (no version bump)."""
    now = now or utcnow()
    summaries: dict[int, dict[str, int]] = {}
    for request_id in request_ids:
        counts = checks.summarize(checks.run_checks(session, request_id))
        summaries[request_id] = counts
        store_check_summary(session, request_id, counts, now=now)
    return summaries


def store_check_summary(
    session: Session, request_id: int, counts: dict[str, int], *, now: datetime | None = None
) -> None:
    """Keep the counts of a check run on the request, without a version bump."""
    session.execute(
        update(RegistrationRequest)
        .where(RegistrationRequest.id == request_id)
        .values(
            check_errors=counts["error"],
            check_warnings=counts["warning"],
            check_infos=counts["info"],
            checked_at=now or utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
