"""The start-up probe benchmarks/startup.py reads: asked for, the desk says when its window
is shown and its first list loaded, then closes as if the user closed it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from lkk_admin.app import EXIT_OK, Launcher
from lkk_admin.services.connection import prepare_demo_database
from lkk_admin.startup_probe import MARKER
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.framework.paged_table_model import PagedTableModel
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.workers import JobRunner


def test_the_probe_tells_the_first_list_loaded_then_the_desk_ends(
    qtbot: QtBot,
    tmp_path: Path,
    jobs: JobRunner,
    errors: ErrorReporter,
    *,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo, _made = prepare_demo_database(tmp_path / "demo.sqlite3", scale=0.001)
    monkeypatch.setenv("LKK_ADMIN_STARTUP_PROBE", "1")
    launcher = Launcher(
        jobs=jobs, errors=errors, settings_path=tmp_path / "lkk-admin.ini", demo_path=demo
    )
    windows: list[MainWindow] = []
    launcher.main_window_shown.connect(windows.append)

    with qtbot.waitSignal(launcher.exit_requested, timeout=60_000) as ended:
        launcher.start(demo=True)

    assert ended.args == [EXIT_OK]  # closed as the user closes it
    [window] = windows
    assert not window.isVisible()
    lists = [
        model
        for table in window.pages["registration_queue"].findChildren(QAbstractItemView)
        if isinstance(model := table.model(), PagedTableModel)
    ]
    assert lists and all(model.loaded_once for model in lists)
    [line] = [line for line in capsys.readouterr().out.splitlines() if line.startswith(MARKER)]
    figures = dict(part.split("=") for part in line.split()[1:])
    assert figures.keys() == {"shown", "ready"}
    assert 0 < float(figures["shown"]) <= float(figures["ready"])
