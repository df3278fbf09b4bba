"""A hidden hook for ``benchmarks/startup.py``: how long the desk takes to be ready.

With ``LKK_ADMIN_STARTUP_PROBE=1`` in the environment, the desk prints one line when its
main window is shown and the first section's list has loaded, then closes the window (so
the program ends as it does when the user closes it)::

    LKK_ADMIN_STARTUP_PROBE shown=0.612 ready=0.734

The figures are seconds since the operating system started the process (or, where that
is unknown, since this package was imported). Nothing else reads the variable.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lkk_admin.views.main_window import MainWindow

ENVIRONMENT_VARIABLE = "LKK_ADMIN_STARTUP_PROBE"
MARKER = "LKK_ADMIN_STARTUP_PROBE"
_IMPORTED_AT = time.time()


def requested() -> bool:
    return os.environ.get(ENVIRONMENT_VARIABLE) == "1"


def process_started_at() -> float:
    """When the process started, in ``time.time()`` seconds (10 ms steps on Linux)."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", encoding="ascii") as stat:  # noqa: PTH123
                fields = stat.read().rsplit(")", 1)[1].split()
            with open("/proc/uptime", encoding="ascii") as uptime:  # noqa: PTH123
                since_boot = float(uptime.read().split()[0])
            started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime
            return time.time() - (since_boot - started)
        if sys.platform == "win32":
            return _windows_process_started_at()
    except (OSError, ValueError, IndexError):
        pass
    return _IMPORTED_AT


def _windows_process_started_at() -> float:
    import ctypes
    from ctypes import wintypes

    created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    if not kernel32.GetProcessTimes(
        kernel32.GetCurrentProcess(),
        ctypes.byref(created),
        ctypes.byref(exited),
        ctypes.byref(kernel),
        ctypes.byref(user),
    ):
        raise OSError("GetProcessTimes failed")
    ticks = (created.dwHighDateTime << 32) | created.dwLowDateTime  # 100 ns since 1601
    return ticks / 10_000_000 - 11_644_473_600


def report_when_ready(window: MainWindow) -> None:
    """Print the marker once ``window``'s first section has loaded its list, then close."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractItemView

    from lkk_admin.views.framework.paged_table_model import PagedTableModel

    started = process_started_at()
    shown = time.time() - started
    page = window.stack.currentWidget()
    tables = page.findChildren(QAbstractItemView) if page is not None else []
    lists: list[PagedTableModel[Any, Any, Any]] = [
        model for table in tables if isinstance(model := table.model(), PagedTableModel)
    ]
    done = False

    def check(*_args: object) -> None:
        nonlocal done
        loaded = any(model.loaded_once for model in lists) or not lists
        if done or not loaded or any(model.is_loading for model in lists):
            return
        done = True
        print(f"{MARKER} shown={shown:.3f} ready={time.time() - started:.3f}", flush=True)
        QTimer.singleShot(0, window.close)

    def failed(*_args: object) -> None:
        nonlocal done
        if not done:
            done = True
            print(f"{MARKER} failed", flush=True)
            QTimer.singleShot(0, window.close)

    for model in lists:
        model.loading_changed.connect(check)
        model.load_failed.connect(failed)
    QTimer.singleShot(0, check)
