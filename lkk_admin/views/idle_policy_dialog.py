"""Tools → Idle lock: how long any desk may sit idle before its window locks."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QSpinBox, QWidget
from sqlalchemy.orm import Session

from lkk_admin.services import idle_lock_policy
from lkk_admin.services.idle_lock_policy import DEFAULT_MINUTES, MAX_MINUTES
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.views.context import AppContext
from lkk_admin.views.shared_setting_dialog import SharedSettingDialog


def _save(session: Session, minutes: int, actor: str, version: int | None) -> Setting[int]:
    return idle_lock_policy.save_policy(session, minutes, actor, expected_version=version)


class IdlePolicyDialog(SharedSettingDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, reader=idle_lock_policy.read_policy, writer=_save, parent=parent)
        self.setObjectName("idlePolicyDialog")
        self.setWindowTitle(self.tr("Idle lock"))
        self.set_notes(
            self.tr(
                "After this long without input, every desk hides personal data until its "
                "user types the password again. Staff may choose a shorter time for their "
                "desk, not a longer one. Other desks take a change at their next login."
            ),
            self.tr(
                "After this long without input, every desk hides personal data until its "
                "user types the password again. Only an administrator can change it."
            ),
        )
        self.minutes = QSpinBox()
        self.minutes.setObjectName("idleMinutes")
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setMaximumWidth(160)  # a number, not a line of text
        self.form.addRow(self.tr("&Lock after:"), self.minutes)
        self.start()

    def editors(self) -> Sequence[QSpinBox]:
        return (self.minutes,)

    def fill(self, setting: Setting[int]) -> None:
        self.minutes.setValue(setting.value)

    def collect(self) -> int:
        return self.minutes.value()

    def never_saved_text(self) -> str:
        return self.tr("Not set yet: desks lock after the default {minutes} min.").format(
            minutes=DEFAULT_MINUTES
        )
