"""The audit log as staff read it: newest first, filtered, readable, exported."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, func, select

from lkk_admin import db
from lkk_admin.models import AuditEvent
from lkk_admin.services import connection
from lkk_admin.services.audit_log import AuditRow
from lkk_admin.views.audit.audit_pane import AuditPane
from lkk_admin.views.audit.audit_section import AUDIT_LOG
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.sections import section_by_key
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click
from tests.views.sections import wait_detail, wait_loaded


@pytest.fixture
def open_log(
    qtbot: QtBot, demo_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[Callable[..., ListPage[AuditRow]]]:
    infos = []

    def build(actor: str = "admin", page_size: int = 100) -> ListPage[AuditRow]:
        info = dataclasses.replace(connection.connect_url(demo_url), user=actor)
        infos.append(info)
        context = AppContext.create(info, open_settings(tmp_path / "a.ini"), jobs, errors)
        spec = section_by_key("audit_log")
        assert spec is not None
        page = ListPage(context, spec, AUDIT_LOG, page_size=page_size, search_delay_ms=0)
        page.resize(1200, 760)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        wait_loaded(qtbot, page)
        return page

    yield build
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    for info in infos:
        info.dispose()


def stored_events(url: str) -> list[tuple[int, str]]:
    """(id, actor) of every event, newest first, as the database orders them."""
    engine = create_engine(db.normalize_url(url))
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEvent.id, AuditEvent.actor).order_by(
                AuditEvent.occurred_at.desc(), AuditEvent.id.desc()
            )
        ).all()
    engine.dispose()
    return [(int(row.id), str(row.actor)) for row in rows]


def test_events_are_listed_newest_first_and_scrolling_reads_on_by_key(
    qtbot: QtBot, open_log: Callable[..., ListPage[AuditRow]], demo_url: str
) -> None:
    events = stored_events(demo_url)
    page = open_log(page_size=20)
    assert page.model.loaded_ids() == [event_id for event_id, _actor in events[:20]]
    while page.model.canFetchMore():
        page.model.fetchMore()
        qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10_000)
    assert page.model.loaded_ids() == [event_id for event_id, _actor in events]


def test_choosing_an_actor_shows_only_their_events(
    qtbot: QtBot, open_log: Callable[..., ListPage[AuditRow]], demo_url: str
) -> None:
    events = stored_events(demo_url)
    actor = events[-1][1]
    page = open_log()
    box = page.filters.choice_boxes["actor"]
    qtbot.waitUntil(lambda: box.findData(actor) >= 0, timeout=10_000)
    box.setCurrentIndex(box.findData(actor))
    qtbot.waitUntil(lambda: page.model.query.choice("actor") == actor, timeout=10_000)
    wait_loaded(qtbot, page)
    assert page.model.loaded_ids() == [event_id for event_id, who in events if who == actor][:100]


def test_an_event_s_detail_is_readable_and_links_to_its_object(
    qtbot: QtBot, open_log: Callable[..., ListPage[AuditRow]]
) -> None:
    page = open_log()
    box = page.filters.choice_boxes["entity"]
    qtbot.waitUntil(lambda: box.findData("registration_request") >= 0, timeout=10_000)
    box.setCurrentIndex(box.findData("registration_request"))
    qtbot.waitUntil(lambda: page.model.query.choice("entity") is not None, timeout=10_000)
    wait_loaded(qtbot, page)
    row = page.model.row_at(0)
    assert row is not None and row.entity == "registration_request"
    wait_detail(qtbot, page, row.id)
    pane = page.view
    assert isinstance(pane, AuditPane)
    assert pane.title_label.text().startswith(f"Событие № {row.id}")
    assert pane.event_group.value("Кто") == row.actor
    assert pane.link_button.isVisible() and "заявка" in pane.link_button.text()
    with qtbot.waitSignal(page.navigate_requested) as asked:
        click(pane.link_button)
    assert asked.args == ["registration_queue", row.entity_id, ""]


def test_the_export_has_typed_moments_and_is_itself_audited(
    qtbot: QtBot, open_log: Callable[..., ListPage[AuditRow]], demo_url: str, tmp_path: Path
) -> None:
    page = open_log(actor="auditor1")
    total = page.model.total
    target = tmp_path / "журнал.xlsx"
    with qtbot.waitSignal(page.exporter.finished, timeout=30_000):
        page.exporter.export_to(target)
    book = load_workbook(target)
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None
    header = [cell.value for cell in sheet[1]]
    assert header == ["Когда", "Кто", "Действие", "Объект", "Кратко"]
    assert sheet.max_row == total + 1
    assert isinstance(sheet.cell(2, 1).value, datetime)
    engine = create_engine(db.normalize_url(demo_url))
    with engine.connect() as connection:
        exported = connection.execute(
            select(AuditEvent.actor, AuditEvent.details).where(AuditEvent.action == "export_list")
        ).one()
        count = connection.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    engine.dispose()
    assert exported.actor == "auditor1"
    assert exported.details["rows"] == total and exported.details["file"] == "журнал.xlsx"
    assert count == total + 1


def test_a_cancelled_export_leaves_no_file(
    qtbot: QtBot, open_log: Callable[..., ListPage[AuditRow]], tmp_path: Path
) -> None:
    page = open_log()
    target = tmp_path / "cancelled.xlsx"
    with qtbot.waitSignal(page.exporter.cancelled, timeout=30_000):
        page.exporter.export_to(target)
        page.exporter.cancel()
    assert not target.exists()
    assert not (tmp_path / "cancelled.xlsx.part").exists()
    assert page.commands.export.isEnabled()


def test_an_editor_reads_the_log_too(
    qtbot: QtBot, open_log: Callable[..., ListPage[AuditRow]]
) -> None:
    page = open_log(actor="editor1")
    assert page.model.total > 0
    assert page.commands.export.isEnabled()
    assert page.menu.title() == "&Аудит"
