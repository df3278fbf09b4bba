"""Lists to .xlsx: typed cells, the header, all or nothing on disk, text never a formula."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet._writer import ALL_TEMP_FILES
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent
from lkk_admin.services import audit_log, excel_export
from lkk_admin.services.excel_export import (
    ExportCancelled,
    ExportColumn,
    ExportError,
    audit_export,
    export_xlsx,
)
from lkk_admin.services.listing import ListQuery


@dataclass(frozen=True)
class Line:
    id: int
    name: str
    amount: Decimal | None
    volume: Decimal
    day: date
    moment: datetime
    vat: Decimal


COLUMNS = (
    ExportColumn("№", lambda line: line.id, "int"),
    ExportColumn("Наименование", lambda line: line.name, "text"),
    ExportColumn("Сумма, руб.", lambda line: line.amount, "money"),
    ExportColumn("Объём, кВт·ч", lambda line: line.volume, "decimal"),
    ExportColumn("Дата", lambda line: line.day, "date"),
    ExportColumn("Когда", lambda line: line.moment, "datetime", width=18),
    ExportColumn("НДС", lambda line: line.vat, "percent"),
)
MOMENT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def lines(count: int, name: str = "ООО «Ромашка»") -> Iterator[Line]:
    for number in range(1, count + 1):
        yield Line(
            number,
            f"{name} {number}",
            Decimal("1234567.89") if number % 2 else None,
            Decimal("10.125"),
            date(2026, 1, number % 28 + 1),
            MOMENT,
            Decimal("22.00") if number % 3 else Decimal("12.5"),
        )


def sheet_of(path: Path) -> Worksheet:
    sheet = load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    return sheet


@pytest.fixture(params=[True, False], ids=["fast", "openpyxl-cells"])
def export(request: pytest.FixtureRequest) -> Any:
    """export_xlsx, and the same through openpyxl's own cells (the fallback path)."""
    if request.param:
        return export_xlsx

    def slow(path: Path, title: str, columns: Any, rows: Any, **options: Any) -> int:
        return excel_export._export(
            path,
            title,
            columns,
            rows,
            progress=options.get("progress"),
            cancelled=options.get("cancelled"),
            expected_rows=options.get("expected_rows"),
            fast=False,
        )

    return slow


def test_cells_keep_their_types_and_formats(tmp_path: Path, export: Any) -> None:
    path = tmp_path / "список.xlsx"
    assert export(path, "Начисления", COLUMNS, lines(3)) == 3
    sheet = sheet_of(path)
    assert sheet.title == "Начисления"
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    first = {column.header: cell for column, cell in zip(COLUMNS, sheet[2], strict=True)}
    assert first["№"].value == 1 and first["№"].data_type == "n"
    assert first["Наименование"].value == "ООО «Ромашка» 1"
    assert first["Сумма, руб."].value == pytest.approx(1234567.89)
    assert first["Сумма, руб."].number_format == "#,##0.00"
    assert first["Объём, кВт·ч"].value == pytest.approx(10.125)
    assert first["Дата"].value == datetime(2026, 1, 2)
    assert first["Дата"].number_format == "DD.MM.YYYY"
    local = MOMENT.astimezone().replace(tzinfo=None)  # the desk's clock, as Excel has no zones
    assert first["Когда"].value == local
    assert first["Когда"].number_format == "DD.MM.YYYY HH:MM"
    assert first["НДС"].value == pytest.approx(0.22) and first["НДС"].number_format == "0%"
    third = [cell.value for cell in sheet[4]]
    assert third[2] == pytest.approx(1234567.89) and third[6] == pytest.approx(0.125)
    assert sheet["C3"].value is None  # no amount: an empty cell, not 0
    assert sheet["G4"].number_format == "0.0#%"


def test_header_is_bold_and_frozen_with_a_filter_and_widths(tmp_path: Path, export: Any) -> None:
    path = tmp_path / "список.xlsx"
    export(path, "Лист", COLUMNS, lines(250))
    sheet = sheet_of(path)
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G251"
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert widths["F"] == 18  # as given
    assert 16 < widths["B"] <= excel_export.MAX_WIDTH  # "ООО «Ромашка» 250" fits
    assert widths["A"] >= excel_export.MIN_WIDTH
    assert sheet.max_row == 251


def test_long_text_is_capped_in_width(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    export_xlsx(path, "Лист", COLUMNS[:2], lines(2, name="Ы" * 500))
    assert sheet_of(path).column_dimensions["B"].width == excel_export.MAX_WIDTH


def test_an_empty_list_writes_the_header(tmp_path: Path, export: Any) -> None:
    path = tmp_path / "пусто.xlsx"
    assert export(path, "Лист", COLUMNS, []) == 0
    sheet = sheet_of(path)
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:G1"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, export: Any) -> None:
    texts = [
        '=HYPERLINK("http://evil","Нажми")',
        "=1+1",
        "+7 (916) 123-45-44",
        "-5",
        "@SUM(A1)",
        "#N/A",
        " пробелы по краям ",
        "a & b < c > d",
        "строка\nвторая",
    ]
    column = ExportColumn("Текст", lambda value: value, "text")
    path = tmp_path / "a.xlsx"
    export(path, "Лист", [column], texts)
    sheet = sheet_of(path)
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == texts
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.quotePrefix for cell in cells[:6]] == [True] * 6
    assert not cells[6].quotePrefix


