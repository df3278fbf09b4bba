"""Check summary on registration requests, for the queue list.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("check_errors", "check_warnings", "check_infos")


def upgrade() -> None:
    with op.batch_alter_table("registration_request") as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("registration_request") as batch_op:
        batch_op.drop_column("checked_at")
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
