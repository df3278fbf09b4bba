"""The «Опросы» section's data: status tabs and counts at a pinned time (scheduled until
the very moment of opening, closed from the very moment of closing), responses and
questions counted, the search in titles and descriptions, orders and pages, the export,
a survey's card with its stored questions — on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.db import run
from lkk_admin.models import PortalUser, Survey, SurveyOption, SurveyQuestion, SurveyResponse
from lkk_admin.models.base import table_of
from lkk_admin.services import surveys
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.excel_export import ExportColumn, export_xlsx
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.survey_browser.rows import TABS, SurveyRow
from lkk_admin.services.survey_browser.source import (
    DEFAULT_ORDER,
    ORDERS,
    SurveySource,
    survey_detail,
)
from lkk_admin.services.survey_shape import OptionDraft, QuestionDraft

# The moment the list is read at: 12:00 in Moscow.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SOURCE = SurveySource(now=lambda: NOW)


@dataclass(frozen=True)
class World:
    quality: int  # closed by hand; 3 responses
    portal: int  # open for ten days, no closing date; 5 responses; every kind of question
    nps: int  # open, its closes_at is exactly NOW: closed; 1 response
    services: int  # open from an hour ahead: scheduled
    edo: int  # a draft written before migration 0015 (no updated_at/updated_by)
    readings: int  # opens exactly NOW, closes tomorrow: open


def add_survey(
    session: Session,
    title: str,
    *,
    status: str = "open",
    description: str = "",
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    author: str = "editor1",
    created_at: datetime,
    updated: tuple[str, datetime] | None = None,
    version: int = 1,
) -> int:
    """A survey as the builder leaves it (``updated``: who changed it last, and when)."""
    return int(
        run(
            session,
            insert(table_of(Survey)).returning(table_of(Survey).c.id),
            {
                "title": title,
                "description": description,
                "status": status,
                "opens_at": opens_at,
                "closes_at": closes_at,
                "author": author,
                "created_at": created_at,
                "updated_by": updated[0] if updated else None,
                "updated_at": updated[1] if updated else None,
                "version": version,
            },
        ).scalar_one()
    )


def add_question(
    session: Session,
    survey_id: int,
    position: int,
    kind: str,
    text: str,
    *,
    options: tuple[tuple[int, str], ...] = (),
    required: bool = True,
    rating_scale: int | None = None,
) -> int:
    """A question with its options given as (position, text), stored in the order given."""
    question_id = int(
        run(
            session,
            insert(table_of(SurveyQuestion)).returning(table_of(SurveyQuestion).c.id),
            {
                "survey_id": survey_id,
                "position": position,
                "kind": kind,
                "text": text,
                "required": required,
                "rating_scale": rating_scale,
            },
        ).scalar_one()
    )
    for option_position, option_text in options:
        run(
            session,
            insert(table_of(SurveyOption)),
            {"survey_question_id": question_id, "position": option_position, "text": option_text},
        )
    return question_id


def add_users(session: Session, count: int) -> list[int]:
    users = table_of(PortalUser)
    return [
        int(
            run(
                session,
                insert(users).returning(users.c.id),
                {
                    "login": f"user{n}",
                    "email": f"user{n}@example.ru",
                    "password_hash": "-",
                    "first_name": "Иван",
                    "last_name": f"Иванов{n}",
                    "phone": "+79990000000",
                    "status": "active",
                },
            ).scalar_one()
        )
        for n in range(count)
    ]


def add_responses(session: Session, survey_id: int, users: list[int]) -> None:
    run(
        session,
        insert(table_of(SurveyResponse)),
        [{"survey_id": survey_id, "portal_user_id": user, "submitted_at": NOW} for user in users],
    )


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    day = timedelta(days=1)
    with factory.begin() as session:
        quality = add_survey(
            session,
            "Качество электроснабжения",
            status="closed",
            description="Оцените надёжность поставки в 2026 году.",
            opens_at=NOW - 60 * day,
            closes_at=NOW - 30 * day,
            created_at=NOW - 70 * day,
            updated=("editor2", NOW - 30 * day),
            version=4,
        )
        portal = add_survey(
            session,
            "Удобство Личного кабинета",
            description="Расскажите, что улучшить в разделе «Счета и оплата».",
            opens_at=NOW - 10 * day,
            author="Editor2",
            created_at=NOW - 12 * day,
            updated=("editor1", NOW - 10 * day),
            version=2,
        )
        nps = add_survey(
            session,
            "Готовность рекомендовать РН-Энерго",
            description="Один вопрос по шкале от 0 до 10 (100 %).",
            closes_at=NOW,
            created_at=NOW - 20 * day,
            updated=("editor1", NOW - 20 * day),
        )
        services = add_survey(
            session,
            "Интерес к новым услугам",
            description="Зарядные станции, солнечные панели, энергоаудит.",
            opens_at=NOW + timedelta(hours=1),
            created_at=NOW - 3 * day,
            updated=("admin", NOW - 2 * day),
        )
        edo = add_survey(
            session,
            "Черновик: переход на ЭДО",
            status="draft",
            author="admin",
            created_at=NOW - 5 * day,
        )
        readings = add_survey(
            session,
            "Передача показаний приборов учёта",
            description="Удобно ли передавать показания_счётчиков?",
            opens_at=NOW,
            closes_at=NOW + day,
            created_at=NOW - 1 * day,
            updated=("editor1", NOW - timedelta(hours=1)),
        )
        # The portal's questions, stored out of order: the card reads them by position.
        add_question(session, portal, 3, "text", "Что улучшить?", required=False)
        add_question(
            session,
            portal,
            1,
            "single",
            "Как часто вы заходите в кабинет?",
            options=((2, "Раз в неделю"), (1, "Каждый день"), (3, "Раз в месяц")),
        )
        add_question(session, portal, 2, "rating", "Порекомендуете ли вы кабинет?", rating_scale=10)
        add_question(
            session,
            portal,
            0,
            "multiple",
            "Какими разделами вы пользуетесь?",
            options=((1, "Счета"), (0, "Показания")),
        )
        add_question(session, quality, 0, "rating", "Оцените качество", rating_scale=5)
        add_question(session, nps, 0, "rating", "Порекомендуете ли вы нас?", rating_scale=10)
        users = add_users(session, 5)
        add_responses(session, portal, users)
        add_responses(session, quality, users[:3])
        add_responses(session, nps, users[:1])
    return World(quality, portal, nps, services, edo, readings)


def page(
    factory: sessionmaker[Session], source: SurveySource = SOURCE, **query: Any
) -> tuple[list[int], int]:
    """The ids of the first page and the query's total."""
    with factory() as session:
        found = source.page(session, ListQuery(**query), offset=0, after=None, limit=50)
    return [row.id for row in found.rows], found.total


