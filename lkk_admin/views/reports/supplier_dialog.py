"""Tools → Supplier requisites: the header printed on every customer report."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import SupplierSettingsStore, supplier_problems
from lkk_admin.views.context import AppContext
from lkk_admin.views.queue.callbacks import bound


def save_supplier(supplier: Supplier) -> Supplier:
    SupplierSettingsStore().save(supplier)
    return supplier


class SupplierDialog(QDialog):
    saved = Signal(object)  # the Supplier now printed

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supplierDialog")
        self.setWindowTitle(self.tr("Supplier requisites"))
        self.context = context
        current = context.supplier

        self.name = self._field("supplierName", current.name)
        self.inn = self._field("supplierInn", current.inn)
        self.inn.setMaxLength(10)
        self.kpp = self._field("supplierKpp", current.kpp)
        self.kpp.setMaxLength(9)
        self.address = self._field("supplierAddress", current.address)
        self.phone = self._field("supplierPhone", current.phone)
        self.message = QLabel()
        self.message.setObjectName("supplierMessage")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&TIN:"), self.inn)
        form.addRow(self.tr("&KPP:"), self.kpp)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Phone:"), self.phone)
        note = QLabel(
            self.tr(
                "Printed at the top of every report built on this desk and by "
                "'lkk-admin report' run under the same Windows user."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _field(self, name: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        return edit

    def supplier(self) -> Supplier:
        return replace(
            self.context.supplier,
            name=self.name.text().strip(),
            inn=self.inn.text().strip(),
            kpp=self.kpp.text().strip().upper(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
        )

    def _show(self, text: str, *, problem: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if problem else "")

    def save(self) -> None:
        supplier = self.supplier()
        problems = supplier_problems(supplier)
        if problems:
            self._show(" ".join(problems), problem=True)  # what was typed stays
            return
        self.buttons.setEnabled(False)
        self._show(self.tr("Saving…"), problem=False)
        self.context.jobs.start(
            lambda _control: save_supplier(supplier),
            on_success=bound(self, self._saved),
            on_failure=bound(self, self._save_failed),
            on_finished=bound(self, lambda: self.buttons.setEnabled(True)),
            name="save-supplier",
        )

    def _saved(self, supplier: Supplier) -> None:
        self.context.supplier = supplier
        self.saved.emit(supplier)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._show(self.tr("Not saved: {error}").format(error=error), problem=True)
