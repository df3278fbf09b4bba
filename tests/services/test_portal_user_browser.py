"""The portal users section's data: tabs and counts, one loose search box, orders and
pages, a user's card with every contract access, request, letter and event, masked
contacts and the audited reveal — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import (
    AuditEvent,
    Contract,
    ContractAccess,
    MailOutbox,
    PortalUser,
    RegistrationRequest,
)
from lkk_admin.services.audit_log import summarize
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.intake import submit_registration
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.portal_user_browser import (
    EVENT_LIMIT,
    TABS,
    PortalUserSource,
    UserRow,
    event_summary,
    reveal_user_contact,
)
from tests import factories
from tests.migration_steps import downgrade

SOURCE = PortalUserSource()
DAY_ONE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Hashing a password is deliberately slow; these users never log in.
NO_PASSWORD = "pbkdf2_sha256$1$c2FsdA==$aGFzaA=="
VASILEK_KPP = "770701001"


@dataclass(frozen=True)
class World:
    romashka: int
    vasilek: int
    ivanov: int  # active, approved for Ромашка: two live contracts and a revoked one
    ivanov_request: int
    korolyova: int  # pending, Василёк as typed, no access
    petrov: int  # blocked, approved for Ромашка with its ИНН typed with a leading space
    new_user: int  # e-mail unconfirmed, a sole proprietor
    newxuser: int  # rejected and anonymised
    percent: int  # pending, a login with a percent sign


def add_user(session: Session, day: int, *, confirmed: bool = True, **form: Any) -> int:
    """A registration as the portal makes it, ``day`` days after DAY_ONE; the user's id."""
    when = DAY_ONE + timedelta(days=day)
    request_id = submit_registration(
        session, factories.form(**form), submitted_at=when, password_hash=NO_PASSWORD
    )
    request = session.get_one(RegistrationRequest, request_id)
    if confirmed:
        request.status = "pending"
        request.user.status = "pending"
    session.flush()
    return request.portal_user_id


def request_of(session: Session, user_id: int) -> RegistrationRequest:
    return session.scalars(
        select(RegistrationRequest).where(RegistrationRequest.portal_user_id == user_id)
    ).one()


def approve(session: Session, user_id: int, counterparty_id: int, day: int) -> int:
    """The user's request approved for the counterparty, as a decision leaves it."""
    request = request_of(session, user_id)
    request.status = "approved"
    request.counterparty_id = counterparty_id
    request.decided_by = "verifier1"
    request.decided_at = DAY_ONE + timedelta(days=day)
    request.user.status = "active"
    session.flush()
    return request.id


def access(
    session: Session, user_id: int, contract: Contract, request_id: int | None, **extra: Any
) -> ContractAccess:
    row = ContractAccess(
        portal_user_id=user_id,
        contract_id=contract.id,
        registration_request_id=request_id,
        granted_by=extra.pop("granted_by", "verifier1"),
        granted_at=extra.pop("granted_at", DAY_ONE + timedelta(days=1)),
        **extra,
    )
    session.add(row)
    session.flush()
    return row


def letter(session: Session, entity: str, entity_id: int, subject: str, day: int) -> int:
    row = MailOutbox(
        to_address="ivan.ivanov@romashka.ru",
        to_name="Иванов Иван Иванович",
        subject=subject,
        body_text=subject,
        body_html=f"<p>{subject}</p>",
        template="access_revoked" if entity == "portal_user" else "request_approved",
        entity=entity,
        entity_id=entity_id,
        status="sent",
        attempts=1,
        next_attempt_at=DAY_ONE + timedelta(days=day),
        created_at=DAY_ONE + timedelta(days=day),
        sent_at=DAY_ONE + timedelta(days=day, minutes=1),
    )
    session.add(row)
    session.flush()
    return row.id


