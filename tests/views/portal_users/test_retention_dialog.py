"""Portal users → Anonymise personal data: what is due is read and shown, an administrator
confirms, the run goes off the GUI thread with its progress, and the act is saved where
the administrator says; a verifier only sees the counts; a refusal is told in the dialog."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from lkk_admin.models import PortalUser
from lkk_admin.services import connection, retention
from lkk_admin.services.retention import RetentionRun
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.portal_users.retention_dialog import RetentionDialog, run_retention
from lkk_admin.views.workers import JobRunner
from tests.pdf import pdf_text
from tests.services.test_retention import Record, deliver_all, expired, rejected, unconfirmed
from tests.views.gui import click

WAIT_MS = 20_000


@pytest.fixture
def due(context: AppContext) -> list[Record]:
    """One record due on each ground, and one rejected too recently to be due."""
    with context.session_factory.begin() as session:
        records = [rejected(session, 45), expired(session, 40), unconfirmed(session, 35)]
        rejected(session, 3)
        deliver_all(session)
    return records


def open_dialog(qtbot: QtBot, context: AppContext) -> RetentionDialog:
    dialog = RetentionDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    return dialog


def anonymised(context: AppContext) -> int:
    with context.read_session_factory() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(PortalUser)
                .where(PortalUser.anonymised_at.is_not(None))
            )
            or 0
        )


def run_confirmed(qtbot: QtBot, dialog: RetentionDialog) -> RetentionRun:
    box = dialog.confirm()
    assert box is not None and box.isVisible()
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    with qtbot.waitSignal(dialog.run_finished, timeout=WAIT_MS) as finished:
        click(yes)
    run = finished.args[0]
    assert isinstance(run, RetentionRun)
    return run


def test_an_administrator_anonymises_what_is_due_and_saves_the_act(
    qtbot: QtBot, context: AppContext, due: list[Record], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, context)
    counts = {ground: label.text() for ground, label in dialog.counts.items()}
    assert counts == {"rejected": "1", "expired": "1", "unconfirmed": "1"}
    assert dialog.total.text() == "3" and dialog.waiting.text() == "0"
    assert "30" in dialog.period.text()
    assert dialog.run_button.isVisible() and anonymised(context) == 0

    asked: list[Path] = []
    target = tmp_path / "acts" / "акт"

    def choose(suggested: Path) -> Path:
        asked.append(suggested)
        return target

    dialog.choose_path = choose
    with qtbot.waitSignal(dialog.act_saved, timeout=WAIT_MS) as saved:
        run = run_confirmed(qtbot, dialog)
    assert (run.done, run.left) == (3, 0)
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert asked and asked[0].name.startswith("akt-obezlichivaniya-")
    written = saved.args[0]
    assert written == target.with_name("акт.pdf") and written.is_file()
    text = " ".join(" ".join(pdf_text(written.read_bytes())).split())
    for record in due:
        assert str(record.request_id) in text
    assert anonymised(context) == 3
    assert str(written) in dialog.message.text()
    assert not dialog.run_button.isVisible() and dialog.save_button.isVisible()
    # Saved: closing closes.
    dialog.reject()
    assert not dialog.isVisible()


def test_nothing_due_offers_nothing_to_run(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_dialog(qtbot, context)
    assert dialog.total.text() == "0" and not dialog.run_button.isVisible()
    assert dialog.confirm() is None
    dialog.close()


def test_an_act_not_saved_is_said_and_can_be_saved_again(
    qtbot: QtBot, context: AppContext, due: list[Record], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.choose_path = lambda _suggested: None  # the administrator closed the file dialog
    run = run_confirmed(qtbot, dialog)
    assert run.done == 3
    assert run.run_id in dialog.message.text() and dialog.save_button.isVisible()
    dialog.reject()  # warned once: the act is not saved
    assert dialog.isVisible() and run.run_id in dialog.message.text()

    # A file where the folder should be: refused in words, the act still to be saved.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with qtbot.waitSignal(dialog.problem, timeout=WAIT_MS) as problem:
        dialog.save_act(blocker / "sub" / "акт.pdf")
    assert "вместо папки стоит файл" in problem.args[0]
    assert problem.args[0] in dialog.message.text() and dialog.act_path is None

    dialog.choose_path = lambda _suggested: tmp_path / "акт.pdf"
    with qtbot.waitSignal(dialog.act_saved, timeout=WAIT_MS):
        click(dialog.save_button)
    assert (tmp_path / "акт.pdf").is_file()


@pytest.fixture
def verifier_context(
    sqlite_db_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[AppContext]:
    info = dataclasses.replace(
        connection.connect_url(sqlite_db_url), staff_roles=frozenset({"verifier"})
    )
    yield AppContext.create(info, open_settings(tmp_path / "verifier.ini"), jobs, errors)
    info.dispose()


def test_a_verifier_sees_what_is_due_but_cannot_run_it(
    qtbot: QtBot, verifier_context: AppContext
) -> None:
    with verifier_context.session_factory.begin() as session:
        rejected(session, 45)
        deliver_all(session)
    dialog = open_dialog(qtbot, verifier_context)
    assert dialog.total.text() == "1"
    assert not dialog.run_button.isVisible() and dialog.confirm() is None
    dialog.start_run()  # not even by a direct call
    assert dialog.job is None and anonymised(verifier_context) == 0


def test_the_section_opens_it_with_one_call(
    qtbot: QtBot, context: AppContext, due: list[Record]
) -> None:
    dialog = run_retention(None, context)
    qtbot.waitUntil(lambda: dialog.due is not None, timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.due is not None and dialog.due.total == 3
    assert dialog.due.by_ground == dict.fromkeys(retention.GROUNDS, 1)
    dialog.close()
