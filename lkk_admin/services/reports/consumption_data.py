"""The figures of a consumption report: readings, differences and kWh per meter and month.

Readings are taken as of 00:00 on the 1st, so a month's consumption on a meter is the
reading on the 1st of the next month minus the one on its own 1st, times the meter's
transformer ratios. A register that passed its top counts ``(end − start) mod 10^digits``.
A meter is accounted for in the months it was in service (installed on or before the
month's last day, not removed before its first), so a replaced meter and its successor
each give their own line. Readings twelve months back give the same month a year ago.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkk_admin.models import ConsumptionObject, Meter, MeteringPoint, MeterReading
from lkk_admin.models.base import table_of
from lkk_admin.services.reports.contracts import (
    add_months,
    checked_period,
    find_contract,
    months_between,
    no_data,
)
from lkk_admin.services.reports.document import Requisites
from lkk_admin.services.reports.formatting import day

KWH = Decimal("0.001")
NO_KWH = Decimal("0.000")
HOURS_IN_DAY = 24


@dataclass(frozen=True, slots=True)
class MeterFacts:
    id: int
    serial: str
    model: str
    digits: int
    ct_ratio: int
    vt_ratio: int
    installed_on: date
    removed_on: date | None

    @property
    def multiplier(self) -> int:
        return self.ct_ratio * self.vt_ratio

    def in_service(self, period: date) -> bool:
        return self.installed_on < add_months(period, 1) and (
            self.removed_on is None or self.removed_on >= period
        )


@dataclass(frozen=True, slots=True)
class MeterMonth:
    """One meter's month: readings, difference, ratio, kWh; ``kwh`` is None when a
    reading is missing (the note says which)."""

    period: date
    serial: str
    start: Decimal | None
    end: Decimal | None
    difference: Decimal | None
    multiplier: int
    kwh: Decimal | None
    year_ago: Decimal | None
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class PointReport:
    code: str
    name: str
    voltage_level: str
    max_power_kw: Decimal
    meters: list[MeterFacts]
    lines: list[MeterMonth] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.kwh for line in self.lines if line.kwh is not None), NO_KWH)


@dataclass(slots=True)
class ObjectReport:
    name: str
    address: str
    points: list[PointReport]

    @property
    def total(self) -> Decimal:
        return sum((point.total for point in self.points), NO_KWH)


@dataclass(frozen=True, slots=True)
class MonthTotal:
    period: date
    kwh: Decimal
    year_ago: Decimal | None  # None: no reading a year before on some meter
    complete: bool  # every meter in service has both readings
    measured: bool  # at least one meter has both readings


@dataclass(slots=True)
class ConsumptionData:
    requisites: Requisites
    first: date
    last: date
    objects: list[ObjectReport]
    months: list[MonthTotal]

    @property
    def total(self) -> Decimal:
        return sum((obj.total for obj in self.objects), NO_KWH)

    @property
    def points(self) -> list[PointReport]:
        return [point for obj in self.objects for point in obj.points]


def load_consumption(
    session: Session, contract_number: str, first: date, last: date
) -> ConsumptionData:
    first, last = checked_period(first, last)
    contract = find_contract(session, contract_number)
    objects = _objects_and_points(session, contract.id)
    if not objects:
        raise no_data(contract, "точек учёта", first, last)
    meters = _meters(session, contract.id)
    readings = _readings(session, contract.id, add_months(first, -12), add_months(last, 1))

    periods = months_between(first, last)
    by_month: dict[date, list[MeterMonth]] = defaultdict(list)
    for obj in objects:
        for point in obj.points:
            point.meters = meters.get(point.code, [])
            for period in periods:
                for line in _point_month(point, period, readings):
                    point.lines.append(line)
                    by_month[period].append(line)
    if not any(line.kwh is not None for lines in by_month.values() for line in lines):
        raise no_data(contract, "показаний приборов учёта", first, last)
    months = [_month_total(period, by_month[period]) for period in periods]
    return ConsumptionData(contract.requisites, first, last, objects, months)


# --- Reading ---------------------------------------------------------------------------------

Readings = dict[tuple[int, date], Decimal]


def _objects_and_points(session: Session, contract_id: int) -> list[ObjectReport]:
    obj, point = table_of(ConsumptionObject), table_of(MeteringPoint)
    rows = session.execute(
        select(
            obj.c.id,
            obj.c.name,
            obj.c.address,
            point.c.code,
            point.c.name,
            point.c.voltage_level,
            point.c.max_power_kw,
        )
        .join(point, point.c.consumption_object_id == obj.c.id)
        .where(obj.c.contract_id == contract_id)
        .order_by(obj.c.name, obj.c.id, point.c.code)
    ).all()
    objects: dict[int, ObjectReport] = {}
    for object_id, name, address, code, point_name, voltage, power in rows:
        report = objects.setdefault(object_id, ObjectReport(name, address, []))
        report.points.append(PointReport(code, point_name, voltage, Decimal(power), []))
    return list(objects.values())


def _meters(session: Session, contract_id: int) -> dict[str, list[MeterFacts]]:
    """The contract's meters by metering point code, oldest installation first."""
    obj, point, meter = table_of(ConsumptionObject), table_of(MeteringPoint), table_of(Meter)
    rows = session.execute(
        select(
            point.c.code,
            meter.c.id,
            meter.c.serial,
            meter.c.model,
            meter.c.register_digits,
            meter.c.ct_ratio,
            meter.c.vt_ratio,
            meter.c.installed_on,
            meter.c.removed_on,
        )
        .join(point, meter.c.metering_point_id == point.c.id)
        .join(obj, point.c.consumption_object_id == obj.c.id)
        .where(obj.c.contract_id == contract_id)
        .order_by(point.c.code, meter.c.installed_on, meter.c.id)
    ).all()
    found: dict[str, list[MeterFacts]] = defaultdict(list)
    for code, *facts in rows:
        found[code].append(MeterFacts(*facts))
    return found


