"""The builder of one survey: its own window, so that an editor can keep it open beside
the list and the results.

Title, description and questions in the builder (:mod:`.builder`), with the survey as the
respondent sees it. Ctrl+S saves (in a job, one transaction); the window title carries
«*» while something is unsaved, and closing then asks. Problems the service finds are
pointed at the question they concern. A survey with answers keeps its questions' meaning:
the builder lets only their texts be corrected, and says why.

A colleague's newer save is never overwritten silently: the save is refused with who and
when, what was typed stays in the window, and the editor may open the colleague's version
beside it — after which saving again replaces that version knowingly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lkk_admin.services import surveys
from lkk_admin.services.errors import ConflictError
from lkk_admin.services.survey_browser.rows import SurveyDetail
from lkk_admin.services.survey_browser.source import SurveySource
from lkk_admin.services.survey_shape import SurveyDraft, problems
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.widgets import fit_to_screen
from lkk_admin.views.moscow_moments import moscow
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.refusals import refusal_text
from lkk_admin.views.surveys import formatting as sfmt
from lkk_admin.views.surveys.builder import SurveyBuilder
from lkk_admin.views.unsaved_close import close_or_save


def save_and_read(
    context: AppContext, survey_id: int | None, draft: SurveyDraft, expected_version: int | None
) -> SurveyDetail:
    """One transaction for the save, then the survey as stored (for the window to show)."""
    with context.session_factory.begin() as session:
        saved_id = surveys.save(
            session,
            context.actor,
            draft,
            survey_id=survey_id,
            expected_version=expected_version,
        )
    return read_detail(context, saved_id)


def read_detail(context: AppContext, survey_id: int) -> SurveyDetail:
    with context.read_session_factory() as session:
        return SurveySource().detail(session, survey_id)


class SurveyEditorWindow(QWidget):
    """``saved(SurveyDetail)`` after each save; ``open_requested(SurveyDetail)`` when the
    editor asks to open what is saved to customers."""

    saved = Signal(object)
    open_requested = Signal(object)

    def __init__(
        self, context: AppContext, detail: SurveyDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("surveyEditorWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.detail = detail
        self.survey_id: int | None = detail.id if detail is not None else None
        self.version: int | None = detail.version if detail is not None else None
        self.busy = False
        self.loading = False
        self.conflict: ConflictError | None = None
        self.theirs: SurveyEditorWindow | None = None  # a colleague's version, opened beside
        self._build()
        if detail is not None:
            self._load(detail)
        else:
            self.builder.set_draft(SurveyDraft(title=""))
        self._set_modified(False)
        fit_to_screen(self, 1000, 680)

    @property
    def record_id(self) -> int | None:
        return self.survey_id

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.builder = SurveyBuilder()
        self.builder.setObjectName("surveyBuilder")
        self.builder.changed.connect(self._edited)
        self.notice = NoticeLabel("editorNotice")
        self.theirs_button = QPushButton(self.tr("Open &their version"))
        self.theirs_button.setObjectName("openTheirsButton")
        self.theirs_button.setToolTip(
            self.tr(
                "Open the version saved meanwhile in a window beside this one; saving this "
                "window afterwards replaces it with yours"
            )
        )
        self.theirs_button.clicked.connect(self.open_theirs)
        self.theirs_button.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setObjectName("editorStatus")
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(
            self.tr("Save the survey (Ctrl+S); customers see it only once it is opened")
        )
        self.save_button.clicked.connect(self.save)
        self.open_button = QPushButton(self.tr("&Open to customers…"))
        self.open_button.setObjectName("openButton")
        self.open_button.setToolTip(
            self.tr("Save, check the survey, then open it now or from a set moment")
        )
        self.open_button.clicked.connect(self.request_open)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.theirs_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.builder, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)

    def _load(self, detail: SurveyDetail) -> None:
        self.detail = detail
        self.survey_id, self.version = detail.id, detail.version
        self.loading = True
        locked_reason = ""
        if detail.answered:
            locked_reason = self.tr(
                "Customers have answered this survey ({n}): its questions and options keep "
                "their meaning, so they cannot be added, removed, moved or change kind. You "
                "may correct a text; the correction is recorded in the audit log. To ask "
                "something else, duplicate the survey."
            ).format(n=detail.row.responses)
        self.builder.set_draft(
            detail.draft, structure_locked=detail.answered, locked_reason=locked_reason
        )
        self.loading = False
        self.open_button.setVisible(detail.row.status == "draft")
        self._update_title()

    # --- what the window holds ----------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self.isWindowModified()

    def _set_modified(self, modified: bool) -> None:
        self.setWindowModified(modified)
        self._update_title()

    def _edited(self, *_args: object) -> None:
        if not self.busy and not self.loading:
            self._set_modified(True)

    def _update_title(self) -> None:
        title = self.builder.draft().title or self.tr("New survey")
        status = (
            sfmt.status_name(self.detail.row.status) if self.detail else sfmt.status_name("draft")
        )
        self.setWindowTitle(f"{title}[*] — {status}")

    # --- saving -----------------------------------------------------------------------------

    def save(self, *, then_open: bool = False) -> None:
        if self.busy:
            return
        draft = self.builder.draft()
        found = problems(draft, for_opening=False)
        if found:
            self.builder.show_problems(found)
            self.notice.show_notice(found[0].message, "warning")
            return
        self.busy = True
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Saving…"))
        context, survey_id, version = self.context, self.survey_id, self.version
        self.context.jobs.start(
            lambda _control: save_and_read(context, survey_id, draft, version),
            on_success=bound(self, lambda detail: self._saved(detail, then_open)),
            on_failure=bound(self, self._save_failed),
            name="survey-save",
        )

    def _saved(self, detail: SurveyDetail, then_open: bool) -> None:
        self.busy = False
        self._load(detail)
        self._set_modified(False)
        self.conflict = None
        self.theirs_button.setVisible(False)
        self.save_button.setEnabled(True)
        self.builder.show_problems([])
        self.status_label.setText(
            self.tr("Saved at {when}.").format(when=moscow(detail.row.updated_at))
        )
        self.notice.hide_notice()
        self.saved.emit(detail)
        if then_open:
            self.open_requested.emit(detail)

    def _save_failed(self, error: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.status_label.clear()
        if isinstance(error, surveys.SurveyInvalid):
            self.builder.show_problems(error.problems)
        text = refusal_text(
            self.context,
            error,
            self,
            unexpected=self.tr(
                "Not saved because of an unexpected error. Everything you typed is still "
                "here: try again."
            ),
            kept=self.tr("Not saved. Everything you typed is still here."),
        )
        self.notice.show_notice(text, "warning")
        if isinstance(error, ConflictError):
            self.conflict = error
            self.theirs_button.setVisible(True)

    def request_open(self) -> None:
        """Opening opens what is saved: save first when something is not."""
        if self.modified or self.survey_id is None:
            self.save(then_open=True)
        elif self.detail is not None:
            self.open_requested.emit(self.detail)

    def show_problems(self, problems: surveys.SurveyInvalid) -> None:
        """Point at what keeps the survey from opening (the service's refusal)."""
        self.builder.show_problems(problems.problems)
        self.notice.show_notice(str(problems), "warning")

    # --- a colleague's version --------------------------------------------------------------

    def open_theirs(self) -> None:
        if self.survey_id is None:
            return
        context, survey_id = self.context, self.survey_id
        self.context.jobs.start(
            lambda _control: read_detail(context, survey_id),
            on_success=bound(self, self._show_theirs),
            on_failure=bound(self, lambda error: self.context.errors.report(error, self)),
            name="survey-read-theirs",
        )

    def _show_theirs(self, detail: SurveyDetail) -> None:
        theirs = SurveyEditorWindow(self.context, detail, self)  # goes with this window
        theirs.setObjectName("theirSurveyWindow")
        theirs.make_read_only(
            self.tr("Saved by {who} at {when}. Read-only.").format(
                who=detail.row.updated_by or detail.row.author,
                when=moscow(detail.row.updated_at),
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
                "Their version is open beside this window. Saving now replaces it with "
                "yours; copy what you need from theirs first."
            ),
            "info",
        )
        self.theirs_button.setVisible(False)

    def make_read_only(self, note: str) -> None:
        self.builder.set_read_only(True)
        self.save_button.setVisible(False)
        self.open_button.setVisible(False)
        self.notice.show_notice(note, "info")
        self._set_modified(False)

    # --- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        close_or_save(
            self,
            event,
            busy=self.busy,
            question=self.tr("The survey has unsaved changes. Save them before closing?"),
            save=self.save,
            saved=self.saved,
        )