def test_a_value_not_of_its_kind_is_kept_as_text(tmp_path: Path, export: Any) -> None:
    columns = [
        ExportColumn("Сумма", lambda value: value, "money"),
        ExportColumn("Число", lambda value: value, "int"),
        ExportColumn("Дата", lambda value: value, "date"),
    ]
    path = tmp_path / "a.xlsx"
    export(path, "Лист", columns, ["н/д", "1 234,5"])
    sheet = sheet_of(path)
    assert [cell.value for cell in sheet[2]] == ["н/д", "н/д", "н/д"]
    assert sheet["A3"].value == pytest.approx(1234.5) and sheet["B3"].value == 1234


def test_characters_excel_refuses_are_dropped(tmp_path: Path, export: Any) -> None:
    column = ExportColumn("Текст", lambda value: value, "text")
    path = tmp_path / "a.xlsx"
    export(path, "Лист", [column], ["звон\x07ок\x00", "\ufffeвсё\x1b"])
    assert [row[0].value for row in sheet_of(path).iter_rows(min_row=2)] == ["звонок", "всё"]


def test_sheet_title_is_made_acceptable(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    export_xlsx(path, "Журнал: [аудит] за 01/2026 и ещё очень длинное", COLUMNS[:1], [])
    title = sheet_of(path).title
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\")


def test_progress_is_reported(tmp_path: Path) -> None:
    reported: list[int] = []
    export_xlsx(tmp_path / "a.xlsx", "Лист", COLUMNS, lines(1200), progress=reported.append)
    assert reported == [500, 1000, 1200]


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_cancelling_leaves_no_file(tmp_path: Path, export: Any) -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2  # after the first 1000 rows

    temporary_before = set(ALL_TEMP_FILES)
    with pytest.raises(ExportCancelled):
        export(tmp_path / "a.xlsx", "Лист", COLUMNS, lines(5000), cancelled=cancelled)
    assert leftovers(tmp_path) == []
    # openpyxl's own temporary copy of the sheet is gone too.
    assert not [name for name in set(ALL_TEMP_FILES) - temporary_before if Path(name).exists()]


def test_a_failure_leaves_the_existing_file_untouched(tmp_path: Path, export: Any) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"the previous export")

    def rows() -> Iterator[Line]:
        yield from lines(700)
        raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError, match="connection lost"):
        export(path, "Лист", COLUMNS, rows())
    assert path.read_bytes() == b"the previous export"
    assert leftovers(tmp_path) == ["a.xlsx"]


def test_a_complete_export_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"old")
    export_xlsx(path, "Лист", COLUMNS, lines(2))
    assert sheet_of(path).max_row == 3
    assert leftovers(tmp_path) == ["a.xlsx"]


def test_a_file_that_cannot_be_written_is_a_domain_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"«a\.xlsx»: папки нет"):
        export_xlsx(tmp_path / "нет такой папки" / "a.xlsx", "Лист", COLUMNS, lines(2))
    assert leftovers(tmp_path) == []


def test_more_rows_than_a_sheet_holds_are_refused_before_reading(tmp_path: Path) -> None:
    def rows() -> Iterator[Line]:
        raise AssertionError("read nothing")
        yield  # pragma: no cover

    with pytest.raises(ExportError, match="не больше"):
        export_xlsx(tmp_path / "a.xlsx", "Лист", COLUMNS, rows(), expected_rows=2_000_000)
    assert leftovers(tmp_path) == []


def test_too_many_rows_found_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excel_export, "MAX_ROWS", 10)
    with pytest.raises(ExportError, match="выбрано 11"):
        export_xlsx(tmp_path / "a.xlsx", "Лист", COLUMNS, lines(20))
    assert leftovers(tmp_path) == []


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        ExportColumn("x", str, "currency")  # type: ignore[arg-type]


def test_the_audit_log_exports_in_words(tmp_path: Path, factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        audit_export(
            session,
            "admin",
            section="audit_log",
            rows=0,
            query_description={"tab": "all"},
            file_name="журнал.xlsx",
        )
    path = tmp_path / "журнал.xlsx"
    source = audit_log.AuditSource()
    with factory() as session:
        rows = source.export_rows(session, ListQuery())
        assert export_xlsx(path, "Журнал аудита", audit_log.EXPORT_COLUMNS, rows) == 1
    row = [cell.value for cell in sheet_of(path)[2]]
    assert row[2:4] == ["Выгрузка списка в Excel", "Выгрузка списка"]
    assert row[4] is None and isinstance(row[0], datetime)


def test_an_export_is_audited_with_the_file_name_only(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        audit_export(
            session,
            "admin",
            section="audit_log",
            rows=12345,
            query_description={"tab": "all", "choices": {"actor": "verifier1"}, "search_length": 5},
            file_name="C:\\Users\\ivanov\\Documents\\Журнал аудита.xlsx",
        )
    with factory() as session:
        event = session.scalars(select(AuditEvent)).one()
        assert (event.action, event.entity, event.entity_id) == ("export_list", "list_export", None)
        assert event.details == {
            "section": "audit_log",
            "rows": 12345,
            "filters": {"tab": "all", "choices": {"actor": "verifier1"}, "search_length": 5},
            "file": "Журнал аудита.xlsx",
        }
        detail = audit_log.AuditSource().detail(session, event.id)
    assert detail.row.summary == "Выгрузка в Excel: «Журнал аудита», строк: 12\N{NO-BREAK SPACE}345"
    fields = dict(detail.fields)
    assert fields["Файл"] == "Журнал аудита.xlsx"
    assert fields["Фильтры"] == "поиск, знаков: 5; сотрудник: verifier1"
    assert detail.link is None


def test_the_characters_refused_are_openpyxls() -> None:
    from openpyxl.cell import cell

    assert excel_export.ILLEGAL_CHARACTERS_RE.pattern == cell.ILLEGAL_CHARACTERS_RE.pattern
    assert excel_export.ERROR_CODES == cell.ERROR_CODES
