"""Publishing asks first and shows the item once more as the portal will: now, or at a set
moment (Moscow time shown, UTC stored), with an optional moment it leaves the portal."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services import news
from lkk_admin.services.news_browser import NewsDetail
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.widgets import fit_to_screen
from lkk_admin.views.moscow_moments import moment_edit
from lkk_admin.views.news import formatting as nfmt
from lkk_admin.views.news.portal_preview import PortalPreview
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.refusals import refusal_text


class PublishDialog(QDialog):
    """``published(int)`` (the item's new version) once the database has it."""

    published = Signal(int)
    failed = Signal(object)

    def __init__(
        self, context: AppContext, detail: NewsDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishNewsDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Publish on the portal"))
        self.context = context
        self.detail = detail
        self.busy = False
        now = fmt.now_utc()
        row = detail.row

        heading = QLabel(
            self.tr("«{title}» — {kind}").format(title=row.title, kind=nfmt.kind_name(row.kind))
        )
        heading.setObjectName("publishHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(
            self.tr(
                "Every customer sees it on the portal's home page from the moment set below. "
                "Check the preview once more: this is how the portal shows it. Times are Moscow "
                "time."
            )
        )
        explanation.setWordWrap(True)

        when = self._build_when(now)
        self.preview = PortalPreview(context)
        self.preview.setMinimumHeight(260)
        self.error_label = NoticeLabel("publishError")
        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(when)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 760, 620)
        self.preview.show_item(
            news.VisibleItem(
                id=detail.id,
                title=row.title,
                kind=row.kind,
                summary=detail.summary,
                body_html=detail.body_html,
                publish_at=row.publish_at if self._scheduled(now) else None,
                pinned=row.pinned,
            )
        )
        self._update()

    def _scheduled(self, now: datetime) -> bool:
        publish_at = self.detail.row.publish_at
        return publish_at is not None and publish_at > now

    def _build_when(self, now: datetime) -> QGridLayout:
        """Now or at a moment, and until when (Moscow time)."""
        row = self.detail.row
        self.now_radio = QRadioButton(self.tr("Publish &now"))
        self.now_radio.setObjectName("publishNow")
        self.at_radio = QRadioButton(self.tr("Publish &at:"))
        self.at_radio.setObjectName("publishAt")
        group = QButtonGroup(self)
        group.addButton(self.now_radio)
        group.addButton(self.at_radio)
        start = (
            row.publish_at if self._scheduled(now) and row.publish_at else now + timedelta(hours=1)
        )
        self.publish_at_edit = moment_edit("publishAtEdit", start)
        self.until_check = QCheckBox(self.tr("&Take it off the portal at:"))
        self.until_check.setObjectName("unpublishCheck")
        until = row.unpublish_at or start + timedelta(days=30)
        self.unpublish_at_edit = moment_edit("unpublishAtEdit", until)
        self.until_check.setChecked(row.unpublish_at is not None)
        (self.at_radio if self._scheduled(now) else self.now_radio).setChecked(True)
        for signal in (
            self.now_radio.toggled,
            self.until_check.toggled,
            self.publish_at_edit.dateTimeChanged,
            self.unpublish_at_edit.dateTimeChanged,
        ):
            signal.connect(self._update)
        when = QGridLayout()
        when.addWidget(self.now_radio, 0, 0, 1, 2)
        when.addWidget(self.at_radio, 1, 0)
        when.addWidget(self.publish_at_edit, 1, 1)
        when.addWidget(self.until_check, 2, 0)
        when.addWidget(self.unpublish_at_edit, 2, 1)
        when.setColumnStretch(2, 1)

        return when

    # --- what is chosen ---------------------------------------------------------------------

    @property
    def publish_at(self) -> datetime | None:
        return (
            None
            if self.now_radio.isChecked()
            else nfmt.from_qt_moscow(self.publish_at_edit.dateTime())
        )

    @property
    def unpublish_at(self) -> datetime | None:
        if not self.until_check.isChecked():
            return None
        return nfmt.from_qt_moscow(self.unpublish_at_edit.dateTime())

    def problem(self) -> str | None:
        now = fmt.now_utc()
        start = self.publish_at or now
        until = self.unpublish_at
        if self.publish_at is not None and self.publish_at <= now:
            return self.tr(
                "The moment to publish at has passed: choose «Publish now» or a later one."
            )
        if until is not None and until <= start:
            return self.tr("The item must leave the portal after it appears on it.")
        return None

    def _update(self) -> None:
        self.publish_at_edit.setEnabled(self.at_radio.isChecked())
        self.unpublish_at_edit.setEnabled(self.until_check.isChecked())
        self.confirm_button.setText(
            self.tr("&Publish now") if self.now_radio.isChecked() else self.tr("&Schedule")
        )
        problem = self.problem()
        self.confirm_button.setEnabled(problem is None and not self.busy)
        self.confirm_button.setToolTip(problem or "")

    # --- publishing -------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.busy or self.problem() is not None:
            return
        self.busy = True
        self._update()
        factory, actor = self.context.session_factory, self.context.actor
        news_id, version = self.detail.id, self.detail.version
        publish_at, unpublish_at = self.publish_at, self.unpublish_at

        def work(_control: object) -> int:
            with factory.begin() as session:
                return news.publish(
                    session,
                    news_id,
                    actor,
                    publish_at=publish_at,
                    unpublish_at=unpublish_at,
                    expected_version=version,
                )

        self.context.jobs.start(
            work,
            on_success=bound(self, self._succeeded),
            on_failure=bound(self, self._failed),
            name="news-publish",
        )

    def _succeeded(self, version: int) -> None:
        self.busy = False
        self.published.emit(version)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        text = refusal_text(
            self.context,
            error,
            self.parentWidget(),
            unexpected=self.tr("Not published because of an unexpected error."),
            kept=self.tr("Nothing was published."),
        )
        self.error_label.show_notice(text, "warning")
        self._update()
        self.failed.emit(error)
