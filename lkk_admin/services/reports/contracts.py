"""What every report starts from: the contract found by its number, its owner, the months.

Periods are whole months, each named by its first day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkk_admin.models import Contract, Counterparty
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.reports.document import Requisites
from lkk_admin.services.reports.formatting import day, month

# The months a report may cover: the desks' month fields start at 2000 (views/reports), and
# an end far beyond any contract would only overflow the calendar (year 10000).
EARLIEST_MONTH = date(2000, 1, 1)
LATEST_MONTH = date(2099, 12, 1)


def add_months(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """Every month from ``first`` to ``last`` inclusive."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [add_months(first, i) for i in range(count)]


def _numeric(day: date) -> str:
    return f"{day.month:02}.{day.year:04}"


def checked_period(first: date, last: date) -> tuple[date, date]:
    """The period as first days of months; ``DomainError`` when it runs backwards or
    beyond :data:`EARLIEST_MONTH` … :data:`LATEST_MONTH`."""
    first, last = first.replace(day=1), last.replace(day=1)
    for end in (first, last):
        if not EARLIEST_MONTH <= end <= LATEST_MONTH:
            raise DomainError(
                f"Месяц {_numeric(end)} вне допустимого периода отчётов: "
                f"с {_numeric(EARLIEST_MONTH)} по {_numeric(LATEST_MONTH)}.",
                code="BAD_PERIOD",
            )
    if last < first:
        raise DomainError(
            f"Начало периода ({month(first)}) позже его конца ({month(last)}).",
            code="BAD_PERIOD",
        )
    return first, last


@dataclass(frozen=True, slots=True)
class ContractFacts:
    """The contract a report is about, read once and detached from the session."""

    id: int
    number: str
    price_category: int
    requisites: Requisites
    valid_from: date
    valid_until: date | None = None  # the earlier of its end date and its termination

    def term_text(self) -> str:
        """«с 03.04.2026» or «с 03.04.2026 по 31.12.2026»."""
        text = f"с {day(self.valid_from)}"
        return text if self.valid_until is None else f"{text} по {day(self.valid_until)}"


def in_force(contract: ContractFacts, first: date, last: date) -> tuple[date, date]:
    """The months of ``first`` … ``last`` in which the contract was in force (a month it
    starts or ends in counts); ``DomainError`` when there is none."""
    starts = contract.valid_from.replace(day=1)
    ends = contract.valid_until.replace(day=1) if contract.valid_until is not None else None
    clipped = max(first, starts), last if ends is None else min(last, ends)
    if clipped[1] < clipped[0]:
        raise DomainError(
            f"Договор № {contract.number} действует {contract.term_text()}; в запрошенном "
            f"периоде ({month(first)} — {month(last)}) нет ни одного месяца его действия. "
            "Отчёт не сформирован.",
            code="OUTSIDE_TERM",
        )
    return clipped


def find_contract(session: Session, number: str) -> ContractFacts:
    """The contract by its number as printed, else as typed (case, dashes, look-alikes)."""
    wanted = number.strip()
    query = select(Contract, Counterparty).join(
        Counterparty, Contract.counterparty_id == Counterparty.id
    )
    found = session.execute(query.where(Contract.number == wanted)).first()
    if found is None:
        similar = session.execute(
            query.where(Contract.number_normalized == normalize_contract_number(wanted)).limit(2)
        ).all()
        found = similar[0] if len(similar) == 1 else None
    if found is None:
        raise NotFoundError(f"Договор № {wanted} не найден.", code="CONTRACT_NOT_FOUND")
    contract, owner = found[0], found[1]
    ends = [end for end in (contract.valid_to, contract.terminated_on) if end is not None]
    return ContractFacts(
        id=contract.id,
        number=contract.number,
        price_category=contract.price_category,
        requisites=Requisites(
            counterparty_name=owner.full_name or owner.short_name,
            inn=owner.inn,
            kpp=owner.kpp,
            address=owner.legal_address,
            contract_number=contract.number,
            contract_signed_on=contract.signed_on,
        ),
        valid_from=contract.valid_from,
        valid_until=min(ends) if ends else None,
    )


def no_data(contract: ContractFacts, what: str, first: date, last: date) -> DomainError:
    """The refusal for a period with nothing to report (no PDF is made)."""
    return DomainError(
        f"По договору № {contract.number} нет {what} за период "
        f"{month(first)} — {month(last)}. Отчёт не сформирован.",
        code="NO_DATA",
    )
