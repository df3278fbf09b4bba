"""What the «Новости» section shows: frozen rows read inside one session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The list's tabs, in order. "scheduled" is a published item whose publish_at is still
# ahead; "published" one the portal shows now or showed until its unpublish_at.
TABS = ("all", "draft", "scheduled", "published", "archived")
SHOWN_STATUSES = ("draft", "scheduled", "published", "archived")


@dataclass(frozen=True)
class NewsRow:
    id: int
    title: str
    kind: str  # news | article
    status: str  # one of SHOWN_STATUSES (derived: scheduled = published, publish_at ahead)
    publish_at: datetime | None
    unpublish_at: datetime | None
    pinned: bool
    author: str
    updated_at: datetime
    updated_by: str | None
    version: int
    on_portal: bool  # the portal shows it now (published, inside its window)


@dataclass(frozen=True)
class RevisionLine:
    version: int
    saved_by: str
    saved_at: datetime
    title: str
    restored_from: int | None


@dataclass(frozen=True)
class NewsDetail:
    id: int
    row: NewsRow
    summary: str
    body_html: str  # as stored: sanitised
    created_at: datetime
    revisions: tuple[RevisionLine, ...]  # newest first

    @property
    def version(self) -> int:
        return self.row.version
