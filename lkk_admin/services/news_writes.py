"""How the news acts reach the database: prebuilt Core statements, the item's lock and
version, its revisions and its audit events.

Nothing here decides: ``services.news`` checks the rules and calls these. Every change of
an item bumps ``news_item.version`` by the statement itself (Core statements are not
watched by the ORM's ``version_id_col``), and its WHERE on the version read makes a
colleague's change in between a conflict even on SQLite, which locks no row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.models import NewsItem, NewsRevision
from lkk_admin.models.base import table_of
from lkk_admin.services import checks
from lkk_admin.services import queue_writes as writes
from lkk_admin.services.errors import ConflictError, NotFoundError

ENTITY = "news_item"
items_table = table_of(NewsItem)
revisions_table = table_of(NewsRevision)
_items = items_table
_revisions = revisions_table

# What a conflict tells the editor to do: keep the typed text (a save), or look again.
KEEP_TEXT = (
    "Ваш текст не сохранён, но и не потерян: скопируйте его или откройте новую версию "
    "рядом и перенесите свои правки."
)
REOPEN = "Откройте её заново, проверьте и повторите действие."


@dataclass(frozen=True)
class ItemText:
    """What a save writes and a revision keeps."""

    kind: str
    title: str
    summary: str
    body_html: str
    pinned: bool

    def changed_from(self, before: ItemText) -> list[str]:
        """The names of the fields that differ from ``before``."""
        return [
            field.name
            for field in fields(self)
            if getattr(self, field.name) != getattr(before, field.name)
        ]


# ---------------------------------------------------------------------------- statements

_ITEM_COLUMNS = (
    _items.c.id,
    _items.c.kind,
    _items.c.title,
    _items.c.summary,
    _items.c.body_html,
    _items.c.pinned,
    _items.c.status,
    _items.c.publish_at,
    _items.c.unpublish_at,
    _items.c.updated_at,
    _items.c.updated_by,
    _items.c.version,
)
_LOCK_ITEM = select(*_ITEM_COLUMNS).where(_items.c.id == bindparam("news_id")).with_for_update()
_READ_ITEM = select(*_ITEM_COLUMNS).where(_items.c.id == bindparam("news_id"))
# Every change bumps the version; on PostgreSQL the lock makes the WHERE on it a formality.
_UPDATE_ITEM = (
    update(_items)
    .where(_items.c.id == bindparam("news_id"), _items.c.version == bindparam("read_version"))
    .values(version=_items.c.version + 1)
)
_INSERT_ITEM = insert(_items).returning(_items.c.id)
_INSERT_REVISION = insert(_revisions)
REVISION_COLUMNS = (
    _revisions.c.version,
    _revisions.c.kind,
    _revisions.c.title,
    _revisions.c.summary,
    _revisions.c.body_html,
    _revisions.c.pinned,
    _revisions.c.saved_by,
    _revisions.c.saved_at,
    _revisions.c.restored_from,
)
_REVISION = select(*REVISION_COLUMNS).where(
    _revisions.c.news_item_id == bindparam("news_id"),
    _revisions.c.version == bindparam("version"),
)


# ---------------------------------------------------------------------------- reading


# A line break between two tags: the editor writes a block a line, older bodies were
# written without; a reader sees no difference (text inside a block never holds one).
_LINE_BETWEEN_TAGS = re.compile(r">[ \t]*\n\s*<")


def same_text(stored: ItemText, given: ItemText) -> bool:
    """Whether saving ``given`` over ``stored`` would change nothing a reader sees."""

    def compact(text: ItemText) -> ItemText:
        return replace(text, body_html=_LINE_BETWEEN_TAGS.sub("><", text.body_html))

    return stored == given or compact(stored) == compact(given)


def text_of(row: Any) -> ItemText:
    return ItemText(row.kind, row.title, row.summary, row.body_html, bool(row.pinned))


def what(item: Any) -> str:
    """«Новость «…»» or «Статья «…»», for messages."""
    noun = "Статья" if item.kind == "article" else "Новость"
    return f"{noun} «{item.title}»"


def not_found(news_id: int) -> NotFoundError:
    return NotFoundError(
        f"Новость № {news_id} не найдена: возможно, номер указан неверно. Обновите список.",
        code="NEWS_NOT_FOUND",
    )


def lock(session: Session, news_id: int) -> Any:
    """The item's row, locked for this transaction and read afresh."""
    item = run(session, _LOCK_ITEM, {"news_id": news_id}).one_or_none()
    if item is None:
        raise not_found(news_id)
    return item


