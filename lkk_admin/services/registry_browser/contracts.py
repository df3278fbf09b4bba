"""One contract as the registry browser opens it: header, equipment, money by month.

Equipment is the contract's consumption objects → metering points → meters, with each
meter's verification (поверка) judged against ``today``. Money is capped at the
:data:`BALANCE_MONTHS` months up to the latest month with any charge, payment or invoice:
the charge, payment and invoice lists hold those months only (most recent first), and the
month-by-month balance starts from the debt carried over from everything before them.

A month's charges are its charge lines (with VAT); its payments are those made for it
(the payment's period) or, where a payment names no period, those paid within it; its
invoiced total counts the счета for payment only (each month also has a счёт-фактура for
the same sum). The balance is the debt: positive when the customer owes, negative when it
has paid ahead. Five short statements, none of them per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.models import (
    Charge,
    ConsumptionObject,
    Contract,
    Counterparty,
    Invoice,
    Meter,
    MeteringPoint,
    Payment,
)
from lkk_admin.services.errors import NotFoundError
from lkk_admin.services.reports.contracts import add_months, months_between

BALANCE_MONTHS = 36
VERIFICATION_WARNING_DAYS = 90
ZERO = Decimal("0.00")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class MeterInfo:
    id: int
    serial: str
    model: str
    accuracy_class: str
    register_digits: int
    ct_ratio: int
    vt_ratio: int
    multiplier: int
    is_automated: bool
    installed_on: date
    verified_on: date
    next_verification_on: date
    removed_on: date | None
    # Of a meter in service, against ``today``: past due, or due within 90 days.
    verification_overdue: bool
    verification_due_soon: bool


@dataclass(frozen=True)
class PointInfo:
    id: int
    code: str
    name: str
    voltage_level: str
    max_power_kw: Decimal
    tariff_zones: int
    meters: tuple[MeterInfo, ...]  # oldest installation first


@dataclass(frozen=True)
class ObjectInfo:
    id: int
    name: str
    address: str
    points: tuple[PointInfo, ...]


@dataclass(frozen=True)
class BalanceMonth:
    period: date
    charged: Decimal
    paid: Decimal
    invoiced: Decimal
    balance: Decimal  # the debt at the month's end: positive owed, negative paid ahead


@dataclass(frozen=True)
class ChargeItem:
    id: int
    period: date
    point_code: str | None
    description: str
    volume_kwh: Decimal
    price: Decimal
    amount: Decimal
    vat_rate: Decimal
    vat_amount: Decimal
    total: Decimal


@dataclass(frozen=True)
class PaymentItem:
    id: int
    paid_on: date
    period: date | None  # the month it was meant for, if stated
    document_number: str
    amount: Decimal
    purpose: str


@dataclass(frozen=True)
class InvoiceItem:
    id: int
    kind: str  # invoice (счёт) | vat_invoice (счёт-фактура)
    number: str
    issued_on: date
    due_on: date | None
    period: date
    amount: Decimal
    vat_rate: Decimal
    vat_amount: Decimal
    total: Decimal


@dataclass(frozen=True)
class ContractDetail:
    id: int
    number: str
    counterparty_id: int
    counterparty_name: str
    inn: str
    kpp: str | None
    signed_on: date
    valid_from: date
    valid_to: date | None
    status: str
    terminated_on: date | None
    price_category: int
    max_power_kw: Decimal
    objects: tuple[ObjectInfo, ...]
    since: date | None  # the first month of the money below; None: no billing at all
    opening_balance: Decimal  # the debt carried over from before ``since``
    months: tuple[BalanceMonth, ...]  # oldest first, every month from ``since``
    charges: tuple[ChargeItem, ...]  # most recent first, from ``since`` on
    payments: tuple[PaymentItem, ...]
    invoices: tuple[InvoiceItem, ...]

    @property
    def closing_balance(self) -> Decimal:
        return self.months[-1].balance if self.months else self.opening_balance


def _money(value: Any) -> Decimal:
    # SQLite keeps NUMERIC as REAL: round back to kopecks.
    return Decimal(value if value is not None else 0).quantize(_CENT, ROUND_HALF_UP)


def _exact(value: Any, places: str) -> Decimal:
    return Decimal(value).quantize(Decimal(places), ROUND_HALF_UP)


def _of_contract(scalar: ColumnElement[Any], contract_column: Any) -> ColumnElement[Any]:
    return (
        select(scalar).where(contract_column == Contract.id).correlate(Contract).scalar_subquery()
    )


_paid_for_month = func.coalesce(Payment.period, Payment.paid_on)

# The header, with the latest month of each kind of money and the all-time sums (the
# opening balance is these less the months shown).
_HEADER = (
    select(
        Contract.id,
        Contract.number,
        Contract.counterparty_id,
        Counterparty.short_name,
        Counterparty.inn,
        Counterparty.kpp,
        Contract.signed_on,
        Contract.valid_from,
        Contract.valid_to,
        Contract.status,
        Contract.terminated_on,
        Contract.price_category,
        Contract.max_power_kw,
        _of_contract(func.max(Charge.period), Charge.contract_id).label("last_charge"),
        _of_contract(func.max(Invoice.period), Invoice.contract_id).label("last_invoice"),
        _of_contract(func.max(_paid_for_month), Payment.contract_id).label("last_payment"),
        _of_contract(func.sum(Charge.total), Charge.contract_id).label("all_charged"),
        _of_contract(func.sum(Payment.amount), Payment.contract_id).label("all_paid"),
    )
    .join(Counterparty, Counterparty.id == Contract.counterparty_id)
    .where(Contract.id == bindparam("id"))
)
_EQUIPMENT = (
    select(
        ConsumptionObject.id.label("object_id"),
        ConsumptionObject.name.label("object_name"),
        ConsumptionObject.address,
        MeteringPoint.id.label("point_id"),
        MeteringPoint.code,
        MeteringPoint.name.label("point_name"),
        MeteringPoint.voltage_level,
        MeteringPoint.max_power_kw,
        MeteringPoint.tariff_zones,
        Meter.id.label("meter_id"),
        Meter.serial,
        Meter.model,
        Meter.accuracy_class,
        Meter.register_digits,
        Meter.ct_ratio,
        Meter.vt_ratio,
        Meter.is_automated,
        Meter.installed_on,
        Meter.verified_on,
        Meter.next_verification_on,
        Meter.removed_on,
    )
    .outerjoin(MeteringPoint, MeteringPoint.consumption_object_id == ConsumptionObject.id)
    .outerjoin(Meter, Meter.metering_point_id == MeteringPoint.id)
    .where(ConsumptionObject.contract_id == bindparam("id"))
    .order_by(
        ConsumptionObject.name,
        ConsumptionObject.id,
        MeteringPoint.code,
        Meter.installed_on,
        Meter.id,
    )
)
_CHARGES = (
    select(
        Charge.id,
        Charge.period,
        MeteringPoint.code,
        Charge.description,
        Charge.volume_kwh,
        Charge.price,
        Charge.amount,
        Charge.vat_rate,
        Charge.vat_amount,
        Charge.total,
    )
    .outerjoin(MeteringPoint, MeteringPoint.id == Charge.metering_point_id)
    .where(Charge.contract_id == bindparam("id"), Charge.period >= bindparam("since"))
    .order_by(Charge.period.desc(), Charge.id.desc())
)
_PAYMENTS = (
    select(
        Payment.id,
        Payment.paid_on,
        Payment.period,
        Payment.document_number,
        Payment.amount,
        Payment.purpose,
    )
    .where(Payment.contract_id == bindparam("id"), _paid_for_month >= bindparam("since"))
    .order_by(Payment.paid_on.desc(), Payment.id.desc())
)
_INVOICES = (
    select(
        Invoice.id,
        Invoice.kind,
        Invoice.number,
        Invoice.issued_on,
        Invoice.due_on,
        Invoice.period,
        Invoice.amount,
        Invoice.vat_rate,
        Invoice.vat_amount,
        Invoice.total,
    )
    .where(Invoice.contract_id == bindparam("id"), Invoice.period >= bindparam("since"))
    .order_by(Invoice.period.desc(), Invoice.issued_on.desc(), Invoice.id.desc())
)


def contract_detail(
    session: Session, contract_id: int, *, today: date | None = None
) -> ContractDetail:
    """The contract's header, equipment and money (see the module's docstring for the
    :data:`BALANCE_MONTHS` cap); ``NotFoundError`` if there is no such contract."""
    today = today or date.today()
    header = run(session, _HEADER, {"id": contract_id}).one_or_none()
    if header is None:
        raise NotFoundError(f"Договор № {contract_id} не найден в реестре.")
    objects = _equipment(run(session, _EQUIPMENT, {"id": contract_id}).all(), today)
    latest = [d for d in (header.last_charge, header.last_invoice, header.last_payment) if d]
    since: date | None = None
    months: tuple[BalanceMonth, ...] = ()
    charges: tuple[ChargeItem, ...] = ()
    payments: tuple[PaymentItem, ...] = ()
    invoices: tuple[InvoiceItem, ...] = ()
    opening = _money(header.all_charged) - _money(header.all_paid)
    if latest:
        last = max(latest).replace(day=1)
        since = add_months(last, -(BALANCE_MONTHS - 1))
        params = {"id": contract_id, "since": since}
        charges = tuple(_charge(r) for r in run(session, _CHARGES, params))
        payments = tuple(_payment(r) for r in run(session, _PAYMENTS, params))
        invoices = tuple(_invoice(r) for r in run(session, _INVOICES, params))
        opening -= sum((c.total for c in charges), ZERO) - sum((p.amount for p in payments), ZERO)
        months = _balance(months_between(since, last), opening, charges, payments, invoices)
    return ContractDetail(
        id=header.id,
        number=header.number,
        counterparty_id=header.counterparty_id,
        counterparty_name=header.short_name,
        inn=header.inn,
        kpp=header.kpp,
        signed_on=header.signed_on,
        valid_from=header.valid_from,
        valid_to=header.valid_to,
        status=header.status,
        terminated_on=header.terminated_on,
        price_category=int(header.price_category),
        max_power_kw=_exact(header.max_power_kw, "0.01"),
        objects=objects,
        since=since,
        opening_balance=opening,
        months=months,
        charges=charges,
        payments=payments,
        invoices=invoices,
    )


def _balance(
    periods: list[date],
    opening: Decimal,
    charges: tuple[ChargeItem, ...],
    payments: tuple[PaymentItem, ...],
    invoices: tuple[InvoiceItem, ...],
) -> tuple[BalanceMonth, ...]:
    charged: dict[date, Decimal] = defaultdict(lambda: ZERO)
    paid: dict[date, Decimal] = defaultdict(lambda: ZERO)
    invoiced: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for charge in charges:
        charged[charge.period.replace(day=1)] += charge.total
    for payment in payments:
        paid[(payment.period or payment.paid_on).replace(day=1)] += payment.amount
    for invoice in invoices:
        if invoice.kind == "invoice":
            invoiced[invoice.period.replace(day=1)] += invoice.total
    balance = opening
    months = []
    for period in periods:
        balance += charged[period] - paid[period]
        months.append(
            BalanceMonth(period, charged[period], paid[period], invoiced[period], balance)
        )
    return tuple(months)


def _charge(r: Any) -> ChargeItem:
    return ChargeItem(
        id=r.id,
        period=r.period,
        point_code=r.code,
        description=r.description,
        volume_kwh=_exact(r.volume_kwh, "0.001"),
        price=_exact(r.price, "0.00001"),
        amount=_money(r.amount),
        vat_rate=_exact(r.vat_rate, "0.01"),
        vat_amount=_money(r.vat_amount),
        total=_money(r.total),
    )


def _payment(r: Any) -> PaymentItem:
    return PaymentItem(r.id, r.paid_on, r.period, r.document_number, _money(r.amount), r.purpose)


def _invoice(r: Any) -> InvoiceItem:
    return InvoiceItem(
        id=r.id,
        kind=r.kind,
        number=r.number,
        issued_on=r.issued_on,
        due_on=r.due_on,
        period=r.period,
        amount=_money(r.amount),
        vat_rate=_exact(r.vat_rate, "0.01"),
        vat_amount=_money(r.vat_amount),
        total=_money(r.total),
    )


def _meter(r: Any, today: date) -> MeterInfo:
    in_service = r.removed_on is None or r.removed_on > today
    due = r.next_verification_on
    return MeterInfo(
        id=r.meter_id,
        serial=r.serial,
        model=r.model,
        accuracy_class=r.accuracy_class,
        register_digits=int(r.register_digits),
        ct_ratio=int(r.ct_ratio),
        vt_ratio=int(r.vt_ratio),
        multiplier=int(r.ct_ratio) * int(r.vt_ratio),
        is_automated=bool(r.is_automated),
        installed_on=r.installed_on,
        verified_on=r.verified_on,
        next_verification_on=due,
        removed_on=r.removed_on,
        verification_overdue=in_service and due < today,
        verification_due_soon=in_service
        and today <= due <= today + timedelta(days=VERIFICATION_WARNING_DAYS),
    )


def _equipment(records: Sequence[Any], today: date) -> tuple[ObjectInfo, ...]:
    objects: dict[int, tuple[Any, dict[int, tuple[Any, list[MeterInfo]]]]] = {}
    for r in records:
        _first, points = objects.setdefault(r.object_id, (r, {}))
        if r.point_id is None:
            continue
        _point, meters = points.setdefault(r.point_id, (r, []))
        if r.meter_id is not None:
            meters.append(_meter(r, today))
    return tuple(
        ObjectInfo(
            id=o.object_id,
            name=o.object_name,
            address=o.address,
            points=tuple(
                PointInfo(
                    id=p.point_id,
                    code=p.code,
                    name=p.point_name,
                    voltage_level=p.voltage_level,
                    max_power_kw=_exact(p.max_power_kw, "0.01"),
                    tariff_zones=int(p.tariff_zones),
                    meters=tuple(meters),
                )
                for p, meters in points.values()
            ),
        )
        for o, points in objects.values()
    )
