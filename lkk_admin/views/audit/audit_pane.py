"""One audit event, readably: who, when, what, the object (a link) and its details."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QWidget

from lkk_admin.services.audit_log import AuditDetail, entity_name
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.detail import DetailPane, FormGroup

# The sections that can show an object the log names (entity kind -> section key).
SECTION_OF_ENTITY = {
    "registration_request": "registration_queue",
    "mail_outbox": "mail_outbox",
    "counterparty": "counterparties",
}


class AuditPane(DetailPane):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("auditPane", parent)
        self.event_group = FormGroup(self.tr("Event"), "eventGroup")
        self.details_group = FormGroup(self.tr("Details"), "detailsGroup")
        self.link_button = QPushButton()
        self.link_button.setObjectName("objectLinkButton")
        self.link_button.clicked.connect(self._follow_link)
        self.raw_view = QPlainTextEdit()
        self.raw_view.setObjectName("rawDetails")
        self.raw_view.setReadOnly(True)
        self.raw_view.setMaximumHeight(160)
        self.raw_view.setToolTip(self.tr("The details exactly as stored"))
        self.body_layout.addWidget(self.event_group)
        self.body_layout.addWidget(self.link_button)
        self.body_layout.addWidget(self.details_group)
        self.body_layout.addWidget(self.raw_view)
        self.body_layout.addStretch(1)
        self.clear()

    def fill(self, detail: AuditDetail) -> None:
        row = detail.row
        self.title_label.setText(
            self.tr("Event No. {id}: {action}").format(id=row.id, action=row.action_name)
        )
        self.subtitle_label.setText(f"{fmt.date_time(row.occurred_at)} · {row.actor}")
        target = f"{row.entity_name} № {row.entity_id}" if row.entity_id else row.entity_name
        self.event_group.set_rows(
            [
                (self.tr("When"), fmt.date_time(row.occurred_at)),
                (self.tr("Who"), row.actor),
                (self.tr("What"), row.summary or row.action_name),
                (self.tr("Object"), target),
            ]
        )
        self.details_group.set_rows(list(detail.fields) or [(self.tr("Details"), "—")])
        self.raw_view.setPlainText(detail.details_json)
        section = SECTION_OF_ENTITY.get(detail.link[0]) if detail.link else None
        self.link_button.setVisible(section is not None)
        if detail.link is not None:
            self.link_button.setText(
                self.tr("Open {object} No. {id}").format(
                    object=entity_name(detail.link[0]).lower(), id=detail.link[1]
                )
            )

    def _follow_link(self) -> None:
        detail: AuditDetail | None = self.detail
        if detail is None or detail.link is None:
            return
        kind, record_id = detail.link
        section = SECTION_OF_ENTITY.get(kind)
        if section is not None:
            self.link_activated.emit(section, record_id, "")
