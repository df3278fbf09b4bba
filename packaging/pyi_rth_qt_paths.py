"""PyInstaller run-time hook of the bundle, in place of PyInstaller's ``pyi_rth_pyside6``.

PyInstaller's hook imports ``PySide6.QtCore`` at every start, to give Qt an embedded
``qt.conf`` that PySide6 from PyPI makes itself when it is first imported; so even
``lkk-admin --version`` and the command line's database commands loaded Qt. This one sets
the same search paths (Qt's plugins; on Windows the bundle's folder first on ``PATH``, for
the DLLs a plugin loads by name) and imports nothing. ``lkk_admin.spec`` swaps it in.
"""

import os
import sys
from pathlib import Path


def _qt_paths() -> None:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:  # pragma: no cover - runs only in the frozen program
        return
    qt = Path(bundle, "PySide6") if sys.platform == "win32" else Path(bundle, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = str(qt / "plugins")
    if sys.platform == "win32":
        os.environ["PATH"] = os.pathsep.join([bundle, os.environ.get("PATH", "")])


_qt_paths()
del _qt_paths
