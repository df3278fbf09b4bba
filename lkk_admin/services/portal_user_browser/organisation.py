"""The organisation a portal user belongs to, as the list and the card both read it.

The counterparty of the user's newest approved request that matched one; without one,
the organisation as the user's newest request typed it (a user has a request or three).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, literal_column, select, true
from sqlalchemy.sql.selectable import Subquery

from lkk_admin.db import constant
from lkk_admin.models import Counterparty, RegistrationRequest
from lkk_admin.models.base import table_of
from lkk_admin.services.portal_user_browser.rows import Organisation

# Constants written into the SQL, not bound: PostgreSQL's reused plan knows them.
_ONE: ColumnElement[int] = literal_column("1")
_requests = table_of(RegistrationRequest)
_owners = table_of(Counterparty)


def _matched_first(request: Any) -> ColumnElement[int]:
    """0 for an approved request with a matched counterparty, 1 for any other."""
    return case(
        (
            and_(request.c.status == constant("approved"), request.c.counterparty_id.is_not(None)),
            literal_column("0"),
        ),
        else_=literal_column("1"),
    )


def organisation_request(user_id: Any) -> ColumnElement[int]:
    """The id of the request that names the user's organisation: the newest approved one
    with a matched counterparty, else the newest one."""
    request = _requests.alias("org_request")
    return (
        select(request.c.id)
        .where(request.c.portal_user_id == user_id)
        .order_by(_matched_first(request), request.c.submitted_at.desc(), request.c.id.desc())
        .limit(_ONE)
        .scalar_subquery()
    )


def with_organisation(rows: Subquery, dialect: str) -> Select[Any]:
    """``rows`` (users, by their ``id``) and their organisation's columns: the request's as
    typed and the approved counterparty's.

    PostgreSQL reads the request by a lateral subquery, one index probe per user; given
    the request's id as a correlated value instead, it hashed every request. SQLite,
    which has no LATERAL, looks the id up in the join's condition (nested loops anyway).
    """
    request: Any
    if dialect == "postgresql":
        request = (
            select(
                _requests.c.id,
                _requests.c.org_type,
                _requests.c.inn,
                _requests.c.kpp,
                _requests.c.org_name,
                _requests.c.status,
                _requests.c.counterparty_id,
            )
            .where(_requests.c.portal_user_id == rows.c.id)
            .order_by(
                _matched_first(_requests),
                _requests.c.submitted_at.desc(),
                _requests.c.id.desc(),
            )
            .limit(_ONE)
            .lateral("org_request")
        )
        joined = rows.outerjoin(request, true())
    else:
        request = _requests.alias("org_request")
        joined = rows.outerjoin(request, request.c.id == organisation_request(rows.c.id))
    joined = joined.outerjoin(
        _owners,
        and_(
            _owners.c.id == request.c.counterparty_id,
            request.c.status == constant("approved"),
        ),
    )
    return select(
        rows,
        request.c.id.label("request_id"),
        request.c.org_type.label("request_org_type"),
        request.c.inn.label("request_inn"),
        request.c.kpp.label("request_kpp"),
        request.c.org_name.label("request_org_name"),
        _owners.c.id.label("counterparty_id"),
        _owners.c.org_type.label("counterparty_org_type"),
        _owners.c.inn.label("counterparty_inn"),
        _owners.c.kpp.label("counterparty_kpp"),
        _owners.c.short_name.label("counterparty_name"),
    ).select_from(joined)


def organisation_of(record: Any) -> Organisation | None:
    """The organisation from a row of :func:`with_organisation` (None: no request)."""
    if record.counterparty_id is not None:
        return Organisation(
            counterparty_id=record.counterparty_id,
            inn=record.counterparty_inn,
            kpp=record.counterparty_kpp or None,
            name=record.counterparty_name,
            org_type=record.counterparty_org_type,
        )
    if record.request_id is None:
        return None
    return Organisation(
        counterparty_id=None,
        inn=record.request_inn,
        kpp=record.request_kpp or None,
        name=record.request_org_name,
        org_type=record.request_org_type,
    )