def audit(session: Session, action: str, entity: str, entity_id: int, **details: Any) -> int:
    """An audit event; events are written in the order they happened (PostgreSQL stamps
    the time itself)."""
    row = AuditEvent(
        actor="admin",
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details,
        occurred_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    return row.id


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    with factory.begin() as session:
        romashka = factories.counterparty(session)
        vasilek = factories.counterparty(
            session, inn=factories.VASILEK_INN, kpp=VASILEK_KPP, short_name="ООО «Василёк»"
        )
        current = factories.contract(session, romashka, "ЭС-0012/21")
        other = factories.contract(session, romashka, "ЭС-0013/21")
        old = factories.contract(session, romashka, "Д-202/2024", status="terminated")
        factories.contract(session, vasilek, "ВС-7/22")

        ivanov = add_user(
            session,
            1,
            login="ivanov",
            email="ivan.ivanov@romashka.ru",
            phone="+7 (916) 123-45-44",
            contract_numbers=["ЭС-0012/21", "эс 0013 21"],
        )
        ivanov_request = approve(session, ivanov, romashka.id, 2)
        access(session, ivanov, current, ivanov_request)
        access(
            session,
            ivanov,
            other,
            ivanov_request,
            revoked_by="admin",
            revoked_at=DAY_ONE + timedelta(days=20),
            revoke_reason="Договор передан другой организации",
        )
        access(
            session,
            ivanov,
            old,
            None,
            granted_by="admin",
            granted_at=DAY_ONE + timedelta(days=15),
            grant_reason="Письмо организации № 5",
        )
        session.get_one(PortalUser, ivanov).last_login_at = DAY_ONE + timedelta(days=30)

        korolyova = add_user(
            session,
            2,
            login="alena.k",
            email="alena@vasilek.ru",
            phone="8 903 555-12-34",
            last_name="Королёва",
            first_name="Алёна",
            patronymic="Петровна",
            inn=factories.VASILEK_INN,
            kpp=VASILEK_KPP,
            org_name="Василёк",
            contract_numbers=["вс 7/22"],
        )
        petrov = add_user(
            session,
            3,
            login="petrov",
            email="petrov@romashka.ru",
            last_name="Петров",
            first_name="Пётр",
            patronymic="Петрович",
            inn=" " + factories.ROMASHKA_INN,
            contract_numbers=[],
        )
        approve(session, petrov, romashka.id, 4)
        access(session, petrov, current, request_of(session, petrov).id)
        blocked = session.get_one(PortalUser, petrov)
        blocked.last_login_at = DAY_ONE + timedelta(days=25)
        blocked.status_before_block = "active"
        blocked.status = "blocked"
        blocked.blocked_at = DAY_ONE + timedelta(days=26)
        blocked.blocked_by = "admin"
        blocked.block_reason = "Передача пароля третьим лицам"

        new_user = add_user(
            session,
            4,
            confirmed=False,
            login="new_user",
            email="new@mail.ru",
            last_name="Абрамов",
            first_name="Борис",
            patronymic=None,
            org_type="sole_proprietor",
            inn=factories.IP_INN,
            kpp=None,
            org_name="ИП Абрамов Борис",
            contract_numbers=[],
        )
        newxuser = add_user(
            session,
            5,
            login="newxuser",
            email="anonymised-5@invalid",
            last_name="Яковлева",
            first_name="Яна",
            patronymic="Юрьевна",
            inn=factories.UNKNOWN_VALID_INN,
            contract_numbers=[],
        )
        request_of(session, newxuser).status = "rejected"
        rejected = session.get_one(PortalUser, newxuser)
        rejected.status = "rejected"
        rejected.anonymised_at = DAY_ONE + timedelta(days=40)
        percent = add_user(
            session,
            6,
            login="user100%",
            email="sidorov@romashka.ru",
            last_name="Сидоров",
            first_name="Семён",
            patronymic="Семёнович",
            contract_numbers=[],
        )
        add_user(
            session,
            7,
            login="user1000",
            email="s1000@romashka.ru",
            last_name="Сидоров",
            contract_numbers=[],
        )
        session.flush()
        world = World(
            romashka=romashka.id,
            vasilek=vasilek.id,
            ivanov=ivanov,
            ivanov_request=ivanov_request,
            korolyova=korolyova,
            petrov=petrov,
            new_user=new_user,
            newxuser=newxuser,
            percent=percent,
        )
        # Ivanov's letters and events, in the order they happened, and one about another.
        audit(session, "approve", "registration_request", ivanov_request, granted=[1, 2])
        letter(session, "registration_request", ivanov_request, "Заявка одобрена", 2)
        audit(
            session,
            "revoke_access",
            "portal_user",
            ivanov,
            contract_numbers=["ЭС-0013/21"],
            reason="Договор передан другой организации",
        )
        revoked_letter = letter(session, "portal_user", ivanov, "Доступ к договору отозван", 20)
        audit(session, "reveal_mail_recipient", "mail_outbox", revoked_letter)
        audit(session, "block_user", "portal_user", petrov, reason="Передача пароля")
        letter(session, "portal_user", petrov, "Учётная запись заблокирована", 26)
    return world


def page(factory: sessionmaker[Session], search: str = "", **query: Any) -> tuple[list[str], int]:
    """The logins of the first page and the query's total."""
    with factory() as session:
        found = SOURCE.page(
            session, ListQuery(search=search, **query), offset=0, after=None, limit=50
        )
    return [row.login for row in found.rows], found.total


def logins(factory: sessionmaker[Session], search: str = "", **query: Any) -> list[str]:
    return page(factory, search, **query)[0]


ALL_NEWEST_FIRST = ["user1000", "user100%", "newxuser", "new_user", "petrov", "alena.k", "ivanov"]


# --- Tabs and counts -------------------------------------------------------------------------


def test_the_list_opens_on_the_newest_accounts_with_the_total(
    factory: sessionmaker[Session], world: World
) -> None:
    assert page(factory) == (ALL_NEWEST_FIRST, 7)


def test_tabs_count_users_by_status_for_the_search(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        assert SOURCE.counts(session, ListQuery()) == {
            "all": 7,
            "active": 1,
            "blocked": 1,
            "email_unconfirmed": 1,
            "pending": 3,
            "rejected": 1,
        }
        # The tab itself does not narrow its neighbours' counts; the search does.
        narrowed = SOURCE.counts(session, ListQuery(tab="pending", search="romashka.ru"))
    assert list(narrowed) == list(TABS)
    assert narrowed == {
        "all": 4,
        "active": 1,
        "blocked": 1,
        "email_unconfirmed": 0,
        "pending": 2,
        "rejected": 0,
    }


@pytest.mark.parametrize(
    ("tab", "expected"),
    [
        ("active", ["ivanov"]),
        ("blocked", ["petrov"]),
        ("email_unconfirmed", ["new_user"]),
        ("pending", ["user1000", "user100%", "alena.k"]),
        ("rejected", ["newxuser"]),
    ],
)
def test_a_tab_lists_the_users_of_its_status(
    factory: sessionmaker[Session], world: World, tab: str, expected: list[str]
) -> None:
    assert page(factory, tab=tab) == (expected, len(expected))


def test_an_unknown_tab_is_a_programming_error(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(ValueError, match="tab"):
        SOURCE.counts(session, ListQuery(tab="deleted"))


# --- Search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["ivanov", "IVANOV", " Ivan "])
def test_a_login_is_found_by_any_part_in_any_case(
    factory: sessionmaker[Session], world: World, typed: str
) -> None:
    assert logins(factory, typed) == ["ivanov"]


@pytest.mark.parametrize("typed", ["alena@vasilek.ru", "VASILEK.RU", "@vasilek"])
def test_an_email_is_found_whole_or_by_a_part(
    factory: sessionmaker[Session], world: World, typed: str
) -> None:
    assert logins(factory, typed) == ["alena.k"]


@pytest.mark.parametrize(
    "typed", ["королёва", "КОРОЛЕВА", "Алена", "алёна королева", "Королёва А.", "петровна"]
)
def test_a_name_is_found_by_its_parts_in_any_order_case_and_yo(
    factory: sessionmaker[Session], world: World, typed: str
) -> None:
    assert logins(factory, typed) == ["alena.k"]


def test_every_word_of_a_name_must_be_found(factory: sessionmaker[Session], world: World) -> None:
    assert logins(factory, "Пётр Петрович") == ["petrov"]
    assert logins(factory, "Пётр Иванович") == []
    assert logins(factory, "сидоров") == ["user1000", "user100%"]


def test_an_inn_finds_the_users_of_the_organisation_they_were_approved_for(
    factory: sessionmaker[Session], world: World
) -> None:
    # Petrov typed his ИНН with a leading space: found by the organisation approved.
    assert logins(factory, factories.ROMASHKA_INN) == [
        "user1000",
        "user100%",
        "petrov",
        "ivanov",
    ]
    with factory() as session:
        request = request_of(session, world.petrov)
        assert request.inn != factories.ROMASHKA_INN


def test_an_inn_finds_the_users_who_typed_it_in_a_request(
    factory: sessionmaker[Session], world: World
) -> None:
    assert logins(factory, factories.VASILEK_INN) == ["alena.k"]
    assert logins(factory, factories.IP_INN) == ["new_user"]


def test_the_start_of_an_inn_finds_its_users(factory: sessionmaker[Session], world: World) -> None:
    assert logins(factory, "7707 08") == ["alena.k"]
    assert logins(factory, "500100") == ["new_user"]
    assert logins(factory, "77") == []  # too short to be the start of anything


def test_a_kpp_finds_the_users_of_its_organisation(
    factory: sessionmaker[Session], world: World
) -> None:
    assert logins(factory, VASILEK_KPP) == ["alena.k"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ЭС-0012/21", ["petrov", "ivanov"]),  # live access
        ("эс 0012 21", ["petrov", "ivanov"]),
        ("ЭC–0013/21", ["ivanov"]),  # Latin C, an en dash: revoked access, typed
        ("д 202", ["ivanov"]),  # granted by an administrator
        ("вс7/22", ["alena.k"]),  # typed in a request only
        ("эс-00", ["petrov", "ivanov"]),  # the start of a number
    ],
)
def test_a_contract_number_typed_loosely_finds_who_has_had_or_asked_for_it(
    factory: sessionmaker[Session], world: World, typed: str, expected: list[str]
) -> None:
    assert logins(factory, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"), [("new_user", ["new_user"]), ("100%", ["user100%"])]
)
def test_percent_and_underscore_are_searched_literally(
    factory: sessionmaker[Session], world: World, typed: str, expected: list[str]
) -> None:
    assert logins(factory, typed) == expected


def test_a_search_that_finds_nobody_counts_nobody(
    factory: sessionmaker[Session], world: World
) -> None:
    assert page(factory, "nobody-at-all") == ([], 0)
    with factory() as session:
        assert set(SOURCE.counts(session, ListQuery(search="nobody-at-all")).values()) == {0}


def test_a_nul_in_the_search_is_refused_in_russian(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(DomainError, match="Поиск"):
        SOURCE.page(session, ListQuery(search="iva\x00nov"), offset=0, after=None, limit=10)


# --- Rows, orders, pages ---------------------------------------------------------------------


def row_of(factory: sessionmaker[Session], login: str) -> UserRow:
    with factory() as session:
        (row,) = SOURCE.page(session, ListQuery(search=login), offset=0, after=None, limit=5).rows
    return row


def test_a_row_shows_the_approved_organisation_and_the_live_contracts(
    factory: sessionmaker[Session], world: World
) -> None:
    row = row_of(factory, "ivanov")
    assert (row.id, row.login, row.status) == (world.ivanov, "ivanov", "active")
    assert (row.name_masked, row.email_masked, row.phone_masked) == (
        "Иванов И. И.",
        "i**********@romashka.ru",
        "+7 (***) ***-**-44",
    )
    assert (row.inn, row.kpp, row.org_name, row.counterparty_id) == (
        factories.ROMASHKA_INN,
        factories.ROMASHKA_KPP,
        "ООО «Ромашка»",
        world.romashka,
    )
    assert row.live_contracts == 2  # the revoked one does not count
    assert row.created_at == DAY_ONE + timedelta(days=1)
    assert row.last_login_at == DAY_ONE + timedelta(days=30)
    assert row.anonymised is False


def test_before_a_decision_the_organisation_is_as_the_request_typed_it(
    factory: sessionmaker[Session], world: World
) -> None:
    row = row_of(factory, "alena.k")
    assert (row.inn, row.kpp, row.org_name, row.counterparty_id) == (
        factories.VASILEK_INN,
        VASILEK_KPP,
        "Василёк",
        None,
    )
    assert (row.live_contracts, row.last_login_at) == (0, None)
    sole = row_of(factory, "new_user")
    assert (sole.inn, sole.kpp, sole.name_masked) == (factories.IP_INN, None, "Абрамов Б.")


def test_an_anonymised_user_is_flagged(factory: sessionmaker[Session], world: World) -> None:
    assert row_of(factory, "newxuser").anonymised is True


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("login", ["alena.k", "ivanov", "new_user", "newxuser", "petrov", "user100%", "user1000"]),
        ("-login", ["user1000", "user100%", "petrov", "newxuser", "new_user", "ivanov", "alena.k"]),
        # Абрамов, Иванов, Королёва, Петров, Сидоров Иван, Сидоров Семён, Яковлева
        ("name", ["new_user", "ivanov", "alena.k", "petrov", "user1000", "user100%", "newxuser"]),
        ("registered", list(reversed(ALL_NEWEST_FIRST))),
        ("-registered", ALL_NEWEST_FIRST),
        ("", ALL_NEWEST_FIRST),
        ("no such order", ALL_NEWEST_FIRST),
        # The latest logins first, those who never logged in last (newest first).
        ("-last_login", ["ivanov", "petrov", "user1000", "user100%", "newxuser", "new_user"]),
        ("last_login", ["alena.k", "new_user", "newxuser", "user100%", "user1000", "petrov"]),
        ("-contracts", ["ivanov", "petrov", "user1000", "user100%", "newxuser", "new_user"]),
        ("contracts", ["alena.k", "new_user", "newxuser", "user100%", "user1000", "petrov"]),
    ],
)
def test_the_list_is_ordered_by_the_column_chosen(
    factory: sessionmaker[Session], world: World, order: str, expected: list[str]
) -> None:
    found = logins(factory, order=order)
    assert found[: len(expected)] == expected


def test_pages_carry_the_total_and_the_export_lists_them_all_masked(
    factory: sessionmaker[Session], world: World
) -> None:
    query = ListQuery(search="romashka.ru")
    with factory() as session:
        first = SOURCE.page(session, query, offset=0, after=None, limit=3)
        second = SOURCE.page(session, query, offset=3, after=first.rows[-1], limit=3)
        past = SOURCE.page(session, query, offset=30, after=None, limit=3)
        exported = list(SOURCE.export_rows(session, query))
    assert (first.total, len(first.rows)) == (4, 3)
    assert (second.total, len(second.rows), second.offset) == (4, 1, 3)
    assert (past.total, tuple(past.rows)) == (4, ())
    assert exported == [*first.rows, *second.rows]
    assert all("*" in row.email_masked for row in exported)


def test_the_export_reads_in_the_desks_autocommit_session(engine: Engine, world: World) -> None:
    with db.read_session_factory(engine)() as session:
        exported = list(SOURCE.export_rows(session, ListQuery(order="login")))
    assert [row.login for row in exported][:2] == ["alena.k", "ivanov"]


def test_no_row_or_card_shows_an_email_or_a_phone_in_full(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        users = session.execute(select(PortalUser.id, PortalUser.email, PortalUser.phone)).all()
        rows = list(SOURCE.export_rows(session, ListQuery()))
        cards = [SOURCE.detail(session, user.id) for user in users]
    shown = repr(rows) + repr(cards)
    for user in users:
        digits = "".join(char for char in user.phone if char.isdigit())
        assert user.email not in shown
        assert user.phone not in shown
        assert digits not in shown


# --- One user --------------------------------------------------------------------------------


def test_the_card_shows_the_profile_and_the_organisation_approved(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.ivanov)
        version = session.get_one(PortalUser, world.ivanov).version
    assert (card.id, card.login, card.status, card.version) == (
        world.ivanov,
        "ivanov",
        "active",
        version,
    )
    assert (card.last_name_masked, card.full_name_masked) == ("Иванов", "Иванов И. И.")
    assert (card.email_masked, card.phone_masked) == (
        "i**********@romashka.ru",
        "+7 (***) ***-**-44",
    )
    assert card.created_at == DAY_ONE + timedelta(days=1)
    assert card.last_login_at == DAY_ONE + timedelta(days=30)
    assert card.organisation is not None
    assert (
        card.organisation.counterparty_id,
        card.organisation.inn,
        card.organisation.kpp,
        card.organisation.name,
        card.organisation.org_type,
    ) == (
        world.romashka,
        factories.ROMASHKA_INN,
        factories.ROMASHKA_KPP,
        "ООО «Ромашка»",
        "legal_entity",
    )
    assert (card.blocked_at, card.anonymised_at, card.pending_requests) == (None, None, 0)
    assert card.sees_nothing is False


def test_the_card_lists_live_access_first_then_revoked_with_who_when_and_why(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.ivanov)
    lines = [
        (
            line.contract_number,
            line.contract_status,
            line.live,
            line.granted_by,
            line.registration_request_id,
            line.grant_reason,
            line.revoked_by,
            line.revoke_reason,
        )
        for line in card.contracts
    ]
    assert lines == [
        ("Д-202/2024", "terminated", True, "admin", None, "Письмо организации № 5", None, None),
        ("ЭС-0012/21", "active", True, "verifier1", world.ivanov_request, None, None, None),
        (
            "ЭС-0013/21",
            "active",
            False,
            "verifier1",
            world.ivanov_request,
            None,
            "admin",
            "Договор передан другой организации",
        ),
    ]
    revoked = card.contracts[-1]
    assert revoked.revoked_at == DAY_ONE + timedelta(days=20)
    assert revoked.granted_at == DAY_ONE + timedelta(days=1)
    assert {line.counterparty_id for line in card.contracts} == {world.romashka}
    assert {line.counterparty_name for line in card.contracts} == {"ООО «Ромашка»"}
    assert [line.contract_number for line in card.live_contracts] == ["Д-202/2024", "ЭС-0012/21"]


def test_the_card_lists_requests_with_the_numbers_as_typed(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.ivanov)
        pending = SOURCE.detail(session, world.korolyova)
    (request,) = card.requests
    assert (request.id, request.status, request.decided_by) == (
        world.ivanov_request,
        "approved",
        "verifier1",
    )
    assert request.decided_at == DAY_ONE + timedelta(days=2)
    assert request.contract_numbers == ("ЭС-0012/21", "эс 0013 21")
    assert (request.inn, request.kpp, request.org_name, request.org_type) == (
        factories.ROMASHKA_INN,
        factories.ROMASHKA_KPP,
        "ООО «Ромашка»",
        "legal_entity",
    )
    assert pending.pending_requests == 1
    assert pending.organisation is not None
    assert (pending.organisation.counterparty_id, pending.organisation.name) == (None, "Василёк")
    assert [r.contract_numbers for r in pending.requests] == [("вс 7/22",)]


def test_the_card_lists_the_letters_to_the_user_and_about_their_requests(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.ivanov)
    assert [(x.subject, x.template, x.status) for x in card.letters] == [
        ("Доступ к договору отозван", "access_revoked", "sent"),
        ("Заявка одобрена", "request_approved", "sent"),
    ]
    assert card.letters[0].sent_at == DAY_ONE + timedelta(days=20, minutes=1)


def test_the_card_lists_recent_events_about_the_user_requests_and_letters_in_a_line_each(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.ivanov)
    assert [(e.action, e.entity) for e in card.events] == [
        ("reveal_mail_recipient", "mail_outbox"),
        ("revoke_access", "portal_user"),
        ("approve", "registration_request"),
    ]
    reveal, revoke, approval = card.events
    # Each in the audit log's own words; an event about a request names the request.
    assert revoke.summary == summarize(
        "revoke_access",
        world.ivanov,
        {"contract_numbers": ["ЭС-0013/21"], "reason": "Договор передан другой организации"},
    )
    assert "ЭС-0013/21" in revoke.summary
    assert "Договор передан другой организации" in revoke.summary
    assert approval.summary == f"Заявка одобрена: 2 договора (заявка № {world.ivanov_request})"
    assert approval.entity_id == world.ivanov_request
    assert reveal.summary.startswith("Показан адрес получателя")
    assert {e.actor for e in card.events} <= {"admin", *_database_users(factory)}


def _database_users(factory: sessionmaker[Session]) -> set[str]:
    """PostgreSQL writes the session's user as every audit event's actor."""
    with factory() as session:
        if session.get_bind().dialect.name != "postgresql":
            return set()
        return {str(session.execute(text("SELECT session_user")).scalar_one())}


def test_the_card_keeps_to_the_latest_events(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as session:
        ids = [
            audit(session, "grant_access", "portal_user", world.korolyova, contract=f"ЭС-{n}")
            for n in range(EVENT_LIMIT + 5)
        ]
    with factory() as session:
        card = SOURCE.detail(session, world.korolyova)
    assert [e.id for e in card.events] == list(reversed(ids))[:EVENT_LIMIT]
    assert f"ЭС-{EVENT_LIMIT + 4}" in card.events[0].summary


def test_a_blocked_user_card_says_who_blocked_when_and_why(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.petrov)
    assert (card.status, card.blocked_by, card.block_reason, card.status_before_block) == (
        "blocked",
        "admin",
        "Передача пароля третьим лицам",
        "active",
    )
    assert card.blocked_at == DAY_ONE + timedelta(days=26)
    assert card.organisation is not None
    assert card.organisation.counterparty_id == world.romashka
    assert [x.subject for x in card.letters] == ["Учётная запись заблокирована"]
    assert [(e.action, e.summary) for e in card.events] == [
        ("block_user", "Пользователь заблокирован: Передача пароля")
    ]


def test_an_act_the_log_cannot_word_yet_is_told_by_its_contracts_and_reason() -> None:
    assert (
        event_summary(
            "merge_accounts", "portal_user", 7, {"contract_numbers": ["ЭС-1"], "reason": " Дубль "}
        )
        == "merge_accounts: ЭС-1 — Дубль"
    )
    assert event_summary("merge_accounts", "registration_request", 9, None) == (
        "merge_accounts (заявка № 9)"
    )


def test_a_user_who_sees_nothing_is_told_apart(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        for grant in session.scalars(
            select(ContractAccess).where(
                ContractAccess.portal_user_id == world.ivanov, ContractAccess.revoked_at.is_(None)
            )
        ):
            grant.revoked_at = DAY_ONE + timedelta(days=50)
            grant.revoked_by = "admin"
            grant.revoke_reason = "Договоры расторгнуты"
    with factory() as session:
        card = SOURCE.detail(session, world.ivanov)
        found = SOURCE.page(session, ListQuery(search="ivanov"), offset=0, after=None, limit=1)
    assert card.sees_nothing is True
    assert [line.live for line in card.contracts] == [False, False, False]
    assert found.rows[0].live_contracts == 0


def test_a_user_who_is_gone_is_not_found(factory: sessionmaker[Session], world: World) -> None:
    with factory() as session, pytest.raises(NotFoundError, match="не найден"):
        SOURCE.detail(session, 999_999)


# --- Revealing a contact ---------------------------------------------------------------------


def test_revealing_a_contact_returns_it_in_full_and_is_audited(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        email = reveal_user_contact(session, world.korolyova, "email", "admin1")
        phone = reveal_user_contact(session, world.korolyova, "phone", "admin1")
    assert (email, phone) == ("alena@vasilek.ru", "8 903 555-12-34")
    with factory() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "reveal_personal_data")
            .order_by(AuditEvent.id)
        ).all()
        card = SOURCE.detail(session, world.korolyova)
    assert [(e.entity, e.entity_id, e.details) for e in events] == [
        ("portal_user", world.korolyova, {"field": "email"}),
        ("portal_user", world.korolyova, {"field": "phone"}),
    ]
    assert [e.summary for e in card.events] == ["Показан телефон", "Показан e-mail"]


REFUSED_REVEALS = {
    "anonymised": ("newxuser", "email", DomainError, "обезличены"),
    "not a contact": ("ivanov", "password_hash", DomainError, "телефон или адрес"),
    "gone": (None, "email", NotFoundError, "не найден"),
}


@pytest.mark.parametrize("case", REFUSED_REVEALS)
def test_a_reveal_refused_writes_nothing(
    factory: sessionmaker[Session], world: World, case: str
) -> None:
    user, field, refusal, message = REFUSED_REVEALS[case]
    user_id = {"newxuser": world.newxuser, "ivanov": world.ivanov}.get(user or "", 999_999)
    with factory.begin() as session:
        before = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
        with pytest.raises(refusal, match=message):
            reveal_user_contact(session, user_id, field, "admin1")
    with factory() as session:
        after = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    assert after == before


# --- PostgreSQL: staff roles, the indexes --------------------------------------------------


def test_a_verifier_reads_the_section_and_reveals_under_their_own_name(
    as_staff: Callable[[str], Engine], pg_factory: sessionmaker[Session]
) -> None:
    with pg_factory.begin() as session:
        owner = factories.counterparty(session)
        contract = factories.contract(session, owner, "ЭС-0012/21")
        user = add_user(session, 1, login="ivanov", email="ivan@romashka.ru")
        access(session, user, contract, approve(session, user, owner.id, 2))
    verifier = as_staff("verifier")
    with db.read_session_factory(verifier)() as session:
        counts = SOURCE.counts(session, ListQuery(search="эс 0012"))
        rows = SOURCE.page(session, ListQuery(search="ivanov"), offset=0, after=None, limit=5)
        card = SOURCE.detail(session, user)
    assert counts["active"] == 1
    assert [row.live_contracts for row in rows.rows] == [1]
    assert card.organisation is not None and card.organisation.counterparty_id == owner.id
    with db.session_factory(verifier).begin() as session:
        login = session.execute(text("SELECT current_user")).scalar_one()
        assert reveal_user_contact(session, user, "email", login) == "ivan@romashka.ru"
    with pg_factory() as session:
        actor = session.scalar(
            select(AuditEvent.actor).where(AuditEvent.action == "reveal_personal_data")
        )
    assert actor == login


def explained(session: Session, action: Callable[[], object]) -> str:
    """The plans of the list statements ``action`` runs (EXPLAIN of each)."""
    plans: list[str] = []

    def explain(_conn: Any, cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if not statement.startswith("EXPLAIN"):
            plans.extend(
                row[0] for row in cursor.connection.execute("EXPLAIN " + statement, params)
            )

    bind = session.connection()
    event.listen(bind, "before_cursor_execute", explain)
    try:
        action()
    finally:
        event.remove(bind, "before_cursor_execute", explain)
    return "\n".join(plans)


@pytest.mark.parametrize(
    ("search", "indexes"),
    [
        ("vasilek", ["ix_portal_user_login_trigram", "ix_portal_user_email_trigram"]),
        ("королёва", ["ix_portal_user_name_trigram"]),
        (
            factories.VASILEK_INN[:6],
            ["ix_registration_request_inn_prefix", "ix_counterparty_inn_pattern"],
        ),
        (VASILEK_KPP, ["ix_registration_request_kpp_prefix", "ix_counterparty_kpp"]),
        (
            "вс 7/22",
            ["ix_contract_number_normalized_pattern", "ix_registration_contract_number_prefix"],
        ),
    ],
)
def test_each_kind_of_search_uses_its_index(
    pg_factory: sessionmaker[Session], search: str, indexes: list[str]
) -> None:
    with pg_factory.begin() as session:
        owner = factories.counterparty(session, inn=factories.VASILEK_INN, kpp=VASILEK_KPP)
        factories.contract(session, owner, "ВС-7/22")
        add_user(session, 1, last_name="Королёва", inn=factories.VASILEK_INN)
        # The tables are tiny: forbid the scans the planner would rightly prefer.
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plans = explained(
            session,
            lambda: SOURCE.page(session, ListQuery(search=search), offset=0, after=None, limit=10),
        )
    for index in indexes:
        assert index in plans, plans


def test_the_first_page_reads_the_newest_accounts_by_index(
    pg_factory: sessionmaker[Session],
) -> None:
    with pg_factory.begin() as session:
        for day in range(3):
            add_user(session, day)
        session.execute(text("SET LOCAL enable_seqscan = off"))
        session.execute(text("SET LOCAL enable_sort = off"))
        plans = explained(
            session, lambda: SOURCE.page(session, ListQuery(), offset=0, after=None, limit=10)
        )
    assert "ix_portal_user_created" in plans, plans


def test_the_migration_goes_down_and_up_again(pg_engine: Engine) -> None:
    def ours() -> set[str]:
        with pg_engine.connect() as connection:
            return set(
                connection.execute(
                    text(
                        "SELECT indexname FROM pg_indexes WHERE tablename = 'portal_user' "
                        "AND indexname IN ('ix_portal_user_login_trigram', "
                        "'ix_portal_user_email_trigram', 'ix_portal_user_name_trigram', "
                        "'ix_portal_user_created', 'ix_portal_user_name_order')"
                    )
                ).scalars()
            )

    assert len(ours()) == 5
    downgrade(pg_engine, "0011")
    assert ours() == set()
    db.upgrade(pg_engine)
    assert len(ours()) == 5
