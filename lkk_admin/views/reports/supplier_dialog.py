"""Tools → Supplier requisites: the header printed on every customer report, one set for
the whole organisation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from lkk_admin.services import supplier_settings
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import supplier_problems
from lkk_admin.views.context import AppContext
from lkk_admin.views.shared_setting_dialog import SharedSettingDialog


def _save(
    session: Session, supplier: Supplier, actor: str, version: int | None
) -> Setting[Supplier]:
    return supplier_settings.save_supplier(session, supplier, actor, expected_version=version)


class SupplierDialog(SharedSettingDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            reader=supplier_settings.read_supplier_setting,
            writer=_save,
            parent=parent,
        )
        self.set_notes(
            self.tr("Printed at the top of every report, on every desk and by 'lkk-admin report'."),
            self.tr(
                "Printed at the top of every report, on every desk. Only an administrator "
                "can change them."
            ),
        )
        self.setObjectName("supplierDialog")
        self.setWindowTitle(self.tr("Supplier requisites"))
        self.name = self._field("supplierName")
        self.inn = self._field("supplierInn")
        self.inn.setMaxLength(10)
        self.kpp = self._field("supplierKpp")
        self.kpp.setMaxLength(9)
        self.address = self._field("supplierAddress")
        self.phone = self._field("supplierPhone")
        self.fields = (self.name, self.inn, self.kpp, self.address, self.phone)
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&TIN:"), self.inn)
        self.form.addRow(self.tr("&KPP:"), self.kpp)
        self.form.addRow(self.tr("&Address:"), self.address)
        self.form.addRow(self.tr("&Phone:"), self.phone)
        self.start()

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        return edit

    def editors(self) -> Sequence[QLineEdit]:
        return self.fields

    def fill(self, setting: Setting[Supplier]) -> None:
        current = setting.value
        values = (current.name, current.inn, current.kpp, current.address, current.phone)
        for edit, value in zip(self.fields, values, strict=True):
            edit.setText(value)

    def collect(self) -> Supplier:
        return replace(
            self.setting.value if self.setting is not None else Supplier(),
            name=self.name.text().strip(),
            inn=self.inn.text().strip(),
            kpp=self.kpp.text().strip().upper(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
        )

    def problems(self, value: Any) -> list[str]:
        return supplier_problems(value)

    def never_saved_text(self) -> str:
        return self.tr("Not set yet: reports print these placeholders.")
