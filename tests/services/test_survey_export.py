"""A survey's results in Excel: the summary's figures and shares, one typed row per
response with one column per option of a multiple choice, no personal data, and nothing
written for a survey that cannot be exported."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import SurveyResponse
from lkk_admin.services import survey_export
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.survey_export import (
    SurveyExport,
    export_results_xlsx,
    raw_answers,
    write_results_xlsx,
)
from tests.services.survey_world import (
    INJECTION,
    NOW,
    QUESTIONS,
    SUBMITTED,
    TITLE,
    World,
    craft_survey,
    craft_world,
    hand_split,
    respond,
    respondent,
)

ANSWERS_HEAD = [
    "№ ответа",
    "Отправлен (МСК)",
    "Тип организации",
    "Ценовая категория",
    "1. Удобно ли передавать показания?",
    "2. Какими разделами вы пользуетесь? — Показания",
    "2. Какими разделами вы пользуетесь? — Счета",
    "2. Какими разделами вы пользуетесь? — Заявки",
    "3. Насколько вероятно, что вы порекомендуете кабинет коллегам?",
    "4. Что улучшить?",
]


def sheet_rows(path: Path, title: str) -> list[tuple[Any, ...]]:
    workbook = load_workbook(path)
    try:
        return [tuple(row) for row in workbook[title].iter_rows(values_only=True)]
    finally:
        workbook.close()


def rows_by_label(rows: list[tuple[Any, ...]]) -> dict[object, tuple[Any, ...]]:
    """The summary's rows by their first cell (the first such row)."""
    found: dict[object, tuple[Any, ...]] = {}
    for row in rows:
        if row and row[0] is not None:
            found.setdefault(row[0], row)
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder for the files (the SQLite database lives in ``tmp_path``)."""
    path = tmp_path / "выгрузки"
    path.mkdir()
    return path


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    with factory.begin() as session:
        return craft_world(session)


def write_from_hand_results(factory: sessionmaker[Session], world: World, path: Path) -> int:
    """The workbook of the hand-made results, the raw answers read from the database."""
    split = hand_split(world)
    with factory() as session:
        columns, rows = raw_answers(session, split.overall)
        return write_results_xlsx(path, split, columns, rows, now=NOW)


def test_one_typed_row_per_response_and_one_column_per_option(
    factory: sessionmaker[Session], world: World, folder: Path
) -> None:
    path = folder / "опрос.xlsx"
    assert write_from_hand_results(factory, world, path) == 4
    assert load_workbook(path, read_only=True).sheetnames == ["Сводка", "Ответы"]
    rows = sheet_rows(path, "Ответы")
    assert list(rows[0]) == ANSWERS_HEAD
    r1, r2, r3, r4 = world.response_ids
    assert rows[1:] == [
        (r1, datetime(2026, 3, 2, 10, 0), "Юридические лица", "1-я ценовая категория",
         "Да", 1, 1, None, 10, "Всё удобно"),
        (r2, datetime(2026, 3, 2, 23, 30), "Юридические лица", "3-я ценовая категория",
         "Нет", None, 1, None, 9, INJECTION),
        (r3, datetime(2026, 3, 3, 12, 15), "Индивидуальные предприниматели",
         "1-я ценовая категория", "Да", 1, 1, 1, 8, None),
        (r4, datetime(2026, 3, 4, 0, 30), "Без договоров", "Без договоров",
         "Затрудняюсь ответить", None, None, None, 0, "Нет"),
    ]  # fmt: skip
    # Typed: numbers are numbers, moments Moscow date-times, and a text stays text.
    sheet = load_workbook(path)["Ответы"]
    assert sheet["B2"].is_date and sheet["B2"].number_format == "DD.MM.YYYY HH:MM"
    assert sheet["A2"].data_type == "n" and sheet["I2"].data_type == "n"
    assert sheet["J3"].data_type == "s" and sheet["J3"].value == INJECTION


def test_a_respondent_with_contracts_in_two_categories_is_mixed(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        world = craft_survey(session)
        user = respondent(session, "sole_proprietor", (1, 2))
        response = respond(
            session, world, user, SUBMITTED[0], single=0, multiple=(), rating=5, text=None
        )
    # Only the questions of the results matter to the raw answers.
    results = hand_split(replace(world, response_ids=(response,) * 4)).overall
    with factory() as session:
        columns, rows = raw_answers(session, results)
        assert [column.header for column in columns] == ANSWERS_HEAD
        assert [row[2:] for row in rows] == [
            ("Индивидуальные предприниматели", "Разные категории", "Да", None, None, None, 5, None)
        ]


def test_the_summary_gives_counts_and_shares_as_numbers(
    factory: sessionmaker[Session], world: World, folder: Path
) -> None:
    path = folder / "опрос.xlsx"
    write_from_hand_results(factory, world, path)
    rows = sheet_rows(path, "Сводка")
    assert rows[0][0] == TITLE
    labels = rows_by_label(rows)
    assert labels["Опрос №"][1] == world.survey_id
    assert labels["Состояние"][1] == "завершён"
    assert labels["Открыт (МСК)"][1] == datetime(2026, 3, 1, 12, 0)
    assert labels["Закрыт (МСК)"][1] == datetime(2026, 4, 1, 0, 0)
    assert labels["Сформировано (МСК)"][1] == datetime(2026, 4, 2, 15, 0)
    assert labels["Ответили (респондентов)"][1] == 4
    assert labels["Активных пользователей портала за время опроса"][1] == 5
    assert labels["Доля ответивших"][1] == pytest.approx(0.80)
    # The respondents by organisation type: here, the legal entities only.
    assert labels["Юридические лица"][1:3] == (2, pytest.approx(0.5))
    # The questions: the whole survey in B–C, the legal entities in D–E.
    assert labels["Вопрос и варианты ответа"][:5] == (
        "Вопрос и варианты ответа", "Ответов", "Доля", "Юридические лица: ответов", "доля"
    )  # fmt: skip
    assert labels["Да"][1:5] == (2, pytest.approx(0.5), 1, pytest.approx(0.5))
    assert labels["Затрудняюсь ответить"][1:5] == (1, pytest.approx(0.25), 0, 0)
    # Several choices: shares of those who answered it (3), adding up to over 100 %.
    assert labels["Счета"][1:5] == (3, pytest.approx(1.0), 2, pytest.approx(1.0))
    assert labels["Показания"][1:3] == (2, pytest.approx(2 / 3))
    assert any(str(row[0]).startswith("Можно было выбрать несколько вариантов") for row in rows)
    # The rating: each value, then mean, median and NPS.
    assert labels[10][1:5] == (1, pytest.approx(0.25), 1, pytest.approx(0.5))
    assert labels[0][1:3] == (1, pytest.approx(0.25))
    assert labels["Среднее"][1] == pytest.approx(6.75) and labels["Среднее"][3] == 9.5
    assert labels["Медиана"][1] == pytest.approx(8.5)
    assert labels["NPS"][1] == pytest.approx(25.0) and labels["NPS"][3] == 100.0
    headings = [str(row[0]) for row in rows if row[0] and str(row[0])[:2] in ("1.", "4.")]
    assert headings == [
        f"1. {QUESTIONS[0][1]} (один вариант)",
        f"4. {QUESTIONS[3][1]} (свободный ответ)",
    ]
    answered = [row for row in rows if row[0] == "Ответили на вопрос"]
    # Of all respondents, and of the legal entities' two.
    assert [row[1:5] for row in answered] == [
        (4, pytest.approx(1.0), 2, pytest.approx(1.0)),
        (3, pytest.approx(0.75), 2, pytest.approx(1.0)),
        (4, pytest.approx(1.0), 2, pytest.approx(1.0)),
        (3, pytest.approx(0.75), 2, pytest.approx(1.0)),
    ]
    # Shares carry a percent format, so Excel shows «50,0 %».
    sheet = load_workbook(path)["Сводка"]
    share = next(row[2] for row in sheet.iter_rows() if row[0].value == "Да")
    assert share.number_format == "0.0%"


def test_no_personal_data_leaves_the_database(
    factory: sessionmaker[Session], world: World, folder: Path
) -> None:
    path = folder / "опрос.xlsx"
    write_from_hand_results(factory, world, path)
    everything = " ".join(
        str(value)
        for title in ("Сводка", "Ответы")
        for row in sheet_rows(path, title)
        for value in row
        if value is not None
    )
    for personal in ("respondent", "@example.ru", "Респондентов", "Пётр", "+7"):
        assert personal not in everything


def test_an_unknown_survey_is_refused_and_nothing_is_written(
    factory: sessionmaker[Session], folder: Path
) -> None:
    with factory() as session, pytest.raises(NotFoundError, match="Опроса № 4242 нет"):
        export_results_xlsx(session, 4242, folder / "опрос.xlsx", now=NOW)
    assert list(folder.iterdir()) == []


def test_a_survey_with_no_responses_is_refused_and_nothing_is_written(
    factory: sessionmaker[Session], folder: Path
) -> None:
    with factory.begin() as session:
        world = craft_survey(session)
    with factory() as session, pytest.raises(DomainError) as refusal:
        export_results_xlsx(session, world.survey_id, folder / "опрос.xlsx", now=NOW)
    assert refusal.value.code == "SURVEY_NO_RESPONSES"
    assert f"На опрос «{TITLE}» ещё никто не ответил: выгружать нечего." == refusal.value.message
    assert list(folder.iterdir()) == []


def test_a_failure_while_writing_leaves_no_part_and_the_old_file(
    factory: sessionmaker[Session],
    world: World,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = folder / "опрос.xlsx"
    path.write_bytes(b"the earlier export")

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(survey_export._SummaryWriter, "_respondents", fail)
    with pytest.raises(RuntimeError):
        write_from_hand_results(factory, world, path)
    assert [entry.name for entry in folder.iterdir()] == ["опрос.xlsx"]
    assert path.read_bytes() == b"the earlier export"


def test_a_cancelled_export_leaves_nothing(
    factory: sessionmaker[Session], world: World, folder: Path
) -> None:
    from lkk_admin.services.excel_export import ExportCancelled

    split = hand_split(world)
    with factory() as session:
        columns, rows = raw_answers(session, split.overall)
        with pytest.raises(ExportCancelled):
            write_results_xlsx(
                folder / "опрос.xlsx", split, columns, rows, now=NOW, cancelled=lambda: True
            )
    assert list(folder.iterdir()) == []


def test_the_raw_answers_stream_through_the_desks_reading_sessions(
    engine: Engine, world: World
) -> None:
    """The results page reads in autocommit (``db.read_session_factory``): a server-side
    cursor needs no transaction of the caller's."""
    split = hand_split(world)
    with db.read_session_factory(engine)() as session:
        columns, rows = raw_answers(session, split.overall)
        assert [row[0] for row in rows] == list(world.response_ids)
    assert len(columns) == len(ANSWERS_HEAD)


