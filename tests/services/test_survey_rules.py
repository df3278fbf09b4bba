"""What PostgreSQL itself enforces about surveys (migrations 0006 and 0015), on the staff
roles' own connections: editors (and administrators) build and run surveys through the
service, the database stamps who changed a survey and when, and once a survey has
responses it refuses (``LK006``) adding, removing or moving its questions and options or
changing a question's kind, scale or "required" — even from psql — while a text may still
be corrected; the service refuses the same first, in its own words. Verifiers cannot see
surveys at all.

Fixture data (the portal's responses) are written as the tables' owner (the test server's
superuser), whom the rules exempt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from lkk_admin import db
from lkk_admin.services import surveys
from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.errors import ConflictError, DomainError
from lkk_admin.services.survey_shape import OptionDraft, QuestionDraft, SurveyDraft
from tests.services.test_database_rules import INSUFFICIENT_PRIVILEGE, refused, run, staff
from tests.services.test_news_rules import wait_for_a_lock_wait

pytestmark = pytest.mark.postgres_only

__all__ = ["staff"]  # a fixture, shared with test_database_rules.py

Staff = Callable[[str], tuple[Engine, str]]
ANSWERED_RULE = "LK006"
TITLE = "Качество электроснабжения"
DRAFT = SurveyDraft(
    TITLE,
    "",
    (
        QuestionDraft(
            "single",
            "Были ли перерывы в электроснабжении?",
            options=(OptionDraft("Да"), OptionDraft("Нет")),
        ),
        QuestionDraft("rating", "Оцените качество", rating_scale=5),
    ),
)


def act(engine: Engine, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with db.session_factory(engine).begin() as session:
        return action(session, *args, **kwargs)


def one(engine: Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).one()


def built(engine: Engine, login: str) -> int:
    """A survey the editor built and opened through the service."""
    survey_id = int(act(engine, surveys.save, login, DRAFT))
    act(engine, surveys.open, survey_id, login)
    return survey_id


def answered(owner: Engine, survey_id: int) -> None:
    """A customer's response, as the portal writes it."""
    run(
        owner,
        "INSERT INTO portal_user (login, email, password_hash, first_name, last_name, phone, "
        "status, created_at, version) VALUES ('customer', 'customer@example.ru', 'x', 'Анна', "
        "'Смирнова', '+7 (916) 000-00-00', 'active', now(), 1)",
        "INSERT INTO survey_response (survey_id, portal_user_id, submitted_at) "
        "SELECT :id, id, now() FROM portal_user WHERE login = 'customer'",
        id=survey_id,
    )


def lines(owner: Engine, survey_id: int) -> list[tuple[Any, ...]]:
    """The survey's questions and options as stored."""
    with owner.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT q.id, q.position, q.kind, q.text, q.required, q.rating_scale, "
                    "o.id, o.position, o.text FROM survey_question q "
                    "LEFT JOIN survey_option o ON o.survey_question_id = q.id "
                    "WHERE q.survey_id = :id ORDER BY q.position, o.position"
                ),
                {"id": survey_id},
            )
        ]


def ids(owner: Engine, survey_id: int) -> tuple[int, int, int]:
    """The first question's id, its first option's id, and the second question's id."""
    row = one(
        owner,
        "SELECT min(q.id), (SELECT min(o.id) FROM survey_option o "
        "JOIN survey_question q2 ON q2.id = o.survey_question_id WHERE q2.survey_id = :id), "
        "max(q.id) FROM survey_question q WHERE q.survey_id = :id",
        id=survey_id,
    )
    return int(row[0]), int(row[1]), int(row[2])


