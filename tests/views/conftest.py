"""Fixtures of the GUI tests: the Russian translation, a job runner, a password role.

The throwaway PostgreSQL server trusts every local connection. The wrong-password tests
need a role that must authenticate: ``password_role`` (see tests/password_role.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from lkk_admin.app import install_translators
from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.workers import GuiThreadGarbageCollector, JobRunner

if TYPE_CHECKING:
    from lkk_admin.views.main_window import MainWindow
from tests.password_role import PasswordRole, password_role_on


@pytest.fixture(scope="session", autouse=True)
def russian_interface(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The GUI tests see the interface as users do: in Russian."""
    translators = install_translators(qapp)
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(scope="session", autouse=True)
def gui_thread_garbage_collection(qapp: QApplication) -> Iterator[GuiThreadGarbageCollector]:
    """As in the application: cycles holding widgets are never freed in a worker thread."""
    collector = GuiThreadGarbageCollector()
    collector.start()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def collect_garbage_between_tests() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def errors(qtbot: QtBot) -> Iterator[ErrorReporter]:
    reporter = ErrorReporter()
    yield reporter
    if reporter.last_dialog is not None:
        reporter.last_dialog.close()


@pytest.fixture
def jobs(qtbot: QtBot, errors: ErrorReporter) -> Iterator[JobRunner]:
    runner = JobRunner(default_failure=errors.report)
    yield runner
    runner.cancel_all()
    assert runner.wait(60_000), "a background job did not finish"
    qtbot.waitUntil(lambda: runner.running == 0)


@pytest.fixture
def context(
    sqlite_db_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[AppContext]:
    """A desk's context over a fresh SQLite database (dialogs that need no data)."""
    info: ConnectionInfo = connection.connect_url(sqlite_db_url)
    yield AppContext.create(info, open_settings(tmp_path / "lkk-admin.ini"), jobs, errors)
    info.dispose()


@pytest.fixture(autouse=True)
def close_top_level_widgets(qapp: QApplication) -> Iterator[None]:
    """No window or dialog of one test survives into the next."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget) and widget.isVisible():
            widget.close()


@pytest.fixture(scope="session")
def password_role(postgres_admin_url: str) -> Iterator[PasswordRole]:
    with password_role_on(postgres_admin_url) as role:
        yield role


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated demo world (scale 0.02, SQLite): the registry with contracts,
    meters, 36 months of readings and money, requests and an audit log."""
    from lkk_admin import db
    from lkk_admin.services import demo_data

    path = tmp_path_factory.mktemp("demo-world") / "demo.sqlite3"
    demo_data.generate(
        db.sqlite_url(path), 0.02, seed=demo_data.DEFAULT_SEED, today=demo_data.TODAY
    )
    return path


@pytest.fixture
def demo_url(demo_template: Path, tmp_path: Path) -> str:
    """A copy of the demo world for one test (it may write: reveals, exports)."""
    import shutil

    from lkk_admin import db

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return db.sqlite_url(path)


@pytest.fixture
def demo_window(
    qtbot: QtBot, demo_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[MainWindow]:
    """The main window of a desk on a copy of the demo world, shown at 1280x720."""
    from lkk_admin.views.main_window import MainWindow

    info = connection.connect_url(demo_url)
    context = AppContext.create(info, open_settings(tmp_path / "w.ini"), jobs, errors)
    shown = MainWindow(context)
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    info.dispose()
