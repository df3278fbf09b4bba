"""The editors' acts on surveys, on SQLite and on PostgreSQL: drafts saved and edited
(added, removed, moved, changed questions and options), problems pointing at questions,
opening now or later, closing now or later, reopening, back to draft, copies; an answered
survey keeps its questions' meaning while its texts may be fixed; stale saves; every
refusal writes nothing.

Written as the tables' owner (the test server's superuser), whom the database's rules
exempt; the same acts as real staff roles are in test_survey_rules.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import (
    AuditEvent,
    PortalUser,
    Survey,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from lkk_admin.services import audit_log, survey_results, surveys
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError
from lkk_admin.services.survey_shape import (
    TITLE_MAX,
    DraftProblem,
    OptionDraft,
    QuestionDraft,
    SurveyDraft,
)
from lkk_admin.services.surveys import SurveyInvalid

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)  # 12:00 МСК
LATER = NOW + timedelta(days=3)
MUCH_LATER = NOW + timedelta(days=30)
EDITOR = "editor1"
COLLEAGUE = "editor2"
Factory = sessionmaker[Session]
_numbers = itertools.count(1)


def options(*texts: str) -> tuple[OptionDraft, ...]:
    return tuple(OptionDraft(text) for text in texts)


DRAFT = SurveyDraft(
    "Удобство Личного кабинета",
    "Пять минут о портале.",
    (
        QuestionDraft("single", "Удобно ли передавать показания?", options=options("Да", "Нет")),
        QuestionDraft(
            "multiple", "Какими разделами вы пользуетесь?", options=options("Счета", "Показания")
        ),
        QuestionDraft("rating", "Оцените портал", rating_scale=5),
        QuestionDraft("text", "Что улучшить?", required=False),
    ),
)


def act(factory: Factory, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with factory.begin() as session:
        return action(session, *args, **kwargs)


def create(factory: Factory, draft: SurveyDraft = DRAFT, actor: str = EDITOR) -> int:
    return int(act(factory, surveys.save, actor, draft, now=NOW))


def stored(factory: Factory, survey_id: int) -> SurveyDraft:
    with factory() as session:
        return surveys.draft_of(session, survey_id)


def save(factory: Factory, survey_id: int, draft: SurveyDraft, **kwargs: Any) -> int:
    kwargs.setdefault("now", NOW)
    return int(
        act(
            factory, surveys.save, kwargs.pop("actor", EDITOR), draft, survey_id=survey_id, **kwargs
        )
    )


def row(factory: Factory, survey_id: int) -> Any:
    with factory() as session:
        return session.execute(select(Survey.__table__).where(Survey.id == survey_id)).one()


def events(factory: Factory, survey_id: int) -> list[Any]:
    """The survey's audit events (on PostgreSQL the database stamps the actor: the test's
    owner session here; the staff roles' own are in test_survey_rules.py)."""
    with factory() as session:
        return list(
            session.execute(
                select(AuditEvent.action, AuditEvent.details)
                .where(AuditEvent.entity == "survey", AuditEvent.entity_id == survey_id)
                .order_by(AuditEvent.id)
            )
        )


def written(factory: Factory) -> tuple[Any, ...]:
    """Everything a survey act may write: surveys with their versions, states and dates,
    questions and options as stored, and the number of audit events."""
    with factory() as session:
        return (
            session.execute(select(Survey.__table__).order_by(Survey.id)).all(),
            session.execute(select(SurveyQuestion.__table__).order_by(SurveyQuestion.id)).all(),
            session.execute(select(SurveyOption.__table__).order_by(SurveyOption.id)).all(),
            session.scalar(select(func.count()).select_from(AuditEvent)),
        )


def answer(factory: Factory, survey_id: int) -> None:
    """A portal customer's response (its answers do not matter here)."""
    n = next(_numbers)
    with factory.begin() as session:
        user = PortalUser(
            login=f"respondent{n}",
            email=f"respondent{n}@example.ru",
            password_hash="x",
            first_name="Пётр",
            last_name="Петров",
            phone="+7 (916) 000-00-00",
            status="active",
        )
        session.add(user)
        session.flush()
        session.add(SurveyResponse(survey_id=survey_id, portal_user_id=user.id, submitted_at=NOW))


def opened(factory: Factory, draft: SurveyDraft = DRAFT, **kwargs: Any) -> int:
    survey_id = create(factory, draft)
    act(factory, surveys.open, survey_id, EDITOR, now=NOW, **kwargs)
    return survey_id


