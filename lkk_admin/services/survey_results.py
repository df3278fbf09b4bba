"""A survey's results, computed by SQL aggregates: the whole survey, per question, and
split by the kind of customer who answered.

The ARCHITECTURE contract (``services.surveys.results``): ``respondents`` and
``questions`` in order, each with ``question_id``, ``kind``, ``answered`` (respondents who
answered it), ``options`` (``option_id``, ``text``, ``count`` of respondents), ``mean``
(rating), ``texts`` (free text).

A respondent's *segment* is read from the contracts the portal user may see (or saw):
their counterparties' organisation type, or the contracts' price category; a user whose
contracts differ is "mixed", one with none "none".

What the database counts (``statements``), each in one grouped statement whatever the
number of questions, and grouped by segment too when the results are split — so a split
costs the same statements as the whole, and the whole is the sum of its segments:

- responses per Moscow day (PostgreSQL buckets by ``Europe/Moscow`` itself; SQLite, which
  knows no zones, by UTC hour, folded into Moscow days here);
- respondents per option and per rating value (a respondent counted once however many
  rows they left), and respondents per question (``answered``);
- the portal users active while the survey was open: a contract access live at some
  moment between its opening and its closing (or now), plus every respondent;
- the free-text answers themselves (the one list read row by row: the screen and the
  export show every answer), oldest first.

Mean, median and NPS come from the rating's distribution (at most eleven counts).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    bindparam,
    case,
    cast,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable, Subquery

from lkk_admin.db import constant, run
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
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.input_text import search_text
from lkk_admin.services.listing import like_literal
from lkk_admin.services.moscow_time import MOSCOW, MOSCOW_ZONE_NAME

# How results may be split, and every segment key of each split, in the order shown.
SPLITS = ("org_type", "price_category")
SEGMENTS: dict[str, tuple[str, ...]] = {
    "org_type": ("legal_entity", "sole_proprietor", "mixed", "none"),
    "price_category": ("1", "2", "3", "4", "5", "6", "mixed", "none"),
}
SPLIT_LABELS = {"org_type": "Тип организации", "price_category": "Ценовая категория"}
SEGMENT_LABELS: dict[str, dict[str, str]] = {
    "org_type": {
        "legal_entity": "Юридические лица",
        "sole_proprietor": "Индивидуальные предприниматели",
        "mixed": "Разные типы",
        "none": "Без договоров",
    },
    "price_category": {
        **{str(n): f"{n}-я ценовая категория" for n in range(1, 7)},
        "mixed": "Разные категории",
        "none": "Без договоров",
    },
}

DEFAULT_RATING_SCALE = 5  # a rating question stored without a scale: 1…5
PROMOTERS_FROM = 9  # NPS on 0…10: 9 and 10 recommend, 0…6 detract
DETRACTORS_UP_TO = 6
TEXT_PAGE = 200  # free-text answers a page of the screen's list shows
MAX_SEARCH_WORDS = 6


@dataclass(frozen=True)
class OptionResult:
    option_id: int
    text: str
    count: int  # respondents who chose it
    percent: float  # of the question's respondents (``answered``); 0.0 when none


@dataclass(frozen=True)
class RatingCount:
    value: int
    count: int
    percent: float  # of the question's respondents


@dataclass(frozen=True)
class TextAnswer:
    response_id: int
    text: str
    org_type: str  # the respondent's segment key under "org_type"
    submitted_at: datetime


@dataclass(frozen=True)
class QuestionResult:
    question_id: int
    position: int
    kind: str  # single | multiple | text | rating
    text: str
    required: bool
    answered: int  # respondents who answered it
    options: tuple[OptionResult, ...] = ()  # single, multiple: every option, in order
    rating_scale: int | None = None  # rating: 5 (1…5) or 10 (0…10)
    distribution: tuple[RatingCount, ...] = ()  # rating: every value of the scale
    mean: float | None = None  # rating; None when nobody answered
    median: float | None = None  # rating
    nps: float | None = None  # rating on 0…10: % promoters (9–10) − % detractors (0–6)
    texts: tuple[str, ...] = ()  # text: every answer, oldest first
    text_answers: tuple[TextAnswer, ...] = ()  # text: the same, with who and when


@dataclass(frozen=True)
class DayCount:
    day: date  # Moscow date
    count: int


@dataclass(frozen=True)
class SurveyResults:
    survey_id: int
    title: str
    status: str  # stored: draft | open | closed
    opens_at: datetime | None
    closes_at: datetime | None
    respondents: int
    eligible: int  # portal users active while it was open (respondents included)
    response_rate: float | None  # respondents / eligible, in percent; None if no one
    per_day: tuple[DayCount, ...]  # responses per Moscow day, days with none included
    questions: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class Segment:
    key: str  # one of SEGMENTS[by]
    label: str
    results: SurveyResults  # the same figures for this segment's respondents only


@dataclass(frozen=True)
class SplitResults:
    by: str  # one of SPLITS
    overall: SurveyResults
    segments: tuple[Segment, ...]  # those with respondents, in SEGMENTS[by] order


def results(session: Session, survey_id: int, *, now: datetime | None = None) -> SurveyResults:
    """The survey's figures over all its respondents (``now``: the end of the window of a
    survey still open, for the active users and the days shown)."""
    survey = _Survey.read(session, survey_id)
    tallies = _count(session, survey, None, now or datetime.now(UTC))
    return survey.results(tallies.get(_WHOLE) or _Tally(), tallies.days)


def split_results(
    session: Session, survey_id: int, by: str, *, now: datetime | None = None
) -> SplitResults:
    """The whole survey and, beside it, each segment under ``by`` that has respondents."""
    if by not in SPLITS:
        raise DomainError(
            f"Результаты опроса можно разделить только по типу организации или по ценовой "
            f"категории, а не по «{by}».",
            code="UNKNOWN_SPLIT",
        )
    survey = _Survey.read(session, survey_id)
    tallies = _count(session, survey, by, now or datetime.now(UTC))
    whole = _Tally()
    for tally in tallies.values():
        whole.add(tally)
    whole.sort_texts()  # each segment's are oldest first, the whole's must be too
    segments = tuple(
        Segment(key, SEGMENT_LABELS[by][key], survey.results(tallies[key], tallies.days))
        for key in SEGMENTS[by]
        if key in tallies and tallies[key].respondents
    )
    return SplitResults(by=by, overall=survey.results(whole, tallies.days), segments=segments)


def text_answers(
    session: Session,
    question_id: int,
    *,
    search: str = "",
    limit: int = TEXT_PAGE,
    offset: int = 0,
) -> tuple[list[TextAnswer], int]:
    """A page of a question's free-text answers, newest first, and how many there are in
    all: those holding every word of ``search`` (any case, ё as е), or every one."""
    found = run(session, _QUESTION_KIND, {"question_id": question_id}).one_or_none()
    if found is None:
        raise NotFoundError(
            f"Вопрос № {question_id} не найден: возможно, его удалили из опроса. Обновите "
            "результаты.",
            code="QUESTION_NOT_FOUND",
        )
    words = _fold(search_text(search)).split()[:MAX_SEARCH_WORDS]
    params: dict[str, Any] = {
        "question_id": question_id,
        "limit": max(0, limit),
        "offset": max(0, offset),
        **{f"word_{i}": f"%{like_literal(word)}%" for i, word in enumerate(words)},
    }
    rows = run(session, _text_page_statement(len(words)), params).all()
    if rows:
        total = int(rows[0].total)
    elif offset > 0:  # past the last page: the page is empty, the count is not
        total = int(run(session, _text_count_statement(len(words)), params).scalar_one())
    else:
        total = 0
    answers = [
        TextAnswer(row.response_id, row.text_value, row.org_type, row.submitted_at) for row in rows
    ]
    return answers, total


# --- the survey and its questions -------------------------------------------------------

_surveys = table_of(Survey)
_questions = table_of(SurveyQuestion)
_options = table_of(SurveyOption)
_responses = table_of(SurveyResponse)
_answers = table_of(SurveyAnswer)
_access = table_of(ContractAccess)
_contracts = table_of(Contract)
_counterparties = table_of(Counterparty)

_WHOLE = "all"  # the tallies' key when the results are not split
_MIXED = "mixed"
_NONE = "none"


@dataclass(frozen=True)
class _Question:
    id: int
    position: int
    kind: str
    text: str
    required: bool
    rating_scale: int | None
    options: tuple[tuple[int, str], ...]  # id, text; in order

    @property
    def scale(self) -> range:
        top = self.rating_scale or DEFAULT_RATING_SCALE
        return range(0, 11) if top == 10 else range(1, top + 1)


@dataclass
class _Tally:
    """What the statements counted for one segment (or the whole survey)."""

    respondents: int = 0
    eligible: int = 0
    days: Counter[date] = field(default_factory=Counter)
    answered: Counter[int] = field(default_factory=Counter)  # question → respondents
    chosen: Counter[tuple[int, int]] = field(default_factory=Counter)  # question, option
    rated: Counter[tuple[int, int]] = field(default_factory=Counter)  # question, value
    texts: dict[int, list[TextAnswer]] = field(default_factory=lambda: defaultdict(list))

    def add(self, other: _Tally) -> None:
        self.respondents += other.respondents
        self.eligible += other.eligible
        self.days.update(other.days)
        self.answered.update(other.answered)
        self.chosen.update(other.chosen)
        self.rated.update(other.rated)
        for question_id, answers in other.texts.items():
            self.texts[question_id].extend(answers)

    def sort_texts(self) -> None:
        for answers in self.texts.values():
            answers.sort(key=_oldest_first)


def _oldest_first(answer: TextAnswer) -> tuple[datetime, int]:
    return answer.submitted_at, answer.response_id


class _Tallies(dict[str, _Tally]):
    """Tallies by segment key, and the Moscow days every segment's chart shows."""

    days: tuple[date, ...] = ()


