"""The surveys section, declared: surveys by state with their responses, and the editors'
commands (the page, :mod:`.survey_page`, carries them out)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from lkk_admin.services.survey_browser.rows import TABS, SurveyRow
from lkk_admin.services.survey_browser.source import SurveySource
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.spec import (
    QT_TRANSLATE_NOOP,
    ActionSpec,
    Column,
    ListSection,
    Tabs,
    page_allows,
    page_command,
    page_idle,
)
from lkk_admin.views.moscow_moments import moscow
from lkk_admin.views.surveys import formatting as sfmt
from lkk_admin.views.surveys.survey_pane import SurveyPane

EDITORS = frozenset({"editor"})


def _tab_name(key: str) -> str:
    names = {
        "all": QT_TRANSLATE_NOOP("SurveySection", "All"),
        "draft": QT_TRANSLATE_NOOP("SurveySection", "Drafts"),
        "scheduled": QT_TRANSLATE_NOOP("SurveySection", "Scheduled"),
        "open": QT_TRANSLATE_NOOP("SurveySection", "Open"),
        "closed": QT_TRANSLATE_NOOP("SurveySection", "Closed"),
    }
    return SURVEYS.translate(names.get(key, key))


def _status_colour(row: SurveyRow) -> QColor | None:
    return sfmt.STATUS_COLOURS.get(row.status)


def _day_time(value: Any) -> str:
    return moscow(value) if value is not None else ""


COLUMNS: tuple[Column[SurveyRow], ...] = (
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Title"),
        lambda row: row.title,
        QT_TRANSLATE_NOOP("SurveySection", "The survey's title as customers see it"),
        cell_tip=lambda row: row.title,
        bold=lambda row: row.status == "open",
        stretch=1,
        min_width=200,
        sort="title",
        export=lambda row: row.title,
        export_width=50,
    ),
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Status"),
        lambda row: sfmt.status_name(row.status),
        QT_TRANSLATE_NOOP(
            "SurveySection",
            "Draft, scheduled (opens at a later moment), open (customers answer it), closed",
        ),
        foreground=_status_colour,
        width=100,
        sort="status",
    ),
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Opens"),
        lambda row: _day_time(row.opens_at),
        QT_TRANSLATE_NOOP("SurveySection", "When customers may start answering (Moscow time)"),
        width=120,
        sort="opens",
        export=lambda row: row.opens_at,
        export_kind="datetime",
    ),
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Closes"),
        lambda row: _day_time(row.closes_at),
        QT_TRANSLATE_NOOP("SurveySection", "When answering ends (Moscow time); empty: no end set"),
        width=120,
        sort="closes",
        hide_below=900,
        export=lambda row: row.closes_at,
        export_kind="datetime",
    ),
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Responses"),
        lambda row: fmt.grouped(row.responses) if row.responses else "—",
        QT_TRANSLATE_NOOP("SurveySection", "Customers who have answered so far"),
        width=90,
        sort="responses",
        align="right",
        export=lambda row: row.responses,
        export_kind="int",
    ),
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Questions"),
        lambda row: str(row.questions),
        QT_TRANSLATE_NOOP("SurveySection", "How many questions it asks"),
        width=80,
        hide_below=1100,
        align="right",
        export=lambda row: row.questions,
        export_kind="int",
    ),
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Author"),
        lambda row: row.author,
        QT_TRANSLATE_NOOP("SurveySection", "Who created it"),
        width=100,
        hide_below=1150,
        sort="author",
    ),
    Column(
        QT_TRANSLATE_NOOP("SurveySection", "Last change"),
        lambda row: fmt.compact_date_time(row.updated_at) if row.updated_at else "",
        QT_TRANSLATE_NOOP("SurveySection", "When and by whom it was last changed"),
        cell_tip=lambda row: f"{moscow(row.updated_at)}, {row.updated_by or row.author}",
        width=110,
        sort="changed",
        hide_below=1000,
        export=lambda row: row.updated_at,
        export_kind="datetime",
    ),
)

ACTIONS = (
    ActionSpec(
        "newSurvey",
        QT_TRANSLATE_NOOP("SurveySection", "&New survey…"),
        QT_TRANSLATE_NOOP("SurveySection", "Build a new survey in its own window"),
        page_command("new_survey"),
        keys=("Ctrl+N",),
        enabled=page_idle,
        in_pane=False,
        roles=EDITORS,
    ),
    ActionSpec(
        "editSurvey",
        QT_TRANSLATE_NOOP("SurveySection", "&Edit…"),
        QT_TRANSLATE_NOOP("SurveySection", "Open the survey in its builder window"),
        page_command("edit_survey"),
        keys=("F4",),
        enabled=page_allows("edit"),
        roles=EDITORS,
    ),
    ActionSpec(
        "openSurvey",
        QT_TRANSLATE_NOOP("SurveySection", "O&pen…"),
        QT_TRANSLATE_NOOP(
            "SurveySection", "Let customers answer it: now or from a set moment, until a set one"
        ),
        page_command("open_survey"),
        keys=("Ctrl+P",),
        enabled=page_allows("open"),
        roles=EDITORS,
    ),
    ActionSpec(
        "closeSurvey",
        QT_TRANSLATE_NOOP("SurveySection", "&Close…"),
        QT_TRANSLATE_NOOP("SurveySection", "Stop taking answers: now or at a set moment"),
        page_command("close_survey"),
        enabled=page_allows("close"),
        roles=EDITORS,
    ),
    ActionSpec(
        "reopenSurvey",
        QT_TRANSLATE_NOOP("SurveySection", "&Reopen…"),
        QT_TRANSLATE_NOOP("SurveySection", "Take answers again, with or without an end"),
        page_command("reopen_survey"),
        enabled=page_allows("reopen"),
        roles=EDITORS,
    ),
    ActionSpec(
        "draftSurvey",
        QT_TRANSLATE_NOOP("SurveySection", "Back to &draft"),
        QT_TRANSLATE_NOOP(
            "SurveySection", "Cancel the scheduled opening; the survey becomes a draft again"
        ),
        page_command("back_to_draft"),
        enabled=page_allows("to_draft"),
        in_pane=False,
        confirm=QT_TRANSLATE_NOOP(
            "SurveySection", "Cancel the scheduled opening? The survey becomes a draft again."
        ),
        roles=EDITORS,
    ),
    ActionSpec(
        "duplicateSurvey",
        QT_TRANSLATE_NOOP("SurveySection", "D&uplicate"),
        QT_TRANSLATE_NOOP("SurveySection", "A new draft with the same questions"),
        page_command("duplicate_survey"),
        enabled=page_allows("duplicate"),
        in_pane=False,
        roles=EDITORS,
    ),
    ActionSpec(
        "exportResultsExcel",
        QT_TRANSLATE_NOOP("SurveySection", "Results to E&xcel…"),
        QT_TRANSLATE_NOOP(
            "SurveySection", "A workbook: the summary and every response, one row each"
        ),
        page_command("export_results_xlsx"),
        enabled=page_allows("export"),
        in_pane=False,
        roles=EDITORS,
    ),
    ActionSpec(
        "exportResultsPdf",
        QT_TRANSLATE_NOOP("SurveySection", "Results report (&PDF)…"),
        QT_TRANSLATE_NOOP("SurveySection", "The results with their charts, ready to print"),
        page_command("export_results_pdf"),
        enabled=page_allows("export"),
        in_pane=False,
        roles=EDITORS,
    ),
)

SURVEYS = ListSection[SurveyRow](
    key="surveys",
    context="SurveySection",
    source=lambda _context: SurveySource(),
    columns=COLUMNS,
    detail=SurveyPane,
    search_placeholder=QT_TRANSLATE_NOOP("SurveySection", "Search in titles (Ctrl+F)"),
    search_tip=QT_TRANSLATE_NOOP(
        "SurveySection", "A word or a part of one from the title or the description"
    ),
    empty_text=QT_TRANSLATE_NOOP(
        "SurveySection", "No surveys yet. Build the first one with «New survey» (Ctrl+N)."
    ),
    empty_filtered_text=QT_TRANSLATE_NOOP(
        "SurveySection", 'Nothing matches. Type less or choose "All".'
    ),
    menu_title=QT_TRANSLATE_NOOP("SurveySection", "&Surveys"),
    noun=QT_TRANSLATE_NOOP("SurveySection", "surveys"),
    tabs=Tabs(TABS, _tab_name),
    actions=ACTIONS,
    export_name=QT_TRANSLATE_NOOP("SurveySection", "Surveys"),
)
