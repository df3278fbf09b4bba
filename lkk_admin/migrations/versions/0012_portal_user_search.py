"""Indexes for the «Пользователи портала» list: its search box and its default order.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 04:00:00

A part of a login, an e-mail or a person's name is found anywhere in it, whatever its
case (and ё): on PostgreSQL, trigram (pg_trgm) GIN indexes on the very expressions the
search compares, ``services.portal_user_browser.search.login_key``, ``email_key`` and
``person_name_key``, imported here so that the two cannot drift apart (0008 did the
same for the registry and checked that the extension exists; so does this one). The list
opens on the newest accounts: ``(created_at, id)`` lets a page stop after its rows
instead of sorting every account, on both databases; so does the order by name on
PostgreSQL (``users.name_order``, the list's own expressions).

What the search and the card need besides is indexed already: requests by user (0001),
by ИНН and КПП (0004) and by counterparty (0008), typed and registry contract numbers
(0004, 0008), contract access by user and, for live grants only, the partial unique
index (0001), letters and audit events by object (0001, 0009).
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Not "…_trgm", "…_pattern" or "…_prefix": tests count 0004's and 0008's by those endings.
TRIGRAM_INDEXES = (
    "ix_portal_user_login_trigram",
    "ix_portal_user_email_trigram",
    "ix_portal_user_name_trigram",
)


def _trigram_keys() -> dict[str, sa.ColumnElement[str]]:
    """Each trigram index and the search's expression it is built on."""
    # Imported when run, not when Alembic loads the file (at each start): see 0008.
    from lkk_admin.services.portal_user_browser.search import email_key, login_key, person_name_key

    login, email = sa.column("login", sa.String), sa.column("email", sa.String)
    names = (sa.column(name, sa.String) for name in ("last_name", "first_name", "patronymic"))
    return dict(
        zip(
            TRIGRAM_INDEXES,
            (login_key(login), email_key(email), person_name_key(*names)),
            strict=True,
        )
    )


CREATED_INDEX = "ix_portal_user_created"
NAME_ORDER_INDEX = "ix_portal_user_name_order"


def upgrade() -> None:
    from lkk_admin.services.portal_user_browser.users import name_order

    op.create_index(CREATED_INDEX, "portal_user", ["created_at", "id"])
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    registry_search = importlib.import_module("lkk_admin.migrations.versions.0008_registry_search")
    registry_search._create_trigram_extension(bind)
    for name, expression in _trigram_keys().items():
        sql = str(expression.compile(dialect=bind.dialect))
        op.execute(f"CREATE INDEX {name} ON portal_user USING gin (({sql}) gin_trgm_ops)")
    columns = name_order(sa.column("last_name"), sa.column("first_name"), sa.column("patronymic"))
    keys = ", ".join(str(column.compile(dialect=bind.dialect)) for column in columns)
    op.execute(f"CREATE INDEX {NAME_ORDER_INDEX} ON portal_user ({keys}, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in (NAME_ORDER_INDEX, *TRIGRAM_INDEXES):
            op.execute(f"DROP INDEX {name}")
    op.drop_index(CREATED_INDEX, table_name="portal_user")
