"""The desk ends cleanly however its event loop ends.

The end-to-end test starts the real desk (``run_gui``, as ``lkk-admin --demo``) offscreen
on a small demo database in subprocesses, and ends it 50 times at seeded random moments
of its first two seconds (while the demo opens and the first lists load), each of the
five ways of tests/desk_quitter.py: ``QApplication.exit``, ``quit``, the window closed,
Ctrl+C (SIGINT) and Windows ending the session. Every run must end with code 0, print
nothing on stderr (no segmentation fault, no traceback) and, when the window was up,
leave its layout in the settings file. Before the orderly shutdown, ``exit`` about a
second after start-up crashed in about one run out of three.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QEventLoop, QSettings, QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from lkk_admin import db
from lkk_admin.services import demo_data
from lkk_admin.statements_in_flight import StatementsInFlight
from lkk_admin.views.context import open_settings
from lkk_admin.views.shutdown import ConsoleInterrupt, OrderlyShutdown
from lkk_admin.views.workers import JobControl, JobRunner
from tests.desk_quitter import STUCK, WAYS, interrupt_process

ROOT = Path(__file__).resolve().parent.parent
RUNS = 50
PARALLEL = 2  # the machine has two cores; each desk uses one
LATEST_QUIT_MS = 2_000
RUN_TIMEOUT_S = 120
QT_NOISE = "This plugin does not support propagateSizeHints()"  # offscreen plugin


# --- the desk, started and ended many times ---------------------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shutdown-demo") / "demo.sqlite3"
    demo_data.generate(
        db.sqlite_url(path), 0.02, seed=demo_data.DEFAULT_SEED, today=demo_data.TODAY
    )
    return path


@dataclass(frozen=True)
class Outcome:
    way: str
    delay_ms: int
    code: int | None  # None: it hung
    stdout: str
    stderr: str
    home: Path

    @property
    def window_was_shown(self) -> bool:
        return "quitting window=1" in self.stdout

    def file(self, name: str) -> Path | None:
        return next(self.home.rglob(name), None)

    def problems(self) -> list[str]:
        found: list[str] = []
        if self.code != 0:
            found.append(f"exit code {self.code}")
        noise = [line for line in self.stderr.splitlines() if line.strip() and QT_NOISE not in line]
        if noise:
            found.append("stderr: " + " | ".join(noise[-8:]))
        if "quitting window=" not in self.stdout:
            found.append("it never got to quit")
        if self.window_was_shown:
            ini = self.file("lkk-admin.ini")
            if ini is None:
                found.append("no settings file")
            else:
                settings = QSettings(str(ini), QSettings.Format.IniFormat)
                for key in ("MainWindow/geometry", "MainWindow/splitter"):
                    value = settings.value(key)
                    if not isinstance(value, QByteArray | bytes) or not value:
                        found.append(f"{key} not saved")
        log = self.file("lkk-admin.log")
        text_ = log.read_text(encoding="utf-8") if log is not None else ""
        if " ERROR " in text_:
            found.append("errors in the log")
        # The session's end is the process killed in aboutToQuit: no last line.
        ending = "the session is ending" if self.way == "session" else "exits with code 0"
        if ending not in text_:
            found.append(f"the log lacks {ending!r}")
        return [f"{self.way} after {self.delay_ms} ms: {problem}" for problem in found]


def run_desk(way: str, delay_ms: int, template: Path, home: Path) -> Outcome:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    for variable in (
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
        "APPDATA",
        "LOCALAPPDATA",
    ):
        folder = home / variable.lower()
        folder.mkdir(parents=True)
        env[variable] = str(folder)
    command = [sys.executable, "-m", "tests.desk_quitter", way, str(delay_ms), str(template)]
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as hung:
        return Outcome(way, delay_ms, None, str(hung.stdout), str(hung.stderr), home)
    return Outcome(way, delay_ms, done.returncode, done.stdout, done.stderr, home)


def test_the_desk_ends_cleanly_however_and_whenever_its_loop_ends(
    demo_template: Path, tmp_path: Path
) -> None:
    moments = random.Random(19)
    plan = [(WAYS[run % len(WAYS)], moments.randint(0, LATEST_QUIT_MS)) for run in range(RUNS)]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        runs = [
            pool.submit(run_desk, way, delay_ms, demo_template, tmp_path / f"run{number}")
            for number, (way, delay_ms) in enumerate(plan)
        ]
        outcomes = [run.result() for run in runs]
    problems = [problem for outcome in outcomes for problem in outcome.problems()]
    assert not problems, f"{len(problems)} problem(s) in {RUNS} runs:\n" + "\n".join(problems)
    # The plan covers both: quitting while the demo still opens, and with the window up.
    assert any(outcome.window_was_shown for outcome in outcomes)
    assert any(not outcome.window_was_shown for outcome in outcomes)


def test_a_job_that_never_ends_does_not_hold_the_desks_end_up(
    demo_template: Path, tmp_path: Path
) -> None:
    """The job ignores its cancel and runs no statement to cancel: after the bound the
    process ends at once, the layout saved, rather than wait for it or tear Qt down
    under it."""
    outcome = run_desk(STUCK, 1_500, demo_template, tmp_path / "home")
    assert outcome.code == 0
    assert [line for line in outcome.stderr.splitlines() if QT_NOISE not in line] == []
    log = outcome.file("lkk-admin.log")
    assert log is not None
    text_ = log.read_text(encoding="utf-8")
    assert "jobs still running after" in text_
    assert "stuck" in text_
    assert "the process ends without cleaning up" in text_
    if outcome.window_was_shown:
        ini = outcome.file("lkk-admin.ini")
        assert ini is not None
        assert QSettings(str(ini), QSettings.Format.IniFormat).value("MainWindow/geometry")


# --- its parts --------------------------------------------------------------------------------


LONG_STATEMENT = {
    # Minutes of counting on SQLite; a minute of sleep on PostgreSQL.
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT count(*) FROM (SELECT i FROM n LIMIT 10000000000)",
    "postgresql": "SELECT pg_sleep(60)",
}


def test_shutdown_cancels_a_database_statement_in_flight(qtbot: QtBot, db_url: str) -> None:
    engine = db.make_engine(db_url)
    statements = StatementsInFlight()
    statements.install()
    runner = JobRunner()
    outcome: list[BaseException] = []

    def long_read(_control: JobControl) -> None:
        try:
            with engine.connect() as connection:
                connection.execute(text(LONG_STATEMENT[engine.dialect.name])).all()
        except BaseException as error:
            outcome.append(error)

    try:
        runner.start(long_read, name="long read")
        qtbot.waitUntil(lambda: statements.count == 1)
        assert runner.shutdown(30_000, grace_ms=0, interrupt=statements.interrupt_all)
    finally:
        statements.uninstall()
        engine.dispose()
    assert len(outcome) == 1
    assert isinstance(outcome[0], DBAPIError)  # cancelled by the server or the driver


class RecordingWindows:
    """The window flow as the shutdown sees it, recording what it was asked."""

    def __init__(self, jobs: JobRunner, settings: QSettings) -> None:
        self.jobs, self.settings = jobs, settings
        self.asked: list[str] = []

    def save_state(self) -> None:
        self.asked.append("save state")
        self.settings.setValue("MainWindow/geometry", QByteArray(b"saved"))

    def close_windows(self) -> None:
        self.asked.append(f"close windows, jobs accepted: {self.jobs.accepting}")


def test_orderly_shutdown_stops_the_jobs_before_closing_the_windows_and_runs_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    jobs = JobRunner()
    settings = open_settings(tmp_path / "lkk-admin.ini")
    windows = RecordingWindows(jobs, settings)
    shutdown = OrderlyShutdown(jobs=jobs, windows=windows, settings=settings)
    assert shutdown.run()
    assert shutdown.run()
    assert windows.asked == ["close windows, jobs accepted: False"]


def test_the_sessions_end_saves_the_layout_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "lkk-admin.ini"
    jobs = JobRunner()
    settings = open_settings(path)
    windows = RecordingWindows(jobs, settings)
    OrderlyShutdown(jobs=jobs, windows=windows, settings=settings).save_state(None)
    assert windows.asked == ["save state"]
    assert jobs.accepting  # nothing stopped: the session may yet be cancelled
    saved = QSettings(str(path), QSettings.Format.IniFormat)
    assert saved.value("MainWindow/geometry") == QByteArray(b"saved")  # on disk already


@pytest.fixture
def restored_handlers() -> Iterator[dict[signal.Signals, Any]]:
    before = {number: signal.getsignal(number) for number in ConsoleInterrupt.signals()}
    # As started from a console (a background job's SIGINT is ignored, and stays so).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    yield before
    for number, handler in before.items():
        signal.signal(number, handler)


def test_ctrl_c_ends_a_loop_that_waits_in_qt(
    qtbot: QtBot, restored_handlers: dict[signal.Signals, Any]
) -> None:
    loop = QEventLoop()
    interrupt = ConsoleInterrupt(loop.quit, wake_up_ms=20)
    interrupt.install()
    try:
        # Failing, the loop ends with 1 after ten seconds.
        QTimer.singleShot(10_000, lambda: loop.exit(1))
        # Ctrl+C from another thread while the loop waits in C with no Python code running.
        QTimer.singleShot(0, threading.Thread(target=interrupt_process).start)
        assert loop.exec() == 0
        assert interrupt.requested
    finally:
        interrupt.uninstall()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
