"""``lkk-admin self-check``: does this installation find everything it ships?

For IT after installing a bundle on a desk, and for CI after building one: translations
(ours and Qt's), icons, e-mail templates, report fonts and the PDF viewer, charts, the
Excel export, migrations, the database drivers, and the main window itself on a small
demo database.
Prints one line per item and exits non-zero when something is missing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lkk_admin import __version__, db, paths

if TYPE_CHECKING:
    from lkk_admin.views.crash_dialog import ErrorReporter
    from lkk_admin.views.framework.paged_table_model import PagedTableModel
    from lkk_admin.views.main_window import MainWindow
    from lkk_admin.views.workers import JobRunner


def _translation() -> str:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    file = paths.resource_path("i18n", "lkk_admin_ru.qm")
    if not translator.load(str(file)):
        raise FileNotFoundError(file)
    translated = translator.translate("Sections", "Registration queue")
    if not translated:
        raise ValueError("the Russian translation translates nothing")
    return f"{file.name}: «{translated}»"


def _qt_translation() -> str:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Russian), "qtbase", "_", folder):
        raise FileNotFoundError(f"qtbase_ru.qm in {folder}")
    return "qtbase_ru.qm"


def _folder(name: str, pattern: str, required: bool = True) -> Callable[[], str]:
    def check() -> str:
        folder = paths.resource_path(name)
        found = sorted(path.name for path in folder.glob(pattern)) if folder.is_dir() else []
        if not found and required:
            raise FileNotFoundError(f"{folder}/{pattern}")
        return f"{len(found)} in {folder}" if found else "none (not shipped yet)"

    return check


def _svg_icons() -> str:
    """The SVG image plugin is bundled: an icon renders to a non-empty picture."""
    _offscreen_unless_display()
    from PySide6.QtGui import QIcon

    app = _application()
    icon = QIcon(str(paths.resource_path("icons", "queue.svg")))
    image = icon.pixmap(32, 32).toImage()
    if image.isNull() or all(
        image.pixelColor(x, y).alpha() == 0 for x in range(32) for y in range(32)
    ):
        raise ValueError("queue.svg renders empty: the Qt SVG plugin is missing")
    del app
    return "queue.svg renders"


def _pdf_reports() -> str:
    """reportlab lays out a page in the shipped fonts and QtPdf (the preview) draws it."""
    from datetime import date

    from reportlab.platypus import Paragraph

    from lkk_admin.services.reports.document import (
        BODY,
        ReportHeader,
        Requisites,
        register_fonts,
        render,
    )

    _offscreen_unless_display()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    app = _application()
    register_fonts()
    requisites = Requisites("ООО «Проверка»", "7707083893", None, None, "0", date(2026, 1, 1))
    today = date.today()
    header = ReportHeader("Проверка", requisites, today, today, today)
    rendered = render(header, [Paragraph("Съешь же ещё этих мягких французских булок", BODY)])
    buffer = QBuffer()
    buffer.setData(QByteArray(rendered.pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    image = document.render(0, QSize(200, 140))
    if document.pageCount() != 1 or image.isNull():
        raise ValueError("QtPdf cannot show a report: the PDF module is missing")
    del app
    return f"{len(rendered.pdf)} bytes, QtPdf draws page 1"


def _charts() -> str:
    """QtCharts (the registry's consumption chart) is bundled and draws."""
    _offscreen_unless_display()
    from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView

    app = _application()
    bars = QBarSet("kWh")
    bars.append([1.0, 2.0, 3.0])
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    view = QChartView(chart)
    view.resize(160, 100)
    if view.grab().isNull():
        raise ValueError("QtCharts cannot draw: the charts module is missing")
    del app
    return "a bar chart draws"


def _survey_report() -> str:
    """reportlab's own chart graphics lay out a survey's results (the survey PDF)."""
    from datetime import UTC, datetime

    from lkk_admin.services.survey_report import render_results_pdf
    from lkk_admin.services.survey_results import (
        DayCount,
        OptionResult,
        QuestionResult,
        Segment,
        SplitResults,
        SurveyResults,
    )

    now = datetime.now(UTC)
    question = QuestionResult(
        question_id=1,
        position=1,
        kind="single",
        text="Вы довольны личным кабинетом?",
        required=True,
        answered=3,
        options=(OptionResult(1, "Да", 2, 66.7), OptionResult(2, "Нет", 1, 33.3)),
    )
    results = SurveyResults(
        survey_id=1,
        title="Проверка",
        status="closed",
        opens_at=now,
        closes_at=now,
        respondents=3,
        eligible=4,
        response_rate=75.0,
        per_day=(DayCount(now.date(), 3),),
        questions=(question,),
    )
    split = SplitResults("org_type", results, (Segment("legal_entity", "ЮЛ", results),))
    rendered = render_results_pdf(split, now=now)
    return f"{len(rendered.pdf)} bytes, {rendered.pages} page(s) with charts"


def _excel_export() -> str:
    """openpyxl writes a workbook the way every list's export does."""
    import tempfile
    from pathlib import Path

    from lkk_admin.services.excel_export import ExportColumn, export_xlsx

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "check.xlsx"
        rows = export_xlsx(
            target, "Проверка", [ExportColumn("Число", lambda row: row, "int")], [1, 2, 3]
        )
        size = target.stat().st_size
    return f"{rows} rows, {size} bytes"


def _application() -> object:
    """One QApplication for the checks that draw (charts are widgets: not a QGuiApplication)."""
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _calendar() -> str:
    """The production calendar is bundled: the New Year holidays are days off."""
    from datetime import date

    from lkk_admin.services.working_days import add_working_days

    after_new_year = add_working_days(date(2025, 12, 30), 1)
    if after_new_year != date(2026, 1, 12):
        raise ValueError(f"the Russian calendar is missing (got {after_new_year})")
    return "the first working day of 2026 is 12.01"


def _news_html() -> str:
    """nh3 (a compiled extension) and the time zone data are bundled: a pasted script is
    dropped, and a moment is shown in Moscow time on Windows too (no system tz database)."""
    from datetime import UTC, datetime

    from lkk_admin.services.moscow_time import to_moscow
    from lkk_admin.services.news import sanitize_html

    cleaned = sanitize_html('<p onclick="x()">Новость<script>alert(1)</script></p>')
    if cleaned != "<p>Новость</p>":
        raise ValueError(f"the sanitiser kept {cleaned!r}")
    moscow = to_moscow(datetime(2026, 1, 1, 9, tzinfo=UTC))
    if moscow.hour != 12:
        raise ValueError(f"Moscow time is wrong: {moscow.isoformat()}")
    return "nh3 drops a script; 09:00 UTC is 12:00 in Moscow"


def _offscreen_unless_display() -> None:
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _migrations() -> str:
    head = db.head_revision()
    if head is None:
        raise FileNotFoundError(db.MIGRATIONS_DIR)
    db.upgrade("sqlite://")  # runs every revision on an in-memory database
    return f"head {head}, applied on an in-memory database"


#: The main window's check: a demo at the generator's smallest (about a second to make).
MAIN_WINDOW_DEMO_SCALE = 0.001
MAIN_WINDOW_TIMEOUT_SECONDS = 30.0


def _spin_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Run the event loop until ``condition()`` holds or ``seconds`` pass; whether it holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    deadline = time.monotonic() + seconds
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(
        lambda: loop.quit() if condition() or time.monotonic() > deadline else None
    )
    timer.start()
    loop.exec()
    timer.stop()
    return condition()


def _wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    if not _spin_until(condition, seconds):
        raise TimeoutError(f"{what} within {seconds:g} s")


def _recording_errors() -> tuple[ErrorReporter, list[BaseException]]:
    """An error reporter that opens no dialog and keeps what it was given."""
    from lkk_admin.views.crash_dialog import ErrorReporter

    seen: list[BaseException] = []

    class Recording(ErrorReporter):
        def report(self, error: BaseException, parent: object = None) -> None:
            seen.append(error)
            super().report(error)  # logged, as the desk logs it

    return Recording(interactive=False), seen


def _first_section_lists(window: MainWindow) -> tuple[str, list[PagedTableModel[Any, Any, Any]]]:
    """The section the window opens on and the paged models behind its tables."""
    from PySide6.QtWidgets import QAbstractItemView

    from lkk_admin.views.framework.paged_table_model import PagedTableModel

    section = window.current_section()
    lists = [
        model
        for table in window.pages[section.key].findChildren(QAbstractItemView)
        if isinstance(model := table.model(), PagedTableModel)
    ]
    if not lists:
        raise ValueError(f"the first section ({section.key}) shows no list")
    return section.key, lists


def _show_until_loaded(window: MainWindow, seen: list[BaseException]) -> str:
    """Show the window and wait for its first section's list: one loaded, none loading."""
    window.show()
    key, lists = _first_section_lists(window)
    for model in lists:
        model.load_failed.connect(lambda error, _user: seen.append(error))

    def loaded() -> bool:
        return any(model.loaded_once for model in lists) and not any(
            model.is_loading for model in lists
        )

    _wait_until(
        lambda: bool(seen) or loaded(), MAIN_WINDOW_TIMEOUT_SECONDS, f"the {key} list loaded"
    )
    if seen:
        raise seen[0]
    if not window.isVisible():
        raise ValueError("the main window is not shown")
    rows = sum(model.rowCount() for model in lists if model.loaded_once)
    return f"{key} lists {rows} rows"


def _close_window(window: MainWindow, jobs: JobRunner) -> None:
    """As the desk ends: the window closed, its jobs cancelled and waited for, the window
    deleted (the database is closed after, by the caller)."""
    gone: list[bool] = []
    window.destroyed.connect(lambda: gone.append(True))
    window.close()
    jobs.cancel_all()
    jobs.wait(10_000)
    window.deleteLater()
    _spin_until(lambda: bool(gone) and jobs.running == 0, 10)


def _main_window() -> str:
    """The desk's main window opens offscreen on a small demo database, as the program
    opens it, loads its first section's list and closes: a bundle that starts but cannot
    show a window (a Qt plugin, a section's module or its data missing) fails here."""
    import tempfile
    from pathlib import Path

    _offscreen_unless_display()
    from lkk_admin.services import connection
    from lkk_admin.views.context import AppContext, open_settings
    from lkk_admin.views.main_window import MainWindow
    from lkk_admin.views.workers import GuiThreadGarbageCollector, JobRunner

    app = _application()
    started = time.monotonic()
    # Everything in a folder of its own, removed afterwards: the desk's own demo database,
    # settings and mail delivery are never touched (the default mail settings send nothing).
    with tempfile.TemporaryDirectory(prefix="lkk-self-check-", ignore_cleanup_errors=True) as name:
        folder = Path(name)
        info = connection.open_demo(folder / "demo.sqlite3", scale=MAIN_WINDOW_DEMO_SCALE)
        errors, seen = _recording_errors()
        jobs = JobRunner(default_failure=errors.report)
        collector = GuiThreadGarbageCollector()
        collector.start()
        try:
            context = AppContext(
                connection=info,
                session_factory=db.session_factory(info.engine),
                read_session_factory=db.read_session_factory(info.engine),
                settings=open_settings(folder / "lkk-admin.ini"),
                jobs=jobs,
                errors=errors,
            )
            window = MainWindow(context)
            try:
                shown = _show_until_loaded(window, seen)
                # The desk makes the other sections' screens when first opened: make them
                # here, so that a section's module or library missing fails the check.
                for key in window.pages:
                    window.pages[key]
            finally:
                _close_window(window, jobs)
        finally:
            collector.stop()
            info.dispose()
    del app
    return f"{shown} of a demo database ({time.monotonic() - started:.1f} s)"


def _drivers() -> str:
    import psycopg

    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), sqlite"


CHECKS: dict[str, Callable[[], str]] = {
    "translation": _translation,
    "Qt translation": _qt_translation,
    "icons": _folder("icons", "*.svg"),
    "SVG rendering": _svg_icons,
    "mail templates": _folder("templates", "*.txt"),
    "report fonts": _folder("fonts", "*.ttf"),
    "PDF reports": _pdf_reports,
    "charts": _charts,
    "Excel export": _excel_export,
    "survey report": _survey_report,
    "production calendar": _calendar,
    "news HTML and Moscow time": _news_html,
    "migrations": _migrations,
    "database drivers": _drivers,
    "main window": _main_window,
}


def run() -> int:
    print(f"lkk-admin {__version__} ({'bundle' if paths.is_frozen() else 'source'})")
    failures = 0
    for name, check in CHECKS.items():
        try:
            print(f"  ok    {name}: {check()}")
        except Exception as error:  # report every item, then fail
            failures += 1
            print(f"  FAIL  {name}: {type(error).__name__}: {error}", file=sys.stderr)
    return 1 if failures else 0
