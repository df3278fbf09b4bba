"""Tools → Review deadline: how many working days a registration request may wait for a
decision (the organisation's service level, the same on every desk); the queue
highlights a waiting request older than that as overdue."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QSpinBox, QWidget
from sqlalchemy.orm import Session

from lkk_admin.services import review_sla
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.services.review_sla import DEFAULT_WORKING_DAYS, MAX_WORKING_DAYS
from lkk_admin.views.context import AppContext
from lkk_admin.views.shared_setting_dialog import SharedSettingDialog


def _save(session: Session, days: int, actor: str, version: int | None) -> Setting[int]:
    return review_sla.save_sla(session, days, actor, expected_version=version)


class ReviewSlaDialog(SharedSettingDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, reader=review_sla.read_sla, writer=_save, parent=parent)
        self.setObjectName("reviewSlaDialog")
        self.setWindowTitle(self.tr("Review deadline"))
        self.set_notes(
            self.tr(
                "A registration request waiting longer than this many working days (by the "
                "Russian production calendar, holidays and transferred days off included) "
                "is overdue: every desk's queue highlights it. Other desks take a change "
                "when their queue is next shown or refreshed."
            ),
            self.tr(
                "A registration request waiting longer than this many working days (by the "
                "Russian production calendar) is overdue: the queue highlights it. The "
                "deadline is the same for every desk; only an administrator can change it."
            ),
        )
        self.days = QSpinBox()
        self.days.setObjectName("reviewSlaDays")
        self.days.setRange(1, MAX_WORKING_DAYS)
        self.days.setSuffix(self.tr(" working days"))
        self.days.setMaximumWidth(200)  # a number, not a line of text
        self.form.addRow(self.tr("&Decision within:"), self.days)
        self.start()

    def editors(self) -> Sequence[QSpinBox]:
        return (self.days,)

    def fill(self, setting: Setting[int]) -> None:
        self.days.setValue(setting.value)

    def collect(self) -> int:
        return self.days.value()

    def never_saved_text(self) -> str:
        return self.tr("Not set yet: the default of {days} working days applies.").format(
            days=DEFAULT_WORKING_DAYS
        )