@dataclass(frozen=True)
class _Survey:
    id: int
    title: str
    status: str
    opens_at: datetime | None
    closes_at: datetime | None
    questions: tuple[_Question, ...]

    @classmethod
    def read(cls, session: Session, survey_id: int) -> _Survey:
        row = run(session, _SURVEY, {"survey_id": survey_id}).one_or_none()
        if row is None:
            raise NotFoundError(
                f"Опрос № {survey_id} не найден: возможно, его удалили. Обновите список.",
                code="SURVEY_NOT_FOUND",
            )
        options: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for option in run(session, _OPTIONS, {"survey_id": survey_id}):
            options[option.question_id].append((option.id, option.text))
        questions = tuple(
            _Question(
                q.id, q.position, q.kind, q.text, q.required, q.rating_scale,
                tuple(options.get(q.id, ())),
            )
            for q in run(session, _QUESTIONS, {"survey_id": survey_id})
        )  # fmt: skip
        return cls(row.id, row.title, row.status, row.opens_at, row.closes_at, questions)

    def window(self, now: datetime) -> tuple[datetime, datetime] | None:
        """When it was open, up to now; None if it never was."""
        if self.opens_at is None or self.opens_at > now:
            return None
        end = min(self.closes_at, now) if self.closes_at is not None else now
        return (self.opens_at, end) if end >= self.opens_at else None

    def results(self, tally: _Tally, days: Sequence[date]) -> SurveyResults:
        return SurveyResults(
            survey_id=self.id,
            title=self.title,
            status=self.status,
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            respondents=tally.respondents,
            eligible=tally.eligible,
            response_rate=_percent(tally.respondents, tally.eligible) if tally.eligible else None,
            per_day=tuple(DayCount(day, tally.days.get(day, 0)) for day in days),
            questions=tuple(_question_result(question, tally) for question in self.questions),
        )


