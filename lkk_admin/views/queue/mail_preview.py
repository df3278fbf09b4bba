"""The e-mail an applicant will get, rendered before the decision is made.

The functions call :mod:`lkk_admin.services.mail_templates` with exactly the arguments
:mod:`lkk_admin.services.queue` uses when it queues the message, so the preview is the
letter. ``approval_outcome`` mirrors how ``queue.approve`` splits the typed contracts
into granted (the registry's number) and refused (as typed).
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from lkk_admin.services import mail_templates
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.mail_templates import RenderedMail
from lkk_admin.services.request_details import RequestDetails


def approval_outcome(
    details: RequestDetails, chosen_ids: Collection[int]
) -> tuple[list[str], list[str]]:
    """(granted registry numbers, refused numbers as typed), in the applicant's order; a
    number typed twice counts once, as in the decision."""
    granted: list[str] = []
    refused: list[str] = []
    seen: set[str] = set()
    for line in details.contracts:
        number = normalize_contract_number(line.number_as_typed)
        if number in seen:
            continue
        seen.add(number)
        if line.registration_contract_id in chosen_ids and line.matched_number:
            granted.append(line.matched_number)
        else:
            refused.append(line.number_as_typed.strip())
    return granted, refused


def approved_mail(details: RequestDetails, chosen_ids: Collection[int]) -> RenderedMail:
    granted, refused = approval_outcome(details, chosen_ids)
    return mail_templates.approved(
        first_name=details.first_name,
        patronymic=details.patronymic,
        login=details.login,
        granted=granted,
        refused=refused,
        portal_url=details.portal_url,
        blocked=any(finding.code == "USER_BLOCKED" for finding in details.findings),
    )


def rejected_mail(details: RequestDetails, reason: str) -> RenderedMail:
    return mail_templates.rejected(
        first_name=details.first_name,
        patronymic=details.patronymic,
        reason=reason,
        portal_url=details.portal_url,
    )


def needs_info_mail(details: RequestDetails, message: str) -> RenderedMail:
    return mail_templates.needs_info(
        first_name=details.first_name,
        patronymic=details.patronymic,
        message=message,
        portal_url=details.portal_url,
    )


class MailPreview(QGroupBox):
    """Recipient, subject and text of the letter, read-only (and copyable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The e-mail the applicant will get"))
        self.setObjectName("mailPreview")
        self.to_label = QLabel()
        self.to_label.setObjectName("mailTo")
        self.subject_label = QLabel()
        self.subject_label.setObjectName("mailSubject")
        self.subject_label.setWordWrap(True)
        font = self.subject_label.font()
        font.setBold(True)
        self.subject_label.setFont(font)
        self.body = QPlainTextEdit()
        self.body.setObjectName("mailBody")
        self.body.setReadOnly(True)
        self.body.setMinimumHeight(160)
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        layout = QFormLayout(self)
        layout.addRow(self.tr("To:"), self.to_label)
        layout.addRow(self.tr("Subject:"), self.subject_label)
        layout.addRow(self.body)

    def show_mail(self, mail: RenderedMail | None, to: str) -> None:
        self.to_label.setText(to)
        if mail is None:
            self.subject_label.setText("—")
            self.body.setPlainText(self.tr("The text appears here as soon as it is written."))
            self.body.setEnabled(False)
            return
        self.body.setEnabled(True)
        self.subject_label.setText(mail.subject)
        self.body.setPlainText(mail.text)

    @property
    def subject(self) -> str:
        return self.subject_label.text()

    @property
    def text(self) -> str:
        return self.body.toPlainText()
