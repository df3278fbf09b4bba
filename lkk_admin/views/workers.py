"""Background jobs: database and file work off the GUI thread.

A :class:`Job` is a ``QRunnable`` that runs one plain-Python function on the thread pool.
It talks back through its :class:`JobSignals` channel, a ``QObject`` living in the GUI
thread, whose signals are connected with ``Qt.QueuedConnection``: results, failures and
progress are delivered by the GUI thread's event loop, never from the worker thread.

:class:`JobRunner` starts jobs and keeps a reference to each until its ``finished``
signal has been delivered, so neither the runnable nor its channel is collected while
queued signals are still on their way.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

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

    def progress(self, stage: str, done: int, total: int) -> None:
        self._signals.progress.emit(stage, done, total)

    def cancel(self) -> None:
        self._cancel.set()

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
        try:
            result = self._function(self.control)
        except BaseException as error:
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


FailureHandler = Callable[[BaseException], None]


class JobRunner(QObject):
    """Starts jobs on a thread pool and keeps them alive until they have reported.

    ``on_failure`` defaults to ``default_failure`` (the application routes it to the
    warning message or the crash dialog), so no job failure is ever silently lost.
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
        self.default_failure = default_failure

    @property
    def running(self) -> int:
        return len(self._running)

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
