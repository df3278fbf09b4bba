"""One news item in the list's detail: its state and dates (Moscow time) and the item as
the portal shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from lkk_admin.services import news
from lkk_admin.services.news_browser import NewsDetail
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.detail import DetailPane, FormGroup
from lkk_admin.views.news import formatting as nfmt
from lkk_admin.views.news.portal_preview import PortalPreview


class NewsPane(DetailPane):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("newsPane", parent)
        self.context = context
        self.facts = FormGroup(self.tr("Publication"), "publicationGroup")
        self.preview = PortalPreview(context)
        self.preview.setMinimumHeight(320)
        self.body_layout.addWidget(self.facts)
        self.body_layout.addWidget(self.preview, 1)
        self.clear()

    def clear(self, text: str | None = None) -> None:
        super().clear(text or self.tr("Choose an item in the list to see it here."))

    def fill(self, detail: NewsDetail) -> None:
        row = detail.row
        self.title_label.setText(row.title)
        parts = [nfmt.kind_name(row.kind), nfmt.status_name(row.status)]
        if row.pinned:
            parts.append(self.tr("pinned"))
        if row.on_portal:
            parts.append(self.tr("on the portal now"))
        self.subtitle_label.setText(" · ".join(parts))
        last_change = f"{nfmt.moscow(row.updated_at)}, {row.updated_by or row.author}"
        self.facts.set_rows(
            [
                (self.tr("Status"), nfmt.status_name(row.status)),
                (self.tr("Published from"), nfmt.moscow(row.publish_at)),
                (
                    self.tr("Until"),
                    nfmt.moscow(row.unpublish_at) if row.unpublish_at else self.tr("no end"),
                ),
                (self.tr("Pinned"), fmt.yes_no(row.pinned)),
                (self.tr("Author"), row.author),
                (self.tr("Created"), nfmt.moscow(detail.created_at)),
                (self.tr("Last change"), last_change),
                (self.tr("Versions"), str(len(detail.revisions))),
            ]
        )
        self.preview.show_item(
            news.VisibleItem(
                id=detail.id,
                title=row.title,
                kind=row.kind,
                summary=detail.summary,
                body_html=detail.body_html,
                publish_at=row.publish_at,
                pinned=row.pinned,
            )
        )
