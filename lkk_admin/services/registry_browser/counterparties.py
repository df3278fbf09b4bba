"""Counterparties as the registry browser lists and opens them (read only).

A page is one statement: the rows, their contract and portal-user counts (correlated
subqueries, run only for the rows of the page) and the query's total (see
``_page_query``). A counterparty opens in four short indexed statements: its requisites,
its contracts with the voltage levels of their points, the portal users with access, and
its registration requests. Contacts are masked; revealing one is audited.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, bindparam, case, false, func, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from lkk_admin.db import constant, run
from lkk_admin.models import (
    AuditEvent,
    ConsumptionObject,
    Contract,
    ContractAccess,
    Counterparty,
    MeteringPoint,
    PortalUser,
    RegistrationRequest,
)
from lkk_admin.models.registry import ORG_TYPES, VOLTAGE_LEVELS
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.listing import ListQuery, Page
from lkk_admin.services.masking import mask_email, mask_person, mask_phone
from lkk_admin.services.registry_browser.search import Shape, classify, search_condition

TABS = ("all", "active", "inactive")
ORG_TYPE_CHOICE = "org_type"
ContactField = Literal["email", "phone"]


@dataclass(frozen=True)
class CounterpartyRow:
    id: int
    inn: str
    kpp: str | None
    ogrn: str | None
    org_type: str
    short_name: str
    full_name: str
    is_active: bool
    contracts: int
    active_contracts: int
    portal_users: int  # with live access to any of its contracts


@dataclass(frozen=True)
class ContractSummary:
    id: int
    number: str
    signed_on: date
    valid_from: date
    valid_to: date | None
    status: str
    terminated_on: date | None
    price_category: int
    max_power_kw: Decimal
    voltage_levels: tuple[str, ...]  # of its metering points, highest voltage first


@dataclass(frozen=True)
class UserAccess:
    """A portal user with live (not revoked) access to some of the counterparty's
    contracts; ``granted_at`` is the first of those grants."""

    user_id: int
    login: str
    name_masked: str
    status: str
    email_masked: str
    contract_numbers: tuple[str, ...]
    granted_at: datetime


@dataclass(frozen=True)
class RequestSummary:
    id: int
    status: str
    submitted_at: datetime
    inn: str
    kpp: str | None
    org_name: str
    decided_at: datetime | None


@dataclass(frozen=True)
class CounterpartyDetail:
    id: int
    inn: str
    kpp: str | None
    ogrn: str | None
    org_type: str
    full_name: str
    short_name: str
    legal_address: str | None
    postal_address: str | None
    phone_masked: str  # "" when there is none
    email_masked: str
    is_active: bool
    contracts: tuple[ContractSummary, ...]  # newest first
    users: tuple[UserAccess, ...]  # by name
    requests: tuple[RequestSummary, ...]  # newest first; linked to it or of its ИНН


# --- The list --------------------------------------------------------------------------------


def _filters(dialect: str, tab: str, by_org_type: bool, shape: Shape) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if tab == "active":
        conditions.append(Counterparty.is_active == true())
    elif tab == "inactive":
        conditions.append(Counterparty.is_active == false())
    if by_org_type:
        conditions.append(Counterparty.org_type == bindparam("org_type"))
    search = search_condition(shape, dialect)
    if search is not None:
        conditions.append(search)
    return conditions


def _contract_count(owner: Any, *conditions: ColumnElement[bool]) -> ColumnElement[int]:
    return (
        select(func.count()).where(Contract.counterparty_id == owner, *conditions).scalar_subquery()
    )


def _users_with_access(owner: Any) -> ColumnElement[int]:
    return (
        select(func.count(ContractAccess.portal_user_id.distinct()))
        .join(Contract, Contract.id == ContractAccess.contract_id)
        .where(Contract.counterparty_id == owner, ContractAccess.revoked_at.is_(None))
        .scalar_subquery()
    )


# The orders a clerk may choose by a column's header (ListQuery.order, "-" descending).
ORDERS = ("name", "inn", "contracts")


def _sort_key(order: str) -> Any:  # a column or an expression
    if order == "inn":
        return Counterparty.inn
    if order == "contracts":
        return _contract_count(Counterparty.id)
    return func.lower(Counterparty.short_name)


@functools.lru_cache(maxsize=256)
def _page_query(
    dialect: str, tab: str, by_org_type: bool, shape: Shape, order_by: str = "name"
) -> Executable:
    """The page's ids in a subquery, their columns and counts outside: the counts are taken
    for the page's rows only, never for the rows an offset skips. The total comes in the
    same round trip.

    Without a search the page reads the name index in order and stops after its rows; the
    total is a count of its own. A search first collects the ids it finds (a materialised
    CTE: the total counts them, the page orders them). Left to itself, PostgreSQL would
    scan the name index in order and test every row against the search, because it costs
    a LIMIT above ``count(*) over ()`` as if the scan could stop early; the name part's
    expression is far dearer than the planner believes, and that plan took 90 ms where
    the trigram index takes 5.
    """
    filters = _filters(dialect, tab, by_org_type, shape)
    descending = order_by.startswith("-")
    order = _sort_key(order_by.lstrip("-"))
    conditions: list[ColumnElement[bool]] = filters
    if shape:
        found = select(Counterparty.id).where(*filters).cte("found")
        if dialect == "postgresql":
            found = found.prefix_with("MATERIALIZED")
        total = select(func.count()).select_from(found).scalar_subquery()
        conditions = [Counterparty.id.in_(select(found.c.id))]
    else:
        # Its own scan of the table: not correlated with the page's.
        total = (
            select(func.count())
            .select_from(Counterparty)
            .where(*filters)
            .correlate(None)
            .scalar_subquery()
        )
    page = (
        select(Counterparty.id, order.label("sort_key"), total.label("total"))
        .where(*conditions)
        .order_by(order.desc() if descending else order, Counterparty.id)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
        .subquery("page")
    )
    return (
        select(
            Counterparty.id,
            Counterparty.inn,
            Counterparty.kpp,
            Counterparty.ogrn,
            Counterparty.org_type,
            Counterparty.short_name,
            Counterparty.full_name,
            Counterparty.is_active,
            _contract_count(Counterparty.id).label("contracts"),
            _contract_count(Counterparty.id, Contract.status == constant("active")).label(
                "active_contracts"
            ),
            _users_with_access(Counterparty.id).label("portal_users"),
            page.c.total,
        )
        .join(page, page.c.id == Counterparty.id)
        .order_by(page.c.sort_key.desc() if descending else page.c.sort_key, page.c.id)
    )


@functools.lru_cache(maxsize=64)
def _export_query(
    dialect: str, tab: str, by_org_type: bool, shape: Shape, order_by: str
) -> Executable:
    contracts = (
        select(
            Contract.counterparty_id.label("owner"),
            func.count().label("contracts"),
            func.sum(case((Contract.status == constant("active"), 1), else_=0)).label("active"),
        )
        .group_by(Contract.counterparty_id)
        .subquery("contracts")
    )
    users = (
        select(
            Contract.counterparty_id.label("owner"),
            func.count(ContractAccess.portal_user_id.distinct()).label("users"),
        )
        .join(Contract, Contract.id == ContractAccess.contract_id)
        .where(ContractAccess.revoked_at.is_(None))
        .group_by(Contract.counterparty_id)
        .subquery("users")
    )
    descending = order_by.startswith("-")
    key = order_by.lstrip("-")
    sort: Any = func.coalesce(contracts.c.contracts, 0) if key == "contracts" else _sort_key(key)
    return (
        select(
            Counterparty.id,
            Counterparty.inn,
            Counterparty.kpp,
            Counterparty.ogrn,
            Counterparty.org_type,
            Counterparty.short_name,
            Counterparty.full_name,
            Counterparty.is_active,
            func.coalesce(contracts.c.contracts, 0).label("contracts"),
            func.coalesce(contracts.c.active, 0).label("active_contracts"),
            func.coalesce(users.c.users, 0).label("portal_users"),
        )
        .outerjoin(contracts, contracts.c.owner == Counterparty.id)
        .outerjoin(users, users.c.owner == Counterparty.id)
        .where(*_filters(dialect, tab, by_org_type, shape))
        .order_by(sort.desc() if descending else sort, Counterparty.id)
    )


@functools.lru_cache(maxsize=128)
def _count_query(dialect: str, by_org_type: bool, shape: Shape) -> Executable:
    return (
        select(Counterparty.is_active, func.count())
        .where(*_filters(dialect, "all", by_org_type, shape))
        .group_by(Counterparty.is_active)
    )


def _query_parts(session: Session, query: ListQuery) -> tuple[str, bool, Shape, dict[str, Any]]:
    if query.tab not in TABS:
        raise ValueError(f"unknown tab {query.tab!r}")
    org_type = query.choice(ORG_TYPE_CHOICE)
    if org_type is not None and org_type not in ORG_TYPES:
        raise ValueError(f"unknown org_type {org_type!r}")
    shape, params = classify(query.search)
    return (
        session.get_bind().dialect.name,
        org_type is not None,
        shape,
        {**params, "org_type": org_type},
    )


def _row(record: Any) -> CounterpartyRow:
    return CounterpartyRow(
        id=record.id,
        inn=record.inn,
        kpp=record.kpp,
        ogrn=record.ogrn,
        org_type=record.org_type,
        short_name=record.short_name,
        full_name=record.full_name,
        is_active=bool(record.is_active),
        contracts=int(record.contracts),
        active_contracts=int(record.active_contracts),
        portal_users=int(record.portal_users),
    )


class RegistrySource:
    """The «Контрагенты и договоры» list: tabs all/active/inactive, the ``org_type``
    choice (legal_entity | sole_proprietor), one search box; by name, then id, unless the
    query's ``order`` names one of :data:`ORDERS` (``-`` descending)."""

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        dialect, by_org_type, shape, params = _query_parts(session, query)
        grouped: Sequence[Any] = run(
            session, _count_query(dialect, by_org_type, shape), params
        ).all()
        by_state = {bool(active): int(count) for active, count in grouped}
        active, inactive = by_state.get(True, 0), by_state.get(False, 0)
        return {"all": active + inactive, "active": active, "inactive": inactive}

    def page(
        self, session: Session, query: ListQuery, *, offset: int, after: object, limit: int
    ) -> Page[CounterpartyRow]:
        """``limit`` rows from ``offset`` (paged by offset: ``after`` is not used)."""
        dialect, by_org_type, shape, params = _query_parts(session, query)
        order = query.order if query.order.lstrip("-") in ORDERS else "name"
        statement = _page_query(dialect, query.tab, by_org_type, shape, order)
        records = run(session, statement, {**params, "offset": offset, "limit": limit}).all()
        if records:
            total = int(records[0].total)
        elif offset == 0:
            total = 0
        else:  # past the end: count separately
            counts = self.counts(session, query)
            total = counts[query.tab]
        return Page(tuple(_row(record) for record in records), total, offset)

    def detail(self, session: Session, row_id: int) -> CounterpartyDetail:
        return counterparty_detail(session, row_id)

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[CounterpartyRow]:
        """Every counterparty of the query in the list's order, in one statement whose
        counts are grouped joins (a page's correlated counts would run per row)."""
        dialect, by_org_type, shape, params = _query_parts(session, query)
        order = query.order if query.order.lstrip("-") in ORDERS else "name"
        statement = _export_query(dialect, query.tab, by_org_type, shape, order)
        # A client-side cursor: the desks read in autocommit sessions, where a server-side
        # cursor (DECLARE) is refused; a registry's rows fit in memory many times over.
        for record in run(session, statement, params):
            yield _row(record)


