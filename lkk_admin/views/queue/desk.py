"""The verifier's desk: the request open in the pane, its claim and the decisions on it.

Every user action is one job: claim the next request, claim or release this one, decide.
While a request claimed by the user is open its lease is renewed on a timer; if that
fails (an administrator freed it, someone took over a lapsed lease) the user is told.
Decision dialogs keep what was typed in them: a dialog closed without deciding leaves a
draft that comes back when it is opened again for the same request.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from lkk_admin.services.errors import ConflictError
from lkk_admin.services.queue import Claim, Decision
from lkk_admin.services.request_details import RequestDetails
from lkk_admin.services.request_list import RequestRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue import jobs
from lkk_admin.views.queue.decision_dialogs import (
    ApproveDialog,
    DecisionDialog,
    RejectDialog,
    ReturnDialog,
)
from lkk_admin.views.queue.formatting import now_utc, status_name
from lkk_admin.views.queue.jobs import Opened
from lkk_admin.views.queue.request_view import RequestView
from lkk_admin.views.workers import JobControl

log = logging.getLogger(__name__)

D = TypeVar("D", bound=DecisionDialog)


class RequestDesk(QObject):
    """Claims, renewals and decisions for the request shown in ``view``."""

    state_changed = Signal()  # what the actions may do has changed
    queue_touched = Signal()  # this desk changed the queue: the list should refresh
    shown = Signal(int)  # a request is now shown in the pane

    def __init__(
        self,
        context: AppContext,
        view: RequestView,
        *,
        renew_interval_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.view = view
        self.dialog: DecisionDialog | None = None
        self.drafts: dict[tuple[int, str], str] = {}
        self.busy = False  # a claim, release or open is running
        self._generation = 0  # of user actions: the latest one's result is shown
        self._reread = 0  # of quiet rereads
        self._renewing = False
        self.renew_timer = QTimer(self)
        self.renew_timer.setInterval(renew_interval_ms)
        self.renew_timer.timeout.connect(self.renew)
        view.choices_changed.connect(self.state_changed)

    @property
    def details(self) -> RequestDetails | None:
        return self.view.details

    def is_mine(self, details: RequestDetails | None = None) -> bool:
        details = details if details is not None else self.view.details
        return (
            details is not None
            and details.status == "in_review"
            and details.claimed_by == self.context.actor
        )

    def can_release(self) -> bool:
        """One's own claim; an administrator also frees someone else's (who left for lunch
        with a request open)."""
        details = self.view.details
        if details is None or details.status != "in_review":
            return False
        if self.is_mine(details):
            return True
        return details.claimed_by is not None and "admin" in self.context.connection.staff_roles

    def can_approve(self) -> bool:
        details = self.view.details
        return (
            self.is_mine()
            and details is not None
            and details.can_approve
            and bool(self.view.contracts.chosen_lines())
        )

    def claimable(self, row: RequestRow | None) -> bool:
        """The open request (or else ``row``) may be taken into review by the user."""
        details = self.view.details
        if details is not None:
            status, holder, until = details.status, details.claimed_by, details.claim_expires_at
        elif row is not None:
            status, holder, until = row.status, row.claimed_by, row.claim_expires_at
        else:
            return False
        if status == "pending":
            return True
        lapsed = until is None or until <= now_utc()
        return status == "in_review" and holder != self.context.actor and lapsed

    # --- opening, claiming, releasing -------------------------------------------------------

    def open(self, request_id: int, *, quiet: bool = False) -> None:
        """Show a request; ``quiet``: a background reread (no busy state, no error box)."""
        factory = self.context.session_factory
        self._run(
            lambda _control: jobs.open_request(factory, request_id),
            notice=None if quiet else "",
            quiet=quiet,
            name="queue-open",
        )

    def take_next(self) -> None:
        if self.busy:
            return
        factory, actor = self.context.session_factory, self.context.actor
        self._run(
            lambda _control: jobs.claim_next(factory, actor),
            notice=self._taken_notice,
            touches_queue=True,
            name="queue-claim-next",
        )

    def _taken_notice(self, opened: Opened) -> str:
        """What "take next" took and why it came first (services.queue.take_next)."""
        taken = opened.taken
        if taken is None:
            return ""
        now = now_utc()
        when, age = fmt.date_time(taken.submitted_at), fmt.age(taken.submitted_at, now)
        if taken.previous_holder is not None:
            ended = taken.lease_ended_at
            return self.tr(
                "Taken from the queue: the request of your colleague {holder}, whose claim "
                "lapsed {time}; it was submitted before every waiting request ({when}, "
                "{age} ago). It is yours to review now."
            ).format(
                holder=taken.previous_holder,
                time=fmt.short_time(ended, now) if ended is not None else "—",
                when=when,
                age=age,
            )
        return self.tr(
            "Taken from the queue: the oldest waiting request, submitted {when} ({age} ago). "
            "It is yours to review."
        ).format(when=when, age=age)

    def claim(self, request_id: int) -> None:
        if self.busy:
            return
        factory, actor = self.context.session_factory, self.context.actor
        self._run(
            lambda _control: jobs.claim(factory, request_id, actor),
            notice="",
            touches_queue=True,
            name="queue-claim",
        )

    def release(self) -> None:
        details = self.view.details
        if details is None or not self.can_release() or self.busy:
            return
        factory, actor, request_id = self.context.session_factory, self.context.actor, details.id
        force = not self.is_mine(details)  # an administrator freeing someone else's claim
        if not force:
            self.renew_timer.stop()
        notice = (
            self.tr("Released {holder}'s claim: the request is back in the queue.").format(
                holder=details.claimed_by
            )
            if force
            else self.tr("Released: the request is back in the queue.")
        )
        self._run(
            lambda _control: jobs.release(factory, request_id, actor, force=force),
            notice=notice,
            touches_queue=True,
            name="queue-release",
        )

    def reread_if_changed(self, row: RequestRow | None) -> None:
        """The list has a newer state of the open request than the pane: reread it."""
        details = self.view.details
        if details is None or row is None or row.id != details.id:
            return
        if (row.version, row.status, row.claimed_by) != (
            details.version,
            details.status,
            details.claimed_by,
        ):
            self.open(details.id, quiet=True)

    def _run(
        self,
        work: Callable[[JobControl], Opened],
        *,
        notice: str | Callable[[Opened], str] | None,
        quiet: bool = False,
        touches_queue: bool = False,
        name: str,
    ) -> None:
        """One action that ends with a request in the pane.

        A user action supersedes any earlier one. A ``quiet`` reread (the list saw a
        change) never gets in the way of the user's own action or decision: it is not
        started while one runs, and its result is dropped if one started meanwhile.
        """
        if quiet:
            if self.busy or self._deciding():
                return  # the user's own action will show the request as it now is
            self._reread += 1
        else:
            self._generation += 1
            self.busy = True
            self.state_changed.emit()
        generation, reread = self._generation, self._reread

        def done(opened: Opened) -> None:
            if generation != self._generation:
                return
            if quiet and (reread != self._reread or self.busy or self._deciding()):
                return
            self.busy = False
            text = notice(opened) if callable(notice) else notice
            self._show(opened, text, watch_claim=quiet)
            if touches_queue:
                self.queue_touched.emit()

        def failed(error: BaseException) -> None:
            if quiet:
                log.warning("rereading the open request failed: %s", type(error).__name__)
                return
            if generation == self._generation:
                self.busy = False
                self.state_changed.emit()
            self.context.errors.report(error, self.view)
            if isinstance(error, ConflictError):
                self.queue_touched.emit()  # someone else was quicker: show the list as it is
                details = self.view.details
                if details is not None:
                    self.open(details.id, quiet=True)

        self.context.jobs.start(
            work, on_success=bound(self, done), on_failure=bound(self, failed), name=name
        )

    def _deciding(self) -> bool:
        return self.dialog is not None and self.dialog.busy

    def _show(self, opened: Opened, notice: str | None, *, watch_claim: bool = False) -> None:
        """Show what a job brought; ``watch_claim``: tell the user if the claim was lost."""
        details = opened.details
        if details is None:
            if opened.none_waiting:
                self.view.clear(
                    self.tr(
                        "No request is waiting in the queue. "
                        "New requests appear here by themselves."
                    )
                )
                self.view.show_notice(self.tr("The queue is empty."), "info")
            self.renew_timer.stop()
            self.state_changed.emit()
            return
        previous = self.view.details
        self.view.show_details(details)
        if notice:
            self.view.show_notice(notice, "info")
        elif notice == "":
            self.view.hide_notice()
        if watch_claim and previous is not None and previous.id == details.id:
            decided_by_me = details.decided_by == self.context.actor and details.status not in (
                "pending",
                "in_review",
            )
            if self.is_mine(previous) and not self.is_mine(details) and not decided_by_me:
                self._claim_lost(details)
        if self.is_mine(details):
            if not self.renew_timer.isActive():
                self.renew_timer.start()
        else:
            self.renew_timer.stop()
        self.shown.emit(details.id)
        self.state_changed.emit()

    def _claim_lost(self, details: RequestDetails) -> None:
        """Someone else holds (or an administrator freed) the request the user worked on."""
        self.renew_timer.stop()
        if details.status == "in_review" and details.claimed_by:
            text = self.tr(
                "Request No. {id} is no longer claimed by you: {holder} is reviewing it now. "
                "A decision of yours on it would not be saved."
            ).format(id=details.id, holder=details.claimed_by)
        else:
            text = self.tr(
                "Request No. {id} is no longer claimed by you (now: {status}). "
                "A decision of yours on it would not be saved."
            ).format(id=details.id, status=status_name(details.status))
        self.view.show_notice(text, "warning")
        self.context.errors.report(ConflictError(text, code="CLAIM_LOST"), self.view)

    # --- keeping the claim ------------------------------------------------------------------

    def renew(self) -> None:
        details = self.view.details
        if details is None or not self.is_mine(details):
            self.renew_timer.stop()
            return
        if self._renewing or (self.dialog is not None and self.dialog.busy):
            return  # a decision is being saved: it ends the claim anyway
        self._renewing = True
        factory, actor, request_id = self.context.session_factory, self.context.actor, details.id
        self.context.jobs.start(
            lambda _control: jobs.renew(factory, request_id, actor),
            on_success=bound(self, self._renewed),
            on_failure=bound(self, lambda error: self._renew_failed(request_id, error)),
            name="queue-renew",
        )

    def _renewed(self, claim: Claim) -> None:
        self._renewing = False
        shown = self.view.details
        if shown is None or shown.id != claim.request_id:
            return
        if claim.version == shown.version + 1:  # only our renewal changed it
            self.view.show_details(
                dataclasses.replace(shown, version=claim.version, claim_expires_at=claim.expires_at)
            )
        else:
            self.open(claim.request_id, quiet=True)
        dialog = self.dialog
        if (
            dialog is not None
            and dialog.details.id == claim.request_id
            and claim.version == dialog.expected_version + 1
        ):
            dialog.expected_version = claim.version  # the user saw the same request

    def _renew_failed(self, request_id: int, error: BaseException) -> None:
        self._renewing = False
        if isinstance(error, ConflictError):
            # Rereading shows who holds it now and tells the user (see _claim_lost).
            self.view.show_notice(error.message, "warning")
            self.open(request_id, quiet=True)
            self.queue_touched.emit()
            return
        self.context.errors.report(error, self.view)

    # --- decisions --------------------------------------------------------------------------

    def open_approve(self) -> ApproveDialog | None:
        details = self.view.details
        if details is None or not self.can_approve():
            return None
        chosen = self.view.contracts.chosen_lines()
        return self._open_dialog(ApproveDialog(self.context, details, chosen, self.view))

    def open_reject(self) -> RejectDialog | None:
        details = self.view.details
        if details is None or not self.is_mine(details):
            return None
        draft = self.drafts.get((details.id, RejectDialog.kind), "")
        dialog = RejectDialog(self.context, details, draft, self.view)
        dialog.return_instead.connect(lambda: self._return_instead(dialog))
        return self._open_dialog(dialog)

    def _return_instead(self, dialog: RejectDialog) -> None:
        """The checks suggest returning the request: from the refusal to the return."""
        if dialog.busy or self.dialog is not dialog:
            return
        dialog.reject()  # what was typed stays as a draft
        self.open_return()

    def open_return(self) -> ReturnDialog | None:
        details = self.view.details
        if details is None or not self.is_mine(details):
            return None
        draft = self.drafts.get((details.id, ReturnDialog.kind), "")
        return self._open_dialog(ReturnDialog(self.context, details, draft, self.view))

    def _open_dialog(self, dialog: D) -> D | None:
        if self.dialog is not None and self.dialog.isVisible():
            dialog.deleteLater()
            self.dialog.raise_()
            return None
        self.dialog = dialog
        dialog.decided.connect(self._decided)
        dialog.failed.connect(self._decision_failed)
        dialog.finished.connect(lambda result: self._dialog_finished(dialog, result))
        dialog.open()
        return dialog

    def _dialog_finished(self, dialog: DecisionDialog, result: int) -> None:
        text = dialog.typed_text()
        if result != QDialog.DialogCode.Accepted and text.strip():
            self.drafts[(dialog.details.id, dialog.kind)] = text  # comes back on reopening
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.state_changed.emit()

    def _decided(self, decision: Decision) -> None:
        for kind in (ApproveDialog.kind, RejectDialog.kind, ReturnDialog.kind):
            self.drafts.pop((decision.request_id, kind), None)
        self.renew_timer.stop()
        notice = self._decision_notice(decision)
        factory, request_id = self.context.session_factory, decision.request_id

        def show(opened: Opened) -> None:
            self._show(opened, None)
            self.view.show_notice(notice, "success")

        self.view.show_notice(notice, "success")
        self.context.jobs.start(
            lambda _control: jobs.open_request(factory, request_id),
            on_success=bound(self, show),
            name="queue-open-decided",
        )
        self.queue_touched.emit()

    def _decision_notice(self, decision: Decision) -> str:
        if decision.status == "approved":
            text = self.tr(
                "Request No. {id} approved: access to {granted} contract(s) granted. "
                "The applicant's e-mail is queued for sending. Press F2 for the next request."
            )
        elif decision.status == "rejected":
            text = self.tr(
                "Request No. {id} rejected. The applicant's e-mail is queued for sending. "
                "Press F2 for the next request."
            )
        else:
            text = self.tr(
                "Request No. {id} returned for clarification. The applicant's e-mail is queued "
                "for sending. Press F2 for the next request."
            )
        return text.format(id=decision.request_id, granted=len(decision.granted))

    def _decision_failed(self, _error: BaseException) -> None:
        """Show the request as it is now (the dialog keeps the user's text)."""
        details = self.view.details
        if details is not None:
            self.open(details.id, quiet=True)
        self.queue_touched.emit()
