"""Any list to an .xlsx file: typed cells, a frozen bold header, a filter, sensible widths.

Every list of the back office exports what its filters select (``ListSource.export_rows``)
through :func:`export_xlsx`, streamed with openpyxl's write-only workbook, so a hundred
thousand rows need no more memory than a few hundred. The file appears whole or not at
all: it is written beside the target as ``<name>.part`` and renamed over it when
complete; a cancellation or a failure removes the part and leaves an existing file as it
was. Each export is recorded in the audit log (:func:`audit_export`): what left the
database, by whom, and under which file name.

Cells keep their types, so that Excel sums and sorts them: numbers as numbers (money with
two decimals), dates as dates in the Russian order, times converted from UTC to the
desk's time zone. Text is always text: a value such as ``=HYPERLINK(...)`` typed into the
portal never becomes a formula in the administrator's Excel.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import chain, islice
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.orm import Session

from lkk_admin.models import AuditEvent
from lkk_admin.services.errors import DomainError

if TYPE_CHECKING:  # openpyxl itself is imported when a file is written (start-up time)
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

log = logging.getLogger(__name__)

Kind = Literal["text", "int", "decimal", "money", "date", "datetime", "percent"]
KINDS: tuple[Kind, ...] = ("text", "int", "decimal", "money", "date", "datetime", "percent")

MAX_ROWS = 1_048_575  # Excel's sheet holds 1,048,576 rows, one of them the header
MAX_TEXT = 32_767  # characters in one cell
_CACHED, _CACHED_TEXT = 20_000, 200  # distinct texts remembered, and up to what length
PROGRESS_EVERY = 500  # rows between progress reports (and cancellation checks)
WIDTH_SAMPLE = 200  # rows read before the columns' widths are chosen
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0  # in characters of the default font

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
PERCENT_FORMAT = "0%"
PERCENT_FRACTION_FORMAT = "0.0#%"

EXPORT_ACTION = "export_list"
EXPORT_ENTITY = "list_export"

# A text cell starting with one of these is what spreadsheet injection relies on; it is
# written as text (never a formula) and marked "quoted", so that Excel keeps it text even
# when someone edits the cell and presses Enter.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The control characters Excel refuses (openpyxl's ILLEGAL_CHARACTERS_RE, which
# tests/services/test_excel_export.py compares with this) and its error values (ERROR_CODES).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
# Besides the control characters openpyxl refuses, XML itself has no place for these.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class ExportCancelled(Exception):  # noqa: N818 - "the export was cancelled", not an error
    """The user cancelled the export: nothing was written."""


class ExportError(DomainError):
    """The file could not be written (the message says why, in Russian)."""


@dataclass(frozen=True)
class ExportColumn:
    """One column of an export: its Russian header, how to read its value from a row, the
    value's kind and, optionally, its width in characters (else estimated).

    Kinds: ``text``; ``int``; ``decimal`` (a number as it is); ``money`` (two decimals,
    thousands grouped); ``date``; ``datetime`` (an aware datetime is shown in the desk's
    time zone); ``percent``: a number of percent (22 for 22 %), stored as the fraction
    Excel means by a percentage. ``None`` leaves the cell empty; a value that is not of
    its column's kind (a "н/д" among amounts) is written as text rather than lost.
    """

    header: str
    value: Callable[[Any], object]
    kind: Kind = "text"
    width: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


def clean_text(value: object) -> str:
    """``value`` as text Excel accepts: no control characters, at most 32,767 characters."""
    text = value if isinstance(value, str) else str(value)
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    return text[:MAX_TEXT]


def local_naive(moment: datetime) -> datetime:
    """An aware time as the desk's wall-clock time (Excel has no time zones); a naive one
    is taken to be local already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


