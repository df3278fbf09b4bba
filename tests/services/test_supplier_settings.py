"""The supplier's requisites on every report: stored per desk, checked before saving."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from lkk_admin import paths
from lkk_admin.services.errors import DomainError
from lkk_admin.services.reports.document import Supplier
from lkk_admin.services.supplier_settings import (
    SUPPLIER_SETTINGS_FILE,
    SupplierSettingsStore,
    supplier_problems,
)

CONFIGURED = Supplier(
    name="АО «Энергосбыт Плюс»",
    inn="7707083893",
    kpp="773601001",
    address="117997, г. Москва, ул. Вавилова, д. 19",
    phone="+7 495 500-55-50",
)


def test_the_placeholders_are_printable() -> None:
    assert supplier_problems(Supplier()) == []


def test_saved_requisites_are_read_back() -> None:
    store = SupplierSettingsStore()
    store.save(CONFIGURED)
    assert store.path == paths.config_dir() / SUPPLIER_SETTINGS_FILE
    assert SupplierSettingsStore().load() == CONFIGURED


def test_wrong_requisites_are_refused_and_nothing_is_written() -> None:
    store = SupplierSettingsStore()
    store.save(CONFIGURED)
    before = store.path.read_bytes()
    wrong = replace(CONFIGURED, inn="7707083894", kpp="7736", name=" ")
    with pytest.raises(DomainError) as refused:
        store.save(wrong)
    message = str(refused.value)
    assert "ИНН поставщика «7707083894» неверен" in message
    assert "КПП поставщика «7736» неверен" in message
    assert "Не указано наименование поставщика" in message
    assert store.path.read_bytes() == before


def test_a_damaged_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "supplier.json"
    path.write_text("{not json", encoding="utf-8")
    assert SupplierSettingsStore(path).load() == Supplier()
    assert (tmp_path / "supplier.damaged.json").exists()
