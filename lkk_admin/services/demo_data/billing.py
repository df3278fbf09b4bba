"""Tariffs, meter readings, charges, invoices and payments of the demo world.

Full billing history (36 monthly readings, 35 billed months of charges, invoices and
payments) goes to a deterministic share of contracts: every ``FULL_HISTORY_EVERY``-th
contract plus every contract a demo registration request names, so whatever a verifier or
portal user opens has its history. The other contracts get the last three readings only
(2026-09-01 … 2026-11-01) and no billing: that keeps scale 1 loading in well under two
minutes on PostgreSQL.

Each meter's register series comes from its own random stream (seeded by the meter's
ordinal), so the readings stage and the charges stage derive the same values
independently and nothing has to be kept in memory between them.

Which months a contract has readings for is decided in the reference world (indexes into
``READING_PERIODS``); a :class:`BillingCalendar` says which months those indexes are in
the demo being created (the reference ones moved by whole months, see ``DemoClock``), and
the values follow those months: their length, season, VAT rate and tariffs.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from lkk_admin.services.demo_data import names
from lkk_admin.services.demo_data.common import (
    BILLING_PERIODS,
    CENT,
    PERIOD_INDEX,
    READING_PERIODS,
    REFERENCE_CLOCK,
    TODAY,
    DemoClock,
    Stage,
    Weighted,
    add_months,
    at_msk,
    days_in_month,
    money,
    month_end,
    month_name,
    month_start,
    month_start_on_or_after,
    randint,
    rubles,
    stream,
    vat_rate,
)
from lkk_admin.services.demo_data.registry import ContractSpec, PointSpec, Registry

FULL_HISTORY_EVERY = 5
# Contracts outside the full-history share get these readings only.
RECENT_PERIODS = READING_PERIODS[-3:]

# Capacity (₽/MW per month) is charged separately in categories 3–6. To state a final
# price per MWh for them, it is spread over this many hours of use of the maximum (a
# typical figure for an industrial load); categories 1–2 have it folded into energy.
HOURS_OF_CAPACITY_USE = 600
VOLTAGES = ("ВН", "СН1", "СН2", "НН")
# Transmission tariff at the start of the history, ₽/MWh; indexed every 1 July.
TRANSMISSION_BASE = {"ВН": 1300.0, "СН1": 2200.0, "СН2": 2900.0, "НН": 4300.0}
TRANSMISSION_INDEXATION = 1.095
ENERGY_BY_CATEGORY = {1: 1.0, 2: 1.01, 3: 0.98, 4: 0.98, 5: 0.97, 6: 0.97}
PRICE_STEP = Decimal("0.00001")
# A portal user's readings start this long after the access was granted (in the reference
# world), so that they still follow the grant once the requests and the billing have moved
# by their different shifts (they differ by less than a month and a few days).
PORTAL_READINGS_AFTER = timedelta(days=40)

TARIFF_COLUMNS = (
    "id", "period", "price_category", "voltage_level", "component", "rate", "unit",
    "published_on", "note",
)  # fmt: skip
READING_COLUMNS = ("id", "meter_id", "period", "value", "source", "submitted_at", "submitted_by")
CHARGE_COLUMNS = (
    "id", "contract_id", "metering_point_id", "period", "description", "volume_kwh", "price",
    "amount", "vat_rate", "vat_amount", "total",
)  # fmt: skip
INVOICE_COLUMNS = (
    "id", "contract_id", "kind", "number", "issued_on", "due_on", "period", "amount",
    "vat_rate", "vat_amount", "total",
)  # fmt: skip
PAYMENT_COLUMNS = ("id", "contract_id", "paid_on", "document_number", "amount", "purpose", "period")


# --- Tariffs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rates:
    """One month's components for a price category and voltage level; money per MWh."""

    energy: Decimal  # categories 1–2: including capacity
    capacity: Decimal | None  # ₽/MW per month, categories 3–6 only
    transmission: Decimal
    infrastructure: Decimal
    sales_markup: Decimal
    final: Decimal
    price_kwh: Decimal  # the final price per kWh, what a charge line uses


