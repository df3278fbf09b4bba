"""Tools → Personal data retention: the organisation's period before anonymisation,
changed by an administrator (audited, against the version read), read-only to others."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lkk_admin.models import AuditEvent
from lkk_admin.services import connection, retention_period
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.retention_period_dialog import RetentionPeriodDialog
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click

WAIT_MS = 10_000


def open_dialog(qtbot: QtBot, context: AppContext) -> RetentionPeriodDialog:
    dialog = RetentionPeriodDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    return dialog


def save_button(dialog: RetentionPeriodDialog) -> QPushButton | None:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_an_administrator_sets_the_period_for_everyone(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_dialog(qtbot, context)
    assert dialog.days.value() == 30 and not dialog.days.isReadOnly()
    assert (dialog.days.minimum(), dialog.days.maximum()) == (1, 3650)
    assert "30" in dialog.message.text()  # the default applies until one is saved
    dialog.days.setValue(14)
    button = save_button(dialog)
    assert button is not None
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as saved:
        click(button)
    assert saved.args[0].value == 14 and not dialog.isVisible()
    with context.read_session_factory() as session:
        assert retention_period.read_period(session).value == 14
        event = session.scalars(select(AuditEvent)).one()
    assert event.details == {
        "key": "personal_data_retention",
        "before": None,
        "after": {"days": 14},
    }
    again = open_dialog(qtbot, context)
    assert again.days.value() == 14 and context.actor in again.message.text()


def test_a_save_made_meanwhile_elsewhere_is_not_overwritten(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_dialog(qtbot, context)
    with context.session_factory.begin() as session:  # another administrator, just now
        retention_period.save_period(session, 20, "petrov", expected_version=None)
    dialog.days.setValue(10)
    dialog.save()
    qtbot.waitUntil(lambda: "другой администратор" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.days.value() == 10  # what was typed stays
    with context.read_session_factory() as session:
        assert retention_period.read_period(session).value == 20


@pytest.fixture
def verifier_context(
    sqlite_db_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[AppContext]:
    info = dataclasses.replace(
        connection.connect_url(sqlite_db_url), staff_roles=frozenset({"verifier"})
    )
    yield AppContext.create(info, open_settings(tmp_path / "verifier.ini"), jobs, errors)
    info.dispose()


def test_a_verifier_sees_the_period_read_only(qtbot: QtBot, verifier_context: AppContext) -> None:
    with verifier_context.session_factory.begin() as session:
        retention_period.save_period(session, 25, "admin", expected_version=None)
    dialog = open_dialog(qtbot, verifier_context)
    assert dialog.days.value() == 25 and dialog.days.isReadOnly()
    assert save_button(dialog) is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None


def test_the_tools_menu_opens_it(qtbot: QtBot, context: AppContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    action = window.retention_period_action
    tools = window.findChild(QMenu, "toolsMenu")
    assert tools is not None and action in tools.actions() and action.isVisible()
    dialog = window.show_retention_period()
    qtbot.waitUntil(lambda: dialog.setting is not None, timeout=WAIT_MS)
    assert dialog.days.value() == 30
    dialog.reject()
