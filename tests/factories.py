"""Small builders of registry rows and registrations for tests that craft their own data."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from lkk_admin.models import Contract, ContractAccess, Counterparty, RegistrationRequest
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.intake import RegistrationForm, confirm_email, submit_registration

ROMASHKA_INN = "7706107510"
ROMASHKA_KPP = "770601001"
VASILEK_INN = "7707083893"
IP_INN = "500100732259"
UNKNOWN_VALID_INN = "7736050003"

_numbers = itertools.count(1)


def counterparty(
    session: Session,
    *,
    inn: str = ROMASHKA_INN,
    kpp: str | None = ROMASHKA_KPP,
    short_name: str = "ООО «Ромашка»",
    full_name: str | None = None,
    org_type: str = "legal_entity",
) -> Counterparty:
    row = Counterparty(
        inn=inn,
        kpp=kpp,
        ogrn=None,
        org_type=org_type,
        short_name=short_name,
        full_name=full_name or short_name,
        legal_address="143401, Московская обл., г. Красногорск, ул. Ленина, д. 1",
    )
    session.add(row)
    session.flush()
    return row


def contract(
    session: Session, owner: Counterparty, number: str, *, status: str = "active"
) -> Contract:
    row = Contract(
        number=number,
        number_normalized=normalize_contract_number(number),
        counterparty_id=owner.id,
        signed_on=date(2021, 3, 1),
        valid_from=date(2021, 3, 1),
        status=status,
        terminated_on=date(2025, 1, 31) if status == "terminated" else None,
        price_category=1,
        max_power_kw=Decimal("150.00"),
    )
    session.add(row)
    session.flush()
    return row


def grant(session: Session, user_id: int, target: Contract) -> None:
    session.add(ContractAccess(portal_user_id=user_id, contract_id=target.id, granted_by="test"))
    session.flush()


def form(**changes: object) -> RegistrationForm:
    n = next(_numbers)
    fields: dict[str, object] = {
        "login": f"user{n}",
        "email": f"user{n}@romashka.ru",
        "password": "S3cret-pass",
        "first_name": "Иван",
        "last_name": "Иванов",
        "patronymic": "Иванович",
        "phone": "+7 (916) 123-45-44",
        "org_type": "legal_entity",
        "inn": ROMASHKA_INN,
        "kpp": ROMASHKA_KPP,
        "org_name": "ООО «Ромашка»",
        "existing_counterparty": True,
        "contract_numbers": ["ЭС-0012/21"],
    }
    fields.update(changes)
    return RegistrationForm(**fields)  # type: ignore[arg-type]


def registration(
    session: Session, *, confirmed: object = True, age: object = None, **changes: object
) -> int:
    """Submit a registration as the portal does; confirm its e-mail unless told not to."""
    submitted = datetime.now(UTC) - age if isinstance(age, timedelta) else None
    request_id = submit_registration(session, form(**changes), submitted_at=submitted)
    if confirmed:
        confirm_email(session, request_id)
    return request_id


__all__ = ["Contract", "RegistrationRequest"]
