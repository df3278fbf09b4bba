"""Hearing that other desks changed the queue: a LISTEN thread or a polling timer.

On PostgreSQL a :class:`ListenerThread` of its own blocks in
:meth:`ChangeListener.wait <lkk_admin.services.queue_events.ChangeListener.wait>` for a
bounded time in a loop, so it stops soon after being asked to. If the connection drops it
says so, waits a little and listens again (and reports a change, since notifications
may have been missed). On SQLite a timer reads the queue's fingerprint in a worker job
every few seconds.

:class:`LiveUpdates` runs only while its page is shown. Running threads are parentless
and kept in a module-level set until they finish, so destroying the page never destroys
a running thread; :func:`stop_all` (connected to ``aboutToQuit``) stops and joins them.
"""

from __future__ import annotations

import logging
import threading
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal
from sqlalchemy import Engine

from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.queue_events import ChangeListener
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.queue import jobs

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class ListenerThread(QThread):
    """LISTENs on the queue channel until :meth:`stop`; emits the ids that changed."""

    changed = Signal(object)  # set[int]; empty: "something may have changed"
    failed = Signal(str)  # a Russian message for the user
    recovered = Signal()

    running: ClassVar[set[ListenerThread]] = set()

    def __init__(self, engine: Engine, timeout_seconds: float) -> None:
        super().__init__()
        self._engine = engine
        self._timeout = timeout_seconds
        self._stop = threading.Event()
        self.finished.connect(self._forget, Qt.ConnectionType.QueuedConnection)

    def start_listening(self) -> None:
        ListenerThread.running.add(self)
        self.start()

    def stop(self) -> None:
        self._stop.set()

    def _forget(self) -> None:
        ListenerThread.running.discard(self)

    def run(self) -> None:
        broken = False
        while not self._stop.is_set():
            try:
                with ChangeListener(self._engine) as listener:
                    if broken:
                        broken = False
                        self.recovered.emit()
                        self.changed.emit(set())
                    while not self._stop.is_set():
                        ids = listener.wait(self._timeout, stop=self._stop.is_set)
                        if ids and not self._stop.is_set():
                            self.changed.emit(ids)
            except Exception as error:
                if self._stop.is_set():
                    return
                problem = diagnose(error)
                log.warning("queue listener failed: %s", type(error).__name__)
                broken = True
                self.failed.emit(problem.message if problem else str(error))
                self._stop.wait(RETRY_SECONDS)


def stop_all(wait_ms: int = 10_000) -> None:
    """Stop every listener thread and wait for them (application exit, tests)."""
    threads = list(ListenerThread.running)
    for thread in threads:
        thread.stop()
    for thread in threads:
        thread.wait(wait_ms)
        ListenerThread.running.discard(thread)


_quit_hooked = False


def _hook_application_exit() -> None:
    global _quit_hooked  # noqa: PLW0603 - one connection per process
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(stop_all)
        _quit_hooked = True


class LiveUpdates(QObject):
    """Emits ``changed(ids)`` when the queue changed elsewhere (empty set: unknown ids)."""

    changed = Signal(object)
    status_changed = Signal(str)  # a short Russian status line; "" when all is well

    def __init__(
        self,
        context: AppContext,
        *,
        poll_interval_ms: int,
        listen_timeout_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.uses_notifications = context.connection.backend == "postgresql"
        self._listen_timeout = listen_timeout_ms / 1000
        self._thread: ListenerThread | None = None
        self._fingerprint: tuple[int, str] | None = None
        self._polling = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_interval_ms)
        self._timer.timeout.connect(self.poll)
        _hook_application_exit()

    @property
    def active(self) -> bool:
        return self._thread is not None or self._timer.isActive()

    @property
    def poll_interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        if self.active:
            return
        if self.uses_notifications:
            thread = ListenerThread(self.context.connection.engine, self._listen_timeout)
            thread.changed.connect(self.changed, Qt.ConnectionType.QueuedConnection)
            thread.failed.connect(self._listener_failed, Qt.ConnectionType.QueuedConnection)
            thread.recovered.connect(self._recovered, Qt.ConnectionType.QueuedConnection)
            self._thread = thread
            self.destroyed.connect(thread.stop)  # a page deleted while shown
            thread.start_listening()
        else:
            self._timer.start()

    def stop(self) -> None:
        """Ask the listener to end (it does within one wait) or stop polling."""
        self._timer.stop()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.stop()

    # --- SQLite: polling --------------------------------------------------------------------

    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        factory = self.context.read_session_factory
        self.context.jobs.start(
            lambda _control: jobs.queue_fingerprint(factory),
            on_success=bound(self, self._polled),
            on_failure=bound(self, self._poll_failed),
            on_finished=bound(self, self._poll_done),
            name="queue-poll",
        )

    def _polled(self, fingerprint: tuple[int, str]) -> None:
        previous, self._fingerprint = self._fingerprint, fingerprint
        # The first poll has nothing to compare with: a change made between the list's
        # load and this poll would go unseen, so the list reads itself once more.
        if previous != fingerprint:
            self.changed.emit(set())
        self.status_changed.emit("")

    def _poll_failed(self, error: BaseException) -> None:
        problem = diagnose(error) if isinstance(error, Exception) else None
        log.warning("queue poll failed: %s", type(error).__name__)
        self.status_changed.emit(problem.message if problem else str(error))

    def _poll_done(self) -> None:
        self._polling = False

    # --- PostgreSQL: notifications ----------------------------------------------------------

    def _listener_failed(self, message: str) -> None:
        self.status_changed.emit(message)

    def _recovered(self) -> None:
        self.status_changed.emit("")