def without_ids(draft: SurveyDraft) -> SurveyDraft:
    return replace(
        draft,
        questions=tuple(
            replace(
                question,
                question_id=None,
                options=tuple(replace(option, option_id=None) for option in question.options),
            )
            for question in draft.questions
        ),
    )


def question_ids(draft: SurveyDraft) -> list[int | None]:
    return [question.question_id for question in draft.questions]


def option_ids(question: QuestionDraft) -> list[int | None]:
    return [option.option_id for option in question.options]


# ---------------------------------------------------------------------------- saving


def test_a_new_survey_is_a_draft_stored_as_typed_and_audited(factory: Factory) -> None:
    typed = replace(
        DRAFT, title="  Удобство   Личного кабинета ", description="\nПять минут о портале.  "
    )
    survey_id = create(factory, typed)
    draft = stored(factory, survey_id)
    assert without_ids(draft) == DRAFT
    assert all(question_id is not None for question_id in question_ids(draft))
    assert all(None not in option_ids(question) for question in draft.questions)
    survey = row(factory, survey_id)
    assert (survey.status, survey.version, survey.author, survey.updated_by) == (
        "draft",
        1,
        EDITOR,
        EDITOR,
    )
    assert (survey.opens_at, survey.closes_at) == (None, None)
    assert events(factory, survey_id) == [
        (
            "create_survey",
            {"title": DRAFT.title, "version": 1, "questions": 4},
        )
    ]


def test_an_incomplete_draft_is_saved_but_not_what_cannot_be_stored(factory: Factory) -> None:
    unfinished = SurveyDraft("Черновик", "", (QuestionDraft("single", "", options=options("Да")),))
    survey_id = create(factory, unfinished)
    assert without_ids(stored(factory, survey_id)) == unfinished
    before = written(factory)
    broken = SurveyDraft(
        "",
        "",
        (
            QuestionDraft("rating", "Оценка"),
            QuestionDraft("text", "Текст", options=options("лишний")),
        ),
    )
    with pytest.raises(SurveyInvalid) as caught:
        create(factory, broken)
    assert caught.value.code == "SURVEY_INVALID"
    assert caught.value.problems == (
        DraftProblem("Укажите название опроса.", field="title"),
        DraftProblem("Вопрос 1: выберите шкалу оценки — от 1 до 5 или от 0 до 10.", question=0),
        DraftProblem(
            "Вопрос 2: у вопроса со свободным ответом не бывает вариантов ответа — удалите их "
            "или выберите тип с вариантами.",
            question=1,
            field="options",
        ),
    )
    assert caught.value.message.startswith("Опрос не сохранён: исправьте, пожалуйста,\n— Укажите")
    with pytest.raises(SurveyInvalid):
        save(factory, survey_id, broken)
    assert written(factory) == before


def test_an_edit_adds_removes_moves_and_changes_lines_keeping_their_ids(factory: Factory) -> None:
    survey_id = create(factory)
    one, several, rating, free = stored(factory, survey_id).questions
    edited = SurveyDraft(
        "Удобство кабинета",
        "Пять минут.",
        (
            replace(rating, rating_scale=10, text="Порекомендуете ли вы нас?"),
            QuestionDraft("single", "Новый вопрос", options=options("А", "Б")),
            replace(
                several,
                kind="single",
                required=False,
                options=(several.options[1], OptionDraft("Заявки"), several.options[0]),
            ),
            replace(one, options=(replace(one.options[0], text="Да, удобно"),)),
        ),
    )
    save(factory, survey_id, edited, expected_version=1)
    after = stored(factory, survey_id)
    assert without_ids(after) == without_ids(edited)
    assert question_ids(after)[0] == rating.question_id
    assert question_ids(after)[2:] == [several.question_id, one.question_id]
    assert option_ids(after.questions[2])[0::2] == [
        several.options[1].option_id,
        several.options[0].option_id,
    ]
    assert option_ids(after.questions[3]) == [one.options[0].option_id]
    with factory() as session:
        # Removed lines are deleted (SQLite may give their ids to new lines).
        assert session.scalar(select(func.count()).select_from(SurveyQuestion)) == 4
        assert session.scalar(select(func.count()).select_from(SurveyOption)) == 6
        assert free.text not in session.execute(select(SurveyQuestion.text)).scalars().all()
        assert "Нет" not in session.execute(select(SurveyOption.text)).scalars().all()
        positions = session.execute(
            select(SurveyQuestion.position)
            .where(SurveyQuestion.survey_id == survey_id)
            .order_by(SurveyQuestion.position)
        ).scalars()
        assert list(positions) == [1, 2, 3, 4]
    assert row(factory, survey_id).version == 2
    action, details = events(factory, survey_id)[-1]
    assert action == "save_survey"
    assert details == {
        "title": "Удобство кабинета",
        "version": 2,
        "questions": 4,
        "changed": [
            "title",
            "description",
            "question_removed",
            "question_added",
            "question_moved",
            "question_scale",
            "question_text",
            "question_kind",
            "question_required",
            "option_added",
            "option_moved",
            "option_removed",
            "option_text",
        ],
    }


