"""How a list-and-detail section is described: once, declaratively, like Django's ModelAdmin.

A :class:`ListSection` names its data source (a service-level
:class:`~lkk_admin.services.listing.ListSource`), its columns, its filters (status tabs,
a date range, choices), its search box, its actions and its detail pane; the generic
:class:`~lkk_admin.views.framework.list_page.ListPage` does the rest. Texts are English
sources marked with :func:`QT_TRANSLATE_NOOP` in the section's translation ``context`` and
translated when the page is built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services.excel_export import ExportColumn
from lkk_admin.services.excel_export import Kind as ExportKind
from lkk_admin.services.listing import HasId, ListSource

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from lkk_admin.views.context import AppContext
    from lkk_admin.views.framework.list_page import ListPage

RowT = TypeVar("RowT", bound=HasId)
Factory = sessionmaker[Session]
Align = Literal["left", "right", "center"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate scans for
    """Marks ``text`` for translation in ``context`` (typed, unlike Qt's own)."""
    del context
    return text


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column: what it shows of a row, how, and what it exports.

    ``width`` is the starting width in pixels (the user may drag it); a column with
    ``stretch`` takes that share of what the fixed columns leave, never less than
    ``min_width``. ``export`` gives the typed value for Excel (``export_kind`` says how
    to write it); without it the shown text is exported.
    """

    header: str
    text: Callable[[RowT], str]
    tip: str = ""
    cell_tip: Callable[[RowT], str] | None = None
    align: Align = "left"
    foreground: Callable[[RowT], QColor | None] | None = None
    background: Callable[[RowT], QColor | None] | None = None
    bold: Callable[[RowT], bool] | None = None
    width: int = 100
    stretch: int = 0
    min_width: int = 60
    max_width: int = 0  # 0: no limit
    sort: str = ""  # the source's order key; "" cannot be sorted by
    export: Callable[[RowT], object] | None = None
    export_kind: ExportKind = "text"
    export_width: float | None = None
    tabs: tuple[str, ...] = ()  # shown only on these tabs (empty: always)
    # Hidden while the list is narrower than this (a small window keeps what matters);
    # 0: always shown. Exports have it all the same.
    hide_below: int = 0

    def export_column(self, header: str) -> ExportColumn:
        """This column in an Excel export, under ``header`` (translated by the caller):
        its typed value, or the text the list shows."""
        if self.export is None:
            return ExportColumn(header, self.text, "text", self.export_width)
        return ExportColumn(header, self.export, self.export_kind, self.export_width)

    # Hidden while no row listed has anything to show in it (an error column when there
    # are no errors). Exports have it all the same.
    hide_when_empty: bool = False


@dataclass(frozen=True)
class Tabs:
    """Status tabs with their counts (the source's ``counts``); ``alert`` tabs turn red
    while they have rows (something needs someone to act)."""

    keys: tuple[str, ...]
    name: Callable[[str], str]
    alert: tuple[str, ...] = ()
    alert_colour: QColor = field(default_factory=lambda: QColor(176, 32, 32))


@dataclass(frozen=True)
class DateRange:
    """ "From … to …" days, each bound used only while its box is ticked."""

    from_text: str
    to_text: str
    tip: str
    days_back: int = 30


@dataclass(frozen=True)
class Choice:
    """A drop-down filter: ``options`` read in a job (value, shown text); "" is "any"."""

    key: str
    label: str
    any_text: str
    options: Callable[[Factory], Sequence[tuple[str, str]]]
    tip: str = ""
    min_width: int = 110


@dataclass(frozen=True)
class ActionSpec:
    """A section command beyond the standard ones (find, refresh, export).

    ``run(page)`` does it; ``enabled(page)`` says when it may (with a shown detail, by
    default). ``in_pane`` makes it a button of the detail pane too; ``confirm`` asks
    first. ``roles`` limits it to staff with one of them (empty: everyone who sees the
    section).
    """

    name: str
    text: str
    tip: str
    run: Callable[[ListPage[Any]], object]
    keys: tuple[str, ...] = ()
    enabled: Callable[[ListPage[Any]], bool] | None = None
    in_pane: bool = True
    confirm: str = ""
    roles: frozenset[str] = frozenset()


def page_command(name: str) -> Callable[[ListPage[Any]], object]:
    """An action's ``run``: the method ``name`` of the section's own page class."""
    return lambda page: getattr(page, name)()


def page_allows(act: str) -> Callable[[ListPage[Any]], bool]:
    """An action's ``enabled``: the page's ``may(act)`` (what the record shown allows)."""
    return lambda page: bool(getattr(page, "may", lambda _act: False)(act))


def page_idle(page: ListPage[Any]) -> bool:
    """An action's ``enabled`` that needs no record: the page is shown and not busy."""
    return page.isVisible() and not getattr(page, "busy", False)


@dataclass(frozen=True)
class ListSection(Generic[RowT]):
    """Everything a list-and-detail section is; see the module's docstring."""

    key: str
    context: str  # the translation context of the texts below
    source: Callable[[AppContext], ListSource[RowT, Any]]
    columns: tuple[Column[RowT], ...]
    detail: Callable[[AppContext], QWidget]
    search_placeholder: str
    search_tip: str
    empty_text: str
    empty_filtered_text: str
    menu_title: str
    noun: str = "rows"  # what "Loading the …" says
    tabs: Tabs | None = None
    dates: DateRange | None = None
    choices: tuple[Choice, ...] = ()
    actions: tuple[ActionSpec, ...] = ()
    export_name: str = ""  # file name stem and sheet title; the section title if empty
    page_size: int = 100

    def translate(self, text: str) -> str:
        return QCoreApplication.translate(self.context, text) if text else ""
