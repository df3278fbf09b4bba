"""What PostgreSQL itself enforces about news (migrations 0006 and 0013), on the staff
roles' own connections: editors (and administrators) work news through the service, the
database stamps who changed an item and when, refuses a body the sanitiser would not keep
(``LK005``) even from psql, keeps revisions for good and items from being deleted;
verifiers cannot see news at all.

Fixture data are written as the tables' owner (the test server's superuser), whom the
rules exempt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from lkk_admin import db
from lkk_admin.services import news
from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.errors import ConflictError, DomainError
from tests.services.test_database_rules import INSUFFICIENT_PRIVILEGE, refused, run, staff
from tests.services.test_news_html import TAG_SOUP, XSS_PAYLOADS

pytestmark = pytest.mark.postgres_only

__all__ = ["staff"]  # a fixture, shared with test_database_rules.py

Staff = Callable[[str], tuple[Engine, str]]
HTML_RULE = "LK005"
BODY = "<p>Передайте показания до 25-го числа.</p>"
INSERT_ITEM = (
    "INSERT INTO news_item (kind, title, summary, body_html, status, pinned, author, "
    "created_at, updated_at, updated_by, version) VALUES ('news', :title, '', :body, 'draft', "
    "false, :author, '2000-01-01', '2000-01-01', :author, 1) RETURNING id"
)


def save(engine: Engine, login: str, **fields: Any) -> int:
    values: dict[str, Any] = {
        "title": "Показания за декабрь",
        "kind": "news",
        "summary": "Срок передачи показаний.",
        "body_html": BODY,
    }
    values.update(fields)
    with db.session_factory(engine).begin() as session:
        return news.save(session, login, **values)


def one(engine: Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).one()


def inserted(engine: Engine, body: str, author: str = "кто-то другой") -> int:
    with engine.begin() as connection:
        return int(
            connection.execute(
                text(INSERT_ITEM), {"title": "Через psql", "body": body, "author": author}
            ).scalar_one()
        )


def test_an_editor_writes_and_publishes_through_the_service(
    staff: Staff, pg_engine: Engine
) -> None:
    editor, login = staff("editor")
    news_id = save(editor, login)
    with db.session_factory(editor).begin() as session:
        version = news.publish(session, news_id, login, expected_version=1)
    assert version == 2
    row = one(
        pg_engine,
        "SELECT author, updated_by, status, version FROM news_item WHERE id = :id",
        id=news_id,
    )
    assert tuple(row) == (login, login, "published", 2)
    assert (
        one(pg_engine, "SELECT saved_by FROM news_revision WHERE news_item_id = :id", id=news_id)[0]
        == login
    )
    actors = one(
        pg_engine,
        "SELECT array_agg(DISTINCT actor) FROM audit_event WHERE entity = 'news_item' "
        "AND entity_id = :id",
        id=news_id,
    )[0]
    assert actors == [login]
    with db.session_factory(editor)() as session:
        assert [entry.id for entry in news.visible(session, datetime.now(UTC))] == [news_id]


def test_an_administrator_works_news_as_an_editor_does(staff: Staff) -> None:
    admin, login = staff("admin")
    news_id = save(admin, login)
    with db.session_factory(admin).begin() as session:
        assert news.archive(session, news_id, login) == 2


def test_a_colleagues_save_is_named_by_the_database(staff: Staff) -> None:
    editor, login = staff("editor")
    colleague, colleague_login = staff("editor")
    news_id = save(editor, login)
    save(colleague, colleague_login, news_id=news_id, expected_version=1, summary="Правка.")
    with pytest.raises(ConflictError) as caught:
        save(editor, login, news_id=news_id, expected_version=1, summary="Моя правка.")
    assert colleague_login in caught.value.message


def wait_for_a_lock_wait(owner: Engine) -> None:
    """Until a connection to the test's database waits for a row lock."""
    deadline = time.monotonic() + 30
    with owner.connect() as connection:
        while time.monotonic() < deadline:
            if connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar_one():
                return
            time.sleep(0.01)
    raise AssertionError("the second save never waited for the first one's lock")