def test_a_kind_may_change_between_choice_and_rating_while_no_one_answered(
    factory: Factory,
) -> None:
    survey_id = create(factory)
    one, several, rating, free = stored(factory, survey_id).questions
    edited = replace(
        DRAFT,
        questions=(
            replace(one, kind="rating", rating_scale=10, options=()),
            several,
            replace(rating, kind="multiple", rating_scale=None, options=options("Да", "Нет")),
            free,
        ),
    )
    save(factory, survey_id, edited)
    assert without_ids(stored(factory, survey_id)) == without_ids(edited)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(SurveyOption)) == 4


def test_moving_questions_only_is_audited_as_moved(factory: Factory) -> None:
    survey_id = create(factory)
    draft = stored(factory, survey_id)
    moved = replace(draft, questions=draft.questions[::-1])
    save(factory, survey_id, moved, expected_version=1)
    assert stored(factory, survey_id) == moved
    assert events(factory, survey_id)[-1].details["changed"] == ["question_moved"]


def test_saving_what_is_stored_writes_nothing_and_is_never_stale(factory: Factory) -> None:
    survey_id = create(factory)
    draft = stored(factory, survey_id)
    save(factory, survey_id, replace(draft, title=draft.title + " (2)"), actor=COLLEAGUE)
    before = written(factory)
    as_stored = stored(factory, survey_id)
    padded = replace(as_stored, title=f"  {as_stored.title} ")
    assert save(factory, survey_id, padded, expected_version=1) == survey_id
    assert written(factory) == before


def test_a_stale_save_is_refused_naming_who_and_when_and_changes_nothing(
    factory: Factory,
) -> None:
    survey_id = create(factory)
    draft = stored(factory, survey_id)
    colleague_at = NOW + timedelta(minutes=7)
    save(
        factory,
        survey_id,
        replace(draft, title="Правка коллеги"),
        actor=COLLEAGUE,
        expected_version=1,
        now=colleague_at,
    )
    before = written(factory)
    mine = replace(draft, title="Моя правка", questions=draft.questions[1:])
    with pytest.raises(ConflictError) as caught:
        save(factory, survey_id, mine, expected_version=1)
    assert caught.value.code == "STALE"
    message = caught.value.message
    assert f"сотрудник {COLLEAGUE} 05.12.2026 12:07 МСК" in message
    assert "у вас версия 1, сейчас — 2" in message
    assert "не потеряны" in message
    assert written(factory) == before
    # By themselves in another window: said so.
    with pytest.raises(ConflictError, match="вы сами"):
        save(factory, survey_id, mine, actor=COLLEAGUE, expected_version=1)


def test_a_line_a_colleague_removed_is_a_conflict(factory: Factory) -> None:
    survey_id = create(factory)
    draft = stored(factory, survey_id)
    save(factory, survey_id, replace(draft, questions=draft.questions[1:]), actor=COLLEAGUE)
    before = written(factory)
    mine = replace(draft, title="Моя правка")
    with pytest.raises(ConflictError) as caught:
        save(factory, survey_id, mine, expected_version=1)
    assert COLLEAGUE in caught.value.message
    with pytest.raises(ConflictError) as caught:
        save(factory, survey_id, mine)
    assert caught.value.code == "STALE"
    assert "вопроса 1 уже нет в опросе" in caught.value.message
    assert written(factory) == before


def test_a_survey_no_longer_a_draft_is_saved_only_complete(factory: Factory) -> None:
    survey_id = opened(factory)
    draft = stored(factory, survey_id)
    one = draft.questions[0]
    lonely = replace(draft, questions=(replace(one, options=one.options[:1]), *draft.questions[1:]))
    before = written(factory)
    with pytest.raises(SurveyInvalid) as caught:
        save(factory, survey_id, lonely)
    assert [(p.question, p.field) for p in caught.value.problems] == [(0, "options")]
    assert "уже не черновик" in caught.value.message
    assert written(factory) == before


