"""The database connections in use right now, so that the desk's shutdown can cancel
the statements running on them.

A background job in the middle of a long statement (a list's count over a slow VPN, a
big export) does not look at its cancel flag until the statement returns. When the desk
ends, it cancels the statements themselves: SQLite's ``interrupt()`` and PostgreSQL's
cancel request are both made to be called from another thread. The job then fails with
the driver's error, which nobody receives any more, and its transaction is rolled back.

No Qt here: the tracking is SQLAlchemy's pool events, for every engine of the process.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.pool import Pool

log = logging.getLogger(__name__)

# PostgreSQL's cancel request is a connection of its own; a server that does not answer
# must not hold the shutdown up for longer than this.
CANCEL_TIMEOUT_S = 1.0


def cancel_statement(dbapi_connection: Any) -> None:
    """Cancel what ``dbapi_connection`` is running, if anything (from any thread)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.interrupt()  # a no-op when no statement runs
        return
    cancel_safe = getattr(dbapi_connection, "cancel_safe", None)  # psycopg 3.2+
    if cancel_safe is not None:
        cancel_safe(timeout=CANCEL_TIMEOUT_S)
        return
    cancel = getattr(dbapi_connection, "cancel", None)
    if cancel is not None:
        cancel()


class StatementsInFlight:
    """Keeps the DBAPI connections checked out of any pool; ``interrupt_all`` cancels
    their statements. ``install`` before the first engine is used, ``uninstall`` after."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checked_out: dict[object, Any] = {}  # pool record -> DBAPI connection
        self._installed = False

    def install(self) -> None:
        if not self._installed:
            event.listen(Pool, "checkout", self._on_checkout)
            event.listen(Pool, "checkin", self._on_checkin)
            self._installed = True

    def uninstall(self) -> None:
        if self._installed:
            event.remove(Pool, "checkout", self._on_checkout)
            event.remove(Pool, "checkin", self._on_checkin)
            self._installed = False
        with self._lock:
            self._checked_out.clear()

    @property
    def count(self) -> int:
        """How many connections are checked out now."""
        with self._lock:
            return len(self._checked_out)

    def interrupt_all(self) -> int:
        """Cancel the statement on every checked-out connection; return how many were asked."""
        with self._lock:
            connections = list(self._checked_out.values())
        asked = 0
        for connection in connections:
            try:
                cancel_statement(connection)
            except Exception:  # closed meanwhile, server gone: the bound still holds
                log.debug("could not cancel a statement", exc_info=True)
            else:
                asked += 1
        return asked

    # pool events (any thread)

    def _on_checkout(self, dbapi_connection: Any, record: object, _proxy: object) -> None:
        with self._lock:
            self._checked_out[record] = dbapi_connection

    def _on_checkin(self, _dbapi_connection: Any, record: object) -> None:
        with self._lock:
            self._checked_out.pop(record, None)
