"""The tariff components certificate: rates as stored, columns by category, refusals, pages."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import ConsumptionObject, Contract, MeteringPoint, TariffComponent
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.reports.contracts import add_months, months_between
from lkk_admin.services.reports.formatting import MONTHS_NOMINATIVE, month_title
from lkk_admin.services.reports.tariff import render_tariff_certificate
from lkk_admin.services.reports.tariff_data import load_tariff
from tests import factories
from tests.pdf import embedded_font_names, pdf_text, shown_money
from tests.services.conftest import DemoWorld

NUMBER = "Д-202/2025"
FORMED = date(2026, 11, 27)
START = date(2025, 11, 1)
LEVELS = ("ВН", "СН1", "СН2", "НН")
WITHOUT_CAPACITY = ("energy", "transmission", "infrastructure", "sales_markup", "final")
WITH_CAPACITY = ("energy", "capacity", "transmission", "infrastructure", "sales_markup", "final")
BASE = {
    "energy": 1650,
    "capacity": 990_000,
    "transmission": 1300,
    "infrastructure": 2,
    "sales_markup": 430,
    "final": 8000,
}
NOTES = {
    "energy": "включая мощность (одноставочная цена)",
    "capacity": "в ₽/МВт·ч конечной цены пересчитана по 600 ч использования",
    "final": "без НДС",
}


def rate(component: str, category: int, level: str, period: date) -> Decimal:
    """A distinct rate per cell, always ending in a half kopeck: it must print rounded up
    (2.675 as a float is 2.67499…, so rounding SQLite's float would lose the kopeck)."""
    step = (period.year - 2020) * 12 + period.month + LEVELS.index(level) * 40 + category * 7
    return Decimal(BASE[component]) + Decimal(step) / 100 + Decimal("0.00500")


def published(period: date) -> date:
    return add_months(period, 1).replace(day=14)


def add_rates(
    session: Session, category: int, period: date, levels: tuple[str, ...] = LEVELS
) -> None:
    for level in levels:
        # Capacity goes in for every category: 1–2 must ignore the stray row (and its note).
        for component in WITH_CAPACITY:
            session.add(
                TariffComponent(
                    period=period,
                    price_category=category,
                    voltage_level=level,
                    component=component,
                    rate=rate(component, category, level, period),
                    unit="RUB/MW" if component == "capacity" else "RUB/MWh",
                    # The transmission line comes out a day late: the month shows the last.
                    published_on=published(period).replace(
                        day=15 if component == "transmission" else 14
                    ),
                    note=NOTES.get(component) if component != "energy" or category <= 2 else None,
                )
            )


def craft(
    factory: sessionmaker[Session],
    *,
    category: int = 1,
    levels: tuple[str, ...] = ("НН", "СН2", "НН"),
    months: int = 4,
    start: date = START,
    missing: frozenset[date] = frozenset(),
) -> None:
    """A contract of ``category`` with points at ``levels``; rates of every category and
    level for ``months`` months from ``start`` and one month either side, except ``missing``."""
    with factory() as session:
        owner = factories.counterparty(session)
        contract = factories.contract(session, owner, NUMBER)
        contract.price_category = category
        if levels:
            obj = ConsumptionObject(contract_id=contract.id, name="Цех № 1", address="г. Истра")
            session.add(obj)
            session.flush()
            for index, level in enumerate(levels):
                session.add(
                    MeteringPoint(
                        consumption_object_id=obj.id,
                        code=f"TP-{index}",
                        name=f"Ввод {index + 1}",
                        voltage_level=level,
                        max_power_kw=Decimal("150.00"),
                        tariff_zones=1,
                    )
                )
        for period in months_between(add_months(start, -1), add_months(start, months)):
            if period not in missing:
                for each in (category, category % 6 + 1):  # another category must not leak in
                    add_rates(session, each, period)
        session.commit()


_MONTH_ROW = re.compile(rf"^({'|'.join(m.capitalize() for m in MONTHS_NOMINATIVE)}) \d{{4}}$")
_LEVEL_HEAD = re.compile(r"^Месяц \((ВН|СН1|СН2|НН)\)$")


def table_rows(pages: list[str], width: int) -> dict[str, dict[str, list[str]]]:
    """Rows of the certificate's tables by level and month title: the cells after the month.

    pypdf gives each cell on its own line; the level is read from the «Месяц (СН2)» head,
    which every page of a table repeats.
    """
    lines = [line.strip() for page in pages for line in page.splitlines()]
    found: dict[str, dict[str, list[str]]] = {}
    level = ""
    for index, line in enumerate(lines):
        if head := _LEVEL_HEAD.match(line):
            level = head[1]
        elif _MONTH_ROW.match(line) and level:
            assert line not in found.setdefault(level, {}), f"{level} {line} printed twice"
            found[level][line] = lines[index + 1 : index + 1 + width]
    return found


def db_rates(
    session: Session, category: int, first: date, last: date
) -> dict[tuple[str, date, str], Decimal]:
    rows = session.scalars(
        select(TariffComponent).where(
            TariffComponent.price_category == category,
            TariffComponent.period >= first,
            TariffComponent.period <= last,
        )
    )
    return {(row.voltage_level, row.period, row.component): row.rate for row in rows}


@pytest.mark.parametrize("category", [1, 2, 3, 4, 5, 6])
def test_figures_equal_db_rates_for_levels_in_use(
    factory: sessionmaker[Session], category: int
) -> None:
    craft(factory, category=category)
    first, last = START, add_months(START, 3)
    components = WITH_CAPACITY if category >= 3 else WITHOUT_CAPACITY
    with factory() as session:
        pdf = render_tariff_certificate(session, NUMBER, first, last, formed_on=FORMED).pdf
        data = load_tariff(session, NUMBER, first, last)
        stored = db_rates(session, category, first, last)

    assert data.voltage_levels == ["СН2", "НН"]  # ordered by voltage, each once
    for table in data.levels:
        for line in table.months:
            for component in components:
                assert line.rates[component] == stored[table.voltage_level, line.period, component]
            assert ("capacity" in line.rates) == (category >= 3)

    pages = pdf_text(pdf)
    whole = "\n".join(pages)
    rows = table_rows(pages, len(components) + 1)
    assert list(rows) == ["СН2", "НН"]  # no ВН/СН1 table though their rates are stored
    for level, by_month in rows.items():
        assert list(by_month) == [month_title(p) for p in months_between(first, last)]
        for period in months_between(first, last):
            exact = [rate(c, category, level, period) for c in components]
            assert [stored[level, period, c] for c in components] == exact  # no float noise
            expected = [shown_money(value) for value in exact]
            # The transmission line was published a day after the rest.
            expected.append(f"{published(period).replace(day=15):%d.%m.%Y}")
            assert by_month[month_title(period)] == expected, (level, period)
    assert "Уровень напряжения СН2 (1–20 кВ)" in whole
    assert "Уровень напряжения НН (до 1 кВ)" in whole
    assert whole.index("СН2 (1–20 кВ)") < whole.index("НН (до 1 кВ)")
    assert "Уровень напряжения ВН" not in whole and "СН1" not in whole
    assert f"Ценовая категория: {category} — " in whole
    assert ("Мощность" in whole) == (category >= 3)
    assert ("₽/МВт в месяц" in whole) == (category >= 3)
    assert "Конечная цена: без НДС." in whole
    assert ("включая мощность (одноставочная цена)" in whole) == (category <= 2)
    assert ("пересчитана по 600 ч" in whole) == (category >= 3)
    assert "без НДС" in whole and "20 % до 31.12.2025, 22 % с 01.01.2026" in whole


def test_category_meaning_in_words(factory: sessionmaker[Session]) -> None:
    craft(factory, category=4, levels=("ВН",))
    with factory() as session:
        pdf = render_tariff_certificate(session, NUMBER, START, START, formed_on=FORMED).pdf
    whole = " ".join("\n".join(pdf_text(pdf)).split())
    assert "Ценовая категория: 4 — почасовой учёт, с двухставочным тарифом на передачу" in whole
    assert "Уровень напряжения точек учёта: ВН (110 кВ и выше)" in whole


def test_month_without_components_is_not_published(factory: sessionmaker[Session]) -> None:
    gap = add_months(START, 1)
    craft(factory, category=3, missing=frozenset({gap}))
    with factory() as session:
        pdf = render_tariff_certificate(
            session, NUMBER, START, add_months(START, 2), formed_on=FORMED
        ).pdf
        data = load_tariff(session, NUMBER, START, add_months(START, 2))
    assert [line.published for line in data.levels[0].months] == [True, False, True]
    rows = table_rows(pdf_text(pdf), len(WITH_CAPACITY) + 1)
    for by_month in rows.values():
        assert by_month[month_title(gap)] == ["—"] * len(WITH_CAPACITY) + ["не опубликованы"]
        assert by_month[month_title(START)][-1] != "не опубликованы"


def test_each_note_once_as_a_footnote(factory: sessionmaker[Session]) -> None:
    craft(factory, category=3)
    with factory() as session:
        row = session.scalars(
            select(TariffComponent).where(
                TariffComponent.period == START,
                TariffComponent.price_category == 3,
                TariffComponent.voltage_level == "НН",
                TariffComponent.component == "transmission",
            )
        ).one()
        row.note = "по приказу <РЭК> № 5 & 6."  # typed by a person: mini-HTML must hold
        session.commit()
        pdf = render_tariff_certificate(
            session, NUMBER, START, add_months(START, 2), formed_on=FORMED
        ).pdf
    lines = [line.strip() for line in "\n".join(pdf_text(pdf)).splitlines()]
    notes = [line for line in lines if line[:1] in "¹²³"]
    assert notes == [
        "¹ Мощность: в ₽/МВт·ч конечной цены пересчитана по 600 ч использования.",
        "² Передача: по приказу <РЭК> № 5 & 6.",
        "³ Конечная цена: без НДС.",
    ]
    assert "Передача², ₽/МВт·ч" in " ".join(lines)


def test_no_data_and_unknown_contract_are_refused(factory: sessionmaker[Session]) -> None:
    craft(factory)
    with factory() as session:
        with pytest.raises(NotFoundError, match="Договор № 999 не найден"):
            render_tariff_certificate(session, "999", START, START)
        with pytest.raises(DomainError, match="нет опубликованных составляющих") as empty:
            render_tariff_certificate(session, NUMBER, date(2090, 1, 1), date(2090, 12, 1))
        assert empty.value.code == "NO_DATA"
        with pytest.raises(DomainError, match=r"действует с 01\.03\.2021; в запрошенном") as gone:
            render_tariff_certificate(session, NUMBER, date(2020, 1, 1), date(2020, 12, 1))
        assert gone.value.code == "OUTSIDE_TERM"
        with pytest.raises(DomainError, match="позже его конца") as backwards:
            render_tariff_certificate(session, NUMBER, add_months(START, 2), START)
        assert backwards.value.code == "BAD_PERIOD"


def test_contract_without_points_is_refused(factory: sessionmaker[Session]) -> None:
    craft(factory, levels=())
    with factory() as session, pytest.raises(DomainError, match="нет точек учёта") as refused:
        render_tariff_certificate(session, NUMBER, START, START)
    assert refused.value.code == "NO_DATA"


def test_fonts_are_embedded(factory: sessionmaker[Session]) -> None:
    craft(factory, category=3)
    with factory() as session:
        pdf = render_tariff_certificate(session, NUMBER, START, add_months(START, 3)).pdf
    names = embedded_font_names(pdf)
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}


