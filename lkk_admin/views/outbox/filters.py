"""The filters of the outbox: status (tabs with counts) and the days letters were queued.

Two widgets the page places where they fit: ``tabs`` get a row of their own (Russian
names with counts are long), ``dates`` sit beside the search. A date bound is used only
while its check box is ticked, so "any date" is one click and the dates picked stay for
the next time. The signals say what changed; the page decides how soon to reload.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QTabBar, QWidget

from lkk_admin.views.outbox import formatting as ofmt

DATE_FORMAT = "dd.MM.yy"  # as the list writes dates; narrow enough for a small window
DEFAULT_DAYS_BACK = 30


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FilterBar(QObject):
    """Status tabs and "Queued from … to …"."""

    status_changed = Signal()  # a tab was chosen: reload at once
    dates_changed = Signal()  # a date bound changed: the page may wait for more typing

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[str, int] = {}
        self.tabs = QTabBar()
        self.tabs.setObjectName("statusTabs")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.setUsesScrollButtons(True)
        for key in ofmt.FILTERS:
            self.tabs.setTabData(self.tabs.addTab(""), key)

        today = QDate.currentDate()
        self.from_check = QCheckBox(self.tr("Queued from"))
        self.from_check.setObjectName("fromCheck")
        self.from_edit = self._date_edit("fromDate", today.addDays(-DEFAULT_DAYS_BACK))
        self.to_check = QCheckBox(self.tr("to"))
        self.to_check.setObjectName("toCheck")
        self.to_edit = self._date_edit("toDate", today)
        tip = self.tr("Tick to show only letters queued on or after / on or before this day")
        for check in (self.from_check, self.to_check):
            check.setToolTip(tip)

        self.dates = QWidget()
        self.dates.setObjectName("dateFilter")
        layout = QHBoxLayout(self.dates)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.from_check)
        layout.addWidget(self.from_edit)
        layout.addWidget(self.to_check)
        layout.addWidget(self.to_edit)

        self.tabs.currentChanged.connect(lambda _index: self.status_changed.emit())
        self.from_check.toggled.connect(self._bounds_toggled)
        self.to_check.toggled.connect(self._bounds_toggled)
        self.from_edit.dateChanged.connect(lambda _date: self._date_edited(self.from_check))
        self.to_edit.dateChanged.connect(lambda _date: self._date_edited(self.to_check))
        self._bounds_toggled()
        self.update_titles()

    def _date_edit(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    # --- what the bar says ------------------------------------------------------------------

    @property
    def status(self) -> str:
        return str(self.tabs.tabData(self.tabs.currentIndex()) or "all")

    def set_status(self, key: str) -> None:
        self.tabs.setCurrentIndex(ofmt.FILTERS.index(key))

    @property
    def created_from(self) -> date | None:
        return _to_date(self.from_edit.date()) if self.from_check.isChecked() else None

    @property
    def created_to(self) -> date | None:
        return _to_date(self.to_edit.date()) if self.to_check.isChecked() else None

    def set_dates(self, created_from: date | None, created_to: date | None) -> None:
        for check, edit, day in (
            (self.from_check, self.from_edit, created_from),
            (self.to_check, self.to_edit, created_to),
        ):
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
            check.setChecked(day is not None)

    def is_filtered(self) -> bool:
        return self.status != "all" or self.from_check.isChecked() or self.to_check.isChecked()

    # --- counts -----------------------------------------------------------------------------

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.update_titles()

    def update_titles(self) -> None:
        for index, key in enumerate(ofmt.FILTERS):
            count = self.counts.get(key)
            name = ofmt.filter_name(key)
            self.tabs.setTabText(
                index, name if count is None else f"{name} ({ofmt.grouped(count)})"
            )
        # Failed letters need someone to act: their tab says so while there are any.
        failed = ofmt.FILTERS.index("failed")
        colour = ofmt.STATUS_COLOURS["failed"] if self.counts.get("failed") else QColor()
        self.tabs.setTabTextColor(failed, colour)

    # --- changes ----------------------------------------------------------------------------

    def _bounds_toggled(self, _checked: bool = False) -> None:
        self.from_edit.setEnabled(self.from_check.isChecked())
        self.to_edit.setEnabled(self.to_check.isChecked())
        self.dates_changed.emit()

    def _date_edited(self, check: QCheckBox) -> None:
        if check.isChecked():
            self.dates_changed.emit()
