"""The «Опросы» list: tabs by status with counts, one search box, orders, a page, a card.

The status shown is derived at the source's clock (:func:`shown_status`): an open survey
whose ``opens_at`` is still ahead is *scheduled*; one whose ``closes_at`` has come is
*closed*, as is one closed by hand; an open one between the two is *open* — in SQL, the
rule ``surveys.shown_status`` applies in Python (a test holds them together). The tabs
count the same way, in one statement.

A page is one statement, built like the portal users' (``portal_user_browser.users``):
the page's ids with their sort key and the query's total in a subquery, then, for those
rows only, the number of questions and of responses. A survey may have a hundred thousand
responses: each is counted from the index ``ix_survey_response_survey_submitted``
(migration 0015) alone, and only for the rows shown — except in the order by responses,
which counts them once for every survey the query selects. Measured on 300 surveys with
275,000 responses, two of them 100,000 each (``benchmarks/survey_list_speed.py``): the
counts and the first page of 100 take about 10 ms, as does the order by responses, each
within a few tenths of the same SQL written by hand; one survey's 100,000 are counted in
3 ms.

For the section (``views/surveys/survey_section.py``): :class:`SurveySource` is the
``ListSource`` (``SurveySource()`` reads at the present, ``SurveySource(now=…)`` at a
fixed clock for tests); :data:`ORDERS` are the keys a column's ``sort`` may name
(``ListQuery.order``, ``-`` descending), :data:`DEFAULT_ORDER` the list's own;
``export_rows`` yields the same :class:`SurveyRow` as a page, so the columns' ``export``
callables read them. :func:`survey_detail` is a card outside a list (the builder window).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    bindparam,
    case,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from lkk_admin.db import constant, run
from lkk_admin.models import Survey, SurveyQuestion, SurveyResponse
from lkk_admin.models.base import UtcDateTime, table_of
from lkk_admin.services import surveys
from lkk_admin.services.errors import NotFoundError
from lkk_admin.services.listing import ListQuery, Page
from lkk_admin.services.survey_browser.rows import (
    SHOWN_STATUSES,
    TABS,
    SurveyDetail,
    SurveyRow,
)
from lkk_admin.services.survey_browser.search import (
    classify_survey_search,
    search_condition,
)

# The orders a clerk may choose by a column's header (ListQuery.order, "-" descending).
ORDERS = (
    "newest",  # created_at
    "title",
    "status",  # draft, scheduled, open, closed (the status shown)
    "opens",  # opens_at; surveys without one last either way
    "closes",  # closes_at; likewise
    "responses",
    "author",
    "changed",  # the last change (the creation for a survey never changed since)
)
DEFAULT_ORDER = "-newest"
_DATED = {"opens": "opens_at", "closes": "closes_at"}
# An export reads every row in one statement: a limit no list reaches.
_EVERY_ROW = 2**31 - 1

_surveys = table_of(Survey)
_questions = table_of(SurveyQuestion)
_responses = table_of(SurveyResponse)
_NOW = bindparam("now", type_=UtcDateTime())


def _scheduled() -> ColumnElement[bool]:
    """Open, with the opening still ahead."""
    return and_(_surveys.c.status == constant("open"), _surveys.c.opens_at > _NOW)


def _begun() -> ColumnElement[bool]:
    """Open, and its opening has come (or it was opened with no date)."""
    return and_(
        _surveys.c.status == constant("open"),
        or_(_surveys.c.opens_at.is_(None), _surveys.c.opens_at <= _NOW),
    )


def _closes_passed() -> ColumnElement[bool]:
    return and_(_surveys.c.closes_at.is_not(None), _surveys.c.closes_at <= _NOW)


def shown_status() -> ColumnElement[str]:
    """The status a survey is listed under at ``:now`` (one of ``SHOWN_STATUSES``)."""
    return case(
        (_scheduled(), constant("scheduled")),
        (and_(_begun(), _closes_passed()), constant("closed")),
        else_=_surveys.c.status,
    )


def _tab_condition(tab: str) -> ColumnElement[bool] | None:
    """The surveys of a tab: exactly those :func:`shown_status` lists under it."""
    if tab == "all":
        return None
    if tab == "scheduled":
        return _scheduled()
    if tab == "open":
        return and_(_begun(), not_(_closes_passed()))
    if tab == "closed":
        return or_(_surveys.c.status == constant("closed"), and_(_begun(), _closes_passed()))
    return _surveys.c.status == constant(tab)


def response_count(survey_id: Any) -> ColumnElement[int]:
    """A survey's responses, counted from the index (survey_id, submitted_at) alone."""
    counted = _responses.alias("counted_responses")
    return select(func.count()).where(counted.c.survey_id == survey_id).scalar_subquery()