def test_long_period_splits_with_repeated_headers(factory: sessionmaker[Session]) -> None:
    start = date(2023, 11, 1)
    craft(factory, category=5, months=36, start=start)
    last = add_months(start, 35)
    with factory() as session:
        rendered = render_tariff_certificate(session, NUMBER, start, last, formed_on=FORMED)
    pages = pdf_text(rendered.pdf)
    assert rendered.pages == len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Страница {number} из {len(pages)}" in page
        if any(_MONTH_ROW.match(line.strip()) for line in page.splitlines()):
            assert re.search(r"^Месяц \((СН2|НН)\)$", page, re.MULTILINE), number
            assert "Опубликовано" in page, f"page {number} has no table header"
    rows = table_rows(pages, len(WITH_CAPACITY) + 1)
    assert {level: len(by_month) for level, by_month in rows.items()} == {"СН2": 36, "НН": 36}


# --- Demo database --------------------------------------------------------------------------


def test_demo_contract_36_months(demo: DemoWorld) -> None:
    """The contract with the most voltage levels (the highest category among them)."""
    first, last = date(2023, 12, 1), date(2026, 11, 1)
    with demo.factory() as session:
        number, category = session.execute(
            text(
                "SELECT c.number, c.price_category FROM contract c "
                "JOIN consumption_object o ON o.contract_id = c.id "
                "JOIN metering_point p ON p.consumption_object_id = o.id "
                "GROUP BY c.id, c.number, c.price_category "
                "ORDER BY count(DISTINCT p.voltage_level) DESC, c.price_category DESC, c.id "
                "LIMIT 1"
            )
        ).one()
        rendered = render_tariff_certificate(session, number, first, last, formed_on=FORMED)
        levels = load_tariff(session, number, first, last).voltage_levels
        stored = db_rates(session, category, first, last)
    components = WITH_CAPACITY if category >= 3 else WITHOUT_CAPACITY
    rows = table_rows(pdf_text(rendered.pdf), len(components) + 1)
    assert list(rows) == levels and len(levels) >= 2
    for level, by_month in rows.items():
        for period in months_between(first, date(2026, 10, 1)):  # billed months
            final = by_month[month_title(period)][len(components) - 1]
            assert final == shown_money(stored[level, period, "final"]), (level, period)
        # The demo world stops at November 2026, whose prices come out in December.
        assert by_month["Ноябрь 2026"][-1] == "не опубликованы"
    assert rendered.pages >= 2


def test_months_the_contract_was_not_in_force_are_left_out(
    factory: sessionmaker[Session],
) -> None:
    """Prices of a month before the contract began (or after it ended) are not the
    customer's: the certificate keeps to the months the contract was in force."""
    craft(factory, months=6)
    with factory() as session:
        contract = session.scalars(select(Contract).where(Contract.number == NUMBER)).one()
        contract.valid_from = date(2025, 12, 3)  # starts in its second month
        contract.terminated_on = date(2026, 2, 20)
        session.commit()
        rendered = render_tariff_certificate(
            session, NUMBER, add_months(START, -1), add_months(START, 5)
        )
    assert (rendered.first, rendered.last) == (date(2025, 12, 1), date(2026, 2, 1))
    pages = pdf_text(rendered.pdf)
    assert "Период:\nдекабрь 2025 — февраль 2026" in pages[0]
    rows = table_rows(pages, 5)
    assert set(rows["НН"]) == {"Декабрь 2025", "Январь 2026", "Февраль 2026"}
