"""The self-check's main window: opened offscreen on a small demo database of its own, its
first list loaded, closed — and a window that cannot be shown fails the check at once,
leaving nothing behind."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from lkk_admin import self_check
from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.views.main_window import MainWindow


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the check makes its demo database in."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


@pytest.fixture
def new_main_windows(qapp: QApplication) -> Callable[[], list[MainWindow]]:
    """Main windows made since the test began (an earlier test's may await deletion)."""
    before = set(main_windows())
    return lambda: [window for window in main_windows() if window not in before]


def test_the_main_window_opens_on_a_demo_of_its_own_loads_and_closes(
    qapp: QApplication,
    own_temp: Path,
    isolated_user_dirs: Path,
    new_main_windows: Callable[[], list[MainWindow]],
) -> None:
    told = self_check.CHECKS["main window"]()

    assert told.startswith("registration_queue lists ")
    assert int(told.split()[2]) > 0  # rows of the demo's queue
    assert "of a demo database" in told
    assert new_main_windows() == []  # closed and deleted
    assert list(own_temp.iterdir()) == []  # the demo, its settings: all removed
    # The desk's own demo database, settings and logs are not touched.
    assert files_under(isolated_user_dirs) == []


def test_a_section_missing_from_the_bundle_fails_the_check(
    qapp: QApplication,
    own_temp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    new_main_windows: Callable[[], list[MainWindow]],
) -> None:
    # As a bundle that left the queue's module out: importing it fails.
    monkeypatch.setitem(sys.modules, "lkk_admin.views.queue.queue_page", None)
    monkeypatch.setattr(self_check, "CHECKS", {"main window": self_check.CHECKS["main window"]})

    assert self_check.run() == 1

    err = capsys.readouterr().err
    assert "FAIL  main window: ModuleNotFoundError" in err
    assert new_main_windows() == []
    assert list(own_temp.iterdir()) == []


def test_a_section_not_shown_first_missing_from_the_bundle_fails_the_check_too(
    qapp: QApplication,
    own_temp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    new_main_windows: Callable[[], list[MainWindow]],
) -> None:
    # The desk makes the surveys' screen only when it is opened; the check makes it anyway.
    monkeypatch.setitem(sys.modules, "lkk_admin.views.surveys.survey_page", None)
    monkeypatch.setattr(self_check, "CHECKS", {"main window": self_check.CHECKS["main window"]})

    assert self_check.run() == 1

    assert "FAIL  main window: ModuleNotFoundError" in capsys.readouterr().err
    assert new_main_windows() == []
    assert list(own_temp.iterdir()) == []


def test_a_list_that_cannot_load_fails_the_check_without_waiting_out_the_bound(
    qapp: QApplication,
    own_temp: Path,
    monkeypatch: pytest.MonkeyPatch,
    new_main_windows: Callable[[], list[MainWindow]],
) -> None:
    opened = connection.open_demo

    def open_demo_without_its_queue(path: Path, *, scale: float) -> ConnectionInfo:
        info = opened(path, scale=scale)
        with info.engine.begin() as conn:
            conn.execute(text("ALTER TABLE registration_request RENAME TO somewhere_else"))
        return info

    monkeypatch.setattr(connection, "open_demo", open_demo_without_its_queue)
    # Were the failure missed, the check would wait out the bound and say so instead.
    monkeypatch.setattr(self_check, "MAIN_WINDOW_TIMEOUT_SECONDS", 600.0)

    with pytest.raises(Exception, match="registration_request") as raised:
        self_check.CHECKS["main window"]()

    assert not isinstance(raised.value, TimeoutError)
    assert new_main_windows() == []
    assert list(own_temp.iterdir()) == []