def ids(factory: sessionmaker[Session], **query: Any) -> list[int]:
    return page(factory, **query)[0]


def found(factory: sessionmaker[Session], search: str) -> set[int]:
    return set(ids(factory, search=search))


def counts(factory: sessionmaker[Session], source: SurveySource = SOURCE, **query: Any) -> Any:
    with factory() as session:
        return source.counts(session, ListQuery(**query))


def rows_by_id(
    factory: sessionmaker[Session], source: SurveySource = SOURCE
) -> dict[int, SurveyRow]:
    with factory() as session:
        listed = source.page(session, ListQuery(), offset=0, after=None, limit=50).rows
    return {row.id: row for row in listed}


# --- Tabs and counts -------------------------------------------------------------------------


def test_tabs_count_surveys_by_the_status_shown_at_the_time(
    factory: sessionmaker[Session], world: World
) -> None:
    assert counts(factory) == {"all": 6, "draft": 1, "scheduled": 1, "open": 2, "closed": 2}
    assert list(counts(factory)) == list(TABS)


def test_a_tab_lists_the_surveys_of_its_status(
    factory: sessionmaker[Session], world: World
) -> None:
    assert ids(factory, tab="draft") == [world.edo]
    assert ids(factory, tab="scheduled") == [world.services]
    assert set(ids(factory, tab="open")) == {world.portal, world.readings}
    # Closed by hand, or open with its closing moment come.
    assert set(ids(factory, tab="closed")) == {world.quality, world.nps}
    statuses = {row.id: row.status for row in rows_by_id(factory).values()}
    assert statuses == {
        world.quality: "closed",
        world.portal: "open",
        world.nps: "closed",
        world.services: "scheduled",
        world.edo: "draft",
        world.readings: "open",
    }