def test_two_editors_saving_at_once_the_second_is_refused_as_stale(
    staff: Staff, pg_engine: Engine
) -> None:
    first, first_login = staff("editor")
    second, second_login = staff("editor")
    news_id = save(first, first_login)
    locked = threading.Event()
    outcome: dict[str, Any] = {}

    def save_first() -> None:
        with db.session_factory(first).begin() as session:
            news.save(
                session,
                first_login,
                title="Первая правка",
                kind="news",
                summary="",
                body_html=BODY,
                news_id=news_id,
                expected_version=1,
            )
            locked.set()
            wait_for_a_lock_wait(pg_engine)

    def save_second() -> None:
        assert locked.wait(30)
        try:
            outcome["second"] = save(
                second, second_login, title="Вторая правка", news_id=news_id, expected_version=1
            )
        except DomainError as error:
            outcome["second"] = error

    threads = [threading.Thread(target=save_first), threading.Thread(target=save_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    refusal = outcome["second"]
    assert isinstance(refusal, ConflictError) and first_login in refusal.message
    row = one(pg_engine, "SELECT title, version FROM news_item WHERE id = :id", id=news_id)
    assert tuple(row) == ("Первая правка", 2)


def test_the_database_stamps_who_changed_an_item_and_when(staff: Staff, pg_engine: Engine) -> None:
    editor, login = staff("editor")
    news_id = inserted(editor, BODY)
    created = one(pg_engine, "SELECT author, created_at FROM news_item WHERE id = :id", id=news_id)
    assert created.author == login  # not what the statement said
    assert created.created_at > datetime.now(UTC) - timedelta(minutes=5)
    run(
        editor,
        "UPDATE news_item SET title = 'Правка', author = 'самозванец', updated_by = 'никто', "
        "created_at = '2000-01-01', updated_at = '2000-01-01' WHERE id = :id",
        id=news_id,
    )
    row = one(
        pg_engine,
        "SELECT author, created_at, updated_by, updated_at FROM news_item WHERE id = :id",
        id=news_id,
    )
    assert (row.author, row.created_at, row.updated_by) == (login, created.created_at, login)
    assert row.updated_at > datetime.now(UTC) - timedelta(minutes=5)


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        '<p onclick="alert(1)">x</p>',
        "<p/onclick=alert(1)>x</p>",
        '<p title=">" onclick=alert(1)>x</p>',
        '<p style="color:red">x</p>',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)" target="_blank" rel="noopener noreferrer">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href=" https://ok.example/" target="_blank" rel="noopener noreferrer">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<iframe src="https://evil.example/"></iframe>',
        "<object data=x></object>",
        "<embed src=x>",
        "<form><button>x</button></form>",
        "<svg onload=alert(1)>",
        "<math><mi>x</mi></math>",
        "<style>p{}</style>",
        "<img src=x onerror=alert(1)>",
        "<!--<script>alert(1)</script>-->",
        "<p onclick=alert(1)",
    ],
)
def test_an_editors_unsanitised_body_is_refused_even_from_psql(
    staff: Staff, pg_engine: Engine, body: str
) -> None:
    editor, login = staff("editor")
    message = refused(editor, HTML_RULE, INSERT_ITEM, title="Через psql", body=body, author=login)
    assert message.startswith("Текст «Через psql» не сохранён")
    news_id = save(editor, login)
    refused(
        editor,
        HTML_RULE,
        "UPDATE news_item SET body_html = :body WHERE id = :id",
        body=body,
        id=news_id,
    )
    refused(
        editor,
        HTML_RULE,
        "INSERT INTO news_revision (news_item_id, version, kind, title, summary, body_html, "
        "pinned, saved_by, saved_at) VALUES (:id, 9, 'news', 'т', '', :body, false, :login, "
        "now())",
        id=news_id,
        body=body,
        login=login,
    )
    assert one(pg_engine, "SELECT body_html FROM news_item WHERE id = :id", id=news_id)[0] == BODY


def test_a_refusal_reads_as_a_rule_in_the_desk(staff: Staff) -> None:
    editor, login = staff("editor")
    with pytest.raises(DBAPIError) as caught, editor.begin() as connection:
        connection.execute(
            text(INSERT_ITEM), {"title": "Т", "body": "<script>x</script>", "author": login}
        )
    problem = diagnose(caught.value)
    assert problem is not None and problem.kind == "rule"
    assert "Пишите новости в LKK Admin" in problem.message


def sanitised_in_database(engine: Engine, bodies: list[str]) -> list[bool]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT lkk_sanitised_html(body) "
                    "FROM unnest(CAST(:bodies AS text[])) AS b(body)"
                ),
                {"bodies": bodies},
            ).scalars()
        )


def test_the_database_accepts_what_the_sanitiser_keeps_and_refuses_the_raw_payloads(
    staff: Staff,
) -> None:
    editor, _login = staff("editor")
    kept = [news.sanitize_html(payload) for payload in XSS_PAYLOADS]
    assert all(sanitised_in_database(editor, kept))
    raw = [payload for payload in XSS_PAYLOADS if "<" in payload]
    assert not any(sanitised_in_database(editor, raw))


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(soup=TAG_SOUP)
def test_the_database_accepts_anything_the_sanitiser_writes(pg_engine: Engine, soup: str) -> None:
    assert sanitised_in_database(pg_engine, [news.sanitize_html(soup)]) == [True]


def test_revisions_are_kept_for_good_and_items_are_not_deleted(
    staff: Staff, pg_engine: Engine
) -> None:
    editor, login = staff("editor")
    admin, _admin_login = staff("admin")
    news_id = save(editor, login)
    for engine in (editor, admin):
        refused(engine, INSUFFICIENT_PRIVILEGE, "UPDATE news_revision SET title = 'x'")
        refused(engine, INSUFFICIENT_PRIVILEGE, "DELETE FROM news_revision")
        refused(engine, INSUFFICIENT_PRIVILEGE, "TRUNCATE news_revision")
        refused(engine, INSUFFICIENT_PRIVILEGE, "DELETE FROM news_item WHERE id = :id", id=news_id)
    assert one(pg_engine, "SELECT count(*) FROM news_revision")[0] == 1


def test_a_verifier_neither_reads_nor_writes_news(staff: Staff, pg_engine: Engine) -> None:
    editor, editor_login = staff("editor")
    news_id = save(editor, editor_login)
    verifier, login = staff("verifier")
    refused(verifier, INSUFFICIENT_PRIVILEGE, "SELECT title FROM news_item")
    refused(verifier, INSUFFICIENT_PRIVILEGE, "SELECT title FROM news_revision")
    refused(verifier, INSUFFICIENT_PRIVILEGE, INSERT_ITEM, title="Т", body=BODY, author=login)
    for changes in ({}, {"news_id": news_id, "title": "Правка"}):
        with pytest.raises(DBAPIError) as caught:
            save(verifier, login, **changes)
        assert getattr(caught.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
    with db.session_factory(verifier)() as session, pytest.raises(DBAPIError) as caught:
        news.visible(session, datetime.now(UTC))
    problem = diagnose(caught.value)
    assert problem is not None and problem.message.startswith("Недостаточно прав")
    assert one(pg_engine, "SELECT title, version FROM news_item WHERE id = :id", id=news_id)[1] == 1
