"""The supplier's requisites printed at the top of every report: ``supplier.json``.

They are the company's public requisites (no personal data, no secrets), kept beside the
connection profiles so each desk and the command line print the same header.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from lkk_admin import paths
from lkk_admin.services.errors import DomainError
from lkk_admin.services.json_files import read_json_settings, write_json_atomically
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.requisites import is_valid_inn10, is_valid_kpp

SUPPLIER_SETTINGS_FILE = "supplier.json"


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


class SupplierSettingsStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.config_dir() / SUPPLIER_SETTINGS_FILE

    def load(self) -> Supplier:
        return read_json_settings(self.path, supplier_from_json, Supplier())

    def save(self, supplier: Supplier) -> None:
        write_json_atomically(self.path, {"version": 1, **asdict(require_printable(supplier))})
