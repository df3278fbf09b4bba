"""The «Новости» section's data: status tabs and counts at a pinned time (scheduled until
the very moment of publication), the search in titles and texts, orders and pages, an
item's card with its revisions — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import NewsItem, NewsRevision
from lkk_admin.services import news
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.news_browser import (
    DEFAULT_ORDER,
    KIND_CHOICE,
    ORDERS,
    TABS,
    NewsSource,
    body_key_text,
)
from lkk_admin.services.news_browser.search import search_key_text
from tests.migration_steps import downgrade

# The moment the list is read at: 12:00 in Moscow.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SOURCE = NewsSource(now=lambda: NOW)


@dataclass(frozen=True)
class World:
    vat: int  # published long ago, pinned, three versions (the last restored from the first)
    readings: int  # an article published at exactly NOW: on the portal from this moment
    outage: int  # published, its unpublish_at is exactly NOW: no longer shown
    update: int  # scheduled an hour ahead
    faq: int  # a draft
    holidays: int  # archived
    discount: int  # a title with a percent sign, a body with a table and an ampersand


def add_news(
    session: Session,
    title: str,
    *,
    kind: str = "news",
    status: str = "published",
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    summary: str = "",
    body_html: str = "<p>Текст.</p>",
    pinned: bool = False,
    author: str = "editor1",
    updated_at: datetime | None = None,
    versions: tuple[tuple[str, datetime, int | None], ...] = (),
) -> int:
    """An item as the editors' saves leave it; ``versions``: (who, when, restored from)
    of each saved text, the last being the item's text."""
    changed = updated_at or publish_at or NOW - timedelta(days=1)
    item = NewsItem(
        kind=kind,
        title=title,
        summary=summary,
        body_html=body_html,
        status=status,
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        pinned=pinned,
        author=author,
        created_at=changed - timedelta(days=1),
        updated_at=changed,
        updated_by=author,
    )
    session.add(item)
    session.flush()
    for number, (who, when, restored_from) in enumerate(versions, start=1):
        session.add(
            NewsRevision(
                news_item_id=item.id,
                version=number,
                kind=kind,
                title=f"{title} (версия {number})",
                summary=summary,
                body_html=body_html,
                pinned=pinned,
                saved_by=who,
                saved_at=when,
                restored_from=restored_from,
            )
        )
    session.flush()
    return item.id


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    with factory.begin() as session:
        vat = add_news(
            session,
            "С 1 января 2026 года ставка НДС — 22 %",
            summary="Счета за поставку с января выставляются с НДС 22 %.",
            body_html="<p>Ставка <strong>22 %</strong> применяется к поставке с января.</p>",
            publish_at=datetime(2025, 12, 10, 7, 0, tzinfo=UTC),
            pinned=True,
            versions=(
                ("editor1", datetime(2025, 12, 9, 8, 0, tzinfo=UTC), None),
                ("editor2", datetime(2025, 12, 11, 8, 0, tzinfo=UTC), None),
                ("editor1", datetime(2025, 12, 12, 8, 0, tzinfo=UTC), 1),
            ),
        )
        readings = add_news(
            session,
            "Передача показаний приборов учёта",
            kind="article",
            summary="Показания принимаются с 25-го по 3-е число.",
            body_html=(
                "<p>Откройте раздел «Приборы учёта» и нажмите "
                '<a href="https://lk.rn-energo.ru/help" target="_blank" '
                'rel="noopener noreferrer">«Передать»</a>.</p>'
            ),
            publish_at=NOW,
            updated_at=NOW - timedelta(days=3),
        )
        outage = add_news(
            session,
            "Плановые отключения 18–20 ноября",
            summary="Сетевая компания проводит ремонт линий.",
            body_html="<ul><li>ул. Лесная, 1–15</li><li>пос. Снегири</li></ul>",
            publish_at=datetime(2026, 11, 10, 7, 0, tzinfo=UTC),
            unpublish_at=NOW,
        )
        update = add_news(
            session,
            "Обновление Личного кабинета",
            summary="Выгрузка начислений в Excel.",
            body_html="<h2>Что нового</h2><p>Начисления выгружаются в Excel.</p>",
            publish_at=NOW + timedelta(hours=1),
            updated_at=NOW - timedelta(hours=2),
        )
        faq = add_news(
            session,
            "Ответы на частые вопросы",
            kind="article",
            status="draft",
            summary="Черновик.",
            body_html="<p>Раздел в подготовке.</p>",
            author="editor2",
            updated_at=NOW - timedelta(minutes=30),
        )
        holidays = add_news(
            session,
            "Режим работы в праздничные дни",
            status="archived",
            summary="Офисы не работают с 31 декабря по 11 января.",
            body_html="<blockquote>Личный кабинет доступен круглосуточно.</blockquote>",
            publish_at=datetime(2025, 12, 25, 7, 0, tzinfo=UTC),
            unpublish_at=datetime(2026, 1, 12, 7, 0, tzinfo=UTC),
        )
        discount = add_news(
            session,
            "Скидка 5 % за электронные счета_2026",
            summary="Для клиентов, перешедших на ЭДО.",
            body_html=(
                "<table><thead><tr><th>Оператор</th><th>Скидка</th></tr></thead>"
                "<tbody><tr><td>Контур &amp; Диадок</td><td>5 %</td></tr></tbody></table>"
            ),
            publish_at=datetime(2026, 6, 1, 7, 0, tzinfo=UTC),
        )
    return World(vat, readings, outage, update, faq, holidays, discount)


