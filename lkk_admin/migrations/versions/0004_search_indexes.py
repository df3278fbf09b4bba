"""Prefix-search indexes for the queue's search box (PostgreSQL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 01:40:00

A clerk types the start of an ИНН, КПП or contract number. ``LIKE 'prefix%'`` can use a
plain b-tree only under the "C" collation; portal databases run under ru_RU.UTF-8 or
C.UTF-8, so these indexes use the pattern operator class, which also serves equality.
SQLite's LIKE is case-insensitive and uses no index either way; the demo is small.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_registration_contract_number_prefix": ("registration_contract", "number_normalized"),
    "ix_registration_request_inn_prefix": ("registration_request", "inn"),
    "ix_registration_request_kpp_prefix": ("registration_request", "kpp"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        op.create_index(name, table, [column], postgresql_ops={column: "varchar_pattern_ops"})


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, _column) in INDEXES.items():
        op.drop_index(name, table_name=table)
