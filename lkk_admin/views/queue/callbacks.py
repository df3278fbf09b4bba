"""Job callbacks that are dropped when their widget is gone.

A job's result arrives through a queued signal; by then the user may have closed the
dialog or the window that asked for it. ``bound(owner, function)`` calls ``function``
only while ``owner``'s C++ object still exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import shiboken6
from PySide6.QtCore import QObject

P = ParamSpec("P")


def bound(owner: QObject, function: Callable[P, object]) -> Callable[P, None]:
    def call(*args: P.args, **kwargs: P.kwargs) -> None:
        if shiboken6.isValid(owner):
            function(*args, **kwargs)

    return call
