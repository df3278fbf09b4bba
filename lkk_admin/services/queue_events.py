"""Hearing about queue changes made at other desks.

On PostgreSQL a dedicated connection LISTENs on ``lkk_registration_queue`` (a trigger
notifies it with the request id whenever a request is submitted, claimed, released or
decided). SQLite cannot notify: there a cheap fingerprint of the queue is polled.
Both block and belong on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from lkk_admin.models import RegistrationRequest

CHANNEL = "lkk_registration_queue"


def fingerprint(session: Session) -> tuple[int, str]:
    """Changes whenever a request is added or updated (for polling on SQLite)."""
    count, latest = session.execute(
        select(func.count(), func.max(RegistrationRequest.updated_at))
    ).one()
    return int(count), str(latest)


class ChangeListener:
    """A LISTEN connection of its own on ``channel`` (the queue's by default, or the mail
    outbox's); ``wait`` returns the ids notified meanwhile."""

    def __init__(self, engine: Engine, channel: str = CHANNEL) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("LISTEN/NOTIFY needs PostgreSQL; poll fingerprint() instead")
        self._raw = engine.raw_connection()
        driver: Any = self._raw.driver_connection
        if driver is None:  # pragma: no cover - a fresh raw connection always has one
            raise RuntimeError("no driver connection")
        self._connection = driver
        self._connection.autocommit = True
        self._channel = channel
        self._connection.execute(f"LISTEN {channel}")

    def wait(self, timeout: float, *, stop: Callable[[], bool] | None = None) -> set[int]:
        """Block up to ``timeout`` seconds for the first notification, then drain the rest."""
        changed: set[int] = set()
        for notify in self._connection.notifies(timeout=timeout, stop_after=1):
            changed.add(int(notify.payload))
        if changed and not (stop and stop()):
            # Several desks deciding at once: collect what arrived together.
            for notify in self._connection.notifies(timeout=0.05):
                changed.add(int(notify.payload))
        return changed

    def close(self) -> None:
        try:
            self._connection.execute(f"UNLISTEN {self._channel}")
        finally:
            self._raw.invalidate()  # never hand a LISTENing connection back to the pool

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
