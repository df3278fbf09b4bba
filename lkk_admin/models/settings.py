"""Settings the whole organisation shares, kept in the portal database."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from lkk_admin.models.base import Base, UtcDateTime, utcnow


class OrganisationSetting(Base):
    """One setting per key, as JSON. Every desk and the command line read the same row;
    only administrators may change it (migration 0007), and each change is audited."""

    __tablename__ = "organisation_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(63), unique=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON().with_variant(JSONB(), "postgresql"))
    # Bumped by every save: an edit made from an older read is refused as stale.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(63))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's API
