"""The portal's address in the letters: one for the organisation, a real web address."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.services import request_details
from lkk_admin.services.errors import ConflictError, DomainError
from lkk_admin.services.mail_templates import DEFAULT_PORTAL_URL
from lkk_admin.services.portal_link import read_portal_link, save_portal_link
from tests import factories as f


def test_until_set_letters_give_the_default_address(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        link = read_portal_link(session)
    assert (link.value, link.version) == (DEFAULT_PORTAL_URL, None)


def test_a_saved_address_is_what_the_request_screen_and_its_letters_use(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        request_id = f.registration(session, contract_numbers=["ЭС-0012/21"])
        saved = save_portal_link(
            session, " https://lk.rn-energo.ru/ ", "admin", expected_version=None
        )
    assert saved.value == "https://lk.rn-energo.ru"
    with factory.begin() as session:
        assert request_details.load(session, request_id).portal_url == "https://lk.rn-energo.ru"


@pytest.mark.parametrize(
    "url", ["", "lk.rn-energo.ru", "ftp://lk.rn-energo.ru", "https://", "https://lk rn.ru"]
)
def test_what_an_applicant_cannot_open_is_refused(factory: sessionmaker[Session], url: str) -> None:
    with pytest.raises(DomainError) as refused, factory.begin() as session:
        save_portal_link(session, url, "admin", expected_version=None)
    assert "не подходит" in str(refused.value)
    with factory() as session:
        assert read_portal_link(session).version is None


def test_a_save_from_an_older_read_is_refused(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        save_portal_link(session, "https://lk.rn-energo.ru", "ivanova", expected_version=None)
    with pytest.raises(ConflictError), factory.begin() as session:
        save_portal_link(session, "https://lkk.example.ru", "petrov", expected_version=None)
    with factory() as session:
        assert read_portal_link(session).value == "https://lk.rn-energo.ru"


def test_verifiers_read_it_and_only_administrators_change_it(
    as_staff: Callable[[str], Engine],
) -> None:
    with db.session_factory(as_staff("admin")).begin() as session:
        save_portal_link(session, "https://lk.rn-energo.ru", "admin", expected_version=None)
    verifier = db.session_factory(as_staff("verifier"))
    with verifier() as session:
        assert read_portal_link(session).value == "https://lk.rn-energo.ru"
    with pytest.raises(ProgrammingError) as refused, verifier.begin() as session:
        save_portal_link(session, "https://evil.example", "verifier", expected_version=1)
    assert getattr(refused.value.orig, "sqlstate", None) == "42501"
