"""Each staff member sees the sections their database roles allow, and a refusal by the
database reads as a clear message, not a crash."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from lkk_admin.services import connection
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.workers import JobRunner


@pytest.fixture
def window_for(
    qtbot: QtBot,
    as_staff: Callable[[str], Engine],
    pg_engine: Engine,
    tmp_path: Path,
    *,
    jobs: JobRunner,
    errors: ErrorReporter,
) -> Iterator[Callable[[str | None], MainWindow]]:
    opened: list[connection.ConnectionInfo] = []

    def build(role: str | None) -> MainWindow:
        if role is None:  # a login role in no staff group
            with pg_engine.begin() as admin:
                admin.execute(text("DROP ROLE IF EXISTS nobody_in_particular"))
                admin.execute(text("CREATE ROLE nobody_in_particular LOGIN"))
            url = pg_engine.url.set(username="nobody_in_particular")
        else:
            url = as_staff(role).url
        info = connection.connect_url(url)
        opened.append(info)
        context = AppContext.create(info, open_settings(tmp_path / "w.ini"), jobs, errors)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield build
    for info in opened:
        info.dispose()
    with pg_engine.begin() as admin:
        admin.execute(text("DROP ROLE IF EXISTS nobody_in_particular"))


def section_titles(window: MainWindow) -> list[str]:
    return [window.section_list.item(row).text() for row in range(window.section_list.count())]


def test_a_verifier_sees_the_queue_its_overview_registry_users_reports_audit_log_and_outbox(
    window_for: Callable[[str | None], MainWindow],
) -> None:
    window = window_for("verifier")
    assert section_titles(window) == [
        "Очередь регистраций",
        "Обзор очереди",
        "Контрагенты и договоры",
        "Пользователи портала",
        "Отчёты",
        "Журнал аудита",
        "Исходящая почта",
    ]
    assert window.supplier_action.isVisible()  # what their reports print, to read


def test_an_editor_sees_news_surveys_and_the_audit_log(
    window_for: Callable[[str | None], MainWindow],
) -> None:
    window = window_for("editor")
    assert section_titles(window) == ["Новости", "Опросы", "Журнал аудита"]
    assert not window.supplier_action.isVisible()
    assert "registration_queue" not in window.pages


def test_an_administrator_sees_everything(window_for: Callable[[str | None], MainWindow]) -> None:
    assert len(section_titles(window_for("admin"))) == 9


def test_a_user_in_no_staff_group_is_told_what_to_ask_for(
    window_for: Callable[[str | None], MainWindow],
) -> None:
    window = window_for(None)
    assert section_titles(window) == []
    note = window.findChild(QLabel, "noRoleNote")
    assert note is not None and note.isVisible()
    assert "nobody_in_particular" in note.text() and "staff set-role" in note.text()


def test_a_refusal_by_the_database_is_a_clear_message(
    qtbot: QtBot,
    window_for: Callable[[str | None], MainWindow],
    errors: ErrorReporter,
) -> None:
    window = window_for("editor")
    engine = window.context.connection.engine

    def read_outbox(_control: object) -> int:
        with engine.connect() as db_connection:
            return int(db_connection.execute(text("SELECT count(*) FROM mail_outbox")).scalar_one())

    with qtbot.waitSignal(window.context.jobs.start(read_outbox).signals.finished):
        pass
    qtbot.waitUntil(lambda: isinstance(errors.last_dialog, QMessageBox))
    assert isinstance(errors.last_dialog, QMessageBox)
    assert "Недостаточно прав" in errors.last_dialog.text()
