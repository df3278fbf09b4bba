"""The supplier's requisites printed at the top of every report.

They are the company's public requisites (no personal data, no secrets), kept once for
the whole organisation in ``organisation_setting``: every desk and ``lkk-admin report``
print the same header. Administrators change them; each change is audited.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from sqlalchemy.orm import Session

from lkk_admin.services import organisation_settings
from lkk_admin.services.errors import DomainError
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.requisites import is_valid_inn10, is_valid_kpp

SUPPLIER_KEY = "supplier_requisites"


def supplier_problems(supplier: Supplier) -> list[str]:
    """What is wrong with these requisites, in Russian; empty when they can be printed."""
    found: list[str] = []
    if not supplier.name.strip():
        found.append("Не указано наименование поставщика.")
    if not is_valid_inn10(supplier.inn):
        found.append(
            f"ИНН поставщика «{supplier.inn}» неверен: нужно 10 цифр с верной контрольной."
        )
    if not is_valid_kpp(supplier.kpp):
        found.append(
            f"КПП поставщика «{supplier.kpp}» неверен: нужно 9 знаков, например 770601001."
        )
    if not supplier.address.strip():
        found.append("Не указан адрес поставщика.")
    return found


def require_printable(supplier: Supplier) -> Supplier:
    problems = supplier_problems(supplier)
    if problems:
        raise DomainError(" ".join(problems), code="BAD_SUPPLIER")
    return supplier


def supplier_from_json(data: dict[str, Any]) -> Supplier:
    known = {field.name for field in fields(Supplier)}
    return Supplier(**{key: str(value) for key, value in data.items() if key in known})


def read_supplier_setting(session: Session) -> Setting[Supplier]:
    """The requisites (the placeholders until an administrator saves some)."""
    return organisation_settings.read_checked(session, SUPPLIER_KEY, supplier_from_json, Supplier())


def load_supplier(session: Session) -> Supplier:
    """What the reports print now."""
    return read_supplier_setting(session).value


def save_supplier(
    session: Session, supplier: Supplier, actor: str, *, expected_version: int | None
) -> Setting[Supplier]:
    """Store the requisites for everyone, in the caller's transaction. ``expected_version``
    is the version the editor read (None: none was saved then); a save made since is
    not overwritten."""
    return organisation_settings.write(
        session,
        SUPPLIER_KEY,
        require_printable(supplier),
        asdict(supplier),
        actor,
        expected_version=expected_version,
        title="реквизиты поставщика",
    )