def _percent(part: int, whole: int) -> float:
    return part * 100.0 / whole if whole else 0.0


def _question_result(question: _Question, tally: _Tally) -> QuestionResult:
    asked = QuestionResult(
        question.id, question.position, question.kind, question.text, question.required,
        answered=tally.answered.get(question.id, 0),
    )  # fmt: skip
    if question.kind == "text":
        answers = tuple(tally.texts.get(question.id, ()))
        return replace(
            asked,
            answered=len({answer.response_id for answer in answers}),
            texts=tuple(answer.text for answer in answers),
            text_answers=answers,
        )
    answered = asked.answered
    if question.kind == "rating":
        counts = [(value, tally.rated.get((question.id, value), 0)) for value in question.scale]
        return replace(
            asked,
            rating_scale=question.rating_scale or DEFAULT_RATING_SCALE,
            distribution=tuple(
                RatingCount(value, count, _percent(count, answered)) for value, count in counts
            ),
            mean=_mean(counts),
            median=_median(counts),
            nps=_nps(counts, answered) if question.rating_scale == 10 else None,
        )
    return replace(
        asked,
        options=tuple(
            OptionResult(option_id, text, count, _percent(count, answered))
            for option_id, text in question.options
            for count in (tally.chosen.get((question.id, option_id), 0),)
        ),
    )


def _mean(counts: Sequence[tuple[int, int]]) -> float | None:
    total = sum(count for _, count in counts)
    return sum(value * count for value, count in counts) / total if total else None


