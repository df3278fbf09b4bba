"""An item's saved versions: who saved each and when, two of them compared as text (what
was removed, what was added), and one restored as a new draft."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services import news
from lkk_admin.services.news_browser import NewsDetail
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import Latest, bound
from lkk_admin.views.framework.widgets import fit_to_screen
from lkk_admin.views.news import formatting as nfmt
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.refusals import refusal_text

REMOVED_STYLE = "background: #fde2e1; color: #8a1c12; text-decoration: line-through;"
ADDED_STYLE = "background: #dff3e3; color: #17612b;"


def diff_html(lines: list[tuple[str, str]]) -> str:
    """The compared texts, a line each: removed struck through in red, added in green."""
    rows = []
    for tag, text in lines:
        style = REMOVED_STYLE if tag == "-" else ADDED_STYLE if tag == "+" else ""
        mark = {"-": "−", "+": "+"}.get(tag, "\u00a0")
        rows.append(
            f'<tr><td width="14">{mark}</td><td style="{style}">{html.escape(text) or "&nbsp;"}'
            "</td></tr>"
        )
    return '<table cellspacing="0" cellpadding="2" width="100%">' + "".join(rows) + "</table>"


class HistoryDialog(QDialog):
    """``restored(int)``: the id of the draft the chosen version became."""

    restored = Signal(int)

    def __init__(
        self, context: AppContext, detail: NewsDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newsHistoryDialog")
        self.setWindowTitle(self.tr("Versions of «{title}»").format(title=detail.row.title))
        self.context = context
        self.detail = detail
        self.busy = False
        self._compare_request = Latest(self)

        self.older = QComboBox()
        self.older.setObjectName("olderVersion")
        self.newer = QComboBox()
        self.newer.setObjectName("newerVersion")
        for revision in detail.revisions:  # newest first
            text = self.tr("version {version} — {when}, {who}").format(
                version=revision.version,
                when=nfmt.moscow(revision.saved_at),
                who=revision.saved_by,
            )
            if revision.restored_from is not None:
                text += " " + self.tr("(restored from {version})").format(
                    version=revision.restored_from
                )
            self.older.addItem(text, revision.version)
            self.newer.addItem(text, revision.version)
        self.newer.setCurrentIndex(0)
        self.older.setCurrentIndex(min(1, self.older.count() - 1))
        self.older.currentIndexChanged.connect(self.compare)
        self.newer.currentIndexChanged.connect(self.compare)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Compare")))
        choose.addWidget(self.older, 1)
        choose.addWidget(QLabel(self.tr("with")))
        choose.addWidget(self.newer, 1)

        self.diff_view = QTextBrowser()
        self.diff_view.setObjectName("versionDiff")
        self.notice = NoticeLabel("historyNotice")
        self.restore_button = QPushButton(self.tr("&Restore the older version…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip(
            self.tr(
                "A draft gets the older text as its newest version; a published or archived "
                "item gets a new draft with it, so that nothing on the portal changes until "
                "it is published"
            )
        )
        self.restore_button.clicked.connect(self.restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.diff_view, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 520)
        self.compare()

    @property
    def older_version(self) -> int:
        return int(self.older.currentData())

    @property
    def newer_version(self) -> int:
        return int(self.newer.currentData())

    def compare(self) -> None:
        if self.older.count() == 0:
            self.diff_view.setPlainText(self.tr("No saved versions yet."))
            self.restore_button.setEnabled(False)
            return
        factory, news_id = self.context.read_session_factory, self.detail.id
        older, newer = self.older_version, self.newer_version
        self.restore_button.setEnabled(older != self.detail.version)
        self._compare_request.next()

        def read(_control: object) -> list[tuple[str, str]]:
            with factory() as session:
                return list(news.compare(session, news_id, older, newer))

        self.context.jobs.start(
            read,
            on_success=self._compare_request.wrap(self._compared),
            on_failure=self._compare_request.wrap(
                lambda error: self.context.errors.report(error, self)
            ),
            name="news-compare",
        )

    def _compared(self, lines: list[tuple[str, str]]) -> None:
        self.diff_view.setHtml(diff_html(lines))

    def restore(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.restore_button.setEnabled(False)
        factory, actor = self.context.session_factory, self.context.actor
        news_id, version, current = self.detail.id, self.older_version, self.detail.version

        def work(_control: object) -> int:
            with factory.begin() as session:
                return news.restore(session, news_id, version, actor, expected_version=current)

        self.context.jobs.start(
            work,
            on_success=bound(self, self._restored),
            on_failure=bound(self, self._restore_failed),
            name="news-restore",
        )

    def _restored(self, news_id: int) -> None:
        self.busy = False
        self.restored.emit(news_id)
        self.accept()

    def _restore_failed(self, error: BaseException) -> None:
        self.busy = False
        self.restore_button.setEnabled(True)
        self.notice.show_notice(
            refusal_text(
                self.context,
                error,
                self.parentWidget(),
                unexpected=self.tr("Not restored because of an unexpected error."),
                kept=self.tr("Nothing was restored."),
            ),
            "warning",
        )
