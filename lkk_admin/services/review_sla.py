"""How many working days a registration request may wait for a decision: the
organisation's service level (SLA), set by an administrator, the same on every desk.

A waiting request older than this, counted in working days of the production calendar
(:mod:`.working_days`), is overdue; the queue highlights it and the overview counts it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from lkk_admin.services import organisation_settings
from lkk_admin.services.errors import DomainError
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.services.working_days import add_working_days

REVIEW_SLA_KEY = "review_sla"
DEFAULT_WORKING_DAYS = 2
MAX_WORKING_DAYS = 60


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_WORKING_DAYS:
        raise DomainError(
            f"Срок рассмотрения — от 1 до {MAX_WORKING_DAYS} рабочих дней; указано {days}.",
            code="BAD_SLA",
        )
    return days


def read_sla(bind: Session | Connection) -> Setting[int]:
    """Working days to a decision (the default until an administrator saves one)."""
    return organisation_settings.read_checked(
        bind, REVIEW_SLA_KEY, lambda value: check_days(int(value["working_days"])),
        DEFAULT_WORKING_DAYS,
    )  # fmt: skip


def save_sla(
    session: Session, days: int, actor: str, *, expected_version: int | None
) -> Setting[int]:
    return organisation_settings.write(
        session,
        REVIEW_SLA_KEY,
        days,
        {"working_days": check_days(days)},
        actor,
        expected_version=expected_version,
        title="срок рассмотрения заявки",
    )


def due_date(submitted: date, days: int) -> date:
    """The last day a request submitted on ``submitted`` is still within ``days``."""
    return add_working_days(submitted, days)
