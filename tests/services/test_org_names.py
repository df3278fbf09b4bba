"""Organisation names match despite legal-form spelling, quotes, case and spacing."""

import pytest

from lkk_admin.services.org_names import same_organisation_name, split_legal_form


@pytest.mark.parametrize(
    ("entered", "registered"),
    [
        ("ООО «Ромашка»", "Общество с ограниченной ответственностью «Ромашка»"),
        ('ооо "ромашка"', "ООО «Ромашка»"),
        ("Ромашка", "ООО «Ромашка»"),
        ("  ПАО   «Энергия-Сервис» ", "Публичное акционерное общество «Энергия-Сервис»"),
        ("АО 'Завод Ёлка'", "Акционерное общество «Завод Елка»"),
        ("ИП Иванов Иван Иванович", "Индивидуальный предприниматель Иванов Иван Иванович"),
    ],
)
def test_same_organisation(entered: str, registered: str) -> None:
    assert same_organisation_name(entered, registered)


@pytest.mark.parametrize(
    ("entered", "registered"),
    [
        ("ООО «Ромашка»", "ООО «Василёк»"),
        ("АО «Ромашка»", "ООО «Ромашка»"),  # another legal form is another organisation
        ("ПАО «Ромашка»", "АО «Ромашка»"),
        ("ООО «Ромашка-2»", "ООО «Ромашка»"),
        ("", "ООО «Ромашка»"),
    ],
)
def test_different_organisation(entered: str, registered: str) -> None:
    assert not same_organisation_name(entered, registered)


def test_public_joint_stock_is_not_read_as_joint_stock() -> None:
    assert split_legal_form("Публичное акционерное общество «Север»") == ("ПАО", "север")