# --- One counterparty ------------------------------------------------------------------------

_VOLTAGE_ORDER = {level: index for index, level in enumerate(VOLTAGE_LEVELS)}

_REQUISITES = select(
    Counterparty.id,
    Counterparty.inn,
    Counterparty.kpp,
    Counterparty.ogrn,
    Counterparty.org_type,
    Counterparty.full_name,
    Counterparty.short_name,
    Counterparty.legal_address,
    Counterparty.postal_address,
    Counterparty.phone,
    Counterparty.email,
    Counterparty.is_active,
).where(Counterparty.id == bindparam("id"))

_CONTRACTS = (
    select(
        Contract.id,
        Contract.number,
        Contract.signed_on,
        Contract.valid_from,
        Contract.valid_to,
        Contract.status,
        Contract.terminated_on,
        Contract.price_category,
        Contract.max_power_kw,
        MeteringPoint.voltage_level,
    )
    .distinct()
    .select_from(Contract)
    .outerjoin(ConsumptionObject, ConsumptionObject.contract_id == Contract.id)
    .outerjoin(MeteringPoint, MeteringPoint.consumption_object_id == ConsumptionObject.id)
    .where(Contract.counterparty_id == bindparam("id"))
)

_USERS = (
    select(
        PortalUser.id,
        PortalUser.login,
        PortalUser.last_name,
        PortalUser.first_name,
        PortalUser.patronymic,
        PortalUser.status,
        PortalUser.email,
        Contract.number,
        ContractAccess.granted_at,
    )
    .select_from(ContractAccess)
    .join(Contract, Contract.id == ContractAccess.contract_id)
    .join(PortalUser, PortalUser.id == ContractAccess.portal_user_id)
    .where(Contract.counterparty_id == bindparam("id"), ContractAccess.revoked_at.is_(None))
    .order_by(PortalUser.last_name, PortalUser.first_name, PortalUser.id, Contract.number)
)

