"""The news section, declared: news and reference articles by state, and the editors'
commands (the page, :mod:`.news_page`, carries them out)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from lkk_admin.services.news_browser import TABS, NewsRow, NewsSource
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.spec import (
    QT_TRANSLATE_NOOP,
    ActionSpec,
    Column,
    ListSection,
    Tabs,
    page_allows,
    page_command,
    page_idle,
)
from lkk_admin.views.news import formatting as nfmt
from lkk_admin.views.news.news_pane import NewsPane

EDITORS = frozenset({"editor"})


def _tab_name(key: str) -> str:
    names = {
        "all": QT_TRANSLATE_NOOP("NewsSection", "All"),
        "draft": QT_TRANSLATE_NOOP("NewsSection", "Drafts"),
        "scheduled": QT_TRANSLATE_NOOP("NewsSection", "Scheduled"),
        "published": QT_TRANSLATE_NOOP("NewsSection", "Published"),
        "archived": QT_TRANSLATE_NOOP("NewsSection", "Archive"),
    }
    return NEWS.translate(names.get(key, key))


def _status_colour(row: NewsRow) -> QColor | None:
    return nfmt.STATUS_COLOURS.get(row.status)


def _day_time(value: Any) -> str:
    return nfmt.moscow(value) if value is not None else "—"


COLUMNS: tuple[Column[NewsRow], ...] = (
    Column(
        QT_TRANSLATE_NOOP("NewsSection", "Title"),
        lambda row: ("📌 " if row.pinned else "") + row.title,
        QT_TRANSLATE_NOOP("NewsSection", "The title; 📌 marks an item pinned at the top"),
        cell_tip=lambda row: row.title,
        bold=lambda row: row.on_portal,
        stretch=1,
        min_width=200,
        sort="title",
        export=lambda row: row.title,
        export_width=50,
    ),
    Column(
        QT_TRANSLATE_NOOP("NewsSection", "Kind"),
        lambda row: nfmt.kind_name(row.kind),
        QT_TRANSLATE_NOOP("NewsSection", "News or reference article"),
        width=130,
        hide_below=900,
    ),
    Column(
        QT_TRANSLATE_NOOP("NewsSection", "Status"),
        lambda row: nfmt.status_name(row.status),
        QT_TRANSLATE_NOOP(
            "NewsSection", "Draft, scheduled (published from a later moment), published, archived"
        ),
        foreground=_status_colour,
        width=110,
    ),
    Column(
        QT_TRANSLATE_NOOP("NewsSection", "Published from"),
        lambda row: _day_time(row.publish_at),
        QT_TRANSLATE_NOOP("NewsSection", "When the portal starts showing it (Moscow time)"),
        width=120,
        sort="published",
        export=lambda row: row.publish_at,
        export_kind="datetime",
    ),
    Column(
        QT_TRANSLATE_NOOP("NewsSection", "Until"),
        lambda row: _day_time(row.unpublish_at) if row.unpublish_at else "",
        QT_TRANSLATE_NOOP("NewsSection", "When the portal stops showing it (Moscow time)"),
        width=120,
        hide_below=1000,
        export=lambda row: row.unpublish_at,
        export_kind="datetime",
    ),
    Column(
        QT_TRANSLATE_NOOP("NewsSection", "Author"),
        lambda row: row.author,
        QT_TRANSLATE_NOOP("NewsSection", "Who wrote it"),
        width=100,
        hide_below=1100,
    ),
    Column(
        QT_TRANSLATE_NOOP("NewsSection", "Last change"),
        lambda row: fmt.compact_date_time(row.updated_at),
        QT_TRANSLATE_NOOP("NewsSection", "When and by whom it was last changed"),
        cell_tip=lambda row: f"{nfmt.moscow(row.updated_at)}, {row.updated_by or row.author}",
        width=110,
        sort="changed",
        export=lambda row: row.updated_at,
        export_kind="datetime",
    ),
)

ACTIONS = (
    ActionSpec(
        "newItem",
        QT_TRANSLATE_NOOP("NewsSection", "&New item…"),
        QT_TRANSLATE_NOOP("NewsSection", "Write a new news item or reference article"),
        page_command("new_item"),
        keys=("Ctrl+N",),
        enabled=page_idle,
        in_pane=False,
        roles=EDITORS,
    ),
    ActionSpec(
        "editItem",
        QT_TRANSLATE_NOOP("NewsSection", "&Edit…"),
        QT_TRANSLATE_NOOP("NewsSection", "Open the item in its editor window"),
        page_command("edit_item"),
        keys=("F4",),
        enabled=page_allows("edit"),
        roles=EDITORS,
    ),
    ActionSpec(
        "publishItem",
        QT_TRANSLATE_NOOP("NewsSection", "&Publish…"),
        QT_TRANSLATE_NOOP(
            "NewsSection", "Publish now or at a set moment, after one more look at the preview"
        ),
        page_command("publish_item"),
        keys=("Ctrl+P",),
        enabled=page_allows("publish"),
        roles=EDITORS,
    ),
    ActionSpec(
        "unpublishItem",
        QT_TRANSLATE_NOOP("NewsSection", "&Unpublish"),
        QT_TRANSLATE_NOOP("NewsSection", "Take it off the portal; it becomes a draft again"),
        page_command("unpublish_item"),
        enabled=page_allows("unpublish"),
        confirm=QT_TRANSLATE_NOOP(
            "NewsSection", "Take the item off the portal? It becomes a draft again."
        ),
        roles=EDITORS,
    ),
    ActionSpec(
        "pinItem",
        QT_TRANSLATE_NOOP("NewsSection", "P&in / unpin"),
        QT_TRANSLATE_NOOP("NewsSection", "Pinned items stand first in the portal's list"),
        page_command("toggle_pin"),
        enabled=page_allows("pin"),
        in_pane=False,
        roles=EDITORS,
    ),
    ActionSpec(
        "duplicateItem",
        QT_TRANSLATE_NOOP("NewsSection", "&Duplicate"),
        QT_TRANSLATE_NOOP("NewsSection", "A new draft with the same text"),
        page_command("duplicate_item"),
        enabled=page_allows("duplicate"),
        in_pane=False,
        roles=EDITORS,
    ),
    ActionSpec(
        "historyItem",
        QT_TRANSLATE_NOOP("NewsSection", "&Versions…"),
        QT_TRANSLATE_NOOP(
            "NewsSection", "Every saved version: compare two, restore one as a new draft"
        ),
        page_command("show_history"),
        enabled=page_allows("history"),
        roles=EDITORS,
    ),
    ActionSpec(
        "archiveItem",
        QT_TRANSLATE_NOOP("NewsSection", "&Archive"),
        QT_TRANSLATE_NOOP(
            "NewsSection", "Take it off the portal for good; it stays in the archive"
        ),
        page_command("archive_item"),
        enabled=page_allows("archive"),
        in_pane=False,
        confirm=QT_TRANSLATE_NOOP(
            "NewsSection",
            "Archive the item? The portal stops showing it; it can only be duplicated afterwards.",
        ),
        roles=EDITORS,
    ),
)

NEWS = ListSection[NewsRow](
    key="news",
    context="NewsSection",
    source=lambda _context: NewsSource(),
    columns=COLUMNS,
    detail=NewsPane,
    search_placeholder=QT_TRANSLATE_NOOP("NewsSection", "Search in titles and texts (Ctrl+F)"),
    search_tip=QT_TRANSLATE_NOOP(
        "NewsSection", "A word or a part of one from the title, the summary or the text"
    ),
    empty_text=QT_TRANSLATE_NOOP(
        "NewsSection", "No news yet. Write the first one with «New item» (Ctrl+N)."
    ),
    empty_filtered_text=QT_TRANSLATE_NOOP(
        "NewsSection", 'Nothing matches. Type less or choose "All".'
    ),
    menu_title=QT_TRANSLATE_NOOP("NewsSection", "&News"),
    noun=QT_TRANSLATE_NOOP("NewsSection", "news"),
    tabs=Tabs(TABS, _tab_name),
    actions=ACTIONS,
    export_name=QT_TRANSLATE_NOOP("NewsSection", "News"),
)
