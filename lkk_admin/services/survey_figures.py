"""The statements behind a survey's results (:mod:`.survey_results`): what the database
counts, and the free-text answers it hands over.

Every figure comes from one statement, :func:`results_statement`: a UNION ALL of
branches, each row ``(kind, segment, question, option, rating, bucket, number, …)``:

- ``day``: responses per UTC hour (a timestamp on PostgreSQL; on SQLite, which knows no
  zones, ``YYYY-MM-DD HH``), folded into Moscow days by :func:`moscow_day` (Moscow's
  offsets have always been whole hours);
- ``chosen``: respondents per question and option, or rating value, one branch per kind
  of question. The whole survey counts a respondent once however many rows they left:
  the choices' and the ratings' indexes (question, option or value, response) hand the
  rows over in that order, so the distinct count needs no sort of the index. Split, the
  rows reach the aggregate in no useful order and a distinct count would sort a million
  of them: there each row is a respondent, as the portal stores them (one row per option
  chosen or value given);
- ``answered``: respondents per multiple-choice question who chose anything (a one
  choice or a rating has one row per respondent: its counts add up to it), a streaming
  distinct over the choices' (question, response) index;
- ``eligible``: the portal users active while the survey was open — a contract access
  live at some moment between its opening and its end (closing or now) — and every
  respondent besides;
- ``text``: every non-empty free-text answer, ranked newest first (``newest``); who wrote
  it and when only for the newest page (``page``), the rest are just texts. The writers'
  organisation types are read for the page alone (a subquery above the ranking), split
  ones from the segment every respondent is given anyway.

One statement rather than several: one round trip (a branch office's VPN costs a round
trip per statement). Unsplit, the branches are typed alike and wrapped in a subquery so
that PostgreSQL may hand them to parallel workers (a Parallel Append: each branch whole
to one process); the ranking of the texts runs above, on the gathered rows. Split, every
user's segment is worked out once and shared by the branches (a CTE, which keeps the
statement in one process). A user's segment is read from every contract access they have
had (live or revoked): the organisation type of the contracts' counterparties and the
contracts' price category, "mixed" when they differ, "none" without any.

The screen's searchable list of free texts pages them on the server
(:func:`text_page_statement`).
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    DateTime,
    Integer,
    Select,
    SmallInteger,
    String,
    Text,
    and_,
    bindparam,
    case,
    cast,
    func,
    null,
    or_,
    select,
    type_coerce,
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
from lkk_admin.services.moscow_time import MOSCOW

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
# The questions of each kind (``QUESTIONS_OF[kind]``), bound as lists.
QUESTIONS_OF = {
    kind: bindparam(kind, type_=Integer, expanding=True)
    for kind in ("single", "multiple", "rating", "text")
}
_PAGE = bindparam("page", type_=Integer)
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


def user_segments(
    users: Select[Any] | BindParameter[Any] | None = None, *, live: bool = False
) -> Select[Any]:
    """Per portal user with a contract access (of ``users`` only, if given: a select of
    their ids or an expanding parameter): the organisation type and the price category of
    their contracts (:func:`_segment_keys`); with ``live``, whether one of the accesses was
    live in the window (1 or 0). A user with no access has no row: "none"."""
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


def respondents_of(survey_id: int) -> Select[Any]:
    """The portal users who answered the survey, for :func:`user_segments`."""
    return select(_responses.c.portal_user_id).where(_responses.c.survey_id == survey_id)


def _org_type_of(user: ColumnElement[Any]) -> ColumnElement[Any]:
    """The organisation type of one portal user's contracts ("none" without any): a
    subquery correlated to ``user``."""
    org_type = next(key for key in _segment_keys() if key.name == "org_type")
    return (
        select(org_type)
        .select_from(_contracts_of(_access))
        .where(_access.c.portal_user_id == user)
        .scalar_subquery()
    )


# --- the counts -------------------------------------------------------------------------


def day_bucket(moment: Any, postgresql: bool) -> ColumnElement[Any]:
    """The UTC hour of a moment, which :func:`moscow_day` folds into its Moscow day (see
    the module). On PostgreSQL a timestamp: truncating a UTC hour costs a third of what
    converting every response to Moscow time and taking its date did."""
    if postgresql:
        return func.date_trunc(constant("hour"), func.timezone(constant("UTC"), moment))
    return func.strftime(constant("%Y-%m-%d %H"), moment)


def moscow_day(bucket: Any, postgresql: bool) -> date:
    """The Moscow day of a ``day`` row's bucket."""
    if postgresql:
        hour = bucket if isinstance(bucket, datetime) else datetime.fromisoformat(str(bucket))
    else:
        hour = datetime.strptime(str(bucket), "%Y-%m-%d %H")
    return hour.replace(tzinfo=UTC).astimezone(MOSCOW).date()


