"""How long a desk may sit idle before its window locks: the organisation's policy.

An administrator sets the longest idle time for everyone (152-ФЗ: personal data must not
stay on an unattended screen); a staff member may choose a shorter one for their desk
(``Security/idle_lock_minutes`` in their INI file), never a longer one and never "off".
The demo database has no policy and never locks.
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from lkk_admin.services import organisation_settings
from lkk_admin.services.errors import DomainError
from lkk_admin.services.organisation_settings import Setting

IDLE_LOCK_KEY = "idle_lock"
DEFAULT_MINUTES = 15
MAX_MINUTES = 24 * 60


def check_minutes(minutes: int) -> int:
    if not 1 <= minutes <= MAX_MINUTES:
        raise DomainError(
            f"Время до блокировки — от 1 до {MAX_MINUTES} минут (сутки); указано {minutes}.",
            code="BAD_MINUTES",
        )
    return minutes


def read_policy(bind: Session | Connection) -> Setting[int]:
    """The policy's minutes (the default until an administrator saves one)."""
    return organisation_settings.read_checked(
        bind, IDLE_LOCK_KEY, lambda value: check_minutes(int(value["minutes"])), DEFAULT_MINUTES
    )


def save_policy(
    session: Session, minutes: int, actor: str, *, expected_version: int | None
) -> Setting[int]:
    return organisation_settings.write(
        session,
        IDLE_LOCK_KEY,
        minutes,
        {"minutes": check_minutes(minutes)},
        actor,
        expected_version=expected_version,
        title="время до блокировки",
    )


def effective_minutes(preferred: int | None, policy_minutes: int) -> int:
    """The desk's idle time: the staff member's own choice when it is shorter than the
    policy, else the policy (a choice of 0, "never", or a longer time is not honoured)."""
    if preferred is not None and 1 <= preferred < policy_minutes:
        return preferred
    return policy_minutes
