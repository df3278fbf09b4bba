"""How many days personal data are kept once their purpose has ended: the organisation's
setting behind :mod:`.retention` (152-ФЗ, ч. 4, 5, 7 ст. 21: destroy or anonymise within
30 days of the purpose ending).

The purpose of an applicant's data ends when the registration request is rejected or
expires unconfirmed, or when an account is left unconfirmed. An administrator sets the
period for everyone; the default is the law's 30 days.
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from lkk_admin.services import organisation_settings
from lkk_admin.services.errors import DomainError
from lkk_admin.services.organisation_settings import Setting

RETENTION_KEY = "personal_data_retention"
DEFAULT_DAYS = 30
MAX_DAYS = 3650  # ten years: anything longer is a typo, not a policy


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(
            f"Срок хранения персональных данных — от 1 до {MAX_DAYS} дней; указано {days}.",
            code="BAD_RETENTION_DAYS",
        )
    return days


def read_period(bind: Session | Connection) -> Setting[int]:
    """Days after the purpose ended (the default until an administrator saves one)."""
    return organisation_settings.read_checked(
        bind, RETENTION_KEY, lambda value: check_days(int(value["days"])), DEFAULT_DAYS
    )


def save_period(
    session: Session, days: int, actor: str, *, expected_version: int | None
) -> Setting[int]:
    return organisation_settings.write(
        session,
        RETENTION_KEY,
        days,
        {"days": check_days(days)},
        actor,
        expected_version=expected_version,
        title="срок хранения персональных данных",
    )
