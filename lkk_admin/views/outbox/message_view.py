"""The letter pane: one letter exactly as it was or will be sent, and its delivery.

Left, the delivery: recipient (masked; showing it in full is a deliberate, audited
action), status, attempts, dates, the mail server's last answer, who cancelled or retried
it. Right, the letter itself: the HTML as the applicant's mail client shows it (inert,
see :mod:`.letter_browser`) and the plain-text part in a second tab.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.outbox import OutboxMessage
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.outbox import formatting as ofmt
from lkk_admin.views.outbox.letter_browser import LetterBrowser
from lkk_admin.views.pane_parts import (
    NoticeLabel,
    action_toolbar,
    pane_title_label,
    placeholder_label,
    value_label,
)

DELIVERY_MIN_WIDTH = 200
DELIVERY_WIDTH = 340
DELIVERY_MAX_WIDTH = 460  # the rest of the width goes to the letter


def _colour(label: QLabel, status: str) -> None:
    colour = ofmt.STATUS_COLOURS.get(status)
    label.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")


class MessageView(QWidget):
    """One letter; ``reveal_requested(id)`` when the user asks for the full address."""

    reveal_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageView")
        self.message: OutboxMessage | None = None
        self.revealed_address: str | None = None

        self.header = self._build_header()
        self.stack = QStackedWidget()
        self.placeholder = placeholder_label("messagePlaceholder")
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._build_body())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.clear()

    # --- building ---------------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        self.title_label = pane_title_label("messageTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("messageSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.notice_label = NoticeLabel("messageNotice")
        self.toolbar = action_toolbar("messageActions")

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.toolbar, 0, Qt.AlignmentFlag.AlignTop)
        header = QWidget()
        layout = QVBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.notice_label)
        return header

    def _build_body(self) -> QWidget:
        delivery = self._build_delivery()
        scroll = QScrollArea()
        scroll.setObjectName("deliveryScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(delivery)
        scroll.setMinimumWidth(DELIVERY_MIN_WIDTH)
        scroll.setMaximumWidth(DELIVERY_MAX_WIDTH)

        self.html_view = LetterBrowser()
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("letterText")
        self.text_view.setReadOnly(True)
        self.link_label = QLabel()
        self.link_label.setObjectName("letterLink")
        self.link_label.setEnabled(False)
        self.html_view.link_hovered.connect(self._link_hovered)
        html_page = QWidget()
        html_layout = QVBoxLayout(html_page)
        html_layout.setContentsMargins(0, 0, 0, 0)
        html_layout.setSpacing(2)
        html_layout.addWidget(self.html_view, 1)
        html_layout.addWidget(self.link_label)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("letterTabs")
        self.tabs.addTab(html_page, self.tr("Letter"))
        self.tabs.addTab(self.text_view, self.tr("Plain text"))
        self.tabs.setTabToolTip(0, self.tr("The letter as the recipient's mail client shows it"))
        self.tabs.setTabToolTip(
            1, self.tr("The plain-text part, for mail clients that do not show HTML")
        )

        # A splitter, not a fixed column: in a narrow window the user chooses what to see.
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setObjectName("messageSplitter")
        body.addWidget(scroll)
        body.addWidget(self.tabs)
        body.setChildrenCollapsible(False)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([DELIVERY_WIDTH, 2 * DELIVERY_WIDTH])
        self.body_splitter = body
        return body

    def _build_delivery(self) -> QWidget:
        group = QGroupBox(self.tr("Delivery"))
        group.setObjectName("deliveryGroup")
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setContentsMargins(8, 6, 8, 8)
        form.setVerticalSpacing(5)

        self.recipient_value = value_label("recipientValue")
        self.reveal_button = QPushButton(self.tr("Show address"))
        self.reveal_button.setObjectName("revealRecipientButton")
        self.reveal_button.setToolTip(
            self.tr("Show in full; the disclosure of personal data is recorded in the audit log")
        )
        self.reveal_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.reveal_button.clicked.connect(self.request_reveal)
        self.status_value = value_label("statusValue")
        bold = QFont(self.status_value.font())
        bold.setBold(True)
        self.status_value.setFont(bold)
        self.attempts_value = value_label("attemptsValue")
        self.created_value = value_label("createdValue")
        self.next_attempt_value = value_label("nextAttemptValue")
        self.sent_value = value_label("sentValue")
        self.error_value = value_label("lastErrorValue")
        self.cancelled_value = value_label("cancellationValue")
        self.retries_value = value_label("retriesValue")

        form.addRow(self.tr("To:"), self.recipient_value)
        # Under the address, not beside it: a long address and the label column of the
        # Russian form leave no room for both on one line.
        form.addRow("", self.reveal_button)
        form.addRow(self.tr("Status:"), self.status_value)
        form.addRow(self.tr("Attempts:"), self.attempts_value)
        form.addRow(self.tr("Queued:"), self.created_value)
        form.addRow(self.tr("Next attempt:"), self.next_attempt_value)
        form.addRow(self.tr("Sent:"), self.sent_value)
        form.addRow(self.tr("Last error:"), self.error_value)
        form.addRow(self.tr("Cancelled:"), self.cancelled_value)
        form.addRow(self.tr("Retried:"), self.retries_value)
        self.form = form

        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(group)
        layout.addStretch(1)
        return box

    def set_actions(self, actions: Iterable[QAction]) -> None:
        """Buttons for the page's actions (they share its enabled state and shortcut)."""
        for action in actions:
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setObjectName(f"{action.objectName()}Button")
                button.setAutoRaise(False)  # look like the buttons they are

    # --- showing ----------------------------------------------------------------------------

    def clear(self, text: str | None = None) -> None:
        self.message = None
        self.revealed_address = None
        self.placeholder.setText(
            text
            or self.tr("Select a letter in the list to see it exactly as it was or will be sent.")
        )
        self.stack.setCurrentIndex(0)
        self.title_label.setText(self.tr("No letter selected"))
        self.subtitle_label.clear()
        _colour(self.subtitle_label, "")
        self.hide_notice()
        self.html_view.clear()
        self.text_view.clear()

    @property
    def shown_id(self) -> int | None:
        return self.message.id if self.message is not None else None

    def show_loading(self) -> None:
        """The letter is being read: the one shown stays until it arrives."""

    def show_detail(self, detail: OutboxMessage) -> None:
        self.show_message(detail)

    def show_message(self, message: OutboxMessage) -> None:
        if self.message is None or self.message.id != message.id:
            self.revealed_address = None
            self.hide_notice()
            self.tabs.setCurrentIndex(0)
            self.html_view.setHtml(message.body_html)
            self.text_view.setPlainText(message.body_text)
        elif (self.message.body_html, self.message.body_text) != (
            message.body_html,
            message.body_text,
        ):  # the bodies never change; should they, show what is stored now
            self.html_view.setHtml(message.body_html)
            self.text_view.setPlainText(message.body_text)
        self.message = message
        row = message.row
        self.title_label.setText(row.subject)
        parts = [self.tr("Letter No. {id}").format(id=row.id), ofmt.template_name(row.template)]
        if row.request_id is not None:
            parts.append(self.tr("Request No. {id}").format(id=row.request_id))
        self.subtitle_label.setText(" · ".join(parts))

        self.recipient_value.setText(self.revealed_address or row.recipient_masked)
        self.form.setRowVisible(self.reveal_button, self.revealed_address is None)
        self.reveal_button.setEnabled(True)
        self.status_value.setText(ofmt.status_name(row.status))
        _colour(self.status_value, row.status)
        self.attempts_value.setText(str(row.attempts))
        self.created_value.setText(fmt.date_time(row.created_at))
        self._set_row(
            self.next_attempt_value,
            fmt.date_time(row.next_attempt_at) if row.status == "pending" else None,
        )
        self._set_row(self.sent_value, fmt.date_time(row.sent_at) if row.sent_at else None)
        self._set_row(self.error_value, row.last_error)
        _colour(self.error_value, "failed" if row.status == "failed" else "")
        cancellation = message.cancellation
        self._set_row(
            self.cancelled_value,
            None
            if cancellation is None
            else self.tr("{when}, {who}.\nReason: {reason}").format(
                when=fmt.date_time(cancellation.at),
                who=cancellation.actor,
                reason=cancellation.reason,
            ),
        )
        self._set_row(
            self.retries_value,
            "\n".join(
                self.tr("{when}, {who} (after {attempts} attempts)").format(
                    when=fmt.date_time(retry.at), who=retry.actor, attempts=retry.previous_attempts
                )
                for retry in message.retries
            )
            or None,
        )
        self.stack.setCurrentIndex(1)

    def _set_row(self, value: QLabel, text: str | None) -> None:
        """A row shown only when it has something to say (a sent letter has no next try)."""
        self.form.setRowVisible(value, text is not None)
        value.setText(text or "")

    @property
    def notice_kind(self) -> str:
        return self.notice_label.kind

    def show_notice(self, text: str, kind: str = "info") -> None:
        self.notice_label.show_notice(text, kind)

    def hide_notice(self) -> None:
        self.notice_label.hide_notice()

    # --- the recipient's address --------------------------------------------------------------

    def request_reveal(self) -> None:
        if self.message is None or self.revealed_address is not None:
            return
        self.reveal_button.setEnabled(False)  # until the job answers
        self.reveal_requested.emit(self.message.id)

    def show_address(self, message_id: int, address: str | None) -> None:
        """The job's answer (None: it failed, the button works again)."""
        self.reveal_button.setEnabled(True)
        if self.message is None or self.message.id != message_id or address is None:
            return
        self.revealed_address = address
        self.recipient_value.setText(address)
        self.form.setRowVisible(self.reveal_button, False)

    def _link_hovered(self, url: str) -> None:
        self.link_label.setText(self.tr("Link: {url}").format(url=url) if url else "")
