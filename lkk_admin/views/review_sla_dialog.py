"""Tools → Review deadline: how many working days a registration request may wait for a
decision (the organisation's service level, the same on every desk); the queue
highlights a waiting request older than that as overdue."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from lkk_admin.services import review_sla
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.services.review_sla import DEFAULT_WORKING_DAYS, MAX_WORKING_DAYS
from lkk_admin.views.context import AppContext
from lkk_admin.views.shared_setting_dialog import DaysSettingDialog


def _save(session: Session, days: int, actor: str, version: int | None) -> Setting[int]:
    return review_sla.save_sla(session, days, actor, expected_version=version)


class ReviewSlaDialog(DaysSettingDialog):
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
        self.add_days(
            "reviewSlaDays",
            MAX_WORKING_DAYS,
            suffix=self.tr(" working days"),
            label=self.tr("&Decision within:"),
            default_text=self.tr("Not set yet: the default of {days} working days applies.").format(
                days=DEFAULT_WORKING_DAYS
            ),
        )