def _decimal(value: object) -> Decimal | int | float | None:
    """A number from what a column gave (None when it is none or not finite)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    try:
        typed = str(value).strip().replace(",", ".")
        number = Decimal(typed.replace(" ", "").replace("\N{NO-BREAK SPACE}", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return local_naive(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return local_naive(value).date()
    return value if isinstance(value, date) else None


def _needs_quote(text: str) -> bool:
    return text.startswith(_FORMULA_STARTS) or text in ERROR_CODES


class _Styles:
    """The few cell styles an export uses, registered once in the workbook."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        from openpyxl.cell import cell
        from openpyxl.styles import Font

        self._cell_class, self._font_class = cell.Cell, Font
        self.sheet = sheet
        self.bold = self._template(bold=True)
        self.quoted = self._template(quote=True)
        self._formats: dict[str, Cell] = {}

    def _template(
        self, number_format: str | None = None, *, quote: bool = False, bold: bool = False
    ) -> Cell:
        template = self._cell_class(self.sheet, row=1, column=1)
        if number_format is not None:
            template.number_format = number_format
        if quote:
            template.quotePrefix = True
        if bold:
            template.font = self._font_class(bold=True)
        return template

    def number(self, number_format: str) -> Cell:
        template = self._formats.get(number_format)
        if template is None:
            template = self._formats[number_format] = self._template(number_format)
        return template


# ---------------------------------------------------------------------------- slow path
# Cells through openpyxl's public write-only API: about 10,000 rows a second.


class _Cells:
    """Values as the write-only sheet takes them: a plain value where openpyxl's own typing
    is right, a styled cell where a format is needed or a text must stay text."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles

    def _cell(self, template: Cell, value: object, data_type: str) -> Cell:
        cell = self.styles._cell_class(
            self.styles.sheet, row=1, column=1, style_array=template._style
        )
        cell._value = value
        cell.data_type = data_type
        return cell

    def header(self, text: str) -> Cell:
        return self._cell(self.styles.bold, clean_text(text), "s")

    def maker(self, kind: Kind) -> Callable[[object], object]:
        return {
            "text": self.text,
            "int": self.integer,
            "decimal": self.decimal,
            "money": self.money,
            "date": self.date,
            "datetime": self.datetime,
            "percent": self.percent,
        }[kind]

    def text(self, value: object) -> object:
        if value is None:
            return None
        text = clean_text(value)
        return self._cell(self.styles.quoted, text, "s") if _needs_quote(text) else text

    def integer(self, value: object) -> object:
        number = None if value is None else _decimal(value)
        return self.text(value) if number is None else int(number)

    def decimal(self, value: object) -> object:
        number = None if value is None else _decimal(value)
        return self.text(value) if number is None else number

    def money(self, value: object) -> object:
        number = None if value is None else _decimal(value)
        if number is None:
            return self.text(value)
        return self._cell(self.styles.number(MONEY_FORMAT), number, "n")

    def percent(self, value: object) -> object:
        fraction = _fraction(value)
        if fraction is None:
            return self.text(value)
        return self._cell(self.styles.number(_percent_format(fraction)), fraction, "n")

    def date(self, value: object) -> object:
        day = _as_date(value)
        if day is None:
            return None if value is None else self.text(value)
        return self._cell(self.styles.number(DATE_FORMAT), day, "d")

    def datetime(self, value: object) -> object:
        moment = _as_datetime(value)
        if moment is None:
            return None if value is None else self.text(value)
        return self._cell(self.styles.number(DATETIME_FORMAT), moment, "d")


def _fraction(value: object) -> Decimal | None:
    number = None if value is None else _decimal(value)
    return None if number is None else Decimal(str(number)) / 100


def _percent_format(fraction: Decimal) -> str:
    whole = (fraction * 100) % 1 == 0
    return PERCENT_FORMAT if whole else PERCENT_FRACTION_FORMAT


# ---------------------------------------------------------------------------- fast path
# The same cells written as XML text and parsed a few rows at a time into elements the
# sheet's writer serialises as they are: openpyxl's per-cell objects cost more than the
# rest of an export together (about 35,000 rows a second instead of 11,000 for ten
# columns). openpyxl still writes the workbook, the styles, the column widths, the frozen
# header and the filter; if a later openpyxl streams rows differently, the slow path runs.


def _escape(text: str) -> str:
    """Text for an XML element (a carriage return kept, not normalised to a newline)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


