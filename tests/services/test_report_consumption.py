"""The consumption report: kWh from readings × ratios, rollover, gaps, replaced meters."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import Charge, ConsumptionObject, Meter, MeteringPoint, MeterReading
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.report_contracts import Months, data_span
from lkk_admin.services.reports.consumption import (
    render_consumption_report,
)
from lkk_admin.services.reports.consumption_data import load_consumption
from tests import factories
from tests.pdf import embedded_font_names, pdf_text, shown_volume
from tests.services.conftest import DemoWorld

NUMBER = "Д-202/2024"
FIRST, LAST = date(2025, 2, 1), date(2025, 5, 1)
FORMED = date(2026, 11, 27)


def add_point(
    session: Session, place: ConsumptionObject, code: str, voltage: str, power: str
) -> MeteringPoint:
    point = MeteringPoint(
        consumption_object_id=place.id,
        code=code,
        name=f"ВРУ {code}",
        voltage_level=voltage,
        max_power_kw=Decimal(power),
    )
    session.add(point)
    session.flush()
    return point


def add_meter(
    session: Session,
    point: MeteringPoint,
    serial: str,
    readings: dict[date, str],
    *,
    digits: int = 6,
    ct: int = 1,
    vt: int = 1,
    installed: date = date(2020, 1, 15),
    removed: date | None = None,
) -> None:
    meter = Meter(
        metering_point_id=point.id,
        serial=serial,
        model="Меркурий 230",
        accuracy_class="1,0",
        register_digits=digits,
        ct_ratio=ct,
        vt_ratio=vt,
        installed_on=installed,
        verified_on=installed,
        verification_interval_years=16,
        next_verification_on=date(2036, 1, 1),
        removed_on=removed,
    )
    session.add(meter)
    session.flush()
    for period, value in readings.items():
        session.add(
            MeterReading(meter_id=meter.id, period=period, value=Decimal(value), source="portal")
        )


def craft(factory: sessionmaker[Session]) -> None:
    """Two objects, three points, four meters: see each test for the arithmetic."""
    with factory() as session:
        owner = factories.counterparty(session)
        contract = factories.contract(session, owner, NUMBER)
        workshop = ConsumptionObject(
            contract_id=contract.id, name="Цех № 1", address="ул. Заводская, 1"
        )
        store = ConsumptionObject(contract_id=contract.id, name="Склад", address="ул. Складская, 2")
        session.add_all([workshop, store])
        session.flush()
        lighting = add_point(session, workshop, "ТУ-1", "НН", "4")
        # 2024 readings give the same months a year ago: 2000, 3000, 1000, 2000 kWh.
        add_meter(
            session,
            lighting,
            "M1-1001",
            {
                date(2024, 2, 1): "1000",
                date(2024, 3, 1): "1100",
                date(2024, 4, 1): "1250",
                date(2024, 5, 1): "1300",
                date(2024, 6, 1): "1400",
                date(2025, 2, 1): "5000",
                date(2025, 3, 1): "5110",
                date(2025, 4, 1): "5260",
                date(2025, 5, 1): "5300",
                date(2025, 6, 1): "5420",
            },
            ct=20,
        )
        feeder = add_point(session, workshop, "ТУ-2", "СН2", "2000")
        # Five digits: 99 990,5 → 0,25 passes the top; the 1 April reading is missing.
        add_meter(
            session,
            feeder,
            "M2-2002",
            {
                date(2025, 2, 1): "99990.5",
                date(2025, 3, 1): "0.25",
                date(2025, 5, 1): "20.25",
                date(2025, 6, 1): "30.25",
            },
            digits=5,
            ct=40,
            vt=100,
        )
        store_point = add_point(session, store, "ТУ-3", "НН", "15")
        # Replaced on 15 March: the old meter's last reading is 1 March, the new one's
        # first is 1 April, so March has no complete pair on either.
        add_meter(
            session,
            store_point,
            "M3-old",
            {date(2025, 2, 1): "700", date(2025, 3, 1): "900"},
            removed=date(2025, 3, 15),
        )
        add_meter(
            session,
            store_point,
            "M4-new",
            {date(2025, 4, 1): "10", date(2025, 5, 1): "60", date(2025, 6, 1): "100"},
            installed=date(2025, 3, 15),
        )
        session.commit()


def kwh(value: str) -> Decimal:
    return Decimal(value)


def test_consumption_is_difference_times_ratios(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        data = load_consumption(session, NUMBER, FIRST, LAST)
    store, lighting, feeder = data.points  # objects by name: Склад, Цех № 1
    assert [line.kwh for line in lighting.lines] == [
        kwh("2200"),
        kwh("3000"),
        kwh("800"),
        kwh("2400"),
    ]
    assert [line.year_ago for line in lighting.lines] == [
        kwh("2000"),
        kwh("3000"),
        kwh("1000"),
        kwh("2000"),
    ]
    assert lighting.lines[0].multiplier == 20
    # (0,25 + 100 000 − 99 990,5) × 40 × 100
    assert feeder.lines[0].difference == Decimal("9.750")
    assert feeder.lines[0].kwh == kwh("39000")
    assert "переход счётного механизма через ноль" in feeder.lines[0].notes
    assert feeder.lines[1].kwh is None and feeder.lines[2].kwh is None
    assert feeder.lines[1].notes == ("нет показания на 01.04.2025",)
    assert feeder.lines[3].kwh == kwh("40000")
    assert (lighting.total, feeder.total, store.total) == (kwh("8400"), kwh("79000"), kwh("290"))
    assert [obj.total for obj in data.objects] == [kwh("290"), kwh("87400")]  # by name
    assert data.total == kwh("87690")


def test_month_totals_say_which_months_are_incomplete(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        data = load_consumption(session, NUMBER, FIRST, LAST)
    assert [(m.kwh, m.complete) for m in data.months] == [
        (kwh("41400"), True),
        (kwh("3000"), False),
        (kwh("850"), False),
        (kwh("42440"), True),
    ]
    # The feeder has no readings a year back, so no month can be compared as a whole.
    assert all(m.year_ago is None for m in data.months)


def test_replaced_meter_gives_a_line_per_meter_in_service(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        store = load_consumption(session, NUMBER, FIRST, LAST).objects[0].points[0]
    assert [(line.period.month, line.serial, line.kwh) for line in store.lines] == [
        (2, "M3-old", kwh("200")),
        (3, "M3-old", None),
        (3, "M4-new", None),
        (4, "M4-new", kwh("50")),
        (5, "M4-new", kwh("40")),
    ]
    assert store.lines[1].notes == ("нет показания на 01.04.2025",)
    assert store.lines[2].notes == ("нет показания на 01.03.2025",)


def test_more_than_the_maximum_power_allows_is_flagged(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        lighting = load_consumption(session, NUMBER, FIRST, LAST).points[1]
    # 4 kW × 744 h of March = 2 976 kWh < 3 000 kWh; February's 2 200 < 4 × 672.
    flagged = [
        line.period.month for line in lighting.lines if any("проверьте" in n for n in line.notes)
    ]
    assert flagged == [3]


def test_pdf_shows_readings_totals_and_notes(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        pdf = render_consumption_report(session, NUMBER, FIRST, LAST, formed_on=FORMED).pdf
    pages = pdf_text(pdf)
    whole = " ".join("\n".join(pages).split())  # cells wrap: compare words
    assert pdf.startswith(b"%PDF-")
    assert "Отчёт по потреблению электрической энергии" in pages[0]
    assert f"№ {NUMBER}" in pages[0] and "февраль 2025 — май 2025" in pages[0]
    for figure in ("87 690", "87 400", "79 000", "8 400", "41 400", "42 440", "99 990,5"):
        assert figure in whole, figure
    for serial in ("M1-1001", "M2-2002", "M3-old", "M4-new"):
        assert serial in whole
    assert "Итого по объекту «Цех № 1»" in whole and "Итого по договору" in whole
    assert "нет показания на 01.04.2025" in whole
    assert "переход счётного механизма через ноль" in whole
    assert f"Страница 1 из {len(pages)}" in pages[0]
    assert embedded_font_names(pdf) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_no_points_or_no_readings_is_refused(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        owner = factories.counterparty(session, inn="7707083893", kpp="773601001")
        factories.contract(session, owner, "БЕЗ-ТОЧЕК")
        session.commit()
        with pytest.raises(DomainError, match="нет точек учёта") as empty:
            render_consumption_report(session, "БЕЗ-ТОЧЕК", FIRST, LAST)
        assert empty.value.code == "NO_DATA"
        with pytest.raises(DomainError, match="нет показаний приборов учёта за период"):
            render_consumption_report(session, NUMBER, date(2020, 1, 1), date(2020, 6, 1))
        with pytest.raises(NotFoundError):
            render_consumption_report(session, "НЕТ-ТАКОГО", FIRST, LAST)
        with pytest.raises(DomainError, match="позже его конца"):
            render_consumption_report(session, NUMBER, LAST, FIRST)


def test_demo_contract_consumption_equals_its_billed_volume(demo: DemoWorld) -> None:
    """Demo charges bill every point's difference × ratio: the two must agree to the kWh."""
    first, last = date(2023, 12, 1), date(2026, 10, 1)  # every billed month
    number, contract_id = demo.largest_contract()
    with demo.factory() as session:
        rendered = render_consumption_report(session, number, first, last, formed_on=FORMED)
        data = load_consumption(session, number, first, last)
        billed = session.execute(
            select(func.sum(Charge.volume_kwh)).where(Charge.contract_id == contract_id)
        ).scalar_one()
    billed = Decimal(str(billed)).quantize(Decimal("0.001"), ROUND_HALF_UP)
    assert data.total == billed
    assert len(data.months) == 35 and rendered.pages > 1
    pages = pdf_text(rendered.pdf)
    assert f"Итого по договору за период: {shown_volume(billed)} кВт·ч" in "\n".join(pages)
    assert all(f"Страница {n} из {len(pages)}" in page for n, page in enumerate(pages, 1))


def test_the_months_with_consumption_end_a_month_before_the_last_reading(
    factory: sessionmaker[Session],
) -> None:
    craft(factory)
    with factory() as session:
        span = data_span(session, NUMBER)
    assert span.metered == Months(date(2024, 2, 1), date(2025, 5, 1))
    assert span.billed is None and span.for_report("tariff") == span.metered
