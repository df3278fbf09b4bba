"""The portal users' one search box: whatever a clerk has about a user, typed loosely.

The registry's classification (``registry_browser.search.classify``) says what the text
may be; the user list keeps the kinds that concern a user and adds its own:

- any text: a part of the login or of the e-mail (any case);
- letters: parts of the person's name, each found anywhere in «last first patronymic»
  (any order, any case, ё as е), so «иван иванов» and «Иванов И.» both find Иванов Иван;
- digits: the start of an ИНН (3–12 digits) — of the organisation the user was approved
  for, or as typed in any of the user's requests —, a КПП likewise;
- a contract number as applicants type it (spaces, dashes, case, Latin/Cyrillic
  look-alikes), matched by its start: contracts the user has or had access to, and the
  numbers typed in the user's requests.

As in the registry, one statement is built per *shape* (the kinds, and how many name
words) and the values are bound; ``%``, ``_`` and ``\\`` are searched literally. On
PostgreSQL every kind is an index lookup: the trigram indexes of migration 0012 (built on
:func:`login_key`, :func:`email_key` and :func:`person_name_key` themselves), and the
pattern-operator-class indexes of 0004 and 0008 for ИНН and contract numbers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, literal_column, or_, select
from sqlalchemy.sql.selectable import CompoundSelect

from lkk_admin.db import constant
from lkk_admin.models import (
    Contract,
    ContractAccess,
    Counterparty,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.base import table_of
from lkk_admin.services.input_text import search_text
from lkk_admin.services.listing import like_literal
from lkk_admin.services.org_names import NAME_QUOTES
from lkk_admin.services.registry_browser.search import Shape, classify
from lkk_admin.services.registry_browser.search import _prefix as prefix_match

# The registry's kinds a user search keeps (ОГРН and meter serials concern no user).
REGISTRY_KINDS = ("inn", "kpp", "contract_prefix", "contract")
# Name words searched at most; a person's name has three parts.
MAX_NAME_WORDS = 3
_WORD_PUNCTUATION = ",.;:"

_users = table_of(PortalUser)
_requests = table_of(RegistrationRequest)
_typed = table_of(RegistrationContract)
_access = table_of(ContractAccess)
_contracts = table_of(Contract)
_owners = table_of(Counterparty)


def _sql_string(text: str) -> ColumnElement[Any]:
    """A string constant written into the SQL (an index expression must match it)."""
    return literal_column("'" + text.replace("'", "''") + "'")


def login_key(login: Any) -> ColumnElement[str]:
    return func.lower(login)


def email_key(email: Any) -> ColumnElement[str]:
    return func.lower(email)


def person_name_key(last_name: Any, first_name: Any, patronymic: Any) -> ColumnElement[str]:
    """«last first patronymic» as the search compares it: lower case, ё as е (the
    registry's ``name_key`` also strips an organisation's quotes, which no person's name
    has: ten ``replace`` calls per row for nothing).

    Migration 0012 builds a trigram index on exactly this expression (constants written
    into the SQL), so that PostgreSQL recognises it in a query.
    """
    space = _sql_string(" ")
    whole = (
        last_name.concat(space)
        .concat(first_name)
        .concat(space)
        .concat(func.coalesce(patronymic, _sql_string("")))
    )
    return func.replace(func.lower(whole), _sql_string("ё"), _sql_string("е"))


def _name_words(term: str) -> list[str]:
    lowered = term.lower().replace("ё", "е")
    for quote in NAME_QUOTES:
        lowered = lowered.replace(quote, " ")
    words = [word.strip(_WORD_PUNCTUATION) for word in lowered.split()]
    return [word for word in words if word][:MAX_NAME_WORDS]


def classify_user_search(text: str) -> tuple[Shape, dict[str, str]]:
    """The shape of a user search and its parameters; ``((), {})`` for an empty search."""
    term = " ".join(search_text(text).split())
    if not term:
        return (), {}
    shape: list[str] = ["account"]
    params: dict[str, str] = {"account_like": f"%{like_literal(term.lower())}%"}
    if any(char.isalpha() for char in term):
        words = _name_words(term)
        if words:
            shape.append(f"name{len(words)}")
            for index, word in enumerate(words):
                params[f"name_{index}"] = f"%{like_literal(word)}%"
    registry_shape, registry_params = classify(term)
    for kind in REGISTRY_KINDS:
        if kind in registry_shape:
            shape.append(kind)
    params.update(registry_params)
    return tuple(shape), params


def _name_word_count(shape: Shape) -> int:
    for kind in shape:
        if kind.startswith("name") and kind[4:].isdigit():
            return int(kind[4:])
    return 0


def _approved_for(*conditions: ColumnElement[bool]) -> Select[Any]:
    """Users approved for a counterparty that meets ``conditions``."""
    return (
        select(_requests.c.portal_user_id)
        .join(_owners, _owners.c.id == _requests.c.counterparty_id)
        .where(_requests.c.status == constant("approved"), *conditions)
    )


def _contract_users(shape: Shape, dialect: str) -> list[Select[Any]]:
    """Users with access (live or revoked) to a matching contract, and users who typed a
    matching number in a request."""
    if "contract_prefix" in shape:
        registry = prefix_match(_contracts.c.number_normalized, "contract", dialect)
        typed = prefix_match(_typed.c.number_normalized, "contract", dialect)
    elif "contract" in shape:
        registry = _contracts.c.number_normalized == bindparam("contract")
        typed = _typed.c.number_normalized == bindparam("contract")
    else:
        return []
    return [
        select(_access.c.portal_user_id)
        .join(_contracts, _contracts.c.id == _access.c.contract_id)
        .where(registry),
        select(_requests.c.portal_user_id)
        .join(_typed, _typed.c.registration_request_id == _requests.c.id)
        .where(typed),
    ]


def user_search_ids(shape: Shape, dialect: str) -> Select[Any] | CompoundSelect[Any] | None:
    """The ids of the users a search of this shape selects (None: no search, all of them).

    The user's own columns are one OR (PostgreSQL ORs their trigram index scans); requests,
    counterparties and contracts are subqueries of user ids joined to it by a UNION: an OR
    across tables would make PostgreSQL scan the users instead.
    """
    if not shape:
        return None
    own: list[ColumnElement[bool]] = []
    if "account" in shape:
        like: Any = bindparam("account_like")
        own.append(login_key(_users.c.login).like(like, escape="\\"))
        own.append(email_key(_users.c.email).like(like, escape="\\"))
    words = _name_word_count(shape)
    if words:
        key = person_name_key(_users.c.last_name, _users.c.first_name, _users.c.patronymic)
        own.append(
            and_(*(key.like(bindparam(f"name_{index}"), escape="\\") for index in range(words)))
        )
    ids: list[Select[Any]] = [select(_users.c.id).where(or_(*own))]
    if "inn" in shape:
        ids.append(
            select(_requests.c.portal_user_id).where(prefix_match(_requests.c.inn, "inn", dialect))
        )
        ids.append(_approved_for(prefix_match(_owners.c.inn, "inn", dialect)))
    if "kpp" in shape:
        ids.append(select(_requests.c.portal_user_id).where(_requests.c.kpp == bindparam("kpp")))
        ids.append(_approved_for(_owners.c.kpp == bindparam("kpp")))
    ids += _contract_users(shape, dialect)
    return ids[0] if len(ids) == 1 else ids[0].union(*ids[1:])