def read(session: Session, news_id: int) -> Any:
    item = run(session, _READ_ITEM, {"news_id": news_id}).one_or_none()
    if item is None:
        raise not_found(news_id)
    return item


def revision(session: Session, item: Any, version: int) -> Any:
    row = run(session, _REVISION, {"news_id": item.id, "version": version}).one_or_none()
    if row is None:
        raise NotFoundError(
            f"У новости «{item.title}» нет версии {version}. Обновите историю версий.",
            code="REVISION_NOT_FOUND",
        )
    return row


def check_version(item: Any, actor: str, expected_version: int | None, advice: str) -> None:
    """Refuse an act on a version older than the item's (a colleague changed it since)."""
    if expected_version is not None and item.version != expected_version:
        raise ConflictError(stale_message(item, actor, expected_version, advice), code="STALE")


def stale_message(item: Any, actor: str, expected_version: int, advice: str) -> str:
    """Who changed the item and when, as the item's row says (on PostgreSQL the database
    stamps both)."""
    if item.updated_by is None:
        who = "другой сотрудник"
    elif item.updated_by == actor:
        who = "вы сами (в другом окне)"
    else:
        who = f"сотрудник {item.updated_by}"
    return (
        f"{what(item)} изменена, пока была у вас открыта: её изменил {who} "
        f"{checks.local_moment(item.updated_at)} (у вас версия {expected_version}, "
        f"сейчас — {item.version}). {advice}"
    )


# ---------------------------------------------------------------------------- writing


def bump(session: Session, item: Any, actor: str, now: datetime, **values: Any) -> int:
    """Change the locked item; its new version."""
    changed = run(
        session,
        _UPDATE_ITEM.values(updated_at=now, updated_by=actor, **values),
        {"news_id": item.id, "read_version": item.version},
    ).rowcount
    if changed != 1:  # SQLite locks no row: a colleague's act slipped in since the read
        fresh = read(session, item.id)
        raise ConflictError(stale_message(fresh, actor, item.version, REOPEN), code="STALE")
    return int(item.version) + 1


def keep_revision(
    session: Session,
    news_id: int,
    version: int,
    text: ItemText,
    *,
    actor: str,
    now: datetime,
    restored_from: int | None = None,
) -> None:
    run(
        session,
        _INSERT_REVISION,
        {
            "news_item_id": news_id,
            "version": version,
            "kind": text.kind,
            "title": text.title,
            "summary": text.summary,
            "body_html": text.body_html,
            "pinned": text.pinned,
            "saved_by": actor,
            "saved_at": now,
            "restored_from": restored_from,
        },
    )


def audit(
    session: Session, actor: str, action: str, news_id: int, now: datetime, **details: Any
) -> None:
    writes.audit_event(session, actor, action, ENTITY, news_id, details, occurred_at=now)


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def create(
    session: Session, actor: str, text: ItemText, now: datetime, action: str, **details: Any
) -> int:
    """A new draft with its first revision and its audit event; its id."""
    news_id = int(
        run(
            session,
            _INSERT_ITEM,
            {
                "kind": text.kind,
                "title": text.title,
                "summary": text.summary,
                "body_html": text.body_html,
                "status": "draft",
                "publish_at": None,
                "unpublish_at": None,
                "pinned": text.pinned,
                "author": actor,
                "created_at": now,
                "updated_at": now,
                "updated_by": actor,
                "version": 1,
            },
        ).scalar_one()
    )
    keep_revision(session, news_id, 1, text, actor=actor, now=now)
    audit(session, actor, action, news_id, now, title=text.title, version=1, **details)
    return news_id


def save_text(
    session: Session,
    item: Any,
    text: ItemText,
    *,
    actor: str,
    now: datetime,
    action: str,
    restored_from: int | None = None,
) -> int:
    """A new version of the locked item with ``text``, its revision and its audit event;
    the new version."""
    version = bump(
        session,
        item,
        actor,
        now,
        kind=text.kind,
        title=text.title,
        summary=text.summary,
        body_html=text.body_html,
        pinned=text.pinned,
    )
    keep_revision(
        session, item.id, version, text, actor=actor, now=now, restored_from=restored_from
    )
    details: dict[str, Any] = {
        "title": text.title,
        "version": version,
        "changed": text.changed_from(text_of(item)),
    }
    if restored_from is not None:
        details["restored_from"] = restored_from
    audit(session, actor, action, item.id, now, **details)
    return version
