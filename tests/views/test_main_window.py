"""The main window: sections, shortcuts, status bar, remembered layout."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.sections import SECTIONS, SectionFrame
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click, key

RUSSIAN_TITLES = [
    "Очередь регистраций",
    "Обзор очереди",
    "Контрагенты и договоры",
    "Пользователи портала",
    "Новости",
    "Опросы",
    "Отчёты",
    "Журнал аудита",
    "Исходящая почта",
]


@pytest.fixture
def sqlite_info(sqlite_db_url: str) -> Iterator[ConnectionInfo]:
    info = connection.connect_url(sqlite_db_url)
    yield info
    info.dispose()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "lkk-admin.ini"


@pytest.fixture
def make_window(
    qtbot: QtBot,
    sqlite_info: ConnectionInfo,
    settings_file: Path,
    jobs: JobRunner,
    errors: ErrorReporter,
) -> Callable[[], MainWindow]:
    def build() -> MainWindow:
        context = AppContext.create(sqlite_info, open_settings(settings_file), jobs, errors)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


def current_page(window: MainWindow) -> str:
    page = window.stack.currentWidget()
    assert page is not None
    return page.objectName()


def test_sections_and_titles(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    assert window.windowTitle() == "LKK Admin — РН-Энерго"
    titles = [window.section_list.item(row).text() for row in range(window.section_list.count())]
    assert titles == RUSSIAN_TITLES
    for row, spec in enumerate(SECTIONS):
        assert not window.section_list.item(row).icon().isNull()
        if spec.page is not None:  # a real screen
            screen = window.pages[spec.key]
            assert screen.objectName() == spec.object_name
            heading = screen.findChild(QLabel, "sectionTitle")
            assert heading is not None and heading.text() == RUSSIAN_TITLES[row]
            continue
        page = window.findChild(SectionFrame, spec.object_name)
        assert page is not None
        title = page.findChild(QLabel, "sectionTitle")
        assert title is not None and title.text() == RUSSIAN_TITLES[row]
        description = page.findChild(QLabel, "sectionDescription")
        assert description is not None and len(description.text()) > 40
        assert description.text() != spec.description  # translated
    assert current_page(window) == "section_registration_queue"


def test_navigation_by_clicks(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    for row in [*range(1, len(SECTIONS)), 0]:
        item = window.section_list.item(row)
        rect = window.section_list.visualItemRect(item)
        click(window.section_list.viewport(), rect.center())
        assert current_page(window) == SECTIONS[row].object_name
        assert window.current_section() is SECTIONS[row]


def test_navigation_by_ctrl_number(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for number in [3, 8, 1, 9, 5, 2, 7, 4, 6]:
        key(window.section_list, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert current_page(window) == SECTIONS[number - 1].object_name


def test_menus_have_shortcuts(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    # A section's own menu is shown only with its section (the queue is shown first).
    menus = [action.text() for action in window.menuBar().actions() if action.isVisible()]
    assert menus == ["&Файл", "&Разделы", "&Заявки", "С&ервис", "&Справка"]
    assert window.connect_action.text() == "&Подключиться…"
    assert window.exit_action.text() == "В&ыход"
    assert window.about_action.text() == "&О программе"
    # File → Lock (Ctrl+L): hidden on the demo database, which is never locked.
    assert window.lock_action.text() == "&Заблокировать"
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert not window.lock_action.isVisible()
    assert not window.connect_action.shortcut().isEmpty()
    assert not window.exit_action.shortcut().isEmpty()
    assert not window.about_action.shortcut().isEmpty()
    with qtbot.waitSignal(window.reconnect_requested):
        window.connect_action.trigger()
    box = window.show_about()
    assert isinstance(box, QMessageBox)
    assert "РН-Энерго" in box.text()
    # What is there, not what is planned: built sections only.
    assert "Очередь регистраций" in box.text() and "Исходящая почта" in box.text()
    assert "Новости" in box.text() and "Опросы" in box.text()
    assert "lkk-admin --help" in box.text()
    box.close()
    assert window.mail_settings_action.text() == "Настройки &почты…"
    dialog = window.show_mail_settings()
    assert dialog.windowTitle() == "Настройки почты"
    dialog.close()


def test_a_sections_menu_comes_and_goes_with_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()

    def visible_menus() -> list[str]:
        return [action.text() for action in window.menuBar().actions() if action.isVisible()]

    def shortcuts() -> list[str]:
        """The keys that can fire now (a hidden section's actions are disabled)."""
        return [
            sequence.toString(QKeySequence.SequenceFormat.PortableText)
            for action in window.findChildren(QAction)
            if action.isEnabled()
            for sequence in action.shortcuts()
        ]

    assert "&Письма" not in visible_menus()
    window.show_section("mail_outbox")
    assert "&Письма" in visible_menus() and "&Заявки" not in visible_menus()
    # The outbox has its own Ctrl+F and F5: no key can fire two actions at once.
    assert "Ctrl+F" in shortcuts() and "F5" in shortcuts()
    assert len(shortcuts()) == len(set(shortcuts()))
    window.show_section("registration_queue")
    assert "&Заявки" in visible_menus() and "&Письма" not in visible_menus()
    assert len(shortcuts()) == len(set(shortcuts()))


def test_status_bar_for_demo_database(
    make_window: Callable[[], MainWindow], sqlite_info: ConnectionInfo
) -> None:
    window = make_window()
    assert window.database_label.text() == (
        f"Демонстрационная база (SQLite): {sqlite_info.file_path}"
    )
    assert window.user_label.text() == f"Пользователь: {sqlite_info.user}"
    assert window.server_label.text().startswith("Сервер: SQLite 3.")


def test_layout_and_section_are_restored(
    qtbot: QtBot, make_window: Callable[[], MainWindow], settings_file: Path
) -> None:
    first = make_window()
    first.resize(QSize(710, 530))  # within the 800×600 offscreen screen
    first.show_section("audit_log")
    first.close()
    assert settings_file.exists()
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.value("MainWindow/section") == "audit_log"

    second = make_window()
    assert second.current_section().key == "audit_log"
    assert current_page(second) == "section_audit_log"
    assert second.size() == QSize(710, 530)


def test_only_the_shown_section_is_made_at_start_the_others_when_opened(
    make_window: Callable[[], MainWindow], settings_file: Path
) -> None:
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("MainWindow/section", "news")
    settings.sync()
    window = make_window()
    assert list(window.pages.built) == ["news"]  # not the first section, nor any other
    assert current_page(window) == "section_news"

    window.show_section("reports")
    assert list(window.pages.built) == ["news", "reports"]
    assert current_page(window) == "section_reports"
    # Looked up before it is shown (a link, a test): made then, in its place.
    audit = window.pages["audit_log"]
    assert window.stack.indexOf(audit) == [s.key for s in SECTIONS].index("audit_log")
    assert current_page(window) == "section_reports"
    assert "mail_outbox" in window.pages and "mail_outbox" not in window.pages.built


def test_unknown_saved_section_is_ignored(
    make_window: Callable[[], MainWindow], settings_file: Path
) -> None:
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("MainWindow/section", "no_such_section")
    settings.setValue("MainWindow/geometry", "garbage")
    settings.sync()
    window = make_window()
    assert window.current_section().key == "registration_queue"


def test_icons_are_shipped_and_render() -> None:
    from lkk_admin import paths
    from lkk_admin.app import app_icon

    for spec in SECTIONS:
        assert paths.resource_path("icons", spec.icon).is_file(), spec.icon
        assert not spec.load_icon().pixmap(24, 24).isNull(), spec.icon
    assert not app_icon().pixmap(64, 64).isNull()
    assert paths.resource_path("icons", "lkk_admin.ico").is_file()  # the .exe icon
