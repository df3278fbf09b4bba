"""News: every saved text kept as a revision; who changed an item last.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 04:00:00

``news_revision`` keeps each saved text of a news item (title, kind, summary, body,
pinned) with who saved it and when, for comparing versions and restoring one as a new
draft; revisions are never changed or deleted. ``news_item.updated_by`` is the list's
"last change".

PostgreSQL: editors (and administrators, members of the group) read and add revisions,
never update or delete them; news items are archived, not deleted (DELETE taken back
from editors). Verifiers have no access to news at all (0006).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from lkk_admin.models.base import UtcDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("news_item", sa.Column("updated_by", sa.String(63), nullable=True))
    op.create_table(
        "news_revision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("news_item_id", sa.Integer(), sa.ForeignKey("news_item.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("saved_by", sa.String(63), nullable=False),
        sa.Column("saved_at", UtcDateTime(), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.UniqueConstraint("news_item_id", "version", name="uq_news_revision_item_version"),
    )
    op.create_index("ix_news_revision_news_item_id", "news_revision", ["news_item_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("GRANT SELECT, INSERT ON news_revision TO lkk_editor")
    op.execute("GRANT USAGE ON SEQUENCE news_revision_id_seq TO lkk_editor")
    op.execute("REVOKE DELETE ON news_item FROM lkk_editor")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("GRANT DELETE ON news_item TO lkk_editor")
    op.drop_index("ix_news_revision_news_item_id", table_name="news_revision")
    op.drop_table("news_revision")
    op.drop_column("news_item", "updated_by")
