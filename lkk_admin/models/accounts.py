"""Portal accounts, registration requests and the contracts a user may see."""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lkk_admin.models.base import Base, UtcDateTime, utcnow
from lkk_admin.models.registry import ORG_TYPES, Contract, Counterparty, _one_of

USER_STATUSES = ("email_unconfirmed", "pending", "active", "rejected", "blocked")
REQUEST_STATUSES = (
    "email_unconfirmed",
    "pending",
    "in_review",
    "needs_info",
    "approved",
    "rejected",
    "expired",
)
# Requests still waiting for someone: the portal refuses nothing for them, the queue shows them.
OPEN_REQUEST_STATUSES = ("email_unconfirmed", "pending", "in_review", "needs_info")
CONTRACT_DECISIONS = ("granted", "refused")


class PortalUser(Base):
    __tablename__ = "portal_user"
    __table_args__ = (
        CheckConstraint(_one_of("status", USER_STATUSES), name="status"),
        # The portal refuses a login or e-mail that differs only in case.
        Index("uq_portal_user_login_lower", func.lower(text("login")), unique=True),
        Index("uq_portal_user_email_lower", func.lower(text("email")), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(254))
    # Owned by the portal; never shown, logged or even read by LKK Admin: staff roles may
    # not select it (migration 0010), so loading a user leaves it out and touching it on a
    # loaded user raises instead of querying. Only the portal's intake writes it.
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True, deferred_raiseload=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(20), default="email_unconfirmed", index=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Blocking (services.portal_users): the status to restore on unblocking, and the act.
    status_before_block: Mapped[str | None] = mapped_column(String(20))
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    blocked_by: Mapped[str | None] = mapped_column(String(63))
    block_reason: Mapped[str | None] = mapped_column(Text)
    # Set when retention replaced the person's data with the anonymous marker (152-ФЗ).
    anonymised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    requests: Mapped[list["RegistrationRequest"]] = relationship(back_populates="user")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API


class RegistrationRequest(Base):
    __tablename__ = "registration_request"
    __table_args__ = (
        CheckConstraint(_one_of("status", REQUEST_STATUSES), name="status"),
        CheckConstraint(_one_of("org_type", ORG_TYPES), name="org_type"),
        # The queue: by status, oldest first.
        Index("ix_registration_request_status_submitted", "status", "submitted_at", "id"),
        Index("ix_registration_request_inn_kpp", "inn", "kpp"),
        Index("ix_registration_request_claim", "claimed_by", "claim_expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    portal_user_id: Mapped[int] = mapped_column(ForeignKey("portal_user.id"), index=True)
    # Step 3 of the portal form, exactly as typed.
    org_type: Mapped[str] = mapped_column(String(20))
    inn: Mapped[str] = mapped_column(String(32))
    kpp: Mapped[str | None] = mapped_column(String(32))
    org_name: Mapped[str] = mapped_column(String(500))
    existing_counterparty: Mapped[bool] = mapped_column(Boolean, default=False)

    status: Mapped[str] = mapped_column(String(20), default="email_unconfirmed")
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The counterparty a verifier matched the request to (set by the decision).
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparty.id"))

    # A claim is a lease in columns, never a row lock held while a person thinks.
    claimed_by: Mapped[str | None] = mapped_column(String(63))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claim_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    decided_by: Mapped[str | None] = mapped_column(String(63))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    reason_code: Mapped[str | None] = mapped_column(String(40))

    # Derived: the counts of the last automatic check, so the queue list can show them
    # without running the checks per row. Refreshed in the background; decisions always
    # re-run the checks. Not versioned: a refresh must not make a verifier's view stale.
    check_errors: Mapped[int | None] = mapped_column(SmallInteger)
    check_warnings: Mapped[int | None] = mapped_column(SmallInteger)
    check_infos: Mapped[int | None] = mapped_column(SmallInteger)
    checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    # Set when retention replaced the applicant's personal data (services.retention).
    anonymised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    user: Mapped[PortalUser] = relationship(back_populates="requests")
    counterparty: Mapped[Counterparty | None] = relationship()
    contracts: Mapped[list["RegistrationContract"]] = relationship(
        back_populates="request", order_by="RegistrationContract.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API


class RegistrationContract(Base):
    """One contract number the applicant typed, and what became of it."""

    __tablename__ = "registration_contract"
    __table_args__ = (
        CheckConstraint(
            f"decision IS NULL OR {_one_of('decision', CONTRACT_DECISIONS)}", name="decision"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_request_id: Mapped[int] = mapped_column(
        ForeignKey("registration_request.id"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    number_as_typed: Mapped[str] = mapped_column(String(100))
    number_normalized: Mapped[str] = mapped_column(String(100), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id"), index=True)
    decision: Mapped[str | None] = mapped_column(String(10))
    decision_note: Mapped[str | None] = mapped_column(Text)

    request: Mapped[RegistrationRequest] = relationship(back_populates="contracts")
    contract: Mapped[Contract | None] = relationship()


class ContractAccess(Base):
    """A portal user's right to see a contract; revoked, never deleted."""

    __tablename__ = "contract_access"
    __table_args__ = (
        Index("ix_contract_access_user_contract", "portal_user_id", "contract_id"),
        # At most one live grant per user and contract.
        Index(
            "uq_contract_access_live",
            "portal_user_id",
            "contract_id",
            unique=True,
            postgresql_where=text("revoked_at IS NULL"),
            sqlite_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    portal_user_id: Mapped[int] = mapped_column(ForeignKey("portal_user.id"))
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    registration_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("registration_request.id")
    )
    granted_by: Mapped[str] = mapped_column(String(63))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Why an administrator granted it outside a request (the company's letter), if so.
    grant_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by: Mapped[str | None] = mapped_column(String(63))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoke_reason: Mapped[str | None] = mapped_column(Text)
