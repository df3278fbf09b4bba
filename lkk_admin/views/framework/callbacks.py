"""Job callbacks that are dropped when their widget is gone, or their question stale.

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


class Latest:
    """Only the answer to the latest question counts: the stale-answer guard in one place.

    A pane that loads what the user selected starts a job per selection; by the time an
    answer arrives the user may have selected something else. ``wrap`` ties a callback to
    the question asked now: once :meth:`next` is called again (a newer question, or
    :meth:`drop` when nothing is wanted any more) the older answers are ignored.
    """

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._generation = 0

    def next(self) -> int:
        """A new question: every answer to an earlier one becomes stale."""
        self._generation += 1
        return self._generation

    def drop(self) -> None:
        """Nothing is wanted any more: answers still on their way are ignored."""
        self._generation += 1

    def is_current(self, generation: int) -> bool:
        return generation == self._generation

    def wrap(self, function: Callable[P, object]) -> Callable[P, None]:
        """``function`` for the question asked last, ignored when stale or the owner gone."""
        generation = self._generation

        def call(*args: P.args, **kwargs: P.kwargs) -> None:
            if generation == self._generation and shiboken6.isValid(self._owner):
                function(*args, **kwargs)

        return call