# Linked by a decision, or of the same ИНН as typed (trimmed, as the checks compare it);
# migration 0008 indexes both on PostgreSQL.
_REQUESTS = (
    select(
        RegistrationRequest.id,
        RegistrationRequest.status,
        RegistrationRequest.submitted_at,
        RegistrationRequest.inn,
        RegistrationRequest.kpp,
        RegistrationRequest.org_name,
        RegistrationRequest.decided_at,
    )
    .where(
        or_(
            RegistrationRequest.counterparty_id == bindparam("id"),
            func.trim(RegistrationRequest.inn) == bindparam("inn"),
        )
    )
    .order_by(RegistrationRequest.submitted_at.desc(), RegistrationRequest.id.desc())
)


def counterparty_detail(session: Session, counterparty_id: int) -> CounterpartyDetail:
    """One counterparty with its contracts, the portal users who see them and its
    registration requests (``NotFoundError`` if it is not in the registry)."""
    owner = run(session, _REQUISITES, {"id": counterparty_id}).one_or_none()
    if owner is None:
        raise NotFoundError(f"Контрагент № {counterparty_id} не найден в реестре.")
    params = {"id": counterparty_id, "inn": owner.inn}
    return CounterpartyDetail(
        id=owner.id,
        inn=owner.inn,
        kpp=owner.kpp,
        ogrn=owner.ogrn,
        org_type=owner.org_type,
        full_name=owner.full_name,
        short_name=owner.short_name,
        legal_address=owner.legal_address,
        postal_address=owner.postal_address,
        phone_masked=mask_phone(owner.phone),
        email_masked=mask_email(owner.email),
        is_active=bool(owner.is_active),
        contracts=_contracts(run(session, _CONTRACTS, params).all()),
        users=_users(run(session, _USERS, params).all()),
        requests=tuple(
            RequestSummary(r.id, r.status, r.submitted_at, r.inn, r.kpp, r.org_name, r.decided_at)
            for r in run(session, _REQUESTS, params)
        ),
    )


