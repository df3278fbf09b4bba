"""The settlement statement PDF: figures from the database, pages, fonts, refusals, CLI."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from lkk_admin import cli
from lkk_admin.models import Charge, Payment
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.reports.contracts import add_months
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.reports.formatting import amount_in_words
from lkk_admin.services.reports.statement import render_statement
from lkk_admin.services.reports.statement_data import load_statement
from lkk_admin.services.supplier_settings import save_supplier
from tests.billing_data import NUMBER, craft
from tests.pdf import embedded_font_names, pdf_text, shown_money
from tests.services.conftest import DemoWorld

CENT = Decimal("0.01")
FORMED = date(2026, 11, 27)


def sql_sum(
    session: Session, column: InstrumentedAttribute[Decimal], *where: ColumnElement[bool]
) -> Decimal:
    value = session.execute(select(func.coalesce(func.sum(column), 0)).where(*where)).scalar_one()
    # SQLite sums NUMERIC as REAL; the kopeck is what must agree.
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


def test_statement_figures_equal_sql_sums(factory: sessionmaker[Session]) -> None:
    contract_id = craft(factory)
    first, last = date(2025, 10, 1), date(2026, 2, 1)
    end = date(2026, 3, 1)
    with factory() as session:
        pdf = render_statement(session, NUMBER, first, last, formed_on=FORMED).pdf
        data = load_statement(session, NUMBER, first, last)
        in_period = (Charge.contract_id == contract_id, Charge.period >= first, Charge.period < end)
        paid_in = (
            Payment.contract_id == contract_id,
            Payment.paid_on >= first,
            Payment.paid_on < end,
        )
        charged_before = sql_sum(
            session, Charge.total, Charge.contract_id == contract_id, Charge.period < first
        )
        paid_before = sql_sum(
            session, Payment.amount, Payment.contract_id == contract_id, Payment.paid_on < first
        )
        expected = {
            "amount": sql_sum(session, Charge.amount, *in_period),
            "vat": sql_sum(session, Charge.vat_amount, *in_period),
            "total": sql_sum(session, Charge.total, *in_period),
            "paid": sql_sum(session, Payment.amount, *paid_in),
        }
        volume = session.execute(select(func.sum(Charge.volume_kwh)).where(*in_period)).scalar_one()
    assert pdf.startswith(b"%PDF-")
    assert data.opening == charged_before - paid_before
    for name, value in expected.items():
        assert data.sum_of(name) == value, name
    assert data.sum_of("volume") == Decimal(str(volume)).quantize(Decimal("0.001"))
    closing = data.opening + expected["total"] - expected["paid"]
    assert data.closing == closing
    assert [line.period for line in data.months] == [add_months(first, i) for i in range(5)]

    pages = pdf_text(pdf)
    whole = "\n".join(pages)
    for value in [data.opening, closing, *expected.values()]:
        assert shown_money(value) in whole
    assert "ООО «Рога & Копыта»" in whole
    assert f"№ {NUMBER} от 01.03.2021" in whole
    assert "октябрь 2025 — февраль 2026" in whole
    assert "Дата формирования:" in whole and "27.11.2026" in whole
    assert "20 %" in whole and "22 %" in whole  # the rate of each supply month
    assert "Декабрь 2025" in whole and "Январь 2026" in whole
    assert "10.10.2025" in whole  # a payment's date
    assert f"Страница 1 из {len(pages)}" in pages[0]
    words = amount_in_words(closing).split()
    assert " ".join(words[:3]) in " ".join(whole.split())
    kind = "Задолженность" if closing > 0 else "Переплата"
    assert kind in whole


def test_vat_rate_follows_the_charge_lines(factory: sessionmaker[Session]) -> None:
    """A December 2025 line billed at 20 % stays 20 %; January 2026 is 22 %."""
    craft(factory, months=6)
    with factory() as session:
        data = load_statement(session, NUMBER, date(2025, 12, 1), date(2026, 1, 1))
    december, january = data.months
    assert december.vat_rates == {Decimal("20.00")}
    assert january.vat_rates == {Decimal("22.00")}
    assert set(data.vat_by_rate) == {Decimal("20.00"), Decimal("22.00")}
    assert sum(data.vat_by_rate.values(), Decimal(0)) == data.sum_of("vat")


def test_long_statement_splits_with_repeated_headers(factory: sessionmaker[Session]) -> None:
    craft(factory, months=36, start=date(2023, 11, 1))
    with factory() as session:
        rendered = render_statement(
            session, NUMBER, date(2023, 11, 1), date(2026, 10, 1), formed_on=FORMED
        )
    pages = pdf_text(rendered.pdf)
    assert rendered.pages == len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        month_head = "Сальдо на" in page and "Начислено с" in page
        payment_head = "Дата оплаты" in page and "№ платёжного" in page
        assert month_head or payment_head, f"page {number} has no table header"
        assert f"Страница {number} из {len(pages)}" in page
    assert "Итого за период" in "\n".join(pages)


def test_fonts_are_embedded(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        pdf = render_statement(session, NUMBER, date(2025, 9, 1), date(2025, 12, 1)).pdf
    names = embedded_font_names(pdf)
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}


def test_unknown_contract_and_empty_period_are_refused(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        with pytest.raises(NotFoundError, match="Договор № 999 не найден"):
            render_statement(session, "999", date(2025, 9, 1), date(2025, 12, 1))
        with pytest.raises(DomainError, match="нет начислений и оплат за период"):
            render_statement(session, NUMBER, date(2020, 1, 1), date(2020, 12, 1))
        with pytest.raises(DomainError, match="позже его конца"):
            render_statement(session, NUMBER, date(2025, 12, 1), date(2025, 9, 1))


def test_typed_contract_number_is_found(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        data = load_statement(session, " д-101/2025 ", date(2025, 9, 1), date(2025, 9, 1))
    assert data.requisites.contract_number == NUMBER


# --- Command line ---------------------------------------------------------------------------


def run_cli(
    url: str, output: Path, contract: str, *, kind: str = "statement", period: str = "2025-09"
) -> int:
    first, _, last = period.partition(":")
    return cli.main(
        [
            "report",
            kind,
            "--url",
            url,
            "-o",
            str(output),
            "--from",
            first,
            "--to",
            last or "2026-02",
            "--contract",
            contract,
        ]
    )


def test_cli_writes_the_pdf(
    factory: sessionmaker[Session], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    craft(factory)
    folder = tmp_path / "out"  # the SQLite test database lives in tmp_path itself
    folder.mkdir()
    output = folder / "ведомость.pdf"
    assert run_cli(db_url, output, NUMBER) == 0
    pages = len(PdfReader(output).pages)
    out = capsys.readouterr().out
    assert f"Файл {output} сохранён: Расчётная ведомость, страниц: {pages}." in out
    assert [p.name for p in folder.iterdir()] == [output.name]  # no temporary left


def test_cli_prints_the_organisations_supplier_requisites(
    factory: sessionmaker[Session], db_url: str, tmp_path: Path
) -> None:
    craft(factory)
    configured = Supplier(
        name="АО «Энергосбыт Плюс»", inn="7707083893", kpp="773601001", address="Москва"
    )
    with factory.begin() as session:
        save_supplier(session, configured, "admin", expected_version=None)
    output = tmp_path / "out.pdf"
    assert run_cli(db_url, output, NUMBER) == 0
    first_page = pdf_text(output.read_bytes())[0]
    assert "АО «Энергосбыт Плюс» · ИНН/КПП 7707083893/773601001 · Москва" in first_page


@pytest.mark.parametrize(
    "case",
    [
        ("statement", "НЕТ-ТАКОГО", "2025-09", "Договор № НЕТ-ТАКОГО не найден"),
        ("statement", NUMBER, "2020-01:2020-12", "нет начислений и оплат за период"),
        ("consumption", NUMBER, "2025-09", "нет точек учёта"),
        ("tariff", NUMBER, "2025-09", "нет точек учёта"),
        ("statement", NUMBER, "2026-02:2025-09", "позже его конца"),
    ],
)
def test_cli_failure_writes_nothing(
    factory: sessionmaker[Session],
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str, str, str],
) -> None:
    kind, contract, period, message = case
    craft(factory)
    folder = tmp_path / "out"
    folder.mkdir()
    assert run_cli(db_url, folder / "out.pdf", contract, kind=kind, period=period) == 1
    assert message in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_cli_rejects_a_bad_month(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(
            [
                "report",
                "statement",
                "--contract",
                NUMBER,
                "--from",
                "2025-13",
                "--to",
                "2026-01",
                "--url",
                sqlite_db_url,
                "-o",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert exit_.value.code == 2
    assert "ГГГГ-ММ" in capsys.readouterr().err


# --- Demo database --------------------------------------------------------------------------


def test_demo_largest_contract_36_months(demo: DemoWorld) -> None:
    first, last = date(2023, 12, 1), date(2026, 11, 1)
    number, contract_id = demo.largest_contract()
    with demo.factory() as session:
        rendered = render_statement(session, number, first, last, formed_on=FORMED)
        data = load_statement(session, number, first, last)
        charged = sql_sum(session, Charge.total, Charge.contract_id == contract_id)
        vat = sql_sum(session, Charge.vat_amount, Charge.contract_id == contract_id)
        paid = sql_sum(
            session,
            Payment.amount,
            Payment.contract_id == contract_id,
            Payment.paid_on < date(2026, 12, 1),
        )
    # The demo world starts in December 2023: everything is inside the period.
    assert data.opening == 0
    assert data.sum_of("total") == charged
    assert data.sum_of("vat") == vat
    assert data.sum_of("paid") == paid
    assert data.closing == charged - paid
    whole = "\n".join(pdf_text(rendered.pdf))
    for value in (charged, vat, paid, abs(charged - paid)):
        assert shown_money(value) in whole
    assert rendered.pages >= 2