class _CellXml:
    """Values as ``<c>`` elements' XML (column reference given), '' for an empty cell."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.quoted = f' s="{styles.quoted.style_id}"'
        self._attributes: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        from openpyxl.utils.datetime import to_excel

        self._to_excel = to_excel

    def _style(self, number_format: str) -> str:
        attribute = self._attributes.get(number_format)
        if attribute is None:
            style_id = self.styles.number(number_format).style_id
            attribute = self._attributes[number_format] = f' s="{style_id}"'
        return attribute

    def maker(self, kind: Kind) -> Callable[[object, str], str]:
        return {
            "text": self.text,
            "int": self.integer,
            "decimal": self.decimal,
            "money": self.money,
            "date": self.date,
            "datetime": self.datetime,
            "percent": self.percent,
        }[kind]

    def text(self, value: object, ref: str) -> str:
        if value is None:
            return ""
        tail = self._texts.get(value) if type(value) is str else None
        if tail is None:
            tail = self._text_tail(value)
            # Lists repeat their logins, statuses and names: each is escaped once.
            if type(value) is str and len(value) <= _CACHED_TEXT and len(self._texts) < _CACHED:
                self._texts[value] = tail
        return f'<c r="{ref}"{tail}' if tail else ""

    def _text_tail(self, value: object) -> str:
        """What follows the reference in a text cell's XML ('' for no text)."""
        text = clean_text(value)
        if not text:
            return ""
        style = self.quoted if _needs_quote(text) else ""
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f' t="inlineStr"{style}><is><t{space}>{_escape(text)}</t></is></c>'

    def _number(self, number: object, ref: str, style: str = "") -> str:
        shown = f"{number:f}" if isinstance(number, Decimal) else repr(number)
        return f'<c r="{ref}"{style}><v>{shown}</v></c>'

    def integer(self, value: object, ref: str) -> str:
        if type(value) is int:
            return f'<c r="{ref}"><v>{value}</v></c>'
        number = None if value is None else _decimal(value)
        return self.text(value, ref) if number is None else self._number(int(number), ref)

    def decimal(self, value: object, ref: str) -> str:
        number = None if value is None else _decimal(value)
        return self.text(value, ref) if number is None else self._number(number, ref)

    def money(self, value: object, ref: str) -> str:
        number = None if value is None else _decimal(value)
        if number is None:
            return self.text(value, ref)
        return self._number(number, ref, self._style(MONEY_FORMAT))

    def percent(self, value: object, ref: str) -> str:
        fraction = _fraction(value)
        if fraction is None:
            return self.text(value, ref)
        return self._number(fraction, ref, self._style(_percent_format(fraction)))

    def date(self, value: object, ref: str) -> str:
        day = _as_date(value)
        if day is None:
            return "" if value is None else self.text(value, ref)
        return self._number(self._to_excel(day), ref, self._style(DATE_FORMAT))

    def datetime(self, value: object, ref: str) -> str:
        moment = _as_datetime(value)
        if moment is None:
            return "" if value is None else self.text(value, ref)
        return self._number(self._to_excel(moment), ref, self._style(DATETIME_FORMAT))


def _fast_path_available(sheet: WriteOnlyWorksheet) -> bool:
    """Whether this openpyxl streams rows as 3.1 does (rows handed to the sheet's writer
    one by one): the fast path replaces those two steps for this sheet only."""
    writer = getattr(sheet, "_writer", None)
    return callable(getattr(writer, "write_row", None)) and callable(
        getattr(sheet, "_values_to_row", None)
    )


def _shown_length(kind: Kind, value: object) -> int:
    """About how many characters Excel shows for the value."""
    if value is None:
        return 0
    if kind == "date":
        return 10
    if kind == "datetime":
        return 16
    if kind == "percent":
        return 7
    if kind == "money":
        number = _decimal(value)
        return len(f"{number:,.2f}") if number is not None else len(str(value))
    if kind == "text":
        text = value if isinstance(value, str) else str(value)
        return max((len(line) for line in text.splitlines()), default=0)
    return len(str(value))


