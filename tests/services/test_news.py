"""The editors' acts on news and reference articles, on SQLite and on PostgreSQL: drafts and
versions, publication windows and the portal's order, pins, archive, copies, history and
restore, stale saves; every refusal writes nothing.

Written as the tables' owner (the test server's superuser), whom the database's rules
exempt; the same acts as real staff roles are in test_news_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent, NewsItem, NewsRevision
from lkk_admin.services import audit_log, news
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError
from lkk_admin.services.news import DiffLine

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
EDITOR = "editor1"
COLLEAGUE = "editor2"
BODY = "<p>Передайте показания до 25-го числа.</p>"
LINK = ' target="_blank" rel="noopener noreferrer"'
Factory = sessionmaker[Session]


def act(factory: Factory, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with factory.begin() as session:
        return action(session, *args, **kwargs)


def draft(factory: Factory, title: str = "Показания за декабрь", **changes: Any) -> int:
    fields: dict[str, Any] = {
        "title": title,
        "kind": "news",
        "summary": "Срок передачи показаний.",
        "body_html": BODY,
        "now": NOW,
    }
    fields.update(changes)
    return int(act(factory, news.save, fields.pop("actor", EDITOR), **fields))


def published(factory: Factory, title: str, *, at: datetime = NOW, **changes: Any) -> int:
    news_id = draft(factory, title, **changes)
    act(factory, news.publish, news_id, EDITOR, publish_at=at, now=min(at, NOW))
    return news_id


def item(factory: Factory, news_id: int) -> Any:
    with factory() as session:
        return session.execute(select(NewsItem.__table__).where(NewsItem.id == news_id)).one()


def events(factory: Factory, news_id: int) -> list[Any]:
    with factory() as session:
        return list(
            session.execute(
                select(AuditEvent.actor, AuditEvent.action, AuditEvent.details)
                .where(AuditEvent.entity == "news_item", AuditEvent.entity_id == news_id)
                .order_by(AuditEvent.id)
            )
        )


def written(factory: Factory) -> tuple[int, int, int, int]:
    """Rows of items, revisions and audit events, and the sum of the items' versions."""
    with factory() as session:
        return (
            session.scalar(select(func.count()).select_from(NewsItem)) or 0,
            session.scalar(select(func.count()).select_from(NewsRevision)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
            session.scalar(select(func.coalesce(func.sum(NewsItem.version), 0))) or 0,
        )


def refused(
    factory: Factory,
    error: type[DomainError],
    code: str,
    action: Callable[..., Any],
    *args: Any,
    **kwargs: Any,
) -> str:
    """The act is refused with ``code`` and writes nothing; the message."""
    before = written(factory)
    with pytest.raises(error) as caught:
        act(factory, action, *args, **kwargs)
    assert caught.value.code == code
    assert written(factory) == before
    return caught.value.message


def shown(factory: Factory, at: datetime) -> list[str]:
    with factory() as session:
        return [entry.title for entry in news.visible(session, at)]


# ---------------------------------------------------------------------------- saving


def test_a_new_draft_is_version_1_with_its_revision_and_audit_event(factory: Factory) -> None:
    news_id = draft(factory, "  Показания\n за   декабрь ", summary="  Срок \n передачи. ")
    row = item(factory, news_id)
    assert (row.title, row.summary, row.body_html) == (
        "Показания за декабрь",
        "Срок передачи.",
        BODY,
    )
    assert (row.status, row.version, row.author, row.updated_by) == ("draft", 1, EDITOR, EDITOR)
    assert row.publish_at is None
    with factory() as session:
        [revision] = news.revisions(session, news_id)
    assert (revision.version, revision.saved_by, revision.saved_at) == (1, EDITOR, NOW)
    [event] = events(factory, news_id)
    assert event.action == "create_news"  # (its actor: PostgreSQL stamps session_user)
    assert event.details["title"] == "Показания за декабрь"
    assert shown(factory, NOW + timedelta(days=1)) == []


def test_the_body_is_sanitised_whatever_the_caller_passes(factory: Factory) -> None:
    news_id = draft(
        factory,
        body_html='<p onclick="alert(1)">Текст<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">ссылка</a> <a href="https://rn-energo.example/">сайт</a>',
    )
    stored = f'<p>Текст</p>ссылка <a href="https://rn-energo.example/"{LINK}>сайт</a>'
    assert item(factory, news_id).body_html == stored
    with factory() as session:
        assert news.revision_text(session, news_id, 1).body_html == stored


def test_a_changed_text_is_a_new_version_and_the_same_text_writes_nothing(
    factory: Factory,
) -> None:
    news_id = draft(factory)
    later = NOW + timedelta(minutes=5)
    saved = act(
        factory,
        news.save,
        COLLEAGUE,
        title="Показания за декабрь",
        kind="article",
        summary="Срок передачи показаний.",
        body_html="<p>Новый текст.</p>",
        news_id=news_id,
        expected_version=1,
        now=later,
    )
    assert saved == news_id
    row = item(factory, news_id)
    assert (row.version, row.kind, row.updated_by, row.updated_at) == (
        2,
        "article",
        COLLEAGUE,
        later,
    )
    [event] = events(factory, news_id)[1:]
    assert event.action == "save_news"
    assert event.details["changed"] == ["kind", "body_html"]
    before = written(factory)
    again = act(
        factory,
        news.save,
        EDITOR,
        title=" Показания за декабрь",
        kind="article",
        summary="Срок передачи показаний.",
        body_html="<p>Новый текст.</p>\n",
        news_id=news_id,
        expected_version=1,
        now=later,
    )
    assert again == news_id
    assert written(factory) == before  # identical: no version, and nobody's text is lost


def test_saving_over_a_colleagues_newer_version_is_refused_with_who_and_when(
    factory: Factory,
) -> None:
    news_id = draft(factory)
    act(
        factory,
        news.save,
        COLLEAGUE,
        title="Показания: правка коллеги",
        kind="news",
        summary="",
        body_html=BODY,
        news_id=news_id,
        expected_version=1,
        now=NOW,
    )
    message = refused(
        factory,
        ConflictError,
        "STALE",
        news.save,
        EDITOR,
        title="Моя правка",
        kind="news",
        summary="",
        body_html=BODY,
        news_id=news_id,
        expected_version=1,
        now=NOW,
    )
    assert COLLEAGUE in message
    assert "у вас версия 1, сейчас — 2" in message
    assert "не потерян" in message
    mine = refused(
        factory,
        ConflictError,
        "STALE",
        news.save,
        COLLEAGUE,
        title="Ещё правка",
        kind="news",
        summary="",
        body_html=BODY,
        news_id=news_id,
        expected_version=1,
        now=NOW,
    )
    assert "вы сами" in mine


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": " \n "}, "TITLE_REQUIRED"),
        ({"title": "З" * 301}, "TOO_LONG"),
        ({"summary": "А" * (news.MAX_SUMMARY_LENGTH + 1)}, "TOO_LONG"),
        ({"kind": "survey"}, "UNKNOWN_KIND"),
        ({"title": "Показания\x00"}, "UNSTORABLE_CHARACTER"),
        ({"body_html": "<p>\ud800</p>"}, "UNSTORABLE_CHARACTER"),
        ({"body_html": "<p>" + "я" * news.MAX_BODY_LENGTH + "</p>"}, "TOO_LONG"),
        ({"body_html": "<p>я</p>" + " " * news.MAX_GIVEN_BODY_LENGTH}, "TOO_LONG"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    factory: Factory, changes: dict[str, Any], code: str
) -> None:
    news_id = draft(factory)
    fields: dict[str, Any] = {
        "title": "Заголовок",
        "kind": "news",
        "summary": "",
        "body_html": BODY,
        "now": NOW,
    }
    fields.update(changes)
    refused(factory, DomainError, code, news.save, EDITOR, **fields)
    refused(factory, DomainError, code, news.save, EDITOR, news_id=news_id, **fields)


def test_the_title_may_be_as_long_as_its_column(factory: Factory) -> None:
    assert NewsItem.__table__.c.title.type.length == news.MAX_TITLE_LENGTH  # type: ignore[attr-defined]
    news_id = draft(factory, "З" * news.MAX_TITLE_LENGTH)
    assert len(item(factory, news_id).title) == news.MAX_TITLE_LENGTH


def test_an_unknown_item_is_not_found(factory: Factory) -> None:
    refused(
        factory,
        NotFoundError,
        "NEWS_NOT_FOUND",
        news.save,
        EDITOR,
        title="Т",
        kind="news",
        summary="",
        body_html=BODY,
        news_id=999,
        now=NOW,
    )
    for action in (news.publish, news.unpublish, news.archive):
        refused(factory, NotFoundError, "NEWS_NOT_FOUND", action, 999, EDITOR, now=NOW)
    refused(factory, NotFoundError, "NEWS_NOT_FOUND", news.set_pinned, 999, EDITOR, True)
    refused(factory, NotFoundError, "NEWS_NOT_FOUND", news.duplicate, 999, EDITOR)
    refused(factory, NotFoundError, "NEWS_NOT_FOUND", news.restore, 999, 1, EDITOR)
    with factory() as session, pytest.raises(NotFoundError):
        news.revisions(session, 999)


# ---------------------------------------------------------------------------- publishing


def test_the_publication_window_at_its_edges(factory: Factory) -> None:
    start = NOW + timedelta(days=1)
    end = start + timedelta(days=7)
    news_id = draft(factory, "Новый тариф")
    version = act(
        factory,
        news.publish,
        news_id,
        EDITOR,
        publish_at=start,
        unpublish_at=end,
        expected_version=1,
        now=NOW,
    )
    assert version == 2
    row = item(factory, news_id)
    assert (row.status, row.publish_at, row.unpublish_at) == ("published", start, end)
    assert news.shown_status(row.status, row.publish_at, NOW) == "scheduled"
    assert news.shown_status(row.status, row.publish_at, start) == "published"
    tick = timedelta(microseconds=1)
    assert shown(factory, start - tick) == []
    assert shown(factory, start) == ["Новый тариф"]
    assert shown(factory, end - tick) == ["Новый тариф"]
    assert shown(factory, end) == []
    [event] = events(factory, news_id)[1:]
    assert event.action == "schedule_news"
    assert event.details["publish_at"] == start.isoformat()
    assert audit_log.summarize(event.action, news_id, event.details).startswith(
        "Публикация «Новый тариф» запланирована на "
    )


def test_publishing_now_shows_it_at_once_and_for_good(factory: Factory) -> None:
    news_id = draft(factory)
    act(factory, news.publish, news_id, EDITOR, now=NOW)
    row = item(factory, news_id)
    assert (row.publish_at, row.unpublish_at) == (NOW, None)
    assert shown(factory, NOW) == ["Показания за декабрь"]
    assert shown(factory, NOW + timedelta(days=3650)) == ["Показания за декабрь"]
    assert events(factory, news_id)[-1].action == "publish"


def test_the_portal_shows_pinned_first_then_the_newest(factory: Factory) -> None:
    published(factory, "Старая", at=NOW - timedelta(days=3))
    pinned = published(factory, "Закреплённая, самая старая", at=NOW - timedelta(days=9))
    published(factory, "Свежая", at=NOW - timedelta(days=1))
    draft(factory, "Черновик")
    archived = published(factory, "В архиве", at=NOW - timedelta(hours=1))
    act(factory, news.archive, archived, EDITOR, now=NOW)
    published(factory, "Завтрашняя", at=NOW + timedelta(days=1))
    version = act(factory, news.set_pinned, pinned, EDITOR, True, expected_version=2, now=NOW)
    assert version == 3
    assert shown(factory, NOW) == ["Закреплённая, самая старая", "Свежая", "Старая"]
    with factory() as session:
        [first, *_rest] = news.visible(session, NOW)
    assert (first.pinned, first.kind, first.summary, first.body_html) == (
        True,
        "news",
        "Срок передачи показаний.",
        BODY,
    )
    assert events(factory, pinned)[-1].action == "pin_news"
    # the same pin again changes nothing
    before = written(factory)
    assert act(factory, news.set_pinned, pinned, EDITOR, True, now=NOW) == 3
    assert written(factory) == before


@pytest.mark.parametrize(
    ("window", "code"),
    [
        ({"publish_at": NOW - timedelta(minutes=1)}, "PUBLISH_IN_PAST"),
        (
            {"publish_at": NOW + timedelta(days=2), "unpublish_at": NOW + timedelta(days=2)},
            "UNPUBLISH_BEFORE_PUBLISH",
        ),
        (
            {"publish_at": NOW + timedelta(days=2), "unpublish_at": NOW + timedelta(days=1)},
            "UNPUBLISH_BEFORE_PUBLISH",
        ),
        ({"unpublish_at": NOW}, "UNPUBLISH_BEFORE_PUBLISH"),
    ],
)
def test_a_window_that_cannot_be_is_refused(
    factory: Factory, window: dict[str, datetime], code: str
) -> None:
    news_id = draft(factory)
    refused(factory, DomainError, code, news.publish, news_id, EDITOR, now=NOW, **window)


def test_an_end_already_past_is_refused_when_rescheduling(factory: Factory) -> None:
    news_id = published(factory, "Идёт", at=NOW)
    later = NOW + timedelta(days=2)
    refused(
        factory,
        DomainError,
        "UNPUBLISH_IN_PAST",
        news.publish,
        news_id,
        EDITOR,
        publish_at=NOW,
        unpublish_at=NOW + timedelta(days=1),
        now=later,
    )
    # keeping its start (already past) and setting an end ahead is a reschedule
    version = act(
        factory,
        news.publish,
        news_id,
        EDITOR,
        publish_at=NOW,
        unpublish_at=later + timedelta(days=1),
        now=later,
    )
    assert version == 3
    assert item(factory, news_id).publish_at == NOW


def test_an_empty_text_is_not_published(factory: Factory) -> None:
    news_id = draft(factory, body_html="<p> </p><script>alert(1)</script>")
    refused(factory, DomainError, "EMPTY_BODY", news.publish, news_id, EDITOR, now=NOW)
    live = published(factory, "Живая")
    refused(
        factory,
        DomainError,
        "EMPTY_BODY",
        news.save,
        EDITOR,
        title="Живая",
        kind="news",
        summary="",
        body_html="<p></p>",
        news_id=live,
        now=NOW,
    )


def test_a_body_written_past_the_application_is_not_published(factory: Factory) -> None:
    news_id = draft(factory)
    with factory.begin() as session:  # the tables' owner, whom the database lets through
        session.execute(
            update(NewsItem)
            .where(NewsItem.id == news_id)
            .values(body_html='<p onclick="alert(1)">x</p>')
            .execution_options(synchronize_session=False)
        )
    refused(factory, DomainError, "UNSANITISED_BODY", news.publish, news_id, EDITOR, now=NOW)


def test_publishing_over_a_newer_version_is_refused(factory: Factory) -> None:
    news_id = draft(factory)
    act(factory, news.set_pinned, news_id, COLLEAGUE, True, now=NOW)
    message = refused(
        factory,
        ConflictError,
        "STALE",
        news.publish,
        news_id,
        EDITOR,
        expected_version=1,
        now=NOW,
    )
    assert COLLEAGUE in message


def test_unpublishing_returns_it_to_draft(factory: Factory) -> None:
    news_id = published(factory, "Снимаемая")
    version = act(factory, news.unpublish, news_id, EDITOR, expected_version=2, now=NOW)
    assert version == 3
    row = item(factory, news_id)
    assert (row.status, row.publish_at, row.unpublish_at) == ("draft", None, None)
    assert shown(factory, NOW) == []
    event = events(factory, news_id)[-1]
    assert event.action == "unpublish"
    assert event.details["before"]["status"] == "published"
    refused(factory, DomainError, "NOT_PUBLISHED", news.unpublish, news_id, EDITOR, now=NOW)


def test_an_archived_item_stays_off_the_portal_and_is_not_edited(factory: Factory) -> None:
    news_id = published(factory, "Архивная")
    assert act(factory, news.archive, news_id, EDITOR, expected_version=2, now=NOW) == 3
    assert shown(factory, NOW) == []
    refused(factory, DomainError, "ALREADY_ARCHIVED", news.archive, news_id, EDITOR, now=NOW)
    refused(factory, DomainError, "ARCHIVED", news.publish, news_id, EDITOR, now=NOW)
    refused(factory, DomainError, "ARCHIVED", news.set_pinned, news_id, EDITOR, True, now=NOW)
    refused(
        factory,
        DomainError,
        "ARCHIVED",
        news.save,
        EDITOR,
        title="Правка",
        kind="news",
        summary="",
        body_html=BODY,
        news_id=news_id,
        now=NOW,
    )
    copy_id = act(factory, news.duplicate, news_id, COLLEAGUE, now=NOW)
    copy = item(factory, copy_id)
    assert (copy.title, copy.status, copy.version, copy.author) == (
        "Копия: Архивная",
        "draft",
        1,
        COLLEAGUE,
    )
    assert (copy.summary, copy.body_html) == ("Срок передачи показаний.", BODY)
    [event] = events(factory, copy_id)
    assert (event.action, event.details["source_news_id"]) == ("duplicate_news", news_id)


def test_a_copy_of_a_long_title_still_fits_its_column(factory: Factory) -> None:
    news_id = draft(factory, "З" * news.MAX_TITLE_LENGTH)
    copy = item(factory, act(factory, news.duplicate, news_id, EDITOR, now=NOW))
    assert len(copy.title) == news.MAX_TITLE_LENGTH
    assert copy.title.startswith("Копия: З") and copy.title.endswith("…")


# ---------------------------------------------------------------------------- history


def save_text(factory: Factory, news_id: int, body: str, version: int, actor: str = EDITOR) -> None:
    act(
        factory,
        news.save,
        actor,
        title="Показания за декабрь",
        kind="news",
        summary="Срок передачи показаний.",
        body_html=body,
        news_id=news_id,
        expected_version=version,
        now=NOW,
    )


def test_restoring_a_version_of_a_draft_makes_it_the_newest(factory: Factory) -> None:
    news_id = draft(factory)
    save_text(factory, news_id, "<p>Вторая редакция.</p>", 1, COLLEAGUE)
    assert act(factory, news.restore, news_id, 1, EDITOR, expected_version=2, now=NOW) == news_id
    row = item(factory, news_id)
    assert (row.version, row.body_html) == (3, BODY)
    with factory() as session:
        history = news.revisions(session, news_id)
        restored = news.revision_text(session, news_id, 3)
    assert [(r.version, r.saved_by, r.restored_from) for r in history] == [
        (3, EDITOR, 1),
        (2, COLLEAGUE, None),
        (1, EDITOR, None),
    ]
    assert restored.body_html == BODY
    event = events(factory, news_id)[-1]
    assert (event.action, event.details["restored_from"]) == ("restore_news_version", 1)
    # restoring the text it already has writes nothing
    before = written(factory)
    assert act(factory, news.restore, news_id, 3, EDITOR, expected_version=3, now=NOW) == news_id
    assert written(factory) == before


def test_restoring_a_version_of_a_published_item_makes_a_new_draft(factory: Factory) -> None:
    news_id = draft(factory)
    save_text(factory, news_id, "<p>Вторая редакция.</p>", 1)
    act(factory, news.publish, news_id, EDITOR, now=NOW)
    live = item(factory, news_id)
    new_id = act(factory, news.restore, news_id, 1, EDITOR, expected_version=3, now=NOW)
    assert new_id != news_id
    assert item(factory, news_id) == live  # nothing the portal shows has changed
    restored = item(factory, new_id)
    assert (restored.status, restored.version, restored.title, restored.body_html) == (
        "draft",
        1,
        "Показания за декабрь",
        BODY,
    )
    [event] = events(factory, new_id)
    assert event.action == "restore_news_as_draft"
    assert (event.details["source_news_id"], event.details["source_version"]) == (news_id, 1)
    assert audit_log.summarize(event.action, new_id, event.details) == (
        f"Версия 1 новости № {news_id} восстановлена как новый черновик «Показания за декабрь»"
    )


def test_a_missing_version_and_a_stale_restore_are_refused(factory: Factory) -> None:
    news_id = draft(factory)
    save_text(factory, news_id, "<p>Вторая редакция.</p>", 1)
    refused(factory, NotFoundError, "REVISION_NOT_FOUND", news.restore, news_id, 7, EDITOR)
    refused(
        factory,
        ConflictError,
        "STALE",
        news.restore,
        news_id,
        1,
        EDITOR,
        expected_version=1,
        now=NOW,
    )


def test_comparing_two_versions_shows_the_rendered_text_changed(factory: Factory) -> None:
    news_id = draft(factory, body_html="<h2>Сроки</h2><p>До 25-го.</p><ul><li>Онлайн</li></ul>")
    save_text(
        factory,
        news_id,
        "<h2>Сроки</h2><p>До <strong>26-го</strong>.</p><ul><li>Онлайн</li></ul>",
        1,
    )
    with factory() as session:
        lines = news.compare(session, news_id, 1, 2)
    assert lines == [
        DiffLine(" ", "Заголовок: Показания за декабрь"),
        DiffLine(" ", "Вид: Новость"),
        DiffLine(" ", "Закреплена: нет"),
        DiffLine(" ", "Анонс: Срок передачи показаний."),
        DiffLine(" ", ""),
        DiffLine(" ", "Сроки"),
        DiffLine("-", "До 25-го."),
        DiffLine("+", "До 26-го."),
        DiffLine(" ", "• Онлайн"),
    ]
    with factory() as session, pytest.raises(NotFoundError):
        news.compare(session, news_id, 1, 5)


def test_the_audit_log_names_every_news_act(factory: Factory) -> None:
    news_id = draft(factory)
    save_text(factory, news_id, "<p>Вторая.</p>", 1)
    act(factory, news.set_pinned, news_id, EDITOR, True, now=NOW)
    act(factory, news.set_pinned, news_id, EDITOR, False, now=NOW)
    act(factory, news.publish, news_id, EDITOR, now=NOW)
    act(factory, news.unpublish, news_id, EDITOR, now=NOW)
    act(factory, news.restore, news_id, 1, EDITOR, now=NOW)
    act(factory, news.archive, news_id, EDITOR, now=NOW)
    summaries = [
        audit_log.summarize(e.action, news_id, e.details) for e in events(factory, news_id)
    ]
    assert summaries == [
        "Создан черновик: «Показания за декабрь»",
        "«Показания за декабрь»: сохранена версия 2 (текст)",
        "Новость закреплена: «Показания за декабрь»",
        "Новость откреплена: «Показания за декабрь»",
        "Опубликовано: «Показания за декабрь»",
        "Снято с публикации: «Показания за декабрь»",
        "«Показания за декабрь»: восстановлена версия 1",
        "Перенесено в архив: «Показания за декабрь»",
    ]
    assert all(e.action in news.ACTIONS for e in events(factory, news_id))
    assert set(news.ACTIONS) <= set(audit_log.ACTION_NAMES)


def test_saving_the_same_text_laid_out_a_block_a_line_writes_no_version(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        news_id = news.save(
            session,
            "editor1",
            title="Сроки",
            kind="news",
            summary="",
            body_html=("<p>Первый абзац</p><ul><li>пункт</li></ul>"),
        )
        version = session.get_one(NewsItem, news_id).version
    with factory.begin() as session:
        same = news.save(
            session,
            "editor1",
            title="Сроки",
            kind="news",
            summary="",
            body_html="<p>Первый абзац</p>\n<ul>\n<li>пункт</li>\n</ul>",
            news_id=news_id,
            expected_version=version,
        )
        assert session.get_one(NewsItem, news_id).version == version
    with factory.begin() as session:  # a space between words is text: a new version
        news.save(
            session,
            "editor1",
            title="Сроки",
            kind="news",
            summary="",
            body_html="<p>Первый <strong>абзац</strong></p><ul><li>пункт</li></ul>",
            news_id=same,
            expected_version=version,
        )
        assert session.get_one(NewsItem, news_id).version == version + 1