def _median(counts: Sequence[tuple[int, int]]) -> float | None:
    """The middle rating (the mean of the two middle ones for an even number)."""
    total = sum(count for _, count in counts)
    if not total:
        return None
    middle = ((total - 1) // 2, total // 2)  # 0-based positions in the sorted ratings
    found: list[int] = []
    seen = 0
    for value, count in counts:
        found += [value for position in middle if seen <= position < seen + count]
        seen += count
    return sum(found) / 2


def _nps(counts: Sequence[tuple[int, int]], answered: int) -> float | None:
    """Promoters minus detractors, in percent of those who answered, to a tenth."""
    if not answered:
        return None
    promoters = sum(count for value, count in counts if value >= PROMOTERS_FROM)
    detractors = sum(count for value, count in counts if value <= DETRACTORS_UP_TO)
    return round(_percent(promoters - detractors, answered), 1)


# --- the statements ---------------------------------------------------------------------


_SURVEY_ID = bindparam("survey_id", type_=Integer)
_QUESTION_IDS = bindparam("questions", type_=Integer, expanding=True)

_SURVEY = select(
    _surveys.c.id, _surveys.c.title, _surveys.c.status, _surveys.c.opens_at, _surveys.c.closes_at
).where(_surveys.c.id == _SURVEY_ID)
_QUESTIONS = (
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
_OPTIONS = (
    select(_options.c.id, _options.c.survey_question_id.label("question_id"), _options.c.text)
    .join(_questions, _questions.c.id == _options.c.survey_question_id)
    .where(_questions.c.survey_id == _SURVEY_ID)
    .order_by(_options.c.survey_question_id, _options.c.position, _options.c.id)
)
_QUESTION_KIND = select(_questions.c.survey_id, _questions.c.kind).where(
    _questions.c.id == bindparam("question_id", type_=Integer)
)


def _user_segments(users: Select[Any] | None, name: str) -> Subquery:
    """Per portal user with a contract access (live or revoked) — of ``users`` only, if
    given: the organisation type of the contracts' counterparties and the contracts'
    price category, each "mixed" when they differ."""
    org_type, category = _counterparties.c.org_type, _contracts.c.price_category
    org_low, category_low = func.min(org_type), func.min(category)
    statement = (
        select(
            _access.c.portal_user_id.label("user_id"),
            case((org_low == func.max(org_type), org_low), else_=constant(_MIXED)).label(
                "org_type"
            ),
            case(
                (category_low == func.max(category), cast(category_low, String)),
                else_=constant(_MIXED),
            ).label("price_category"),
        )
        .select_from(
            _access.join(_contracts, _contracts.c.id == _access.c.contract_id).join(
                _counterparties, _counterparties.c.id == _contracts.c.counterparty_id
            )
        )
        .group_by(_access.c.portal_user_id)
    )
    if users is not None:
        statement = statement.where(_access.c.portal_user_id.in_(users))
    return statement.subquery(name)


def _respondents() -> Subquery:
    """The survey's responses with their respondent's segments ("none": no contracts)."""
    mine = select(_responses.c.portal_user_id).where(_responses.c.survey_id == _SURVEY_ID)
    segment = _user_segments(mine, "respondent_segment")
    return (
        select(
            _responses.c.id.label("response_id"),
            _responses.c.submitted_at,
            *(func.coalesce(segment.c[by], constant(_NONE)).label(by) for by in SPLITS),
        )
        .select_from(
            _responses.outerjoin(segment, segment.c.user_id == _responses.c.portal_user_id)
        )
        .where(_responses.c.survey_id == _SURVEY_ID)
        .subquery("respondent")
    )


def _day_bucket(moment: Any, postgresql: bool) -> ColumnElement[Any]:
    """PostgreSQL: the Moscow day of a moment. SQLite keeps naive UTC text and knows no
    zones: the UTC hour (``YYYY-MM-DD HH``), folded into Moscow days by :func:`_moscow_day`
    (Moscow's offsets have always been whole hours)."""
    if postgresql:
        return cast(func.timezone(constant(MOSCOW_ZONE_NAME), moment), Date)
    return func.strftime(constant("%Y-%m-%d %H"), moment)


def _moscow_day(bucket: Any, postgresql: bool) -> date:
    if postgresql:
        return bucket if isinstance(bucket, date) else date.fromisoformat(str(bucket))
    hour = datetime.strptime(str(bucket), "%Y-%m-%d %H").replace(tzinfo=UTC)
    return hour.astimezone(MOSCOW).date()


@functools.lru_cache(maxsize=16)
def _days_statement(postgresql: bool, by: str | None) -> Executable:
    """Responses per segment and day bucket."""
    if by is None:
        bucket = _day_bucket(_responses.c.submitted_at, postgresql).label("bucket")
        return (
            select(constant(_WHOLE).label("segment"), bucket, func.count())
            .where(_responses.c.survey_id == _SURVEY_ID)
            .group_by(bucket)
        )
    who = _respondents()
    bucket = _day_bucket(who.c.submitted_at, postgresql).label("bucket")
    return select(who.c[by], bucket, func.count()).group_by(who.c[by], bucket)


def _said(*columns: Any, name: str) -> Subquery:
    """``columns`` of the answers to the questions given that choose an option or a
    value, each combination once (a respondent counted once, whatever their rows)."""
    return (
        select(*columns)
        .where(
            _answers.c.survey_question_id.in_(_QUESTION_IDS),
            or_(_answers.c.survey_option_id.is_not(None), _answers.c.rating.is_not(None)),
        )
        .distinct()
        .subquery(name)
    )


def _by_segment(said: Subquery, by: str | None) -> tuple[Any, ColumnElement[Any]]:
    """The rows of ``said`` (with a ``survey_response_id``) and the segment of each."""
    if by is None:
        return said, constant(_WHOLE).label("segment")
    who = _respondents()
    return said.join(who, who.c.response_id == said.c.survey_response_id), who.c[by]


@functools.lru_cache(maxsize=8)
def _choices_statement(by: str | None) -> Executable:
    """Respondents per segment, question, option and rating value."""
    said = _said(
        _answers.c.survey_question_id,
        _answers.c.survey_option_id,
        _answers.c.rating,
        _answers.c.survey_response_id,
        name="said",
    )
    source, segment = _by_segment(said, by)
    grouped = [said.c.survey_question_id, said.c.survey_option_id, said.c.rating]
    return (
        select(segment, *grouped, func.count())
        .select_from(source)
        .group_by(*([] if by is None else [segment]), *grouped)
    )


@functools.lru_cache(maxsize=8)
def _answered_statement(by: str | None) -> Executable:
    """Respondents per segment and question (a choice or a rating given)."""
    said = _said(_answers.c.survey_question_id, _answers.c.survey_response_id, name="said")
    source, segment = _by_segment(said, by)
    question = said.c.survey_question_id
    return (
        select(segment, question, func.count())
        .select_from(source)
        .group_by(*([] if by is None else [segment]), question)
    )


def _text_given() -> ColumnElement[bool]:
    return func.trim(_answers.c.text_value) != constant("")


@functools.lru_cache(maxsize=8)
def _texts_statement(by: str | None) -> Executable:
    """Every non-empty answer to the text questions given, oldest first, with the
    respondent's organisation type and segment."""
    said = (
        select(
            _answers.c.id,
            _answers.c.survey_question_id,
            _answers.c.survey_response_id,
            _answers.c.text_value,
            _responses.c.submitted_at,
            _responses.c.portal_user_id,
        )
        .join(_responses, _responses.c.id == _answers.c.survey_response_id)
        .where(_answers.c.survey_question_id.in_(_QUESTION_IDS), _text_given())
        .cte("said")
    )
    segment = _user_segments(select(said.c.portal_user_id), "segment")
    org_type = func.coalesce(segment.c.org_type, constant(_NONE))
    key = constant(_WHOLE) if by is None else func.coalesce(segment.c[by], constant(_NONE))
    return (
        select(
            key.label("segment"),
            said.c.survey_question_id,
            said.c.survey_response_id,
            said.c.text_value,
            said.c.submitted_at,
            org_type.label("org_type"),
        )
        .select_from(said.outerjoin(segment, segment.c.user_id == said.c.portal_user_id))
        .order_by(said.c.submitted_at, said.c.survey_response_id, said.c.id)
    )


@functools.lru_cache(maxsize=8)
def _eligible_statement(by: str | None) -> Executable:
    """Portal users with a contract access live at some moment of [start, end], and the
    survey's respondents, per segment."""
    live = select(_access.c.portal_user_id.label("user_id")).where(
        _access.c.granted_at < bindparam("end", type_=UtcDateTime()),
        or_(
            _access.c.revoked_at.is_(None),
            _access.c.revoked_at > bindparam("start", type_=UtcDateTime()),
        ),
    )
    answered = select(_responses.c.portal_user_id).where(_responses.c.survey_id == _SURVEY_ID)
    users = union(live, answered).subquery("eligible")
    if by is None:
        return select(constant(_WHOLE).label("segment"), func.count()).select_from(users)
    segment = _user_segments(None, "segment")
    key = func.coalesce(segment.c[by], constant(_NONE)).label("segment")
    return (
        select(key, func.count())
        .select_from(users.outerjoin(segment, segment.c.user_id == users.c.user_id))
        .group_by(key)
    )


def _rows(session: Session, statement: Executable, params: dict[str, Any]) -> list[Any]:
    return list(run(session, statement, params))


def _count(session: Session, survey: _Survey, by: str | None, now: datetime) -> _Tallies:
    """Run the statements; their figures per segment (``_WHOLE`` when not split)."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    tallies = _Tallies()

    def tally(key: str) -> _Tally:
        return tallies.get(key) or tallies.setdefault(key, _Tally())

    params: dict[str, Any] = {"survey_id": survey.id}
    for key, bucket, count in _rows(session, _days_statement(postgresql, by), params):
        found = tally(key)
        found.respondents += count
        found.days[_moscow_day(bucket, postgresql)] += count
    kinds: dict[bool, list[int]] = {True: [], False: []}
    for question in survey.questions:
        kinds[question.kind == "text"].append(question.id)
    if tallies and kinds[False]:
        chosen = {**params, "questions": kinds[False]}
        kind_of = {question.id: question.kind for question in survey.questions}
        for key, question_id, option_id, rating, count in _rows(
            session, _choices_statement(by), chosen
        ):
            found = tally(key)
            if option_id is not None and kind_of[question_id] in ("single", "multiple"):
                found.chosen[question_id, option_id] += count
            if rating is not None and kind_of[question_id] == "rating":
                found.rated[question_id, rating] += count
        for key, question_id, count in _rows(session, _answered_statement(by), chosen):
            tally(key).answered[question_id] += count
    if tallies and kinds[True]:
        for row in _rows(session, _texts_statement(by), {**params, "questions": kinds[True]}):
            tally(row.segment).texts[row.survey_question_id].append(
                TextAnswer(row.survey_response_id, row.text_value, row.org_type, row.submitted_at)
            )
    window = survey.window(now)
    if window is None:  # never open: only those who answered (a test, an import)
        for found in tallies.values():
            found.eligible = found.respondents
    else:
        for key, count in _rows(
            session, _eligible_statement(by), {**params, "start": window[0], "end": window[1]}
        ):
            tally(key).eligible += count
    tallies.days = _days_shown(
        [day for found in tallies.values() for day, count in found.days.items() if count], window
    )
    return tallies


def _days_shown(
    answered: Iterable[date], window: tuple[datetime, datetime] | None
) -> tuple[date, ...]:
    """Every Moscow day from the opening (or the first response) to the closing, now or
    the last response, whichever is latest."""
    ends = list(answered)
    if window is not None:
        ends += [moment.astimezone(MOSCOW).date() for moment in window]
    if not ends:
        return ()
    first, last = min(ends), max(ends)
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


# --- free-text answers, a page at a time -------------------------------------------------


def _fold(text: str) -> str:
    """Text as the search compares it: lower case, ё as е."""
    return text.lower().replace("ё", "е")


def _text_conditions(words: int) -> list[ColumnElement[bool]]:
    folded = func.replace(func.lower(_answers.c.text_value), constant("ё"), constant("е"))
    return [
        _answers.c.survey_question_id == bindparam("question_id", type_=Integer),
        _text_given(),
        *(
            folded.like(bindparam(f"word_{index}", type_=String), escape="\\")
            for index in range(words)
        ),
    ]


@functools.lru_cache(maxsize=16)
def _text_page_statement(words: int) -> Executable:
    """A page of the answers found, newest first, with how many were found; the
    respondents' organisation types are read for the page's rows only."""
    page = (
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
    segment = _user_segments(select(page.c.portal_user_id), "segment")
    return (
        select(
            page.c.response_id,
            page.c.text_value,
            func.coalesce(segment.c.org_type, constant(_NONE)).label("org_type"),
            page.c.submitted_at,
            page.c.total,
        )
        .select_from(page.outerjoin(segment, segment.c.user_id == page.c.portal_user_id))
        .order_by(page.c.submitted_at.desc(), page.c.id.desc())
    )


@functools.lru_cache(maxsize=16)
def _text_count_statement(words: int) -> Executable:
    return select(func.count()).select_from(_answers).where(*_text_conditions(words))
