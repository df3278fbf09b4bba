"""How the survey acts reach the database: prebuilt Core statements, the survey's lock and
version, a stored survey read as a draft, the comparison of a draft with it, and writing
the difference.

Nothing here decides: ``services.surveys`` checks the rules and calls these. Every change
of a survey — its own row, its questions or its options — bumps ``survey.version`` by the
statement itself (Core statements are not watched by the ORM's ``version_id_col``), and
its WHERE on the version read makes a colleague's change in between a conflict even on
SQLite, which locks no row.

Positions are written from 1, a draft's order: only their order means anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.models import Survey, SurveyOption, SurveyQuestion, SurveyResponse
from lkk_admin.models.base import table_of
from lkk_admin.services import queue_writes
from lkk_admin.services.errors import ConflictError, NotFoundError
from lkk_admin.services.moscow_time import moscow_text
from lkk_admin.services.survey_shape import OptionDraft, QuestionDraft, SurveyDraft

ENTITY = "survey"
surveys_table = table_of(Survey)
questions_table = table_of(SurveyQuestion)
options_table = table_of(SurveyOption)
responses_table = table_of(SurveyResponse)
_surveys = surveys_table
_questions = questions_table
_options = options_table
_responses = responses_table

# What a conflict tells the editor to do: keep the typed survey (a save), or look again.
KEEP_DRAFT = (
    "Ваши правки не сохранены, но и не потеряны: они остаются в окне — откройте версию "
    "коллеги рядом и перенесите их."
)
REOPEN = "Откройте опрос заново, проверьте и повторите действие."

# ---------------------------------------------------------------------------- statements

_SURVEY_COLUMNS = (
    _surveys.c.id,
    _surveys.c.title,
    _surveys.c.description,
    _surveys.c.status,
    _surveys.c.opens_at,
    _surveys.c.closes_at,
    _surveys.c.author,
    _surveys.c.created_at,
    _surveys.c.updated_by,
    _surveys.c.updated_at,
    _surveys.c.version,
)
_LOCK_SURVEY = (
    select(*_SURVEY_COLUMNS).where(_surveys.c.id == bindparam("survey_id")).with_for_update()
)
_READ_SURVEY = select(*_SURVEY_COLUMNS).where(_surveys.c.id == bindparam("survey_id"))
# Every change bumps the version; on PostgreSQL the lock makes the WHERE on it a formality.
_UPDATE_SURVEY = (
    update(_surveys)
    .where(
        _surveys.c.id == bindparam("survey_id"),
        _surveys.c.version == bindparam("read_version"),
    )
    .values(version=_surveys.c.version + 1)
)
_INSERT_SURVEY = insert(_surveys).returning(_surveys.c.id)
_RESPONSES = (
    select(func.count())
    .select_from(_responses)
    .where(_responses.c.survey_id == bindparam("survey_id"))
)
_QUESTIONS = (
    select(
        _questions.c.id,
        _questions.c.position,
        _questions.c.kind,
        _questions.c.text,
        _questions.c.required,
        _questions.c.rating_scale,
    )
    .where(_questions.c.survey_id == bindparam("survey_id"))
    .order_by(_questions.c.position, _questions.c.id)
)
_OPTIONS = (
    select(
        _options.c.id,
        _options.c.survey_question_id,
        _options.c.position,
        _options.c.text,
    )
    .join(_questions, _questions.c.id == _options.c.survey_question_id)
    .where(_questions.c.survey_id == bindparam("survey_id"))
    .order_by(_options.c.survey_question_id, _options.c.position, _options.c.id)
)
_INSERT_QUESTION = insert(_questions).returning(_questions.c.id)
_INSERT_OPTION = insert(_options)
_UPDATE_QUESTION = update(_questions).where(_questions.c.id == bindparam("question_id"))
_UPDATE_OPTION = update(_options).where(_options.c.id == bindparam("option_id"))


# ---------------------------------------------------------------------------- reading


def not_found(survey_id: int) -> NotFoundError:
    return NotFoundError(
        f"Опрос № {survey_id} не найден: возможно, его номер указан неверно. Обновите список.",
        code="SURVEY_NOT_FOUND",
    )


def lock(session: Session, survey_id: int) -> Any:
    """The survey's row, locked for this transaction and read afresh."""
    survey = run(session, _LOCK_SURVEY, {"survey_id": survey_id}).one_or_none()
    if survey is None:
        raise not_found(survey_id)
    return survey


