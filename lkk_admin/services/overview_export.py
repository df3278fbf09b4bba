"""Several small tables to one .xlsx workbook, a sheet each: the queue overview's export.

:func:`.excel_export.export_xlsx` streams one list to one sheet. An overview is a dozen
short tables (the summary, ages, decisions per day, per verifier, times per week,
reasons…), which belong together in one workbook the supervisor can mail on. The sheets
are described with the same :class:`~.excel_export.ExportColumn` (the header a screen
shows, how to read a value, its kind), written with openpyxl's write-only workbook: a
bold frozen header, fitting widths, numbers as numbers, days as days, and text always
text (an organisation named ``=HYPERLINK(…)`` stays a name). As with every export, the
file appears whole or not at all (``<name>.part`` renamed when complete), and the
caller records it with :func:`.excel_export.audit_export`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkk_admin.services.excel_export import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    ERROR_CODES,
    MAX_WIDTH,
    MIN_WIDTH,
    MONEY_FORMAT,
    ExportColumn,
    ExportError,
    clean_text,
    local_naive,
    safe_sheet_title,
)

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# What a spreadsheet would take for a formula (written as text, marked quoted instead).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    """One table of the workbook: its title (made a valid sheet name), columns, rows."""

    title: str
    columns: Sequence[ExportColumn]
    rows: Sequence[Any]


def export_sheets(path: Path, sheets: Sequence[Sheet]) -> int:
    """Write ``sheets`` to ``path`` as one workbook; the number of rows written in all.

    A failure removes the partial file and leaves an existing ``path`` as it was; a file
    that cannot be written raises :class:`.excel_export.ExportError` (in Russian).
    """
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    from openpyxl import Workbook

    path = Path(path)
    part = path.with_name(path.name + ".part")
    # Every value read first: a failure there leaves openpyxl with nothing half-written.
    tables = [
        (sheet, [[column.value(row) for column in sheet.columns] for row in sheet.rows])
        for sheet in sheets
    ]
    workbook = Workbook(write_only=True)
    try:
        titles: set[str] = set()
        for sheet, values in tables:
            _write(
                workbook.create_sheet(_unique(safe_sheet_title(sheet.title), titles)), sheet, values
            )
        workbook.save(part)
        part.replace(path)
    except OSError as error:
        _discard(workbook, part)
        raise ExportError(
            f"Не удалось сохранить файл «{path.name}»: {error.strerror or error}.",
            code="NOT_WRITTEN",
        ) from error
    except BaseException:
        _discard(workbook, part)
        raise
    return sum(len(values) for _sheet, values in tables)


def _discard(workbook: Any, part: Path) -> None:
    """Close what openpyxl started (its sheets' temporary files) and remove the part."""
    for sheet in workbook.worksheets:
        with suppress(Exception):  # best effort: the workbook is being thrown away
            if not sheet.closed:
                sheet.close()
        out = getattr(getattr(sheet, "_writer", None), "out", None)
        if isinstance(out, str):
            with suppress(OSError):
                Path(out).unlink(missing_ok=True)
    with suppress(OSError):
        part.unlink(missing_ok=True)


def _unique(title: str, taken: set[str]) -> str:
    candidate, number = title, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = title[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _write(sheet: WriteOnlyWorksheet, table: Sheet, values: list[list[object]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns):
        width = column.width or _width(column.header, (line[index] for line in values))
        sheet.column_dimensions[get_column_letter(index + 1)].width = round(width, 1)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=clean_text(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for line in values:
        sheet.append(
            [
                _cell(sheet, WriteOnlyCell, column.kind, value)
                for column, value in zip(table.columns, line, strict=True)
            ]
        )


def _cell(sheet: WriteOnlyWorksheet, make: Any, kind: str, value: object) -> object:
    """A typed cell: a number, a day or a moment where the value is one, else text."""
    if value is None:
        return None
    if kind == "text" or isinstance(value, str):
        return _text(sheet, make, value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float | Decimal):
        if kind == "money":
            cell = make(sheet, value=value)
            cell.number_format = MONEY_FORMAT
            return cell
        return value
    if isinstance(value, datetime):
        cell = make(sheet, value=local_naive(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = make(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return _text(sheet, make, value)


def _text(sheet: WriteOnlyWorksheet, make: Any, value: object) -> object:
    text = clean_text(value)
    if not text.startswith(FORMULA_STARTS) and text not in ERROR_CODES:
        return text
    cell = make(sheet, value=text)
    cell.data_type = "s"  # never a formula
    cell.quotePrefix = True
    return cell


def _width(header: str, values: Any) -> float:
    longest = 0
    for value in values:
        if isinstance(value, datetime):
            shown = 16
        elif isinstance(value, date):
            shown = 10
        else:
            shown = len(str(value)) if value is not None else 0
        longest = max(longest, shown)
    words = max((len(word) for word in header.split()), default=0)
    return min(max(words * 1.2 + 2, longest * 1.1 + 2, MIN_WIDTH), MAX_WIDTH)
