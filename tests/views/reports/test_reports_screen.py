"""The Reports section as a clerk uses it: find the contract, build, look, save, print."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lkk_admin import db
from lkk_admin.models import Contract
from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import save_supplier
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.reports.jobs import ReportRequest
from lkk_admin.views.reports.preview import ReportPreview
from lkk_admin.views.reports.reports_page import ReportsPage
from lkk_admin.views.workers import JobRunner
from tests import factories
from tests.billing_data import NUMBER, craft
from tests.factories import ROMASHKA_INN
from tests.pdf import pdf_text
from tests.services.test_report_tariff import NUMBER as TARIFF_NUMBER
from tests.services.test_report_tariff import craft as craft_tariffs
from tests.views.gui import click

PageFactory = Callable[[], ReportsPage]


@pytest.fixture
def make_page(
    qtbot: QtBot, db_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[PageFactory]:
    """A shown reports page over a database with one billed contract (Д-101/2025)."""
    engine = db.make_engine(db_url)
    craft(db.session_factory(engine), months=14, start=date(2025, 1, 1))
    engine.dispose()
    infos: list[ConnectionInfo] = []

    def build() -> ReportsPage:
        info = dataclasses.replace(connection.connect_url(db_url), user="verifier1")
        infos.append(info)
        context = AppContext.create(info, open_settings(tmp_path / "desk.ini"), jobs, errors)
        page = ReportsPage(context, search_delay_ms=0)
        page.resize(1200, 800)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        return page

    yield build
    jobs.cancel_all()
    assert jobs.wait(60_000)
    QApplication.processEvents()
    for info in infos:
        info.dispose()


def choose_contract(qtbot: QtBot, page: ReportsPage, text: str) -> None:
    page.chooser.search_box.insert(text)
    qtbot.waitUntil(lambda: page.chooser.results.rowCount() == 1, timeout=10_000)
    # One match is chosen by itself; its months with data arrive in a job.
    qtbot.waitUntil(lambda: page.chooser.span is not None, timeout=10_000)


def build_and_wait(qtbot: QtBot, page: ReportsPage, *, by_menu: bool = False) -> ReportPreview:
    before = page.tabs.count()
    if by_menu:
        page.commands.build.trigger()  # Report → Build report (Ctrl+Enter)
    else:
        click(page.chooser.build_button)
    qtbot.waitUntil(lambda: page.tabs.count() == before + 1, timeout=20_000)
    preview = page.previews()[-1]
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    return preview


def test_find_by_inn_build_look_and_save(
    qtbot: QtBot, make_page: PageFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page()
    assert page.stack.currentWidget() is page.empty_note
    assert not page.commands.save.isEnabled() and not page.commands.print_.isEnabled()
    choose_contract(qtbot, page, ROMASHKA_INN)
    chooser = page.chooser
    assert chooser.contract is not None and chooser.contract.number == NUMBER
    # Billed January 2025 to February 2026: the latest twelve months are proposed.
    assert chooser.request() == ReportRequest(
        "statement", NUMBER, date(2025, 3, 1), date(2026, 2, 1)
    )
    assert "Начисления: 01.2025–02.2026" in chooser.span_label.text()

    preview = build_and_wait(qtbot, page)
    assert page.stack.currentWidget() is page.tabs
    assert preview.document.pageCount() == preview.report.pages >= 1
    assert page.tabs.tabText(0) == f"Ведомость {NUMBER}, 03.2025–02.2026"
    assert "Отчёт готов" in page.status.text()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    preview.zoom_in.trigger()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.zoom_box.currentText().endswith("%")

    target = tmp_path / "saved" / "ведомость"  # typed without «.pdf»
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    with qtbot.waitSignal(preview.saved, timeout=10_000) as saved:
        page.commands.save.trigger()  # Report → Save as PDF (Ctrl+S) saves the tab shown
    written = Path(saved.args[0])
    assert written == target.with_name("ведомость.pdf")
    assert written.read_bytes() == preview.report.pdf
    assert len(PdfReader(written).pages) == preview.report.pages
    assert str(written) in page.status.text()


def test_a_period_without_data_is_told_beside_the_button(
    qtbot: QtBot, make_page: PageFactory
) -> None:
    page = make_page()
    choose_contract(qtbot, page, ROMASHKA_INN)
    page.chooser.first_month.setDate(page.chooser.first_month.date().addYears(-5))
    page.chooser.last_month.setDate(page.chooser.first_month.date().addMonths(2))
    click(page.chooser.build_button)
    qtbot.waitUntil(lambda: "нет начислений и оплат" in page.chooser.notice.text(), timeout=10_000)
    assert page.tabs.count() == 0 and page.chooser.build_button.isEnabled()
    # The consumption report of a contract without metering points says so, too.
    page.chooser.kinds.buttons()[0].setChecked(True)
    click(page.chooser.build_button)
    qtbot.waitUntil(lambda: "нет точек учёта" in page.chooser.notice.text(), timeout=10_000)
    assert page.tabs.count() == 0


def test_nothing_is_built_before_a_contract_is_chosen(make_page: PageFactory) -> None:
    page = make_page()
    click(page.chooser.build_button)
    assert "Сначала выберите договор" in page.chooser.notice.text()
    assert page.context.jobs.running == 0


def test_several_previews_side_by_side(qtbot: QtBot, make_page: PageFactory) -> None:
    page = make_page()
    choose_contract(qtbot, page, "д-101")  # the number typed loosely
    first = build_and_wait(qtbot, page)
    page.chooser.first_month.setDate(page.chooser.last_month.date())
    second = build_and_wait(qtbot, page, by_menu=True)
    assert page.tabs.count() == 2 and page.tabs.currentWidget() is second

    page.tabs.setCurrentIndex(0)
    page.commands.own_window.trigger()
    window = first.window()
    qtbot.waitExposed(window)
    assert page.tabs.count() == 1 and window is not page.window() and window in page.windows
    assert window.isVisible() and not first.detach.isVisible()
    assert first.save.shortcut().toString() == "Ctrl+S"  # its own keys there
    assert first.document.pageCount() == first.report.pages  # still readable there

    page.commands.close.trigger()
    assert page.tabs.count() == 0 and page.stack.currentWidget() is page.empty_note
    assert not page.commands.save.isEnabled()  # nothing shown to save
    window.close()
    qtbot.waitUntil(lambda: page.windows == [])


def test_printing_sends_every_page(qtbot: QtBot, make_page: PageFactory, tmp_path: Path) -> None:
    page = make_page()
    choose_contract(qtbot, page, ROMASHKA_INN)
    page.chooser.first_month.setDate(page.chooser.first_month.date().addMonths(-2))
    preview = build_and_wait(qtbot, page)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.report.pages
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == preview.report.pages
    assert "Отправлен" in page.status.text()


def test_a_build_can_be_cancelled(qtbot: QtBot, make_page: PageFactory) -> None:
    page = make_page()
    choose_contract(qtbot, page, ROMASHKA_INN)
    request = page.chooser.request()
    assert request is not None
    page.build(request)
    assert page.chooser.cancel_button.isVisible()
    page.cancel_build()  # before the layout starts: the first progress call stops it
    qtbot.waitUntil(lambda: page.build_job is None, timeout=10_000)
    assert page.status.text() == "Формирование отменено."
    assert page.tabs.count() == 0 and page.chooser.build_button.isEnabled()


def test_inactive_contracts_are_listed_after_active_ones(
    qtbot: QtBot, make_page: PageFactory, db_url: str
) -> None:
    engine = db.make_engine(db_url)
    with db.session_factory(engine)() as session:
        owner = factories.counterparty(session, inn="7707083893", kpp="773601001")
        factories.contract(session, owner, "Д-100/2020", status="terminated")
        session.commit()
    engine.dispose()
    page = make_page()
    page.chooser.search_box.insert("д-10")
    qtbot.waitUntil(lambda: page.chooser.results.rowCount() == 2, timeout=10_000)
    first, second = (page.chooser.results.item(row, 0) for row in range(2))
    assert first is not None and second is not None
    assert (first.text(), second.text()) == (NUMBER, "Д-100/2020")
    assert second.toolTip() == "Договор не действует"


def test_the_divider_stays_where_the_clerk_left_it(qtbot: QtBot, make_page: PageFactory) -> None:
    first = make_page()
    first.splitter.setSizes([420, 700])
    wanted = first.splitter.sizes()[0]
    first.hide()  # leaving the section keeps the layout in the desk's settings
    second = make_page()
    qtbot.waitUntil(lambda: second.splitter.sizes()[0] == wanted)


def test_a_report_prints_the_requisites_saved_at_any_desk(
    qtbot: QtBot, make_page: PageFactory, db_url: str
) -> None:
    page = make_page()  # opened before the requisites were changed elsewhere
    configured = Supplier(
        name="АО «Энергосбыт Плюс»", inn="7707083893", kpp="773601001", address="Москва"
    )
    engine = db.make_engine(db_url)
    with db.session_factory(engine).begin() as session:
        save_supplier(session, configured, "admin", expected_version=None)
    engine.dispose()

    choose_contract(qtbot, page, ROMASHKA_INN)
    preview = build_and_wait(qtbot, page)

    first_page = pdf_text(preview.report.pdf)[0]
    assert "АО «Энергосбыт Плюс» · ИНН/КПП 7707083893/773601001 · Москва" in first_page


def test_the_tariff_certificate_keeps_to_the_contracts_months(
    qtbot: QtBot, make_page: PageFactory, db_url: str
) -> None:
    """Months before the contract began are left out, the tab and the file name say which
    months the certificate covers, and the clerk is told why (as on the command line)."""
    engine = db.make_engine(db_url)
    factory = db.session_factory(engine)
    craft_tariffs(factory, months=5)  # rates November 2025 … April 2026
    with factory() as session:
        contract = session.scalars(select(Contract).where(Contract.number == TARIFF_NUMBER)).one()
        contract.valid_from = date(2026, 1, 12)
        session.commit()
    engine.dispose()
    page = make_page()
    request = ReportRequest("tariff", TARIFF_NUMBER, date(2025, 11, 1), date(2026, 3, 1))
    page.build(request)
    qtbot.waitUntil(lambda: page.tabs.count() == 1, timeout=20_000)
    preview = page.previews()[0]
    assert preview.report.shortened
    assert preview.report.request == dataclasses.replace(request, first=date(2026, 1, 1))
    assert page.tabs.tabText(0) == f"Тариф {TARIFF_NUMBER}, 01.2026–03.2026"
    assert preview.report.request.file_name.endswith("2026-01—2026-03.pdf")
    assert "только месяцы действия договора: 01.2026–03.2026" in page.chooser.notice.text()
    assert "Период:\nянварь 2026 — март 2026" in pdf_text(preview.report.pdf)[0]


def test_keys_are_named_as_the_keyboard_labels_them(make_page: PageFactory) -> None:
    """Both Enter keys build; the menu and the tooltip say «Ctrl+Enter», not Qt's
    «Ctrl+Return»."""
    page = make_page()
    build = page.commands.build
    names = [sequence.toString() for sequence in build.shortcuts()]
    assert names == ["Ctrl+Enter", "Ctrl+Return"]  # the first is the one a menu shows
    assert build.toolTip().startswith("Сформировать (Ctrl+Enter)\n")
    assert "Return" not in build.toolTip()
