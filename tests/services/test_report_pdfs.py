"""Every report of a demo contract is a valid PDF, from code and from the command line."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape

from lkk_admin import cli
from lkk_admin.services.reports.catalog import REPORTS, file_name, render_report
from tests.services.conftest import DemoWorld

FIRST, LAST = date(2025, 1, 1), date(2025, 12, 1)


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_each_report_is_a_valid_landscape_pdf(demo: DemoWorld, kind: str) -> None:
    number, _id = demo.largest_contract()
    with demo.factory() as session:
        rendered = render_report(session, kind, number, FIRST, LAST)
    reader = PdfReader(io.BytesIO(rendered.pdf), strict=True)  # no repairs tolerated
    assert len(reader.pages) == rendered.pages >= 1
    assert reader.metadata is not None and number in str(reader.metadata.title)
    width, height = landscape(A4)
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (round(width), round(height))
        assert "Страница" in page.extract_text()


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_the_command_line_writes_each_report(
    demo: DemoWorld, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _id = demo.largest_contract()
    output = tmp_path / f"{kind}.pdf"
    arguments = ["report", kind, "--contract", number, "--from", "2025-01", "--to", "2025-12"]
    assert cli.main([*arguments, "--url", demo.url, "-o", str(output)]) == 0
    assert f"Файл {output} сохранён: {REPORTS[kind].title}" in capsys.readouterr().out
    assert len(PdfReader(output, strict=True).pages) >= 1


def test_file_names_say_what_and_for_whom() -> None:
    # A slash in a contract number cannot be in a Windows file name.
    assert file_name("statement", "ЭС-0012/21", FIRST, LAST) == (
        "Расчётная ведомость ЭС-0012-21 2025-01—2025-12.pdf"
    )
    assert file_name("tariff", "77090001234567", FIRST, FIRST) == (
        "Справка о составляющих тарифа 77090001234567 2025-01.pdf"
    )
