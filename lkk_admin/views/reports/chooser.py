"""The left side of the reports screen: which contract, which report, which months.

Typing searches contracts by ИНН, name or number (in a job, once the user pauses);
picking one reads the months it has data for and proposes the latest twelve. The build
button asks the page to build; the page reports progress and refusals back here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.report_contracts import ContractChoice, ContractSearch, DataSpan, Months
from lkk_admin.views.framework.widgets import SearchBox
from lkk_admin.views.reports.jobs import ReportRequest

SEARCH_DELAY_MS = 300
NUMBER_ROLE = Qt.ItemDataRole.UserRole


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, 1)


def _month(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), 1)


class ReportChooser(QWidget):
    """Emits ``search_requested(text)``, ``contract_chosen(number)`` and
    ``build_requested(ReportRequest)``; shows what the page tells it."""

    search_requested = Signal(str)
    contract_chosen = Signal(str)
    build_requested = Signal(object)  # ReportRequest
    cancel_requested = Signal()

    def __init__(
        self, *, search_delay_ms: int = SEARCH_DELAY_MS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportChooser")
        self.contract: ContractChoice | None = None
        self.span: DataSpan | None = None
        self._period_set_by_hand = False

        self.search_box = SearchBox(self._focus_results)
        self.search_box.setObjectName("contractSearch")
        self.search_box.setPlaceholderText(self.tr("TIN, name or contract No."))
        self.search_box.setMaximumWidth(16777215)
        self.results = self._build_results()
        self.results_note = QLabel()
        self.results_note.setObjectName("resultsNote")
        self.results_note.setWordWrap(True)
        self.chosen_label = QLabel(self.tr("No contract chosen"))
        self.chosen_label.setObjectName("chosenContract")
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)

        self.kinds = QButtonGroup(self)
        kinds_box = self._build_kinds()
        period_box = self._build_period()

        self._build_buttons()
        self._lay_out(kinds_box, period_box)

        self._wanted_number: str | None = None
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(search_delay_ms)
        self._connect()
        self.set_building(False)

    # --- Parts --------------------------------------------------------------------------

    def _build_buttons(self) -> None:
        self.build_button = QPushButton(self.tr("&Build report"))
        self.build_button.setObjectName("buildReport")
        self.build_button.setDefault(True)
        self.build_button.setToolTip(self.tr("Build the report and show it (Ctrl+Enter)"))
        self.progress = QProgressBar()
        self.progress.setObjectName("buildProgress")
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelBuild")
        self.notice = QLabel()
        self.notice.setObjectName("buildNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _lay_out(self, kinds_box: QWidget, period_box: QWidget) -> None:
        building = QHBoxLayout()
        building.addWidget(self.progress, 1)
        building.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(QLabel(self.tr("<b>Contract</b>")))
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.results_note)
        layout.addWidget(self.chosen_label)
        layout.addWidget(kinds_box)
        layout.addWidget(period_box)
        layout.addWidget(self.build_button)
        layout.addLayout(building)
        layout.addWidget(self.notice)

    def _connect(self) -> None:
        self.search_timer.timeout.connect(self._search_now)
        self.search_box.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_box.returnPressed.connect(self._search_now)
        self.results.itemSelectionChanged.connect(self._selection_changed)
        self.results.activated.connect(lambda _index: self.build_button.setFocus())
        self.build_button.clicked.connect(self.request_build)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.kinds.buttonToggled.connect(self._kind_toggled)
        for edit in (self.first_month, self.last_month):
            edit.dateChanged.connect(self._period_edited)

    def _build_results(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setObjectName("contractResults")
        table.setHorizontalHeaderLabels([self.tr("Contract"), self.tr("Customer"), self.tr("TIN")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _build_kinds(self) -> QGroupBox:
        box = QGroupBox(self.tr("Report"))
        layout = QVBoxLayout(box)
        for key, text in (
            ("consumption", self.tr("&1 Consumption report")),
            ("statement", self.tr("&2 Settlement statement")),
            ("tariff", self.tr("&3 Tariff components certificate")),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"kind_{key}")
            button.setProperty("kind", key)
            self.kinds.addButton(button)
            layout.addWidget(button)
        self.kinds.buttons()[1].setChecked(True)  # the statement: what customers call about
        return box

    def _build_period(self) -> QGroupBox:
        box = QGroupBox(self.tr("Period"))
        form = QFormLayout(box)
        today = QDate.currentDate()
        last = QDate(today.year(), today.month(), 1).addMonths(-1)
        self.first_month = self._month_edit("firstMonth", last.addMonths(-11))
        self.last_month = self._month_edit("lastMonth", last)
        form.addRow(self.tr("&From:"), self.first_month)
        form.addRow(self.tr("&To:"), self.last_month)
        self.span_label = QLabel()
        self.span_label.setObjectName("dataSpan")
        self.span_label.setWordWrap(True)
        form.addRow(self.span_label)
        return box

    def _month_edit(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setObjectName(name)
        edit.setDisplayFormat("MM.yyyy")
        edit.setMinimumDate(QDate(2000, 1, 1))
        return edit

    # --- Searching ----------------------------------------------------------------------

    def _focus_results(self) -> None:
        self.results.setFocus()
        if self.results.rowCount() and not self.results.selectedItems():
            self.results.selectRow(0)

    def _kind_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._propose_period()

    def _period_edited(self) -> None:
        self._period_set_by_hand = True

    def _search_now(self) -> None:
        self.search_timer.stop()
        self.search_requested.emit(self.search_box.text())

    def show_results(self, found: ContractSearch, text: str) -> None:
        blocker = QSignalBlocker(self.results)
        self.results.setRowCount(len(found.choices))
        for row, choice in enumerate(found.choices):
            number = QTableWidgetItem(choice.number)
            number.setData(NUMBER_ROLE, choice)
            customer = QTableWidgetItem(choice.counterparty)
            customer.setToolTip(choice.counterparty)
            if choice.status != "active":
                number.setToolTip(self.tr("The contract is not active"))
                for item in (number, customer):
                    item.setForeground(self.palette().placeholderText())
            self.results.setItem(row, 0, number)
            self.results.setItem(row, 1, customer)
            self.results.setItem(row, 2, QTableWidgetItem(choice.inn))
        del blocker
        wanted, self._wanted_number = self._wanted_number, None
        if wanted is not None:
            for row, choice in enumerate(found.choices):
                if choice.number == wanted:
                    self.results.selectRow(row)
                    break
        if found.more:
            note = self.tr(
                "Only the first %n are shown: type more of the name or number.",
                "",
                len(found.choices),
            )
        elif not found.choices and len(text.strip()) >= 2:
            note = self.tr("Nothing found. Check the TIN or the contract number.")
        elif len(text.strip()) < 2:
            note = self.tr("Type at least two characters.")
        else:
            note = ""
        self.results_note.setText(note)
        if len(found.choices) == 1 and wanted is None:
            self.results.selectRow(0)

    def choose_when_found(self, number: str) -> None:
        """Select the contract with this exact number when the next results arrive."""
        self._wanted_number = number

    def _selection_changed(self) -> None:
        items = self.results.selectedItems()
        if not items:
            return
        first_cell = self.results.item(items[0].row(), 0)
        choice = first_cell.data(NUMBER_ROLE) if first_cell is not None else None
        if isinstance(choice, ContractChoice) and choice != self.contract:
            self.contract = choice
            self.chosen_label.setText(
                self.tr("Contract No. %1, %2, TIN %3")
                .replace("%1", choice.number)
                .replace("%2", choice.counterparty)
                .replace("%3", choice.inn)
            )
            self.span = None
            self.span_label.setText(self.tr("Reading the months with data…"))
            self.notice.clear()
            self.contract_chosen.emit(choice.number)

    def show_span(self, number: str, span: DataSpan) -> None:
        """The months the contract has data for; the period becomes the latest twelve
        the chosen report can show (unless the clerk has set the months already)."""
        if self.contract is None or self.contract.number != number:
            return  # the clerk has picked another contract meanwhile
        self.span = span
        self._period_set_by_hand = False
        parts = [
            self.tr("Charges: %1.").replace("%1", self._months_text(span.billed)),
            self.tr("Readings: %1.").replace("%1", self._months_text(span.metered)),
        ]
        self.span_label.setText(" ".join(parts))
        self._propose_period()

    def _months_text(self, months: Months | None) -> str:
        if months is None:
            return self.tr("none yet")
        return f"{months.first:%m.%Y}–{months.last:%m.%Y}"

    def _propose_period(self) -> None:
        months = self.span.for_report(self.selected_kind()) if self.span is not None else None
        if months is None or self._period_set_by_hand:
            return
        first, last = months.latest()
        with QSignalBlocker(self.first_month), QSignalBlocker(self.last_month):
            self.first_month.setDate(_qdate(first))
            self.last_month.setDate(_qdate(last))

    # --- Building -----------------------------------------------------------------------

    def selected_kind(self) -> str:
        checked = self.kinds.checkedButton()
        return str(checked.property("kind")) if checked is not None else "statement"

    def request(self) -> ReportRequest | None:
        if self.contract is None:
            return None
        return ReportRequest(
            self.selected_kind(),
            self.contract.number,
            _month(self.first_month),
            _month(self.last_month),
        )

    def request_build(self) -> None:
        request = self.request()
        if request is None:
            self.show_notice(self.tr("Choose a contract first: type its TIN, name or number."))
            self.search_box.setFocus()
            return
        if request.last < request.first:
            self.show_notice(self.tr("The period starts after it ends: check the months."))
            self.first_month.setFocus()
            return
        self.notice.clear()
        self.build_requested.emit(request)

    def set_building(self, building: bool) -> None:
        self.build_button.setEnabled(not building)
        self.progress.setVisible(building)
        self.cancel_button.setVisible(building)
        if building:
            self.progress.setRange(0, 0)  # reading: no measure yet

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
