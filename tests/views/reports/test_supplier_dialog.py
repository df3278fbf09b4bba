"""Tools → Supplier requisites: read from the database, checked before saving, saved for
every desk; a stale save is refused with what was typed kept; read-only for a verifier."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import load_supplier, save_supplier
from lkk_admin.views.context import AppContext
from lkk_admin.views.reports.supplier_dialog import SupplierDialog
from tests.views.gui import click, type_text

CONFIGURED = Supplier(
    name="АО «Энергосбыт Плюс»", inn="7707083893", kpp="773601001", address="Москва"
)


def open_dialog(qtbot: QtBot, context: AppContext) -> SupplierDialog:
    dialog = SupplierDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save_button(dialog: SupplierDialog) -> QPushButton:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None, "no Save button"
    return button


def saved_now(context: AppContext) -> Supplier:
    with context.read_session_factory() as session:
        return load_supplier(session)


def test_the_dialog_shows_what_reports_print_now(qtbot: QtBot, context: AppContext) -> None:
    with context.session_factory.begin() as session:
        save_supplier(session, CONFIGURED, "ivanova", expected_version=None)
    dialog = open_dialog(qtbot, context)
    assert dialog.name.text() == "АО «Энергосбыт Плюс»"
    assert dialog.kpp.text() == "773601001"
    assert "ivanova" in dialog.message.text()


def test_a_wrong_inn_is_told_and_nothing_is_saved(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_dialog(qtbot, context)
    assert "заглушки" in dialog.message.text()  # nothing configured yet
    type_text(dialog.inn, "7707083894")
    click(save_button(dialog))
    assert "ИНН поставщика «7707083894» неверен" in dialog.message.text()
    assert dialog.isVisible() and dialog.inn.text() == "7707083894"  # what was typed stays
    assert saved_now(context) == Supplier()


def test_saved_requisites_are_printed_from_now_on(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_dialog(qtbot, context)
    type_text(dialog.name, "АО «Энергосбыт Плюс»")
    type_text(dialog.inn, "7707083893")
    type_text(dialog.kpp, "773601001")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        click(save_button(dialog))
    expected = replace(Supplier(), name="АО «Энергосбыт Плюс»", inn="7707083893", kpp="773601001")
    assert saved_now(context) == expected
    assert not dialog.isVisible()


def test_a_save_over_another_administrators_is_refused_and_the_typing_kept(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_dialog(qtbot, context)
    with context.session_factory.begin() as session:  # meanwhile, at another desk
        save_supplier(session, CONFIGURED, "petrov", expected_version=None)
    type_text(dialog.phone, "8 800 000-00-00")
    click(save_button(dialog))
    qtbot.waitUntil(lambda: "другой администратор (petrov)" in dialog.message.text())
    assert dialog.isVisible() and dialog.phone.text() == "8 800 000-00-00"
    assert save_button(dialog).isEnabled()
    assert saved_now(context) == CONFIGURED


def test_a_verifier_sees_them_read_only(qtbot: QtBot, context: AppContext) -> None:
    verifier = replace(context.connection, staff_roles=frozenset({"verifier"}))
    dialog = open_dialog(qtbot, replace(context, connection=verifier))
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert all(edit.isReadOnly() for edit in dialog.fields)
    assert "Только администратор" in dialog.note.text()