# ---------------------------------------------------------------------------- answered


def _answered_changes(draft: SurveyDraft) -> dict[str, SurveyDraft]:
    one, several, rating, free = draft.questions
    qs = draft.questions
    return {
        "question added": replace(draft, questions=(*qs, QuestionDraft("text", "Ещё?"))),
        "question removed": replace(draft, questions=qs[:-1]),
        "questions moved": replace(draft, questions=(several, one, rating, free)),
        "option added": replace(
            draft, questions=(replace(one, options=(*one.options, OptionDraft("Иногда"))), *qs[1:])
        ),
        "option removed": replace(
            draft, questions=(one, replace(several, options=several.options[:1]), rating, free)
        ),
        "options moved": replace(
            draft, questions=(replace(one, options=one.options[::-1]), *qs[1:])
        ),
        "kind changed": replace(draft, questions=(replace(one, kind="multiple"), *qs[1:])),
        "scale changed": replace(
            draft, questions=(one, several, replace(rating, rating_scale=10), free)
        ),
        "required changed": replace(
            draft, questions=(one, several, rating, replace(free, required=True))
        ),
    }


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        ("question added", "добавлен вопрос"),
        ("question removed", "удалён вопрос"),
        ("questions moved", "вопросы переставлены"),
        ("option added", "в вопросе 1 добавлен вариант"),
        ("option removed", "в вопросе 2 удалён вариант"),
        ("options moved", "в вопросе 1 переставлены варианты"),
        ("kind changed", "у вопроса 1 изменён тип"),
        ("scale changed", "у вопроса 3 изменена шкала"),
        ("required changed", "у вопроса 4 изменена обязательность"),
    ],
)
def test_an_answered_survey_keeps_its_questions_meaning(
    factory: Factory, change: str, phrase: str
) -> None:
    survey_id = opened(factory)
    answer(factory, survey_id)
    draft = stored(factory, survey_id)
    before = written(factory)
    with pytest.raises(DomainError) as caught:
        save(factory, survey_id, _answered_changes(draft)[change], expected_version=2)
    assert caught.value.code == "SURVEY_ANSWERED"
    message = caught.value.message
    assert message.startswith(f"Опрос «{DRAFT.title}» уже получил 1 ответ: ")
    assert f"(в вашей правке: {phrase})" in message
    assert "сделайте копию опроса" in message
    assert written(factory) == before


def test_an_answered_surveys_texts_may_be_fixed_and_each_fix_is_audited(
    factory: Factory,
) -> None:
    survey_id = opened(factory)
    answer(factory, survey_id)
    answer(factory, survey_id)
    draft = stored(factory, survey_id)
    one, several, rating, free = draft.questions
    fixed = replace(
        draft,
        title="Удобство Личного кабинета клиента",
        questions=(
            replace(one, text="Удобно ли передавать показания счётчиков?"),
            replace(
                several,
                options=(
                    several.options[0],
                    replace(several.options[1], text="Показания счётчиков"),
                ),
            ),
            rating,
            free,
        ),
    )
    save(factory, survey_id, fixed, expected_version=2, now=LATER)
    assert stored(factory, survey_id) == fixed
    survey = row(factory, survey_id)
    assert (survey.version, survey.status, survey.updated_at) == (3, "open", LATER)
    action, details = events(factory, survey_id)[-1]
    assert action == "fix_survey_text"
    assert details == {
        "title": "Удобство Личного кабинета клиента",
        "version": 3,
        "fixes": [
            {
                "field": "title",
                "before": "Удобство Личного кабинета",
                "after": "Удобство Личного кабинета клиента",
            },
            {
                "field": "question_text",
                "question": 1,
                "before": "Удобно ли передавать показания?",
                "after": "Удобно ли передавать показания счётчиков?",
            },
            {
                "field": "option_text",
                "question": 2,
                "option": 2,
                "before": "Показания",
                "after": "Показания счётчиков",
            },
        ],
    }


# ---------------------------------------------------------------------------- opening


