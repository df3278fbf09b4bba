"""A survey's results, computed by SQL aggregates: the whole survey, per question, and
split by the kind of customer who answered.

The ARCHITECTURE contract (``services.surveys.results``): ``respondents`` and
``questions`` in order, each with ``question_id``, ``kind``, ``answered`` (respondents who
answered it), ``options`` (``option_id``, ``text``, ``count`` of respondents), ``mean``
(rating), ``texts`` (free text).

A respondent's *segment* is read from the contracts the portal user may see (or saw):
their counterparties' organisation type, or the contracts' price category; a user whose
contracts differ is "mixed", one with none "none".

What the database counts, in one statement whatever the number of questions, grouped by
segment too when the results are split — so a split costs the same statement as the
whole, and its whole is the sum of its segments:

- responses per UTC hour, folded into Moscow days here;
- respondents per option and per rating value. The whole survey counts a respondent once
  however many rows they left, read in the order of the results' indexes (no sort, no
  hash); split, each row is a respondent, as the portal stores them (one row per option
  chosen or value given): a distinct count there would sort a million rows;
- respondents per multiple-choice question (``answered``); a one-choice or a rating
  question has one row per respondent, so its ``answered`` is the sum of its counts;
- the portal users active while the survey was open: a contract access live at some
  moment between its opening and its closing (or now), plus every respondent;
- the free-text answers themselves (the one list read row by row: ``texts`` holds every
  answer), oldest first; who wrote the newest page (``TEXT_PAGE``) and when, with the
  writers' organisation type, is what the screen shows first (``text_answers``, as
  :func:`text_answers` pages them).

All of it is one statement (:func:`.survey_figures.results_statement`; on PostgreSQL its
branches may run in parallel workers). Mean, median and NPS come from the rating's
distribution (at most eleven counts); values outside the question's scale are left out.
``benchmarks/survey_results_speed.py`` times 100,000 responses.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.services import survey_figures as figures
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.input_text import search_text
from lkk_admin.services.listing import like_literal
from lkk_admin.services.moscow_time import MOSCOW
from lkk_admin.services.survey_shape import CHOICE_KINDS

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
    texts: tuple[str, ...] = ()  # text: every non-empty answer, oldest first
    # text: the newest TEXT_PAGE answers, newest first, with who and when — the first
    # page text_answers() gives; how many there are in all is len(texts).
    text_answers: tuple[TextAnswer, ...] = ()


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
    return survey.results(tallies.get(figures.WHOLE) or _Tally(), tallies.days)


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
    whole = _Tally(texts=tallies.overall_texts)
    for tally in tallies.values():
        whole.add(tally)
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
    found = run(session, figures.QUESTION_KIND, {"question_id": question_id}).one_or_none()
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
    rows = run(session, figures.text_page_statement(len(words)), params).all()
    if rows:
        total = int(rows[0].total)
    elif offset > 0:  # past the last page: the page is empty, the count is not
        total = int(run(session, figures.text_count_statement(len(words)), params).scalar_one())
    else:
        total = 0
    answers = [
        TextAnswer(row.response_id, row.text_value, row.org_type, row.submitted_at) for row in rows
    ]
    return answers, total


# --- the survey and its questions -------------------------------------------------------


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


# The columns of the results statement's rows (survey_figures.results_statement).
(_KIND, _SEGMENT, _QUESTION, _OPTION, _RATING, _BUCKET, _NUMBER, _RESPONSE, _TEXT, _NEWEST,
 _OVERALL, _SUBMITTED, _ORG_TYPE) = range(13)  # fmt: skip
_BLOCK = itemgetter(_KIND, _SEGMENT, _QUESTION)  # the rows come ordered by these
_TEXT_OF, _RESPONSE_OF = itemgetter(_TEXT), itemgetter(_RESPONSE)


def _utc(moment: datetime) -> datetime:
    """As UtcDateTime reads it: SQLite's naive moments are UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class _Written:
    """One question's free texts in one segment (or all)."""

    texts: tuple[str, ...] = ()  # oldest first
    writers: int = 0  # respondents who wrote one
    page: tuple[TextAnswer, ...] = ()  # the newest TEXT_PAGE, newest first

    @classmethod
    def of(cls, rows: Sequence[Any]) -> _Written:
        """From the statement's text rows, newest first; who and when are given for the
        page's rows only."""
        texts = list(map(_TEXT_OF, rows))  # map and itemgetter: tens of thousands of rows
        texts.reverse()
        return cls(
            texts=tuple(texts),
            writers=len(set(map(_RESPONSE_OF, rows))),
            page=tuple(
                TextAnswer(row[_RESPONSE], row[_TEXT], row[_ORG_TYPE], _utc(row[_SUBMITTED]))
                for row in rows[:TEXT_PAGE]
            ),
        )


@dataclass
class _Tally:
    """What the statement counted for one segment (or the whole survey)."""

    respondents: int = 0
    eligible: int = 0
    days: Counter[date] = field(default_factory=Counter)
    answered: Counter[int] = field(default_factory=Counter)  # question → respondents
    chosen: Counter[tuple[int, int]] = field(default_factory=Counter)  # question, option
    rated: Counter[tuple[int, int]] = field(default_factory=Counter)  # question, value
    texts: dict[int, _Written] = field(default_factory=dict)  # question → its free texts

    def add(self, other: _Tally) -> None:
        """Another segment's counts (not its texts: the whole's are ranked of their own)."""
        self.respondents += other.respondents
        self.eligible += other.eligible
        self.days.update(other.days)
        self.answered.update(other.answered)
        self.chosen.update(other.chosen)
        self.rated.update(other.rated)