def test_the_stored_survey_exported_with_every_organisation_type_beside(
    factory: sessionmaker[Session], world: World, folder: Path
) -> None:
    path = folder / "опрос.xlsx"
    with factory() as session:
        exported = export_results_xlsx(session, world.survey_id, path, now=NOW)
    assert exported == SurveyExport(path=path, title=TITLE, responses=4)
    labels = rows_by_label(sheet_rows(path, "Сводка"))
    assert labels["Ответили (респондентов)"][1] == 4
    assert labels["Активных пользователей портала за время опроса"][1] == 5
    assert labels["Доля ответивших"][1] == pytest.approx(0.80)
    assert labels["Юридические лица"][1:3] == (2, pytest.approx(0.5))
    assert labels["Индивидуальные предприниматели"][1:3] == (1, pytest.approx(0.25))
    assert labels["Без договоров"][1:3] == (1, pytest.approx(0.25))
    assert labels["Вопрос и варианты ответа"][3:] == (
        "Юридические лица: ответов", "доля",
        "Индивидуальные предприниматели: ответов", "доля",
        "Без договоров: ответов", "доля",
    )  # fmt: skip
    # «Да»: R1 (legal entity) and R3 (sole proprietor); R4 (no contracts) chose another.
    assert labels["Да"][1:] == (2, 0.5, 1, 0.5, 1, 1.0, 0, 0)
    answered = [row for row in sheet_rows(path, "Сводка") if row[0] == "Ответили на вопрос"]
    assert answered[1][1:] == (3, 0.75, 2, 1.0, 1, 1.0, 0, 0)
    # Several choices: R4 skipped it, so nobody without contracts answered.
    assert labels["Счета"][1:] == (3, 1.0, 2, 1.0, 1, 1.0, 0, 0)
    assert labels[10][1:] == (1, 0.25, 1, 0.5, 0, 0, 0, 0)
    assert labels["Среднее"][1:] == (6.75, None, 9.5, None, 8, None, 0, None)
    assert labels["NPS"][1:] == (25, None, 100, None, 0, None, -100, None)
    answers = sheet_rows(path, "Ответы")
    assert [row[0] for row in answers[1:]] == list(world.response_ids)


