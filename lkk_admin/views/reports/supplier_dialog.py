"""Tools → Supplier requisites: the header printed on every customer report.

One set for the whole organisation, in the database: read when the dialog opens, changed
by administrators only (others see them read-only, as the GRANTs have it).
"""

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
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import supplier_settings
from lkk_admin.services.errors import DomainError
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import SupplierSetting, supplier_problems
from lkk_admin.views.context import AppContext
from lkk_admin.views.queue.callbacks import bound


def read_setting(read_factory: sessionmaker[Session]) -> SupplierSetting:
    with read_factory() as session:
        return supplier_settings.read_supplier_setting(session)


def save_setting(
    factory: sessionmaker[Session], supplier: Supplier, actor: str, expected_version: int | None
) -> SupplierSetting:
    with factory.begin() as session:
        return supplier_settings.save_supplier(
            session, supplier, actor, expected_version=expected_version
        )


class SupplierDialog(QDialog):
    loaded = Signal()
    saved = Signal(object)  # the SupplierSetting now printed

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supplierDialog")
        self.setWindowTitle(self.tr("Supplier requisites"))
        self.context = context
        self.setting: SupplierSetting | None = None  # until read from the database
        self.may_edit = "admin" in context.connection.staff_roles

        self.name = self._field("supplierName")
        self.inn = self._field("supplierInn")
        self.inn.setMaxLength(10)
        self.kpp = self._field("supplierKpp")
        self.kpp.setMaxLength(9)
        self.address = self._field("supplierAddress")
        self.phone = self._field("supplierPhone")
        self.fields = (self.name, self.inn, self.kpp, self.address, self.phone)
        self.message = QLabel()
        self.message.setObjectName("supplierMessage")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&TIN:"), self.inn)
        form.addRow(self.tr("&KPP:"), self.kpp)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Phone:"), self.phone)
        self.note = QLabel(
            self.tr("Printed at the top of every report, on every desk and by 'lkk-admin report'.")
            if self.may_edit
            else self.tr(
                "Printed at the top of every report, on every desk. Only an administrator "
                "can change them."
            )
        )
        self.note.setObjectName("supplierNote")
        self.note.setWordWrap(True)
        buttons = (
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if self.may_edit
            else QDialogButtonBox.StandardButton.Close
        )
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._set_editable(False)
        self._read()

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        return edit

    def _set_editable(self, editable: bool) -> None:
        for edit in self.fields:
            edit.setReadOnly(not (editable and self.may_edit))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(editable)

    def _read(self) -> None:
        self._show(self.tr("Reading the requisites…"), problem=False)
        factory = self.context.read_session_factory
        self.context.jobs.start(
            lambda _control: read_setting(factory),
            on_success=bound(self, self._read_done),
            on_failure=bound(self, self._read_failed),
            name="read-supplier",
        )

    def _read_done(self, setting: SupplierSetting) -> None:
        self.setting = setting
        current = setting.supplier
        for edit, value in zip(
            self.fields,
            (current.name, current.inn, current.kpp, current.address, current.phone),
            strict=True,
        ):
            edit.setText(value)
        if setting.updated_at is None:
            self._show(self.tr("Not set yet: reports print these placeholders."), problem=False)
        else:
            self._show(
                self.tr("Last changed {when} by {who}.").format(
                    when=setting.updated_at.astimezone().strftime("%d.%m.%Y %H:%M"),
                    who=setting.updated_by,
                ),
                problem=False,
            )
        self._set_editable(True)
        self.loaded.emit()

    def _read_failed(self, error: BaseException) -> None:
        self._show(self.tr("The requisites could not be read."), problem=True)
        self.context.errors.report(error, self)

    def supplier(self) -> Supplier:
        return replace(
            self.setting.supplier if self.setting is not None else Supplier(),
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
        if self.setting is None or not self.may_edit:
            return
        supplier = self.supplier()
        problems = supplier_problems(supplier)
        if problems:
            self._show(" ".join(problems), problem=True)  # what was typed stays
            return
        self._set_editable(False)
        self._show(self.tr("Saving…"), problem=False)
        factory, actor, version = (
            self.context.session_factory,
            self.context.actor,
            self.setting.version,
        )
        self.context.jobs.start(
            lambda _control: save_setting(factory, supplier, actor, version),
            on_success=bound(self, self._saved),
            on_failure=bound(self, self._save_failed),
            name="save-supplier",
        )

    def _saved(self, setting: SupplierSetting) -> None:
        self.setting = setting
        self.saved.emit(setting)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._set_editable(True)  # what was typed stays, to be saved again
        if isinstance(error, DomainError):
            self._show(str(error), problem=True)
            return
        self._show(self.tr("Not saved."), problem=True)
        self.context.errors.report(error, self)
