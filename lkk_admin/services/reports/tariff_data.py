"""The rates of a tariff components certificate, read from the database as exact Decimals.

The certificate covers the contract's price category and every voltage level its metering
points are connected at: per month energy, capacity (categories 3–6 only), transmission,
infrastructure, the supplier's markup and the final price. Rates are kept at the column's
scale (5 places); the document rounds them to kopecks when it prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from lkk_admin.models import ConsumptionObject, MeteringPoint, TariffComponent
from lkk_admin.models.base import table_of
from lkk_admin.models.registry import TARIFF_COMPONENTS, VOLTAGE_LEVELS
from lkk_admin.services.reports.contracts import (
    add_months,
    checked_period,
    find_contract,
    in_force,
    months_between,
    no_data,
)
from lkk_admin.services.reports.document import Requisites

# Numeric(14, 5): SQLite stores it as REAL, so a rate is snapped back to the column's scale
# before anything rounds it to kopecks (rounding the float's noise could lose a kopeck).
RATE_STEP = Decimal("0.00001")
# Categories 1–2 buy capacity inside a one-rate energy price; 3–6 pay it per MW.
CAPACITY_CATEGORIES = frozenset({3, 4, 5, 6})


@dataclass(frozen=True, slots=True)
class MonthRates:
    """One month of one voltage level; ``rates`` is empty when nothing was published."""

    period: date
    rates: dict[str, Decimal]
    published_on: date | None

    @property
    def published(self) -> bool:
        return bool(self.rates)


@dataclass(frozen=True, slots=True)
class LevelRates:
    voltage_level: str
    months: list[MonthRates]


@dataclass(frozen=True, slots=True)
class Note:
    """A note printed once as a footnote, with the components it is attached to."""

    text: str
    components: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TariffData:
    requisites: Requisites
    first: date
    last: date
    price_category: int
    levels: list[LevelRates]
    notes: list[Note]

    @property
    def has_capacity(self) -> bool:
        return self.price_category in CAPACITY_CATEGORIES

    @property
    def voltage_levels(self) -> list[str]:
        return [level.voltage_level for level in self.levels]


def contract_voltage_levels(session: Session, contract_id: int) -> list[str]:
    """The distinct voltage levels of the contract's metering points, ВН first."""
    point, obj = table_of(MeteringPoint), table_of(ConsumptionObject)
    found = session.execute(
        select(point.c.voltage_level)
        .join(obj, point.c.consumption_object_id == obj.c.id)
        .where(obj.c.contract_id == contract_id)
        .distinct()
    ).scalars()
    return sorted(found, key=VOLTAGE_LEVELS.index)


def load_tariff(session: Session, contract_number: str, first: date, last: date) -> TariffData:
    first, last = checked_period(first, last)
    contract = find_contract(session, contract_number)
    # Prices of months the contract was not in force would read as the customer's own.
    first, last = in_force(contract, first, last)
    levels = contract_voltage_levels(session, contract.id)
    if not levels:
        raise no_data(contract, "точек учёта", first, last)

    tariff = table_of(TariffComponent)
    # The period range leads the (period, price_category, voltage_level, component) key,
    # so only the contract's category and levels within the period are read.
    rows = session.execute(
        select(
            tariff.c.period,
            tariff.c.voltage_level,
            tariff.c.component,
            tariff.c.rate,
            tariff.c.published_on,
            tariff.c.note,
        ).where(
            tariff.c.period >= first,
            tariff.c.period < add_months(last, 1),
            tariff.c.price_category == contract.price_category,
            tariff.c.voltage_level.in_(levels),
            *_capacity_filter(tariff.c.component, contract.price_category),
        )
    ).all()
    if not rows:
        raise no_data(contract, "опубликованных составляющих тарифа", first, last)

    rates: dict[tuple[str, date], dict[str, Decimal]] = {}
    published: dict[tuple[str, date], date] = {}
    noted: dict[str, set[str]] = {}
    for period, level, component, rate, published_on, note in rows:
        key = (level, period.replace(day=1))
        rates.setdefault(key, {})[component] = rate.quantize(RATE_STEP)
        # Components may be published on different days; the set is complete on the last.
        if published_on is not None:
            published[key] = max(published_on, published.get(key, published_on))
        if note and note.strip():
            noted.setdefault(note.strip(), set()).add(component)

    months = months_between(first, last)
    return TariffData(
        requisites=contract.requisites,
        first=first,
        last=last,
        price_category=contract.price_category,
        levels=[
            LevelRates(
                level,
                [
                    MonthRates(
                        period, rates.get((level, period), {}), published.get((level, period))
                    )
                    for period in months
                ],
            )
            for level in levels
        ],
        notes=_notes(noted),
    )


def _capacity_filter(
    component: ColumnElement[str], category: int
) -> tuple[ColumnElement[bool], ...]:
    """Categories 1–2 have no capacity column: a stray row (and its note) must not show."""
    return () if category in CAPACITY_CATEGORIES else (component != "capacity",)


def _notes(noted: dict[str, set[str]]) -> list[Note]:
    """Notes in the order of the first column they belong to, so footnotes read left to right."""
    notes = [
        Note(text, tuple(sorted(components, key=TARIFF_COMPONENTS.index)))
        for text, components in noted.items()
    ]
    return sorted(notes, key=lambda n: (TARIFF_COMPONENTS.index(n.components[0]), n.text))
