"""The registry's one search box: whatever a clerk has, typed loosely.

The text is classified first, and what it may be decides the *shape* of the search (which
columns it can match); the values go in as bound parameters, so one statement is built
per shape and reused. A text may be several things at once and the kinds are OR-ed: ten
digits are an ИНН, the start of an ОГРН, of a contract number or of a meter serial.

- digits (spaces ignored): the start of an ИНН (3–12 digits) or of an ОГРН/ОГРНИП (3–15),
  a КПП (9 digits), the start of a contract number or of a meter serial;
- a КПП with letters (4 digits, 2 digits or capital Latin letters, 3 digits);
- a contract number as applicants type it (normalised as ``services.contract_numbers``
  does: spaces, dashes, case, Latin/Cyrillic look-alikes), matched by its start;
- a meter serial, matched by its start;
- a part of the name: any case, legal form («ООО», «ИП», full or abbreviated), quotes and
  ё/е ignored, found anywhere in the short or the full name.

Starts of at least :data:`MIN_PREFIX` characters match by prefix, shorter ones only whole
values (two characters would select half the registry). ``%``, ``_`` and ``\\`` are searched
literally. On PostgreSQL every kind is an index lookup: the prefix indexes and the trigram
indexes of migration 0008, the latter built on :func:`name_key` itself.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, literal_column, or_, select
from sqlalchemy.sql.selectable import CompoundSelect

from lkk_admin.models import ConsumptionObject, Contract, Counterparty, Meter, MeteringPoint
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.input_text import search_text
from lkk_admin.services.listing import like_literal
from lkk_admin.services.org_names import NAME_QUOTES, name_search_text

Shape = tuple[str, ...]  # the kinds a search text may be, in a fixed order
MIN_PREFIX = 3
_DIGITS = re.compile(r"[0-9]+")
_KPP = re.compile(r"[0-9]{4}[0-9A-Z]{2}[0-9]{3}")
# Cyrillic capitals typed for the Latin letters of a КПП's reason code.
_CYRILLIC_TO_LATIN = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")
_SPACES = re.compile(r"\s+")


def _sql_string(text: str) -> ColumnElement[Any]:
    """A string constant written into the SQL (an index expression must match it)."""
    return literal_column("'" + text.replace("'", "''") + "'")


def name_key(column: Any) -> ColumnElement[str]:
    """A name as the search compares it: quotes removed, lower case, ё as е.

    Migration 0008 builds the trigram indexes on exactly this expression (constants
    written into the SQL, never bound), so that PostgreSQL recognises it in a query.
    """
    expression: Any = column
    for quote in NAME_QUOTES:
        expression = func.replace(expression, _sql_string(quote), _sql_string(""))
    return func.replace(func.lower(expression), _sql_string("ё"), _sql_string("е"))


def _prefix_params(kind: str, value: str, params: dict[str, str]) -> None:
    params[f"{kind}_like"] = like_literal(value) + "%"
    params[f"{kind}_from"] = value
    params[f"{kind}_to"] = value[:-1] + chr(ord(value[-1]) + 1)


def classify(text: str) -> tuple[Shape, dict[str, str]]:
    """The shape of a search and its parameters; ``((), {})`` for an empty search."""
    term = " ".join(search_text(text).split())
    if not term:
        return (), {}
    compact = _SPACES.sub("", term)
    shape: list[str] = []
    params: dict[str, str] = {}
    digits = _DIGITS.fullmatch(compact) is not None
    if digits and MIN_PREFIX <= len(compact) <= 12:
        shape.append("inn")
        _prefix_params("inn", compact, params)
    if digits and MIN_PREFIX <= len(compact) <= 15:
        shape.append("ogrn")
        _prefix_params("ogrn", compact, params)
    kpp = compact.upper().translate(_CYRILLIC_TO_LATIN)
    if _KPP.fullmatch(kpp):
        shape.append("kpp")
        params["kpp"] = kpp
    has_digit = any(char.isdigit() for char in compact)
    number = normalize_contract_number(term)
    if number and has_digit:
        _add_key("contract", number, shape, params)
    if has_digit:
        _add_key("serial", compact, shape, params)
    if not digits:
        # Nothing but a legal form ("ООО"): then that is the part of the name sought.
        name = name_search_text(term) or _plain_name(term)
        if name:
            shape.append("name")
            params["name_like"] = f"%{like_literal(name)}%"
    return tuple(shape), params


def _plain_name(text: str) -> str:
    lowered = text.lower().replace("ё", "е")
    for quote in NAME_QUOTES:
        lowered = lowered.replace(quote, "")
    return " ".join(lowered.split())


def _add_key(kind: str, value: str, shape: list[str], params: dict[str, str]) -> None:
    """A contract number or a serial: by its start when long enough, else whole."""
    if len(value) >= MIN_PREFIX:
        shape.append(f"{kind}_prefix")
        _prefix_params(kind, value, params)
    else:
        shape.append(kind)
        params[kind] = value


def _prefix(column: Any, kind: str, dialect: str) -> ColumnElement[bool]:
    if dialect == "postgresql":
        # The pattern-operator-class index by its own range operators: unlike LIKE with a
        # bound pattern, they stay usable in a reused (generic) plan.
        return and_(
            column.op("~>=~")(bindparam(f"{kind}_from")),
            column.op("~<~")(bindparam(f"{kind}_to")),
        )
    return column.like(bindparam(f"{kind}_like"), escape="\\")  # type: ignore[no-any-return]


def _by_contract(shape: Shape, dialect: str) -> Select[Any] | None:
    number = Contract.number_normalized
    if "contract_prefix" in shape:
        match = _prefix(number, "contract", dialect)
    elif "contract" in shape:
        match = number == bindparam("contract")
    else:
        return None
    return select(Contract.counterparty_id).where(match)


def _by_serial(shape: Shape, dialect: str) -> Select[Any] | None:
    if "serial_prefix" in shape:
        match = _prefix(Meter.serial, "serial", dialect)
    elif "serial" in shape:
        match = Meter.serial == bindparam("serial")
    else:
        return None
    return (
        select(Contract.counterparty_id)
        .select_from(Meter)
        .join(MeteringPoint, MeteringPoint.id == Meter.metering_point_id)
        .join(ConsumptionObject, ConsumptionObject.id == MeteringPoint.consumption_object_id)
        .join(Contract, Contract.id == ConsumptionObject.contract_id)
        .where(match)
    )


def search_condition(shape: Shape, dialect: str) -> ColumnElement[bool] | None:
    """The counterparties a search of this shape selects (None: no search, all of them).

    The counterparty's own columns are one OR (PostgreSQL ORs their index scans); contracts
    and meters are subqueries of counterparty ids joined to it by a UNION: an OR across
    tables would make PostgreSQL scan the registry instead.
    """
    if not shape:
        return None
    own: list[ColumnElement[bool]] = []
    if "inn" in shape:
        own.append(_prefix(Counterparty.inn, "inn", dialect))
    if "ogrn" in shape:
        own.append(_prefix(Counterparty.ogrn, "ogrn", dialect))
    if "kpp" in shape:
        own.append(Counterparty.kpp == bindparam("kpp"))
    if "name" in shape:
        like: Any = bindparam("name_like")
        own.append(name_key(Counterparty.short_name).like(like, escape="\\"))
        own.append(name_key(Counterparty.full_name).like(like, escape="\\"))
    others = [
        query
        for query in (_by_contract(shape, dialect), _by_serial(shape, dialect))
        if query is not None
    ]
    if not others:
        return or_(*own)
    ids: list[Select[Any]] = []
    if own:
        ids.append(select(Counterparty.id).where(or_(*own)))
    ids += others
    if len(ids) == 1:
        return Counterparty.id.in_(ids[0])
    union: CompoundSelect[Any] = ids[0].union(*ids[1:])
    return Counterparty.id.in_(union)
