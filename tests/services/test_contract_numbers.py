"""Typed contract numbers match the registry's despite spaces, dashes, case and look-alikes."""

import pytest

from lkk_admin.services.contract_numbers import normalize_contract_number


@pytest.mark.parametrize(
    "typed",
    [
        "ЭС-0012/21",
        " ЭС-0012/21 ",
        "ЭС - 0012 / 21",
        "эс-0012/21",
        "ЭС–0012/21",  # en dash
        "ЭС—0012/21",  # em dash
        "ЭС\u22120012/21",  # minus sign
        "ЭC-0012/21",  # Latin C
        "ЭС-0012\\21",
        "эс 0012 21",
        "ЭС／0012／21",  # full-width slashes
    ],
)
def test_variants_of_one_number_normalise_alike(typed: str) -> None:
    assert normalize_contract_number(typed) == normalize_contract_number("ЭС-0012/21")


def test_latin_look_alikes_become_cyrillic_in_both_directions() -> None:
    assert normalize_contract_number("AB-123/KMH") == normalize_contract_number("АВ-123/КМН")
    assert normalize_contract_number("opt-1") == normalize_contract_number("ОРТ-1")


def test_different_numbers_stay_different() -> None:
    assert normalize_contract_number("12345/Э") != normalize_contract_number("12346/Э")
    assert normalize_contract_number("ЭС-0012/21") != normalize_contract_number("ЭС-0012/22")