def test_opening_now_until_a_date(factory: Factory) -> None:
    survey_id = create(factory)
    version = act(
        factory, surveys.open, survey_id, EDITOR, closes_at=MUCH_LATER, expected_version=1, now=NOW
    )
    assert version == 2
    survey = row(factory, survey_id)
    assert (survey.status, survey.opens_at, survey.closes_at, survey.version) == (
        "open",
        NOW,
        MUCH_LATER,
        2,
    )
    assert surveys.shown_status(survey.status, survey.opens_at, survey.closes_at, NOW) == "open"
    assert events(factory, survey_id)[-1] == (
        "open_survey",
        {
            "title": DRAFT.title,
            "version": 2,
            "opens_at": NOW.isoformat(),
            "closes_at": MUCH_LATER.isoformat(),
            "scheduled": False,
            "before": {"status": "draft", "opens_at": None, "closes_at": None},
        },
    )


def test_opening_later_schedules_and_a_scheduled_survey_may_be_retimed(factory: Factory) -> None:
    survey_id = create(factory)
    act(factory, surveys.open, survey_id, EDITOR, opens_at=LATER, now=NOW)
    survey = row(factory, survey_id)
    assert (survey.status, survey.opens_at, survey.closes_at) == ("open", LATER, None)
    assert (
        surveys.shown_status(survey.status, survey.opens_at, survey.closes_at, NOW) == "scheduled"
    )
    assert events(factory, survey_id)[-1].details["scheduled"] is True
    assert act(factory, surveys.open, survey_id, EDITOR, opens_at=LATER, now=NOW) == 2  # as it is
    sooner = NOW + timedelta(hours=1)
    assert (
        act(
            factory,
            surveys.open,
            survey_id,
            EDITOR,
            opens_at=sooner,
            closes_at=LATER,
            expected_version=2,
            now=NOW,
        )
        == 3
    )
    survey = row(factory, survey_id)
    assert (survey.opens_at, survey.closes_at) == (sooner, LATER)
    assert events(factory, survey_id)[-1].details["before"] == {
        "status": "open",
        "opens_at": LATER.isoformat(),
        "closes_at": None,
    }


def test_an_incomplete_survey_does_not_open_and_the_problems_point_at_questions(
    factory: Factory,
) -> None:
    incomplete = SurveyDraft(
        "Опрос",
        "",
        (
            QuestionDraft("text", "Что улучшить?"),
            QuestionDraft("single", "Да или нет?", options=options("Да", "да")),
            QuestionDraft("multiple", "", options=options("Одно")),
        ),
    )
    survey_id = create(factory, incomplete)
    before = written(factory)
    with pytest.raises(SurveyInvalid) as caught:
        act(factory, surveys.open, survey_id, EDITOR, now=NOW)
    assert caught.value.code == "SURVEY_INVALID"
    assert [(p.question, p.option, p.field) for p in caught.value.problems] == [
        (1, 1, "options"),
        (2, None, "text"),
        (2, None, "options"),
    ]
    assert caught.value.message.splitlines() == [
        "Опрос «Опрос» не открыт: исправьте, пожалуйста,",
        "— Вопрос 2, вариант 2 повторяет вариант 1 («да»): варианты должны различаться.",
        "— Вопрос 3: впишите текст вопроса.",
        "— Вопрос 3: нужно хотя бы два варианта ответа (сейчас 1).",
    ]
    empty = create(factory, SurveyDraft("Пустой"))
    with pytest.raises(SurveyInvalid, match="хотя бы один вопрос"):
        act(factory, surveys.open, empty, EDITOR, now=NOW)
    assert written(factory)[1:3] == before[1:3]
    assert row(factory, survey_id).status == "draft"


@pytest.mark.parametrize(
    ("times", "code"),
    [
        ({"opens_at": NOW - timedelta(minutes=1)}, "OPENS_IN_PAST"),
        ({"opens_at": LATER, "closes_at": LATER}, "CLOSES_BEFORE_OPENS"),
        ({"closes_at": NOW - timedelta(days=1)}, "CLOSES_BEFORE_OPENS"),
        ({"closes_at": NOW}, "CLOSES_BEFORE_OPENS"),
    ],
)
def test_opening_times_that_make_no_sense_are_refused(
    factory: Factory, times: dict[str, datetime], code: str
) -> None:
    survey_id = create(factory)
    before = written(factory)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.open, survey_id, EDITOR, now=NOW, **times)
    assert caught.value.code == code
    assert "МСК" in caught.value.message
    assert written(factory) == before


