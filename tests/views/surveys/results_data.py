"""Survey results built by hand for the results view's tests and screenshots: the figures
a customer satisfaction survey could have, computed here the way the service defines
them (percent of a question's respondents, NPS as promoters less detractors)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from lkk_admin.services.survey_results import (
    SEGMENT_LABELS,
    SEGMENTS,
    DayCount,
    OptionResult,
    QuestionResult,
    RatingCount,
    Segment,
    SplitResults,
    SurveyResults,
    TextAnswer,
)

OPENS_AT = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 10:00 in Moscow
CLOSES_AT = datetime(2026, 3, 31, 20, 0, tzinfo=UTC)


def share(count: int, of: int) -> float:
    return 100.0 * count / of if of else 0.0


def choice(
    question_id: int,
    position: int,
    text: str,
    options: Sequence[tuple[str, int]],
    answered: int,
    *,
    multiple: bool = False,
) -> QuestionResult:
    return QuestionResult(
        question_id=question_id,
        position=position,
        kind="multiple" if multiple else "single",
        text=text,
        required=True,
        answered=answered,
        options=tuple(
            OptionResult(question_id * 100 + number, option, count, share(count, answered))
            for number, (option, count) in enumerate(options, start=1)
        ),
    )


def rating(question_id: int, position: int, text: str, counts: Sequence[int]) -> QuestionResult:
    """``counts``: how many gave each value of the scale, from its lowest (11 values: a
    0–10 scale, 5: a 1–5 one)."""
    scale = 10 if len(counts) == 11 else 5
    first = 0 if scale == 10 else 1
    answered = sum(counts)
    values = [first + number for number, count in enumerate(counts) for _ in range(count)]
    nps = None
    if scale == 10 and answered:
        promoters = sum(counts[9:])
        detractors = sum(counts[:7])
        nps = share(promoters, answered) - share(detractors, answered)
    return QuestionResult(
        question_id=question_id,
        position=position,
        kind="rating",
        text=text,
        required=True,
        answered=answered,
        rating_scale=scale,
        distribution=tuple(
            RatingCount(first + number, count, share(count, answered))
            for number, count in enumerate(counts)
        ),
        mean=statistics.fmean(values) if values else None,
        median=float(statistics.median(values)) if values else None,
        nps=nps,
    )


def text_question(
    question_id: int, position: int, text: str, answers: Sequence[tuple[str, str]]
) -> QuestionResult:
    """``answers``: (text, organisation type segment) each, a day apart."""
    given = tuple(
        TextAnswer(1000 + number, answer, org_type, OPENS_AT + timedelta(days=number, hours=3))
        for number, (answer, org_type) in enumerate(answers)
    )
    return QuestionResult(
        question_id=question_id,
        position=position,
        kind="text",
        text=text,
        required=False,
        answered=len(given),
        texts=tuple(answer.text for answer in given),
        text_answers=given,
    )


def survey(
    questions: Sequence[QuestionResult],
    respondents: int,
    *,
    eligible: int = 1200,
    per_day: Sequence[int] | None = None,
) -> SurveyResults:
    days = per_day if per_day is not None else [respondents]
    return SurveyResults(
        survey_id=7,
        title="Удовлетворённость личным кабинетом",
        status="closed",
        opens_at=OPENS_AT,
        closes_at=CLOSES_AT,
        respondents=respondents,
        eligible=eligible,
        response_rate=share(respondents, eligible) if eligible else None,
        per_day=tuple(
            DayCount(date(2026, 3, 2) + timedelta(days=number), count)
            for number, count in enumerate(days)
        ),
        questions=tuple(questions),
    )


SATISFACTION = "Насколько вероятно, что вы порекомендуете наш личный кабинет коллегам?"
CHANNEL = "Как вы чаще всего передаёте показания приборов учёта?"
CHANNELS = (
    "Через личный кабинет",
    "По телефону",
    "Через мобильное приложение",
    "Лично в офисе обслуживания клиентов или через представителя организации по доверенности",
)
FEATURES = "Какие новые услуги вам интересны?"
FEATURE_OPTIONS = (
    "Почасовой учёт потребления",
    "Уведомления об отключениях",
    "Электронный документооборот",
    "Подбор ценовой категории",
    "Зарядные станции для электромобилей",
)
# Responses per day over the month it was open: many at first, after the reminder (day 8).
PER_DAY = (31, 24, 18, 15, 12, 9, 6, 20, 14, 11, 9, 8, 7, 5, 4,
           12, 9, 7, 6, 5, 4, 3, 2, 3, 4, 2, 3, 2, 1, 5)  # fmt: skip
SUPPLY = "Оцените качество электроснабжения"
WISHES = "Что нам стоит улучшить?"


def satisfaction_survey(scale: float = 1.0) -> SurveyResults:
    """A closed survey of 240 respondents: NPS, one choice, several choices, a 1–5
    rating and free text."""

    def n(count: int) -> int:
        return round(count * scale)

    respondents = n(240)
    return survey(
        [
            rating(11, 1, SATISFACTION, [n(c) for c in (3, 2, 4, 6, 8, 15, 18, 34, 46, 52, 52)]),
            choice(
                12,
                2,
                CHANNEL,
                list(zip(CHANNELS, (n(140), n(52), n(31), n(12)), strict=True)),
                n(235),
            ),
            choice(
                13,
                3,
                FEATURES,
                list(zip(FEATURE_OPTIONS, (n(120), n(180), n(96), n(70), n(14)), strict=True)),
                n(230),
                multiple=True,
            ),
            rating(14, 4, SUPPLY, [n(c) for c in (4, 11, 40, 96, 86)]),
            text_question(
                15,
                5,
                WISHES,
                [
                    ("Добавьте выгрузку актов сверки в Excel.", "legal_entity"),
                    (
                        "Приходят дублирующие письма о показаниях.\nИногда по три штуки.",
                        "sole_proprietor",
                    ),
                    ("Всё устраивает.", "legal_entity"),
                    (
                        "Хотелось бы видеть почасовой график потребления по каждому "
                        "прибору учёта, а не только по договору в целом.",
                        "mixed",
                    ),
                ],
            ),
        ],
        respondents,
        per_day=[n(count) for count in PER_DAY],
    )


def split_by_org_type(whole: SurveyResults) -> SplitResults:
    """Legal entities 60 %, sole proprietors 30 %, mixed 10 % of every figure (rounded),
    as if those were their answers."""
    shares = {"legal_entity": 0.6, "sole_proprietor": 0.3, "mixed": 0.1}
    segments = []
    for key in SEGMENTS["org_type"]:
        if key not in shares:
            continue
        part = scaled(whole, shares[key], tilt=list(shares).index(key))
        segments.append(Segment(key, SEGMENT_LABELS["org_type"][key], part))
    return SplitResults("org_type", whole, tuple(segments))


def scaled(whole: SurveyResults, factor: float, tilt: int) -> SurveyResults:
    """The survey with its counts times ``factor``; ``tilt`` moves answers between the
    options so that segments differ."""
    questions: list[QuestionResult] = []
    for question in whole.questions:
        if question.kind in ("single", "multiple"):
            counts = [round(option.count * factor) for option in question.options]
            counts = counts[tilt:] + counts[:tilt] if question.kind == "single" else counts
            questions.append(
                choice(
                    question.question_id,
                    question.position,
                    question.text,
                    list(zip([o.text for o in question.options], counts, strict=True)),
                    round(question.answered * factor),
                    multiple=question.kind == "multiple",
                )
            )
        elif question.kind == "rating":
            counts = [round(row.count * factor) for row in question.distribution]
            counts = counts[tilt:] + counts[:tilt]
            questions.append(rating(question.question_id, question.position, question.text, counts))
        else:
            questions.append(question)
    return survey(questions, round(whole.respondents * factor), eligible=0)


def big_survey() -> SurveyResults:
    """Ten questions: 11-value ratings and 10-option choices (the timing's survey)."""
    questions: list[QuestionResult] = []
    for number in range(1, 11):
        if number % 2:
            questions.append(
                rating(
                    number, number, f"Оценка {number}", [5 + (v * number) % 17 for v in range(11)]
                )
            )
        else:
            options = [
                (f"Вариант ответа номер {v} к вопросу {number}", 10 + v * 3) for v in range(10)
            ]
            questions.append(
                choice(number, number, f"Выбор {number}", options, 200, multiple=number % 4 == 0)
            )
    return survey(questions, 200, per_day=[7] * 28 + [4])
