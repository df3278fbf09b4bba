"""The registration queue as lists: tabs with counts, search, sorting, server-side pages.

Everything here is read-only and returns plain data. A page is one indexed query (on
SQLite plus one for the contract numbers); the check summary comes from the counts stored
on each request (see ``refresh_check_summaries``), never from running checks per row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.models import PortalUser, RegistrationContract, RegistrationRequest
from lkk_admin.models.base import utcnow
from lkk_admin.services import checks
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.input_text import search_text
from lkk_admin.services.listing import like_literal
from lkk_admin.services.masking import mask_email
from lkk_admin.services.working_days import working_days_between

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
EXPORT_BATCH = 2000
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


# --- Search and the page query -----------------------------------------------------------
#
# What the clerk typed decides the *shape* of the search (which fields it can match); the
# values go in as bound parameters. So the statement for a shape is built once and reused
# (no per-call construction, one compiled form, one server-side prepared statement).

Shape = tuple[str, ...]
NUMBER_SEPARATOR = "\x1f"  # joins a request's contract numbers in one column (PostgreSQL)


def _search_terms(text: str) -> tuple[Shape, dict[str, str]]:
    """The shape of a search and its parameters.

    Digits are an ИНН, a КПП or a contract number: a full ИНН or КПП is matched exactly
    (an index lookup); text is a name, e-mail, login or contract number. ``%``, ``_`` and
    ``\\`` are searched literally; a NUL is refused (``DomainError``).
    """
    term = search_text(text).strip()
    if not term:
        return (), {}
    compact = term.replace(" ", "")
    shape: list[str] = []
    params: dict[str, str] = {}
    number = normalize_contract_number(term)
    if number:
        shape.append("contract")
        params["number_like"] = f"{like_literal(number)}%"
        params["number_from"] = number
        params["number_to"] = number[:-1] + chr(ord(number[-1]) + 1)
    if compact.isdigit():
        if len(compact) in (10, 12):
            shape.append("inn")
            params["inn"] = compact
        elif len(compact) == 9:
            shape += ["kpp", "inn_prefix"]
            params |= {"kpp": compact, "digits_like": f"{compact}%"}
        else:
            shape += ["inn_prefix", "kpp_prefix"]
            params["digits_like"] = f"{compact}%"
        return ("digits", *shape), params
    shape.append("text")
    params["like"] = f"%{like_literal(term.lower())}%"
    if len(compact) == 9 and compact[:4].isdigit() and compact[6:].isdigit():
        shape.append("kpp")  # a КПП with letters in its reason code
        params["kpp"] = compact.upper()
    return tuple(shape), params


def _by_contract(dialect: str) -> Select[int]:
    number = RegistrationContract.number_normalized
    if dialect == "postgresql":
        # The prefix index (varchar_pattern_ops) by its own range operators: unlike
        # LIKE with a bound pattern, they stay usable in a reused (generic) plan.
        match = and_(
            number.op("~>=~")(bindparam("number_from")), number.op("~<~")(bindparam("number_to"))
        )
    else:
        match = number.like(bindparam("number_like"), escape="\\")
    return select(RegistrationContract.registration_request_id).where(match)


def _search_condition(dialect: str, shape: Shape) -> ColumnElement[bool] | None:
    if not shape:
        return None
    request = RegistrationRequest
    # Each way of matching is its own indexed subquery of request ids: an OR across them
    # (or an EXISTS under an OR) makes PostgreSQL scan the whole queue instead.
    if shape[0] == "digits":
        requisites = {
            "inn": request.inn == bindparam("inn"),
            "kpp": request.kpp == bindparam("kpp"),
            "inn_prefix": request.inn.like(bindparam("digits_like")),
            "kpp_prefix": request.kpp.like(bindparam("digits_like")),
        }
        by_requisites = select(request.id).where(
            or_(*(requisites[part] for part in shape if part in requisites))
        )
        if "contract" in shape:
            return request.id.in_(union(by_requisites, _by_contract(dialect)))
        return request.id.in_(by_requisites)
    like: Any = bindparam("like")
    conditions: list[ColumnElement[bool]] = [
        func.lower(request.org_name).like(like, escape="\\"),
        func.lower(PortalUser.email).like(like, escape="\\"),
        func.lower(PortalUser.login).like(like, escape="\\"),
    ]
    if "contract" in shape:
        conditions.append(request.id.in_(_by_contract(dialect)))
    if "kpp" in shape:
        conditions.append(request.kpp == bindparam("kpp"))
    return or_(*conditions)


def _filtered(dialect: str, tab: str, shape: Shape) -> Select[int]:
    query = select(RegistrationRequest.id).join(
        PortalUser, PortalUser.id == RegistrationRequest.portal_user_id
    )
    statuses = TAB_STATUSES[tab]
    if statuses:
        query = query.where(RegistrationRequest.status.in_(statuses))
    condition = _search_condition(dialect, shape)
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


@functools.lru_cache(maxsize=256)
def _page_query(dialect: str, tab: str, shape: Shape, sort: str, descending: bool) -> Select[Any]:
    order = _SORT_COLUMNS.get(sort, RegistrationRequest.submitted_at)
    columns: list[Any] = [
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
    ]
    if dialect == "postgresql":
        # The contract numbers too, in typed order (SQLite reads them in a second query).
        numbers = RegistrationContract.number_as_typed
        columns.append(
            select(
                func.string_agg(
                    numbers,
                    aggregate_order_by(literal(NUMBER_SEPARATOR), RegistrationContract.position),
                )
            )
            .where(RegistrationContract.registration_request_id == RegistrationRequest.id)
            .scalar_subquery()
            .label("numbers")
        )
    return (
        _filtered(dialect, tab, shape)
        .with_only_columns(*columns)
        .order_by(
            order.desc() if descending else order.asc(),
            RegistrationRequest.id.desc() if descending else RegistrationRequest.id.asc(),
        )
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )


@functools.lru_cache(maxsize=64)
def _count_query(dialect: str, tab: str, shape: Shape) -> Select[int]:
    return select(func.count()).select_from(_filtered(dialect, tab, shape).subquery())


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
    dialect = session.get_bind().dialect.name
    shape, params = _search_terms(search)
    sort = sort if sort in _SORT_COLUMNS else "submitted_at"
    query = _page_query(dialect, tab, shape, sort, descending)
    records = run(session, query, {**params, "offset": offset, "limit": limit}).all()
    if records:
        total = int(records[0].total)
    else:  # past the end (or an empty tab): count separately
        total = run(session, _count_query(dialect, tab, shape), params).scalar_one()
    if dialect == "postgresql":
        numbers = {r.id: r.numbers.split(NUMBER_SEPARATOR) if r.numbers else [] for r in records}
    else:
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
            contract_numbers=tuple(number.strip() for number in numbers.get(r.id, ())),
            errors=r.check_errors,
            warnings=r.check_warnings,
            infos=r.check_infos,
            claimed_by=r.claimed_by,
            claim_expires_at=r.claim_expires_at,
        )
        for r in records
    ]
    return Page(rows, total, offset)


def export_requests(
    session: Session,
    *,
    tab: str = "pending",
    search: str = "",
    sort: str = "submitted_at",
    descending: bool = False,
    batch: int = EXPORT_BATCH,
) -> Iterator[RequestRow]:
    """Every request of a tab and search, in the list's order, read a batch at a time
    (the Excel export of the queue)."""
    offset = 0
    while True:
        page = list_requests(
            session,
            tab=tab,
            search=search,
            sort=sort,
            descending=descending,
            offset=offset,
            limit=batch,
        )
        yield from page.rows
        if len(page.rows) < batch:
            return
        offset += len(page.rows)


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