def test_an_open_or_closed_survey_is_not_opened_again(factory: Factory) -> None:
    survey_id = opened(factory)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.open, survey_id, EDITOR, now=NOW)
    assert caught.value.code == "ALREADY_OPEN"
    assert "уже открыт с 05.12.2026 12:00 МСК" in caught.value.message
    act(factory, surveys.close, survey_id, EDITOR, now=LATER)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.open, survey_id, EDITOR, now=LATER)
    assert caught.value.code == "SURVEY_CLOSED"


# ---------------------------------------------------------------------------- closing


def test_closing_now(factory: Factory) -> None:
    survey_id = opened(factory)
    assert act(factory, surveys.close, survey_id, EDITOR, expected_version=2, now=LATER) == 3
    survey = row(factory, survey_id)
    assert (survey.status, survey.opens_at, survey.closes_at) == ("closed", NOW, LATER)
    assert events(factory, survey_id)[-1] == (
        "close_survey",
        {
            "title": DRAFT.title,
            "version": 3,
            "closes_at": LATER.isoformat(),
            "before": {"status": "open", "opens_at": NOW.isoformat(), "closes_at": None},
        },
    )
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.close, survey_id, EDITOR, now=LATER)
    assert caught.value.code == "ALREADY_CLOSED"
    assert "уже закрыт 08.12.2026 12:00 МСК" in caught.value.message


def test_a_closing_moment_already_past_closes_now(factory: Factory) -> None:
    survey_id = opened(factory)
    act(factory, surveys.close, survey_id, EDITOR, closes_at=NOW, now=LATER)
    survey = row(factory, survey_id)
    assert (survey.status, survey.closes_at) == ("closed", LATER)


def test_closing_at_a_date_keeps_it_open_until_then(factory: Factory) -> None:
    survey_id = opened(factory)
    assert act(factory, surveys.close, survey_id, EDITOR, closes_at=MUCH_LATER, now=LATER) == 3
    survey = row(factory, survey_id)
    assert (survey.status, survey.closes_at) == ("open", MUCH_LATER)
    assert surveys.shown_status("open", NOW, MUCH_LATER, LATER) == "open"
    assert surveys.shown_status("open", NOW, MUCH_LATER, MUCH_LATER) == "closed"
    action, details = events(factory, survey_id)[-1]
    assert (action, details["closes_at"]) == ("schedule_close", MUCH_LATER.isoformat())
    # The same moment again changes nothing; once it has passed, it is closed.
    assert act(factory, surveys.close, survey_id, EDITOR, closes_at=MUCH_LATER, now=LATER) == 3
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.close, survey_id, EDITOR, now=MUCH_LATER + timedelta(seconds=1))
    assert caught.value.code == "ALREADY_CLOSED"


def test_a_draft_is_not_closed_and_a_scheduled_one_only_at_a_date_after_its_opening(
    factory: Factory,
) -> None:
    draft_id = create(factory)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.close, draft_id, EDITOR, now=NOW)
    assert caught.value.code == "NOT_OPEN"
    survey_id = opened(factory, opens_at=LATER)
    before = written(factory)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.close, survey_id, EDITOR, now=NOW)
    assert caught.value.code == "NOT_OPEN_YET"
    assert "Верните его в черновики" in caught.value.message
    with pytest.raises(DomainError) as caught:
        act(
            factory, surveys.close, survey_id, EDITOR, closes_at=LATER - timedelta(hours=1), now=NOW
        )
    assert caught.value.code == "CLOSES_BEFORE_OPENS"
    assert written(factory) == before
    act(factory, surveys.close, survey_id, EDITOR, closes_at=MUCH_LATER, now=NOW)
    survey = row(factory, survey_id)
    assert (survey.status, survey.opens_at, survey.closes_at) == ("open", LATER, MUCH_LATER)


# ---------------------------------------------------------------------------- reopening


def test_a_closed_survey_opens_again_keeping_its_opening(factory: Factory) -> None:
    survey_id = opened(factory)
    act(factory, surveys.close, survey_id, EDITOR, now=LATER)
    then = LATER + timedelta(days=1)
    assert (
        act(
            factory,
            surveys.reopen,
            survey_id,
            EDITOR,
            closes_at=MUCH_LATER,
            expected_version=3,
            now=then,
        )
        == 4
    )
    survey = row(factory, survey_id)
    assert (survey.status, survey.opens_at, survey.closes_at) == ("open", NOW, MUCH_LATER)
    assert events(factory, survey_id)[-1] == (
        "reopen_survey",
        {
            "title": DRAFT.title,
            "version": 4,
            "closes_at": MUCH_LATER.isoformat(),
            "before": {
                "status": "closed",
                "opens_at": NOW.isoformat(),
                "closes_at": LATER.isoformat(),
            },
        },
    )


