"""One contract as the customer sees it on the portal: equipment, readings and money.

The panel reads the contract (and, on demand, one meter's readings) in jobs of its own;
an answer about a contract or meter the user has since left is dropped.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.registry_browser import (
    ContractDetail,
    MeterInfo,
    MeterReadings,
    contract_detail,
    meter_readings,
)
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import Latest
from lkk_admin.views.framework.detail import DetailTable
from lkk_admin.views.pane_parts import pane_title_label
from lkk_admin.views.registry.consumption_chart import ConsumptionChart

READINGS_MONTHS = 36
INVOICE_KINDS = {"invoice": "счёт", "vat_invoice": "счёт-фактура"}


def _kwh(value: Decimal | None) -> str:
    return fmt.decimal(value, 0) if value is not None else "—"


class ContractPanel(QWidget):
    """``report_requested(contract id, number)`` by its "Report…" button."""

    report_requested = Signal(int, str)
    loaded = Signal(object)  # ContractDetail
    readings_loaded = Signal(object)  # MeterReadings

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractPanel")
        self.context = context
        self.contract: ContractDetail | None = None
        self.readings: MeterReadings | None = None
        self._contract_request = Latest(self)
        self._readings_request = Latest(self)

        self.title_label = pane_title_label("contractTitle")
        self.report_button = QPushButton(self.tr("Report…"))
        self.report_button.setObjectName("contractReportButton")
        self.report_button.setToolTip(self.tr("Open the Reports section with this contract chosen"))
        self.report_button.clicked.connect(self._report)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("contractSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("contractTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_equipment(), self.tr("Equipment"))
        self.tabs.addTab(self._build_readings(), self.tr("Readings"))
        self.tabs.addTab(self._build_balance(), self.tr("Balance"))
        self.charges_table = DetailTable(
            "chargesTable",
            [
                self.tr("Month"),
                self.tr("Point"),
                self.tr("Charge"),
                self.tr("kWh"),
                self.tr("Amount"),
                self.tr("VAT"),
                self.tr("Total"),
            ],
            stretch=2,
        )
        self.tabs.addTab(self.charges_table, self.tr("Charges"))
        self.payments_table = DetailTable(
            "paymentsTable",
            [
                self.tr("Paid on"),
                self.tr("Document"),
                self.tr("For month"),
                self.tr("Amount"),
                self.tr("Purpose"),
            ],
            stretch=4,
        )
        self.tabs.addTab(self.payments_table, self.tr("Payments"))
        self.invoices_table = DetailTable(
            "invoicesTable",
            [
                self.tr("Document"),
                self.tr("Number"),
                self.tr("Issued"),
                self.tr("Month"),
                self.tr("Amount"),
                self.tr("VAT"),
                self.tr("Total"),
            ],
            stretch=1,
        )
        self.tabs.addTab(self.invoices_table, self.tr("Invoices"))

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs)
        self.setVisible(False)

    # --- building ---------------------------------------------------------------------------

    def _build_equipment(self) -> QWidget:
        self.equipment = QTreeWidget()
        self.equipment.setObjectName("equipmentTree")
        self.equipment.setHeaderLabels(
            [
                self.tr("Object / point / meter"),
                self.tr("Type"),
                self.tr("Voltage"),
                self.tr("Ratio"),
                self.tr("Verification due"),
            ]
        )
        self.equipment.setMinimumHeight(180)
        self.equipment.setAlternatingRowColors(True)
        self.equipment.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.equipment.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return self.equipment

    def _build_readings(self) -> QWidget:
        self.meter_box = QComboBox()
        self.meter_box.setObjectName("meterChoice")
        self.meter_box.setToolTip(self.tr("The meter whose readings are shown"))
        self.meter_box.currentIndexChanged.connect(self._meter_chosen)
        self.readings_note = QLabel()
        self.readings_note.setObjectName("readingsNote")
        self.readings_note.setWordWrap(True)
        self.readings_table = DetailTable(
            "readingsTable",
            [
                self.tr("On"),
                self.tr("Reading"),
                self.tr("Source"),
                self.tr("Difference"),
                self.tr("kWh"),
                self.tr("Note"),
            ],
            stretch=5,
            max_rows=10,
        )
        self.chart = ConsumptionChart()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Meter:")))
        row.addWidget(self.meter_box, 1)
        layout.addLayout(row)
        layout.addWidget(self.readings_note)
        layout.addWidget(self.chart)
        layout.addWidget(self.readings_table)
        layout.addStretch(1)
        return page

    def _build_balance(self) -> QWidget:
        self.balance_note = QLabel()
        self.balance_note.setObjectName("balanceNote")
        self.balance_note.setWordWrap(True)
        self.balance_table = DetailTable(
            "balanceTable",
            [
                self.tr("Month"),
                self.tr("Charged"),
                self.tr("Invoiced"),
                self.tr("Paid"),
                self.tr("Debt at month end"),
            ],
            stretch=4,
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.balance_note)
        layout.addWidget(self.balance_table)
        layout.addStretch(1)
        return page

    # --- loading ----------------------------------------------------------------------------

    def open(self, contract_id: int) -> None:
        if self.contract is not None and self.contract.id == contract_id:
            return
        self._contract_request.next()
        self._readings_request.drop()
        factory = self.context.read_session_factory

        def load(_control: object) -> ContractDetail:
            with factory() as session:
                return contract_detail(session, contract_id)

        self.title_label.setText(self.tr("Reading the contract…"))
        self.setVisible(True)
        self.context.jobs.start(
            load,
            on_success=self._contract_request.wrap(self.show_contract),
            on_failure=self._contract_request.wrap(self._failed),
            name="registry-contract",
        )

    def close_contract(self) -> None:
        self._contract_request.drop()
        self._readings_request.drop()
        self.contract = None
        self.readings = None
        self.setVisible(False)

    def _failed(self, error: BaseException) -> None:
        self.title_label.setText(self.tr("The contract could not be read."))
        self.context.errors.report(error, self)

    def show_contract(self, contract: ContractDetail) -> None:
        self.contract = contract
        self.title_label.setText(self.tr("Contract No. {number}").format(number=contract.number))
        valid = fmt.day(contract.valid_from)
        if contract.valid_to is not None:
            valid += f" – {fmt.day(contract.valid_to)}"
        self.summary_label.setText(
            self.tr(
                "{status}; signed {signed}, valid {valid}; price category {category}; "
                "maximum power {power} kW; debt {debt}"
            ).format(
                status=fmt.contract_status_name(contract.status),
                signed=fmt.day(contract.signed_on),
                valid=valid,
                category=contract.price_category,
                power=fmt.decimal(contract.max_power_kw, 2, trim=True),
                debt=fmt.money(contract.closing_balance),
            )
        )
        self._fill_equipment(contract)
        self._fill_money(contract)
        self.loaded.emit(contract)

    def _fill_equipment(self, contract: ContractDetail) -> None:
        self.equipment.clear()
        self.meter_box.blockSignals(True)
        self.meter_box.clear()
        for thing in contract.objects:
            top = QTreeWidgetItem([f"{thing.name}, {thing.address}", "", "", "", ""])
            top.setToolTip(0, f"{thing.name}\n{thing.address}")
            self.equipment.addTopLevelItem(top)
            for point in thing.points:
                power = fmt.decimal(point.max_power_kw, 2, trim=True)
                point_item = QTreeWidgetItem(
                    [
                        f"{point.code} {point.name}",
                        self.tr("{power} kW").format(power=power),
                        point.voltage_level,
                        "",
                        "",
                    ]
                )
                point_item.setToolTip(0, f"{point.code} {point.name}")
                top.addChild(point_item)
                for meter in point.meters:
                    point_item.addChild(self._meter_item(meter))
                    label = f"{meter.serial} · {point.code}"
                    if meter.removed_on is not None:
                        label += " " + self.tr("(removed {day})").format(
                            day=fmt.day(meter.removed_on)
                        )
                    self.meter_box.addItem(label, meter.id)
        self.equipment.expandAll()
        self.meter_box.blockSignals(False)
        if self.meter_box.count():
            self.meter_box.setCurrentIndex(0)
            self._meter_chosen(0)
        else:
            self.readings_note.setText(self.tr("The contract has no meters."))
            self.readings_table.set_rows([])

    def _meter_item(self, meter: MeterInfo) -> QTreeWidgetItem:
        ratio = f"{meter.ct_ratio}×{meter.vt_ratio} = {meter.multiplier}"
        item = QTreeWidgetItem(
            [
                self.tr("meter {serial}, {digits} digits").format(
                    serial=meter.serial, digits=meter.register_digits
                ),
                f"{meter.model}, {meter.accuracy_class}",
                "",
                ratio,
                fmt.day(meter.next_verification_on),
            ]
        )
        if meter.removed_on is not None:
            item.setForeground(0, fmt.MUTED_TEXT)
            item.setToolTip(0, self.tr("Removed {day}").format(day=fmt.day(meter.removed_on)))
        elif meter.verification_overdue:
            item.setForeground(4, fmt.ERROR_TEXT)
            item.setToolTip(4, self.tr("The verification is overdue"))
        elif meter.verification_due_soon:
            item.setForeground(4, fmt.OVERDUE_TEXT)
            item.setToolTip(4, self.tr("The verification is due within 90 days"))
        return item

    def _fill_money(self, contract: ContractDetail) -> None:
        if contract.since is None:
            self.balance_note.setText(self.tr("No charges or payments yet."))
        else:
            self.balance_note.setText(
                self.tr("From {month}; carried over from before: {debt}.").format(
                    month=fmt.month(contract.since), debt=fmt.money(contract.opening_balance)
                )
            )
        self.balance_table.set_rows(
            [
                (
                    fmt.month(m.period),
                    fmt.decimal(m.charged),
                    fmt.decimal(m.invoiced),
                    fmt.decimal(m.paid),
                    fmt.decimal(m.balance),
                )
                for m in reversed(contract.months)
            ],
            align_right=range(1, 5),
            colours=[fmt.ERROR_TEXT if m.balance > 0 else None for m in reversed(contract.months)],
        )
        self.charges_table.set_rows(
            [
                (
                    fmt.month(c.period),
                    c.point_code or "",
                    c.description,
                    _kwh(c.volume_kwh),
                    fmt.decimal(c.amount),
                    fmt.decimal(c.vat_amount),
                    fmt.decimal(c.total),
                )
                for c in contract.charges
            ],
            align_right=range(3, 7),
        )
        self.payments_table.set_rows(
            [
                (
                    fmt.day(p.paid_on),
                    p.document_number,
                    fmt.month(p.period) if p.period else "—",
                    fmt.decimal(p.amount),
                    p.purpose,
                )
                for p in contract.payments
            ],
            align_right=(3,),
        )
        self.invoices_table.set_rows(
            [
                (
                    INVOICE_KINDS.get(i.kind, i.kind),
                    i.number,
                    fmt.day(i.issued_on),
                    fmt.month(i.period),
                    fmt.decimal(i.amount),
                    f"{fmt.decimal(i.vat_amount)} ({fmt.decimal(i.vat_rate, 0)} %)",
                    fmt.decimal(i.total),
                )
                for i in contract.invoices
            ],
            align_right=range(4, 7),
        )

    # --- readings ---------------------------------------------------------------------------

    def _meter_chosen(self, index: int) -> None:
        meter_id = self.meter_box.itemData(index)
        if meter_id is None:
            return
        self._readings_request.next()
        factory = self.context.read_session_factory

        def load(_control: object) -> MeterReadings:
            with factory() as session:
                return meter_readings(session, int(meter_id), READINGS_MONTHS)

        self.readings_note.setText(self.tr("Reading the meter's readings…"))
        self.context.jobs.start(
            load,
            on_success=self._readings_request.wrap(self.show_readings),
            on_failure=self._readings_request.wrap(self._failed),
            name="registry-readings",
        )

    def show_readings(self, readings: MeterReadings) -> None:
        self.readings = readings
        self.readings_note.setText(
            self.tr(
                "Meter {serial} ({model}), {digits} digits, multiplier {ct}×{vt} = {k}: "
                "kWh are the difference times the multiplier."
            ).format(
                serial=readings.serial,
                model=readings.model,
                digits=readings.register_digits,
                ct=readings.ct_ratio,
                vt=readings.vt_ratio,
                k=readings.multiplier,
            )
        )
        rows = []
        colours = []
        for line in readings.readings:
            if line.missing:
                note = self.tr("no reading")
            elif line.rolled_over:
                note = self.tr("the register passed its top")
            else:
                note = ""
            rows.append(
                (
                    fmt.day(line.period),
                    fmt.decimal(line.value, 2, trim=True) if line.value is not None else "—",
                    self._source_name(line.source),
                    fmt.decimal(line.difference, 2, trim=True)
                    if line.difference is not None
                    else "—",
                    _kwh(line.kwh),
                    note,
                )
            )
            colours.append(fmt.ERROR_TEXT if line.missing else None)
        self.readings_table.set_rows(rows, align_right=(1, 3, 4), colours=colours)
        self.chart.show_months(
            readings.consumption,
            self.tr("Consumption by month, kWh (meter {serial})").format(serial=readings.serial),
        )
        # Two readings make one month's consumption: with fewer there is nothing to draw.
        self.chart.setVisible(any(month.kwh is not None for month in readings.consumption))
        self.readings_loaded.emit(readings)

    def _source_name(self, source: str | None) -> str:
        names = {
            "portal": self.tr("portal"),
            "askue": self.tr("automated metering"),
            "inspector": self.tr("inspector"),
            "billing": self.tr("billing"),
        }
        return names.get(source or "", source or "")

    def _report(self) -> None:
        if self.contract is not None:
            self.report_requested.emit(self.contract.id, self.contract.number)
