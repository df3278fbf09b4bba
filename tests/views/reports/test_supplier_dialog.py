"""Tools → Supplier requisites: checked before saving, then printed on the next report."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import SupplierSettingsStore
from lkk_admin.views.context import AppContext
from lkk_admin.views.reports.supplier_dialog import SupplierDialog
from tests.views.gui import click, type_text


def open_dialog(qtbot: QtBot, context: AppContext) -> SupplierDialog:
    dialog = SupplierDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_wrong_inn_is_told_and_nothing_is_saved(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_dialog(qtbot, context)
    type_text(dialog.inn, "7707083894")
    click(dialog.buttons.buttons()[0])  # Save
    assert "ИНН поставщика «7707083894» неверен" in dialog.message.text()
    assert dialog.isVisible() and dialog.inn.text() == "7707083894"  # what was typed stays
    assert not SupplierSettingsStore().path.exists()
    assert context.supplier == Supplier()


def test_saved_requisites_are_used_from_now_on(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_dialog(qtbot, context)
    type_text(dialog.name, "АО «Энергосбыт Плюс»")
    type_text(dialog.inn, "7707083893")
    type_text(dialog.kpp, "773601001")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        click(dialog.buttons.buttons()[0])
    expected = Supplier(
        name="АО «Энергосбыт Плюс»",
        inn="7707083893",
        kpp="773601001",
        address=Supplier().address,
        phone=Supplier().phone,
    )
    assert context.supplier == expected
    assert SupplierSettingsStore().load() == expected
    assert not dialog.isVisible()