def page(
    factory: sessionmaker[Session], source: NewsSource = SOURCE, **query: Any
) -> tuple[list[int], int]:
    """The ids of the first page and the query's total."""
    with factory() as session:
        found = source.page(session, ListQuery(**query), offset=0, after=None, limit=50)
    return [row.id for row in found.rows], found.total


def ids(factory: sessionmaker[Session], **query: Any) -> list[int]:
    return page(factory, **query)[0]


def found(factory: sessionmaker[Session], search: str) -> set[int]:
    return set(ids(factory, search=search))


def counts(factory: sessionmaker[Session], source: NewsSource = SOURCE, **query: Any) -> Any:
    with factory() as session:
        return source.counts(session, ListQuery(**query))


# --- Tabs and counts -------------------------------------------------------------------------


def test_tabs_count_items_by_the_status_shown_at_the_time(
    factory: sessionmaker[Session], world: World
) -> None:
    assert counts(factory) == {
        "all": 7,
        "draft": 1,
        "scheduled": 1,
        "published": 4,
        "archived": 1,
    }
    assert list(counts(factory)) == list(TABS)


def test_an_item_is_scheduled_until_the_very_moment_of_its_publication(
    factory: sessionmaker[Session], world: World
) -> None:
    publication = NOW + timedelta(hours=1)
    just_before = NewsSource(now=lambda: publication - timedelta(microseconds=1))
    at_the_moment = NewsSource(now=lambda: publication)
    assert page(factory, just_before, tab="scheduled") == ([world.update], 1)
    assert page(factory, at_the_moment, tab="scheduled") == ([], 0)
    assert world.update not in ids(factory, tab="published")
    assert world.update in page(factory, at_the_moment, tab="published")[0]
    assert counts(factory, at_the_moment)["published"] == 5
    with factory() as session:
        (before,) = just_before.page(
            session, ListQuery(tab="scheduled"), offset=0, after=None, limit=5
        ).rows
        after = at_the_moment.detail(session, world.update).row
    assert (before.status, before.on_portal) == ("scheduled", False)
    assert (after.status, after.on_portal) == ("published", True)


def test_a_tab_lists_the_items_of_its_status(factory: sessionmaker[Session], world: World) -> None:
    assert ids(factory, tab="draft") == [world.faq]
    assert ids(factory, tab="scheduled") == [world.update]
    assert ids(factory, tab="archived") == [world.holidays]
    assert set(ids(factory, tab="published")) == {
        world.vat,
        world.readings,
        world.outage,
        world.discount,
    }


