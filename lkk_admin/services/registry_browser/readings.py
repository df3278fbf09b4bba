"""One meter's readings as the registry browser shows them: a table and a chart.

The arithmetic is the consumption report's (``reports.consumption_data``): readings are
taken as of 00:00 on the 1st, so the difference between the reading of a month and the
one of the month before is the previous month's consumption; a register that passed its
top counts ``(current − previous) mod 10^digits``; kWh are the difference times the
transformer ratios. Two statements: the meter, and its last readings (newest first by the
``(meter_id, period)`` unique index).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.models import ConsumptionObject, Contract, Meter, MeteringPoint, MeterReading
from lkk_admin.services.errors import NotFoundError
from lkk_admin.services.reports.consumption_data import (
    MeterFacts,
    register_difference,
    stored_reading,
)
from lkk_admin.services.reports.contracts import add_months, months_between

DEFAULT_MONTHS = 36


@dataclass(frozen=True)
class ReadingLine:
    """One month's reading; ``missing`` months (no reading between two that exist) have
    no value. ``difference`` and ``kwh`` are from the previous month's reading, None
    when either is missing."""

    period: date
    value: Decimal | None
    source: str | None
    submitted_at: datetime | None
    difference: Decimal | None
    kwh: Decimal | None
    rolled_over: bool
    missing: bool

    @property
    def consumed_in(self) -> date:
        """The month whose consumption ``kwh`` is (the one before ``period``)."""
        return add_months(self.period, -1)


@dataclass(frozen=True)
class MonthConsumption:
    period: date  # the month consumed
    kwh: Decimal | None  # None: a reading is missing


@dataclass(frozen=True)
class MeterReadings:
    meter_id: int
    serial: str
    model: str
    register_digits: int
    ct_ratio: int
    vt_ratio: int
    multiplier: int
    installed_on: date
    removed_on: date | None
    point_code: str
    contract_id: int
    contract_number: str
    readings: tuple[ReadingLine, ...]  # newest first
    consumption: tuple[MonthConsumption, ...]  # oldest first, one per reading line


_METER = (
    select(
        Meter.id,
        Meter.serial,
        Meter.model,
        Meter.register_digits,
        Meter.ct_ratio,
        Meter.vt_ratio,
        Meter.installed_on,
        Meter.removed_on,
        MeteringPoint.code,
        Contract.id.label("contract_id"),
        Contract.number,
    )
    .join(MeteringPoint, MeteringPoint.id == Meter.metering_point_id)
    .join(ConsumptionObject, ConsumptionObject.id == MeteringPoint.consumption_object_id)
    .join(Contract, Contract.id == ConsumptionObject.contract_id)
    .where(Meter.id == bindparam("id"))
)
_READINGS = (
    select(MeterReading.period, MeterReading.value, MeterReading.source, MeterReading.submitted_at)
    .where(MeterReading.meter_id == bindparam("id"))
    .order_by(MeterReading.period.desc())
    .limit(bindparam("limit"))
)


def meter_readings(session: Session, meter_id: int, months: int = DEFAULT_MONTHS) -> MeterReadings:
    """The meter's readings of the ``months`` months up to its latest reading, with the
    consumption each gives; months with no reading between two readings are listed as
    missing (months before the first reading of that span are not)."""
    meter = run(session, _METER, {"id": meter_id}).one_or_none()
    if meter is None:
        raise NotFoundError(f"Прибор учёта № {meter_id} не найден.")
    facts = MeterFacts(
        meter.id,
        meter.serial,
        meter.model,
        int(meter.register_digits),
        int(meter.ct_ratio),
        int(meter.vt_ratio),
        meter.installed_on,
        meter.removed_on,
    )
    # One more than the window: the reading before it gives the first difference.
    records = run(session, _READINGS, {"id": meter_id, "limit": max(months, 1) + 1}).all()
    lines: list[ReadingLine] = []
    if records:
        by_period = {r.period: r for r in records}
        latest = records[0].period
        since = add_months(latest, -(max(months, 1) - 1))
        first = min(r.period for r in records if r.period >= since)
        for period in reversed(months_between(first, latest)):
            lines.append(_line(facts, period, by_period))
    return MeterReadings(
        meter_id=facts.id,
        serial=facts.serial,
        model=facts.model,
        register_digits=facts.digits,
        ct_ratio=facts.ct_ratio,
        vt_ratio=facts.vt_ratio,
        multiplier=facts.multiplier,
        installed_on=facts.installed_on,
        removed_on=facts.removed_on,
        point_code=meter.code,
        contract_id=meter.contract_id,
        contract_number=meter.number,
        readings=tuple(lines),
        consumption=tuple(MonthConsumption(line.consumed_in, line.kwh) for line in reversed(lines)),
    )


def _line(meter: MeterFacts, period: date, by_period: dict[date, Any]) -> ReadingLine:
    record = by_period.get(period)
    if record is None:
        return ReadingLine(period, None, None, None, None, None, False, True)
    value = stored_reading(record.value)
    previous = by_period.get(add_months(period, -1))
    difference: Decimal | None = None
    kwh: Decimal | None = None
    rolled = False
    if previous is not None:
        start = stored_reading(previous.value)
        difference, rolled = register_difference(meter, start, value)
        kwh = difference * meter.multiplier
    return ReadingLine(
        period,
        value,
        record.source,
        record.submitted_at,
        difference,
        kwh,
        rolled,
        False,
    )