def _readings(session: Session, contract_id: int, since: date, until: date) -> Readings:
    obj, point = table_of(ConsumptionObject), table_of(MeteringPoint)
    meter, reading = table_of(Meter), table_of(MeterReading)
    rows = session.execute(
        select(reading.c.meter_id, reading.c.period, reading.c.value)
        .join(meter, reading.c.meter_id == meter.c.id)
        .join(point, meter.c.metering_point_id == point.c.id)
        .join(obj, point.c.consumption_object_id == obj.c.id)
        .where(
            obj.c.contract_id == contract_id,
            reading.c.period >= since,
            reading.c.period <= until,
        )
    ).all()
    return {(m, p): stored_reading(v) for m, p, v in rows}


def stored_reading(value: Decimal | float) -> Decimal:
    """A reading as the column holds it: SQLite keeps NUMERIC as REAL, so round back to
    the column's three decimals."""
    return Decimal(value).quantize(KWH, ROUND_HALF_UP)


# --- Arithmetic ------------------------------------------------------------------------------


def register_difference(meter: MeterFacts, start: Decimal, end: Decimal) -> tuple[Decimal, bool]:
    """Register difference from ``start`` to ``end`` and whether the register passed its
    top in between; kWh are the difference times ``meter.multiplier``. Shared with the
    registry browser's readings (``services.registry_browser.readings``)."""
    difference = end - start
    if difference >= 0:
        return difference, False
    return difference + Decimal(10) ** meter.digits, True


def _kwh(meter: MeterFacts, period: date, readings: Readings) -> Decimal | None:
    start = readings.get((meter.id, period))
    end = readings.get((meter.id, add_months(period, 1)))
    if start is None or end is None:
        return None
    return register_difference(meter, start, end)[0] * meter.multiplier


def _point_month(point: PointReport, period: date, readings: Readings) -> list[MeterMonth]:
    serving = [meter for meter in point.meters if meter.in_service(period)]
    if not serving:
        return [MeterMonth(period, "—", None, None, None, 1, None, None, ("нет прибора учёта",))]
    lines = []
    for meter in serving:
        next_month = add_months(period, 1)
        start = readings.get((meter.id, period))
        end = readings.get((meter.id, next_month))
        year_ago = _kwh(meter, add_months(period, -12), readings)
        notes = [
            f"нет показания на {day(when)}"
            for when, value in ((period, start), (next_month, end))
            if value is None
        ]
        difference = kwh = None
        if start is not None and end is not None:
            difference, rolled = register_difference(meter, start, end)
            kwh = difference * meter.multiplier
            if rolled:
                notes.append("переход счётного механизма через ноль")
            hours = (next_month - period).days * HOURS_IN_DAY
            if kwh > point.max_power_kw * hours:
                notes.append("больше максимальной мощности × часы месяца: проверьте показания")
        lines.append(
            MeterMonth(
                period,
                meter.serial,
                start,
                end,
                difference,
                meter.multiplier,
                kwh,
                year_ago,
                tuple(notes),
            )
        )
    return lines


def _month_total(period: date, lines: list[MeterMonth]) -> MonthTotal:
    kwh = sum((line.kwh for line in lines if line.kwh is not None), NO_KWH)
    year_ago_values = [line.year_ago for line in lines]
    year_ago = (
        sum((value for value in year_ago_values if value is not None), NO_KWH)
        if year_ago_values and all(value is not None for value in year_ago_values)
        else None
    )
    complete = all(line.kwh is not None for line in lines)
    measured = any(line.kwh is not None for line in lines)
    return MonthTotal(period, kwh, year_ago, complete, measured)
