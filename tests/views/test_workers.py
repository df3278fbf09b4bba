"""Background jobs: results, failures and progress arrive in the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QThread, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lkk_admin.views.workers import JobCancelledError, JobControl, JobRunner


def test_result_and_progress_are_delivered_in_the_gui_thread(qtbot: QtBot, jobs: JobRunner) -> None:
    gui_thread = QApplication.instance().thread()  # type: ignore[union-attr]
    seen: list[tuple[str, object, bool]] = []
    worker_threads: list[int] = []

    def work(control: JobControl) -> int:
        worker_threads.append(threading.get_ident())
        for step in range(3):
            control.progress("шаг", step + 1, 3)
        return 42

    def on_progress(stage: str, done: int, total: int) -> None:
        seen.append(("progress", (stage, done, total), QThread.currentThread() is gui_thread))

    def on_success(result: int) -> None:
        seen.append(("result", result, QThread.currentThread() is gui_thread))

    jobs.start(work, on_success=on_success, on_progress=on_progress)
    assert jobs.running == 1
    # The runner drops a job once its `finished` arrives; waiting on the signal itself
    # could miss it when the job ends before the wait begins.
    qtbot.waitUntil(lambda: jobs.running == 0)
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert seen == [
        ("progress", ("шаг", 1, 3), True),
        ("progress", ("шаг", 2, 3), True),
        ("progress", ("шаг", 3, 3), True),
        ("result", 42, True),
    ]


def test_failure_goes_to_the_handler(qtbot: QtBot, jobs: JobRunner) -> None:
    failures: list[BaseException] = []

    def work(_control: JobControl) -> None:
        raise ValueError("сломалось")

    jobs.start(work, on_failure=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert isinstance(failures[0], ValueError)
    assert failures[0].__traceback__ is not None


def test_default_failure_handler_is_used(qtbot: QtBot) -> None:
    failures: list[BaseException] = []
    runner = JobRunner(default_failure=failures.append)

    def work(_control: JobControl) -> None:
        raise KeyError("x")

    runner.start(work)
    qtbot.waitUntil(lambda: len(failures) == 1 and runner.running == 0)
    assert isinstance(failures[0], KeyError)


def test_cancel(qtbot: QtBot, jobs: JobRunner) -> None:
    started = threading.Event()
    failures: list[BaseException] = []

    def work(control: JobControl) -> None:
        started.set()
        while True:
            control.check()
            threading.Event().wait(0.01)

    job = jobs.start(work, on_failure=failures.append)
    assert started.wait(10)
    job.cancel()
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert isinstance(failures[0], JobCancelledError)


@pytest.mark.parametrize("count", [20])
def test_many_jobs_keep_references_until_done(qtbot: QtBot, jobs: JobRunner, count: int) -> None:
    results: list[int] = []

    def square(number: int) -> Callable[[JobControl], int]:
        return lambda _control: number * number

    for number in range(count):
        jobs.start(square(number), on_success=results.append)
    qtbot.waitUntil(lambda: len(results) == count and jobs.running == 0)
    assert sorted(results) == [n * n for n in range(count)]


# --- shutdown ---------------------------------------------------------------------------------


def test_after_shutdown_the_runner_refuses_new_jobs(qtbot: QtBot, jobs: JobRunner) -> None:
    assert jobs.shutdown(1_000)
    ran = threading.Event()
    told: list[object] = []

    def work(_control: JobControl) -> None:
        ran.set()

    job = jobs.start(work, on_success=told.append, on_failure=told.append, name="late")
    assert not jobs.accepting
    assert jobs.running == 0
    assert jobs.wait(10_000)
    QCoreApplication.sendPostedEvents()  # anything queued for the handlers arrives now
    assert not ran.is_set()
    assert job.control.abandoned()
    assert told == []


def test_shutdown_cancels_a_running_job_waits_for_it_and_reports_nothing(
    qtbot: QtBot, jobs: JobRunner
) -> None:
    started = threading.Event()
    stopped: list[str] = []
    told: list[object] = []

    def work(control: JobControl) -> None:
        started.set()
        while not control.cancelled():
            threading.Event().wait(0.01)
        stopped.append("saw the cancel")
        control.check()

    jobs.start(
        work,
        on_success=told.append,
        on_failure=told.append,
        on_finished=lambda: told.append("finished"),
    )
    assert started.wait(10)
    assert jobs.shutdown(30_000)
    assert stopped == ["saw the cancel"]  # ended before shutdown returned
    assert jobs.running == 0
    QCoreApplication.sendPostedEvents()
    assert told == []  # abandoned: the windows it would update are closing


def test_shutdown_waits_with_a_bound_and_drops_queued_jobs(qtbot: QtBot) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    runner = JobRunner(pool=pool)
    started, release = threading.Event(), threading.Event()
    queued_ran = threading.Event()

    def stubborn(_control: JobControl) -> None:  # neither checks its flag nor runs SQL
        started.set()
        release.wait(60)

    runner.start(stubborn, name="stubborn")
    runner.start(lambda _control: queued_ran.set(), name="queued")  # waits for the thread
    assert started.wait(10)
    interrupts: list[str] = []
    try:
        assert not runner.shutdown(300, grace_ms=100, interrupt=lambda: interrupts.append("x"))
        assert runner.running == 1  # the stubborn job is still referenced while it runs
        assert interrupts  # its statements were cancelled over and over until the bound
    finally:
        release.set()
    assert pool.waitForDone(30_000)
    assert not queued_ran.is_set()  # taken off the queue: it never started
    assert runner.shutdown(1_000)  # nothing left: forgotten now
    assert runner.running == 0
