"""Guards against a PySide6 build that loses references to None and True.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call and to
True on every Signal.emit(); a desk died with "Fatal Python error: bool_dealloc" after
hours of work. pyproject.toml excludes that release; this test catches the next one.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class Emitter(QObject):
    ping = Signal()


def test_emits_and_void_calls_keep_the_singletons_referenced(qtbot: QtBot) -> None:
    emitter = Emitter()
    label = QLabel()
    qtbot.addWidget(label)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(300):
        emitter.ping.emit()
        label.setText(str(n))
    # Other code may take or drop a few references meanwhile; a leak loses hundreds.
    assert abs(sys.getrefcount(True) - true_before) < 50
    assert abs(sys.getrefcount(None) - none_before) < 50
