"""The «Пользователи портала» list: tabs by status with counts, one search box, a page.

A page is one statement, built like the registry's (``registry_browser.counterparties``):
the page's ids in a subquery (sorted, offset, limited, with the query's total), then for
those rows only the count of live contracts and the organisation (:mod:`.organisation`).
Names, e-mails and phones are masked here. Measured by ``benchmarks/portal_users_speed``.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, bindparam, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from lkk_admin.db import constant, run
from lkk_admin.models import ContractAccess, Counterparty, PortalUser, RegistrationRequest
from lkk_admin.models.accounts import USER_STATUSES
from lkk_admin.models.base import table_of
from lkk_admin.services.listing import ListQuery, Page
from lkk_admin.services.masking import mask_email, mask_person, mask_phone
from lkk_admin.services.portal_user_browser.detail import user_detail
from lkk_admin.services.portal_user_browser.organisation import with_organisation
from lkk_admin.services.portal_user_browser.rows import TABS, UserDetail, UserRow
from lkk_admin.services.portal_user_browser.search import (
    classify_user_search,
    user_search_ids,
)
from lkk_admin.services.registry_browser.search import Shape

# The orders a clerk may choose by a column's header (ListQuery.order, "-" descending).
ORDERS = ("login", "name", "registered", "last_login", "contracts")
DEFAULT_ORDER = "-registered"  # newest accounts first
# An export reads every row in one statement: a limit no list reaches.
_EVERY_ROW = 2**31 - 1

_users = table_of(PortalUser)
_requests = table_of(RegistrationRequest)
_access = table_of(ContractAccess)
_owners = table_of(Counterparty)


def live_contract_count(user_id: Any) -> ColumnElement[int]:
    """The contracts the user sees now (read from the partial index of live grants)."""
    live = _access.alias("live_access")
    return (
        select(func.count())
        .where(live.c.portal_user_id == user_id, live.c.revoked_at.is_(None))
        .scalar_subquery()
    )


def _filters(dialect: str, tab: str, shape: Shape) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if tab != "all":
        conditions.append(_users.c.status == constant(tab))
    ids = user_search_ids(shape, dialect)
    if ids is not None:
        conditions.append(_users.c.id.in_(ids))
    return conditions


def name_order(last_name: Any, first_name: Any, patronymic: Any) -> list[ColumnElement[str]]:
    """The list's order by name; migration 0012 indexes exactly these expressions (the
    empty string written into the SQL, so that a reused plan matches the index)."""
    return [
        func.lower(last_name),
        func.lower(first_name),
        func.lower(func.coalesce(patronymic, literal_column("''"))),
    ]


def _sort_keys(key: str) -> list[ColumnElement[Any]]:
    if key == "login":
        return [func.lower(_users.c.login)]
    if key == "name":
        return name_order(_users.c.last_name, _users.c.first_name, _users.c.patronymic)
    if key == "last_login":
        return [_users.c.last_login_at]
    if key == "contracts":
        return [live_contract_count(_users.c.id)]
    return [_users.c.created_at]


def _directed(column: Any, descending: bool, key: str) -> Any:
    """A sort column in its direction; users who never logged in come last when the most
    recent logins come first, and first the other way round, on both databases."""
    ordered = column.desc() if descending else column.asc()
    if key == "last_login":
        ordered = ordered.nulls_last() if descending else ordered.nulls_first()
    return ordered


@functools.lru_cache(maxsize=256)
def _page_query(dialect: str, tab: str, shape: Shape, order_by: str) -> Executable:
    """The page's ids with their sort keys and the total in a subquery, the user's columns,
    organisation request and live count outside (for the page's rows only), the
    organisation joined last. A search first collects the ids it finds (a materialised
    CTE, as in the registry: the total counts them, the page orders them)."""
    filters = _filters(dialect, tab, shape)
    descending = order_by.startswith("-")
    key = order_by.lstrip("-")
    sort_keys = _sort_keys(key)
    conditions = filters
    ids = user_search_ids(shape, dialect)
    if ids is not None:
        # Every id found is a user's (foreign keys): only a tab needs the users' table.
        found = (select(_users.c.id).where(*filters) if tab != "all" else ids).cte("found")
        if dialect == "postgresql":
            found = found.prefix_with("MATERIALIZED")
        total = select(func.count()).select_from(found).scalar_subquery()
        conditions = [_users.c.id.in_(select(found.c.id))]
    else:
        total = (
            select(func.count())
            .select_from(_users)
            .where(*filters)
            .correlate(None)
            .scalar_subquery()
        )
    labels = [f"sort_{index}" for index in range(len(sort_keys))]
    page = (
        select(
            _users.c.id,
            *(column.label(label) for column, label in zip(sort_keys, labels, strict=True)),
            total.label("total"),
        )
        .where(*conditions)
        .order_by(
            *(_directed(column, descending, key) for column in sort_keys),
            _users.c.id.desc() if descending else _users.c.id,
        )
        # Written into the SQL when run (the statement stays cached): PostgreSQL's reused
        # plan for an unknown LIMIT expected a tenth of the users and hashed them all.
        .offset(bindparam("offset", type_=Integer, literal_execute=True))
        .limit(bindparam("limit", type_=Integer, literal_execute=True))
        .subquery("page")
    )
    rows = (
        select(
            _users.c.id,
            _users.c.login,
            _users.c.last_name,
            _users.c.first_name,
            _users.c.patronymic,
            _users.c.email,
            _users.c.phone,
            _users.c.status,
            _users.c.created_at,
            _users.c.last_login_at,
            _users.c.anonymised_at,
            live_contract_count(_users.c.id).label("live_contracts"),
            page.c.total,
            *(page.c[label] for label in labels),
        )
        .join(page, page.c.id == _users.c.id)
        .subquery("rows")
    )
    return with_organisation(rows, dialect).order_by(
        *(_directed(rows.c[label], descending, key) for label in labels),
        rows.c.id.desc() if descending else rows.c.id,
    )


@functools.lru_cache(maxsize=128)
def _count_query(dialect: str, shape: Shape) -> Executable:
    return (
        select(_users.c.status, func.count())
        .where(*_filters(dialect, "all", shape))
        .group_by(_users.c.status)
    )


def _query_parts(session: Session, query: ListQuery) -> tuple[str, Shape, dict[str, Any]]:
    if query.tab not in TABS:
        raise ValueError(f"unknown tab {query.tab!r}")
    shape, params = classify_user_search(query.search)
    return session.get_bind().dialect.name, shape, params


def _order(query: ListQuery) -> str:
    return query.order if query.order.lstrip("-") in ORDERS else DEFAULT_ORDER


# The columns a row is made of, in the order _user_rows unpacks them.
_ROW_COLUMNS = (
    "id",
    "login",
    "last_name",
    "first_name",
    "patronymic",
    "email",
    "phone",
    "status",
    "live_contracts",
    "created_at",
    "last_login_at",
    "anonymised_at",
    "counterparty_id",
    "counterparty_inn",
    "counterparty_kpp",
    "counterparty_name",
    "request_id",
    "request_inn",
    "request_kpp",
    "request_org_name",
)


def _user_rows(keys: Iterable[str], records: Iterable[Any]) -> Iterator[UserRow]:
    """The rows of a page (or of an export), masked. The columns are taken by position, by
    one getter made from the result's keys: a Row's attribute costs a quarter of a
    microsecond, and twenty of them were a fifth of a page's time."""
    columns = operator.itemgetter(*(list(keys).index(name) for name in _ROW_COLUMNS))
    for record in records:
        (
            user_id,
            login,
            last_name,
            first_name,
            patronymic,
            email,
            phone,
            status,
            live_contracts,
            created_at,
            last_login_at,
            anonymised_at,
            counterparty_id,
            counterparty_inn,
            counterparty_kpp,
            counterparty_name,
            request_id,
            request_inn,
            request_kpp,
            request_org_name,
        ) = columns(record)
        if counterparty_id is not None:  # the approved organisation
            inn, kpp, org_name = counterparty_inn, counterparty_kpp, counterparty_name
        elif request_id is not None:  # as the newest request typed it
            inn, kpp, org_name = request_inn, request_kpp, request_org_name
        else:
            inn = kpp = org_name = None
        yield UserRow(
            id=user_id,
            login=login,
            name_masked=mask_person(last_name, first_name, patronymic),
            email_masked=mask_email(email),
            phone_masked=mask_phone(phone),
            status=status,
            inn=inn,
            kpp=kpp or None,
            org_name=org_name,
            live_contracts=int(live_contracts),
            created_at=created_at,
            last_login_at=last_login_at,
            anonymised=anonymised_at is not None,
            counterparty_id=counterparty_id,
        )


class PortalUserSource:
    """The portal users list: tabs :data:`rows.TABS` (all and one per status), one search
    box (:mod:`.search`); newest accounts first unless the query's ``order`` names one of
    :data:`ORDERS` (``-`` descending)."""

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        """Users per tab for the query's search (the tab itself is ignored)."""
        dialect, shape, params = _query_parts(session, query)
        grouped: Sequence[Any] = run(session, _count_query(dialect, shape), params).all()
        by_status = {str(status): int(count) for status, count in grouped}
        counts = {tab: by_status.get(tab, 0) for tab in TABS if tab != "all"}
        counts["all"] = sum(by_status.get(status, 0) for status in USER_STATUSES)
        return {tab: counts[tab] for tab in TABS}

    def page(
        self, session: Session, query: ListQuery, *, offset: int, after: object, limit: int
    ) -> Page[UserRow]:
        """``limit`` rows from ``offset`` (paged by offset: ``after`` is not used)."""
        dialect, shape, params = _query_parts(session, query)
        statement = _page_query(dialect, query.tab, shape, _order(query))
        result = run(session, statement, {**params, "offset": offset, "limit": limit})
        records = result.all()
        if records:
            total = int(records[0].total)
        elif offset == 0:
            total = 0
        else:  # past the end: count separately
            total = self.counts(session, query)[query.tab]
        return Page(tuple(_user_rows(result.keys(), records)), total, offset)

    def detail(self, session: Session, row_id: int) -> UserDetail:
        return user_detail(session, row_id)

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[UserRow]:
        """Every user of the query in the list's order, masked as the list shows them: the
        page's statement without a limit (a few thousand accounts; their correlated
        lookups are index probes), read by a client-side cursor, which the desks'
        autocommit sessions need."""
        dialect, shape, params = _query_parts(session, query)
        statement = _page_query(dialect, query.tab, shape, _order(query))
        result = run(session, statement, {**params, "offset": 0, "limit": _EVERY_ROW})
        yield from _user_rows(result.keys(), result)
