"""Settings the whole organisation shares (``organisation_setting``): read by every desk
and the command line, written by administrators, one audited row per key.

Each save names the version its editor read; a save made since is not overwritten (two
administrators editing at once do not silently undo each other).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lkk_admin.models import AuditEvent, OrganisationSetting
from lkk_admin.models.base import utcnow
from lkk_admin.services.errors import ConflictError, DomainError

T = TypeVar("T")


@dataclass(frozen=True)
class Stored:
    """A setting as read: its value (None: never saved) and who saved it when."""

    value: dict[str, Any] | None
    version: int | None
    updated_at: datetime | None = None
    updated_by: str | None = None


def read(bind: Session | Connection, key: str) -> Stored:
    row = bind.execute(
        select(
            OrganisationSetting.value,
            OrganisationSetting.version,
            OrganisationSetting.updated_at,
            OrganisationSetting.updated_by,
        ).where(OrganisationSetting.key == key)
    ).one_or_none()
    if row is None:
        return Stored(None, None)
    return Stored(dict(row.value), row.version, row.updated_at, row.updated_by)


def read_checked(
    bind: Session | Connection, key: str, parse: Callable[[dict[str, Any]], T], default: T
) -> tuple[T, Stored]:
    """The stored value as ``parse`` reads it; ``default`` when none is stored or it no
    longer parses (a damaged row must not switch a safeguard off or break every login).
    ``parse`` raises ``KeyError``, ``TypeError``, ``ValueError`` or ``DomainError``."""
    stored = read(bind, key)
    if stored.value is None:
        return default, stored
    try:
        return parse(stored.value), stored
    except (KeyError, TypeError, ValueError, DomainError):
        return default, stored


def _stale(title: str, changed_by: str | None) -> ConflictError:
    who = f" ({changed_by})" if changed_by else ""
    return ConflictError(
        f"Пока вы правили настройку «{title}», её сохранил другой администратор{who}. "
        "Откройте окно заново, проверьте значения и сохраните ещё раз.",
        code="STALE",
    )


def write(
    session: Session,
    key: str,
    value: dict[str, Any],
    actor: str,
    *,
    expected_version: int | None,
    title: str,
) -> Stored:
    """Save ``value`` under ``key`` in the caller's transaction and audit the change.
    ``expected_version``: the version the editor read (None: nothing was saved then).
    ``title``: the setting's name in Russian, in lower case («реквизиты поставщика»)."""
    row = session.scalars(
        select(OrganisationSetting).where(OrganisationSetting.key == key).with_for_update()
    ).one_or_none()
    if (None if row is None else row.version) != expected_version:
        raise _stale(title, row.updated_by if row is not None else None)
    before = None if row is None else dict(row.value)
    if row is None:
        row = OrganisationSetting(key=key)
        session.add(row)
    now = utcnow()
    row.value, row.updated_at, row.updated_by = value, now, actor
    try:
        session.flush()
    except IntegrityError as error:  # another administrator saved it first, just now
        raise _stale(title, None) from error
    session.add(
        AuditEvent(
            actor=actor,
            action="organisation_setting_changed",
            entity="organisation_setting",
            entity_id=row.id,
            details={"key": key, "before": before, "after": value},
        )
    )
    session.flush()
    return Stored(value, row.version, now, actor)
