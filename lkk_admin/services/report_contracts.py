"""Finding the contract a report is about, as a clerk on the phone would: by ИНН, by the
customer's name, or by the contract number (typed loosely), and what months it has data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select, union
from sqlalchemy.orm import Session

from lkk_admin.models import (
    Charge,
    ConsumptionObject,
    Contract,
    Counterparty,
    Meter,
    MeteringPoint,
    MeterReading,
)
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.reports.contracts import add_months, find_contract

MIN_SEARCH_LENGTH = 2
SEARCH_LIMIT = 50


@dataclass(frozen=True, slots=True)
class ContractChoice:
    number: str
    counterparty: str
    inn: str
    kpp: str | None
    status: str
    price_category: int


@dataclass(frozen=True, slots=True)
class ContractSearch:
    choices: list[ContractChoice]
    more: bool  # there were more than the list shows: type more of the name or number


def _matching_contract_ids(term: str) -> ColumnElement[bool]:
    """Contract ids by number prefix, or by their owner's ИНН prefix or name: each an
    indexed subquery of its own (an OR across the join would scan every contract)."""
    by_number = select(Contract.id).where(
        Contract.number_normalized.like(f"{normalize_contract_number(term)}%")
    )
    compact = term.replace(" ", "")
    if compact.isdigit():
        owners = select(Counterparty.id).where(Counterparty.inn.like(f"{compact}%"))
    else:
        like = f"%{term.lower()}%"
        owners = select(Counterparty.id).where(
            or_(
                func.lower(Counterparty.short_name).like(like),
                func.lower(Counterparty.full_name).like(like),
            )
        )
    by_owner = select(Contract.id).where(Contract.counterparty_id.in_(owners))
    return Contract.id.in_(union(by_number, by_owner))


def find_contracts(session: Session, text: str, limit: int = SEARCH_LIMIT) -> ContractSearch:
    """Contracts matching what was typed, active ones first; none for under two letters."""
    term = text.strip()
    if len(term) < MIN_SEARCH_LENGTH:
        return ContractSearch([], more=False)
    rows = session.execute(
        select(
            Contract.number,
            Counterparty.short_name,
            Counterparty.inn,
            Counterparty.kpp,
            Contract.status,
            Contract.price_category,
        )
        .join(Counterparty, Contract.counterparty_id == Counterparty.id)
        .where(_matching_contract_ids(term))
        .order_by(Contract.status != "active", Counterparty.short_name, Contract.number)
        .limit(limit + 1)
    ).all()
    choices = [ContractChoice(*row) for row in rows[:limit]]
    return ContractSearch(choices, more=len(rows) > limit)


@dataclass(frozen=True, slots=True)
class Months:
    first: date
    last: date

    def latest(self, count: int = 12) -> tuple[date, date]:
        """The latest ``count`` months (fewer if there are fewer)."""
        return max(self.first, add_months(self.last, 1 - count)), self.last


@dataclass(frozen=True, slots=True)
class DataSpan:
    """The months a contract has charges (statement) and consumption (report) for."""

    billed: Months | None
    metered: Months | None

    def for_report(self, kind: str) -> Months | None:
        """The months a report of ``kind`` can show: the tariff certificate follows the
        bills, else the readings (its prices are published for every month)."""
        if kind == "statement":
            return self.billed
        if kind == "consumption":
            return self.metered
        return self.billed or self.metered


def data_span(session: Session, contract_number: str) -> DataSpan:
    contract = find_contract(session, contract_number)
    charges = select(func.min(Charge.period), func.max(Charge.period)).where(
        Charge.contract_id == contract.id
    )
    readings = (
        select(func.min(MeterReading.period), func.max(MeterReading.period))
        .join(Meter, MeterReading.meter_id == Meter.id)
        .join(MeteringPoint, Meter.metering_point_id == MeteringPoint.id)
        .join(ConsumptionObject, MeteringPoint.consumption_object_id == ConsumptionObject.id)
        .where(ConsumptionObject.contract_id == contract.id)
    )
    billed_first, billed_last = session.execute(charges).one()
    read_first, read_last = session.execute(readings).one()
    billed = Months(billed_first, billed_last) if billed_first is not None else None
    # A month's consumption needs the reading on the 1st of the next month too.
    metered = (
        Months(read_first, add_months(read_last, -1))
        if read_first is not None and read_last > read_first
        else None
    )
    return DataSpan(billed, metered)