def test_an_editor_builds_and_runs_a_survey_stamped_by_the_database(
    staff: Staff, pg_engine: Engine
) -> None:
    editor, login = staff("editor")
    survey_id = built(editor, login)
    act(editor, surveys.close, survey_id, login)
    row = one(
        pg_engine,
        "SELECT author, updated_by, status, version FROM survey WHERE id = :id",
        id=survey_id,
    )
    assert tuple(row) == (login, login, "closed", 3)
    actors = one(
        pg_engine,
        "SELECT array_agg(DISTINCT actor), array_agg(action ORDER BY id) FROM audit_event "
        "WHERE entity = 'survey' AND entity_id = :id",
        id=survey_id,
    )
    assert tuple(actors) == ([login], ["create_survey", "open_survey", "close_survey"])


def test_an_administrator_works_surveys_as_an_editor_does(staff: Staff) -> None:
    editor, editor_login = staff("editor")
    admin, login = staff("admin")
    survey_id = built(editor, editor_login)
    copy_id = act(admin, surveys.duplicate, survey_id, login)
    assert act(admin, surveys.open, copy_id, login, expected_version=1) == 2


def test_the_database_stamps_who_changed_a_survey_and_when(staff: Staff, pg_engine: Engine) -> None:
    editor, login = staff("editor")
    colleague, colleague_login = staff("editor")
    survey_id = int(act(editor, surveys.save, login, DRAFT))
    created = one(pg_engine, "SELECT author, created_at FROM survey WHERE id = :id", id=survey_id)
    assert created.author == login
    run(
        colleague,
        "UPDATE survey SET title = 'Правка', author = 'самозванец', updated_by = 'никто', "
        "created_at = '2000-01-01', updated_at = '2000-01-01' WHERE id = :id",
        id=survey_id,
    )
    row = one(
        pg_engine,
        "SELECT author, created_at, updated_by, updated_at FROM survey WHERE id = :id",
        id=survey_id,
    )
    assert (row.author, row.created_at, row.updated_by) == (
        login,
        created.created_at,
        colleague_login,
    )
    assert row.updated_at > datetime.now(UTC) - timedelta(minutes=5)


def test_a_colleagues_save_is_named_by_the_database(staff: Staff) -> None:
    editor, login = staff("editor")
    colleague, colleague_login = staff("editor")
    survey_id = int(act(editor, surveys.save, login, DRAFT))
    with db.session_factory(colleague)() as session:
        theirs = surveys.draft_of(session, survey_id)
    act(
        colleague,
        surveys.save,
        colleague_login,
        replace(theirs, title="Правка коллеги"),
        survey_id=survey_id,
        expected_version=1,
    )
    with pytest.raises(ConflictError) as caught:
        act(
            editor,
            surveys.save,
            login,
            replace(theirs, title="Моя правка"),
            survey_id=survey_id,
            expected_version=1,
        )
    assert f"сотрудник {colleague_login}" in caught.value.message