def _contracts(records: Sequence[Any]) -> tuple[ContractSummary, ...]:
    levels: dict[int, set[str]] = {}
    first: dict[int, Any] = {}
    for record in records:
        first.setdefault(record.id, record)
        found = levels.setdefault(record.id, set())
        if record.voltage_level is not None:
            found.add(record.voltage_level)
    ordered = sorted(first.values(), key=lambda r: (r.signed_on, r.id), reverse=True)
    return tuple(
        ContractSummary(
            id=r.id,
            number=r.number,
            signed_on=r.signed_on,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            status=r.status,
            terminated_on=r.terminated_on,
            price_category=int(r.price_category),
            max_power_kw=Decimal(r.max_power_kw).quantize(Decimal("0.01")),
            voltage_levels=tuple(sorted(levels[r.id], key=lambda v: _VOLTAGE_ORDER.get(v, 99))),
        )
        for r in ordered
    )


def _users(records: Sequence[Any]) -> tuple[UserAccess, ...]:
    users: dict[int, UserAccess] = {}
    for r in records:
        known = users.get(r.id)
        if known is None:
            users[r.id] = UserAccess(
                user_id=r.id,
                login=r.login,
                name_masked=mask_person(r.last_name, r.first_name, r.patronymic),
                status=r.status,
                email_masked=mask_email(r.email),
                contract_numbers=(r.number,),
                granted_at=r.granted_at,
            )
        elif r.number not in known.contract_numbers:
            users[r.id] = replace(
                known,
                contract_numbers=(*known.contract_numbers, r.number),
                granted_at=min(known.granted_at, r.granted_at),
            )
    return tuple(users.values())


def reveal_counterparty_contact(
    session: Session, counterparty_id: int, actor: str, field: ContactField
) -> str:
    """The counterparty's full e-mail or phone; every reveal is audited with who and when."""
    if field not in ("email", "phone"):
        raise DomainError("Можно показать только телефон или адрес электронной почты.")
    row = session.execute(
        select(Counterparty.email, Counterparty.phone).where(Counterparty.id == counterparty_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"Контрагент № {counterparty_id} не найден в реестре.")
    value = row.email if field == "email" else row.phone
    if not value:
        what = "адрес электронной почты" if field == "email" else "телефон"
        raise DomainError(f"У контрагента не указан {what}: показывать нечего.")
    session.add(
        AuditEvent(
            actor=actor,
            action="reveal_personal_data",
            entity="counterparty",
            entity_id=counterparty_id,
            details={"field": field},
        )
    )
    session.flush()
    return str(value)


def counterparty_id_for_inn(session: Session, inn: str, kpp: str | None = None) -> int | None:
    """The counterparty the registration checks would match: that ИНН, and that КПП if
    one is given, else the first (active ones first, then the oldest)."""
    query = select(Counterparty.id).where(Counterparty.inn == inn.strip())
    wanted_kpp = (kpp or "").strip()
    if wanted_kpp:
        query = query.where(Counterparty.kpp == wanted_kpp)
    return session.scalar(query.order_by(Counterparty.is_active.desc(), Counterparty.id).limit(1))
