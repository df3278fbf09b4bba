"""Which version of LKK Admin brought the schema to each revision.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 06:00:00

When IT upgrades the database before the desks, a desk whose program does not know the
database's revision cannot tell from the revision alone which version to install. So
``lkk-admin db upgrade`` (``lkk_admin.db.upgrade``) writes here, for the revision it
brought the schema to, the version of the program that did it — the first to do so: a
later release at the same revision leaves the row alone. A desk with an older program
reads the row of the database's revision and names that version.

- ``schema_release`` (``revision``, ``program_version``, ``upgraded_at``): one row per
  revision the schema was brought to. Outside the ORM's models (like ``alembic_version``):
  the demo generator's "is it empty" and the retention rules never see it.
- Everyone reads it (PostgreSQL: ``PUBLIC``, as ``alembic_version`` since 0006), since the
  schema is checked before the login's roles are known; the owner, who runs the upgrades,
  alone writes.

Its name and columns are a contract with every later version of the program: never rename
or drop them, or older desks can no longer say which version to install.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "schema_release",
        sa.Column("revision", sa.String(32), nullable=False),
        sa.Column("program_version", sa.String(32), nullable=False),
        sa.Column("upgraded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_schema_release")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("GRANT SELECT ON schema_release TO PUBLIC")


def downgrade() -> None:
    op.drop_table("schema_release")
