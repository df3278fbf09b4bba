"""The «Новости» list: tabs by status with counts, one search box, orders, a page, a card.

The status shown is derived at the source's clock: a published item whose ``publish_at``
is still ahead is *scheduled*; a published one whose window has begun stays *published*
(``on_portal`` tells whether the portal shows it now or its ``unpublish_at`` has passed).
The tabs count the same way. A page is one statement (its rows and the query's total, in
one scan); an item's card is two (the item, its revisions newest first). News are a few
hundred rows a year: sorting them needs no index; the search reads the keys migration 0014
keeps (:mod:`.search`). ``benchmarks/news_search_speed.py`` measures both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from lkk_admin.db import constant, run
from lkk_admin.models import NewsItem, NewsRevision
from lkk_admin.models.base import UtcDateTime, table_of
from lkk_admin.models.content import NEWS_KINDS
from lkk_admin.services.errors import NotFoundError
from lkk_admin.services.listing import ListQuery, Page
from lkk_admin.services.moscow_time import MOSCOW
from lkk_admin.services.news_browser.rows import (
    SHOWN_STATUSES,
    TABS,
    NewsDetail,
    NewsRow,
    RevisionLine,
)
from lkk_admin.services.news_browser.search import (
    classify_news_search,
    prepare_connection,
    search_condition,
)

# The orders a clerk may choose by a column's header (ListQuery.order, "-" descending).
ORDERS = (
    "newest",  # the publication date, or the last change of an item never published
    "title",
    "kind",
    "status",
    "published",  # publish_at
    "unpublished",  # unpublish_at
    "pinned",
    "author",
    "changed",  # updated_at
)
_DATED = {"published": "publish_at", "unpublished": "unpublish_at"}
DEFAULT_ORDER = "-newest"
KIND_CHOICE = "kind"  # ListQuery choice: news | article
# An export reads every row in one statement: a limit no list reaches.
_EVERY_ROW = 2**31 - 1

_news = table_of(NewsItem)
_revisions = table_of(NewsRevision)
_NOW = bindparam("now", type_=UtcDateTime())


def _ahead() -> ColumnElement[bool]:
    """Published, with the publication still ahead: scheduled."""
    return and_(_news.c.status == constant("published"), _news.c.publish_at > _NOW)


def _shown_status() -> ColumnElement[str]:
    return case((_ahead(), constant("scheduled")), else_=_news.c.status)


def _tab_condition(tab: str) -> ColumnElement[bool] | None:
    if tab == "all":
        return None
    if tab == "scheduled":
        return _ahead()
    if tab == "published":
        return and_(
            _news.c.status == constant("published"),
            or_(_news.c.publish_at.is_(None), _news.c.publish_at <= _NOW),
        )
    return _news.c.status == constant(tab)


class _Shape(NamedTuple):
    """What a query's statement depends on besides the tab and the order (its values are
    bound): one statement is built and cached per shape."""

    dialect: str
    words: int
    by_kind: bool
    since: bool
    until: bool


def _filters(shape: _Shape, tab: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    by_tab = _tab_condition(tab)
    if by_tab is not None:
        conditions.append(by_tab)
    if shape.by_kind:
        conditions.append(_news.c.kind == bindparam("kind"))
    if shape.since:
        conditions.append(_news.c.publish_at >= bindparam("since", type_=UtcDateTime()))
    if shape.until:
        conditions.append(_news.c.publish_at < bindparam("until", type_=UtcDateTime()))
    search = search_condition(shape.words, shape.dialect)
    if search is not None:
        conditions.append(search)
    return conditions


_STATUS_RANK = {status: rank for rank, status in enumerate(SHOWN_STATUSES)}


def _sort_key(key: str) -> Any:  # a column or an expression
    if key == "title":
        return func.lower(_news.c.title)
    if key == "kind":
        return _news.c.kind
    if key == "status":
        return case(
            *((_shown_status() == constant(s), rank) for s, rank in _STATUS_RANK.items()),
            else_=len(_STATUS_RANK),
        )
    if key in _DATED:
        return _news.c[_DATED[key]]
    if key == "pinned":
        return _news.c.pinned
    if key == "author":
        return func.lower(_news.c.author)
    if key == "changed":
        return _news.c.updated_at
    return func.coalesce(_news.c.publish_at, _news.c.updated_at)


def _directed(column: Any, descending: bool, key: str) -> Any:
    """A sort column in its direction; items without the date come last either way, on
    both databases (they differ in where NULL sorts by default)."""
    ordered = column.desc() if descending else column.asc()
    if key in _DATED:
        ordered = ordered.nulls_last()
    return ordered


_ROW_COLUMNS = (
    _news.c.id,
    _news.c.title,
    _news.c.kind,
    _news.c.status,
    _news.c.publish_at,
    _news.c.unpublish_at,
    _news.c.pinned,
    _news.c.author,
    _news.c.updated_at,
    _news.c.updated_by,
    _news.c.version,
)


@functools.lru_cache(maxsize=256)
def _page_query(shape: _Shape, tab: str, order_by: str) -> Executable:
    filters = _filters(shape, tab)
    descending = order_by.startswith("-")
    key = order_by.lstrip("-")
    # The total over the rows selected, in the same scan (a search reads every key once).
    total = func.count().over()
    return (
        select(*_ROW_COLUMNS, total.label("total"))
        .where(*filters)
        .order_by(
            _directed(_sort_key(key), descending, key),
            _news.c.id.desc() if descending else _news.c.id,
        )
        .offset(bindparam("offset", type_=Integer, literal_execute=True))
        .limit(bindparam("limit", type_=Integer, literal_execute=True))
    )


@functools.lru_cache(maxsize=128)
def _count_query(shape: _Shape) -> Executable:
    shown = _shown_status().label("shown")
    return select(shown, func.count()).where(*_filters(shape, "all")).group_by(shown)


def _moscow_midnight(day: Any) -> datetime:
    return datetime.combine(day, time.min, tzinfo=MOSCOW).astimezone(UTC)


def _row(record: Any, now: datetime) -> NewsRow:
    status = record.status
    publish_at, unpublish_at = record.publish_at, record.unpublish_at
    if status == "published" and publish_at is not None and publish_at > now:
        status = "scheduled"
    on_portal = (
        record.status == "published"
        and publish_at is not None
        and publish_at <= now
        and (unpublish_at is None or now < unpublish_at)
    )
    return NewsRow(
        id=record.id,
        title=record.title,
        kind=record.kind,
        status=status,
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        pinned=bool(record.pinned),
        author=record.author,
        updated_at=record.updated_at,
        updated_by=record.updated_by,
        version=int(record.version),
        on_portal=on_portal,
    )


class NewsSource:
    """The «Новости» list: tabs :data:`rows.TABS` (all, draft, scheduled, published,
    archived) at the time ``now()`` gives (the present when None), one search box
    (:mod:`.search`), the ``kind`` choice (:data:`KIND_CHOICE`), publication dates from/to
    (Moscow days); newest first unless the query's ``order`` names one of :data:`ORDERS`
    (``-`` descending)."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        self._now = now or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self._now()

    def _parts(self, session: Session, query: ListQuery) -> tuple[_Shape, dict[str, Any]]:
        if query.tab not in TABS:
            raise ValueError(f"unknown tab {query.tab!r}")
        kind = query.choice(KIND_CHOICE)
        if kind is not None and kind not in NEWS_KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        words, patterns = classify_news_search(query.search)
        prepare_connection(session)
        params: dict[str, Any] = {**patterns, "now": self._now(), "kind": kind}
        if query.date_from is not None:
            params["since"] = _moscow_midnight(query.date_from)
        if query.date_to is not None:  # the whole last day counts
            params["until"] = _moscow_midnight(query.date_to + timedelta(days=1))
        shape = _Shape(
            dialect=session.get_bind().dialect.name,
            words=words,
            by_kind=kind is not None,
            since=query.date_from is not None,
            until=query.date_to is not None,
        )
        return shape, params

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        """Items per tab for the query's other filters (the tab itself is ignored)."""
        shape, params = self._parts(session, query)
        grouped: Sequence[Any] = run(session, _count_query(shape), params).all()
        by_status = {str(status): int(count) for status, count in grouped}
        counts = {status: by_status.get(status, 0) for status in SHOWN_STATUSES}
        return {"all": sum(counts.values()), **counts}

    def page(
        self, session: Session, query: ListQuery, *, offset: int, after: object, limit: int
    ) -> Page[NewsRow]:
        """``limit`` rows from ``offset`` (paged by offset: ``after`` is not used)."""
        shape, params = self._parts(session, query)
        statement = _page_query(shape, query.tab, _order(query))
        records = run(session, statement, {**params, "offset": offset, "limit": limit}).all()
        if records:
            total = int(records[0].total)
        elif offset == 0:
            total = 0
        else:  # past the end: count separately
            total = self.counts(session, query)[query.tab]
        now = params["now"]
        return Page(tuple(_row(record, now) for record in records), total, offset)

    def detail(self, session: Session, row_id: int) -> NewsDetail:
        return news_detail(session, row_id, now=self._now())

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[NewsRow]:
        """Every item of the query in the list's order: the page's statement without a
        limit, read by a client-side cursor (the desks' sessions are autocommit)."""
        shape, params = self._parts(session, query)
        statement = _page_query(shape, query.tab, _order(query))
        now = params["now"]
        for record in run(session, statement, {**params, "offset": 0, "limit": _EVERY_ROW}):
            yield _row(record, now)


