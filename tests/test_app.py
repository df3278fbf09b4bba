"""The application shell: translations, logging, error hooks, run_gui end to end."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from lkk_admin import app as app_module
from lkk_admin import db, paths
from lkk_admin.app import ErrorHooks, install_translators, run_gui
from lkk_admin.logging_setup import (
    BACKUP_COUNT,
    MAX_BYTES,
    SecretsFilter,
    configure_logging,
    log_file_path,
    mask_secrets,
    shutdown_logging,
)
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "lkk_admin" / "resources" / "i18n" / "lkk_admin_ru.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


# --- translation ------------------------------------------------------------------------------


def test_every_message_has_a_russian_translation() -> None:
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 50
    for message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None, source
        assert translation.get("type") is None, f"unfinished: {source!r}"
        # A plural message has its Russian forms (one, few, many) in <numerusform>s.
        forms = translation.findall("numerusform") if message.get("numerus") == "yes" else []
        texts = [form.text or "" for form in forms] or [translation.text or ""]
        for text in texts:
            assert text.strip(), f"empty: {source!r}"
            for placeholder in (
                "{version}",
                "{path}",
                "{user}",
                "{backend}",
                "{reference}",
                "%n",
                "%1",
                "%2",
                "%3",
            ):
                if placeholder in (source or ""):
                    assert placeholder in text, source


def test_ts_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """lupdate over the sources finds nothing that the committed .ts lacks."""
    copy = tmp_path / "i18n" / TS.name
    copy.parent.mkdir()
    copy.write_bytes(TS.read_bytes())
    sources = [ROOT / "lkk_admin" / "app.py", *sorted((ROOT / "lkk_admin" / "views").rglob("*.py"))]
    subprocess.run(
        [_tool("pyside6-lupdate"), *map(str, sources), "-ts", str(copy), "-no-obsolete"],
        check=True,
        capture_output=True,
    )
    unfinished = [
        m.findtext("source")
        for m in ET.parse(copy).getroot().iter("message")
        if m.find("translation") is not None and m.find("translation").get("type")  # type: ignore[union-attr]
    ]
    assert unfinished == [], "run scripts/update_translations.py and translate these"


def test_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/update_translations.py"


def test_qm_loads_and_translates(qapp: QApplication) -> None:
    assert paths.resource_path("i18n", "lkk_admin_ru.qm") == QM
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("Sections", "Registration queue") == "Очередь регистраций"
    assert translator.translate("CrashDialog", "Copy report") == "Копировать отчёт"


def test_install_translators_includes_qt_own(qapp: QApplication) -> None:
    installed = install_translators(qapp)
    try:
        assert len(installed) == 2  # qtbase_ru and ours
        assert QCoreApplication.translate("ConnectionDialog", "Remember password") == (
            "Запомнить пароль"
        )
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


# --- logging ----------------------------------------------------------------------------------


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    path = configure_logging(tmp_path / "logs")
    yield path
    shutdown_logging()


def test_log_file_rotates_in_the_log_dir(log_path: Path) -> None:
    assert log_file_path() == paths.log_dir() / "lkk-admin.log"
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "lkk-admin-file")
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == MAX_BYTES == 1_000_000
    assert handler.backupCount == BACKUP_COUNT == 5
    assert any(isinstance(f, SecretsFilter) for f in handler.filters)


def test_log_masks_passwords_emails_and_phones(log_path: Path) -> None:
    log = logging.getLogger("lkk_admin.test")
    log.warning("connecting to %s", "postgresql+psycopg://ivanov:Pa55w0rd@db:5432/lkk")
    log.warning("conninfo host=db password=Pa55w0rd user=ivanov")
    log.warning("applicant petrov.ivan@mail.ru, phone 8 (912) 345-67-89, ИНН 7707083893")
    try:
        raise ValueError("bad url sqlite+pysqlite://u:Pa55w0rd@/x")
    except ValueError:
        log.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "Pa55w0rd" not in text
    assert "petrov.ivan@mail.ru" not in text
    assert "345-67-89" not in text
    assert "postgresql+psycopg://ivanov:***@db:5432/lkk" in text
    assert "password=***" in text
    assert "ИНН 7707083893" in text  # a taxpayer number is not personal contact data
    assert "Traceback" in text and "ValueError: bad url sqlite+pysqlite://u:***@/x" in text


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("postgresql://a:b@h/d", "postgresql://a:***@h/d"),
        ("postgresql://a@h/d", "postgresql://a@h/d"),
        ("PASSWORD='x y'", "PASSWORD=***"),
        ("+79123456789", "[phone]"),
        ("+7 912 345 67 89", "[phone]"),
        ("ivan@example.com", "[e-mail]"),
        ("ОГРН 1027700132195", "ОГРН 1027700132195"),
        ("at 2026-01-01 12:00:00,123", "at 2026-01-01 12:00:00,123"),
    ],
)
def test_mask_secrets(raw: str, masked: str) -> None:
    assert mask_secrets(raw) == masked


# --- error hooks ------------------------------------------------------------------------------


def test_error_hooks_install_and_restore() -> None:
    before_sys, before_threading = sys.excepthook, threading.excepthook
    hooks = ErrorHooks(ErrorReporter(interactive=False))
    hooks.install()
    try:
        assert sys.excepthook == hooks.handle
        assert threading.excepthook == hooks.handle_thread
    finally:
        hooks.uninstall()
    assert sys.excepthook is before_sys
    assert threading.excepthook is before_threading


# --- run_gui end to end -----------------------------------------------------------------------


def test_run_gui_demo_opens_the_window_and_exits_when_closed(
    qtbot: QtBot, qapp: QApplication
) -> None:
    demo = paths.demo_database_path()
    db.upgrade(db.sqlite_url(demo))  # an existing demo database: no generation
    seen: list[MainWindow] = []
    before_sys = sys.excepthook

    def close_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget)
                widget.close()
                return
        QTimer.singleShot(20, close_main_window)

    QTimer.singleShot(0, close_main_window)
    try:
        code = run_gui(demo=True)
    finally:
        shutdown_logging()
        qapp.setQuitOnLastWindowClosed(True)
    assert code == 0
    assert len(seen) == 1
    assert "Демонстрационная база (SQLite)" in seen[0].database_label.text()
    assert sys.excepthook is before_sys
    assert (paths.log_dir() / "lkk-admin.log").exists()
    assert (paths.config_dir() / "lkk-admin.ini").exists()
    assert app_module.EXIT_OK == 0


def test_run_gui_cancelled_dialog_exits_with_code_1(qapp: QApplication) -> None:
    def cancel_dialog() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "connectionDialog" and widget.isVisible():
                widget.close()
                return
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.close()
        QTimer.singleShot(20, cancel_dialog)

    QTimer.singleShot(0, cancel_dialog)
    try:
        code = run_gui(demo=False)
    finally:
        shutdown_logging()
        qapp.setQuitOnLastWindowClosed(True)
    assert code == app_module.EXIT_CANCELLED == 1
