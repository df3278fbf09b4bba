"""Settings the whole organisation shares (``organisation_setting``): read by every desk
and the command line, written by administrators, one audited row per key.

Each save names the version its editor read; a save made since is not overwritten (two
administrators editing at once do not silently undo each other).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lkk_admin.models import AuditEvent, OrganisationSetting
from lkk_admin.models.base import utcnow
from lkk_admin.services.errors import ConflictError, DomainError

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """A setting as read or saved: its value, the version a later save must find (None:
    never saved, the default applies) and who saved it when."""

    value: T
    version: int | None
    updated_at: datetime | None = None
    updated_by: str | None = None


def read(bind: Session | Connection, key: str) -> Setting[dict[str, Any] | None]:
    """The stored JSON (None when never saved)."""
    row = bind.execute(
        select(
            OrganisationSetting.value,
            OrganisationSetting.version,
            OrganisationSetting.updated_at,
            OrganisationSetting.updated_by,
        ).where(OrganisationSetting.key == key)
    ).one_or_none()
    if row is None:
        return Setting(None, None)
    return Setting(dict(row.value), row.version, row.updated_at, row.updated_by)


def read_checked(
    bind: Session | Connection, key: str, parse: Callable[[dict[str, Any]], T], default: T
) -> Setting[T]:
    """The stored value as ``parse`` reads it; ``default`` when none is stored or it no
    longer parses (a damaged row must not switch a safeguard off or break every login).
    ``parse`` raises ``KeyError``, ``TypeError``, ``ValueError`` or ``DomainError``."""
    stored = read(bind, key)
    value = default
    if stored.value is not None:
        try:
            value = parse(stored.value)
        except (KeyError, TypeError, ValueError, DomainError):
            value = default
    return Setting(value, stored.version, stored.updated_at, stored.updated_by)


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
    value: T,
    stored_as: dict[str, Any],
    actor: str,
    *,
    expected_version: int | None,
    title: str,
) -> Setting[T]:
    """Save ``value`` (as the JSON ``stored_as``) under ``key`` in the caller's transaction
    and audit the change. ``expected_version``: the version the editor read (None: nothing
    was saved then). ``title``: the setting's name in Russian, in lower case."""
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
    row.value, row.updated_at, row.updated_by = stored_as, now, actor
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
            details={"key": key, "before": before, "after": stored_as},
        )
    )
    session.flush()
    return Setting(value, row.version, now, actor)
