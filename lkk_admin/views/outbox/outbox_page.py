"""The outgoing mail section: the framework's list and detail, and two commands of its own.

Everything a list does comes from :class:`~lkk_admin.views.framework.list_page.ListPage`
as :data:`.outbox_section.OUTBOX` declares it. This page adds retrying a failed letter,
cancelling a waiting one (with a reason, :mod:`.cancel_dialog`) and revealing the
recipient's address; each changes the row and the pane as soon as the database has it.
F5 reads everything again (the sender works meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from lkk_admin.services.errors import ConflictError
from lkk_admin.services.outbox import OutboxMessage, OutboxRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.list_page import SEARCH_DELAY_MS, ListActions, ListPage
from lkk_admin.views.outbox import jobs
from lkk_admin.views.outbox.cancel_dialog import CancelDialog
from lkk_admin.views.outbox.jobs import Changed
from lkk_admin.views.outbox.message_view import MessageView
from lkk_admin.views.outbox.outbox_section import OUTBOX
from lkk_admin.views.sections import SectionSpec, section_by_key
from lkk_admin.views.workers import JobControl

SECTION_KEY = "mail_outbox"


class OutboxCommands(ListActions):
    """The list's commands, with the outbox's own by name."""

    @property
    def retry(self) -> QAction:
        return self.named["retry"]

    @property
    def cancel(self) -> QAction:
        return self.named["cancelMail"]

    @property
    def reveal(self) -> QAction:
        return self.named["revealRecipient"]


class OutboxPage(ListPage[OutboxRow]):
    """The outbox as one member of staff (``context.actor``) sees and acts on it."""

    view: MessageView
    commands: OutboxCommands

    def __init__(
        self,
        context: AppContext,
        spec: SectionSpec | None = None,
        *,
        page_size: int | None = None,
        search_delay_ms: int = SEARCH_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        spec = spec or section_by_key(SECTION_KEY)
        assert spec is not None
        super().__init__(
            context,
            spec,
            OUTBOX,
            page_size=page_size,
            search_delay_ms=search_delay_ms,
            parent=parent,
        )
        self.setObjectName("outboxPage")
        self.busy = False  # a retry or a cancellation is being saved
        self.dialog: CancelDialog | None = None
        self.view.reveal_requested.connect(self.reveal)
        self.update_actions()

    def _make_commands(self) -> OutboxCommands:
        return OutboxCommands(self, self.section, self.context.connection.staff_roles)

    # --- the list and the open letter -------------------------------------------------------

    def _rows_loaded(self) -> None:
        """A refresh may bring a newer state of the open letter (the sender sent it)."""
        message = self.view.message
        if message is not None:
            number = self.model.row_of(message.id)
            row = self.model.row_at(number) if number is not None else None
            if row is not None and row != message.row:
                self.open_detail(message.id, quiet=True)
        super()._rows_loaded()

    def show_detail(self, detail: OutboxMessage) -> None:
        self.model.update_row(detail.row)  # the list never shows an older state
        super().show_detail(detail)

    def reveal(self, message_id: int) -> None:
        factory, actor = self.context.session_factory, self.context.actor

        def failed(error: BaseException) -> None:
            self.view.show_address(message_id, None)
            self.context.errors.report(error, self)

        self.context.jobs.start(
            lambda _control: jobs.reveal(factory, message_id, actor),
            on_success=bound(self, lambda address: self._revealed(message_id, address)),
            on_failure=bound(self, failed),
            name="outbox-reveal",
        )

    def _revealed(self, message_id: int, address: str) -> None:
        self.view.show_address(message_id, address)
        self.update_actions()

    # --- retry and cancel -------------------------------------------------------------------

    def retry(self) -> None:
        message = self.view.message
        if message is None or message.status != "failed" or self.busy:
            return
        factory, actor, message_id = self.context.session_factory, self.context.actor, message.id
        self._act(
            lambda _control: jobs.retry(factory, message_id, actor),
            message_id,
            notice=self.tr(
                "Letter No. {id} is back in the queue: the sender will try again from the "
                "first attempt."
            ).format(id=message_id),
            name="outbox-retry",
        )

    def _act(
        self, work: Callable[[JobControl], Changed], message_id: int, *, notice: str, name: str
    ) -> None:
        self.busy = True
        self.update_actions()

        def done(changed: Changed) -> None:
            self.busy = False
            self._changed(changed, notice)

        def failed(error: BaseException) -> None:
            self.busy = False
            self.update_actions()
            self.context.errors.report(error, self)
            if isinstance(error, ConflictError):  # show the letter as it is now
                self.refresh_letter(message_id)

        self.context.jobs.start(
            work, on_success=bound(self, done), on_failure=bound(self, failed), name=name
        )

    def refresh_letter(self, message_id: int) -> None:
        self.model.refresh()
        self.open_detail(message_id, quiet=True)

    def _changed(self, changed: Changed, notice: str) -> None:
        self.filters.set_counts(changed.counts)
        self.model.update_row(changed.message.row)
        shown = self.view.message
        if shown is None or shown.id == changed.message.id:
            self._detail_request.drop()  # an older read of it must not overwrite this
            self.view.show_message(changed.message)
            self.view.show_notice(notice, "success")
        self.update_actions()

    def open_cancel(self) -> CancelDialog | None:
        message = self.view.message
        if message is None or message.status != "pending" or self.busy:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return None
        dialog = CancelDialog(self.context, message, self)
        self.dialog = dialog
        dialog.cancelled.connect(
            lambda changed: self._changed(
                changed,
                self.tr("Letter No. {id} is cancelled: it will not be sent.").format(
                    id=changed.message.id
                ),
            )
        )
        dialog.failed.connect(lambda error: self._cancel_failed(message.id, error))
        dialog.finished.connect(lambda result: self._dialog_finished(dialog, result))
        dialog.open()
        self.update_actions()
        return dialog

    def _cancel_failed(self, message_id: int, error: BaseException) -> None:
        if isinstance(error, ConflictError):
            self.refresh_letter(message_id)

    def _dialog_finished(self, dialog: QDialog, _result: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.update_actions()


def create_page(context: AppContext, spec: SectionSpec | None = None) -> OutboxPage:
    """The factory the "mail_outbox" section names."""
    return OutboxPage(context, spec)
