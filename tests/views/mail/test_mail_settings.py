"""Tools → Mail settings and background delivery from the desk."""

from __future__ import annotations

import json
from dataclasses import replace

from pytestqt.qtbot import QtBot

from lkk_admin import paths
from lkk_admin.services.mail_settings import MAIL_SETTINGS_FILE, MailSettings
from lkk_admin.services.profiles import LookupOutcome, PasswordVault
from lkk_admin.views.context import AppContext
from lkk_admin.views.mail.background import BackgroundMailer
from lkk_admin.views.mail.settings_dialog import MailSettingsDialog
from tests.services.test_mail_delivery import queue_mail
from tests.smtp import RecordingSmtpServer
from tests.views.gui import click, type_text


def open_dialog(qtbot: QtBot, context: AppContext) -> MailSettingsDialog:
    dialog = MailSettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_saving_writes_the_file_and_keeps_the_password_in_the_keyring(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.host.clear()
    type_text(dialog.host, "smtp.rn-energo.ru")
    dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
    assert dialog.port.value() == 587  # the usual port followed the encryption
    type_text(dialog.username, "lkk-robot")
    type_text(dialog.password, "Секрет-2026")

    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.buttons.accepted.emit()

    settings = saved.args[0]
    assert isinstance(settings, MailSettings)
    assert (settings.smtp_host, settings.security, settings.smtp_port) == (
        "smtp.rn-energo.ru",
        "starttls",
        587,
    )
    assert context.mail_settings == settings
    written = (paths.config_dir() / MAIL_SETTINGS_FILE).read_text(encoding="utf-8")
    assert json.loads(written)["username"] == "lkk-robot"
    assert "Секрет-2026" not in written
    found = PasswordVault().lookup_key(settings.keyring_key())
    assert (found.outcome, found.password) == (LookupOutcome.FOUND, "Секрет-2026")


def test_bad_settings_are_told_and_nothing_is_saved(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.host.clear()
    dialog.sender_address.clear()
    type_text(dialog.sender_address, "без собаки")
    dialog.buttons.accepted.emit()
    assert "Не указан адрес почтового сервера" in dialog.message.text()
    assert "не похож на e-mail" in dialog.message.text()
    assert dialog.isVisible()
    assert dialog.sender_address.text() == "без собаки"
    assert not (paths.config_dir() / MAIL_SETTINGS_FILE).exists()


def test_a_test_letter_reaches_the_server(
    qtbot: QtBot, context: AppContext, smtp_server: RecordingSmtpServer
) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.host.clear()
    type_text(dialog.host, smtp_server.host)
    dialog.port.setValue(smtp_server.port)
    type_text(dialog.test_address, "clerk@rn-energo.ru")
    click(dialog.test_button)
    qtbot.waitUntil(lambda: "принял" in dialog.message.text(), timeout=10_000)
    [letter] = smtp_server.received
    assert letter.recipients == ["clerk@rn-energo.ru"]


def test_the_desk_delivers_in_the_background_when_asked(
    qtbot: QtBot, context: AppContext, smtp_server: RecordingSmtpServer
) -> None:
    queue_mail(context.session_factory, 2)
    context.mail_settings = replace(
        MailSettings(smtp_host=smtp_server.host, smtp_port=smtp_server.port),
        deliver_from_this_desk=True,
    )
    mailer = BackgroundMailer(context)
    reports: list[str] = []
    mailer.report_changed.connect(lambda text, _problem: reports.append(text))
    assert mailer.active
    qtbot.waitUntil(lambda: len(smtp_server.received) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: bool(reports) and "2" in reports[-1], timeout=10_000)
    mailer.apply(replace(context.mail_settings, deliver_from_this_desk=False))
    assert not mailer.active


def test_no_background_delivery_unless_asked(context: AppContext) -> None:
    assert not BackgroundMailer(context).active