class _Tallies(dict[str, _Tally]):
    """Tallies by segment key; the Moscow days every segment's chart shows; split, the
    free texts of all segments together."""

    days: tuple[date, ...] = ()
    overall_texts: dict[int, _Written]

    def __init__(self) -> None:
        super().__init__()
        self.overall_texts = {}


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
        row = run(session, figures.SURVEY, {"survey_id": survey_id}).one_or_none()
        if row is None:
            raise NotFoundError(
                f"Опрос № {survey_id} не найден: возможно, его удалили. Обновите список.",
                code="SURVEY_NOT_FOUND",
            )
        options: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for option in run(session, figures.OPTIONS, {"survey_id": survey_id}):
            options[option.question_id].append((option.id, option.text))
        questions = tuple(
            _Question(
                q.id, q.position, q.kind, q.text, q.required, q.rating_scale,
                tuple(options.get(q.id, ())),
            )
            for q in run(session, figures.QUESTIONS, {"survey_id": survey_id})
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
        answered=0,
    )  # fmt: skip
    if question.kind == "text":
        written = tally.texts.get(question.id) or _Written()
        return replace(
            asked,
            answered=written.writers,
            texts=written.texts,
            text_answers=written.page,
        )
    if question.kind == "rating":
        counts = [(value, tally.rated.get((question.id, value), 0)) for value in question.scale]
        answered = sum(count for _, count in counts)  # one value per respondent
        return replace(
            asked,
            answered=answered,
            rating_scale=question.rating_scale or DEFAULT_RATING_SCALE,
            distribution=tuple(
                RatingCount(value, count, _percent(count, answered)) for value, count in counts
            ),
            mean=_mean(counts),
            median=_median(counts),
            nps=_nps(counts, answered) if question.rating_scale == 10 else None,
        )
    chosen = [(option_id, text, tally.chosen.get((question.id, option_id), 0))
              for option_id, text in question.options]  # fmt: skip
    if question.kind == "multiple":
        answered = tally.answered.get(question.id, 0)
    else:  # one option per respondent
        answered = sum(count for _, _, count in chosen)
    return replace(
        asked,
        answered=answered,
        options=tuple(
            OptionResult(option_id, text, count, _percent(count, answered))
            for option_id, text, count in chosen
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


# --- counting ---------------------------------------------------------------------------


def _count(session: Session, survey: _Survey, by: str | None, now: datetime) -> _Tallies:
    """Run the statement; its figures per segment (``WHOLE`` when not split)."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    window = survey.window(now)
    kind_of = {question.id: question.kind for question in survey.questions}
    params: dict[str, Any] = {"survey_id": survey.id, "page": TEXT_PAGE}
    for kind in figures.QUESTIONS_OF:
        params[kind] = [q for q, asked in kind_of.items() if asked == kind]
    if window is not None:
        params |= {"start": window[0], "end": window[1]}
    tallies = _Tallies()
    statement = figures.results_statement(postgresql, by, window is not None)
    with _cycles_left_alone():
        rows = run(session, statement, params).all()  # at once: psycopg's fetchone is slow
        _tally(rows, tallies, kind_of, split=by is not None, postgresql=postgresql)
        del rows  # freed now, not walked by the first collection after
    if window is None:  # never open: only those who answered (a test, an import)
        for found in tallies.values():
            found.eligible = found.respondents
    tallies.days = _days_shown(
        [day for found in tallies.values() for day, count in found.days.items() if count], window
    )
    return tallies


def _tally(
    rows: Sequence[Any],
    tallies: _Tallies,
    kind_of: dict[int, str],
    *,
    split: bool,
    postgresql: bool,
) -> None:
    """The statement's rows into each segment's tally (and, split, the texts of all)."""
    overall: dict[int, list[Any]] = defaultdict(list)  # split: every segment's text rows
    for (kind, key, question_id), block in groupby(rows, _BLOCK):
        found = tallies.get(key) or tallies.setdefault(key, _Tally())
        if kind == "text":  # the many rows: taken a question at a time
            texts = list(block)
            found.texts[question_id] = _Written.of(texts)
            if split:
                overall[question_id] += texts
            continue
        for row in block:
            count = row[_NUMBER]
            if kind == "day":
                found.respondents += count
                found.days[figures.moscow_day(row[_BUCKET], postgresql)] += count
            elif kind == "chosen":
                option_id, rating = row[_OPTION], row[_RATING]
                if option_id is not None and kind_of[question_id] in CHOICE_KINDS:
                    found.chosen[question_id, option_id] += count
                if rating is not None and kind_of[question_id] == "rating":
                    found.rated[question_id, rating] += count
            elif kind == "answered":
                found.answered[question_id] += count
            else:
                found.eligible += count
    for question_id, texts in overall.items():
        texts.sort(key=itemgetter(_OVERALL))
        tallies.overall_texts[question_id] = _Written.of(texts)


@contextmanager
def _cycles_left_alone() -> Iterator[None]:
    """Tens of thousands of rows and texts made at once set off Python's cyclic garbage
    collector again and again, each time walking every object of the program: that was
    half of results()' own time, and none of these objects can form a cycle. (The desk
    collects from the GUI thread anyway: there automatic collection is already off.)"""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


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
