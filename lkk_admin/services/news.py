"""News and reference articles: the editors' acts, their history, and what the portal shows.

Each act is one transaction in the caller's session: the item's change, the revision it
saves (if its text changed) and its audit event (entity ``news_item``), or — refused with
a ``DomainError`` before anything is written — nothing. The item's row is locked first
(``FOR UPDATE`` on PostgreSQL) and every change bumps ``news_item.version``; an act that
carries the version it was read at (``expected_version``) is refused as stale when a
colleague changed the item since, with who and when, so that the editor's typed text is
kept by the screen and never silently overwritten.

States (the ``status`` column): ``draft`` → ``published`` → ``draft`` (unpublished) or
``archived``. "Scheduled" is not stored: it is a published item whose ``publish_at`` is
ahead (:func:`shown_status`). The portal shows a published item from ``publish_at`` until
``unpublish_at`` (none: for good), pinned ones first, then the newest (:func:`visible`).

Decisions:

- The body is sanitised here (:func:`news_html.sanitize_html`), whatever the caller
  passes; title and summary are plain text (one line each, spaces collapsed): the portal
  escapes them.
- Every save of a changed text is a new version with its revision row (who, when); a save
  of the text as it stands writes nothing. Saving a published item changes what the
  portal shows at once (a correction); an archived item is not edited: duplicate it.
- Unpublishing returns the item to draft (its dates cleared; the audit log keeps them).
- Restoring an old version of a draft makes it the draft's newest version; restoring one of
  a published (or scheduled, or archived) item makes a new draft, so that nothing the
  portal shows changes without being published.
- A publication starts now or later, never earlier (except by keeping the start an already
  published item has): a backdated item would claim a date it was not shown at.
- A text is checked once more when it is published: a body written past the application
  (by the tables' owner) that the sanitiser would change is refused, never made live.

Writing goes through ``news_writes`` (statements, the lock, versions, revisions, audit
events); the history lives in ``news_history`` and the sanitiser in ``news_html``, both
re-exported here, so that ``services.news`` is the one door the screens use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from lkk_admin.db import constant, run
from lkk_admin.models.base import utcnow
from lkk_admin.models.content import NEWS_KINDS
from lkk_admin.services import checks
from lkk_admin.services import news_writes as writes
from lkk_admin.services.errors import DomainError
from lkk_admin.services.input_text import field_text, refuse_unstorable
from lkk_admin.services.news_history import (
    KIND_NAMES,
    DiffLine,
    Revision,
    RevisionText,
    compare,
    revision_text,
    revisions,
)
from lkk_admin.services.news_html import plain_text, sanitize_html
from lkk_admin.services.news_writes import KEEP_TEXT, REOPEN, ItemText

__all__ = [
    "KINDS",
    "KIND_NAMES",
    "MAX_BODY_LENGTH",
    "MAX_SUMMARY_LENGTH",
    "MAX_TITLE_LENGTH",
    "DiffLine",
    "Revision",
    "RevisionText",
    "VisibleItem",
    "archive",
    "compare",
    "duplicate",
    "plain_text",
    "publish",
    "restore",
    "revision_text",
    "revisions",
    "sanitize_html",
    "save",
    "set_pinned",
    "shown_status",
    "unpublish",
    "visible",
]

KINDS: tuple[str, ...] = NEWS_KINDS  # news, article
_items = writes.items_table
MAX_TITLE_LENGTH = 300  # news_item.title is VARCHAR(300)
# The home page shows the summary under the title: a teaser, not a second text.
MAX_SUMMARY_LENGTH = 400
# Characters of sanitised HTML: a long article is some 30,000; this stops a runaway paste.
MAX_BODY_LENGTH = 200_000
# Characters of HTML as given, before sanitising: a word processor's paste carries its
# styles too, but not a megabyte of them (nor the nesting that makes parsing slow).
MAX_GIVEN_BODY_LENGTH = 1_000_000
TITLE_FIELD = "Заголовок"
SUMMARY_FIELD = "Анонс"
BODY_FIELD = "Текст"
COPY_PREFIX = "Копия: "
# Every action this module writes to the audit log (named in services.audit_log).
ACTIONS = (
    "create_news",
    "save_news",
    "publish",
    "schedule_news",
    "unpublish",
    "archive",
    "pin_news",
    "unpin_news",
    "duplicate_news",
    "restore_news_version",
    "restore_news_as_draft",
)


@dataclass(frozen=True)
class VisibleItem:
    """An item as the portal's home page lists it (and a preview shows a draft)."""

    id: int
    kind: str
    title: str
    summary: str
    body_html: str
    publish_at: datetime | None  # always set by visible(); None in a draft's preview
    pinned: bool
    unpublish_at: datetime | None = None


