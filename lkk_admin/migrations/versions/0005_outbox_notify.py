"""Wake the mail senders when a message becomes due.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 02:00:00

PostgreSQL only: ``lkk-admin send-mail --watch`` (and a desk delivering in the background)
LISTENs on ``lkk_mail_outbox``; a decision that queues an e-mail, or a retry from the
outbox screen, notifies it with the message id. A sender claiming a message moves its
next attempt into the future, which notifies nobody. SQLite senders poll.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION mail_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('lkk_mail_outbox', NEW.id::text);
            RETURN NULL;
        END $$
        """
    )
    # The minute of slack: the desk's clock stamps next_attempt_at, the server's is now().
    op.execute(
        """
        CREATE TRIGGER mail_outbox_notify
        AFTER INSERT OR UPDATE OF status, next_attempt_at ON mail_outbox
        FOR EACH ROW
        WHEN (NEW.status = 'pending' AND NEW.next_attempt_at <= now() + interval '1 minute')
        EXECUTE FUNCTION mail_outbox_notify()
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS mail_outbox_notify ON mail_outbox")
    op.execute("DROP FUNCTION IF EXISTS mail_outbox_notify()")