class _Shape:
    """The columns every branch has, typed alike: PostgreSQL runs a UNION ALL wrapped in
    a subquery as one appendrel (and so in parallel) only when every branch's columns
    have the very types of the first."""

    def __init__(self, postgresql: bool) -> None:
        self.postgresql = postgresql
        self.types: dict[str, Any] = {
            "question_id": Integer,
            "option_id": Integer,
            "rating": SmallInteger,  # survey_answer.rating's own type
            "bucket": DateTime() if postgresql else String,  # a UTC hour
            "number": BigInteger,  # count()'s type on PostgreSQL
            "answer_id": Integer,
            "response_id": Integer,
            "text_value": Text,
            "submitted_at": UtcDateTime(),
            "user_id": Integer,
            "org_type": String,
        }

    def row(self, kind: str, segment: Any, **given: Any) -> list[ColumnElement[Any]]:
        unknown = set(given) - set(self.types)
        if unknown:
            raise TypeError(f"not a column of the results: {sorted(unknown)}")
        return [
            constant(kind).label("kind"),
            segment.label("segment"),
            *(
                (given[name] if name in given else cast(null(), type_)).label(name)
                for name, type_ in self.types.items()
            ),
        ]


@functools.lru_cache(maxsize=16)
def results_statement(postgresql: bool, by: str | None, window: bool) -> Executable:
    """The survey's counts and free texts per segment under ``by`` (``WHOLE`` unsplit);
    ``window``: it was open (bound ``start`` and ``end``), so the active users are
    counted too. Bound: ``survey_id``, the questions of each kind (:data:`QUESTIONS_OF`)
    and ``page``, how many of each question's newest free texts come with who and when.

    The rows come by kind, segment and question; a question's text rows newest first,
    ranked so (``newest``) among its segment's answers, ``overall`` among all of them
    (the same unsplit)."""
    shape = _Shape(postgresql)
    branches = _whole(shape, window) if by is None else _split(shape, by, window)
    counted = union_all(*branches).subquery("counted")
    c = counted.c
    kind: ColumnElement[Any] = c.kind
    segment: ColumnElement[Any] = c.segment
    if postgresql:  # byte by byte, as SQLite does: a server's collation costs far more
        kind, segment = kind.collate("C"), segment.collate("C")
    newest_first = (c.submitted_at.desc(), c.answer_id.desc())
    newest = func.row_number().over(
        partition_by=(kind, segment, c.question_id), order_by=newest_first
    )
    overall = (
        newest
        if by is None
        else func.row_number().over(partition_by=(kind, c.question_id), order_by=newest_first)
    )
    if by is None:
        shown = and_(c.kind == constant("text"), newest <= _PAGE)
        # Read here, above the parallel part, for the page's writers only.
        org_type: ColumnElement[Any] = _org_type_of(c.user_id)
    else:
        shown = or_(newest <= _PAGE, overall <= _PAGE)
        org_type = c.org_type
    return select(
        c.kind,
        c.segment,
        c.question_id,
        c.option_id,
        c.rating,
        c.bucket,
        c.number,
        c.response_id,
        c.text_value,
        newest.label("newest"),
        overall.label("overall"),
        # Not UtcDateTime: its conversion would run for every row, None or not; the page's
        # moments are made UTC where they are read.
        type_coerce(case((shown, c.submitted_at)), DateTime(timezone=True)).label("submitted_at"),
        case((shown, org_type)).label("org_type"),
    ).order_by(kind, segment, c.question_id, *newest_first)  # as the ranking sorts them


def _chosen(shape: _Shape, segment: Any, count: Any, kind: str) -> Select[Any]:
    """Respondents per option of the questions of a choice ``kind``, or per value of the
    ratings: each read from its own index (question, option or rating, response)."""
    answer = _answers.c
    question = answer.survey_question_id
    value = answer.rating if kind == "rating" else answer.survey_option_id
    given = {"rating": value} if kind == "rating" else {"option_id": value}
    return (
        select(*shape.row("chosen", segment, question_id=question, number=count, **given))
        .where(question.in_(QUESTIONS_OF[kind]), value.is_not(None))
        .group_by(question, value)
    )


def _chose_something() -> Select[Any]:
    """Each respondent once per multiple-choice question they chose anything in: the
    choices' index (question, response) hands them over in order, a streaming distinct."""
    answer = _answers.c
    return (
        select(
            answer.survey_question_id.label("question_id"),
            answer.survey_response_id.label("response_id"),
        )
        .where(
            answer.survey_question_id.in_(QUESTIONS_OF["multiple"]),
            answer.survey_option_id.is_not(None),
        )
        .distinct()
    )