def test_the_rows_say_whether_the_portal_shows_the_item_now(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        rows = {
            row.id: row
            for row in SOURCE.page(session, ListQuery(), offset=0, after=None, limit=50).rows
        }
    shown = {item for item, row in rows.items() if row.on_portal}
    # Published at exactly NOW: shown; its unpublish_at exactly NOW: no longer shown.
    assert shown == {world.vat, world.readings, world.discount}
    assert rows[world.outage].status == "published" and not rows[world.outage].on_portal
    assert rows[world.faq].status == "draft" and rows[world.faq].publish_at is None
    vat = rows[world.vat]
    assert vat.pinned and vat.kind == "news" and vat.author == "editor1"
    assert vat.updated_by == "editor1" and vat.version == 1
    assert vat.publish_at == datetime(2025, 12, 10, 7, 0, tzinfo=UTC)
    assert rows[world.readings].kind == "article"


def test_an_unknown_tab_or_kind_is_a_programming_error(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        with pytest.raises(ValueError, match="tab"):
            SOURCE.counts(session, ListQuery(tab="deleted"))
        with pytest.raises(ValueError, match="kind"):
            SOURCE.counts(session, ListQuery().with_choice(KIND_CHOICE, "survey"))


def test_the_kind_choice_keeps_news_or_articles(
    factory: sessionmaker[Session], world: World
) -> None:
    articles = ListQuery().with_choice(KIND_CHOICE, "article")
    with factory() as session:
        assert SOURCE.counts(session, articles)["all"] == 2
        found_ids = {
            row.id for row in SOURCE.page(session, articles, offset=0, after=None, limit=9).rows
        }
    assert found_ids == {world.readings, world.faq}


def test_publication_dates_are_filtered_by_whole_moscow_days(
    factory: sessionmaker[Session], world: World
) -> None:
    # The update is published at 13:00 Moscow time on 1 December, the readings at 12:00.
    assert set(ids(factory, date_from=date(2026, 12, 1))) == {world.update, world.readings}
    assert set(ids(factory, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))) == {
        world.outage
    }
    assert ids(factory, date_to=date(2025, 12, 9)) == []


# --- The search ------------------------------------------------------------------------------


def test_a_title_is_found_by_any_part_in_any_case(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "ндс") == {world.vat}
    assert found(factory, "ЛИЧНОГО КАБИНЕТА") == {world.update}


def test_yo_and_ye_are_one_letter(factory: sessionmaker[Session], world: World) -> None:
    assert found(factory, "приборов учета") == {world.readings}
    assert found(factory, "УЧЁТА") == {world.readings}


def test_the_summary_and_the_text_are_searched_as_the_reader_sees_them(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "перешедших") == {world.discount}  # the summary
    assert found(factory, "снегири") == {world.outage}  # a list item of the body
    assert found(factory, "Передать") == {world.readings}  # a link's text
    assert found(factory, "контур & диадок") == {world.discount}  # stored as &amp;


def test_markup_is_not_text(factory: sessionmaker[Session], world: World) -> None:
    for markup in ("strong", "href", "noopener", "blank", "tbody", "amp", "<p>"):
        assert found(factory, markup) == set(), markup


def test_every_word_must_be_found_each_anywhere(
    factory: sessionmaker[Session], world: World
) -> None:
    # «ндс» in the title, «поставке» in the body.
    assert found(factory, "поставке ндс") == {world.vat}
    assert found(factory, "ндс снегири") == set()


def test_percent_and_underscore_are_searched_literally(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "5 %") == {world.discount}
    assert found(factory, "%") == {world.vat, world.discount}
    assert found(factory, "счета_2026") == {world.discount}
    assert found(factory, "_") == {world.discount}


def test_the_search_counts_its_tabs(factory: sessionmaker[Session], world: World) -> None:
    assert counts(factory, search="личного") == {
        "all": 1,
        "draft": 0,
        "scheduled": 1,
        "published": 0,
        "archived": 0,
    }
    assert page(factory, search="nothing-like-it") == ([], 0)
    assert set(counts(factory, search="nothing-like-it").values()) == {0}


def test_a_nul_in_the_search_is_refused_in_russian(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(DomainError, match="Поиск"):
        SOURCE.page(session, ListQuery(search="нд\x00с"), offset=0, after=None, limit=10)


def test_the_body_key_reads_text_out_of_markup() -> None:
    key = body_key_text(
        '<p>Ёлка &amp; «ЗВЕЗДА»</p><a href="https://x.ru/?a=1&amp;b=2">Сайт</a>'
        "<p>1&nbsp;000 &lt;кВт&gt; &amp;lt;</p>"
    )
    assert key.split() == ["елка", "&", "«звезда»", "сайт", "1", "000", "<квт>", "&lt;"]


def test_postgresql_stores_the_key_sqlite_computes(pg_factory: sessionmaker[Session]) -> None:
    bodies = [
        "<p>Ёлка &amp; «ЗВЕЗДА»</p>",
        '<p><a href="https://x.ru/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">'
        "Сайт</a></p>",
        "<table><tr><td>1&nbsp;000 &lt;кВт&gt;</td></tr></table><p>&amp;lt; &quot;&#39;</p>",
        "",
    ]
    texts = [(f"Заголовок {n} ЁЖ", f"Анонс «{n}» &amp;", body) for n, body in enumerate(bodies)]
    with pg_factory.begin() as session:
        items = {
            add_news(session, title, summary=summary, body_html=body): (title, summary, body)
            for title, summary, body in texts
        }
        stored: dict[int, str] = {
            int(item): str(key)
            for item, key in session.execute(
                text("SELECT news_item_id, search_text FROM news_item_search")
            )
        }
    for item, (title, summary, body) in items.items():
        assert stored[item] == search_key_text(title, summary, body), body


def test_a_search_on_postgresql_reads_the_trigram_index(pg_factory: sessionmaker[Session]) -> None:
    with pg_factory.begin() as session:
        add_news(session, "Плановые отключения", body_html="<p>пос. Снегири</p>")
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plans = "\n".join(
            str(line)
            for (line,) in session.execute(
                text(
                    "EXPLAIN SELECT news_item_id FROM news_item_search "
                    "WHERE search_text LIKE '%снегири%'"
                )
            )
        )
        assert "ix_news_item_search_trigram" in plans, plans
        assert found_in(session, "снегири") == 1


def found_in(session: Session, search: str) -> int:
    return SOURCE.page(session, ListQuery(search=search), offset=0, after=None, limit=5).total


# --- Orders, pages, export -------------------------------------------------------------------


def test_the_newest_come_first_by_publication_or_last_change(
    factory: sessionmaker[Session], world: World
) -> None:
    assert DEFAULT_ORDER == "-newest"
    # The update is due in an hour; the draft was changed half an hour ago; the readings
    # article is published now.
    assert ids(factory) == [
        world.update,
        world.readings,
        world.faq,
        world.outage,
        world.discount,
        world.holidays,
        world.vat,
    ]


def test_the_list_is_ordered_by_the_column_chosen(
    factory: sessionmaker[Session], world: World
) -> None:
    assert set(ORDERS) >= {"newest", "title", "published", "changed"}
    assert ids(factory, order="title") == [
        world.update,  # Обновление
        world.faq,  # Ответы
        world.readings,  # Передача
        world.outage,  # Плановые
        world.holidays,
        world.vat,
        world.discount,
    ]
    assert ids(factory, order="-title")[0] == world.discount
    assert ids(factory, order="status")[:2] == [world.faq, world.update]
    assert ids(factory, order="-status")[0] == world.holidays
    assert ids(factory, order="-pinned")[0] == world.vat
    assert ids(factory, order="author")[-1] == world.faq
    assert ids(factory, order="-changed")[:2] == [world.faq, world.update]


def test_items_without_a_publication_date_come_last_either_way(
    factory: sessionmaker[Session], world: World
) -> None:
    ascending, descending = ids(factory, order="published"), ids(factory, order="-published")
    assert ascending[0] == world.vat and ascending[-1] == world.faq
    assert descending[0] == world.update and descending[-1] == world.faq
    assert ids(factory, order="unpublished")[:2] == [world.holidays, world.outage]


def test_an_unknown_order_falls_back_to_the_newest(
    factory: sessionmaker[Session], world: World
) -> None:
    assert ids(factory, order="body_html") == ids(factory)


def test_pages_carry_the_total_and_the_export_lists_them_all(
    factory: sessionmaker[Session], world: World
) -> None:
    everything = ids(factory)
    with factory() as session:
        first = SOURCE.page(session, ListQuery(), offset=0, after=None, limit=3)
        second = SOURCE.page(session, ListQuery(), offset=3, after=first.rows[-1], limit=3)
        third = SOURCE.page(session, ListQuery(), offset=6, after=second.rows[-1], limit=3)
        beyond = SOURCE.page(session, ListQuery(), offset=9, after=None, limit=3)
        exported = [row.id for row in SOURCE.export_rows(session, ListQuery())]
        exported_tab = [row.id for row in SOURCE.export_rows(session, ListQuery(tab="draft"))]
    assert (first.total, second.total, third.total, beyond.total) == (7, 7, 7, 7)
    assert [row.id for row in (*first.rows, *second.rows, *third.rows)] == everything
    assert beyond.rows == () and third.offset == 6
    assert exported == everything
    assert exported_tab == [world.faq]


def test_the_export_reads_in_the_desks_autocommit_session(engine: Engine, world: World) -> None:
    desk = engine.execution_options(isolation_level="AUTOCOMMIT")
    with Session(desk) as session:
        assert len(list(SOURCE.export_rows(session, ListQuery(search="ндс")))) == 1


# --- An item's card --------------------------------------------------------------------------


def test_the_card_shows_the_text_as_stored_and_the_revisions_newest_first(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.vat)
    assert card.id == card.row.id == world.vat and card.version == 1
    assert card.row.status == "published" and card.row.on_portal
    assert card.summary == "Счета за поставку с января выставляются с НДС 22 %."
    assert card.body_html == "<p>Ставка <strong>22 %</strong> применяется к поставке с января.</p>"
    assert card.created_at == datetime(2025, 12, 9, 7, 0, tzinfo=UTC)
    assert [(r.version, r.saved_by, r.restored_from) for r in card.revisions] == [
        (3, "editor1", 1),
        (2, "editor2", None),
        (1, "editor1", None),
    ]
    assert card.revisions[0].saved_at == datetime(2025, 12, 12, 8, 0, tzinfo=UTC)
    assert card.revisions[-1].title == "С 1 января 2026 года ставка НДС — 22 % (версия 1)"


def test_a_card_derives_its_status_at_the_sources_time(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        scheduled = SOURCE.detail(session, world.update)
        draft = SOURCE.detail(session, world.faq)
    assert scheduled.row.status == "scheduled" and not scheduled.row.on_portal
    assert draft.row.status == "draft" and draft.revisions == ()


def test_an_item_that_is_gone_is_not_found(factory: sessionmaker[Session], world: World) -> None:
    with factory() as session, pytest.raises(NotFoundError, match="не найдена") as raised:
        SOURCE.detail(session, world.discount + 1000)
    assert raised.value.code == "NEWS_NOT_FOUND"


def test_quotes_and_backslashes_are_searched_as_typed(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        quoted = add_news(session, "Ответ «О'Брайен»", body_html="<p>Путь C:\\Отчёты\\</p>")
    assert found(factory, "о'брайен") == {quoted}
    assert found(factory, "c:\\отчеты\\") == {quoted}
    assert found(factory, "'; DROP TABLE news_item; --") == set()
    assert counts(factory)["all"] == 8


# --- What the database keeps for the search (PostgreSQL) ----------------------------------


def test_an_editors_save_is_found_at_once_and_a_verifier_reads_no_keys(
    as_staff: Callable[[str], Engine],
) -> None:
    editor = as_staff("editor")
    with editor.connect() as connection:
        login = str(connection.execute(text("SELECT session_user")).scalar_one())
    with db.session_factory(editor).begin() as session:
        news_id = news.save(
            session,
            login,
            title="Плановые отключения",
            kind="news",
            summary="Ремонт линий.",
            body_html="<p>пос. Снегири, ул. Лесная</p>",
        )
    with db.session_factory(editor)() as session:
        assert found_in(session, "снегири") == 1
    with db.session_factory(editor).begin() as session:
        news.save(
            session,
            login,
            news_id=news_id,
            title="Плановые отключения",
            kind="news",
            summary="Ремонт линий.",
            body_html="<p>пос. Нахабино</p>",
        )
    with db.session_factory(editor)() as session:
        assert found_in(session, "снегири") == 0 and found_in(session, "нахабино") == 1
    verifier = as_staff("verifier")
    with pytest.raises(DBAPIError) as refused, verifier.connect() as connection:
        connection.execute(text("SELECT search_text FROM news_item_search"))
    assert getattr(refused.value.orig, "sqlstate", None) == "42501"  # insufficient privilege


def test_the_search_migration_goes_down_and_up_again(pg_engine: Engine) -> None:
    def kept() -> list[tuple[int, str]]:
        with pg_engine.connect() as connection:
            return [
                (int(item), str(key))
                for item, key in connection.execute(
                    text("SELECT news_item_id, search_text FROM news_item_search ORDER BY 1")
                )
            ]

    with db.session_factory(pg_engine).begin() as session:
        item = add_news(session, "Ёлка", summary="Анонс", body_html="<p>Текст &amp; ещё</p>")
    assert kept() == [(item, search_key_text("Ёлка", "Анонс", "<p>Текст &amp; ещё</p>"))]
    downgrade(pg_engine, "0013")
    with pg_engine.connect() as connection:
        assert not inspect(connection).has_table("news_item_search")
    db.upgrade(pg_engine)
    # The keys of the items already written are computed on the way up.
    assert kept() == [(item, search_key_text("Ёлка", "Анонс", "<p>Текст &amp; ещё</p>"))]


def test_a_deleted_items_key_goes_with_it(pg_factory: sessionmaker[Session]) -> None:
    with pg_factory.begin() as session:
        kept = add_news(session, "Остаётся")
        gone = add_news(session, "Удаляется", versions=(("editor1", NOW, None),))
    with pg_factory.begin() as session:  # as the tables' owner: editors cannot delete
        session.execute(text("DELETE FROM news_revision WHERE news_item_id = :id"), {"id": gone})
        session.execute(text("DELETE FROM news_item WHERE id = :id"), {"id": gone})
    with pg_factory() as session:
        keys = session.execute(text("SELECT news_item_id FROM news_item_search")).scalars().all()
    assert keys == [kept]