TariffTable = dict[tuple[date, int, str], Rates]


# --- The months of the demo being created ---------------------------------------------------


class BillingCalendar:
    """The reference periods moved by the clock's whole months, and what the hot loops
    below take from each month (indexed like ``READING_PERIODS``)."""

    def __init__(self, clock: DemoClock = REFERENCE_CLOCK) -> None:
        self.today = clock.billing_today
        self.periods: tuple[date, ...] = tuple(clock.day(p) for p in READING_PERIODS)
        self.billing_periods = self.periods[: len(BILLING_PERIODS)]
        self.hours = tuple(24 * days_in_month(period) for period in self.periods)
        self.season = tuple(
            1 + 0.18 * math.cos(2 * math.pi * (p.month - 1) / 12) for p in self.periods
        )
        self.midnight = tuple(at_msk(period, 0) for period in self.periods)  # 00:00 MSK of the 1st
        self.month_names = tuple(month_name(period) for period in self.periods)
        self.vat_rates = tuple(vat_rate(period) for period in self.periods)
        self.vat_shares = tuple(rate / 100 for rate in self.vat_rates)


REFERENCE_CALENDAR = BillingCalendar()


def build_tariffs(seed: int, calendar: BillingCalendar = REFERENCE_CALENDAR) -> TariffTable:
    rng = stream(seed, "tariffs")
    table: TariffTable = {}
    years_indexed = range(2024, calendar.periods[-1].year + 1)
    for index, period in enumerate(calendar.billing_periods):
        years = index / 12
        season = 1 + 0.06 * math.cos(2 * math.pi * (period.month - 1) / 12)
        energy_base = 1650 * 1.05**years * season * rng.uniform(0.97, 1.03)
        capacity_base = 990_000 * 1.05**years * rng.uniform(0.98, 1.02)
        indexations = sum(1 for year in years_indexed if period >= date(year, 7, 1))
        infrastructure = money(Decimal(2.6 + 0.45 * (period.year - 2023) + rng.uniform(0, 0.1)))
        markup_growth = 1.04 ** (period.year - 2023)
        capacity = money(Decimal(capacity_base))
        capacity_per_mwh = money(capacity / HOURS_OF_CAPACITY_USE)
        for category in range(1, 7):
            energy = money(Decimal(energy_base * ENERGY_BY_CATEGORY[category]))
            markup = money(Decimal((720 if category <= 2 else 430) * markup_growth))
            for voltage in VOLTAGES:
                transmission = money(
                    Decimal(
                        TRANSMISSION_BASE[voltage]
                        * TRANSMISSION_INDEXATION**indexations
                        * (0.97 if category in (4, 6) else 1.0)  # two-rate transmission
                    )
                )
                if category <= 2:
                    energy_row, capacity_row = energy + capacity_per_mwh, None
                else:
                    energy_row, capacity_row = energy, capacity
                final = energy + capacity_per_mwh + transmission + infrastructure + markup
                table[(period, category, voltage)] = Rates(
                    energy=energy_row,
                    capacity=capacity_row,
                    transmission=transmission,
                    infrastructure=infrastructure,
                    sales_markup=markup,
                    final=final,
                    price_kwh=(final / 1000).quantize(PRICE_STEP),
                )
    return table


