"""Tools → Portal link in letters: where the letters to applicants send them to log in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from lkk_admin.services import portal_link
from lkk_admin.services.errors import DomainError
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.views.context import AppContext
from lkk_admin.views.shared_setting_dialog import SharedSettingDialog


def _save(session: Session, url: str, actor: str, version: int | None) -> Setting[str]:
    return portal_link.save_portal_link(session, url, actor, expected_version=version)


class PortalLinkDialog(SharedSettingDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, reader=portal_link.read_portal_link, writer=_save, parent=parent)
        self.setObjectName("portalLinkDialog")
        self.setWindowTitle(self.tr("Portal link in letters"))
        self.set_notes(
            self.tr(
                "The letters to applicants tell them to log in at this address. It is the "
                "same for every desk; letters already queued keep the address they have."
            ),
            self.tr(
                "The letters to applicants tell them to log in at this address. Only an "
                "administrator can change it."
            ),
        )
        self.url = QLineEdit()
        self.url.setObjectName("portalUrl")
        self.url.setPlaceholderText("https://lkk.rn-energo.ru")
        self.form.addRow(self.tr("Portal &address:"), self.url)
        self.start()

    def editors(self) -> Sequence[QLineEdit]:
        return (self.url,)

    def fill(self, setting: Setting[str]) -> None:
        self.url.setText(setting.value)

    def collect(self) -> str:
        return self.url.text()

    def problems(self, value: Any) -> list[str]:
        try:
            portal_link.check_url(value)
        except DomainError as refused:
            return [refused.message]
        return []

    def never_saved_text(self) -> str:
        return self.tr("Not set yet: letters give this default address.")