def _order(query: ListQuery) -> str:
    return query.order if query.order.lstrip("-") in ORDERS else DEFAULT_ORDER


_ITEM = select(*_ROW_COLUMNS, _news.c.summary, _news.c.body_html, _news.c.created_at).where(
    _news.c.id == bindparam("id")
)

_REVISIONS = (
    select(
        _revisions.c.version,
        _revisions.c.saved_by,
        _revisions.c.saved_at,
        _revisions.c.title,
        _revisions.c.restored_from,
    )
    .where(_revisions.c.news_item_id == bindparam("id"))
    .order_by(_revisions.c.version.desc())
)


def news_detail(session: Session, news_id: int, *, now: datetime | None = None) -> NewsDetail:
    """One item with its text as stored and its revisions newest first (``NotFoundError``
    if there is no such item); its status is derived at ``now`` (the present if None)."""
    record = run(session, _ITEM, {"id": news_id}).one_or_none()
    if record is None:
        raise NotFoundError(
            f"Новость № {news_id} не найдена: возможно, её уже нет в базе.",
            code="NEWS_NOT_FOUND",
        )
    return NewsDetail(
        id=record.id,
        row=_row(record, now or datetime.now(UTC)),
        summary=record.summary,
        body_html=record.body_html,
        created_at=record.created_at,
        revisions=tuple(
            RevisionLine(
                version=int(line.version),
                saved_by=line.saved_by,
                saved_at=line.saved_at,
                title=line.title,
                restored_from=line.restored_from,
            )
            for line in run(session, _REVISIONS, {"id": news_id})
        ),
    )
