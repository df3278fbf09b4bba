"""The portal's side of registration: what an applicant's three form steps create.

Used by the demo data generator and by tests to make requests exactly as the portal does.
Like the portal, it refuses only what step 1 refuses (a login or e-mail already taken, or a
required account field left empty); everything else is stored as typed, and the
verifier's checks say what is wrong with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from lkk_admin.models import PortalUser, RegistrationContract, RegistrationRequest
from lkk_admin.models.base import table_of, utcnow
from lkk_admin.models.registry import ORG_TYPES
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.passwords import hash_password

# The canonical form is used only for matching. Normalising can lengthen a number (NFKC and
# upper case turn «ß» into «SS», «ﬃ» into «FFI»), so a number typed at the column's full
# length may not fit as normalised; registry numbers are far shorter, so the cut-off part
# could never have matched anything.
_NORMALIZED_LENGTH = cast(String, table_of(RegistrationContract).c.number_normalized.type).length


@dataclass
class RegistrationForm:
    """The portal's registration form, step by step, as the applicant filled it in."""

    # Step 1. Данные аккаунта
    login: str
    email: str
    password: str
    # Step 2. Личная информация
    first_name: str
    last_name: str
    phone: str
    # Step 3. Информация о компании
    org_type: str
    inn: str
    org_name: str
    contract_numbers: list[str] = field(default_factory=list)
    kpp: str | None = None
    existing_counterparty: bool = False
    patronymic: str | None = None


def _require(value: str | None, field_label: str) -> str:
    if value is None or not value.strip():
        raise DomainError(f"Не заполнено обязательное поле «{field_label}».", code="REQUIRED")
    return value


def submit_registration(
    session: Session,
    form: RegistrationForm,
    *,
    submitted_at: datetime | None = None,
    password_hash: str | None = None,
) -> int:
    """Create the portal account and its registration request; return the request id.

    ``submitted_at`` and ``password_hash`` let the demo generator backdate requests and
    skip the deliberately slow hashing; the portal itself always uses now and the password.
    """
    login = _require(form.login, "Логин").strip()
    email = _require(form.email, "Электронная почта").strip()
    if not password_hash:
        _require(form.password, "Пароль")
    if form.org_type not in ORG_TYPES:
        raise DomainError("Не выбран тип организации.", code="REQUIRED")

    taken = session.execute(
        select(
            func.lower(PortalUser.login) == login.lower(),
            func.lower(PortalUser.email) == email.lower(),
        )
        .where(
            (func.lower(PortalUser.login) == login.lower())
            | (func.lower(PortalUser.email) == email.lower())
        )
        .limit(1)
    ).first()
    if taken is not None:
        if taken[0]:
            raise DomainError(
                f"Логин «{login}» уже занят. Выберите другой логин.", code="LOGIN_TAKEN"
            )
        raise DomainError(
            "Пользователь с таким адресом электронной почты уже зарегистрирован.",
            code="EMAIL_TAKEN",
        )

    when = submitted_at or utcnow()
    user = PortalUser(
        login=login,
        email=email,
        password_hash=password_hash or hash_password(form.password),
        first_name=form.first_name,
        last_name=form.last_name,
        patronymic=form.patronymic or None,
        phone=form.phone,
        status="email_unconfirmed",
        created_at=when,
    )
    request = RegistrationRequest(
        user=user,
        org_type=form.org_type,
        inn=form.inn,
        kpp=form.kpp or None,
        org_name=form.org_name,
        existing_counterparty=form.existing_counterparty,
        status="email_unconfirmed",
        submitted_at=when,
        updated_at=when,
    )
    numbers = [number for number in form.contract_numbers if number and number.strip()]
    request.contracts = [
        RegistrationContract(
            position=position,
            number_as_typed=number,
            number_normalized=normalize_contract_number(number)[:_NORMALIZED_LENGTH],
        )
        for position, number in enumerate(numbers, start=1)
    ]
    session.add(request)
    session.flush()
    return request.id


def confirm_email(
    session: Session, request_id: int, *, confirmed_at: datetime | None = None
) -> None:
    """The applicant followed the link in the confirmation e-mail: the request joins the queue.

    Following the link again changes nothing, as on the portal.
    """
    request = session.get(RegistrationRequest, request_id)
    if request is None:
        raise NotFoundError(f"Заявка № {request_id} не найдена.")
    if request.email_confirmed_at is not None:
        return
    if request.status != "email_unconfirmed":
        raise DomainError(
            f"Заявка № {request_id} уже не ждёт подтверждения почты (состояние: {request.status}).",
            code="NOT_UNCONFIRMED",
        )
    when = confirmed_at or utcnow()
    request.status = "pending"
    request.email_confirmed_at = when
    user = request.user
    user.email_confirmed_at = when
    if user.status == "email_unconfirmed":
        user.status = "pending"
    session.flush()
