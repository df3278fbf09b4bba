"""Tools → Portal link in letters: checked before saving, then given by every letter."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from lkk_admin.services.mail_templates import DEFAULT_PORTAL_URL
from lkk_admin.services.portal_link import read_portal_link
from lkk_admin.views.context import AppContext
from lkk_admin.views.mail.portal_link_dialog import PortalLinkDialog
from tests.views.gui import click, type_text


def open_dialog(qtbot: QtBot, context: AppContext) -> PortalLinkDialog:
    dialog = PortalLinkDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog


def save(dialog: PortalLinkDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    click(button)


def test_an_address_an_applicant_cannot_open_is_told_and_kept(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_dialog(qtbot, context)
    assert dialog.url.text() == DEFAULT_PORTAL_URL
    dialog.url.clear()
    type_text(dialog.url, "lk.rn-energo.ru")
    save(dialog)
    assert "не подходит" in dialog.message.text()
    assert dialog.isVisible() and dialog.url.text() == "lk.rn-energo.ru"
    with context.read_session_factory() as session:
        assert read_portal_link(session).version is None


def test_a_saved_address_is_given_by_the_letters_from_now_on(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.url.clear()
    type_text(dialog.url, "https://lk.rn-energo.ru/")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        save(dialog)
    with context.read_session_factory() as session:
        assert read_portal_link(session).value == "https://lk.rn-energo.ru"
