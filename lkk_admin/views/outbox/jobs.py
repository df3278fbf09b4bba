"""What the outbox screen's background jobs do: one function per user action.

Each function runs on a worker thread, opens exactly one unit of work (reads use the
autocommit read factory, changes ``with factory.begin()``) and returns plain data from
:mod:`lkk_admin.services.outbox`; none of them touches Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import outbox
from lkk_admin.services.outbox import OutboxMessage, OutboxPage

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class OutboxQuery:
    """Which letters the table shows. Dates are whole days on the desk's clock."""

    status: str = "all"
    created_from: date | None = None
    created_to: date | None = None
    search: str = ""


@dataclass(frozen=True)
class Snapshot:
    """The status counts and the first rows of the list, read together."""

    counts: dict[str, int]
    page: OutboxPage


@dataclass(frozen=True)
class Changed:
    """A letter after a retry or a cancellation, with the counts it changed."""

    message: OutboxMessage
    counts: dict[str, int]


def load_page(read_factory: Factory, query: OutboxQuery, offset: int, limit: int) -> OutboxPage:
    with read_factory() as session:
        return _page(session, query, offset, limit)


def load_snapshot(read_factory: Factory, query: OutboxQuery, limit: int) -> Snapshot:
    with read_factory() as session:
        return Snapshot(outbox.status_counts(session), _page(session, query, 0, limit))


def _page(session: Session, query: OutboxQuery, offset: int, limit: int) -> OutboxPage:
    return outbox.list_messages(
        session,
        status=query.status,
        created_from=query.created_from,
        created_to=query.created_to,
        search=query.search,
        offset=offset,
        limit=limit,
        tz=None,  # the days the user picked are the desk's days
    )


def open_message(read_factory: Factory, message_id: int) -> OutboxMessage:
    with read_factory() as session:
        return outbox.load_message(session, message_id)


def reveal(factory: Factory, message_id: int, actor: str) -> str:
    with factory.begin() as session:
        return outbox.reveal_recipient(session, message_id, actor)


def retry(factory: Factory, message_id: int, actor: str) -> Changed:
    with factory.begin() as session:
        outbox.retry(session, message_id, actor)
        return _changed(session, message_id)


def cancel(factory: Factory, message_id: int, actor: str, reason: str) -> Changed:
    with factory.begin() as session:
        outbox.cancel(session, message_id, actor, reason)
        return _changed(session, message_id)


def _changed(session: Session, message_id: int) -> Changed:
    return Changed(outbox.load_message(session, message_id), outbox.status_counts(session))