def tariff_rows(
    seed: int, table: TariffTable, first_id: int, calendar: BillingCalendar = REFERENCE_CALENDAR
) -> Iterator[tuple[Any, ...]]:
    rng = stream(seed, "tariff-publication")
    published = {
        period: add_months(period, 1).replace(day=15) - timedelta(days=randint(rng, 0, 4))
        for period in calendar.billing_periods
    }
    row_id = first_id
    capacity_note = (
        f"в ₽/МВт·ч конечной цены пересчитана по {HOURS_OF_CAPACITY_USE} ч использования"
    )
    for (period, category, voltage), rates in table.items():
        components: list[tuple[str, Decimal, str, str | None]] = [
            (
                "energy",
                rates.energy,
                "RUB/MWh",
                "включая мощность (одноставочная цена)" if category <= 2 else None,
            ),
        ]
        if rates.capacity is not None:
            components.append(("capacity", rates.capacity, "RUB/MW", capacity_note))
        components += [
            ("transmission", rates.transmission, "RUB/MWh", None),
            ("infrastructure", rates.infrastructure, "RUB/MWh", None),
            ("sales_markup", rates.sales_markup, "RUB/MWh", None),
            ("final", rates.final, "RUB/MWh", "без НДС"),
        ]
        for component, rate, unit, note in components:
            yield (
                row_id,
                period,
                category,
                voltage,
                component,
                rate,
                unit,
                published[period],
                note,
            )
            row_id += 1


# --- Per-period tables (the hot loops below index them instead of computing dates) --------

# Offsets from a period's midnight, minute by minute, from 7 days before to 10 days after.
_MINUTE_ZERO = 7 * 1440
_MINUTES = tuple(timedelta(minutes=m - _MINUTE_ZERO) for m in range(17 * 1440))


# --- Readings --------------------------------------------------------------------------------


def full_history_contracts(registry: Registry, touched: set[int]) -> set[int]:
    every = {c.index for c in registry.contracts if c.index % FULL_HISTORY_EVERY == 0}
    return every | touched


def reading_span(contract: ContractSpec, full: bool) -> range:
    """Indexes into READING_PERIODS of the contract's readings."""
    first = max(month_start_on_or_after(contract.valid_from), READING_PERIODS[0])
    last = READING_PERIODS[-1]
    if contract.terminated_on is not None:
        last = min(last, month_start_on_or_after(contract.terminated_on))
    if not full:
        first = max(first, RECENT_PERIODS[0])
    if first > last:
        return range(0)
    return range(PERIOD_INDEX[first], PERIOD_INDEX[last] + 1)


def meter_series(
    seed: int,
    contract: ContractSpec,
    point: PointSpec,
    span: range,
    calendar: BillingCalendar = REFERENCE_CALENDAR,
) -> list[Decimal]:
    """Register values at the span's periods (00:00 on the 1st), wrapping at 10^digits."""
    if not span:
        return []
    meter = point.meter
    rng = random.Random(f"{seed}:meter:{meter.index}")
    modulus = 10**meter.digits
    multiplier = meter.multiplier
    scale = float(point.power) * meter.load_factor / multiplier  # register units per hour
    cutoff = PERIOD_INDEX[month_start(contract.suspended_on)] if contract.suspended_on else 99
    # The rollover demo meter starts just below the top so that it wraps in the 2nd month.
    register = modulus - 1.4 * scale * 730 if meter.rollover_demo else rng.random() * 0.8 * modulus
    wrap = Decimal(modulus)
    automated = meter.automated
    hours, season = calendar.hours, calendar.season
    values = []
    for index in span:
        if automated:
            values.append(Decimal(f"{register:.2f}") % wrap)  # АСКУЭ reports hundredths
        else:
            values.append(Decimal(int(register) % modulus))
        if index < cutoff:  # after a cut-off the register stands still
            register += scale * hours[index] * season[index] * (0.88 + 0.22 * rng.random())
    return values


@dataclass(frozen=True)
class PortalAccess:
    """Who may submit a contract's readings through the portal, and since when."""

    login: str
    since: datetime