def test_two_editors_saving_at_once_the_second_is_refused_as_stale(
    staff: Staff, pg_engine: Engine
) -> None:
    """The second save waits for the first one's lock on the survey, then reads its
    version: a conflict naming the first editor, not a silent overwrite."""
    first, first_login = staff("editor")
    second, second_login = staff("editor")
    survey_id = int(act(first, surveys.save, first_login, DRAFT))
    with db.session_factory(first)() as session:
        draft = surveys.draft_of(session, survey_id)
    locked = threading.Event()
    outcome: dict[str, Any] = {}

    def save_first() -> None:
        with db.session_factory(first).begin() as session:
            surveys.save(
                session,
                first_login,
                replace(draft, questions=draft.questions[::-1]),
                survey_id=survey_id,
                expected_version=1,
            )
            locked.set()
            wait_for_a_lock_wait(pg_engine)

    def save_second() -> None:
        assert locked.wait(30)
        try:
            outcome["second"] = act(
                second,
                surveys.save,
                second_login,
                replace(draft, title="Вторая правка"),
                survey_id=survey_id,
                expected_version=1,
            )
        except DomainError as error:
            outcome["second"] = error

    threads = [threading.Thread(target=save_first), threading.Thread(target=save_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    refusal = outcome["second"]
    assert isinstance(refusal, ConflictError) and f"сотрудник {first_login}" in refusal.message
    row = one(pg_engine, "SELECT title, version FROM survey WHERE id = :id", id=survey_id)
    assert tuple(row) == (TITLE, 2)
    with db.session_factory(first)() as session:
        assert surveys.draft_of(session, survey_id).questions == draft.questions[::-1]


STRUCTURAL = {
    "question added": (
        "INSERT INTO survey_question (survey_id, position, kind, text, required) "
        "VALUES (:survey, 3, 'text', 'Ещё?', false)"
    ),
    "question deleted": "DELETE FROM survey_question WHERE id = :second",
    "question moved": "UPDATE survey_question SET position = 9 WHERE id = :first",
    "question kind": "UPDATE survey_question SET kind = 'multiple' WHERE id = :first",
    "question required": "UPDATE survey_question SET required = false WHERE id = :first",
    "question scale": "UPDATE survey_question SET rating_scale = 10 WHERE id = :second",
    "question to another survey": (
        "UPDATE survey_question SET survey_id = :other WHERE id = :second"
    ),
    "option added": (
        "INSERT INTO survey_option (survey_question_id, position, text) "
        "VALUES (:first, 3, 'Не знаю')"
    ),
    "option deleted": "DELETE FROM survey_option WHERE id = :option",
    "option moved": "UPDATE survey_option SET position = 9 WHERE id = :option",
    "option to another question": (
        "UPDATE survey_option SET survey_question_id = :other_question WHERE id = :option"
    ),
}


@pytest.mark.parametrize("change", list(STRUCTURAL))
def test_an_answered_surveys_questions_keep_their_meaning_even_from_psql(
    staff: Staff, pg_engine: Engine, change: str
) -> None:
    editor, login = staff("editor")
    survey_id = built(editor, login)
    other_id = int(act(editor, surveys.save, login, DRAFT))  # a draft nobody answered
    other_question = ids(pg_engine, other_id)[0]
    answered(pg_engine, survey_id)
    first, option, second = ids(pg_engine, survey_id)
    before = lines(pg_engine, survey_id)
    message = refused(
        editor,
        ANSWERED_RULE,
        STRUCTURAL[change],
        survey=survey_id,
        first=first,
        second=second,
        option=option,
        other=other_id,
        other_question=other_question,
    )
    assert message.startswith(f"Опрос «{TITLE}» уже получил ответы: ")
    assert message.endswith("Сделайте копию опроса и измените её.")
    assert lines(pg_engine, survey_id) == before


def test_an_unanswered_survey_may_gain_the_answered_ones_lines_not(
    staff: Staff, pg_engine: Engine
) -> None:
    """Moving a line *into* an answered survey changes it as much as adding one."""
    editor, login = staff("editor")
    survey_id = built(editor, login)
    other_id = int(act(editor, surveys.save, login, DRAFT))
    answered(pg_engine, survey_id)
    first = ids(pg_engine, survey_id)[0]
    other_first, other_option, other_second = ids(pg_engine, other_id)
    refused(
        editor,
        ANSWERED_RULE,
        "UPDATE survey_question SET survey_id = :survey WHERE id = :question",
        survey=survey_id,
        question=other_second,
    )
    refused(
        editor,
        ANSWERED_RULE,
        "UPDATE survey_option SET survey_question_id = :question WHERE id = :option",
        question=first,
        option=other_option,
    )
    # The unanswered draft itself changes freely.
    run(
        editor,
        "UPDATE survey_question SET position = 5, kind = 'multiple' WHERE id = :question",
        "DELETE FROM survey_option WHERE id = :option",
        "INSERT INTO survey_option (survey_question_id, position, text) "
        "VALUES (:question, 3, 'Не знаю')",
        question=other_first,
        option=other_option,
    )


def test_an_answered_surveys_texts_may_be_corrected_from_psql_too(
    staff: Staff, pg_engine: Engine
) -> None:
    editor, login = staff("editor")
    survey_id = built(editor, login)
    answered(pg_engine, survey_id)
    first, option, _second = ids(pg_engine, survey_id)
    run(
        editor,
        "UPDATE survey_question SET text = 'Были ли отключения?' WHERE id = :first",
        "UPDATE survey_option SET text = 'Да, были' WHERE id = :option",
        "UPDATE survey SET title = 'Качество электроснабжения в 2026 году' WHERE id = :survey",
        first=first,
        option=option,
        survey=survey_id,
    )
    assert one(pg_engine, "SELECT text FROM survey_option WHERE id = :id", id=option)[0] == (
        "Да, были"
    )


def test_the_service_refuses_first_in_its_own_words_and_fixes_texts_as_the_editor(
    staff: Staff, pg_engine: Engine
) -> None:
    editor, login = staff("editor")
    survey_id = built(editor, login)
    answered(pg_engine, survey_id)
    with db.session_factory(editor)() as session:
        draft = surveys.draft_of(session, survey_id)
    before = lines(pg_engine, survey_id)
    with pytest.raises(DomainError) as caught:
        act(
            editor,
            surveys.save,
            login,
            replace(draft, questions=draft.questions[::-1]),
            survey_id=survey_id,
        )
    assert caught.value.code == "SURVEY_ANSWERED"
    assert "(в вашей правке: вопросы переставлены)" in caught.value.message
    assert lines(pg_engine, survey_id) == before
    question = draft.questions[0]
    fixed = replace(
        draft,
        questions=(
            replace(
                question,
                text="Были ли отключения электроэнергии?",
                options=(replace(question.options[0], text="Да, были"), question.options[1]),
            ),
            draft.questions[1],
        ),
    )
    act(editor, surveys.save, login, fixed, survey_id=survey_id, expected_version=2)
    with db.session_factory(editor)() as session:
        assert surveys.draft_of(session, survey_id) == fixed
    event = one(
        pg_engine,
        "SELECT actor, action FROM audit_event WHERE entity = 'survey' AND entity_id = :id "
        "ORDER BY id DESC LIMIT 1",
        id=survey_id,
    )
    assert tuple(event) == (login, "fix_survey_text")


def test_a_refusal_reads_as_a_rule_in_the_desk(staff: Staff, pg_engine: Engine) -> None:
    editor, login = staff("editor")
    survey_id = built(editor, login)
    answered(pg_engine, survey_id)
    first = ids(pg_engine, survey_id)[0]
    with pytest.raises(DBAPIError) as caught, editor.begin() as connection:
        connection.execute(
            text("DELETE FROM survey_option WHERE survey_question_id = :id"), {"id": first}
        )
    problem = diagnose(caught.value)
    assert problem is not None and problem.kind == "rule"
    assert problem.message.startswith(f"Опрос «{TITLE}» уже получил ответы")


def test_a_verifier_neither_reads_nor_writes_surveys(staff: Staff, pg_engine: Engine) -> None:
    editor, editor_login = staff("editor")
    survey_id = built(editor, editor_login)
    verifier, login = staff("verifier")
    for table in ("survey", "survey_question", "survey_option", "survey_response", "survey_answer"):
        refused(verifier, INSUFFICIENT_PRIVILEGE, f"SELECT count(*) FROM {table}")
    refused(
        verifier,
        INSUFFICIENT_PRIVILEGE,
        "UPDATE survey SET title = 'Правка' WHERE id = :id",
        id=survey_id,
    )
    for attempt in (
        lambda session: surveys.save(session, login, DRAFT),
        lambda session: surveys.close(session, survey_id, login),
        lambda session: surveys.draft_of(session, survey_id),
    ):
        with pytest.raises(DBAPIError) as caught, db.session_factory(verifier).begin() as session:
            attempt(session)
        assert getattr(caught.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
    assert one(pg_engine, "SELECT status, version FROM survey WHERE id = :id", id=survey_id) == (
        "open",
        2,
    )