def question_count(survey_id: Any) -> ColumnElement[int]:
    counted = _questions.alias("counted_questions")
    return select(func.count()).where(counted.c.survey_id == survey_id).scalar_subquery()


def _changed_at() -> ColumnElement[datetime]:
    """The last change; a survey written before migration 0015 has only its creation."""
    return func.coalesce(_surveys.c.updated_at, _surveys.c.created_at)


_STATUS_RANK = {status: rank for rank, status in enumerate(SHOWN_STATUSES)}


def _sort_key(key: str) -> Any:  # a column or an expression
    if key == "title":
        return func.lower(_surveys.c.title)
    if key == "status":
        shown = shown_status()
        return case(
            *((shown == constant(s), rank) for s, rank in _STATUS_RANK.items()),
            else_=len(_STATUS_RANK),
        )
    if key in _DATED:
        return _surveys.c[_DATED[key]]
    if key == "responses":
        return response_count(_surveys.c.id)
    if key == "author":
        return func.lower(_surveys.c.author)
    if key == "changed":
        return _changed_at()
    return _surveys.c.created_at


def _directed(column: Any, descending: bool, key: str) -> Any:
    """A sort column in its direction; surveys without the date come last either way, on
    both databases (they differ in where NULL sorts by default)."""
    ordered = column.desc() if descending else column.asc()
    if key in _DATED:
        ordered = ordered.nulls_last()
    return ordered


