"""Tools → Review deadline: the organisation's working days to a decision, changed by an
administrator (audited, against the version read), shown read-only to everyone else."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lkk_admin.models import AuditEvent
from lkk_admin.services import connection, review_sla
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.review_sla_dialog import ReviewSlaDialog
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click

WAIT_MS = 10_000


def open_dialog(qtbot: QtBot, context: AppContext) -> ReviewSlaDialog:
    dialog = ReviewSlaDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    return dialog


def save_button(dialog: ReviewSlaDialog) -> QPushButton | None:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_an_administrator_sets_the_deadline_for_every_desk(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_dialog(qtbot, context)
    assert dialog.windowTitle() == "Срок рассмотрения заявок"
    assert dialog.days.value() == 2 and not dialog.days.isReadOnly()
    assert dialog.days.suffix() == " раб. дн."
    assert "по умолчанию — 2 раб. дн." in dialog.message.text()
    assert "производственному календарю" in dialog.note.text()
    dialog.days.setValue(5)
    button = save_button(dialog)
    assert button is not None
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as saved:
        click(button)
    assert saved.args[0].value == 5 and not dialog.isVisible()
    with context.read_session_factory() as session:
        assert review_sla.read_sla(session).value == 5
        event = session.scalars(select(AuditEvent)).one()
    assert event.details == {"key": "review_sla", "before": None, "after": {"working_days": 5}}
    # Opened again: what was saved, by whom.
    again = open_dialog(qtbot, context)
    assert again.days.value() == 5
    assert again.message.text().startswith("Последнее изменение")


def test_a_save_made_meanwhile_at_another_desk_is_not_overwritten(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_dialog(qtbot, context)
    with context.session_factory.begin() as session:  # another administrator, just now
        review_sla.save_sla(session, 3, "petrov", expected_version=None)
    dialog.days.setValue(10)
    dialog.save()
    qtbot.waitUntil(lambda: "другой администратор" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.days.value() == 10  # what was typed stays
    with context.read_session_factory() as session:
        assert review_sla.read_sla(session).value == 3


@pytest.fixture
def verifier_context(
    sqlite_db_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[AppContext]:
    """A desk whose staff member is a verifier, not an administrator."""
    info = dataclasses.replace(
        connection.connect_url(sqlite_db_url), staff_roles=frozenset({"verifier"})
    )
    yield AppContext.create(info, open_settings(tmp_path / "verifier.ini"), jobs, errors)
    info.dispose()


def test_a_verifier_sees_the_deadline_and_who_may_change_it(
    qtbot: QtBot, verifier_context: AppContext
) -> None:
    with verifier_context.session_factory.begin() as session:
        review_sla.save_sla(session, 4, "admin", expected_version=None)
    dialog = open_dialog(qtbot, verifier_context)
    assert dialog.days.value() == 4 and dialog.days.isReadOnly()
    assert save_button(dialog) is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    assert "только администратор" in dialog.note.text()


@pytest.fixture
def make_window(qtbot: QtBot, context: AppContext) -> Callable[[], MainWindow]:
    def build() -> MainWindow:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


def test_tools_menu_opens_it_and_the_queue_follows_at_once(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    action = window.review_sla_action
    assert action.text() == "&Срок рассмотрения заявок…" and action.isVisible()
    tools = window.findChild(QMenu, "toolsMenu")
    assert tools is not None and action in tools.actions()
    dialog = window.show_review_sla()
    qtbot.waitUntil(lambda: dialog.setting is not None, timeout=WAIT_MS)
    dialog.days.setValue(7)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    queue = window.pages["registration_queue"]
    assert queue.model.sla_days == 7  # type: ignore[attr-defined]
