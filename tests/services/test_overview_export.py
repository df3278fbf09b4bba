"""Several tables to one workbook, a sheet each, read back by openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lkk_admin.services.excel_export import ExportColumn, ExportError
from lkk_admin.services.overview_export import Sheet, export_sheets


def sheets() -> list[Sheet]:
    return [
        Sheet(
            "Сводка",
            [
                ExportColumn("Показатель", lambda r: r[0]),
                ExportColumn("Значение", lambda r: r[1], "decimal"),
            ],
            [("Ожидают", 12), ("На дату", date(2026, 3, 11)), ("Медиана, ч", 7.5)],
        ),
        Sheet(
            "По проверяющим: [все]",
            [
                ExportColumn("Проверяющий", lambda r: r[0]),
                ExportColumn("Одобрено", lambda r: r[1], "int"),
            ],
            [('=HYPERLINK("x")', 3), ("verifier1", 0)],
        ),
        Sheet("Пусто", [ExportColumn("Код", lambda r: r)], []),
    ]


def test_each_table_is_a_sheet_with_typed_cells(tmp_path: Path) -> None:
    path = tmp_path / "обзор.xlsx"
    assert export_sheets(path, sheets()) == 5
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Сводка", "По проверяющим   все", "Пусто"]
    summary = workbook["Сводка"]
    assert [summary["A1"].value, summary["B1"].value] == ["Показатель", "Значение"]
    assert summary["A1"].font.bold and summary.freeze_panes == "A2"
    assert summary["B2"].value == 12
    assert summary["B3"].value.date() == date(2026, 3, 11)
    assert summary["B3"].number_format == "DD.MM.YYYY"
    assert summary["B4"].value == 7.5
    verifiers = workbook["По проверяющим   все"]
    assert verifiers["A2"].value == '=HYPERLINK("x")' and verifiers["A2"].data_type == "s"
    assert verifiers["B3"].value == 0
    assert workbook["Пусто"].max_row == 1
    assert not list(tmp_path.glob("*.part"))


def test_a_file_that_cannot_be_written_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "нет папки" / "обзор.xlsx"
    with pytest.raises(ExportError, match="Не удалось сохранить"):
        export_sheets(path, sheets())
    assert not path.parent.exists()
    existing = tmp_path / "обзор.xlsx"
    existing.write_bytes(b"old")
    with pytest.raises(ZeroDivisionError):
        export_sheets(existing, [Sheet("x", [ExportColumn("y", lambda r: 1 / r)], [0])])
    assert existing.read_bytes() == b"old" and not list(tmp_path.glob("*.part"))
