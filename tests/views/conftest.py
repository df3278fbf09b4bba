"""Fixtures of the GUI tests: the Russian translation, a job runner, a password role.

The throwaway PostgreSQL server trusts every local connection. The wrong-password test
needs a role that must authenticate: ``password_role`` creates one and puts a
``scram-sha-256`` line for it at the top of the server's ``pg_hba.conf`` (its path comes
from ``SHOW hba_file``; the tests run as root or as the server's owner), reloads the
configuration and restores the file afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lkk_admin import db
from lkk_admin.app import install_translators
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.workers import GuiThreadGarbageCollector, JobRunner
from tests.views.gui import PasswordRole

PASSWORD_ROLE = "lkk_pw_test"
PASSWORD = "right-Pa55"
HBA_LINE = f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n"


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


@pytest.fixture(autouse=True)
def close_top_level_widgets(qapp: QApplication) -> Iterator[None]:
    """No window or dialog of one test survives into the next."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget) and widget.isVisible():
            widget.close()


def _wait_for_password_check(host: str, port: int) -> None:
    """After pg_reload_conf() the postmaster rereads pg_hba.conf asynchronously."""
    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(
                host=host, port=port, user=PASSWORD_ROLE, password="wrong", dbname="postgres"
            ).close()
        except psycopg.OperationalError as error:
            if "password authentication failed" in str(error):
                return
        if time.monotonic() > deadline:
            raise RuntimeError("pg_hba.conf change did not take effect")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def password_role(postgres_admin_url: str) -> Iterator[PasswordRole]:
    url = make_url(postgres_admin_url)
    engine = create_engine(db.normalize_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        hba_file = Path(str(connection.execute(text("SHOW hba_file")).scalar_one()))
        try:
            original = hba_file.read_text(encoding="utf-8")
            with hba_file.open("r+", encoding="utf-8") as stream:  # keeps the owner
                stream.write(HBA_LINE + original)
        except OSError as error:
            engine.dispose()
            pytest.skip(f"cannot edit pg_hba.conf of the test server: {error}")
        connection.execute(text(f"DROP ROLE IF EXISTS {PASSWORD_ROLE}"))
        connection.execute(text(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'"))
        connection.execute(text("SELECT pg_reload_conf()"))
    host, port = url.host or "127.0.0.1", int(url.port or 5432)
    try:
        _wait_for_password_check(host, port)
        yield PasswordRole(host, port, PASSWORD_ROLE, PASSWORD, "postgres")
    finally:
        with engine.connect() as connection:
            with hba_file.open("w", encoding="utf-8") as stream:
                stream.write(original)
            connection.execute(text("SELECT pg_reload_conf()"))
            with contextlib.suppress(Exception):
                connection.execute(text(f"DROP ROLE IF EXISTS {PASSWORD_ROLE}"))
        engine.dispose()