def read(session: Session, survey_id: int) -> Any:
    survey = run(session, _READ_SURVEY, {"survey_id": survey_id}).one_or_none()
    if survey is None:
        raise not_found(survey_id)
    return survey


def responses(session: Session, survey_id: int) -> int:
    """How many responses the survey has (any at all fixes its questions' meaning)."""
    return int(run(session, _RESPONSES, {"survey_id": survey_id}).scalar_one())


@dataclass(frozen=True)
class StoredQuestion:
    """A question as stored, with its options' positions (the draft keeps only order)."""

    draft: QuestionDraft
    position: int
    option_positions: dict[int, int]  # option id → position


def stored_questions(session: Session, survey_id: int) -> list[StoredQuestion]:
    """The survey's questions in order, each with its options in order, ids filled in."""
    options: dict[int, list[Any]] = {}
    for row in run(session, _OPTIONS, {"survey_id": survey_id}):
        options.setdefault(row.survey_question_id, []).append(row)
    stored = []
    for row in run(session, _QUESTIONS, {"survey_id": survey_id}):
        own = options.get(row.id, [])
        stored.append(
            StoredQuestion(
                draft=QuestionDraft(
                    kind=row.kind,
                    text=row.text,
                    required=bool(row.required),
                    options=tuple(OptionDraft(option.text, option.id) for option in own),
                    rating_scale=row.rating_scale,
                    question_id=row.id,
                ),
                position=int(row.position),
                option_positions={option.id: int(option.position) for option in own},
            )
        )
    return stored


def draft_of(survey: Any, questions: Iterable[StoredQuestion]) -> SurveyDraft:
    return SurveyDraft(
        title=survey.title,
        description=survey.description or "",
        questions=tuple(question.draft for question in questions),
    )


# ---------------------------------------------------------------------------- versions


def what(survey: Any) -> str:
    """«Опрос «…»», for messages."""
    return f"Опрос «{survey.title}»"


def check_version(survey: Any, actor: str, expected_version: int | None, advice: str) -> None:
    """Refuse an act on a version older than the survey's (a colleague changed it since)."""
    if expected_version is not None and survey.version != expected_version:
        raise ConflictError(stale_message(survey, actor, expected_version, advice), code="STALE")


def stale_message(survey: Any, actor: str, expected_version: int, advice: str) -> str:
    """Who changed the survey and when, as its row says (on PostgreSQL the database stamps
    both), in Moscow time as the builder shows its dates."""
    if survey.updated_by is None:
        who = "другой сотрудник"
    elif survey.updated_by == actor:
        who = "вы сами (в другом окне)"
    else:
        who = f"сотрудник {survey.updated_by}"
    when = f" {moscow_text(survey.updated_at)}" if survey.updated_at is not None else ""
    return (
        f"{what(survey)} изменён, пока был у вас открыт: его изменил {who}{when} "
        f"(у вас версия {expected_version}, сейчас — {survey.version}). {advice}"
    )


def bump(session: Session, survey: Any, actor: str, now: datetime, **values: Any) -> int:
    """Change the locked survey's row; its new version."""
    changed = run(
        session,
        _UPDATE_SURVEY.values(updated_at=now, updated_by=actor, **values),
        {"survey_id": survey.id, "read_version": survey.version},
    ).rowcount
    if changed != 1:  # SQLite locks no row: a colleague's act slipped in since the read
        fresh = read(session, survey.id)
        raise ConflictError(stale_message(fresh, actor, survey.version, REOPEN), code="STALE")
    return int(survey.version) + 1


def audit(
    session: Session, actor: str, action: str, survey_id: int, now: datetime, **details: Any
) -> None:
    queue_writes.audit_event(session, actor, action, ENTITY, survey_id, details, occurred_at=now)


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def placement(survey: Any) -> dict[str, Any]:
    """The survey's state and dates, as an audit event's ``before`` keeps them."""
    return {
        "status": survey.status,
        "opens_at": iso(survey.opens_at),
        "closes_at": iso(survey.closes_at),
    }


# ---------------------------------------------------------------------------- comparing


@dataclass
class Difference:
    """What a draft changes in the stored survey.

    ``structure``: Russian phrases for changes of meaning (adding, removing, moving, a
    kind, a scale, "required"), refused once the survey has answers; ``changed``: codes of
    every kind of change, for the audit event; ``fixes``: each text changed, before and
    after, with where it is (numbers from 1)."""

    structure: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    fixes: list[dict[str, Any]] = field(default_factory=list)

    def note(self, code: str, phrase: str | None = None) -> None:
        if code not in self.changed:
            self.changed.append(code)
        if phrase is not None and phrase not in self.structure:
            self.structure.append(phrase)

    def fix(self, code: str, before: str, after: str, **where: int) -> None:
        self.note(code)
        self.fixes.append({"field": code, **where, "before": before, "after": after})

    @property
    def empty(self) -> bool:
        return not self.changed