def staff_names(seed: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    rng = stream(seed, "billing-staff")
    inspectors = tuple(f"Контролёр {names.person(rng).initials}" for _ in range(14))
    operators = tuple(f"Оператор {names.person(rng).initials}" for _ in range(6))
    return inspectors, operators


def reading_rows(
    seed: int,
    registry: Registry,
    full: set[int],
    portal: dict[int, PortalAccess],
    *,
    first_id: int,
    stage: Stage,
    calendar: BillingCalendar = REFERENCE_CALENDAR,
) -> Iterator[tuple[Any, ...]]:
    """Automated meters report by themselves just after midnight; the others are typed in
    the portal (from the 25th to the 3rd), read by an inspector, or sent by e-mail or
    phone and typed by a billing operator.

    ``portal`` is dated in the reference world: who typed a reading is decided there."""
    inspectors, operators = staff_names(seed)
    random_ = stream(seed, "reading-sources").random
    minutes, midnight, zero = _MINUTES, calendar.midnight, _MINUTE_ZERO
    reference_midnight = REFERENCE_CALENDAR.midnight
    periods = calendar.periods
    row_id = first_id
    for contract in registry.contracts:
        span = reading_span(contract, contract.index in full)
        access = portal.get(contract.index)
        portal_from = None if access is None else access.since + PORTAL_READINGS_AFTER
        for point in contract.points:
            meter = point.meter
            meter_id = meter.id
            values = meter_series(seed, contract, point, span, calendar)
            for index, value in zip(span, values, strict=True):
                period = periods[index]
                if meter.automated:
                    when = midnight[index] + minutes[zero + int(random_() * 90)]
                    yield row_id, meter_id, period, value, "askue", when, "АСКУЭ"
                    row_id += 1
                    continue
                # 08:00–21:59 on one of the days from the 25th to the 2nd.
                offset = zero + (int(random_() * 9) - 6) * 1440 + 480 + int(random_() * 840)
                when = midnight[index] + minutes[offset]
                if (
                    access is not None
                    and portal_from is not None
                    and reference_midnight[index] + minutes[offset] > portal_from
                    and random_() < 0.85
                ):
                    source, by = "portal", access.login
                elif random_() < 0.35:
                    source, by = "inspector", _pick(random_, inspectors)
                    when = midnight[index] + minutes[zero + int(random_() * 6) * 1440 + 660]
                else:
                    source, by = "billing", _pick(random_, operators)
                    when = midnight[index] + minutes[zero + (1 + int(random_() * 4)) * 1440 + 900]
                yield row_id, meter_id, period, value, source, when, by
                row_id += 1
        stage.advance()


def _pick(random_: Any, items: tuple[str, ...]) -> str:
    return items[int(random_() * len(items))]


# --- Charges ---------------------------------------------------------------------------------


@dataclass(slots=True)
class MonthTotals:
    """A contract's billed months (amount and VAT per period index), kept between stages."""

    amounts: list[Decimal]
    vats: list[Decimal]

    def months(self) -> Iterator[tuple[int, Decimal, Decimal]]:
        for index, amount in enumerate(self.amounts):
            if amount:
                yield index, amount, self.vats[index]


def price_table(
    tariffs: TariffTable, calendar: BillingCalendar = REFERENCE_CALENDAR
) -> dict[tuple[int, str], tuple[Decimal, ...]]:
    """Price per kWh by (category, voltage), indexed like BILLING_PERIODS."""
    return {
        (category, voltage): tuple(
            tariffs[(p, category, voltage)].price_kwh for p in calendar.billing_periods
        )
        for category in range(1, 7)
        for voltage in VOLTAGES
    }


def charge_rows(
    seed: int,
    full: list[ContractSpec],
    tariffs: TariffTable,
    totals: dict[int, MonthTotals],
    *,
    first_id: int,
    stage: Stage,
    calendar: BillingCalendar = REFERENCE_CALENDAR,
) -> Iterator[tuple[Any, ...]]:
    """One charge line per metering point and month: volume = register difference (mod
    10^digits) × multiplier, at the month's final price; fills ``totals`` for the invoices
    and payments stages."""
    prices = price_table(tariffs, calendar)
    periods, month_names = calendar.periods, calendar.month_names
    vat_rates, vat_shares = calendar.vat_rates, calendar.vat_shares
    zero = Decimal(0)
    row_id = first_id
    for contract in full:
        span = reading_span(contract, full=True)
        amounts = [zero] * len(BILLING_PERIODS)
        vats = [zero] * len(BILLING_PERIODS)
        contract_id = contract.id
        for point in contract.points:
            meter = point.meter
            values = meter_series(seed, contract, point, span, calendar)
            modulus = Decimal(10**meter.digits)
            multiplier = meter.multiplier
            point_prices = prices[(contract.price_category, point.voltage)]
            for k in range(len(values) - 1):
                difference = values[k + 1] - values[k]
                if difference < 0:  # the register rolled over (Decimal's % keeps the sign)
                    difference += modulus
                if not difference:
                    continue  # nothing consumed (supply cut off): no line
                index = span[k]
                volume = difference * multiplier
                price = point_prices[index]
                amount = (volume * price).quantize(CENT, ROUND_HALF_UP)
                vat = (amount * vat_shares[index]).quantize(CENT, ROUND_HALF_UP)
                yield (
                    row_id,
                    contract_id,
                    point.id,
                    periods[index],
                    f"Электрическая энергия за {month_names[index]}, {point.code}",
                    volume,
                    price,
                    amount,
                    vat_rates[index],
                    vat,
                    amount + vat,
                )
                row_id += 1
                amounts[index] += amount
                vats[index] += vat
        totals[contract.index] = MonthTotals(amounts, vats)
        stage.advance()


# --- Invoices --------------------------------------------------------------------------------


def invoice_rows(
    full: list[ContractSpec],
    totals: dict[int, MonthTotals],
    first_id: int,
    stage: Stage,
    *,
    calendar: BillingCalendar = REFERENCE_CALENDAR,
) -> Iterator[tuple[Any, ...]]:
    """A счёт (for payment) and a счёт-фактура per contract and billed month.

    Both carry the VAT rate of the month supplied, not of the day issued: December 2025 is
    invoiced in January 2026 at 20 %.
    """
    dates = [
        (
            add_months(p, 1).replace(day=3),
            add_months(p, 1).replace(day=18),
            month_end(p),
            f"{p:%y%m}",
            f"{p:%m%y}",
        )
        for p in calendar.billing_periods
    ]
    periods, vat_rates = calendar.periods, calendar.vat_rates
    serials = [0] * len(BILLING_PERIODS)
    row_id = first_id
    for contract in full:
        for index, amount, vat in totals[contract.index].months():
            serials[index] += 1
            serial = serials[index]
            issued_on, due_on, last_day, yymm, mmyy = dates[index]
            period, rate, total = periods[index], vat_rates[index], amount + vat
            yield (
                row_id,
                contract.id,
                "invoice",
                f"{yymm}-{serial:06d}",
                issued_on,
                due_on,
                period,
                amount,
                rate,
                vat,
                total,
            )
            yield (
                row_id + 1,
                contract.id,
                "vat_invoice",
                f"{serial:06d}/{mmyy}",
                last_day,
                None,
                period,
                amount,
                rate,
                vat,
                total,
            )
            row_id += 2
        stage.advance()


# --- Payments --------------------------------------------------------------------------------

# How a contract pays: on schedule, in one sum, late, short (debt) or rounded up (credit).
PAYER_PROFILES = ("schedule", "lump", "late", "short", "over")
PAYER_WEIGHTS = (55, 20, 10, 8, 7)
_PAYER = Weighted(PAYER_PROFILES, PAYER_WEIGHTS)
FIRST_SHARE, SECOND_SHARE = Decimal("0.30"), Decimal("0.40")
LATE_DAYS = (0, 0, 3, 7, 15, 30, 45)
THOUSAND = Decimal(1000)


def _round_up_thousands(amount: Decimal) -> Decimal:
    return (amount / THOUSAND).to_integral_value(rounding=ROUND_CEILING) * THOUSAND


def payment_rows(
    seed: int,
    full: list[ContractSpec],
    totals: dict[int, MonthTotals],
    first_id: int,
    stage: Stage,
    *,
    calendar: BillingCalendar = REFERENCE_CALENDAR,
) -> Iterator[tuple[Any, ...]]:
    """Payments after the schedule: 30 % by the 10th, 40 % by the 25th, the rest by the 18th
    of the next month; the current month's advances are taken from the last bill. Some
    payers pay once a month, some late or short (debt), some round up (credit)."""
    periods, month_names, vat_rates = calendar.periods, calendar.month_names, calendar.vat_rates
    tenth = [p.replace(day=10) for p in periods]
    twenty_fifth = [p.replace(day=25) for p in periods]
    eighteenth = [add_months(p, 1).replace(day=18) for p in periods]
    days = [timedelta(days=d) for d in range(60)]
    current = PERIOD_INDEX[month_start(TODAY)]  # the same index in every calendar
    today = calendar.today
    row_id = first_id
    for contract in full:
        rng = random.Random(f"{seed}:payments:{contract.index}")
        random_ = rng.random
        profile = _PAYER(rng)
        document = 1 + int(random_() * 900)
        basis = f"Оплата электроэнергии по договору энергоснабжения № {contract.number} за "
        planned: list[tuple[date, Decimal, int, str]] = []
        months = list(totals[contract.index].months())
        for index, amount, vat in months:
            total = amount + vat
            if profile == "lump":
                when = eighteenth[index] - days[int(random_() * 7)]
                planned.append((when, total, index, "оплата по счёту"))
                continue
            first = (total * FIRST_SHARE).quantize(CENT, ROUND_HALF_UP)
            second = (total * SECOND_SHARE).quantize(CENT, ROUND_HALF_UP)
            planned.append(
                (tenth[index] - days[int(random_() * 5)], first, index, "промежуточный платёж 30 %")
            )
            planned.append(
                (
                    twenty_fifth[index] - days[int(random_() * 5)],
                    second,
                    index,
                    "промежуточный платёж 40 %",
                )
            )
            planned.append(
                (
                    eighteenth[index] - days[int(random_() * 6)],
                    total - first - second,
                    index,
                    "окончательный расчёт",
                )
            )
        if months and contract.status == "active" and profile != "lump":
            last = months[-1][1] + months[-1][2]
            for share, when, what in (
                (FIRST_SHARE, tenth[current], "промежуточный платёж 30 %"),
                (SECOND_SHARE, twenty_fifth[current], "промежуточный платёж 40 %"),
            ):
                planned.append(
                    (
                        when,
                        (last * share).quantize(CENT, ROUND_HALF_UP),
                        current,
                        f"{what} (по счёту прошлого месяца)",
                    )
                )
        for planned_on, planned_amount, index, what in planned:
            when, amount = planned_on, planned_amount
            if profile == "late":
                when += days[LATE_DAYS[int(random_() * len(LATE_DAYS))]]
                if random_() < 0.04:
                    continue  # never paid: a debt
            elif profile == "short":
                amount = (amount * (85 + int(random_() * 16)) / 100).quantize(CENT, ROUND_HALF_UP)
            elif profile == "over":
                amount = _round_up_thousands(amount)
            if when > today or amount <= 0:
                continue
            document += 1 + int(random_() * 12)
            rate = vat_rates[index]
            vat = (amount * rate / (100 + rate)).quantize(CENT, ROUND_HALF_UP)
            purpose = (
                f"{basis}{month_names[index]}, {what}. В т. ч. НДС ({rate:.0f} %) "
                f"{rubles(vat)} руб."
            )
            yield row_id, contract.id, when, str(document), amount, purpose, periods[index]
            row_id += 1
        stage.advance()
