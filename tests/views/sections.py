"""Helpers of the section screens' tests: a shown, loaded page of any section."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.sections import build_section, section_by_key
from lkk_admin.views.workers import JobRunner

PageFactory = Callable[..., Any]


def wait_loaded(qtbot: QtBot, page: ListPage[Any]) -> None:
    qtbot.waitUntil(lambda: page.model.loaded_once and not page.model.is_loading, timeout=15_000)


def wait_detail(qtbot: QtBot, page: ListPage[Any], row_id: int) -> None:
    qtbot.waitUntil(lambda: page.detail_view.shown_id == row_id, timeout=15_000)


@contextmanager
def section_pages(
    qtbot: QtBot, url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[Callable[..., QWidget]]:
    """``build(key, actor="verifier1", size=(1200, 760), roles=None)``: a shown page of a
    section; ``roles`` are the staff roles the desk believes the actor has (None: all, as on
    the SQLite demo)."""
    infos: list[ConnectionInfo] = []

    def build(
        key: str,
        actor: str = "verifier1",
        size: tuple[int, int] = (1200, 760),
        roles: frozenset[str] | None = None,
    ) -> Any:
        info = dataclasses.replace(connection.connect_url(url), user=actor)
        if roles is not None:
            info = dataclasses.replace(info, staff_roles=roles)
        infos.append(info)
        context = AppContext.create(info, open_settings(tmp_path / f"{actor}.ini"), jobs, errors)
        spec = section_by_key(key)
        assert spec is not None
        page = build_section(context, spec)
        page.resize(*size)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        if isinstance(page, ListPage):
            page.search_timer.setInterval(0)
            wait_loaded(qtbot, page)
        return page

    yield build
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    QApplication.processEvents()
    for info in infos:
        info.dispose()
