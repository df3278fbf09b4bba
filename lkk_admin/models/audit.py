"""The append-only audit log and the transactional mail outbox."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from lkk_admin.models.base import Base, UtcDateTime, utcnow
from lkk_admin.models.registry import _one_of

OUTBOX_STATUSES = ("pending", "sent", "failed", "cancelled")


class AuditEvent(Base):
    """Who did what, when. On PostgreSQL the database sets the actor and refuses any change."""

    __tablename__ = "audit_event"
    # Each filter of the log's list ends in its order (newest first by occurred_at, id);
    # on PostgreSQL the other filters' columns ride along for counting (migration 0009,
    # services.audit_log).
    __table_args__ = (
        Index("ix_audit_event_recent", "occurred_at", "id"),
        Index(
            "ix_audit_event_actor_recent",
            "actor",
            "occurred_at",
            "id",
            postgresql_include=["action", "entity"],
        ),
        Index(
            "ix_audit_event_action_recent",
            "action",
            "occurred_at",
            "id",
            postgresql_include=["actor", "entity"],
        ),
        Index(
            "ix_audit_event_entity_recent",
            "entity",
            "occurred_at",
            "id",
            postgresql_include=["actor", "action"],
        ),
        Index("ix_audit_event_object_recent", "entity", "entity_id", "occurred_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(63))
    action: Mapped[str] = mapped_column(String(63))
    entity: Mapped[str] = mapped_column(String(63))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(
        JSON().with_variant(JSONB(), "postgresql"), default=dict
    )


class MailOutbox(Base):
    """An e-mail queued in the same transaction as the decision that causes it."""

    __tablename__ = "mail_outbox"
    __table_args__ = (
        CheckConstraint(_one_of("status", OUTBOX_STATUSES), name="status"),
        Index("ix_mail_outbox_status_next", "status", "next_attempt_at"),
        Index("ix_mail_outbox_entity", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    to_name: Mapped[str | None] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(63))
    entity: Mapped[str | None] = mapped_column(String(63))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set when retention replaced the recipient's personal data (services.retention).
    anonymised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
