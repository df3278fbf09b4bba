"""What every list of the back office is made of, with no Qt: a query, a page, a source.

A section's screen (``views/sections``) shows one :class:`ListSource`: the counts of its
tabs, pages of its rows for a :class:`ListQuery`, one record's detail and, for the Excel
export, every row the query selects. Rows and details are frozen dataclasses read inside
one session; nothing here holds an ORM object past it.

Paging is by offset or by key: a source whose list only grows at one end (the audit log)
reads the next page *after* the last row it returned, which stays fast however deep the
user scrolls; the others use the offset. Both are given, each source uses what suits it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Generic, Protocol, TypeVar

from sqlalchemy.orm import Session

EXPORT_BATCH = 2000  # rows a source reads at a time while exporting


class HasId(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=HasId)
RowT_co = TypeVar("RowT_co", bound=HasId, covariant=True)
DetailT_co = TypeVar("DetailT_co", covariant=True)


@dataclass(frozen=True)
class ListQuery:
    """What the user asked the list for: a tab, a search, a date range, choices.

    ``choices`` holds the value of every choice filter as ``(key, value)`` pairs (a tuple
    so that the query is hashable and two equal queries compare equal).
    """

    tab: str = "all"
    search: str = ""
    date_from: date | None = None
    date_to: date | None = None
    choices: tuple[tuple[str, str], ...] = ()
    order: str = ""  # a source's order key, "-key" descending; "" is the source's own

    def choice(self, key: str) -> str | None:
        return dict(self.choices).get(key)

    def with_choice(self, key: str, value: str | None) -> ListQuery:
        kept = tuple((k, v) for k, v in self.choices if k != key)
        return replace(self, choices=kept if value is None else (*kept, (key, value)))

    @property
    def narrowed(self) -> bool:
        """Whether anything but the default tab narrows the list (for empty states)."""
        return bool(self.search or self.date_from or self.date_to or self.choices)


@dataclass(frozen=True)
class Page(Generic[RowT_co]):
    """One page of a list; ``total`` counts the whole query.

    ``total_exact`` is False where counting everything would cost more than the page
    (the audit log past :data:`audit_log.COUNT_LIMIT` events): ``total`` is then a floor.
    """

    rows: Sequence[RowT_co]
    total: int
    offset: int = 0
    total_exact: bool = True


@dataclass(frozen=True)
class Snapshot(Generic[RowT_co]):
    """The tab counts and the first page, read together in one session."""

    counts: dict[str, int] = field(default_factory=dict)
    page: Page[RowT_co] = field(default_factory=lambda: Page((), 0))


class ListSource(Protocol[RowT_co, DetailT_co]):
    """A list's data, by the service that owns it. Every method reads in ``session``."""

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        """Rows per tab for the query's other filters ({} for a list without tabs)."""
        ...

    def page(
        self, session: Session, query: ListQuery, *, offset: int, after: object, limit: int
    ) -> Page[RowT_co]:
        """``limit`` rows from ``offset``; keyset sources read after the row ``after``
        (the last row of the previous page, None for the first page) instead."""
        ...

    def detail(self, session: Session, row_id: int) -> DetailT_co:
        """One record as its detail pane shows it (``NotFoundError`` if it is gone)."""
        ...

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[RowT_co]:
        """Every row the query selects, in the list's order, read in batches."""
        ...


def rows_by_pages(
    source: ListSource[RowT, object], session: Session, query: ListQuery, batch: int = EXPORT_BATCH
) -> Iterator[RowT]:
    """Every row of ``query`` read a page at a time (keyset where the source uses it):
    the ``export_rows`` of a source that needs nothing faster."""
    offset, after = 0, None
    while True:
        page = source.page(session, query, offset=offset, after=after, limit=batch)
        yield from page.rows
        if len(page.rows) < batch:
            return
        offset += len(page.rows)
        after = page.rows[-1]


def like_literal(text: str) -> str:
    """``text`` for a ``LIKE … ESCAPE '\\'`` pattern: ``%``, ``_`` and ``\\`` match
    themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