def _filters(words: int, tab: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    by_tab = _tab_condition(tab)
    if by_tab is not None:
        conditions.append(by_tab)
    search = search_condition(words)
    if search is not None:
        conditions.append(search)
    return conditions


def _row_columns(responses: Any = None) -> tuple[Any, ...]:
    """What a row is read from (``_row`` takes them by name); ``responses``: the count
    if it is already read (else counted here)."""
    if responses is None:
        responses = response_count(_surveys.c.id)
    return (
        _surveys.c.id,
        _surveys.c.title,
        shown_status().label("shown"),
        _surveys.c.opens_at,
        _surveys.c.closes_at,
        responses.label("responses"),
        question_count(_surveys.c.id).label("questions"),
        _surveys.c.author,
        _changed_at().label("changed_at"),
        func.coalesce(_surveys.c.updated_by, _surveys.c.author).label("changed_by"),
        _surveys.c.version,
    )


@functools.lru_cache(maxsize=256)
def _page_query(words: int, tab: str, order_by: str) -> Executable:
    """The page's ids with their sort key and the total (in the same scan) in a
    subquery; the rows' columns, their questions and responses counted outside it, for
    the page's rows only."""
    descending = order_by.startswith("-")
    key = order_by.lstrip("-")
    # Ordered by its label: the key (a count of responses) is computed once per survey.
    sort_key = _sort_key(key).label("sort_key")
    page = (
        select(_surveys.c.id, sort_key, func.count().over().label("total"))
        .where(*_filters(words, tab))
        .order_by(
            _directed(sort_key, descending, key),
            _surveys.c.id.desc() if descending else _surveys.c.id,
        )
        .offset(bindparam("offset", type_=Integer, literal_execute=True))
        .limit(bindparam("limit", type_=Integer, literal_execute=True))
        .subquery("page")
    )
    # Ordered by responses, the page has counted them already: not twice.
    counted = page.c.sort_key if key == "responses" else None
    return (
        select(*_row_columns(counted), page.c.total)
        .join(page, page.c.id == _surveys.c.id)
        .order_by(
            _directed(page.c.sort_key, descending, key),
            _surveys.c.id.desc() if descending else _surveys.c.id,
        )
    )


@functools.lru_cache(maxsize=16)
def _count_query(words: int) -> Executable:
    shown = shown_status().label("shown")
    return select(shown, func.count()).where(*_filters(words, "all")).group_by(shown)


def _row(record: Any) -> SurveyRow:
    return SurveyRow(
        id=record.id,
        title=record.title,
        status=record.shown,
        opens_at=record.opens_at,
        closes_at=record.closes_at,
        responses=int(record.responses),
        questions=int(record.questions),
        author=record.author,
        updated_at=record.changed_at,
        updated_by=record.changed_by,
        version=int(record.version),
    )


def _order(query: ListQuery) -> str:
    return query.order if query.order.lstrip("-") in ORDERS else DEFAULT_ORDER


class SurveySource:
    """The «Опросы» list: tabs :data:`rows.TABS` (all, draft, scheduled, open, closed)
    at the time ``now()`` gives (the present when None), one search box over titles and
    descriptions (:mod:`.search`); newest first unless the query's ``order`` names one of
    :data:`ORDERS` (``-`` descending). No choices, no date range."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        self._now = now or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self._now()

    def _parts(self, query: ListQuery) -> tuple[int, dict[str, Any]]:
        if query.tab not in TABS:
            raise ValueError(f"unknown tab {query.tab!r}")
        words, patterns = classify_survey_search(query.search)
        return words, {**patterns, "now": self._now()}

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        """Surveys per tab for the query's search (the tab itself is ignored)."""
        words, params = self._parts(query)
        grouped: Sequence[Any] = run(session, _count_query(words), params).all()
        by_status = {str(status): int(count) for status, count in grouped}
        counts = {status: by_status.get(status, 0) for status in SHOWN_STATUSES}
        return {"all": sum(counts.values()), **counts}

    def page(
        self, session: Session, query: ListQuery, *, offset: int, after: object, limit: int
    ) -> Page[SurveyRow]:
        """``limit`` rows from ``offset`` (paged by offset: ``after`` is not used)."""
        words, params = self._parts(query)
        statement = _page_query(words, query.tab, _order(query))
        records = run(session, statement, {**params, "offset": offset, "limit": limit}).all()
        if records:
            total = int(records[0].total)
        elif offset == 0:
            total = 0
        else:  # past the end: count separately
            total = self.counts(session, query)[query.tab]
        return Page(tuple(_row(record) for record in records), total, offset)

    def detail(self, session: Session, row_id: int) -> SurveyDetail:
        return survey_detail(session, row_id, now=self._now())

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[SurveyRow]:
        """Every survey of the query in the list's order: the page's statement without a
        limit (surveys are a few hundred)."""
        words, params = self._parts(query)
        statement = _page_query(words, query.tab, _order(query))
        for record in run(session, statement, {**params, "offset": 0, "limit": _EVERY_ROW}):
            yield _row(record)


_SURVEY = select(
    *_row_columns(),
    _surveys.c.description,
    _surveys.c.created_at,
    _surveys.c.status.label("stored_status"),
).where(_surveys.c.id == bindparam("id"))


def survey_detail(session: Session, survey_id: int, *, now: datetime | None = None) -> SurveyDetail:
    """One survey as its card and its builder show it: the row (status derived at ``now``,
    the present if None), the description, and the stored survey as a draft with every
    question's and option's id, in their order (read by ``surveys.draft_of``, the reader
    saving compares with). ``NotFoundError`` if there is none."""
    params = {"id": survey_id, "now": now or datetime.now(UTC)}
    record = run(session, _SURVEY, params).one_or_none()
    if record is None:
        raise NotFoundError(
            f"Опрос № {survey_id} не найден: возможно, его уже удалили.",
            code="SURVEY_NOT_FOUND",
        )
    description = record.description or ""
    return SurveyDetail(
        id=record.id,
        row=_row(record),
        description=description,
        created_at=record.created_at,
        draft=surveys.draft_of(session, survey_id),
        stored_status=record.stored_status,
    )
