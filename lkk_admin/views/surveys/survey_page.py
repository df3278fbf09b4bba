"""The surveys section: the framework's list and detail, the builder windows and the
editors' acts on a survey (open, close, reopen, back to draft, duplicate, exports).

Each act runs in a job as one transaction against the version the screen shows; a
colleague's change in between is refused (the error says who and when) and the survey is
read again. A survey opens in one builder window at a time: asking again raises it.
Opening a survey that is not ready opens its builder at the questions concerned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from lkk_admin.services import excel_export, survey_export, survey_report, surveys
from lkk_admin.services.survey_browser.rows import SurveyDetail, SurveyRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.acting_page import ActingPage
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.export import suggested_path
from lkk_admin.views.framework.list_page import SEARCH_DELAY_MS
from lkk_admin.views.sections import SectionSpec, section_by_key
from lkk_admin.views.surveys.editor_window import SurveyEditorWindow
from lkk_admin.views.surveys.schedule_dialog import ScheduleDialog
from lkk_admin.views.surveys.survey_pane import SurveyPane
from lkk_admin.views.surveys.survey_section import SURVEYS
from lkk_admin.views.workers import JobControl

SECTION_KEY = "surveys"
EXPORT_FOLDER_KEY = "Export/folder"
PathChooser = Callable[[str, Path], Path | None]  # (kind "xlsx" | "pdf", suggested) → path


class SurveyPage(ActingPage[SurveyRow]):
    view: SurveyPane

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
        self.busy = False
        self.editors: list[SurveyEditorWindow] = []  # open builder windows
        self.choose_path: PathChooser = self._ask_path
        super().__init__(
            context,
            spec,
            SURVEYS,
            page_size=page_size,
            search_delay_ms=search_delay_ms,
            parent=parent,
        )
        self.setObjectName("surveysPage")
        self.view.export_requested.connect(self.export_results)
        self.update_actions()

    @property
    def survey(self) -> SurveyDetail | None:
        detail = self.view.detail
        return detail if isinstance(detail, SurveyDetail) else None

    def may(self, act: str) -> bool:
        survey = self.survey
        if survey is None or self.busy or not self.isVisible():
            return False
        status = survey.row.status
        permitted = {
            "edit": True,
            "duplicate": True,
            "open": status in ("draft", "scheduled"),
            "close": status == "open",
            "reopen": status == "closed",
            "to_draft": status == "scheduled" and not survey.answered,
            "export": survey.answered,
        }
        return permitted.get(act, False)

    # --- builder windows --------------------------------------------------------------------

    def new_survey(self) -> SurveyEditorWindow:
        return self._open_editor(None)

    def edit_survey(self) -> SurveyEditorWindow | None:
        survey = self.survey
        return self._open_editor(survey) if survey is not None else None

    def _open_editor(self, detail: SurveyDetail | None) -> SurveyEditorWindow:
        shown = self.raise_editor(detail.id if detail is not None else None, SurveyEditorWindow)
        if shown is not None:
            return shown
        window = SurveyEditorWindow(self.context, detail)
        window.open_requested.connect(lambda saved: self.open_schedule(saved, "open", window))
        self.keep_editor(window)
        return window

    # --- opening and closing ----------------------------------------------------------------

    def open_survey(self) -> ScheduleDialog | None:
        return self._schedule("open")

    def close_survey(self) -> ScheduleDialog | None:
        return self._schedule("close")

    def reopen_survey(self) -> ScheduleDialog | None:
        return self._schedule("reopen")

    def _schedule(self, mode: str) -> ScheduleDialog | None:
        survey = self.survey
        return self.open_schedule(survey, mode, self) if survey is not None else None

    def open_schedule(self, detail: SurveyDetail, mode: str, parent: QWidget) -> ScheduleDialog:
        dialog = ScheduleDialog(self.context, detail, mode, parent)
        notices = {
            "open": self.tr("Opened: customers may answer from the moment set."),
            "close": self.tr("Closed: or closing at the moment set."),
            "reopen": self.tr("Reopened: customers may answer again."),
        }
        dialog.acted.connect(lambda _version: self.record_changed(detail.id, notices[mode]))
        dialog.failed.connect(lambda error: self._schedule_failed(detail, error))
        dialog.open()
        return dialog

    def _schedule_failed(self, detail: SurveyDetail, error: BaseException) -> None:
        if isinstance(error, surveys.SurveyInvalid):
            window = self._open_editor(detail)
            window.show_problems(error)
            return
        self.record_refused(detail.id, error)

    def back_to_draft(self) -> None:
        survey = self.survey
        if survey is None:
            return
        factory, actor, survey_id, version = (
            self.context.session_factory,
            self.context.actor,
            survey.id,
            survey.version,
        )

        def work(_control: JobControl) -> int:
            with factory.begin() as session:
                return surveys.to_draft(session, survey_id, actor, expected_version=version)

        notice = self.tr("The opening is cancelled: the survey is a draft again.")
        self.run_act(work, survey_id, notice, "survey-to-draft")

    def duplicate_survey(self) -> None:
        survey = self.survey
        if survey is None:
            return
        factory, actor, survey_id = self.context.session_factory, self.context.actor, survey.id

        def work(_control: JobControl) -> int:
            with factory.begin() as session:
                return surveys.duplicate(session, survey_id, actor)

        self.run_act(
            work, None, self.tr("A new draft with the same questions."), "survey-duplicate"
        )

    # --- exports ------------------------------------------------------------------------------

    def export_results_xlsx(self) -> None:
        self.export_results("xlsx")

    def export_results_pdf(self) -> None:
        self.export_results("pdf")

    def _ask_path(self, kind: str, suggested: Path) -> Path | None:
        caption, filter_text = (
            (self.tr("Save the results"), self.tr("Excel workbook (*.xlsx)"))
            if kind == "xlsx"
            else (self.tr("Save the results report"), self.tr("PDF documents (*.pdf)"))
        )
        chosen, _filter = QFileDialog.getSaveFileName(self, caption, str(suggested), filter_text)
        return Path(chosen) if chosen else None

    def suggested_export_path(self, kind: str) -> Path:
        survey = self.survey
        stem = self.tr("Survey results {id}").format(id=survey.id if survey else "")
        return suggested_path(self.context.settings, stem).with_suffix(f".{kind}")

    def export_results(self, kind: str) -> None:
        """Write the shown survey's results to a file the user chooses (in a job)."""
        survey = self.survey
        if survey is None or self.busy:
            return
        if not survey.answered:
            self.view.show_notice(self.tr("Nobody has answered yet: nothing to export."), "info")
            return
        path = self.choose_path(kind, self.suggested_export_path(kind))
        if path is None:
            return
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        self.context.settings.setValue(EXPORT_FOLDER_KEY, str(path.parent))
        read_factory, factory = self.context.read_session_factory, self.context.session_factory
        actor, survey_id, expected = self.context.actor, survey.id, survey.row.responses

        def work(control: JobControl) -> Path:
            with read_factory() as session:
                if kind == "xlsx":
                    written = survey_export.export_results_xlsx(
                        session,
                        survey_id,
                        path,
                        progress=lambda done: control.progress("rows", done, expected),
                        cancelled=control.cancelled,
                    )
                else:
                    written = survey_report.export_results_pdf(session, survey_id, path)
            try:  # results hold no personal data, but who took them out is recorded
                with factory.begin() as session:
                    excel_export.audit_export(
                        session,
                        actor,
                        section=SECTION_KEY,
                        rows=written.responses,
                        query_description={"survey_id": survey_id, "format": kind},
                        file_name=path.name,
                    )
            except BaseException:
                path.unlink(missing_ok=True)  # an export the log does not know of is not kept
                raise
            return path

        def progress(_stage: str, done: int, total: int) -> None:
            self.view.show_notice(
                self.tr("Writing the results… {done} of {total} responses").format(
                    done=fmt.grouped(done), total=fmt.grouped(total)
                ),
                "info",
            )

        def done(written: Path) -> None:
            self.busy = False
            self.update_actions()
            self.view.show_notice(self.tr("Saved to {path}.").format(path=str(written)), "success")

        def failed(error: BaseException) -> None:
            self.busy = False
            self.update_actions()
            self.view.notice_label.hide_notice()
            self.context.errors.report(error, self)

        self.busy = True
        self.update_actions()
        self.view.show_notice(self.tr("Writing the results…"), "info")
        self.context.jobs.start(
            work,
            on_success=bound(self, done),
            on_failure=bound(self, failed),
            on_progress=bound(self, progress),
            name="survey-export",
        )


def create_page(context: AppContext, spec: SectionSpec | None = None) -> SurveyPage:
    """The factory the "surveys" section names."""
    return SurveyPage(context, spec)