def _widths(columns: Sequence[ExportColumn], sample: Sequence[Sequence[object]]) -> list[float]:
    widths = []
    for index, column in enumerate(columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        header = max((len(word) for word in column.header.split()), default=0) * 1.2 + 2
        longest = max((_shown_length(column.kind, values[index]) for values in sample), default=0)
        widths.append(min(max(header, longest * 1.1 + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def safe_sheet_title(title: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, not empty."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub(" ", clean_text(title)).strip().strip("'")
    return cleaned[:31].strip() or "Лист1"


def export_xlsx(
    path: Path,
    sheet_title: str,
    columns: Sequence[ExportColumn],
    rows: Iterable[object],
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    expected_rows: int | None = None,
) -> int:
    """Write ``rows`` to ``path`` as one sheet; the number of rows written.

    ``progress(n)`` is called every :data:`PROGRESS_EVERY` rows and at the end;
    ``cancelled()`` is asked as often, and when it says so :class:`ExportCancelled` is
    raised. ``expected_rows`` (the list's count, when known) refuses an export larger than
    a sheet before anything is read. On cancellation or any failure the partial file is
    removed and an existing ``path`` is left untouched; a file that cannot be written
    raises :class:`ExportError` with the reason in Russian.
    """
    return _export(
        path,
        sheet_title,
        columns,
        rows,
        progress=progress,
        cancelled=cancelled,
        expected_rows=expected_rows,
    )


def _export(
    path: Path,
    title: str,
    columns: Sequence[ExportColumn],
    rows: Iterable[object],
    *,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    expected_rows: int | None,
    fast: bool = True,
) -> int:
    if not columns:
        raise ValueError("an export needs at least one column")
    if expected_rows is not None and expected_rows > MAX_ROWS:
        raise _too_many(expected_rows)
    path = Path(path)
    part = path.with_name(path.name + ".part")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(safe_sheet_title(title))
    try:
        written = _write_rows(sheet, columns, rows, progress, cancelled, fast=fast)
        if cancelled is not None and cancelled():
            raise ExportCancelled
        workbook.save(part)
        part.replace(path)  # atomic on one volume, over an existing file too
    except OSError as error:
        _discard(sheet, part)
        raise _not_written(path, error) from error
    except BaseException:
        _discard(sheet, part)
        raise
    if progress is not None:
        progress(written)
    return written


def _write_rows(
    sheet: WriteOnlyWorksheet,
    columns: Sequence[ExportColumn],
    rows: Iterable[object],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    *,
    fast: bool,
) -> int:
    from openpyxl.utils import get_column_letter

    styles = _Styles(sheet)
    readers = [column.value for column in columns]
    source = iter(rows)
    # Widths go before the first row in the file: read a sample first, then write it.
    sample = [[read(row) for read in readers] for row in islice(source, WIDTH_SAMPLE)]
    for index, width in enumerate(_widths(columns, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(width, 1)
    sheet.freeze_panes = "A2"
    cells = _Cells(styles)
    sheet.append([cells.header(column.header) for column in columns])
    every_row = chain(sample, ([read(row) for read in readers] for row in source))
    if fast and _fast_path_available(sheet):
        writer: _FastRows | _CellRows = _FastRows(sheet, columns, styles)
    else:
        writer = _CellRows(sheet, columns, cells)
    written = 0
    for values in every_row:
        if written >= MAX_ROWS:
            raise _too_many(written + 1)
        written += 1
        writer.add(values, written + 1)
        if written % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ExportCancelled
            if progress is not None:
                progress(written)
    writer.flush()
    last_column = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last_column}{written + 1}"
    return written


class _CellRows:
    """Rows through openpyxl's public write-only API (the fallback)."""

    def __init__(
        self, sheet: WriteOnlyWorksheet, columns: Sequence[ExportColumn], cells: _Cells
    ) -> None:
        self.sheet = sheet
        self.makers = [cells.maker(column.kind) for column in columns]

    def add(self, values: list[object], _number: int) -> None:
        self.sheet.append([make(value) for make, value in zip(self.makers, values, strict=True)])

    def flush(self) -> None:
        """Nothing is held back."""


def _write_batch(xf: Any, rows: Any, _row_number: int) -> None:
    xf.write(*rows)  # lxml's writer takes them all at once


def _write_batch_one_by_one(xf: Any, rows: Any, _row_number: int) -> None:
    for row in rows:  # et_xmlfile's (openpyxl without lxml) takes one element a time
        xf.write(row)


class _FastRows:
    """Rows as XML text, parsed a batch at a time into elements the sheet's writer
    serialises as they are: no per-cell objects on the way to the file."""

    BATCH = 25  # rows parsed at once (one parse and one write call for them all)

    def __init__(
        self, sheet: WriteOnlyWorksheet, columns: Sequence[ExportColumn], styles: _Styles
    ) -> None:
        from openpyxl import LXML
        from openpyxl.utils import get_column_letter
        from openpyxl.xml.functions import fromstring

        self.sheet = sheet
        self.parse = fromstring
        cell_xml = _CellXml(styles)
        self.makers = [
            (get_column_letter(index), cell_xml.maker(column.kind))
            for index, column in enumerate(columns, start=1)
        ]
        self.pending: list[str] = []
        # This sheet now takes a parsed batch of <row> elements where it took a row's values.
        sheet._values_to_row = lambda batch, _row_number: batch[0]
        sheet._writer.write_row = _write_batch if LXML else _write_batch_one_by_one

    def add(self, values: list[object], number: int) -> None:
        cells = "".join(
            [
                make(value, f"{letter}{number}")
                for (letter, make), value in zip(self.makers, values, strict=True)
            ]
        )
        self.pending.append(f'<row r="{number}">{cells}</row>')
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            batch = self.parse(f"<rows>{''.join(self.pending)}</rows>")
            self.pending.clear()
            self.sheet.append((batch,))


def _discard(sheet: WriteOnlyWorksheet, part: Path) -> None:
    """Remove the part file and openpyxl's temporary copy of the sheet (it would otherwise
    stay in the temp folder until the program exits)."""
    writer = getattr(sheet, "_writer", None)
    if writer is not None:
        # Rows first, then the file: closed the other way round (or left to the garbage
        # collector) the XML writer complains about elements left open.
        for stream in (getattr(sheet, "_rows", None), writer):
            try:
                if stream is not None:
                    stream.close()
            except Exception:  # best effort: the sheet is being thrown away
                log.debug("closing an abandoned sheet", exc_info=True)
        temporary = getattr(writer, "out", None)
        if isinstance(temporary, str):
            Path(temporary).unlink(missing_ok=True)
    with suppress(OSError):  # a part that cannot be removed is left for the user to delete
        part.unlink(missing_ok=True)


def _too_many(count: int) -> ExportError:
    return ExportError(
        f"В лист Excel помещается не больше {MAX_ROWS:,} строк, а выбрано {count:,}. "
        "Сузьте фильтры (например, период) и выгрузите частями.".replace(",", "\N{NO-BREAK SPACE}"),
        code="TOO_MANY_ROWS",
    )


def _not_written(path: Path, error: OSError) -> ExportError:
    if isinstance(error, PermissionError):
        reason = (
            "файл открыт в другой программе (например, в Excel) или в эту папку нельзя "
            "записывать. Закройте файл или выберите другую папку"
        )
    elif isinstance(error, FileNotFoundError):
        reason = "папки нет (её удалили или отключили сетевой диск)"
    else:
        reason = error.strerror or str(error)
    return ExportError(f"Не удалось сохранить файл «{path.name}»: {reason}.", code="NOT_WRITTEN")


def audit_export(
    session: Session,
    actor: str,
    *,
    section: str,
    rows: int,
    query_description: Mapping[str, Any],
    file_name: str,
) -> None:
    """Record an export in the audit log (in the caller's transaction): the section, how
    many rows, the filters, and the file's name (never its folder: a path names the
    staff member's own folders)."""
    session.add(
        AuditEvent(
            actor=actor,
            action=EXPORT_ACTION,
            entity=EXPORT_ENTITY,
            entity_id=None,
            details={
                "section": section,
                "rows": rows,
                "filters": dict(query_description),
                "file": PureWindowsPath(file_name).name,
            },
        )
    )
    session.flush()