def test_a_blank_text_answer_is_no_answer(factory: sessionmaker[Session], folder: Path) -> None:
    with factory.begin() as session:
        world = craft_survey(session)
        user = respondent(session, "legal_entity", (1,))
        respond(session, world, user, SUBMITTED[0], single=0, multiple=(0,), rating=7, text="  ")
    path = folder / "опрос.xlsx"
    with factory() as session:
        export_results_xlsx(session, world.survey_id, path, now=NOW)
    (row,) = sheet_rows(path, "Ответы")[1:]
    assert row[4:] == ("Да", 1, None, None, 7, None)


@pytest.mark.parametrize("reading", [db.session_factory, db.read_session_factory])
def test_an_editor_exports_on_their_own_connection(
    pg_factory: sessionmaker[Session],
    as_staff: Callable[[str], Engine],
    folder: Path,
    reading: Callable[[Engine], sessionmaker[Session]],
) -> None:
    """What the database lets an editor read is enough for both files (the desks read in
    autocommit, the command line in a transaction)."""
    from lkk_admin.services.survey_report import export_results_pdf

    with pg_factory.begin() as session:
        world = craft_world(session)
    sessions = reading(as_staff("editor"))
    with sessions() as session:
        workbook = export_results_xlsx(session, world.survey_id, folder / "опрос.xlsx", now=NOW)
        report = export_results_pdf(session, world.survey_id, folder / "опрос.pdf", now=NOW)
    assert workbook.responses == report.responses == 4
    assert sorted(path.name for path in folder.iterdir()) == ["опрос.pdf", "опрос.xlsx"]


