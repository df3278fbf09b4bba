"""Unexpected errors: the crash dialog, the log, and environment problems as warnings."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lkk_admin import __version__
from lkk_admin.app import ErrorHooks
from lkk_admin.logging_setup import configure_logging, shutdown_logging
from lkk_admin.services import diagnosis
from lkk_admin.services.errors import DomainError
from lkk_admin.views.crash_dialog import CrashDialog, CrashReport, ErrorReporter
from lkk_admin.views.workers import JobControl, JobRunner
from tests.views.gui import click

SECRET = "S3cr3t-Pa55"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = configure_logging(tmp_path / "logs")
    yield path
    shutdown_logging()


def raise_and_catch(message: str) -> BaseException:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return error


def test_crash_dialog_shows_reference_and_copies_report(qtbot: QtBot) -> None:
    error = raise_and_catch(f"bad url postgresql+psycopg://ivanov:{SECRET}@db:5432/lkk")
    report = CrashReport.from_exception(type(error), error, error.__traceback__)
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()

    assert re.fullmatch(r"[0-9A-F]{8}", report.reference)
    assert report.reference in dialog.reference_label.text()
    assert dialog.reference_label.text().startswith("Номер ошибки:")
    assert dialog.copy_button.text() == "Копировать отчёт"
    assert dialog.windowTitle() == "LKK Admin — непредвиденная ошибка"

    QGuiApplication.clipboard().clear()
    click(dialog.copy_button)
    copied = QGuiApplication.clipboard().text()
    assert report.reference in copied
    assert f"LKK Admin {__version__}" in copied
    assert "Traceback (most recent call last)" in copied
    assert "raise_and_catch" in copied
    assert SECRET not in copied
    assert "ivanov:***@db" in copied
    assert dialog.copied_label.text() == "Отчёт скопирован в буфер обмена."

    assert not dialog.details.isVisibleTo(dialog)
    click(dialog.details_button)
    assert dialog.details.isVisibleTo(dialog)
    assert report.reference in dialog.details.toPlainText()


def test_unexpected_error_is_logged_without_secrets_and_shown(
    qtbot: QtBot, errors: ErrorReporter, log_file: Path
) -> None:
    error = raise_and_catch(
        f"cannot use postgresql://ivanov:{SECRET}@db/lkk for ivanov@example.ru, +7 (912) 345-67-89"
    )
    reference = errors.report_exception(type(error), error, error.__traceback__)

    dialog = errors.last_dialog
    assert isinstance(dialog, CrashDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert reference is not None and reference in dialog.reference_label.text()

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert reference in text
    assert "Traceback (most recent call last)" in text
    assert "raise_and_catch" in text
    assert "postgresql://ivanov:***@db/lkk" in text
    assert SECRET not in text
    assert "ivanov@example.ru" not in text
    assert "345-67-89" not in text


def test_environment_problem_is_a_warning_not_a_crash(
    qtbot: QtBot, errors: ErrorReporter, log_file: Path
) -> None:
    error = OSError(28, "No space left on device")
    assert errors.report_exception(type(error), error, None) is None
    box = errors.last_dialog
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == diagnosis.DISK_FULL.message
    assert box.icon() is QMessageBox.Icon.Warning


def test_domain_error_is_a_warning(qtbot: QtBot, errors: ErrorReporter) -> None:
    errors.report(DomainError("Заявка уже рассмотрена другим сотрудником."))
    box = errors.last_dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == "Заявка уже рассмотрена другим сотрудником."


def test_a_second_error_does_not_stack_dialogs(qtbot: QtBot, errors: ErrorReporter) -> None:
    errors.report(raise_and_catch("first"))
    first = errors.last_dialog
    assert first is not None
    qtbot.waitUntil(first.isVisible)
    errors.report(raise_and_catch("second"))
    assert errors.last_dialog is first


def test_excepthook_and_thread_hook(qtbot: QtBot, errors: ErrorReporter, log_file: Path) -> None:
    hooks = ErrorHooks(errors)
    hooks.install()
    try:
        error = raise_and_catch("from the GUI thread")
        hooks.handle(type(error), error, error.__traceback__)
        dialog = errors.last_dialog
        assert isinstance(dialog, CrashDialog)
        dialog.close()

        def explode() -> None:
            raise LookupError("from a thread")

        thread = threading.Thread(target=explode, name="worker-x")
        thread.start()
        thread.join()
        qtbot.waitUntil(
            lambda: isinstance(errors.last_dialog, CrashDialog) and errors.last_dialog is not dialog
        )
        assert isinstance(errors.last_dialog, CrashDialog)
        assert "LookupError: from a thread" in errors.last_dialog.report.traceback_text
    finally:
        hooks.uninstall()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "LookupError: from a thread" in log_file.read_text(encoding="utf-8")


def test_worker_failures_reach_the_crash_dialog(qtbot: QtBot, errors: ErrorReporter) -> None:
    runner = JobRunner(default_failure=errors.report)

    def work(_control: JobControl) -> None:
        raise ZeroDivisionError("в задании")

    runner.start(work)
    qtbot.waitUntil(lambda: isinstance(errors.last_dialog, CrashDialog))
    assert isinstance(errors.last_dialog, CrashDialog)
    assert "ZeroDivisionError" in errors.last_dialog.report.traceback_text
    qtbot.waitUntil(lambda: runner.running == 0)


def test_a_report_after_the_previous_dialogs_window_closed(qtbot: QtBot) -> None:
    reporter = ErrorReporter()
    window = QWidget()
    window.show()
    reporter.report(raise_and_catch("first"), parent=window)
    first = reporter.last_dialog
    assert first is not None
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))
    reporter.report(raise_and_catch("second"))  # must not touch the deleted dialog
    second = reporter.last_dialog
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert second.isVisible()
