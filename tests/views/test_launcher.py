"""Start-up flows: the demo database (first and later runs), the connection dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QProgressBar, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from lkk_admin.app import EXIT_CANCELLED, EXIT_OK, Launcher
from lkk_admin.services.profiles import PasswordVault, ProfileStore
from lkk_admin.views.connection_dialog import ConnectionDialog
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.workers import JobRunner
from tests.views.fake_demo_data import FakeGenerator, install
from tests.views.gui import click

WAIT_MS = 60_000
TEST_SCALE = 0.005


@pytest.fixture
def make_launcher(
    qtbot: QtBot, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Callable[[], Launcher]:
    def build() -> Launcher:
        return Launcher(
            jobs=jobs,
            errors=errors,
            settings_path=tmp_path / "lkk-admin.ini",
            demo_scale=TEST_SCALE,
            demo_path=tmp_path / "data" / "demo.sqlite3",
            profile_store=ProfileStore(tmp_path / "profiles.json"),
            vault=PasswordVault(),
        )

    return build


def close_window(qtbot: QtBot, launcher: Launcher) -> None:
    window = launcher.window
    assert window is not None
    with qtbot.waitSignal(launcher.exit_requested) as blocker:
        window.close()
    assert blocker.args == [EXIT_OK]


def test_demo_first_run_then_second_run(
    qtbot: QtBot,
    tmp_path: Path,
    make_launcher: Callable[[], Launcher],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generator = FakeGenerator(steps=20)
    install(monkeypatch, generator)
    launcher = make_launcher()
    with qtbot.waitSignal(launcher.main_window_shown, timeout=WAIT_MS) as shown:
        launcher.start(demo=True)
        setup = launcher.demo_setup
        assert setup is not None and setup.generating
        assert setup.progress_dialog is not None
        assert setup.progress_dialog.isVisible()
        assert setup.progress_dialog.labelText().startswith("Создаётся демонстрационная база")
    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert window.isVisible()
    assert len(generator.calls) == 1 and generator.calls[0][1] == TEST_SCALE
    demo = tmp_path / "data" / "demo.sqlite3"
    assert demo.exists()
    assert not list(demo.parent.glob("*.partial*"))
    assert window.database_label.text() == f"Демонстрационная база (SQLite): {demo}"
    close_window(qtbot, launcher)

    # Second run: the file is there, the window opens at once, nothing is generated.
    generator.fail_with = AssertionError("must not generate again")
    again = make_launcher()
    with qtbot.waitSignal(again.main_window_shown, timeout=WAIT_MS):
        again.start(demo=True)
        assert again.demo_setup is not None
        assert again.demo_setup.progress_dialog is None
    assert len(generator.calls) == 1
    close_window(qtbot, again)


def test_demo_first_run_cancelled(
    qtbot: QtBot,
    tmp_path: Path,
    make_launcher: Callable[[], Launcher],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generator = FakeGenerator(wait_for_cancel=True)
    install(monkeypatch, generator)
    launcher = make_launcher()
    launcher.start(demo=True)
    setup = launcher.demo_setup
    assert setup is not None and setup.progress_dialog is not None
    qtbot.waitUntil(generator.started.is_set, timeout=WAIT_MS)
    cancel_button = setup.progress_dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Отмена"
    with qtbot.waitSignal(launcher.exit_requested, timeout=WAIT_MS) as blocker:
        click(cancel_button)
    assert blocker.args == [EXIT_CANCELLED]
    assert launcher.window is None
    data = tmp_path / "data"
    assert not data.exists() or list(data.iterdir()) == []


def test_demo_first_run_with_the_real_generator(
    qtbot: QtBot, tmp_path: Path, make_launcher: Callable[[], Launcher]
) -> None:
    progress_seen: list[int] = []
    launcher = make_launcher()
    with qtbot.waitSignal(launcher.main_window_shown, timeout=300_000) as shown:
        launcher.start(demo=True)
        setup = launcher.demo_setup
        assert setup is not None and setup.progress_dialog is not None
        bar = setup.progress_dialog.findChild(QProgressBar)
        assert bar is not None
        bar.valueChanged.connect(progress_seen.append)
    assert progress_seen, "the progress dialog never moved"
    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert (tmp_path / "data" / "demo.sqlite3").exists()
    assert not (tmp_path / "data" / "demo.sqlite3.partial").exists()
    close_window(qtbot, launcher)


def test_demo_first_run_cancelled_with_the_real_generator(
    qtbot: QtBot, tmp_path: Path, make_launcher: Callable[[], Launcher]
) -> None:
    launcher = make_launcher()
    launcher.start(demo=True)
    setup = launcher.demo_setup
    assert setup is not None and setup.progress_dialog is not None
    bar = setup.progress_dialog.findChild(QProgressBar)
    cancel_button = setup.progress_dialog.findChild(QPushButton)
    assert bar is not None and cancel_button is not None
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)  # generation under way
    with qtbot.waitSignal(launcher.exit_requested, timeout=WAIT_MS) as blocker:
        click(cancel_button)
    assert blocker.args == [EXIT_CANCELLED]
    data = tmp_path / "data"
    assert not (data / "demo.sqlite3").exists()
    assert not list(data.glob("demo.sqlite3.partial*"))


def test_no_arguments_shows_the_dialog_and_opens_the_window(
    qtbot: QtBot, make_launcher: Callable[[], Launcher], pg_url: str
) -> None:
    url = make_url(pg_url)
    launcher = make_launcher()
    launcher.start(demo=False)
    dialog = launcher.dialog
    assert isinstance(dialog, ConnectionDialog)
    assert dialog.isVisible()
    dialog.host_edit.setText(url.host or "127.0.0.1")
    dialog.port_spin.setValue(int(url.port or 5432))
    dialog.database_edit.setText(url.database or "")
    dialog.user_edit.setText(url.username or "postgres")
    with qtbot.waitSignal(launcher.main_window_shown, timeout=WAIT_MS) as shown:
        click(dialog.connect_button)
    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert window.user_label.text() == f"Пользователь: {url.username}"
    assert window.server_label.text().startswith("Сервер: PostgreSQL 15")
    assert window.database_label.text() == f"База данных: {url.host}/{url.database}"

    # File → Connect…, then Cancel: the window stays.
    window.connect_action.trigger()
    second = launcher.dialog
    assert isinstance(second, ConnectionDialog) and second.isVisible()
    assert second.profile_combo.currentText() == dialog.name_edit.text()
    click(second.cancel_button)
    assert launcher.window is window and window.isVisible()

    # File → Connect… → the demo database replaces the window.
    window.connect_action.trigger()
    third = launcher.dialog
    assert isinstance(third, ConnectionDialog)
    install_fake = FakeGenerator()
    with pytest.MonkeyPatch.context() as patch:
        install(patch, install_fake)
        with qtbot.waitSignal(launcher.main_window_shown, timeout=WAIT_MS) as replaced:
            click(third.demo_button)
    assert replaced.args[0] is not window
    assert not window.isVisible()
    assert replaced.args[0].context.connection.is_demo
    close_window(qtbot, launcher)


def test_cancelling_the_first_dialog_exits(
    qtbot: QtBot, make_launcher: Callable[[], Launcher]
) -> None:
    launcher = make_launcher()
    launcher.start(demo=False)
    assert launcher.dialog is not None
    with qtbot.waitSignal(launcher.exit_requested) as blocker:
        click(launcher.dialog.cancel_button)
    assert blocker.args == [EXIT_CANCELLED]