_VISIBLE = (
    select(
        _items.c.id,
        _items.c.kind,
        _items.c.title,
        _items.c.summary,
        _items.c.body_html,
        _items.c.publish_at,
        _items.c.unpublish_at,
        _items.c.pinned,
    )
    .where(
        _items.c.status == constant("published"),
        _items.c.publish_at <= bindparam("now", type_=_items.c.publish_at.type),
        or_(
            _items.c.unpublish_at.is_(None),
            _items.c.unpublish_at > bindparam("now", type_=_items.c.unpublish_at.type),
        ),
    )
    .order_by(_items.c.pinned.desc(), _items.c.publish_at.desc(), _items.c.id.desc())
)


# ---------------------------------------------------------------------------- checks


def _moment(value: datetime | None) -> datetime:
    if value is None:
        return utcnow()
    if value.tzinfo is None:
        raise ValueError("naive datetime given; pass an aware one (UTC or Moscow time)")
    return value.astimezone(UTC)


def shown_status(status: str, publish_at: datetime | None, now: datetime) -> str:
    """The state staff see: ``scheduled`` for a published item whose start is ahead."""
    if status == "published" and publish_at is not None and publish_at > now:
        return "scheduled"
    return status


def _one_line(text: str, field: str, max_length: int) -> str:
    """Plain text of one line: unstorable characters refused, spaces collapsed."""
    return field_text(
        " ".join(refuse_unstorable(text, field).split()), field, max_length=max_length
    )


def _checked_text(title: str, kind: str, summary: str, body_html: str, pinned: bool) -> ItemText:
    title = _one_line(title, TITLE_FIELD, MAX_TITLE_LENGTH)
    if not title:
        raise DomainError(
            "Укажите заголовок: без него новость не сохранить.", code="TITLE_REQUIRED"
        )
    if kind not in KINDS:
        raise DomainError(
            f"Неизвестный вид публикации «{kind}»: выберите «Новость» или «Справочная статья».",
            code="UNKNOWN_KIND",
        )
    summary = _one_line(summary, SUMMARY_FIELD, MAX_SUMMARY_LENGTH)
    if len(body_html) > MAX_GIVEN_BODY_LENGTH:
        raise DomainError(
            f"Текст слишком большой: {len(body_html)} знаков разметки при пределе "
            f"{MAX_GIVEN_BODY_LENGTH}. Вставьте его частями или без оформления.",
            code="TOO_LONG",
        )
    body = sanitize_html(refuse_unstorable(body_html, BODY_FIELD))
    if len(body) > MAX_BODY_LENGTH:
        raise DomainError(
            f"Текст слишком длинный: {len(body)} знаков разметки при пределе "
            f"{MAX_BODY_LENGTH}. Разделите его на несколько статей.",
            code="TOO_LONG",
        )
    return ItemText(kind, title, summary, body, bool(pinned))


def _refuse_archived(item: Any, doing: str) -> None:
    if item.status == "archived":
        raise DomainError(
            f"{writes.what(item)} в архиве: {doing} нельзя. Сделайте её копию — новый черновик.",
            code="ARCHIVED",
        )


def _refuse_empty(item: Any, body_html: str, doing: str) -> None:
    """A published item is never left without a text."""
    if not plain_text(body_html):
        raise DomainError(
            f"{writes.what(item)}: текст пуст — {doing} нельзя. Напишите текст.",
            code="EMPTY_BODY",
        )


# ---------------------------------------------------------------------------- the acts