def test_a_survey_past_its_closing_date_opens_again_without_an_end(factory: Factory) -> None:
    survey_id = opened(factory, closes_at=LATER)
    act(factory, surveys.reopen, survey_id, EDITOR, now=MUCH_LATER)
    survey = row(factory, survey_id)
    assert (survey.status, survey.closes_at) == ("open", None)


def test_only_a_closed_survey_is_reopened_and_never_until_the_past(factory: Factory) -> None:
    draft_id = create(factory)
    survey_id = opened(factory)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.reopen, draft_id, EDITOR, now=NOW)
    assert caught.value.code == "NOT_OPEN"
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.reopen, survey_id, EDITOR, now=NOW)
    assert caught.value.code == "ALREADY_OPEN"
    act(factory, surveys.close, survey_id, EDITOR, now=LATER)
    before = written(factory)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.reopen, survey_id, EDITOR, closes_at=LATER, now=LATER)
    assert caught.value.code == "CLOSES_IN_PAST"
    assert written(factory) == before


# ---------------------------------------------------------------------------- back to draft


def test_a_scheduled_survey_goes_back_to_draft(factory: Factory) -> None:
    survey_id = opened(factory, opens_at=LATER, closes_at=MUCH_LATER)
    assert act(factory, surveys.to_draft, survey_id, EDITOR, expected_version=2, now=NOW) == 3
    survey = row(factory, survey_id)
    assert (survey.status, survey.opens_at, survey.closes_at) == ("draft", None, None)
    assert events(factory, survey_id)[-1] == (
        "unschedule_survey",
        {
            "title": DRAFT.title,
            "version": 3,
            "before": {
                "status": "open",
                "opens_at": LATER.isoformat(),
                "closes_at": MUCH_LATER.isoformat(),
            },
        },
    )


def test_only_an_unanswered_scheduled_survey_goes_back_to_draft(factory: Factory) -> None:
    open_id = opened(factory)
    scheduled_id = opened(factory, opens_at=LATER)
    answer(factory, scheduled_id)
    before = written(factory)
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.to_draft, open_id, EDITOR, now=NOW)
    assert caught.value.code == "NOT_SCHEDULED"
    assert "закройте" in caught.value.message
    with pytest.raises(DomainError) as caught:
        act(factory, surveys.to_draft, scheduled_id, EDITOR, now=NOW)
    assert caught.value.code == "SURVEY_ANSWERED"
    assert written(factory) == before


# ---------------------------------------------------------------------------- copies


def test_a_copy_is_a_new_draft_with_the_same_questions(factory: Factory) -> None:
    survey_id = opened(factory)
    answer(factory, survey_id)
    copy_id = act(factory, surveys.duplicate, survey_id, COLLEAGUE, now=LATER)
    assert copy_id != survey_id
    copy = stored(factory, copy_id)
    assert without_ids(copy) == replace(DRAFT, title=f"Копия: {DRAFT.title}")
    assert not set(question_ids(copy)) & set(question_ids(stored(factory, survey_id)))
    survey = row(factory, copy_id)
    assert (survey.status, survey.author, survey.version, survey.opens_at) == (
        "draft",
        COLLEAGUE,
        1,
        None,
    )
    assert events(factory, copy_id) == [
        (
            "duplicate_survey",
            {
                "title": f"Копия: {DRAFT.title}",
                "version": 1,
                "questions": 4,
                "source_survey_id": survey_id,
                "source_version": 2,
            },
        )
    ]
    # The copy is the answered survey's questions free to change.
    save(factory, copy_id, replace(copy, questions=copy.questions[::-1]), actor=COLLEAGUE)


def test_a_copys_title_fits_its_column(factory: Factory) -> None:
    survey_id = create(factory, replace(DRAFT, title="Очень длинное название опроса " * 10))
    copy_id = act(factory, surveys.duplicate, survey_id, EDITOR, now=NOW)
    title = stored(factory, copy_id).title
    assert len(title) <= TITLE_MAX
    assert title.startswith("Копия: Очень длинное название") and title.endswith("…")


# ---------------------------------------------------------------------------- the rest


