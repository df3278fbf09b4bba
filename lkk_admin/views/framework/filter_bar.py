"""The filters of a section: status tabs with counts, a date range and drop-down choices.

Three groups of widgets the page places where they fit: ``tabs`` get a row of their own
(Russian names with counts are long), ``dates`` and ``choice_row`` sit beside or under the
search. A date bound is used only while its check box is ticked, so "any date" is one
click and the dates picked stay for the next time. The signals say what changed; the
page decides how soon to reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QTabBar, QWidget

from lkk_admin.views.framework.formatting import grouped
from lkk_admin.views.framework.spec import ListSection

DATE_FORMAT = "dd.MM.yy"  # as the lists write dates; narrow enough for a small window


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FilterBar(QObject):
    """What narrows a section's list, as its :class:`ListSection` declares."""

    status_changed = Signal()  # a tab was chosen: reload at once
    dates_changed = Signal()  # a date bound changed: the page may wait for more typing
    choice_changed = Signal()  # a drop-down changed: reload at once

    def __init__(self, section: ListSection[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.counts: dict[str, int] = {}
        self.tabs = QTabBar()
        self.tabs.setObjectName("statusTabs")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.setUsesScrollButtons(True)
        self._tab_keys: tuple[str, ...] = section.tabs.keys if section.tabs else ()
        for key in self._tab_keys:
            self.tabs.setTabData(self.tabs.addTab(""), key)
        self.tabs.setVisible(bool(self._tab_keys))

        self.dates = QWidget()
        self.dates.setObjectName("dateFilter")
        self._build_dates()
        self.choice_boxes: dict[str, QComboBox] = {}
        self.choice_row = QWidget()
        self.choice_row.setObjectName("choiceFilters")
        self._build_choices()

        self.tabs.currentChanged.connect(lambda _index: self.status_changed.emit())
        self.update_titles()

    def _build_dates(self) -> None:
        dates = self.section.dates
        today = QDate.currentDate()
        self.from_check = QCheckBox(self.section.translate(dates.from_text) if dates else "")
        self.from_check.setObjectName("fromCheck")
        self.from_edit = self._date_edit(
            "fromDate", today.addDays(-(dates.days_back if dates else 30))
        )
        self.to_check = QCheckBox(self.section.translate(dates.to_text) if dates else "")
        self.to_check.setObjectName("toCheck")
        self.to_edit = self._date_edit("toDate", today)
        if dates is not None:
            for check in (self.from_check, self.to_check):
                check.setToolTip(self.section.translate(dates.tip))
        layout = QHBoxLayout(self.dates)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            layout.addWidget(widget)
        self.dates.setVisible(dates is not None)
        self.from_check.toggled.connect(self._bounds_toggled)
        self.to_check.toggled.connect(self._bounds_toggled)
        self.from_edit.dateChanged.connect(lambda _date: self._date_edited(self.from_check))
        self.to_edit.dateChanged.connect(lambda _date: self._date_edited(self.to_check))
        self.from_edit.setEnabled(False)
        self.to_edit.setEnabled(False)

    def _date_edit(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    def _build_choices(self) -> None:
        layout = QHBoxLayout(self.choice_row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for choice in self.section.choices:
            box = QComboBox()
            box.setObjectName(f"{choice.key}Choice")
            box.setToolTip(self.section.translate(choice.tip or choice.label))
            box.setMinimumWidth(choice.min_width)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(10)
            box.addItem(self.section.translate(choice.any_text), "")
            box.currentIndexChanged.connect(lambda _index: self.choice_changed.emit())
            self.choice_boxes[choice.key] = box
            layout.addWidget(box)
        self.choice_row.setVisible(bool(self.section.choices))

    # --- what the bar says ------------------------------------------------------------------

    @property
    def status(self) -> str:
        return str(self.tabs.tabData(self.tabs.currentIndex()) or "all")

    def set_status(self, key: str) -> None:
        self.tabs.setCurrentIndex(self._tab_keys.index(key))

    @property
    def date_from(self) -> date | None:
        return _to_date(self.from_edit.date()) if self.from_check.isChecked() else None

    @property
    def date_to(self) -> date | None:
        return _to_date(self.to_edit.date()) if self.to_check.isChecked() else None

    def set_dates(self, date_from: date | None, date_to: date | None) -> None:
        for check, edit, day in (
            (self.from_check, self.from_edit, date_from),
            (self.to_check, self.to_edit, date_to),
        ):
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
            check.setChecked(day is not None)

    def choices(self) -> tuple[tuple[str, str], ...]:
        chosen = ((key, str(box.currentData() or "")) for key, box in self.choice_boxes.items())
        return tuple((key, value) for key, value in chosen if value)

    def set_choice(self, key: str, value: str) -> None:
        """Choose ``value`` (added to the list if its options are not read yet)."""
        box = self.choice_boxes[key]
        index = box.findData(value)
        if index < 0 and value:
            box.addItem(value, value)
            index = box.count() - 1
        box.setCurrentIndex(max(index, 0))

    def set_options(self, key: str, options: Sequence[tuple[str, str]]) -> None:
        """Fill a drop-down, keeping what is chosen (no reload: the query is the same)."""
        box = self.choice_boxes[key]
        chosen = str(box.currentData() or "")
        box.blockSignals(True)
        try:
            while box.count() > 1:
                box.removeItem(1)
            for value, text in options:
                box.addItem(text, value)
            if chosen and box.findData(chosen) < 0:
                box.addItem(chosen, chosen)
            box.setCurrentIndex(max(box.findData(chosen), 0) if chosen else 0)
        finally:
            box.blockSignals(False)

    def is_filtered(self) -> bool:
        default = self._tab_keys[0] if self._tab_keys else "all"
        return (
            self.status != default
            or self.from_check.isChecked()
            or self.to_check.isChecked()
            or bool(self.choices())
        )

    # --- counts -----------------------------------------------------------------------------

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.update_titles()

    def update_titles(self) -> None:
        tabs = self.section.tabs
        if tabs is None:
            return
        for index, key in enumerate(self._tab_keys):
            count = self.counts.get(key)
            name = tabs.name(key)
            self.tabs.setTabText(index, name if count is None else f"{name} ({grouped(count)})")
            alert = key in tabs.alert and bool(self.counts.get(key))
            self.tabs.setTabTextColor(index, tabs.alert_colour if alert else QColor())

    # --- changes ----------------------------------------------------------------------------

    def _bounds_toggled(self, _checked: bool = False) -> None:
        self.from_edit.setEnabled(self.from_check.isChecked())
        self.to_edit.setEnabled(self.to_check.isChecked())
        self.dates_changed.emit()

    def _date_edited(self, check: QCheckBox) -> None:
        if check.isChecked():
            self.dates_changed.emit()