def test_leaving_the_raw_answers_early_stops_their_reader(
    factory: sessionmaker[Session], world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cancelled export stops reading: on PostgreSQL the batches ahead are read by a
    thread of their own, which must end (and give the connection back) with the rows."""
    monkeypatch.setattr(survey_export, "STREAM_BATCH", 1)
    monkeypatch.setattr(survey_export, "READ_AHEAD", 1)
    split = hand_split(world)
    with factory() as session:
        _columns, rows = raw_answers(session, split.overall)
        first = next(rows)
        rows.close()
        assert first[0] == world.response_ids[0]
        assert not [t for t in threading.enumerate() if t.name == "survey-answers-reader"]
        # The session goes on reading on the same connection.
        assert session.scalar(select(func.count()).select_from(SurveyResponse)) == 4


def test_a_failure_while_reading_reaches_the_writer(
    factory: sessionmaker[Session], world: World, folder: Path
) -> None:
    """The reader's error is raised where the rows are taken, and nothing is written."""
    split = hand_split(world)
    with factory() as session:
        columns, rows = raw_answers(session, split.overall)
        session.execute(text("DROP TABLE survey_answer"))
        with pytest.raises(DBAPIError):
            write_results_xlsx(folder / "опрос.xlsx", split, columns, rows, now=NOW)
        session.rollback()
    assert list(folder.iterdir()) == []
