"""How the reports read on paper: the header's tax numbers, one money unit, power written
the Russian way, meter numbers on one line, and no heading alone at the foot of a page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, Spacer
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import ConsumptionObject
from lkk_admin.services.reports import consumption, statement, tariff
from lkk_admin.services.reports.document import (
    CELL,
    CELL_SIDE_PADDING,
    CONTENT_WIDTH,
    FONT,
    HEADING,
    MARGIN,
    PAGE_SIZE,
    Requisites,
    compose,
    headed_table,
    register_fonts,
)
from lkk_admin.services.reports.formatting import NBSP, RUB, power
from tests import factories
from tests.billing_data import NUMBER as BILLED_NUMBER
from tests.billing_data import craft as craft_billing
from tests.pdf import pdf_text
from tests.services.test_report_consumption import add_meter, add_point

FIRST, LAST = date(2025, 2, 1), date(2025, 4, 1)
SERIAL = "011711582046485"  # 15 digits, as on a Энергомера CE301


def requisites(kpp: str | None) -> Requisites:
    return Requisites(
        counterparty_name="ИП Иванов Иван Иванович",
        inn="503084996345",
        kpp=kpp,
        address=None,
        contract_number="Д-1",
        contract_signed_on=date(2024, 1, 10),
    )


def first_page(kpp: str | None) -> str:
    register_fonts()
    rendered = compose("Отчёт", requisites(kpp), FIRST, LAST, [Spacer(1, 1)])
    return pdf_text(rendered.pdf)[0]


def test_the_header_names_each_tax_number_once() -> None:
    without_kpp = first_page(None)
    assert "ИНН:\n503084996345" in without_kpp
    assert "КПП" not in without_kpp.replace("ИНН/КПП", "")  # the supplier's line has both
    with_kpp = first_page("503001001")
    assert "ИНН / КПП:\n503084996345 / 503001001" in with_kpp
    assert "ИНН 503084996345" not in with_kpp


def test_power_is_written_with_the_decimals_it_has() -> None:
    assert power(Decimal("5.500")) == "5,5"
    assert power(Decimal("39.00")) == "39"
    assert power(Decimal("1250")) == f"1{NBSP}250"
    assert power(Decimal("0.75")) == "0,75"
    assert power(Decimal("1E+3")) == f"1{NBSP}000"


def test_every_report_writes_money_in_one_unit(factory: sessionmaker[Session]) -> None:
    heads = [*statement.MONTH_HEAD, *statement.PAYMENT_HEAD]
    heads += [column.unit for column in tariff.COLUMNS]
    assert not [head for head in heads if "руб" in head]
    assert sum(RUB in head for head in heads) >= 7
    craft_billing(factory)
    with factory() as session:
        pdf = statement.render_statement(session, BILLED_NUMBER, date(2025, 9, 1), date(2026, 2, 1))
    whole = " ".join("\n".join(pdf_text(pdf.pdf)).split())
    assert "руб." not in whole
    assert "Задолженность покупателя на 28.02.2026: " in whole and " ₽ (" in whole


def test_a_fifteen_digit_meter_number_fits_its_column() -> None:
    widths = consumption.DETAIL_WIDTHS
    serial_room = widths[1] - 2 * CELL_SIDE_PADDING
    assert stringWidth(SERIAL, FONT, CELL.fontSize) <= serial_room
    assert abs(sum(widths) - CONTENT_WIDTH) < 0.01  # the remarks take what is left
    assert widths[-1] == max(widths)


def test_the_point_caption_and_table_keep_serial_and_power_whole(
    factory: sessionmaker[Session],
) -> None:
    with factory() as session:
        owner = factories.counterparty(session)
        contract = factories.contract(session, owner, "Д-15")
        place = ConsumptionObject(contract_id=contract.id, name="Киоск", address="ул. Мира, 5")
        session.add(place)
        session.flush()
        point = add_point(session, place, "ТУ-7", "НН", "5.5")
        readings = {date(2025, month, 1): str(100 * month) for month in range(2, 6)}
        add_meter(session, point, SERIAL, readings)
        session.commit()
        pdf = consumption.render_consumption_report(session, "Д-15", FIRST, LAST).pdf
    lines = [line.strip() for page in pdf_text(pdf) for line in page.splitlines()]
    assert lines.count(SERIAL) == 3  # a table row per month, each on one line
    whole = " ".join(lines)
    assert "максимальная мощность 5,5 кВт" in whole and "5,500" not in whole


def _page_of(pages: list[str], text: str) -> int:
    return next(number for number, page in enumerate(pages) if text in page)


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    register_fonts()
    frame_height = PAGE_SIZE[1] - 2 * MARGIN
    head = ("Месяц", "Расход")
    rows = [(f"Строка {number}", str(number)) for number in range(40)]

    def pages_with_room_left(room_mm: float) -> list[str]:
        """Page 2 filled but for ``room_mm`` at its foot, then a heading and its table."""
        story = [
            PageBreak(),
            Spacer(1, frame_height - room_mm * mm),
            *headed_table(
                [Paragraph("Заголовок таблицы", HEADING)], head, rows, (60, 60), numeric_from=1
            ),
        ]
        return pdf_text(compose("Отчёт", requisites(None), FIRST, LAST, story).pdf)

    # Room for the heading and the table's head, not for its first rows: both go over.
    cramped = pages_with_room_left(20)
    assert _page_of(cramped, "Заголовок таблицы") == _page_of(cramped, "Строка 0") == 2
    # Room for the heading and a good part of the table: it starts under the heading and
    # runs on over the next page.
    roomy = pages_with_room_left(60)
    assert _page_of(roomy, "Заголовок таблицы") == _page_of(roomy, "Строка 0") == 1
    assert _page_of(roomy, "Строка 39") == 2
