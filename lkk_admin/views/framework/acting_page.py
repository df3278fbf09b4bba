"""A list page whose records are acted on: each act a job, one at a time, then the record
read again and a notice of what was done; records edited in windows of their own, one
window per record (the news and survey sections)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from lkk_admin.services.errors import ConflictError, NotFoundError
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.framework.spec import RowT
from lkk_admin.views.workers import JobControl

Act = Callable[[JobControl], int]
WindowT = TypeVar("WindowT", bound=QWidget)


class ActingPage(ListPage[RowT], Generic[RowT]):
    """``busy`` while an act runs (the section's actions are off meanwhile); ``editors``
    the open editor windows, each with a ``record_id`` and a ``saved(detail)`` signal."""

    busy = False
    editors: list[Any]

    def raise_editor(self, record_id: int | None, kind: type[WindowT]) -> WindowT | None:
        """The ``kind`` window already editing ``record_id``, raised; None if none is."""
        for window in self.editors:
            if (
                isinstance(window, kind)
                and record_id is not None
                and getattr(window, "record_id", None) == record_id
            ):
                window.raise_()
                window.activateWindow()
                return window
        return None

    def keep_editor(self, window: Any) -> None:
        """Show a new editor window: the list follows its saves; it is forgotten once closed."""
        self.editors.append(window)
        window.saved.connect(self._editor_saved)
        window.destroyed.connect(lambda _object=None: self._forget(window))
        window.show()

    def _forget(self, window: Any) -> None:
        self.editors = [shown for shown in self.editors if shown is not window]

    def _editor_saved(self, detail: Any) -> None:
        self.model.refresh()
        self.show_record(detail.id)
        self.open_detail(detail.id, quiet=True)  # shown already: read the new version

    def run_act(self, work: Act, record_id: int | None, notice: str, name: str) -> None:
        """Run ``work`` in a job: it returns the record's new version, or (a copy) the new
        record's id when ``record_id`` is None; the record is then shown read again."""
        self.busy = True
        self.update_actions()

        def done(result: int) -> None:
            self.busy = False
            self.record_changed(record_id if record_id is not None else result, notice)

        def failed(error: BaseException) -> None:
            self.busy = False
            self.update_actions()
            self.context.errors.report(error, self)
            if record_id is not None:
                self.record_refused(record_id, error)

        self.context.jobs.start(
            work, on_success=bound(self, done), on_failure=bound(self, failed), name=name
        )

    def record_changed(self, record_id: int, notice: str) -> None:
        """The record changed: the list and the detail read again, the notice shown."""
        self.model.refresh()
        self.show_record(record_id)
        self.open_detail(record_id, quiet=True)
        self.view.show_notice(notice, "success")
        self.update_actions()

    def record_refused(self, record_id: int, error: BaseException) -> None:
        """A colleague changed or removed the record meanwhile: show what is there now."""
        if isinstance(error, ConflictError | NotFoundError):
            self.model.refresh()
            self.open_detail(record_id, quiet=True)
