"""One survey in the list's detail: its state and dates (Moscow time), its results with
charts, and its questions as the respondent sees them.

The results are read in jobs of their own once the survey is shown, and again when the
user splits them by a kind of customer or searches the free-text answers; an answer about
a survey the user has since left is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from lkk_admin.services import survey_results
from lkk_admin.services.survey_browser.rows import SurveyDetail
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import Latest
from lkk_admin.views.framework.detail import DetailPane, FormGroup
from lkk_admin.views.moscow_moments import moscow
from lkk_admin.views.surveys import formatting as sfmt
from lkk_admin.views.surveys.respondent_preview import RespondentPreview
from lkk_admin.views.surveys.results_view import SurveyResultsView

TEXT_PAGE = 200  # free-text answers shown per search


class SurveyPane(DetailPane):
    """``results_loaded(object)`` once the results (or their split) are shown."""

    results_loaded = Signal(object)
    export_requested = Signal(str)  # "xlsx" | "pdf"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("surveyPane", parent)
        self.context = context
        self.split: str | None = None
        self._results_request = Latest(self)
        self._texts_request = Latest(self)
        self._previewed_unanswered = False  # the preview tab was chosen for the user
        self.shown_results: Any = None  # SurveyResults or SplitResults on screen
        self.facts = FormGroup(self.tr("Survey"), "surveyFacts")
        self.results_view = SurveyResultsView()
        self.results_view.split_requested.connect(self._split_requested)
        self.results_view.text_search_requested.connect(self._search_texts)
        self.results_view.export_requested.connect(self.export_requested)
        self.preview = RespondentPreview()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("surveyTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.results_view, self.tr("&Results"))
        self.tabs.addTab(self.preview, self.tr("As the customer sees it"))
        self.tabs.addTab(self._facts_page(), self.tr("About"))
        self.tabs.setMinimumHeight(260)  # at 1280×720 the pane needs no scroll of its own
        self.body_layout.addWidget(self.tabs, 1)
        self.clear()

    def _facts_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.facts)
        layout.addStretch(1)
        return page

    def clear(self, text: str | None = None) -> None:
        self._results_request.drop()
        self._texts_request.drop()
        self.shown_results = None
        super().clear(text or self.tr("Choose a survey in the list to see it here."))

    def fill(self, detail: SurveyDetail) -> None:
        row = detail.row
        self.title_label.setText(row.title)
        parts = [sfmt.status_name(row.status), self._period(detail)]
        parts.append(self.tr("%n response(s)", "", row.responses))
        self.subtitle_label.setText(" · ".join(parts))
        last_change = (
            f"{moscow(row.updated_at or detail.created_at)}, {row.updated_by or row.author}"
        )
        self.facts.set_rows(
            [
                (self.tr("Status"), sfmt.status_name(row.status)),
                (self.tr("Opens"), moscow(row.opens_at)),
                (
                    self.tr("Closes"),
                    moscow(row.closes_at) if row.closes_at else self.tr("no end set"),
                ),
                (self.tr("Questions"), str(row.questions)),
                (self.tr("Description"), detail.description or "—"),
                (self.tr("Author"), row.author),
                (self.tr("Created"), moscow(detail.created_at)),
                (self.tr("Last change"), last_change),
            ]
        )
        self.preview.show_draft(detail.draft)
        # Nothing to read in the results of a survey nobody has answered: its questions are.
        if not detail.answered:
            self.tabs.setCurrentWidget(self.preview)
        elif self.tabs.currentWidget() is self.preview and self._previewed_unanswered:
            self.tabs.setCurrentWidget(self.results_view)
        self._previewed_unanswered = not detail.answered
        self.load_results()

    def _period(self, detail: SurveyDetail) -> str:
        row = detail.row
        if row.opens_at is None:
            return self.tr("not scheduled")
        if row.closes_at is None:
            return self.tr("from {opens}").format(opens=moscow(row.opens_at))
        return f"{moscow(row.opens_at)} – {moscow(row.closes_at)}"

    # --- the results --------------------------------------------------------------------------

    def load_results(self) -> None:
        """Read the results of the survey shown, split as the user chose, in a job."""
        detail = self.detail
        if not isinstance(detail, SurveyDetail):
            return
        self._results_request.next()
        self.shown_results = None
        read_factory, survey_id, split = self.context.read_session_factory, detail.id, self.split

        def work(_control: object) -> Any:
            with read_factory() as session:
                if split is None:
                    return survey_results.results(session, survey_id)
                return survey_results.split_results(session, survey_id, split)

        self.context.jobs.start(
            work,
            on_success=self._results_request.wrap(self._show_results),
            on_failure=self._results_request.wrap(self._results_failed),
            name="survey-results",
        )

    def _show_results(self, results: Any) -> None:
        self.shown_results = results
        if isinstance(results, survey_results.SplitResults):
            self.results_view.show_split(results)
        else:
            self.results_view.show_results(results)
        self.results_loaded.emit(results)

    def _results_failed(self, error: BaseException) -> None:
        self.context.errors.report(error, self)

    def _split_requested(self, split: str | None) -> None:
        self.split = split
        self.load_results()

    def _search_texts(self, question_id: int, text: str) -> None:
        self._texts_request.next()
        read_factory = self.context.read_session_factory

        def work(_control: object) -> Any:
            with read_factory() as session:
                return survey_results.text_answers(
                    session, question_id, search=text, limit=TEXT_PAGE
                )

        def show(found: Any) -> None:
            answers, total = found
            self.results_view.show_text_answers(question_id, answers, total)

        self.context.jobs.start(
            work,
            on_success=self._texts_request.wrap(show),
            on_failure=self._texts_request.wrap(self._results_failed),
            name="survey-texts",
        )
