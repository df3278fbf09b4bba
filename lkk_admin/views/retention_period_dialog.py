"""Tools → Personal data retention: how many days after a registration's purpose ended
(rejected, expired, an account never confirmed) its personal data are anonymised
(152-ФЗ; the organisation's setting, the same for every desk and ``lkk-admin retention``)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from lkk_admin.services import retention_period
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.services.retention_period import DEFAULT_DAYS, MAX_DAYS
from lkk_admin.views.context import AppContext
from lkk_admin.views.shared_setting_dialog import DaysSettingDialog


def _save(session: Session, days: int, actor: str, version: int | None) -> Setting[int]:
    return retention_period.save_period(session, days, actor, expected_version=version)


class RetentionPeriodDialog(DaysSettingDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, reader=retention_period.read_period, writer=_save, parent=parent)
        self.setObjectName("retentionPeriodDialog")
        self.setWindowTitle(self.tr("Personal data retention"))
        self.set_notes(
            self.tr(
                "When a registration request is rejected or expires, or an account is left "
                "unconfirmed, the person's name, phone, e-mail and login have no purpose "
                "left. This many days later the retention run (Portal users → Anonymise, "
                "or lkk-admin retention) replaces them with an anonymous marker and "
                "records it in an act. The law (152-FZ) allows at most 30 days."
            ),
            self.tr(
                "How many days after a registration's purpose ended its personal data are "
                "anonymised. The period is the same for every desk; only an administrator "
                "can change it."
            ),
        )
        self.add_days(
            "retentionDays",
            MAX_DAYS,
            suffix=self.tr(" days"),
            label=self.tr("&Anonymise after:"),
            default_text=self.tr("Not set yet: the default of {days} days applies.").format(
                days=DEFAULT_DAYS
            ),
        )
