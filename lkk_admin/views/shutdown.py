"""Ending the desk in order, however its event loop ends.

The loop ends when the main window is closed, on ``QApplication.quit()``/``exit()``, when
Windows ends the session (log-off, shutdown) and on Ctrl+C in the console
(:class:`ConsoleInterrupt`). Whichever way, :meth:`OrderlyShutdown.run` then

1. stops the job runner taking jobs, abandons the running ones and cancels the database
   statements they wait on, and waits for them, with a bound;
2. closes the windows, so that they save their layout (window geometry, splitters)
   while the interpreter is whole, and hides whatever else is open without asking;
3. writes the settings file.

``run_gui`` then deletes the windows and the application object itself
(:func:`dispose_application`). Left to the interpreter's finalisation, the windows were
torn down half-way through it, running their Python event handlers in a dying
interpreter: a segmentation fault in about one run out of three.

Windows ending the session: Qt first asks for the state (``commitDataRequest``; the
layout is saved at once, without blocking or asking anything), then emits
``aboutToQuit`` from inside the loop, and the process is ended right after that signal
returns. So the whole shutdown runs in ``aboutToQuit``; after ``exec()`` it is not
repeated.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QSessionManager
from PySide6.QtWidgets import QApplication, QWidget

from lkk_admin.statements_in_flight import StatementsInFlight
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.workers import SHUTDOWN_BOUND_MS, JobRunner

log = logging.getLogger(__name__)

# Python runs a signal's handler only when the main thread executes Python code; while
# Qt's loop waits for events in C, that needs a wake-up now and then.
WAKE_UP_MS = 200


class DeskWindows(Protocol):
    """What the shutdown needs of the window flow (``app.Launcher``)."""

    def save_state(self) -> None: ...

    def close_windows(self) -> None: ...


class OrderlyShutdown(QObject):
    """Stops the jobs, closes the windows and writes the settings, once."""

    def __init__(
        self,
        *,
        jobs: JobRunner,
        windows: DeskWindows,
        settings: QSettings,
        errors: ErrorReporter | None = None,
        statements: StatementsInFlight | None = None,
        job_bound_ms: int = SHUTDOWN_BOUND_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.windows = windows
        self.settings = settings
        self.errors = errors
        self.statements = statements
        self.job_bound_ms = job_bound_ms
        self.started = False
        self.jobs_ended = True

    def connect_to(self, app: QApplication) -> None:
        app.aboutToQuit.connect(self.run)
        app.commitDataRequest.connect(self.save_state)
        app.saveStateRequest.connect(self.save_state)

    def disconnect_from(self, app: QApplication) -> None:
        app.aboutToQuit.disconnect(self.run)
        app.commitDataRequest.disconnect(self.save_state)
        app.saveStateRequest.disconnect(self.save_state)

    def save_state(self, _manager: QSessionManager | None = None) -> None:
        """The session is ending: write the layout now. No question, no waiting: the
        session manager gives an application only moments."""
        log.info("the session is ending: saving the window layout")
        self.windows.save_state()
        self.settings.sync()

    def run(self) -> bool:
        """Shut down (later calls do nothing); True when every job ended in time."""
        if self.started:
            return self.jobs_ended
        self.started = True
        log.info("shutting down: %d background job(s) running", self.jobs.running)
        if self.errors is not None:
            self.errors.interactive = False  # an error from now on is logged, not shown
        interrupt = self.statements.interrupt_all if self.statements is not None else None
        self.jobs_ended = self.jobs.shutdown(self.job_bound_ms, interrupt=interrupt)
        self.windows.close_windows()
        hide_top_level_widgets()
        self.settings.sync()
        return self.jobs_ended


def hide_top_level_widgets() -> None:
    """Hide what is still shown (editors, dialogs) without ``close()``: an editor with
    unsaved changes would ask, and nobody may be asked any more."""
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.isVisible():
            widget.hide()


def dispose_application(app: QApplication) -> None:
    """Delete the windows, then every Python-owned Qt object and the application, while
    the interpreter is whole (never at its finalisation). After this no Qt object of
    the application may be touched; the process is to end."""
    hide_top_level_widgets()
    for widget in _parentless_windows():
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.shutdown()  # PySide: Python-owned objects first, then the application


def _parentless_windows() -> list[QWidget]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if shiboken6.isValid(widget) and widget.parent() is None
    ]


def end_process_now(code: int) -> None:
    """End the process without tearing Qt down: a background job did not end within its
    bound, and deleting the application would wait for it (or pull objects from under
    it). The settings are written already; the log and the console are flushed."""
    log.error("a background job did not end: the process ends without cleaning up")
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


class ConsoleInterrupt:
    """Ctrl+C in the console that started the desk (SIGINT; Ctrl+Break's SIGBREAK on
    Windows; SIGTERM) ends the loop with ``request_quit``, as closing the window would.

    Python's default handler raises KeyboardInterrupt, which a Qt event loop never lets
    through; this one asks the loop to end. A timer wakes the interpreter regularly so
    that it gets to run the handler. Works the same on Windows (``signal.signal`` only).
    Not a QObject: the handlers outlive the application, and ``signal.signal`` compares
    the handler it replaces, which a deleted Qt object's wrapper refuses.
    """

    def __init__(self, request_quit: Callable[[], None], *, wake_up_ms: int = WAKE_UP_MS) -> None:
        self._request_quit = request_quit
        self._previous: dict[int, Any] = {}
        self.requested = False
        self._timer = QTimer()
        self._timer.setInterval(wake_up_ms)
        self._timer.timeout.connect(self._wake_up)

    @staticmethod
    def signals() -> list[signal.Signals]:
        names = ("SIGINT", "SIGBREAK", "SIGTERM")  # SIGBREAK exists on Windows only
        return [getattr(signal, name) for name in names if hasattr(signal, name)]

    def install(self) -> None:
        """Install the handlers (from the main thread) and start the wake-up timer. A
        signal the process was started to ignore (a background job's SIGINT) stays
        ignored, as Python itself leaves it."""
        for number in self.signals():
            if signal.getsignal(number) != signal.SIG_IGN:
                self._previous[number] = signal.signal(number, self._handle)
        self._timer.start()

    def stop(self) -> None:
        """Stop the wake-up timer (the loop is over); the handlers stay until ``uninstall``."""
        if shiboken6.isValid(self._timer):
            self._timer.stop()

    def uninstall(self) -> None:
        """Put the previous handlers back; may be called after the application is gone."""
        self.stop()
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        self._previous.clear()

    def _wake_up(self) -> None:
        """Nothing to do: running Python code is what lets a pending handler run."""

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        if self.requested or QCoreApplication.instance() is None:
            return  # a second Ctrl+C while shutting down: the shutdown is bounded anyway
        self.requested = True
        log.info("%s received: the application ends", signal.Signals(number).name)
        # Through the loop: the signal may come before the loop has started, when
        # exit() would be lost, or inside a slot that is half-way through its work.
        QTimer.singleShot(0, self._request_quit)
