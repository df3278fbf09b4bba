"""The portal's registration: what the applicant typed is stored as typed, and only a
taken login or e-mail is refused, as on the portal's step 1."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import PortalUser, RegistrationContract, RegistrationRequest
from lkk_admin.services.errors import DomainError
from lkk_admin.services.intake import RegistrationForm, confirm_email, submit_registration
from lkk_admin.services.passwords import verify_password


def make_form(**changes: object) -> RegistrationForm:
    fields: dict[str, object] = {
        "login": "ivanov",
        "email": "i.ivanov@romashka.ru",
        "password": "S3cret-pass",
        "first_name": "Иван",
        "last_name": "Иванов",
        "patronymic": "Иванович",
        "phone": "+7 (916) 123-45-44",
        "org_type": "legal_entity",
        "inn": "7706107510",
        "kpp": "770601001",
        "org_name": "ООО «Ромашка»",
        "existing_counterparty": True,
        "contract_numbers": ["ЭС-0012/21", " 77090001234567 "],
    }
    fields.update(changes)
    return RegistrationForm(**fields)  # type: ignore[arg-type]


def test_submission_stores_the_three_steps_as_typed(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        request_id = submit_registration(session, make_form(inn="7706 10751O"))
    with factory() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert request.status == "email_unconfirmed"
        assert request.inn == "7706 10751O"  # malformed, kept for the checks to flag
        assert request.kpp == "770601001"
        assert request.org_name == "ООО «Ромашка»"
        assert request.existing_counterparty is True
        assert request.version == 1
        user = request.user
        assert (user.login, user.first_name, user.last_name) == ("ivanov", "Иван", "Иванов")
        assert user.status == "email_unconfirmed"
        # Never loaded with the user (staff may not read it): only on explicit request.
        password_hash = session.scalar(
            select(PortalUser.password_hash).where(PortalUser.id == user.id)
        )
        assert password_hash is not None and password_hash != "S3cret-pass"
        assert verify_password("S3cret-pass", password_hash)
        numbers = [(c.position, c.number_as_typed, c.number_normalized) for c in request.contracts]
        assert numbers == [
            (1, "ЭС-0012/21", "ЭС001221"),
            (2, " 77090001234567 ", "77090001234567"),
        ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "other@romashka.ru"}, "Логин «IVANOV» уже занят"),
        ({"login": "petrov"}, "адресом электронной почты уже зарегистрирован"),
    ],
)
def test_taken_login_or_email_is_refused_and_nothing_is_written(
    factory: sessionmaker[Session], changes: dict[str, str], message: str
) -> None:
    with factory.begin() as session:
        submit_registration(session, make_form())
    second = make_form(**{"login": "IVANOV", "email": "I.Ivanov@Romashka.ru", **changes})
    with pytest.raises(DomainError, match=message), factory.begin() as session:
        submit_registration(session, second)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(PortalUser)) == 1
        assert session.scalar(select(func.count()).select_from(RegistrationRequest)) == 1
        assert session.scalar(select(func.count()).select_from(RegistrationContract)) == 2


def test_empty_account_fields_are_refused(factory: sessionmaker[Session]) -> None:
    with pytest.raises(DomainError, match="«Логин»"), factory.begin() as session:
        submit_registration(session, make_form(login="  "))
    with pytest.raises(DomainError, match="тип организации"), factory.begin() as session:
        submit_registration(session, make_form(org_type="company"))


def test_blank_contract_lines_are_dropped(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        request_id = submit_registration(session, make_form(contract_numbers=["", "12345/Э", " "]))
    with factory() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert [c.number_as_typed for c in request.contracts] == ["12345/Э"]


def test_confirming_the_email_puts_the_request_in_the_queue(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        request_id = submit_registration(session, make_form())
    with factory.begin() as session:
        confirm_email(session, request_id)
    with factory.begin() as session:
        confirm_email(session, request_id)  # the link followed twice changes nothing
    with factory() as session:
        request = session.get_one(RegistrationRequest, request_id)
        assert request.status == "pending"
        assert request.email_confirmed_at is not None
        assert request.email_confirmed_at.tzinfo is not None
        assert request.user.status == "pending"
        assert request.user.email_confirmed_at == request.email_confirmed_at


def test_confirming_an_unknown_request_is_a_clear_error(factory: sessionmaker[Session]) -> None:
    with pytest.raises(DomainError, match="Заявка № 999 не найдена"), factory.begin() as session:
        confirm_email(session, 999)
