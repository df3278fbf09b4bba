"""Indexes for the audit log as staff read it: newest first, by key, by each filter.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 01:30:00

The log lists events newest first by (occurred_at, id) and pages by key: "the next 100
after this event". Each filter gets an index that ends in the list's order, so that a page
is one short index range however many million events the log holds and however deep the
user has scrolled: everything, one staff member's events, one kind of action, one kind of
object, one object's history (a b-tree read backwards serves the descending order). The
same leading columns let the filter combo boxes list the distinct values by a loose index
scan. They replace 0001's (occurred_at) and (entity, entity_id), which they cover.

On PostgreSQL the who / what / which-kind indexes also carry the other two columns
(INCLUDE), so that the list's total under two filters at once ("what did ivanov approve")
is counted from the index alone instead of visiting a row per event; and extended
statistics tell the planner that those columns go together (an administrator grants
access, a verifier approves), without which it misjudges such a pair by orders of
magnitude and sorts thousands of rows for a page of a hundred. SQLite gets the same
indexes without the included columns (the demo is small).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# name: (key columns, included columns on PostgreSQL)
INDEXES: dict[str, tuple[list[str], list[str]]] = {
    "ix_audit_event_recent": (["occurred_at", "id"], []),
    "ix_audit_event_actor_recent": (["actor", "occurred_at", "id"], ["action", "entity"]),
    "ix_audit_event_action_recent": (["action", "occurred_at", "id"], ["actor", "entity"]),
    "ix_audit_event_entity_recent": (["entity", "occurred_at", "id"], ["actor", "action"]),
    "ix_audit_event_object_recent": (["entity", "entity_id", "occurred_at", "id"], []),
}
REPLACED = {
    "ix_audit_event_occurred_at": ["occurred_at"],
    "ix_audit_event_entity": ["entity", "entity_id"],
}
STATISTICS = "audit_event_who_what"


def upgrade() -> None:
    for name, (columns, included) in INDEXES.items():
        op.create_index(name, "audit_event", columns, postgresql_include=included)
    for name in REPLACED:
        op.drop_index(name, table_name="audit_event")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE STATISTICS {STATISTICS} (mcv, dependencies) "
            "ON actor, action, entity FROM audit_event"
        )
        op.execute("ANALYZE audit_event")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")
    for name, columns in REPLACED.items():
        op.create_index(name, "audit_event", columns)
    for name in INDEXES:
        op.drop_index(name, table_name="audit_event")
