"""Surveys: the editors' acts on them, and their results.

Each act is one transaction in the caller's session: the survey's change (its row, its
questions, its options) and its audit event (entity ``survey``), or — refused with a
``DomainError`` before anything is written — nothing. The survey's row is locked first
(``FOR UPDATE`` on PostgreSQL) and every change bumps ``survey.version``; an act that
carries the version it was read at (``expected_version``) is refused as stale when a
colleague changed the survey since, with who and when (Moscow time), so that the builder
keeps what the editor typed and never silently overwrites a colleague's work.

States (the ``status`` column): ``draft`` → ``open`` → ``closed`` (and back to ``open``
by :func:`reopen`). "Scheduled" is not stored: it is an open survey whose ``opens_at`` is
ahead; an open survey whose ``closes_at`` has passed is shown as closed
(:func:`shown_status`; the list derives the same in SQL).

Decisions:

- A draft may be saved incomplete (no questions yet, a choice question with one option):
  only what could not be stored at all is refused (:func:`survey_shape.problems` with
  ``for_opening=False``). A survey that is open, scheduled or closed is saved only
  complete, as it must be to be opened, since customers see (or saw) it.
- Once a survey has a response, its questions and options keep their meaning: nothing
  added, removed or moved, no kind, scale or "required" changed — the answers collected
  would otherwise count towards another question. Texts (the title, the description, a
  question's, an option's) may still be corrected; each correction is audited with the
  text before and after (``fix_survey_text``). To change more, duplicate the survey.
  PostgreSQL refuses the same changes itself (``LK006``, migration 0015); the service
  refuses first, with its own explanation, and on SQLite alone.
- A survey opens now or later, never earlier; it closes now (a closing moment given in
  the past closes it now too: nobody answers backwards) or at a moment ahead. Reopening
  keeps its original opening.
- A scheduled survey may go back to draft (if no one has answered); an open one is
  closed instead, so that what customers saw stays recorded.

Writing goes through ``survey_writes`` (statements, the lock, versions, comparing a draft
with the stored survey); the results live in ``survey_results`` and are re-exported here,
so that ``services.surveys`` is the one door the screens use.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from lkk_admin.models.base import utcnow
from lkk_admin.services import survey_writes as writes
from lkk_admin.services.errors import ConflictError, DomainError
from lkk_admin.services.moscow_time import moscow_text
from lkk_admin.services.survey_results import results, split_results
from lkk_admin.services.survey_shape import (
    TITLE_MAX,
    DraftProblem,
    SurveyDraft,
    cleaned,
    problems,
)
from lkk_admin.services.survey_writes import KEEP_DRAFT, REOPEN

__all__ = [
    "ACTIONS",
    "COPY_PREFIX",
    "SurveyInvalid",
    "close",
    "draft_of",
    "duplicate",
    "open",
    "problems",
    "reopen",
    "results",
    "save",
    "shown_status",
    "split_results",
    "to_draft",
]

COPY_PREFIX = "Копия: "
# Every action this module writes to the audit log (named in services.audit_log).
ACTIONS = (
    "create_survey",
    "save_survey",
    "fix_survey_text",
    "open_survey",
    "close_survey",
    "schedule_close",
    "reopen_survey",
    "unschedule_survey",
    "duplicate_survey",
)


class SurveyInvalid(DomainError):  # noqa: N818 - the name the builder catches
    """A survey that cannot be saved (or opened) as it is: ``problems`` point at the
    questions and options concerned, for the builder to show."""

    def __init__(self, message: str, problems: list[DraftProblem]) -> None:
        super().__init__(message, code="SURVEY_INVALID")
        self.problems: tuple[DraftProblem, ...] = tuple(problems)


# ---------------------------------------------------------------------------- checks


def _moment(value: datetime | None) -> datetime:
    if value is None:
        return utcnow()
    if value.tzinfo is None:
        raise ValueError("naive datetime given; pass an aware one (UTC or Moscow time)")
    return value.astimezone(UTC)


def shown_status(
    status: str, opens_at: datetime | None, closes_at: datetime | None, now: datetime
) -> str:
    """The state staff see at ``now``: ``scheduled`` for an open survey whose opening is
    ahead, ``closed`` for an open one whose closing has passed, else the stored one."""
    if status == "open" and opens_at is not None and opens_at > now:
        return "scheduled"
    if status == "open" and closes_at is not None and closes_at <= now:
        return "closed"
    return status


def _shown(survey: Any, now: datetime) -> str:
    return shown_status(survey.status, survey.opens_at, survey.closes_at, now)


def _refuse_problems(found: list[DraftProblem], heading: str) -> None:
    if found:
        lines = "\n".join(f"— {problem.message}" for problem in found)
        raise SurveyInvalid(f"{heading}\n{lines}", found)


def _answers(count: int) -> str:
    if count % 10 == 1 and count % 100 != 11:
        word = "ответ"
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        word = "ответа"
    else:
        word = "ответов"
    return f"{count} {word}"


def _answered_refusal(survey: Any, count: int, attempted: list[str]) -> DomainError:
    tried = f" (в вашей правке: {'; '.join(attempted)})" if attempted else ""
    return DomainError(
        f"{writes.what(survey)} уже получил {_answers(count)}: его вопросы и варианты нельзя "
        "добавлять, удалять, переставлять, менять их тип, шкалу или обязательность — иначе "
        f"собранные ответы станут ответами на другой вопрос{tried}. Можно исправить только "
        "тексты. Чтобы изменить вопросы, сделайте копию опроса (новый черновик) и измените "
        f"её. {KEEP_DRAFT}",
        code="SURVEY_ANSWERED",
    )


# ---------------------------------------------------------------------------- the acts


def save(
    session: Session,
    actor: str,
    draft: SurveyDraft,
    *,
    survey_id: int | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Create a draft survey (``survey_id`` None) or save ``draft`` over the stored one;
    its id.

    The draft's ids say which stored question or option each line is: a line without one
    is new, a stored one missing from the draft is removed, the draft's order is the new
    order. A draft equal to what is stored writes nothing and is never stale. Refused
    (``SurveyInvalid``) when it could not be stored, or, for a survey no longer a draft,
    could not be opened; (``SURVEY_ANSWERED``) when it changes the meaning of an answered
    survey's questions; (``STALE``) when a colleague saved since ``expected_version``."""
    draft = cleaned(draft)
    now = _moment(now)
    _refuse_problems(
        problems(draft, for_opening=False), "Опрос не сохранён: исправьте, пожалуйста,"
    )
    if survey_id is None:
        return writes.create(session, actor, draft, now, "create_survey")
    survey = writes.lock(session, survey_id)
    stored = writes.stored_questions(session, survey_id)
    try:
        difference = writes.compare(stored, survey, draft)
    except ConflictError:  # a line of the draft is gone: a colleague's save, if any, says why
        writes.check_version(survey, actor, expected_version, KEEP_DRAFT)
        raise
    if difference.empty:
        return int(survey.id)
    writes.check_version(survey, actor, expected_version, KEEP_DRAFT)
    answered = writes.responses(session, survey_id)
    if answered and difference.structure:
        raise _answered_refusal(survey, answered, difference.structure)
    if survey.status != "draft":
        _refuse_problems(
            problems(draft, for_opening=True),
            f"{writes.what(survey)} уже не черновик, и сохранить его можно только готовым "
            "к ответам: исправьте, пожалуйста,",
        )
    version = writes.bump(
        session, survey, actor, now, title=draft.title, description=draft.description
    )
    if answered:
        writes.write_texts(session, stored, draft)
        writes.audit(
            session,
            actor,
            "fix_survey_text",
            survey.id,
            now,
            title=draft.title,
            version=version,
            fixes=difference.fixes,
        )
    else:
        writes.write_all(session, survey_id, stored, draft)
        writes.audit(
            session,
            actor,
            "save_survey",
            survey.id,
            now,
            title=draft.title,
            version=version,
            questions=len(draft.questions),
            changed=difference.changed,
        )
    return int(survey.id)