def test_a_survey_is_scheduled_until_the_very_moment_it_opens(
    factory: sessionmaker[Session], world: World
) -> None:
    opening = NOW + timedelta(hours=1)
    just_before = SurveySource(now=lambda: opening - timedelta(microseconds=1))
    at_the_moment = SurveySource(now=lambda: opening)
    assert page(factory, just_before, tab="scheduled") == ([world.services], 1)
    assert page(factory, at_the_moment, tab="scheduled") == ([], 0)
    assert world.services not in ids(factory, tab="open")
    assert world.services in page(factory, at_the_moment, tab="open")[0]
    with factory() as session:
        assert just_before.detail(session, world.services).row.status == "scheduled"
        assert at_the_moment.detail(session, world.services).row.status == "open"


def test_a_survey_is_closed_from_the_very_moment_its_closing_comes(
    factory: sessionmaker[Session], world: World
) -> None:
    just_before = SurveySource(now=lambda: NOW - timedelta(microseconds=1))
    # Just before NOW the NPS survey is still open, and the readings one not open yet.
    assert counts(factory, just_before) == {
        "all": 6,
        "draft": 1,
        "scheduled": 2,
        "open": 2,
        "closed": 1,
    }
    assert set(page(factory, just_before, tab="open")[0]) == {world.portal, world.nps}
    assert rows_by_id(factory, just_before)[world.nps].status == "open"
    assert rows_by_id(factory)[world.nps].status == "closed"
    # A day later the readings survey has closed too.
    tomorrow = SurveySource(now=lambda: NOW + timedelta(days=1))
    assert set(page(factory, tomorrow, tab="closed")[0]) == {
        world.quality,
        world.nps,
        world.readings,
    }


def _at(moment: datetime) -> datetime:
    return moment


def test_the_list_derives_the_status_as_the_survey_service_does(
    factory: sessionmaker[Session], world: World
) -> None:
    """The list's SQL and ``surveys.shown_status`` (what the acts check) agree at every
    moment that matters — each opening and closing, and a microsecond before —, and each
    tab lists and counts exactly the surveys shown with its status."""
    with factory() as session:
        stored = {
            int(survey_id): (str(status), opens_at, closes_at)
            for survey_id, status, opens_at, closes_at in session.execute(
                select(Survey.id, Survey.status, Survey.opens_at, Survey.closes_at)
            )
        }
    moments = {NOW - timedelta(days=90)} | {
        moment + shift
        for _, opens_at, closes_at in stored.values()
        for moment in (opens_at, closes_at)
        if moment is not None
        for shift in (-timedelta(microseconds=1), timedelta(0))
    }
    for moment in sorted(moments):
        source = SurveySource(now=functools.partial(_at, moment))
        expected = {
            survey: surveys.shown_status(*values, moment) for survey, values in stored.items()
        }
        listed = rows_by_id(factory, source)
        assert {survey: row.status for survey, row in listed.items()} == expected, moment
        tab_counts = counts(factory, source)
        for tab in TABS[1:]:
            shown = {survey for survey, status in expected.items() if status == tab}
            assert set(page(factory, source, tab=tab)[0]) == shown, (moment, tab)
            assert tab_counts[tab] == len(shown), (moment, tab)


