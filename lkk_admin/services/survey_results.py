"""A survey's results, computed by SQL aggregates: the whole survey, per question, and
split by the kind of customer who answered.

The ARCHITECTURE contract (``services.surveys.results``): ``respondents`` and
``questions`` in order, each with ``question_id``, ``kind``, ``answered`` (respondents who
answered it), ``options`` (``option_id``, ``text``, ``count`` of respondents), ``mean``
(rating), ``texts`` (free text).

A respondent's *segment* is read from the contracts the portal user may see (or saw):
their counterparties' organisation type, or the contracts' price category; a user whose
contracts differ is "mixed", one with none "none".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

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


def results(session: Session, survey_id: int) -> SurveyResults:
    raise NotImplementedError  # results helper fills this in


def split_results(session: Session, survey_id: int, by: str) -> SplitResults:
    raise NotImplementedError  # results helper fills this in
