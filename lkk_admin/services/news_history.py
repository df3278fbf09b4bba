"""A news item's history: its saved versions, one version's text, two versions compared.

Every save of a changed text keeps a ``news_revision`` row (migration 0013): the text as
saved, who saved it and when, and the version restored from, if it was a restore. Versions
are the item's own numbers; a publication, a pin or an archiving bumps the item's version
without a text, so the revisions' numbers may skip some.

Comparing is done on what a reader sees (the rendered text, line by line), not on markup:
an editor asks "what did the text say", not "which tag moved".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.services import news_writes as writes
from lkk_admin.services.news_html import plain_text

KIND_NAMES: dict[str, str] = {"news": "Новость", "article": "Справочная статья"}

_HISTORY = (
    select(*writes.REVISION_COLUMNS)
    .where(writes.revisions_table.c.news_item_id == bindparam("news_id"))
    .order_by(writes.revisions_table.c.version.desc())
)


@dataclass(frozen=True)
class Revision:
    """One saved version in an item's history."""

    version: int
    kind: str
    title: str
    saved_by: str
    saved_at: datetime
    restored_from: int | None  # the version whose text this one restored


@dataclass(frozen=True)
class RevisionText:
    """A saved version's whole text."""

    news_id: int
    version: int
    kind: str
    title: str
    summary: str
    body_html: str
    pinned: bool
    saved_by: str
    saved_at: datetime
    restored_from: int | None


class DiffLine(NamedTuple):
    """A line of :func:`compare`: ``tag`` "-" (only in the old version), "+" (only in the
    new one) or " " (in both)."""

    tag: str
    text: str


def revisions(session: Session, news_id: int) -> list[Revision]:
    """The item's saved versions, newest first."""
    writes.read(session, news_id)
    return [
        Revision(
            version=row.version,
            kind=row.kind,
            title=row.title,
            saved_by=row.saved_by,
            saved_at=row.saved_at,
            restored_from=row.restored_from,
        )
        for row in run(session, _HISTORY, {"news_id": news_id})
    ]


def revision_text(session: Session, news_id: int, version: int) -> RevisionText:
    """The text of one saved version."""
    row = writes.revision(session, writes.read(session, news_id), version)
    return RevisionText(
        news_id=news_id,
        version=row.version,
        kind=row.kind,
        title=row.title,
        summary=row.summary,
        body_html=row.body_html,
        pinned=bool(row.pinned),
        saved_by=row.saved_by,
        saved_at=row.saved_at,
        restored_from=row.restored_from,
    )


def readable_lines(text: RevisionText) -> list[str]:
    """A version as the lines a reader compares: title, kind, pin, summary, the text."""
    return [
        f"Заголовок: {text.title}",
        f"Вид: {KIND_NAMES.get(text.kind, text.kind)}",
        f"Закреплена: {'да' if text.pinned else 'нет'}",
        f"Анонс: {text.summary}",
        "",
        *plain_text(text.body_html).splitlines(),
    ]


def compare(session: Session, news_id: int, old_version: int, new_version: int) -> list[DiffLine]:
    """Two versions line by line as a reader sees them (title, kind, pin, summary, then the
    rendered text): every line of both, tagged "-" (only in the old one), "+" (only in the
    new one) or " " (in both), in reading order."""
    old = readable_lines(revision_text(session, news_id, old_version))
    new = readable_lines(revision_text(session, news_id, new_version))
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if operation == "equal":
            lines.extend(DiffLine(" ", line) for line in old[old_from:old_to])
            continue
        lines.extend(DiffLine("-", line) for line in old[old_from:old_to])
        lines.extend(DiffLine("+", line) for line in new[new_from:new_to])
    return lines