def test_an_unknown_tab_is_a_programming_error(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(ValueError, match="tab"):
        SOURCE.counts(session, ListQuery(tab="archived"))


# --- What a row says -------------------------------------------------------------------------


def test_rows_count_responses_and_questions(factory: sessionmaker[Session], world: World) -> None:
    rows = rows_by_id(factory)
    assert {survey: (row.responses, row.questions) for survey, row in rows.items()} == {
        world.quality: (3, 1),
        world.portal: (5, 4),
        world.nps: (1, 1),
        world.services: (0, 0),
        world.edo: (0, 0),
        world.readings: (0, 0),
    }


def test_a_row_says_who_changed_the_survey_last_or_who_wrote_it(
    factory: sessionmaker[Session], world: World
) -> None:
    rows = rows_by_id(factory)
    quality = rows[world.quality]
    assert quality == SurveyRow(
        id=world.quality,
        title="Качество электроснабжения",
        status="closed",
        opens_at=NOW - timedelta(days=60),
        closes_at=NOW - timedelta(days=30),
        responses=3,
        questions=1,
        author="editor1",
        updated_at=NOW - timedelta(days=30),
        updated_by="editor2",
        version=4,
    )
    # Written before the survey kept its last change: its creation stands for it.
    edo = rows[world.edo]
    assert (edo.updated_at, edo.updated_by) == (NOW - timedelta(days=5), "admin")
    assert edo.opens_at is None and edo.closes_at is None


# --- The search ------------------------------------------------------------------------------


def test_a_title_is_found_by_any_part_in_any_case(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "кабинета") == {world.portal}
    assert found(factory, "ЛИЧНОГО КАБИНЕТА") == {world.portal}
    assert found(factory, "рн-энерго") == {world.nps}
    assert found(factory, "эдо") == {world.edo}


def test_yo_and_ye_are_one_letter(factory: sessionmaker[Session], world: World) -> None:
    assert found(factory, "приборов учета") == {world.readings}
    assert found(factory, "УЧЁТА") == {world.readings}
    assert found(factory, "надежность") == {world.quality}  # «надёжность» in the description


def test_the_description_is_searched_and_every_word_must_be_found(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "ЗАРЯДНЫЕ") == {world.services}
    # «удобство» in the title, «оплата» in the description.
    assert found(factory, "оплата удобство") == {world.portal}
    assert found(factory, "оплата зарядные") == set()
    # A word is never found across the end of the title and the start of the description.
    assert found(factory, "кабинетарасскажите") == set()


def test_percent_and_underscore_are_searched_literally(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "100 %") == {world.nps}
    assert found(factory, "%") == {world.nps}
    assert found(factory, "показания_счетчиков") == {world.readings}
    assert found(factory, "_") == {world.readings}


def test_the_search_counts_its_tabs(factory: sessionmaker[Session], world: World) -> None:
    assert counts(factory, search="показ") == {
        "all": 1,
        "draft": 0,
        "scheduled": 0,
        "open": 1,
        "closed": 0,
    }
    assert page(factory, tab="open", search="кабинет") == ([world.portal], 1)
    assert page(factory, search="ничего-похожего") == ([], 0)
    assert set(counts(factory, search="ничего-похожего").values()) == {0}


def test_a_nul_in_the_search_is_refused_in_russian(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(DomainError, match="Поиск"):
        SOURCE.page(session, ListQuery(search="оп\x00рос"), offset=0, after=None, limit=10)


# --- Orders, pages, export -------------------------------------------------------------------


def test_the_newest_come_first(factory: sessionmaker[Session], world: World) -> None:
    assert DEFAULT_ORDER == "-newest"
    assert ids(factory) == [
        world.readings,
        world.services,
        world.edo,
        world.portal,
        world.nps,
        world.quality,
    ]
    assert ids(factory, order="newest") == ids(factory)[::-1]


def test_the_list_is_ordered_by_the_column_chosen(
    factory: sessionmaker[Session], world: World
) -> None:
    assert ORDERS == (
        "newest",
        "title",
        "status",
        "opens",
        "closes",
        "responses",
        "author",
        "changed",
    )
    assert ids(factory, order="title") == [
        world.nps,  # Готовность
        world.services,  # Интерес
        world.quality,  # Качество
        world.readings,  # Передача
        world.portal,  # Удобство
        world.edo,  # Черновик
    ]
    assert ids(factory, order="-title")[0] == world.edo
    # Draft, scheduled, open, closed; ties by id.
    assert ids(factory, order="status") == [
        world.edo,
        world.services,
        world.portal,
        world.readings,
        world.quality,
        world.nps,
    ]
    assert ids(factory, order="-status")[:2] == [world.nps, world.quality]
    assert ids(factory, order="-responses")[:3] == [world.portal, world.quality, world.nps]
    assert ids(factory, order="responses")[-3:] == [world.nps, world.quality, world.portal]
    # Any case: admin, editor1 (ties by id), then «Editor2».
    assert ids(factory, order="author") == [
        world.edo,
        world.quality,
        world.nps,
        world.services,
        world.readings,
        world.portal,
    ]
    assert ids(factory, order="-changed")[:3] == [world.readings, world.services, world.edo]


def test_surveys_without_a_date_come_last_either_way(
    factory: sessionmaker[Session], world: World
) -> None:
    ascending, descending = ids(factory, order="opens"), ids(factory, order="-opens")
    assert ascending[:4] == [world.quality, world.portal, world.readings, world.services]
    assert descending[:4] == [world.services, world.readings, world.portal, world.quality]
    assert set(ascending[4:]) == set(descending[4:]) == {world.nps, world.edo}
    assert ids(factory, order="closes")[:3] == [world.quality, world.nps, world.readings]
    assert ids(factory, order="-closes")[:3] == [world.readings, world.nps, world.quality]


def test_an_unknown_order_falls_back_to_the_newest(
    factory: sessionmaker[Session], world: World
) -> None:
    assert ids(factory, order="description") == ids(factory)


def test_pages_carry_the_total_and_the_export_lists_them_all(
    factory: sessionmaker[Session], world: World
) -> None:
    everything = ids(factory)
    with factory() as session:
        first = SOURCE.page(session, ListQuery(), offset=0, after=None, limit=4)
        second = SOURCE.page(session, ListQuery(), offset=4, after=first.rows[-1], limit=4)
        beyond = SOURCE.page(session, ListQuery(), offset=8, after=None, limit=4)
        beyond_tab = SOURCE.page(session, ListQuery(tab="open"), offset=8, after=None, limit=4)
        exported = [row.id for row in SOURCE.export_rows(session, ListQuery())]
        exported_tab = [
            row.id for row in SOURCE.export_rows(session, ListQuery(tab="closed", order="title"))
        ]
    assert (first.total, second.total, beyond.total, beyond_tab.total) == (6, 6, 6, 2)
    assert [row.id for row in (*first.rows, *second.rows)] == everything
    assert len(second.rows) == 2 and second.offset == 4 and beyond.rows == ()
    assert exported == everything
    assert exported_tab == [world.nps, world.quality]


def test_the_export_writes_the_rows_as_typed_cells(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    columns = (
        ExportColumn("Опрос", lambda row: row.title),
        ExportColumn("Статус", lambda row: row.status),
        ExportColumn("Открыт с", lambda row: row.opens_at, "datetime"),
        ExportColumn("Ответов", lambda row: row.responses, "int"),
    )
    target = tmp_path / "опросы.xlsx"
    with factory() as session:
        written = export_xlsx(
            target, "Опросы", columns, SOURCE.export_rows(session, ListQuery(tab="open"))
        )
    assert written == 2
    sheet = load_workbook(target).active
    assert sheet is not None
    header, *cells = [list(line) for line in sheet.iter_rows(values_only=True)]
    assert header == ["Опрос", "Статус", "Открыт с", "Ответов"]
    assert [(title, status, responses) for title, status, _, responses in cells] == [
        ("Передача показаний приборов учёта", "open", 0),
        ("Удобство Личного кабинета", "open", 5),
    ]
    assert all(isinstance(opened, datetime) for _, _, opened, _ in cells)


def test_the_export_reads_in_the_desks_autocommit_session(engine: Engine, world: World) -> None:
    desk = engine.execution_options(isolation_level="AUTOCOMMIT")
    with Session(desk) as session:
        exported = [row.id for row in SOURCE.export_rows(session, ListQuery(search="учёт"))]
    assert exported == [world.readings]


# --- A survey's card -------------------------------------------------------------------------


def test_the_card_holds_the_stored_survey_as_a_draft_with_its_ids_in_order(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.portal)
        question_ids = {
            text: int(question_id)
            for question_id, text in session.execute(
                text("SELECT id, text FROM survey_question WHERE survey_id = :s"),
                {"s": world.portal},
            )
        }
        option_ids = {
            text: int(option_id)
            for option_id, text in session.execute(text("SELECT id, text FROM survey_option"))
        }
    assert card.id == card.row.id == world.portal and card.version == 2
    assert card.row.status == "open" and card.stored_status == "open"
    assert card.answered and card.row.responses == 5
    assert card.description == "Расскажите, что улучшить в разделе «Счета и оплата»."
    assert card.created_at == NOW - timedelta(days=12)
    draft = card.draft
    assert draft.title == "Удобство Личного кабинета"
    assert draft.description == card.description
    assert [question.text for question in draft.questions] == [
        "Какими разделами вы пользуетесь?",
        "Как часто вы заходите в кабинет?",
        "Порекомендуете ли вы кабинет?",
        "Что улучшить?",
    ]
    assert [q.question_id for q in draft.questions] == [
        question_ids[q.text] for q in draft.questions
    ]
    multiple, single, rating, free_text = draft.questions
    assert multiple == QuestionDraft(
        kind="multiple",
        text="Какими разделами вы пользуетесь?",
        required=True,
        options=(
            OptionDraft("Показания", option_ids["Показания"]),
            OptionDraft("Счета", option_ids["Счета"]),
        ),
        rating_scale=None,
        question_id=question_ids["Какими разделами вы пользуетесь?"],
    )
    assert single.options == tuple(
        OptionDraft(option, option_ids[option])
        for option in ("Каждый день", "Раз в неделю", "Раз в месяц")
    )
    assert (rating.kind, rating.rating_scale, rating.options) == ("rating", 10, ())
    assert (free_text.kind, free_text.required, free_text.rating_scale) == ("text", False, None)


def test_the_card_of_a_scheduled_survey_says_which_status_is_stored(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        scheduled = survey_detail(session, world.services, now=NOW)
        draft = survey_detail(session, world.edo, now=NOW)
    assert (scheduled.row.status, scheduled.stored_status) == ("scheduled", "open")
    assert scheduled.draft.questions == () and not scheduled.answered
    assert (draft.row.status, draft.stored_status, draft.description) == ("draft", "draft", "")


def test_an_unknown_survey_is_not_found_in_russian(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(NotFoundError, match="Опрос № 999999") as refused:
        SOURCE.detail(session, 999_999)
    assert refused.value.code == "SURVEY_NOT_FOUND"


# --- PostgreSQL: responses are counted from the index ----------------------------------------


def test_a_page_counts_responses_from_an_index_alone(
    pg_engine: Engine, pg_factory: sessionmaker[Session]
) -> None:
    """What the page statement plans for the responses on a vacuumed table (sequential
    scans off, as on a table of a hundred thousand responses): an index-only scan, a
    subplan run for each row of the page after its limit."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "survey_response" in statement:
            sent.append((statement, parameters))

    with pg_factory.begin() as session:
        # Flushed at commit (the test cluster commits asynchronously): VACUUM marks only
        # rows whose commit is on disk visible to all.
        session.execute(text("SET LOCAL synchronous_commit = on"))
        survey = add_survey(session, "Опрос", created_at=NOW)
        add_responses(session, survey, add_users(session, 3))
    with pg_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as maintenance:
        maintenance.execute(text("VACUUM (ANALYZE) survey_response"))
    with pg_factory.begin() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        connection = session.connection()
        event.listen(connection, "before_cursor_execute", keep)
        try:
            listed = SOURCE.page(session, ListQuery(), offset=0, after=None, limit=10).rows
        finally:
            event.remove(connection, "before_cursor_execute", keep)
        ((statement, parameters),) = sent
        plan = [
            str(line) for (line,) in connection.exec_driver_sql("EXPLAIN " + statement, parameters)
        ]
    assert [(row.id, row.responses) for row in listed] == [(survey, 3)]
    scans = [line for line in plan if " on survey_response " in line]
    assert scans and all("Index Only Scan" in line for line in scans), "\n".join(plan)
    limit = next(number for number, line in enumerate(plan) if "Limit" in line)
    subplan = next(number for number, line in enumerate(plan) if "SubPlan" in line)
    # The counts are the outer select's: below the page's limit in the plan's text, at
    # the top level (not inside the subquery that sorts and limits).
    assert subplan > limit and plan[subplan].startswith("  SubPlan"), "\n".join(plan)