def unknown_line(survey: Any, what_line: str) -> ConflictError:
    return ConflictError(
        f"{what(survey)}: {what_line} уже нет в опросе — его удалили в другом окне или "
        f"другой сотрудник. {KEEP_DRAFT}",
        code="STALE",
    )


def _check_ids(survey: Any, stored: Sequence[StoredQuestion], draft: SurveyDraft) -> None:
    """Every id in the draft is a question (or an option of that same question) of the
    stored survey, at most once."""
    by_id = {question.draft.question_id: question for question in stored}
    seen: set[int] = set()
    for index, question in enumerate(draft.questions):
        if question.question_id is None:
            if any(option.option_id is not None for option in question.options):
                raise ValueError("a new question's options cannot have ids")
            continue
        if question.question_id in seen:
            raise ValueError(f"question id {question.question_id} given twice")
        seen.add(question.question_id)
        own = by_id.get(question.question_id)
        if own is None:
            raise unknown_line(survey, f"вопроса {index + 1}")
        options_seen: set[int] = set()
        for number, option in enumerate(question.options):
            if option.option_id is None:
                continue
            if option.option_id in options_seen:
                raise ValueError(f"option id {option.option_id} given twice")
            options_seen.add(option.option_id)
            if option.option_id not in own.option_positions:
                raise unknown_line(survey, f"варианта {number + 1} вопроса {index + 1}")


def _kept_order(ids: Sequence[int | None], kept: set[int]) -> list[int]:
    return [line for line in ids if line is not None and line in kept]


def _compare_options(
    difference: Difference, index: int, before: QuestionDraft, after: QuestionDraft
) -> None:
    number = index + 1
    old_ids = [option.option_id for option in before.options]
    new_ids = [option.option_id for option in after.options]
    kept = {line for line in new_ids if line is not None}
    if any(line not in kept for line in old_ids):
        difference.note("option_removed", f"в вопросе {number} удалён вариант")
    if any(line is None for line in new_ids):
        difference.note("option_added", f"в вопросе {number} добавлен вариант")
    if _kept_order(old_ids, kept) != _kept_order(new_ids, kept):
        difference.note("option_moved", f"в вопросе {number} переставлены варианты")
    old_texts = {option.option_id: option.text for option in before.options}
    for place, option in enumerate(after.options):
        if option.option_id is None:
            continue
        old_text = old_texts[option.option_id]
        if old_text != option.text:
            difference.fix("option_text", old_text, option.text, question=number, option=place + 1)


def compare(stored: Sequence[StoredQuestion], survey: Any, draft: SurveyDraft) -> Difference:
    """What ``draft`` (cleaned, its ids checked) changes in the stored survey."""
    _check_ids(survey, stored, draft)
    difference = Difference()
    if survey.title != draft.title:
        difference.fix("title", survey.title, draft.title)
    if (survey.description or "") != draft.description:
        difference.fix("description", survey.description or "", draft.description)
    old_ids = [question.draft.question_id for question in stored]
    new_ids = [question.question_id for question in draft.questions]
    kept = {line for line in new_ids if line is not None}
    if any(line not in kept for line in old_ids):
        difference.note("question_removed", "удалён вопрос")
    if any(line is None for line in new_ids):
        difference.note("question_added", "добавлен вопрос")
    if _kept_order(old_ids, kept) != _kept_order(new_ids, kept):
        difference.note("question_moved", "вопросы переставлены")
    by_id = {question.draft.question_id: question.draft for question in stored}
    for index, after in enumerate(draft.questions):
        if after.question_id is None:
            continue
        before = by_id[after.question_id]
        number = index + 1
        if before.kind != after.kind:
            difference.note("question_kind", f"у вопроса {number} изменён тип")
        if before.rating_scale != after.rating_scale:
            difference.note("question_scale", f"у вопроса {number} изменена шкала")
        if before.required != after.required:
            difference.note("question_required", f"у вопроса {number} изменена обязательность")
        if before.text != after.text:
            difference.fix("question_text", before.text, after.text, question=number)
        _compare_options(difference, index, before, after)
    return difference


# ---------------------------------------------------------------------------- writing


