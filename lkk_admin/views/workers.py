"""Background jobs: database and file work off the GUI thread.

A :class:`Job` is a ``QRunnable`` that runs one plain-Python function on the thread pool.
It talks back through its :class:`JobSignals` channel, a ``QObject`` living in the GUI
thread, whose signals are connected with ``Qt.QueuedConnection``: results, failures and
progress are delivered by the GUI thread's event loop, never from the worker thread.

:class:`JobRunner` starts jobs and keeps a reference to each until its ``finished``
signal has been delivered, so neither the runnable nor its channel is collected while
queued signals are still on their way. When the desk ends, :meth:`JobRunner.shutdown`
refuses new jobs, abandons the running ones (their results are no longer delivered)
and waits for them, with a bound.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")

QUEUED = Qt.ConnectionType.QueuedConnection


class JobCancelledError(Exception):
    """Raised by :meth:`JobControl.check` inside a job whose cancel was requested."""


class JobSignals(QObject):
    """The channel of one job. Emitted from the worker, received in the GUI thread."""

    progress = Signal(str, int, int)  # stage, done, total
    succeeded = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception (its __traceback__ attached)
    finished = Signal()  # always last, after succeeded or failed


class JobControl:
    """What the running function may use: report progress, see a cancel request."""

    def __init__(self, signals: JobSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        self._abandoned = threading.Event()

    def progress(self, stage: str, done: int, total: int) -> None:
        if not self._abandoned.is_set():
            self._signals.progress.emit(stage, done, total)

    def cancel(self) -> None:
        self._cancel.set()

    def abandon(self) -> None:
        """Cancel, and report nothing more: nobody is left to receive it (shutdown)."""
        self._abandoned.set()
        self._cancel.set()

    def abandoned(self) -> bool:
        return self._abandoned.is_set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise JobCancelledError


class Job(QRunnable, Generic[T]):
    """Runs ``function(control)`` on a pool thread and reports through ``signals``."""

    def __init__(self, function: Callable[[JobControl], T], name: str = "job") -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; JobRunner drops it after `finished`
        self.name = name
        self.signals = JobSignals()
        self.control = JobControl(self.signals)
        self._function = function

    def cancel(self) -> None:
        self.control.cancel()

    def run(self) -> None:
        control = self.control
        if control.abandoned():
            return  # abandoned before a pool thread took it
        try:
            result = self._function(control)
        except BaseException as error:
            if not control.abandoned():
                self.signals.failed.emit(error)
        else:
            if not control.abandoned():
                self.signals.succeeded.emit(result)
        finally:
            if not control.abandoned():
                self.signals.finished.emit()


FailureHandler = Callable[[BaseException], None]

# How long the desk's end waits for its jobs: a job gets the first moments to see its
# cancel flag; then the statements it may be waiting on are cancelled, again and again.
SHUTDOWN_BOUND_MS = 5_000
SHUTDOWN_GRACE_MS = 300
INTERRUPT_EVERY_MS = 100


class JobRunner(QObject):
    """Starts jobs on a thread pool and keeps them alive until they have reported.

    ``on_failure`` defaults to ``default_failure`` (the application routes it to the
    warning message or the crash dialog), so no job failure is ever silently lost.
    After :meth:`shutdown` the runner takes no more jobs.
    """

    def __init__(
        self,
        pool: QThreadPool | None = None,
        default_failure: FailureHandler | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        self._running: set[Job[Any]] = set()
        self._accepting = True
        self.default_failure = default_failure

    @property
    def running(self) -> int:
        return len(self._running)

    @property
    def accepting(self) -> bool:
        """False once :meth:`shutdown` began: ``start`` then runs nothing."""
        return self._accepting

    def start(
        self,
        function: Callable[[JobControl], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: FailureHandler | None = None,
        on_progress: Callable[[str, int, int], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        name: str = "job",
    ) -> Job[T]:
        job: Job[T] = Job(function, name)
        if not self._accepting:
            # The desk is ending (a result arriving late asked for more): never run,
            # nothing reported; the caller's handlers are not called.
            log.debug("job %s refused: the application is shutting down", name)
            job.control.abandon()
            return job
        signals = job.signals
        if on_progress is not None:
            signals.progress.connect(on_progress, QUEUED)
        if on_success is not None:
            signals.succeeded.connect(on_success, QUEUED)
        failure = on_failure or self.default_failure
        if failure is not None:
            signals.failed.connect(failure, QUEUED)
        if on_finished is not None:
            signals.finished.connect(on_finished, QUEUED)
        signals.finished.connect(lambda: self._running.discard(job), QUEUED)
        self._running.add(job)
        self._pool.start(job)
        return job

    def cancel_all(self) -> None:
        for job in list(self._running):
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (shutdown and tests only)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(
        self,
        bound_ms: int = SHUTDOWN_BOUND_MS,
        *,
        grace_ms: int = SHUTDOWN_GRACE_MS,
        interrupt: Callable[[], object] | None = None,
    ) -> bool:
        """Refuse new jobs, abandon the running ones and wait for them, ``bound_ms`` at most.

        An abandoned job reports nothing more (no result, failure or ``finished``): the
        windows its handlers would update are being closed. Jobs still queued never start.
        After ``grace_ms``, ``interrupt`` (cancelling the database statements in flight)
        is called every ``INTERRUPT_EVERY_MS`` until the jobs are done. Returns True when
        every job ended; False when some still run after the bound (the process then
        must not tear Qt down under them).
        """
        self._accepting = False
        for job in list(self._running):
            job.control.abandon()
            if self._pool.tryTake(job):  # still queued: it never starts
                self._running.discard(job)
        deadline = time.monotonic() + bound_ms / 1000
        ended = bool(self._pool.waitForDone(min(grace_ms, bound_ms)))
        while not ended and (left_ms := int((deadline - time.monotonic()) * 1000)) > 0:
            if interrupt is not None:
                interrupt()
            ended = bool(self._pool.waitForDone(min(INTERRUPT_EVERY_MS, left_ms)))
        if ended:
            self._running.clear()
        else:
            names = sorted(job.name for job in self._running)
            log.warning("jobs still running after %d ms: %s", bound_ms, ", ".join(names))
        return ended


class GuiThreadGarbageCollector(QObject):
    """Runs Python's cyclic garbage collector only in the GUI thread.

    With automatic collection, a collection may start in whichever thread happens to
    allocate, a worker included; if a reference cycle holding a Qt widget is freed
    there, the widget is destroyed outside the GUI thread and the process crashes.
    This object disables automatic collection and runs the same generational policy
    from a timer in the GUI thread instead; ``stop()`` restores the previous state.
    """

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds."""
        first, second, third = gc.get_count()
        collected = 0
        if first > self._threshold[0]:
            collected += gc.collect(0)
            if second > self._threshold[1]:
                collected += gc.collect(1)
                if third > self._threshold[2]:
                    collected += gc.collect(2)
        return collected
