"""Notify listeners when a registration request enters, leaves or changes hands in the queue.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 23:30:00

PostgreSQL only: every desk's queue list LISTENs on ``lkk_registration_queue`` and reloads
when another verifier claims, releases or decides. SQLite has no notifications; the demo
database is polled instead (``services.queue_events.fingerprint``).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION registration_request_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('lkk_registration_queue', NEW.id::text);
            RETURN NULL;
        END $$
        """
    )
    # Only the columns that move a request between tabs or hands; stored check summaries
    # are refreshed in the background and must not make every desk reload.
    op.execute(
        """
        CREATE TRIGGER registration_request_notify
        AFTER INSERT OR UPDATE OF status, claimed_by, claim_expires_at
        ON registration_request
        FOR EACH ROW EXECUTE FUNCTION registration_request_notify()
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS registration_request_notify ON registration_request")
    op.execute("DROP FUNCTION IF EXISTS registration_request_notify()")