def open(  # the act's name in the contract; builtins.open is not used in this module
    session: Session,
    survey_id: int,
    actor: str,
    *,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Open the survey to customers from ``opens_at`` (None: now; ahead: scheduled) until
    ``closes_at`` (None: until it is closed); its new version. A draft is opened; a
    scheduled survey is re-timed. Refused (``SurveyInvalid``, with the problems) when the
    survey is not complete."""
    now = _moment(now)
    start = now if opens_at is None else _moment(opens_at)
    end = None if closes_at is None else _moment(closes_at)
    survey = writes.lock(session, survey_id)
    writes.check_version(survey, actor, expected_version, REOPEN)
    shown = _shown(survey, now)
    if shown == "open":
        raise DomainError(
            f"{writes.what(survey)} уже открыт"
            + (f" с {moscow_text(survey.opens_at)}" if survey.opens_at else "")
            + ". Чтобы закрыть его в дату, выберите «Закрыть» и укажите время.",
            code="ALREADY_OPEN",
        )
    if shown == "closed":
        raise DomainError(
            f"{writes.what(survey)} закрыт: чтобы снова принимать ответы, откройте его "
            "повторно («Открыть снова»).",
            code="SURVEY_CLOSED",
        )
    if start < now:
        raise DomainError(
            f"Время открытия ({moscow_text(start)}) уже прошло: откройте опрос сейчас или "
            "выберите время впереди.",
            code="OPENS_IN_PAST",
        )
    _check_end(end, start, now)
    _refuse_problems(
        problems(draft_of(session, survey_id), for_opening=True),
        f"{writes.what(survey)} не открыт: исправьте, пожалуйста,",
    )
    if survey.status == "open" and (survey.opens_at, survey.closes_at) == (start, end):
        return int(survey.version)
    version = writes.bump(session, survey, actor, now, status="open", opens_at=start, closes_at=end)
    writes.audit(
        session,
        actor,
        "open_survey",
        survey.id,
        now,
        title=survey.title,
        version=version,
        opens_at=writes.iso(start),
        closes_at=writes.iso(end),
        scheduled=start > now,
        before=writes.placement(survey),
    )
    return version


def _check_end(end: datetime | None, start: datetime | None, now: datetime) -> None:
    if end is None:
        return
    if start is not None and end <= start:
        raise DomainError(
            f"Время закрытия ({moscow_text(end)}) должно быть позже открытия "
            f"({moscow_text(start)}).",
            code="CLOSES_BEFORE_OPENS",
        )
    if end <= now:
        raise DomainError(
            f"Время закрытия ({moscow_text(end)}) уже прошло: выберите время впереди или "
            "не указывайте его.",
            code="CLOSES_IN_PAST",
        )


def close(
    session: Session,
    survey_id: int,
    actor: str,
    *,
    closes_at: datetime | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Close an open survey now (``closes_at`` None or already past: answers stop now), or
    at ``closes_at`` ahead (it stays open until then; a scheduled survey may be given its
    end too); its new version."""
    now = _moment(now)
    end = None if closes_at is None else _moment(closes_at)
    survey = writes.lock(session, survey_id)
    writes.check_version(survey, actor, expected_version, REOPEN)
    shown = _shown(survey, now)
    if shown == "draft":
        raise DomainError(
            f"{writes.what(survey)} — черновик: он ещё не открыт, закрывать нечего.",
            code="NOT_OPEN",
        )
    if shown == "closed":
        when = f" {moscow_text(survey.closes_at)}" if survey.closes_at else ""
        raise DomainError(f"{writes.what(survey)} уже закрыт{when}.", code="ALREADY_CLOSED")
    later = end is not None and end > now
    if not later and shown == "scheduled":
        raise DomainError(
            f"{writes.what(survey)} ещё не открыт (откроется {moscow_text(survey.opens_at)}): "
            "закрыть его сейчас нельзя. Верните его в черновики или укажите время закрытия "
            "после открытия.",
            code="NOT_OPEN_YET",
        )
    if later:
        _check_end(end, survey.opens_at, now)
        if survey.closes_at == end:
            return int(survey.version)
        values: dict[str, Any] = {"closes_at": end}
        action = "schedule_close"
    else:
        end = now
        values = {"status": "closed", "closes_at": end}
        action = "close_survey"
    version = writes.bump(session, survey, actor, now, **values)
    writes.audit(
        session,
        actor,
        action,
        survey.id,
        now,
        title=survey.title,
        version=version,
        closes_at=writes.iso(end),
        before=writes.placement(survey),
    )
    return version


def reopen(
    session: Session,
    survey_id: int,
    actor: str,
    *,
    closes_at: datetime | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Open a closed survey (closed, or open with its closing passed) again, until
    ``closes_at`` ahead (None: until it is closed); its new version. Its opening stays."""
    now = _moment(now)
    end = None if closes_at is None else _moment(closes_at)
    survey = writes.lock(session, survey_id)
    writes.check_version(survey, actor, expected_version, REOPEN)
    shown = _shown(survey, now)
    if shown == "draft":
        raise DomainError(
            f"{writes.what(survey)} — черновик: его открывают, а не открывают снова.",
            code="NOT_OPEN",
        )
    if shown != "closed":
        raise DomainError(f"{writes.what(survey)} не закрыт: он и так открыт.", code="ALREADY_OPEN")
    _check_end(end, None, now)
    _refuse_problems(
        problems(draft_of(session, survey_id), for_opening=True),
        f"{writes.what(survey)} не открыт: исправьте, пожалуйста,",
    )
    version = writes.bump(session, survey, actor, now, status="open", closes_at=end)
    writes.audit(
        session,
        actor,
        "reopen_survey",
        survey.id,
        now,
        title=survey.title,
        version=version,
        closes_at=writes.iso(end),
        before=writes.placement(survey),
    )
    return version


def to_draft(
    session: Session,
    survey_id: int,
    actor: str,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Take a scheduled survey back to draft (its dates cleared; the audit log keeps them)
    before anyone has seen it; its new version."""
    now = _moment(now)
    survey = writes.lock(session, survey_id)
    writes.check_version(survey, actor, expected_version, REOPEN)
    if _shown(survey, now) != "scheduled":
        raise DomainError(
            f"{writes.what(survey)} не запланирован: вернуть в черновики можно только опрос, "
            "который ещё не открылся. Открытый опрос закройте.",
            code="NOT_SCHEDULED",
        )
    answered = writes.responses(session, survey_id)
    if answered:
        raise DomainError(
            f"{writes.what(survey)} уже получил {_answers(answered)}: вернуть его в черновики "
            "нельзя. Закройте его или сделайте копию.",
            code="SURVEY_ANSWERED",
        )
    version = writes.bump(
        session, survey, actor, now, status="draft", opens_at=None, closes_at=None
    )
    writes.audit(
        session,
        actor,
        "unschedule_survey",
        survey.id,
        now,
        title=survey.title,
        version=version,
        before=writes.placement(survey),
    )
    return version


def _copy_title(title: str) -> str:
    room = TITLE_MAX - len(COPY_PREFIX)
    return COPY_PREFIX + (title if len(title) <= room else title[: room - 1].rstrip() + "…")


def duplicate(session: Session, survey_id: int, actor: str, *, now: datetime | None = None) -> int:
    """A new draft with the survey's description, questions and options (title prefixed
    «Копия: »); its id. The way to change an answered survey's questions."""
    now = _moment(now)
    survey = writes.read(session, survey_id)
    source = draft_of(session, survey_id)
    copy = SurveyDraft(
        title=_copy_title(survey.title),
        description=source.description,
        questions=tuple(
            replace(
                question,
                question_id=None,
                options=tuple(replace(option, option_id=None) for option in question.options),
            )
            for question in source.questions
        ),
    )
    return writes.create(
        session,
        actor,
        copy,
        now,
        "duplicate_survey",
        source_survey_id=survey.id,
        source_version=survey.version,
    )


# ---------------------------------------------------------------------------- reading


def draft_of(session: Session, survey_id: int) -> SurveyDraft:
    """The stored survey as its builder edits it: texts, kinds, scales, the order, and
    each question's and option's id."""
    survey = writes.read(session, survey_id)
    return writes.draft_of(survey, writes.stored_questions(session, survey_id))
