"""Settings the whole organisation shares: the supplier's requisites on reports and the
idle-lock policy.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 03:00:00

They were kept per desk (a JSON file and an INI value per Windows user), so two desks
could print different headers on the same customer's report, and a desk could turn its
idle lock off. One row per key, read by every staff member, changed only by
administrators.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisation_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(63), nullable=False),
        sa.Column(
            "value", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(63), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_organisation_setting_key")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # The groups exist since 0006. Everyone reads (the idle-lock policy applies at every
        # login); administrators (members of both groups) alone write.
        op.execute("GRANT SELECT ON organisation_setting TO lkk_verifier, lkk_editor")
        op.execute("GRANT INSERT, UPDATE ON organisation_setting TO lkk_admin")
        op.execute("GRANT USAGE ON SEQUENCE organisation_setting_id_seq TO lkk_admin")


def downgrade() -> None:
    op.drop_table("organisation_setting")
