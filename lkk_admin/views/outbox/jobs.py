"""What the outbox screen's commands do in their background jobs: one function each.

Each function runs on a worker thread, opens exactly one unit of work
(``with factory.begin()``) and returns plain data from :mod:`lkk_admin.services.outbox`;
none of them touches Qt. Reading the list and a letter is the section's source's work
(:class:`~lkk_admin.services.outbox.OutboxSource`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import outbox
from lkk_admin.services.outbox import OutboxMessage

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class Changed:
    """A letter after a retry or a cancellation, with the counts it changed."""

    message: OutboxMessage
    counts: dict[str, int]


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