def _whole(shape: _Shape, window: bool) -> list[Select[Any]]:
    whole = constant(WHOLE)
    bucket = day_bucket(_responses.c.submitted_at, shape.postgresql)
    answer = _answers.c
    respondents = func.count(answer.survey_response_id.distinct())
    chose = _chose_something().subquery("chose")
    branches = [
        select(*shape.row("day", whole, number=func.count(), bucket=bucket))
        .where(_responses.c.survey_id == _SURVEY_ID)
        .group_by(bucket),
        *(_chosen(shape, whole, respondents, kind) for kind in ("single", "multiple", "rating")),
        select(
            *shape.row("answered", whole, question_id=chose.c.question_id, number=func.count())
        ).group_by(chose.c.question_id),
    ]
    if window:
        # Users with a live access, and respondents without one.
        user = _access.c.portal_user_id
        branches.append(
            select(*shape.row("eligible", whole, number=func.count(user.distinct()))).where(_live())
        )
        unseen = ~select(user).where(user == _responses.c.portal_user_id, _live()).exists()
        branches.append(
            select(*shape.row("eligible", whole, number=func.count())).where(
                _responses.c.survey_id == _SURVEY_ID, unseen
            )
        )
    branches.append(
        select(
            *shape.row(
                "text",
                whole,
                question_id=answer.survey_question_id,
                answer_id=answer.id,
                response_id=answer.survey_response_id,
                text_value=answer.text_value,
                submitted_at=_responses.c.submitted_at,
                user_id=_responses.c.portal_user_id,
            )
        )
        .select_from(_answers.join(_responses, _responses.c.id == answer.survey_response_id))
        .where(answer.survey_question_id.in_(QUESTIONS_OF["text"]), text_given())
    )
    return branches


def _split(shape: _Shape, by: str, window: bool) -> list[Select[Any]]:
    """The same per segment: every user's segment worked out once (``segment``), the
    survey's responses with theirs and their writer's organisation type
    (``respondent``), both shared by the branches."""
    users = (user_segments(live=True) if window else user_segments(_respondent_users())).cte(
        "segment"
    )
    none = constant(NONE)
    who = (
        select(
            _responses.c.id.label("response_id"),
            _responses.c.submitted_at,
            func.coalesce(users.c[by], none).label("segment"),
            func.coalesce(users.c.org_type, none).label("org_type"),
        )
        .select_from(_responses.outerjoin(users, users.c.user_id == _responses.c.portal_user_id))
        .where(_responses.c.survey_id == _SURVEY_ID)
        .cte("respondent")
    )
    segment = who.c.segment
    bucket = day_bucket(who.c.submitted_at, shape.postgresql)
    answer = _answers.c
    answers = _answers.join(who, who.c.response_id == answer.survey_response_id)
    chose = _chose_something().subquery("chose")
    branches = [
        select(*shape.row("day", segment, number=func.count(), bucket=bucket)).group_by(
            segment, bucket
        ),
        *(
            _chosen(shape, segment, func.count(), kind).select_from(answers).group_by(segment)
            for kind in ("single", "multiple", "rating")
        ),
        select(
            *shape.row("answered", segment, question_id=chose.c.question_id, number=func.count())
        )
        .select_from(chose.join(who, who.c.response_id == chose.c.response_id))
        .group_by(segment, chose.c.question_id),
    ]
    if window:
        # Users with a live access or a response, by their segment; respondents with no
        # contract at all have no segment row: "none".
        answered = users.c.user_id.in_(_respondent_users())
        branches.append(
            select(*shape.row("eligible", users.c[by], number=func.count()))
            .where(or_(users.c.live == 1, answered))
            .group_by(users.c[by])
        )
        contractless = ~(
            select(_access.c.portal_user_id)
            .where(_access.c.portal_user_id == _responses.c.portal_user_id)
            .exists()
        )
        branches.append(
            select(*shape.row("eligible", none, number=func.count())).where(
                _responses.c.survey_id == _SURVEY_ID, contractless
            )
        )
    branches.append(
        select(
            *shape.row(
                "text",
                segment,
                question_id=answer.survey_question_id,
                answer_id=answer.id,
                response_id=answer.survey_response_id,
                text_value=answer.text_value,
                submitted_at=who.c.submitted_at,
                org_type=who.c.org_type,
            )
        )
        .select_from(answers)
        .where(answer.survey_question_id.in_(QUESTIONS_OF["text"]), text_given())
    )
    return branches


# --- the free texts ---------------------------------------------------------------------


def text_given() -> ColumnElement[bool]:
    return func.trim(_answers.c.text_value) != constant("")


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
