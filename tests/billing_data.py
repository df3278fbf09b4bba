"""A contract billed month by month with payments: the settlement statement's world."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import Charge, Payment
from lkk_admin.services.reports.contracts import add_months
from tests import factories

CENT = Decimal("0.01")
NUMBER = "Д-101/2025"


def vat_rate(period: date) -> Decimal:
    return Decimal("22.00") if period >= date(2026, 1, 1) else Decimal("20.00")


def add_charge(session: Session, contract_id: int, period: date, volume: str, price: str) -> None:
    amount = (Decimal(volume) * Decimal(price)).quantize(CENT, ROUND_HALF_UP)
    rate = vat_rate(period)
    vat = (amount * rate / 100).quantize(CENT, ROUND_HALF_UP)
    session.add(
        Charge(
            contract_id=contract_id,
            period=period,
            description=f"Электроэнергия за {period:%m.%Y}",
            volume_kwh=Decimal(volume),
            price=Decimal(price),
            amount=amount,
            vat_rate=rate,
            vat_amount=vat,
            total=amount + vat,
        )
    )


def add_payment(
    session: Session, contract_id: int, paid_on: date, number: str, amount: str
) -> None:
    session.add(
        Payment(
            contract_id=contract_id,
            paid_on=paid_on,
            document_number=number,
            amount=Decimal(amount),
            purpose=f"Оплата по договору № {NUMBER}",
        )
    )


def craft(factory: sessionmaker[Session], months: int = 6, start: date = date(2025, 9, 1)) -> int:
    """A contract billed from ``start`` for ``months`` months (two lines a month), paying
    three times a month; returns the contract id."""
    with factory() as session:
        owner = factories.counterparty(session, short_name="ООО «Рога & Копыта»")
        contract = factories.contract(session, owner, NUMBER)
        for index in range(months):
            period = add_months(start, index)
            add_charge(session, contract.id, period, f"{1200 + index * 7}.5", "9.41237")
            add_charge(session, contract.id, period, "333", "8.10001")
            for day_, share in ((10, "3100.10"), (25, "4000.00"), (28, "2500.33")):
                add_payment(session, contract.id, period.replace(day=day_), f"{index}{day_}", share)
        session.commit()
        return contract.id