def create(
    session: Session, actor: str, draft: SurveyDraft, now: datetime, action: str, **details: Any
) -> int:
    """A new draft survey with its questions and options and its audit event; its id."""
    survey_id = int(
        run(
            session,
            _INSERT_SURVEY,
            {
                "title": draft.title,
                "description": draft.description,
                "status": "draft",
                "opens_at": None,
                "closes_at": None,
                "author": actor,
                "created_at": now,
                "updated_by": actor,
                "updated_at": now,
                "version": 1,
            },
        ).scalar_one()
    )
    for index, question in enumerate(draft.questions):
        _insert_question(session, survey_id, index, question)
    audit(
        session,
        actor,
        action,
        survey_id,
        now,
        title=draft.title,
        version=1,
        questions=len(draft.questions),
        **details,
    )
    return survey_id


def _insert_question(session: Session, survey_id: int, index: int, question: QuestionDraft) -> None:
    question_id = int(
        run(
            session,
            _INSERT_QUESTION,
            {
                "survey_id": survey_id,
                "position": index + 1,
                "kind": question.kind,
                "text": question.text,
                "required": question.required,
                "rating_scale": question.rating_scale,
            },
        ).scalar_one()
    )
    if question.options:
        run(
            session,
            _INSERT_OPTION,
            [
                {"survey_question_id": question_id, "position": place + 1, "text": option.text}
                for place, option in enumerate(question.options)
            ],
        )


def _update_question(session: Session, question_id: int, **values: Any) -> None:
    if values:
        run(session, _UPDATE_QUESTION.values(**values), {"question_id": question_id})


def _update_option(session: Session, option_id: int, **values: Any) -> None:
    if values:
        run(session, _UPDATE_OPTION.values(**values), {"option_id": option_id})


def write_texts(session: Session, stored: Sequence[StoredQuestion], draft: SurveyDraft) -> None:
    """Only the questions' and options' texts: what an answered survey may still change.
    Nothing else is touched, so the database's guard (LK006) sees text corrections only."""
    by_id = {question.draft.question_id: question.draft for question in stored}
    for question in draft.questions:
        assert question.question_id is not None  # an answered survey gains no question
        before = by_id[question.question_id]
        if before.text != question.text:
            _update_question(session, question.question_id, text=question.text)
        old_texts = {option.option_id: option.text for option in before.options}
        for option in question.options:
            assert option.option_id is not None
            if old_texts[option.option_id] != option.text:
                _update_option(session, option.option_id, text=option.text)


def write_all(
    session: Session, survey_id: int, stored: Sequence[StoredQuestion], draft: SurveyDraft
) -> None:
    """The draft's questions and options as given: removed lines deleted, new ones
    inserted, kept ones updated where they differ (positions from 1, in the draft's
    order)."""
    by_id = {question.draft.question_id: question for question in stored}
    kept_questions = {q.question_id for q in draft.questions if q.question_id is not None}
    kept_options = {
        option.option_id
        for question in draft.questions
        for option in question.options
        if option.option_id is not None
    }
    gone_options = [
        option_id
        for question in stored
        for option_id in question.option_positions
        if option_id not in kept_options
    ]
    gone_questions = [question_id for question_id in by_id if question_id not in kept_questions]
    if gone_options:
        run(session, delete(_options).where(_options.c.id.in_(gone_options)))
    if gone_questions:
        run(session, delete(_questions).where(_questions.c.id.in_(gone_questions)))
    for index, question in enumerate(draft.questions):
        if question.question_id is None:
            _insert_question(session, survey_id, index, question)
            continue
        own = by_id[question.question_id]
        before = own.draft
        values: dict[str, Any] = {}
        if own.position != index + 1:
            values["position"] = index + 1
        for name in ("kind", "text", "required", "rating_scale"):
            if getattr(before, name) != getattr(question, name):
                values[name] = getattr(question, name)
        _update_question(session, question.question_id, **values)
        _write_options(session, question.question_id, own, question)


def _write_options(
    session: Session, question_id: int, own: StoredQuestion, question: QuestionDraft
) -> None:
    old_texts = {option.option_id: option.text for option in own.draft.options}
    new_options = []
    for place, option in enumerate(question.options):
        if option.option_id is None:
            new_options.append(
                {"survey_question_id": question_id, "position": place + 1, "text": option.text}
            )
            continue
        values: dict[str, Any] = {}
        if own.option_positions[option.option_id] != place + 1:
            values["position"] = place + 1
        if old_texts[option.option_id] != option.text:
            values["text"] = option.text
        _update_option(session, option.option_id, **values)
    if new_options:
        run(session, _INSERT_OPTION, new_options)
