"""Delivering the outbox from this desk, in the background (a single-desk setup).

Where no ``lkk-admin send-mail --watch`` runs on a server, the application can deliver the
mail its decisions queue: every few seconds a worker job sends what is due. The status
bar tells how it went; a mail server that is down is shown there, not in a dialog that
would pop up every half minute.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from lkk_admin.services.mail_delivery import DeliveryReport, Sender
from lkk_admin.services.mail_settings import MailSettings
from lkk_admin.services.profiles import LookupOutcome, PasswordVault
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.workers import JobControl

log = logging.getLogger(__name__)

INTERVAL_MS = 20_000


class BackgroundMailer(QObject):
    """Runs delivery jobs while the desk's settings ask for it; one at a time."""

    report_changed = Signal(str, bool)  # text for the status bar, whether it is a problem

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.deliver_now)
        self.apply(context.mail_settings)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def apply(self, settings: MailSettings) -> None:
        """Start or stop with the desk's setting (called again after the settings change)."""
        if settings.deliver_from_this_desk and not settings.problems():
            self._timer.start()
            QTimer.singleShot(0, self.deliver_now)
        else:
            self._timer.stop()
            self.report_changed.emit("", False)

    def deliver_now(self) -> None:
        if self._running or not self.active:
            return
        self._running = True
        factory, settings = self.context.session_factory, self.context.mail_settings

        def work(control: JobControl) -> DeliveryReport:
            password = None
            if settings.username:
                found = PasswordVault().lookup_key(settings.keyring_key())
                password = found.password if found.outcome is LookupOutcome.FOUND else None
            sender = Sender(factory, settings, password)
            return sender.deliver_due(stop=control.cancelled)

        self.context.jobs.start(
            work,
            on_success=bound(self, self._delivered),
            on_failure=bound(self, self._failed),
            on_finished=bound(self, self._finished),
            name="background-mail",
        )

    def _delivered(self, report: DeliveryReport) -> None:
        if report.server_problem:
            self.report_changed.emit(
                self.tr("Mail: {problem}").format(problem=report.server_problem), True
            )
        elif report.sent or report.failed:
            text = self.tr("Mail: {sent} sent, {failed} not delivered").format(
                sent=report.sent, failed=report.failed
            )
            self.report_changed.emit(text, bool(report.failed))

    def _failed(self, error: BaseException) -> None:
        # The database went away, say: tell it in the status bar and try again later.
        log.warning("background mail delivery failed: %s", type(error).__name__)
        self.report_changed.emit(
            self.tr("Mail: delivery paused ({error})").format(error=type(error).__name__), True
        )

    def _finished(self) -> None:
        self._running = False