def test_an_unknown_survey_is_not_found_by_any_act(factory: Factory) -> None:
    acts: list[Callable[[Session], Any]] = [
        lambda s: surveys.save(s, EDITOR, DRAFT, survey_id=999_999, now=NOW),
        lambda s: surveys.open(s, 999_999, EDITOR, now=NOW),
        lambda s: surveys.close(s, 999_999, EDITOR, now=NOW),
        lambda s: surveys.reopen(s, 999_999, EDITOR, now=NOW),
        lambda s: surveys.to_draft(s, 999_999, EDITOR, now=NOW),
        lambda s: surveys.duplicate(s, 999_999, EDITOR, now=NOW),
        lambda s: surveys.draft_of(s, 999_999),
    ]
    for each in acts:
        with pytest.raises(NotFoundError) as caught, factory.begin() as session:
            each(session)
        assert caught.value.code == "SURVEY_NOT_FOUND"
        assert caught.value.message.startswith("Опрос № 999999 не найден")


def test_shown_status() -> None:
    shown = surveys.shown_status
    assert shown("draft", None, None, NOW) == "draft"
    assert shown("open", None, None, NOW) == "open"
    assert shown("open", NOW, None, NOW) == "open"
    assert shown("open", LATER, MUCH_LATER, NOW) == "scheduled"
    assert shown("open", NOW, LATER, LATER - timedelta(seconds=1)) == "open"
    assert shown("open", NOW, LATER, LATER) == "closed"
    assert shown("closed", NOW, LATER, NOW) == "closed"


def test_a_naive_moment_is_refused(factory: Factory) -> None:
    survey_id = create(factory)
    with pytest.raises(ValueError, match="naive"):
        act(factory, surveys.open, survey_id, EDITOR, opens_at=datetime(2026, 12, 6, 12), now=NOW)


def test_results_are_the_results_service() -> None:
    assert surveys.results is survey_results.results
    assert surveys.split_results is survey_results.split_results


def test_every_act_is_named_and_told_in_the_audit_log(factory: Factory) -> None:
    survey_id = opened(factory)
    answer(factory, survey_id)
    draft = stored(factory, survey_id)
    save(factory, survey_id, replace(draft, title="Новое название"))
    act(factory, surveys.close, survey_id, EDITOR, closes_at=MUCH_LATER, now=NOW)
    act(factory, surveys.close, survey_id, EDITOR, now=LATER)
    act(factory, surveys.reopen, survey_id, EDITOR, now=LATER)
    copy_id = act(factory, surveys.duplicate, survey_id, EDITOR, now=LATER)
    save(factory, copy_id, replace(stored(factory, copy_id), title="Копия с правкой"))
    act(factory, surveys.open, copy_id, EDITOR, opens_at=MUCH_LATER, now=LATER)
    act(factory, surveys.to_draft, copy_id, EDITOR, now=LATER)
    written_events = events(factory, survey_id) + events(factory, copy_id)
    assert {event.action for event in written_events} == set(surveys.ACTIONS)
    assert set(surveys.ACTIONS) <= set(audit_log.ACTION_NAMES)
    summaries = [audit_log.summarize(e.action, survey_id, e.details) for e in written_events]
    assert summaries[:2] == [
        "Создан черновик опроса: «Удобство Личного кабинета»",
        "Опрос открыт: «Удобство Личного кабинета»",
    ]
    assert "Опрос «Новое название» с ответами: исправлено 1 текст" in summaries
    assert any(s.startswith("Закрытие опроса «Новое название» назначено на ") for s in summaries)
    assert "Опрос закрыт: «Новое название»" in summaries
    assert "Опрос «Новое название» открыт снова" in summaries
    assert f"Создана копия опроса № {survey_id}: «Копия: Новое название»" in summaries
    assert "Опрос «Копия с правкой»: сохранена версия 2 (название)" in summaries
    assert any(
        s.startswith("Открытие опроса «Копия с правкой» запланировано на ") for s in summaries
    )
    assert "Опрос возвращён в черновики: «Копия с правкой»" in summaries
    fix = next(e for e in written_events if e.action == "fix_survey_text")
    fields = dict(audit_log.describe(fix.action, "survey", survey_id, fix.details))
    assert (
        fields["Исправленные тексты"] == "Название: «Удобство Личного кабинета» → «Новое название»"
    )
    reopen = next(e for e in written_events if e.action == "reopen_survey")
    fields = dict(audit_log.describe(reopen.action, "survey", survey_id, reopen.details))
    assert fields["Закрывается"] == "без срока"
    assert fields["Было"].startswith("закрыт, с ")
