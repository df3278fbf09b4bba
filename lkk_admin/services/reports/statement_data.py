"""The figures of a settlement statement, read from the database with exact Decimal sums.

The balance is the customer's debt: charges (with VAT) minus payments. A month's charges
are the charge lines of that supply period; a month's payments are those paid within its
calendar days, so the closing balance of the last month is the debt on its last day.
VAT is taken from the charge lines (each carries the rate of its supply month), never
recomputed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkk_admin.models import Charge, Payment
from lkk_admin.models.base import table_of
from lkk_admin.services.reports.contracts import (
    add_months,
    checked_period,
    find_contract,
    months_between,
    no_data,
)
from lkk_admin.services.reports.document import Requisites

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
KWH = Decimal("0.001")


@dataclass(slots=True)
class MonthLine:
    period: date
    opening: Decimal = ZERO
    volume: Decimal = Decimal("0.000")
    amount: Decimal = ZERO
    vat: Decimal = ZERO
    total: Decimal = ZERO
    vat_rates: set[Decimal] = field(default_factory=set)
    paid: Decimal = ZERO
    closing: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class PaymentLine:
    paid_on: date
    document_number: str
    amount: Decimal
    purpose: str


@dataclass(slots=True)
class StatementData:
    requisites: Requisites
    first: date
    last: date
    months: list[MonthLine]
    payments: list[PaymentLine]
    opening: Decimal
    vat_by_rate: dict[Decimal, Decimal]

    @property
    def closing(self) -> Decimal:
        return self.months[-1].closing

    def sum_of(self, name: str) -> Decimal:
        """A period total of a month column: volume, amount, vat, total or paid."""
        values: Iterable[Decimal] = (getattr(line, name) for line in self.months)
        return sum(values, Decimal("0.000") if name == "volume" else ZERO)


def _cents(value: Decimal) -> Decimal:
    # SQLite keeps NUMERIC as REAL: a stored 0.1 may come back as 0.1000000000000000055…
    return value.quantize(CENT, ROUND_HALF_UP)


def load_statement(
    session: Session, contract_number: str, first: date, last: date
) -> StatementData:
    first, last = checked_period(first, last)
    contract = find_contract(session, contract_number)
    end = add_months(last, 1)  # the first day after the period
    charge, payment = table_of(Charge), table_of(Payment)

    charges = session.execute(
        select(
            charge.c.period,
            charge.c.volume_kwh,
            charge.c.amount,
            charge.c.vat_rate,
            charge.c.vat_amount,
            charge.c.total,
        ).where(charge.c.contract_id == contract.id, charge.c.period < end)
    ).all()
    payments = session.execute(
        select(payment.c.paid_on, payment.c.document_number, payment.c.amount, payment.c.purpose)
        .where(payment.c.contract_id == contract.id, payment.c.paid_on < end)
        .order_by(payment.c.paid_on, payment.c.document_number, payment.c.id)
    ).all()

    months = {period: MonthLine(period) for period in months_between(first, last)}
    opening = ZERO
    vat_by_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    in_period = False
    for period, volume_kwh, amount, rate, vat, total in charges:
        if period < first:
            opening += _cents(total)
            continue
        in_period = True
        line = months[period.replace(day=1)]
        line.volume += volume_kwh.quantize(KWH, ROUND_HALF_UP)
        line.amount += _cents(amount)
        line.vat += _cents(vat)
        line.total += _cents(total)
        line.vat_rates.add(rate.quantize(CENT))
        vat_by_rate[rate.quantize(CENT)] += _cents(vat)
    lines: list[PaymentLine] = []
    for paid_on, document_number, amount, purpose in payments:
        if paid_on < first:
            opening -= _cents(amount)
            continue
        in_period = True
        months[paid_on.replace(day=1)].paid += _cents(amount)
        lines.append(PaymentLine(paid_on, document_number, _cents(amount), purpose))
    if not in_period:
        raise no_data(contract, "начислений и оплат", first, last)

    balance = opening
    for line in months.values():
        line.opening = balance
        balance = balance + line.total - line.paid
        line.closing = balance
    return StatementData(
        contract.requisites, first, last, list(months.values()), lines, opening, dict(vat_by_rate)
    )
