"""What the queue screen's background jobs do: one function per user action.

Each function runs on a worker thread, opens exactly one unit of work
(``with factory.begin() as session``; jobs that only read use the autocommit read factory)
and returns plain data from the services; none of them touches Qt. The screen passes them
to :class:`~lkk_admin.views.workers.JobRunner`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import queue, queue_events, request_details, request_list
from lkk_admin.services.mail_templates import DEFAULT_PORTAL_URL
from lkk_admin.services.queue import Claim, Decision, Taken
from lkk_admin.services.request_details import ContactField, RequestDetails
from lkk_admin.services.request_list import Page

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class ListQuery:
    """Which rows the table shows: a tab, a search text and the server-side order."""

    tab: str = "pending"
    search: str = ""
    sort: str = "submitted_at"
    descending: bool = False


@dataclass(frozen=True)
class Snapshot:
    """The tab counts and the first rows of the list, read together."""

    counts: dict[str, int]
    page: Page


@dataclass(frozen=True)
class Opened:
    """A request as the pane shows it; ``none_waiting``: "take next" found nothing;
    ``taken``: what "take next" claimed and why it came first."""

    details: RequestDetails | None
    none_waiting: bool = False
    taken: Taken | None = None


def load_snapshot(read_factory: Factory, query: ListQuery, limit: int) -> Snapshot:
    with read_factory() as session:
        counts = request_list.tab_counts(session)
        page = request_list.list_requests(
            session,
            tab=query.tab,
            search=query.search,
            sort=query.sort,
            descending=query.descending,
            offset=0,
            limit=limit,
        )
    return Snapshot(counts, page)


def load_page(read_factory: Factory, query: ListQuery, offset: int, limit: int) -> Page:
    with read_factory() as session:
        return request_list.list_requests(
            session,
            tab=query.tab,
            search=query.search,
            sort=query.sort,
            descending=query.descending,
            offset=offset,
            limit=limit,
        )


def check_summaries(factory: Factory, request_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Run the automatic checks of the rows not checked yet; their counts by id."""
    with factory.begin() as session:
        unchecked = request_list.unchecked_ids(session, request_ids)
        return request_list.refresh_check_summaries(session, unchecked)


def queue_fingerprint(read_factory: Factory) -> tuple[int, str]:
    with read_factory() as session:
        return queue_events.fingerprint(session)


def open_request(factory: Factory, request_id: int) -> Opened:
    with factory.begin() as session:
        return Opened(request_details.load(session, request_id))


def claim(factory: Factory, request_id: int, actor: str) -> Opened:
    with factory.begin() as session:
        queue.claim(session, request_id, actor)
        return Opened(request_details.load(session, request_id))


def claim_next(factory: Factory, actor: str) -> Opened:
    with factory.begin() as session:
        taken = queue.take_next(session, actor)
        if taken is None:
            return Opened(None, none_waiting=True)
        return Opened(request_details.load(session, taken.request_id), taken=taken)


def release(factory: Factory, request_id: int, actor: str, *, force: bool = False) -> Opened:
    with factory.begin() as session:
        queue.release(session, request_id, actor, force=force)
        return Opened(request_details.load(session, request_id))


def renew(factory: Factory, request_id: int, actor: str) -> Claim:
    with factory.begin() as session:
        return queue.renew(session, request_id, actor)


def reveal(factory: Factory, request_id: int, actor: str, field: ContactField) -> str:
    with factory.begin() as session:
        return request_details.reveal_contact(session, request_id, actor, field)


def approve(
    factory: Factory,
    request_id: int,
    actor: str,
    contract_numbers: Sequence[str],
    expected_version: int,
    *,
    portal_url: str = DEFAULT_PORTAL_URL,
) -> Decision:
    with factory.begin() as session:
        return queue.approve(
            session,
            request_id,
            actor,
            list(contract_numbers),
            expected_version=expected_version,
            portal_url=portal_url,
        )


def reject(
    factory: Factory,
    request_id: int,
    actor: str,
    reason: str,
    *,
    reason_code: str | None,
    expected_version: int,
    portal_url: str = DEFAULT_PORTAL_URL,
) -> Decision:
    with factory.begin() as session:
        return queue.reject(
            session,
            request_id,
            actor,
            reason,
            reason_code,
            expected_version=expected_version,
            portal_url=portal_url,
        )


def return_for_clarification(
    factory: Factory,
    request_id: int,
    actor: str,
    message: str,
    expected_version: int,
    *,
    portal_url: str = DEFAULT_PORTAL_URL,
) -> Decision:
    with factory.begin() as session:
        return queue.return_for_clarification(
            session,
            request_id,
            actor,
            message,
            expected_version=expected_version,
            portal_url=portal_url,
        )
