"""Starts the desk on a copy of a demo database and ends it one way after a delay.

    python -m tests.desk_quitter WAY DELAY_MS DEMO_TEMPLATE

Run by tests/test_shutdown.py in a subprocess whose per-user folders point at a
temporary home. It goes through ``run_gui`` as ``lkk-admin --demo`` does; the delay
counts from the start of the event loop. Ways:

- ``exit``: ``QApplication.exit(0)``;
- ``quit``: ``QApplication.quit()`` (Qt closes the windows first);
- ``close``: the main window is closed, as soon as it is shown after the delay;
- ``sigint``: the process gets SIGINT (Ctrl+C in its console) from another thread;
- ``session``: Windows ending the session: Qt's ``commitDataRequest`` handler, then
  ``aboutToQuit`` from inside the loop, then the process is killed (``os._exit(0)``);
- ``stuck``: ``exit`` with a background job that ignores its cancel and never ends.

It prints ``quitting window=<0|1>`` when it ends the desk: whether the main window was
shown by then (only then is a layout to be saved).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from lkk_admin import paths
from lkk_admin.app import Launcher, run_gui
from lkk_admin.views.shutdown import OrderlyShutdown

WAYS = ("exit", "quit", "close", "sigint", "session")
STUCK = "stuck"


def report(window_shown: bool) -> None:
    print(f"quitting window={int(window_shown)}", flush=True)


def interrupt_process() -> None:
    """What Ctrl+C does: SIGINT to the process (the Windows console raises it in-process)."""
    if sys.platform == "win32":
        signal.raise_signal(signal.SIGINT)
    else:
        os.kill(os.getpid(), signal.SIGINT)


def schedule(way: str, delay_ms: int, launcher: Launcher, shutdown: OrderlyShutdown) -> None:
    def window_shown() -> bool:
        return launcher.window is not None

    def end() -> None:
        if way in ("exit", STUCK):
            report(window_shown())
            QApplication.exit(0)
        elif way == "quit":
            report(window_shown())
            QApplication.quit()
        elif way == "close":
            if launcher.window is None:
                QTimer.singleShot(10, end)
                return
            report(True)
            launcher.window.close()
        elif way == "session":
            report(window_shown())
            shutdown.save_state(None)  # WM_QUERYENDSESSION: commitDataRequest
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            app.aboutToQuit.emit()  # WM_ENDSESSION: aboutToQuit from inside the loop
            os._exit(0)  # ... and Windows ends the process
        else:
            raise ValueError(way)

    if way == STUCK:
        launcher.jobs.start(lambda _control: threading.Event().wait(600), name="stuck")
    if way == "sigint":
        # From another thread: the signal arrives while the loop waits in C, as Ctrl+C does.
        # (Started from a console, not as a background job that ignores SIGINT.)
        def interrupt() -> None:
            report(window_shown())
            interrupt_process()

        timer = threading.Timer(delay_ms / 1000, interrupt)
        timer.daemon = True
        QTimer.singleShot(0, timer.start)
    else:
        QTimer.singleShot(delay_ms, end)


def main(argv: list[str]) -> int:
    way, delay_ms, template = argv[0], int(argv[1]), Path(argv[2])
    if way not in (*WAYS, STUCK):
        raise SystemExit(f"way: one of {', '.join((*WAYS, STUCK))}")
    shutil.copyfile(template, paths.demo_database_path())
    if way == "sigint":
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as from a console
    return run_gui(
        demo=True,
        on_started=lambda launcher, shutdown: schedule(way, delay_ms, launcher, shutdown),
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