def save(
    session: Session,
    actor: str,
    *,
    title: str,
    kind: str,
    summary: str,
    body_html: str,
    news_id: int | None = None,
    pinned: bool = False,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Create a draft (``news_id`` None) or save a new version of the item; its id.

    The body is sanitised here; a text equal to the item's current one (line breaks
    between blocks aside: the editor writes a block a line) writes nothing, and is never
    stale: nothing of anyone's would be lost."""
    text = _checked_text(title, kind, summary, body_html, pinned)
    now = _moment(now)
    if news_id is None:
        return writes.create(session, actor, text, now, "create_news", kind=text.kind)
    item = writes.lock(session, news_id)
    _refuse_archived(item, "изменить её")
    if writes.same_text(writes.text_of(item), text):
        return int(item.id)
    writes.check_version(item, actor, expected_version, KEEP_TEXT)
    if item.status == "published":
        _refuse_empty(item, text.body_html, "оставить опубликованную новость без текста")
    writes.save_text(session, item, text, actor=actor, now=now, action="save_news")
    return int(item.id)


def publish(
    session: Session,
    news_id: int,
    actor: str,
    *,
    publish_at: datetime | None = None,
    unpublish_at: datetime | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Publish the item from ``publish_at`` (None: now; later: scheduled) until
    ``unpublish_at`` (None: for good); the item's new version. Publishing an item that is
    published already reschedules it."""
    now = _moment(now)
    start = now if publish_at is None else _moment(publish_at)
    end = None if unpublish_at is None else _moment(unpublish_at)
    item = writes.lock(session, news_id)
    writes.check_version(item, actor, expected_version, REOPEN)
    _refuse_archived(item, "опубликовать её")
    keeps_start = item.status == "published" and start == item.publish_at
    if start < now and not keeps_start:
        raise DomainError(
            f"Начало показа ({checks.local_moment(start)}) уже прошло: опубликуйте сейчас "
            "или выберите время впереди.",
            code="PUBLISH_IN_PAST",
        )
    if end is not None and end <= start:
        raise DomainError(
            f"Конец показа ({checks.local_moment(end)}) должен быть позже начала "
            f"({checks.local_moment(start)}).",
            code="UNPUBLISH_BEFORE_PUBLISH",
        )
    if end is not None and end <= now:
        raise DomainError(
            f"Конец показа ({checks.local_moment(end)}) уже прошёл: выберите время впереди "
            "или оставьте его пустым.",
            code="UNPUBLISH_IN_PAST",
        )
    if not item.title.strip():
        raise DomainError("У новости нет заголовка: опубликовать её нельзя.", code="TITLE_REQUIRED")
    _refuse_empty(item, item.body_html, "опубликовать её")
    if sanitize_html(item.body_html) != item.body_html:
        raise DomainError(
            f"{writes.what(item)}: её текст записан не через LKK Admin и не прошёл очистку. "
            "Откройте её, сохраните заново и повторите публикацию.",
            code="UNSANITISED_BODY",
        )
    if item.status == "published" and (item.publish_at, item.unpublish_at) == (start, end):
        return int(item.version)
    version = writes.bump(
        session, item, actor, now, status="published", publish_at=start, unpublish_at=end
    )
    writes.audit(
        session,
        actor,
        "schedule_news" if start > now else "publish",
        item.id,
        now,
        title=item.title,
        version=version,
        publish_at=writes.iso(start),
        unpublish_at=writes.iso(end),
        before=_placement(item),
    )
    return version


def _placement(item: Any) -> dict[str, Any]:
    return {
        "status": item.status,
        "publish_at": writes.iso(item.publish_at),
        "unpublish_at": writes.iso(item.unpublish_at),
    }


def unpublish(
    session: Session,
    news_id: int,
    actor: str,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Take a published (or scheduled) item off the portal: back to draft, dates cleared;
    the item's new version."""
    now = _moment(now)
    item = writes.lock(session, news_id)
    writes.check_version(item, actor, expected_version, REOPEN)
    if item.status != "published":
        raise DomainError(
            f"{writes.what(item)} не опубликована: снимать с публикации нечего.",
            code="NOT_PUBLISHED",
        )
    version = writes.bump(
        session, item, actor, now, status="draft", publish_at=None, unpublish_at=None
    )
    writes.audit(
        session,
        actor,
        "unpublish",
        item.id,
        now,
        title=item.title,
        version=version,
        before=_placement(item),
    )
    return version


def archive(
    session: Session,
    news_id: int,
    actor: str,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Move the item to the archive (off the portal for good; duplicate it to reuse the
    text); the item's new version. Its dates stay, as a record of when it was shown."""
    now = _moment(now)
    item = writes.lock(session, news_id)
    writes.check_version(item, actor, expected_version, REOPEN)
    if item.status == "archived":
        raise DomainError(f"{writes.what(item)} уже в архиве.", code="ALREADY_ARCHIVED")
    version = writes.bump(session, item, actor, now, status="archived")
    writes.audit(
        session,
        actor,
        "archive",
        item.id,
        now,
        title=item.title,
        version=version,
        before=_placement(item),
    )
    return version


def set_pinned(
    session: Session,
    news_id: int,
    actor: str,
    pinned: bool,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Pin the item at the top of the portal's list, or unpin it; the item's version
    (unchanged when it already was so)."""
    now = _moment(now)
    item = writes.lock(session, news_id)
    writes.check_version(item, actor, expected_version, REOPEN)
    _refuse_archived(item, "закрепить её" if pinned else "открепить её")
    if bool(item.pinned) == bool(pinned):
        return int(item.version)
    version = writes.bump(session, item, actor, now, pinned=bool(pinned))
    writes.audit(
        session,
        actor,
        "pin_news" if pinned else "unpin_news",
        item.id,
        now,
        title=item.title,
        version=version,
    )
    return version


def _copy_title(title: str) -> str:
    room = MAX_TITLE_LENGTH - len(COPY_PREFIX)
    return COPY_PREFIX + (title if len(title) <= room else title[: room - 1].rstrip() + "…")


def duplicate(session: Session, news_id: int, actor: str, *, now: datetime | None = None) -> int:
    """A new draft with the item's text (title prefixed «Копия: »); its id."""
    now = _moment(now)
    item = writes.read(session, news_id)
    source = writes.text_of(item)
    text = ItemText(
        source.kind,
        _copy_title(source.title),
        source.summary,
        sanitize_html(source.body_html),
        source.pinned,
    )
    return writes.create(
        session,
        actor,
        text,
        now,
        "duplicate_news",
        kind=text.kind,
        source_news_id=item.id,
        source_version=item.version,
    )


def restore(
    session: Session,
    news_id: int,
    version: int,
    actor: str,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> int:
    """Bring back the text of ``version``: as the newest version of a draft (its id), or,
    when the item is published, scheduled or archived, as a new draft (the new id), so that
    nothing the portal shows changes without being published."""
    now = _moment(now)
    item = writes.lock(session, news_id)
    old = writes.revision(session, item, version)
    text = ItemText(
        old.kind, old.title, old.summary, sanitize_html(old.body_html), bool(old.pinned)
    )
    if item.status != "draft":
        return writes.create(
            session,
            actor,
            text,
            now,
            "restore_news_as_draft",
            kind=text.kind,
            source_news_id=item.id,
            source_version=version,
        )
    if writes.same_text(writes.text_of(item), text):
        return int(item.id)
    writes.check_version(item, actor, expected_version, REOPEN)
    writes.save_text(
        session,
        item,
        text,
        actor=actor,
        now=now,
        action="restore_news_version",
        restored_from=version,
    )
    return int(item.id)


# ---------------------------------------------------------------------------- reading


def visible(session: Session, now: datetime) -> list[VisibleItem]:
    """What the portal shows at ``now``, in its order: published items with
    ``publish_at <= now < unpublish_at`` (no ``unpublish_at``: no end), pinned first,
    then the newest ``publish_at`` first."""
    rows = run(session, _VISIBLE, {"now": _moment(now)})
    return [
        VisibleItem(
            id=row.id,
            kind=row.kind,
            title=row.title,
            summary=row.summary,
            body_html=row.body_html,
            publish_at=row.publish_at,
            unpublish_at=row.unpublish_at,
            pinned=bool(row.pinned),
        )
        for row in rows
    ]
