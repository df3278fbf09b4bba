"""The editor of one news item or reference article: its own window, so that an editor
can keep several open beside the list.

Title, kind, summary (plain text, with a counter against its limit), pinned, and the body
in the rich-text editor; a preview as the portal shows it. Ctrl+S saves (in a job, one
transaction); the window title carries «*» while something is unsaved, and closing then
asks. What is stored is what the service's sanitiser kept: after a save the editor shows
exactly that.

A colleague's newer save is never overwritten silently: the save is refused with who and
when, the text stays in the window, and the editor may copy it or open the colleague's
version beside it — after which saving again replaces that version knowingly.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services import news
from lkk_admin.services.errors import ConflictError
from lkk_admin.services.news_browser import NewsDetail, NewsSource
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.widgets import fit_to_screen
from lkk_admin.views.news import formatting as nfmt
from lkk_admin.views.news.portal_preview import PortalPreview
from lkk_admin.views.news.rich_editor import RichTextEditor
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.refusals import refusal_text
from lkk_admin.views.unsaved_close import close_or_save


@dataclass(frozen=True)
class Draft:
    """What the window holds, as the service takes it."""

    title: str
    kind: str
    summary: str
    body_html: str
    pinned: bool


def save_and_read(
    context: AppContext, news_id: int | None, draft: Draft, expected_version: int | None
) -> NewsDetail:
    """One transaction for the save, then the item as stored (for the window to show)."""
    factory, actor = context.session_factory, context.actor
    with factory.begin() as session:
        saved_id = news.save(
            session,
            actor,
            title=draft.title,
            kind=draft.kind,
            summary=draft.summary,
            body_html=draft.body_html,
            news_id=news_id,
            pinned=draft.pinned,
            expected_version=expected_version,
        )
    with context.read_session_factory() as session:
        return NewsSource().detail(session, saved_id)


def read_detail(context: AppContext, news_id: int) -> NewsDetail:
    with context.read_session_factory() as session:
        return NewsSource().detail(session, news_id)


class NewsEditorWindow(QWidget):
    """``saved(NewsDetail)`` after each save; ``publish_requested(NewsDetail)`` when the
    editor asks to publish what is saved."""

    saved = Signal(object)
    publish_requested = Signal(object)

    def __init__(
        self, context: AppContext, detail: NewsDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("newsEditorWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.detail = detail
        self.news_id: int | None = detail.id if detail is not None else None
        self.version: int | None = detail.version if detail is not None else None
        self.busy = False
        self.conflict: ConflictError | None = None
        self.theirs: NewsEditorWindow | None = None  # a colleague's version, opened beside
        self._build()
        if detail is not None:
            self._load(detail)
        self._set_modified(False)
        fit_to_screen(self, 900, 640)

    @property
    def record_id(self) -> int | None:
        return self.news_id

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        form = self._build_fields()
        self.preview = PortalPreview(self.context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.tabs.addTab(self.body, self.tr("&Text"))
        self.tabs.addTab(self.preview, self.tr("P&review"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.notice = NoticeLabel("editorNotice")
        self._build_conflict_bar()
        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.conflict_bar)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        for signal in (
            self.title_edit.textChanged,
            self.summary_edit.textChanged,
            self.body.changed,
        ):
            signal.connect(self._edited)
        self.kind_combo.currentIndexChanged.connect(self._edited)
        self.pinned_check.toggled.connect(self._edited)
        self.title_edit.textChanged.connect(self._update_title)
        self.summary_edit.textChanged.connect(self._update_counter)
        self._update_counter()

    def _build_fields(self) -> QFormLayout:
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("newsTitle")
        self.title_edit.setMaxLength(news.MAX_TITLE_LENGTH)
        self.title_edit.setPlaceholderText(self.tr("What the item is about, in a few words"))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("newsKind")
        for kind in news.KINDS:
            self.kind_combo.addItem(nfmt.kind_name(kind), kind)
        self.pinned_check = QCheckBox(self.tr("&Pinned at the top of the portal's list"))
        self.pinned_check.setObjectName("newsPinned")
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setObjectName("newsSummary")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(64)
        self.summary_edit.setPlaceholderText(
            self.tr("Two or three sentences the portal's list shows under the title")
        )
        self.summary_counter = QLabel()
        self.summary_counter.setObjectName("summaryCounter")
        self.body = RichTextEditor()
        self.body.setObjectName("newsBody")

        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addWidget(self.pinned_check)
        kind_row.addStretch(1)
        summary_row = QVBoxLayout()
        summary_row.setSpacing(2)
        summary_row.addWidget(self.summary_edit)
        summary_row.addWidget(self.summary_counter, 0, Qt.AlignmentFlag.AlignRight)
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title_edit)
        for text, buddy, row in (
            (self.tr("&Kind:"), self.kind_combo, kind_row),
            (self.tr("&Summary:"), self.summary_edit, summary_row),
        ):
            label = QLabel(text)  # a layout is no buddy: the label names the field itself
            label.setBuddy(buddy)
            form.addRow(label, row)

        return form

    def _build_conflict_bar(self) -> None:
        self.copy_button = QPushButton(self.tr("&Copy my text"))
        self.copy_button.setObjectName("copyMineButton")
        self.copy_button.setToolTip(
            self.tr("Put the title, summary and text on the clipboard (as formatted text)")
        )
        self.copy_button.clicked.connect(self.copy_mine)
        self.theirs_button = QPushButton(self.tr("Open &their version"))
        self.theirs_button.setObjectName("openTheirsButton")
        self.theirs_button.setToolTip(
            self.tr(
                "Open the version saved meanwhile in a window beside this one; saving this "
                "window afterwards replaces it with your text"
            )
        )
        self.theirs_button.clicked.connect(self.open_theirs)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.copy_button)
        conflict_row.addWidget(self.theirs_button)
        conflict_row.addStretch(1)
        self.conflict_bar = QWidget()
        self.conflict_bar.setLayout(conflict_row)
        self.conflict_bar.setVisible(False)

    def _build_buttons(self) -> QHBoxLayout:
        self.status_label = QLabel()
        self.status_label.setObjectName("editorStatus")
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(
            self.tr("Save a new version (Ctrl+S); the portal shows it only once published")
        )
        self.save_button.clicked.connect(self.save)
        self.publish_button = QPushButton(self.tr("&Publish…"))
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setToolTip(
            self.tr("Save, then publish now or at a set time (the preview is shown once more)")
        )
        self.publish_button.clicked.connect(self.request_publish)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(close_button)
        return buttons

    # --- what the window holds ----------------------------------------------------------------

    def draft(self) -> Draft:
        return Draft(
            title=self.title_edit.text().strip(),
            kind=str(self.kind_combo.currentData()),
            summary=self.summary_edit.toPlainText().strip(),
            body_html=self.body.semantic_html(),
            pinned=self.pinned_check.isChecked(),
        )

    def _load(self, detail: NewsDetail) -> None:
        self.detail = detail
        self.news_id, self.version = detail.id, detail.version
        for widget in (self.title_edit, self.summary_edit, self.kind_combo, self.pinned_check):
            widget.blockSignals(True)
        self.title_edit.setText(detail.row.title)
        self.summary_edit.setPlainText(detail.summary)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(detail.row.kind)))
        self.pinned_check.setChecked(detail.row.pinned)
        for widget in (self.title_edit, self.summary_edit, self.kind_combo, self.pinned_check):
            widget.blockSignals(False)
        self.body.set_semantic_html(detail.body_html)
        self._update_counter()
        self._update_title()
        editable = detail.row.status != "archived"
        for widget in (self.title_edit, self.summary_edit):
            widget.setReadOnly(not editable)
        self.body.set_read_only(not editable)
        self.save_button.setEnabled(editable)
        if not editable:
            self.notice.show_notice(
                self.tr("The item is archived: duplicate it to write a new one."), "info"
            )

    @property
    def modified(self) -> bool:
        return self.isWindowModified()

    def _set_modified(self, modified: bool) -> None:
        self.setWindowModified(modified)
        if not modified:
            self.body.set_modified(False)
        self._update_title()

    def _edited(self, *_args: object) -> None:
        if not self.busy:
            self._set_modified(True)

    def _update_title(self) -> None:
        title = self.title_edit.text().strip() or self.tr("New item")
        kind = nfmt.kind_name(str(self.kind_combo.currentData()))
        self.setWindowTitle(f"{title}[*] — {kind}")

    def _update_counter(self) -> None:
        length = len(self.summary_edit.toPlainText().strip())
        limit = news.MAX_SUMMARY_LENGTH
        self.summary_counter.setText(
            self.tr("{length} of {limit} characters").format(length=length, limit=limit)
        )
        self.summary_counter.setStyleSheet("color: #b00020;" if length > limit else "")
        self.save_button.setToolTip(self.problem() or self.save_button.toolTip())

    def problem(self) -> str | None:
        """Why the item cannot be saved as it stands (None: it can)."""
        if not self.title_edit.text().strip():
            return self.tr("Type the title.")
        if len(self.summary_edit.toPlainText().strip()) > news.MAX_SUMMARY_LENGTH:
            return self.tr("The summary is too long: at most {n} characters.").format(
                n=news.MAX_SUMMARY_LENGTH
            )
        return None

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.preview:
            self.show_preview()

    def show_preview(self) -> None:
        draft = self.draft()
        publish_at = self.detail.row.publish_at if self.detail is not None else None
        self.preview.show_item(
            news.VisibleItem(
                id=self.news_id or 0,
                title=draft.title,
                kind=draft.kind,
                summary=draft.summary,
                body_html=news.sanitize_html(draft.body_html),
                publish_at=publish_at,
                pinned=draft.pinned,
            )
        )

    # --- saving -----------------------------------------------------------------------------

    def save(self, *, then_publish: bool = False) -> None:
        if self.busy:
            return
        problem = self.problem()
        if problem is not None:
            self.notice.show_notice(problem, "warning")
            return
        self.busy = True
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Saving…"))
        context, news_id, draft, version = self.context, self.news_id, self.draft(), self.version
        self.context.jobs.start(
            lambda _control: save_and_read(context, news_id, draft, version),
            on_success=bound(self, lambda detail: self._saved(detail, then_publish)),
            on_failure=bound(self, self._save_failed),
            name="news-save",
        )

    def _saved(self, detail: NewsDetail, then_publish: bool) -> None:
        self.busy = True  # loading the stored text is not an edit
        self._load(detail)
        self.busy = False
        self._set_modified(False)
        self.conflict = None
        self.conflict_bar.setVisible(False)
        self.save_button.setEnabled(True)
        self.status_label.setText(
            self.tr("Saved: version {version}.").format(version=detail.version)
        )
        self.notice.hide_notice()
        self.saved.emit(detail)
        if then_publish:
            self.publish_requested.emit(detail)

    def _save_failed(self, error: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.status_label.clear()
        text = refusal_text(
            self.context,
            error,
            self,
            unexpected=self.tr(
                "Not saved because of an unexpected error. Your text is still here: copy it "
                "or try again."
            ),
            kept=self.tr("Not saved. Your text is still here."),
        )
        self.notice.show_notice(text, "warning")
        if isinstance(error, ConflictError):
            self.conflict = error
            self.conflict_bar.setVisible(True)

    def request_publish(self) -> None:
        """Publishing publishes what is saved: save first when something is not."""
        if self.modified or self.news_id is None:
            self.save(then_publish=True)
        elif self.detail is not None:
            self.publish_requested.emit(self.detail)

    # --- a colleague's version --------------------------------------------------------------

    def copy_mine(self) -> None:
        draft = self.draft()
        data = QMimeData()
        data.setHtml(
            f"<h2>{html.escape(draft.title)}</h2><p>{html.escape(draft.summary)}</p>"
            f"{draft.body_html}"
        )
        data.setText("\n\n".join((draft.title, draft.summary, news.plain_text(draft.body_html))))
        QGuiApplication.clipboard().setMimeData(data)
        self.status_label.setText(self.tr("Your text is on the clipboard."))

    def open_theirs(self) -> None:
        if self.news_id is None:
            return
        context, news_id = self.context, self.news_id
        self.context.jobs.start(
            lambda _control: read_detail(context, news_id),
            on_success=bound(self, self._show_theirs),
            on_failure=bound(self, lambda error: self.context.errors.report(error, self)),
            name="news-read-theirs",
        )

    def _show_theirs(self, detail: NewsDetail) -> None:
        theirs = NewsEditorWindow(self.context, detail, self)  # goes with this window
        theirs.setObjectName("theirNewsWindow")
        theirs.make_read_only(
            self.tr("Saved by {who} at {when}: version {version}. Read-only.").format(
                who=detail.row.updated_by or detail.row.author,
                when=nfmt.moscow(detail.row.updated_at),
                version=detail.version,
            )
        )
        self.theirs = theirs
        theirs.show()
        geometry = self.frameGeometry()
        theirs.move(geometry.right() + 8, geometry.top())
        # Seen: saving this window now replaces that version on purpose.
        self.version = detail.version
        self.notice.show_notice(
            self.tr(
                "Their version is open beside this window. Saving now replaces it with your "
                "text; copy what you need from theirs first."
            ),
            "info",
        )
        self.conflict_bar.setVisible(False)

    def make_read_only(self, note: str) -> None:
        for widget in (self.title_edit, self.summary_edit):
            widget.setReadOnly(True)
        self.kind_combo.setEnabled(False)
        self.pinned_check.setEnabled(False)
        self.body.set_read_only(True)
        self.save_button.setVisible(False)
        self.publish_button.setVisible(False)
        self.notice.show_notice(note, "info")
        self._set_modified(False)

    # --- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        close_or_save(
            self,
            event,
            busy=self.busy,
            question=self.tr("The item has unsaved changes. Save them before closing?"),
            save=self.save,
            saved=self.saved,
        )
