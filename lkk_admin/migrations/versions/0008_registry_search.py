"""Indexes for the registry browser's search box and counterparty card (PostgreSQL).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 00:30:00

A name part is found anywhere in the short or the full name, whatever its case, quotes or
ё: trigram (pg_trgm) GIN indexes on the very expression the search compares,
``services.registry_browser.search.name_key``, imported here so that the two cannot drift
apart (``LIKE '%part%'`` can use no b-tree). The starts of an ИНН, an ОГРН, a contract
number and a meter serial use the pattern operator class (see 0004); a КПП alone, and a
counterparty's registration requests (linked, or of its ИНН as typed), get plain indexes;
the list's order (``lower(short_name), id``) one too, so that a page with no search stops
after its rows instead of sorting the registry.

pg_trgm ships with PostgreSQL (the contrib package on some systems) and is a trusted
extension: the owner of the database may create it. Where the migrating role may not, the
upgrade stops and says what the DBA must run. SQLite: nothing (the demo is small).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from lkk_admin.services.errors import DomainError

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGRAM_INDEXES = {
    "ix_counterparty_short_name_trgm": ("counterparty", "short_name"),
    "ix_counterparty_full_name_trgm": ("counterparty", "full_name"),
}
# Not "…_prefix": 0004's names end so, and a test counts them.
PATTERN_INDEXES = {
    "ix_counterparty_inn_pattern": ("counterparty", "inn"),
    "ix_counterparty_ogrn_pattern": ("counterparty", "ogrn"),
    "ix_contract_number_normalized_pattern": ("contract", "number_normalized"),
    "ix_meter_serial_pattern": ("meter", "serial"),
}
PLAIN_INDEXES = {
    "ix_counterparty_kpp": ("counterparty", "kpp"),
    "ix_registration_request_counterparty_id": ("registration_request", "counterparty_id"),
}
TRIMMED_INN_INDEX = "ix_registration_request_inn_trimmed"
# The list's order: a page without a search reads it in order and stops.
NAME_ORDER_INDEX = "ix_counterparty_short_name_lower"


def _name_key_sql(bind: sa.Connection, column: str) -> str:
    # Imported here: Alembic loads every revision file at each start (the demo's upgrade,
    # a login's schema check), and the registry's package brings reportlab in.
    from lkk_admin.services.registry_browser.search import name_key

    return str(name_key(sa.column(column)).compile(dialect=bind.dialect))


def _create_trigram_extension(bind: sa.Connection) -> None:
    installed = bind.execute(
        sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    ).scalar()
    if installed:
        return
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).scalar()
    database = bind.execute(sa.text("SELECT current_database()")).scalar()
    if not available:
        raise DomainError(
            "На сервере PostgreSQL нет расширения pg_trgm, нужного для поиска по "
            "наименованию. Попросите администратора PostgreSQL установить пакет "
            "postgresql-contrib (для своей версии сервера), выполнить в базе "
            f"«{database}»: CREATE EXTENSION pg_trgm; — и повторите «lkk-admin db upgrade».",
            code="PG_TRGM_REQUIRED",
        )
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as error:
        raise DomainError(
            "Для поиска по наименованию нужно расширение PostgreSQL pg_trgm, а у "
            "пользователя, обновляющего схему, нет права его создать. Попросите "
            f"администратора PostgreSQL выполнить в базе «{database}»: "
            "CREATE EXTENSION pg_trgm; — и повторите «lkk-admin db upgrade».",
            code="PG_TRGM_REQUIRED",
        ) from error


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    _create_trigram_extension(bind)
    for name, (table, column) in TRIGRAM_INDEXES.items():
        op.execute(
            f"CREATE INDEX {name} ON {table} USING gin (({_name_key_sql(bind, column)}) gin_trgm_ops)"
        )
    for name, (table, column) in PATTERN_INDEXES.items():
        op.create_index(name, table, [column], postgresql_ops={column: "varchar_pattern_ops"})
    for name, (table, column) in PLAIN_INDEXES.items():
        op.create_index(name, table, [column])
    # The checks match a request's ИНН trimmed, and so does the counterparty card.
    op.execute(f"CREATE INDEX {TRIMMED_INN_INDEX} ON registration_request (trim(inn))")
    op.execute(f"CREATE INDEX {NAME_ORDER_INDEX} ON counterparty (lower(short_name), id)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX {NAME_ORDER_INDEX}")
    op.execute(f"DROP INDEX {TRIMMED_INN_INDEX}")
    for name in (*PLAIN_INDEXES, *PATTERN_INDEXES, *TRIGRAM_INDEXES):
        op.execute(f"DROP INDEX {name}")
    # The extension goes too, unless something else now uses it (or it is not ours to drop).
    try:
        with bind.begin_nested():
            bind.execute(sa.text("DROP EXTENSION IF EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        pass
