"""The statements behind a survey's results (:mod:`.survey_results`): what the database
counts, and the free-text answers it hands over.

Every figure but the free texts comes from one statement, :func:`counts_statement`: a
UNION ALL of grouped branches, each row ``(kind, segment, question, option, rating, day,
count)``:

- ``day``: responses per day bucket — PostgreSQL's Moscow day (``Europe/Moscow``), or on
  SQLite, which knows no zones, the UTC hour (``YYYY-MM-DD HH``), folded into Moscow days
  by :func:`moscow_day` (Moscow's offsets have always been whole hours);
- ``chosen``: respondents per question, option and rating value. The whole survey counts
  a respondent once however many rows they left: the results index (question, option,
  rating, response) hands the rows over in that order, so the distinct count needs no
  sort and no hash. Split, the rows reach the aggregate in no useful order and a distinct
  count would sort a million of them: there each row is a respondent, as the portal
  stores them (one row per option chosen or value given);
- ``answered``: respondents per multiple-choice question who chose anything (a one
  choice or a rating has one row per respondent: its counts add up to it);
- ``eligible``: the portal users active while the survey was open — a contract access
  live at some moment between its opening and its end (closing or now) — and every
  respondent besides.

One statement rather than four: one round trip (a branch office's VPN costs a round trip
per statement), and split, the respondents' segments are worked out once for every
branch. A user's segment is read from every contract access they have had (live or
revoked): the organisation type of the contracts' counterparties and the contracts'
price category, "mixed" when they differ, "none" without any.

The free texts (:func:`texts_statement`) are rows, oldest first, with the organisation
type of those who wrote them; the screen's searchable list pages them on the server
(:func:`text_page_statement`).
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql import Executable
from sqlalchemy.sql.elements import Label
from sqlalchemy.sql.selectable import CTE

from lkk_admin.db import constant
from lkk_admin.models import (
    Contract,
    ContractAccess,
    Counterparty,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from lkk_admin.models.base import UtcDateTime, table_of
from lkk_admin.services.moscow_time import MOSCOW, MOSCOW_ZONE_NAME

WHOLE = "all"  # the segment of every row when the results are not split
MIXED = "mixed"
NONE = "none"
SEGMENT_COLUMNS = ("org_type", "price_category")  # the splits, as columns of a user's segment

_surveys = table_of(Survey)
_questions = table_of(SurveyQuestion)
_options = table_of(SurveyOption)
_responses = table_of(SurveyResponse)
_answers = table_of(SurveyAnswer)
_access = table_of(ContractAccess)
_contracts = table_of(Contract)
_counterparties = table_of(Counterparty)

_SURVEY_ID = bindparam("survey_id", type_=Integer)
_CHOICE_QUESTIONS = bindparam("questions", type_=Integer, expanding=True)
_MULTIPLE_QUESTIONS = bindparam("multiple", type_=Integer, expanding=True)
_TEXT_QUESTIONS = bindparam("texts", type_=Integer, expanding=True)
_START = bindparam("start", type_=UtcDateTime())
_END = bindparam("end", type_=UtcDateTime())

SURVEY = select(
    _surveys.c.id, _surveys.c.title, _surveys.c.status, _surveys.c.opens_at, _surveys.c.closes_at
).where(_surveys.c.id == _SURVEY_ID)
QUESTIONS = (
    select(
        _questions.c.id,
        _questions.c.position,
        _questions.c.kind,
        _questions.c.text,
        _questions.c.required,
        _questions.c.rating_scale,
    )
    .where(_questions.c.survey_id == _SURVEY_ID)
    .order_by(_questions.c.position, _questions.c.id)
)
OPTIONS = (
    select(_options.c.id, _options.c.survey_question_id.label("question_id"), _options.c.text)
    .join(_questions, _questions.c.id == _options.c.survey_question_id)
    .where(_questions.c.survey_id == _SURVEY_ID)
    .order_by(_options.c.survey_question_id, _options.c.position, _options.c.id)
)
QUESTION_KIND = select(_questions.c.survey_id, _questions.c.kind).where(
    _questions.c.id == bindparam("question_id", type_=Integer)
)


# --- segments ---------------------------------------------------------------------------


def _live() -> ColumnElement[bool]:
    """A contract access live at some moment between ``start`` and ``end``."""
    return and_(
        _access.c.granted_at < _END,
        or_(_access.c.revoked_at.is_(None), _access.c.revoked_at > _START),
    )


def _segment_keys() -> list[Label[str]]:
    """Aggregates over a user's contract accesses joined to their contracts and
    counterparties: the organisation type and the price category, "mixed" when they
    differ, "none" with no contract (an outer join's empty group)."""
    keys = []
    for name, column in (
        ("org_type", _counterparties.c.org_type),
        ("price_category", cast(_contracts.c.price_category, String)),
    ):
        low = func.min(column)
        key = case(
            (low.is_(None), constant(NONE)), (low == func.max(column), low), else_=constant(MIXED)
        )
        keys.append(key.label(name))
    return keys


def _contracts_of(access: Any) -> Any:
    """``access`` with its contracts and their counterparties (outer: a user without any
    keeps a row)."""
    return access.outerjoin(_contracts, _contracts.c.id == _access.c.contract_id).outerjoin(
        _counterparties, _counterparties.c.id == _contracts.c.counterparty_id
    )


def user_segments(users: Select[Any] | None = None, *, live: bool = False) -> Select[Any]:
    """Per portal user with a contract access (of ``users`` only, if given): the
    organisation type and the price category of their contracts (:func:`_segment_keys`);
    with ``live``, whether one of the accesses was live in the window (1 or 0)."""
    columns: list[ColumnElement[Any]] = [
        _access.c.portal_user_id.label("user_id"),
        *_segment_keys(),
    ]
    if live:
        columns.append(func.max(case((_live(), 1), else_=0)).label("live"))
    statement = (
        select(*columns).select_from(_contracts_of(_access)).group_by(_access.c.portal_user_id)
    )
    return statement if users is None else statement.where(_access.c.portal_user_id.in_(users))


def _respondent_users() -> Select[Any]:
    return select(_responses.c.portal_user_id).where(_responses.c.survey_id == _SURVEY_ID)


# --- the counts -------------------------------------------------------------------------


def day_bucket(moment: Any, postgresql: bool) -> ColumnElement[Any]:
    """PostgreSQL: the Moscow day of a moment; SQLite: its UTC hour (see the module)."""
    if postgresql:
        return cast(func.timezone(constant(MOSCOW_ZONE_NAME), moment), Date)
    return func.strftime(constant("%Y-%m-%d %H"), moment)


def moscow_day(bucket: Any, postgresql: bool) -> date:
    """The Moscow day of a ``day`` row's bucket."""
    if postgresql:
        return bucket if isinstance(bucket, date) else date.fromisoformat(str(bucket))
    hour = datetime.strptime(str(bucket), "%Y-%m-%d %H").replace(tzinfo=UTC)
    return hour.astimezone(MOSCOW).date()


class _Shape:
    """The columns every branch of the counts has, typed alike (a UNION needs it)."""

    def __init__(self, postgresql: bool) -> None:
        self.postgresql = postgresql

    def row(
        self,
        kind: str,
        segment: Any,
        count: Any,
        *,
        question: Any = None,
        option: Any = None,
        rating: Any = None,
        bucket: Any = None,
    ) -> list[ColumnElement[Any]]:
        day_type = Date if self.postgresql else String
        return [
            constant(kind).label("kind"),
            segment.label("segment"),
            (cast(null(), Integer) if question is None else question).label("question_id"),
            (cast(null(), Integer) if option is None else option).label("option_id"),
            (cast(null(), Integer) if rating is None else rating).label("rating"),
            (cast(null(), day_type) if bucket is None else bucket).label("bucket"),
            count.label("count"),
        ]


@functools.lru_cache(maxsize=16)
def counts_statement(postgresql: bool, by: str | None, window: bool) -> Executable:
    """The survey's counts per segment under ``by`` (``WHOLE`` unsplit); ``window``: it
    was open (bound ``start`` and ``end``), so the active users are counted too. Bound:
    ``survey_id``, ``questions`` (every question but the text ones), ``multiple``."""
    shape = _Shape(postgresql)
    if by is None:
        return union_all(*_whole(shape, window))
    return union_all(*_split(shape, by, window))


def _whole(shape: _Shape, window: bool) -> list[Select[Any]]:
    whole = constant(WHOLE)
    bucket = day_bucket(_responses.c.submitted_at, shape.postgresql)
    answer = _answers.c
    question, option, rating = answer.survey_question_id, answer.survey_option_id, answer.rating
    respondents = func.count(answer.survey_response_id.distinct())
    chosen = shape.row("chosen", whole, respondents, question=question, option=option,
                       rating=rating)  # fmt: skip
    branches = [
        select(*shape.row("day", whole, func.count(), bucket=bucket))
        .where(_responses.c.survey_id == _SURVEY_ID)
        .group_by(bucket),
        select(*chosen).where(question.in_(_CHOICE_QUESTIONS)).group_by(question, option, rating),
        select(*shape.row("answered", whole, respondents, question=question))
        .where(question.in_(_MULTIPLE_QUESTIONS), option.is_not(None))
        .group_by(question),
    ]
    if window:
        # Users with a live access, and respondents without one.
        user = _access.c.portal_user_id
        branches.append(
            select(*shape.row("eligible", whole, func.count(user.distinct()))).where(_live())
        )
        unseen = ~select(user).where(user == _responses.c.portal_user_id, _live()).exists()
        branches.append(
            select(*shape.row("eligible", whole, func.count())).where(
                _responses.c.survey_id == _SURVEY_ID, unseen
            )
        )
    return branches


def _split(shape: _Shape, by: str, window: bool) -> list[Select[Any]]:
    """The same per segment: every user's segment worked out once (``segment``), the
    survey's responses with theirs (``respondent``), both shared by the branches."""
    users = (user_segments(live=True) if window else user_segments(_respondent_users())).cte(
        "segment"
    )
    none = constant(NONE)
    who = (
        select(
            _responses.c.id.label("response_id"),
            _responses.c.submitted_at,
            func.coalesce(users.c[by], none).label("segment"),
        )
        .select_from(_responses.outerjoin(users, users.c.user_id == _responses.c.portal_user_id))
        .where(_responses.c.survey_id == _SURVEY_ID)
        .cte("respondent")
    )
    segment = who.c.segment
    bucket = day_bucket(who.c.submitted_at, shape.postgresql)
    answer = _answers.c
    question, option, rating = answer.survey_question_id, answer.survey_option_id, answer.rating
    answers = _answers.join(who, who.c.response_id == answer.survey_response_id)
    respondents = func.count(answer.survey_response_id.distinct())
    chosen = shape.row("chosen", segment, func.count(), question=question, option=option,
                       rating=rating)  # fmt: skip
    branches = [
        select(*shape.row("day", segment, func.count(), bucket=bucket)).group_by(segment, bucket),
        select(*chosen)
        .select_from(answers)
        .where(question.in_(_CHOICE_QUESTIONS))
        .group_by(segment, question, option, rating),
        select(*shape.row("answered", segment, respondents, question=question))
        .select_from(answers)
        .where(question.in_(_MULTIPLE_QUESTIONS), option.is_not(None))
        .group_by(segment, question),
    ]
    if window:
        # Users with a live access or a response, by their segment; respondents with no
        # contract at all have no segment row: "none".
        answered = users.c.user_id.in_(_respondent_users())
        branches.append(
            select(*shape.row("eligible", users.c[by], func.count()))
            .where(or_(users.c.live == 1, answered))
            .group_by(users.c[by])
        )
        contractless = ~(
            select(_access.c.portal_user_id)
            .where(_access.c.portal_user_id == _responses.c.portal_user_id)
            .exists()
        )
        branches.append(
            select(*shape.row("eligible", none, func.count())).where(
                _responses.c.survey_id == _SURVEY_ID, contractless
            )
        )
    return branches


# --- the free texts ---------------------------------------------------------------------


def text_given() -> ColumnElement[bool]:
    return func.trim(_answers.c.text_value) != constant("")


@functools.lru_cache(maxsize=8)
def texts_statement(by: str | None) -> Executable:
    """Every non-empty answer to the questions ``texts``, oldest first, with the writer's
    organisation type and segment under ``by``: each answer grouped with the writer's
    contract accesses (one or two rows each), so segments are worked out for the writers
    only, in the same pass."""
    keys = {key.name: key for key in _segment_keys()}
    segment = constant(WHOLE) if by is None else keys[by]
    writers = _answers.join(_responses, _responses.c.id == _answers.c.survey_response_id)
    return (
        select(
            segment.label("segment"),
            _answers.c.survey_question_id,
            _answers.c.survey_response_id,
            _answers.c.text_value,
            _responses.c.submitted_at,
            keys["org_type"],
        )
        .select_from(
            _contracts_of(
                writers.outerjoin(_access, _access.c.portal_user_id == _responses.c.portal_user_id)
            )
        )
        .where(_answers.c.survey_question_id.in_(_TEXT_QUESTIONS), text_given())
        .group_by(_answers.c.id, _responses.c.id)
        .order_by(_responses.c.submitted_at, _answers.c.survey_response_id, _answers.c.id)
    )


def _text_conditions(words: int) -> list[ColumnElement[bool]]:
    """A question's non-empty answers holding every word ``word_0``… (LIKE patterns of
    the folded words: lower case, ё as е)."""
    folded = func.replace(func.lower(_answers.c.text_value), constant("ё"), constant("е"))
    return [
        _answers.c.survey_question_id == bindparam("question_id", type_=Integer),
        text_given(),
        *(
            folded.like(bindparam(f"word_{index}", type_=String), escape="\\")
            for index in range(words)
        ),
    ]


@functools.lru_cache(maxsize=16)
def text_page_statement(words: int) -> Executable:
    """A page (``offset``, ``limit``) of the answers found, newest first, with how many
    were found; the writers' organisation types are read for the page's rows only."""
    page: CTE = (
        select(
            _answers.c.id,
            _answers.c.survey_response_id.label("response_id"),
            _answers.c.text_value,
            _responses.c.submitted_at,
            _responses.c.portal_user_id,
            func.count().over().label("total"),
        )
        .join(_responses, _responses.c.id == _answers.c.survey_response_id)
        .where(*_text_conditions(words))
        .order_by(_responses.c.submitted_at.desc(), _answers.c.id.desc())
        .offset(bindparam("offset", type_=Integer, literal_execute=True))
        .limit(bindparam("limit", type_=Integer, literal_execute=True))
        .cte("page")
    )
    segment = user_segments(select(page.c.portal_user_id)).subquery("segment")
    return (
        select(
            page.c.response_id,
            page.c.text_value,
            func.coalesce(segment.c.org_type, constant(NONE)).label("org_type"),
            page.c.submitted_at,
            page.c.total,
        )
        .select_from(page.outerjoin(segment, segment.c.user_id == page.c.portal_user_id))
        .order_by(page.c.submitted_at.desc(), page.c.id.desc())
    )


@functools.lru_cache(maxsize=16)
def text_count_statement(words: int) -> Executable:
    return select(func.count()).select_from(_answers).where(*_text_conditions(words))
