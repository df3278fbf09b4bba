"""The registry browser: one loose search box, tabs and counts, a counterparty's card,
a contract's equipment and money, a meter's readings — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import (
    AuditEvent,
    Charge,
    ConsumptionObject,
    Contract,
    ContractAccess,
    Counterparty,
    Invoice,
    Meter,
    MeteringPoint,
    MeterReading,
    Payment,
    RegistrationRequest,
)
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.registry_browser import (
    RegistrySource,
    contract_detail,
    counterparty_id_for_inn,
    meter_readings,
    reveal_counterparty_contact,
)
from tests import factories
from tests.migration_steps import downgrade

SOURCE = RegistrySource()
ROMASHKA_OGRN = "1027700132195"
IP_OGRNIP = "304500116000157"
IP_INN = factories.IP_INN


@dataclass(frozen=True)
class World:
    romashka: int
    elochka: int
    petrov: int
    romashka_contract: int
    old_contract: int
    meter: int


def add_point(session: Session, contract: Contract, code: str, voltage: str) -> MeteringPoint:
    place = ConsumptionObject(contract_id=contract.id, name=f"Объект {code}", address="ул. 1")
    session.add(place)
    session.flush()
    point = MeteringPoint(
        consumption_object_id=place.id,
        code=code,
        name=f"ВРУ {code}",
        voltage_level=voltage,
        max_power_kw=Decimal("150"),
    )
    session.add(point)
    session.flush()
    return point


def add_meter(
    session: Session,
    point: MeteringPoint,
    serial: str,
    *,
    digits: int = 6,
    ct: int = 1,
    vt: int = 1,
    next_verification: date = date(2036, 1, 1),
    removed: date | None = None,
) -> Meter:
    meter = Meter(
        metering_point_id=point.id,
        serial=serial,
        model="Меркурий 234",
        accuracy_class="0,5S",
        register_digits=digits,
        ct_ratio=ct,
        vt_ratio=vt,
        installed_on=date(2020, 1, 15),
        verified_on=date(2020, 1, 10),
        verification_interval_years=16,
        next_verification_on=next_verification,
        removed_on=removed,
    )
    session.add(meter)
    session.flush()
    return meter


def organisation(
    session: Session,
    short_name: str,
    inn: str,
    *,
    kpp: str | None = None,
    full_name: str | None = None,
    **extra: object,
) -> Counterparty:
    row = factories.counterparty(session, inn=inn, kpp=kpp, short_name=short_name)
    row.full_name = full_name or short_name
    for key, value in extra.items():
        setattr(row, key, value)
    session.flush()
    return row


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    """Ромашка (active, two contracts, a meter), Ёлочка (inactive, a КПП with letters),
    a sole proprietor, and names with ``%``, ``_`` and ``\\`` beside look-alikes."""
    with factory.begin() as session:
        romashka = organisation(
            session,
            "ООО «Ромашка»",
            factories.ROMASHKA_INN,
            kpp=factories.ROMASHKA_KPP,
            full_name="Общество с ограниченной ответственностью «Ромашка»",
            ogrn=ROMASHKA_OGRN,
            phone="+7 (495) 123-45-67",
            email="info@romashka.ru",
            postal_address="г. Москва, а/я 5",
        )
        elochka = organisation(
            session,
            "АО «Ёлочка»",
            factories.VASILEK_INN,
            kpp="7707AB001",
            full_name="Акционерное общество «Ёлочка»",
            is_active=False,
        )
        petrov = organisation(
            session,
            "ИП Петров Пётр Петрович",
            IP_INN,
            org_type="sole_proprietor",
            ogrn=IP_OGRNIP,
        )
        for name, inn in (
            ("ООО «Свет 100%»", "7702000001"),
            ("ООО «Свет 1000»", "7702000002"),
            ("ООО «Свет_и_Тень»", "7702000003"),
            ("ООО «СветИТень»", "7702000004"),
            ("ООО «Back\\Slash»", "7702000005"),
            ("ООО «Back/Slash»", "7702000006"),
        ):
            organisation(session, name, inn, kpp="770201001")
        contract = factories.contract(session, romashka, "ЭС-0012/21")
        old = factories.contract(session, romashka, "Д-202/2024", status="terminated")
        # Elochka's contract number is all digits and starts like Romashka's ИНН.
        factories.contract(session, elochka, factories.ROMASHKA_INN + "77")
        low = add_point(session, contract, "ТУ-1", "НН")
        add_point(session, contract, "ТУ-2", "СН2")
        meter = add_meter(session, low, "01234567", digits=5, ct=20, vt=100)
        return World(romashka.id, elochka.id, petrov.id, contract.id, old.id, meter.id)


def found(factory: sessionmaker[Session], search: str, **query: object) -> list[str]:
    with factory() as session:
        wanted = ListQuery(search=search, **query)  # type: ignore[arg-type]
        page = SOURCE.page(session, wanted, offset=0, after=None, limit=50)
    return [row.short_name for row in page.rows]


# --- Search ----------------------------------------------------------------------------------


def test_an_empty_search_lists_every_counterparty_by_name_in_any_case(
    factory: sessionmaker[Session], world: World
) -> None:
    names = found(factory, "  ")
    assert names == sorted(names, key=str.lower)
    assert len(names) == 9
    assert names[:2] == ["АО «Ёлочка»", "ИП Петров Пётр Петрович"]


def test_a_full_inn_finds_its_counterparty(factory: sessionmaker[Session], world: World) -> None:
    assert found(factory, IP_INN) == ["ИП Петров Пётр Петрович"]
    assert found(factory, " 7707 083893 ") == ["АО «Ёлочка»"]


def test_three_digits_or_more_find_the_inns_that_start_with_them(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "770200") == [
        "ООО «Back/Slash»",
        "ООО «Back\\Slash»",
        "ООО «Свет 100%»",
        "ООО «Свет 1000»",
        "ООО «Свет_и_Тень»",
        "ООО «СветИТень»",
    ]
    assert found(factory, "50010") == ["ИП Петров Пётр Петрович"]
    assert found(factory, "77") == []  # too short to be a start of anything


def test_a_kpp_finds_its_counterparty_even_with_letters_typed_in_lower_case(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "770601001") == ["ООО «Ромашка»"]
    assert found(factory, "7707ab001") == ["АО «Ёлочка»"]


def test_an_ogrn_or_ogrnip_finds_its_counterparty(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, ROMASHKA_OGRN) == ["ООО «Ромашка»"]
    assert found(factory, IP_OGRNIP) == ["ИП Петров Пётр Петрович"]
    assert found(factory, IP_OGRNIP[:7]) == ["ИП Петров Пётр Петрович"]


def test_digits_that_may_be_an_inn_or_a_contract_number_find_both(
    factory: sessionmaker[Session], world: World
) -> None:
    # Ромашка by its ИНН, Ёлочка by a contract number that starts with the same digits.
    assert found(factory, factories.ROMASHKA_INN) == ["АО «Ёлочка»", "ООО «Ромашка»"]


@pytest.mark.parametrize(
    "typed",
    ["ромашка", "РОМАШ", "ООО Ромашка", "ооо «ромашка»", '"Ромашка"', "Ромашка, ООО"],
)
def test_a_part_of_the_name_ignores_case_legal_form_and_quotes(
    factory: sessionmaker[Session], world: World, typed: str
) -> None:
    assert found(factory, typed) == ["ООО «Ромашка»"]


def test_a_part_of_the_name_reads_yo_as_ye_both_ways(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "елочка") == ["АО «Ёлочка»"]
    assert found(factory, "ЁЛОЧКА") == ["АО «Ёлочка»"]
    assert found(factory, "Пётр") == ["ИП Петров Пётр Петрович"]
    assert found(factory, "петр петрович") == ["ИП Петров Пётр Петрович"]


def test_the_full_name_is_searched_too(factory: sessionmaker[Session], world: World) -> None:
    assert found(factory, "акционерное общество") == ["АО «Ёлочка»"]


def test_a_legal_form_alone_is_searched_as_a_name_part(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "ИП") == ["ИП Петров Пётр Петрович"]


@pytest.mark.parametrize("typed", ["ЭС-0012/21", "эс 0012 21", "ЭC–0012/21", "эC 0012/21", "эс-00"])
def test_a_contract_number_is_found_however_it_is_typed(
    factory: sessionmaker[Session], world: World, typed: str
) -> None:
    # A Latin C stands for the Cyrillic С; an en dash for the hyphen.
    assert found(factory, typed) == ["ООО «Ромашка»"]


def test_a_meter_serial_is_found_whole_or_by_its_start(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "01234567") == ["ООО «Ромашка»"]
    assert found(factory, "0123") == ["ООО «Ромашка»"]
    assert found(factory, "1234") == []


@pytest.mark.parametrize(
    ("typed", "name"),
    [("100%", "ООО «Свет 100%»"), ("т_и", "ООО «Свет_и_Тень»"), ("k\\s", "ООО «Back\\Slash»")],
)
def test_percent_underscore_and_backslash_are_searched_literally(
    factory: sessionmaker[Session], world: World, typed: str, name: str
) -> None:
    assert found(factory, typed) == [name]


# --- Tabs, choice, counts, pages -------------------------------------------------------------


def test_tabs_and_the_org_type_choice_narrow_the_list_and_the_counts(
    factory: sessionmaker[Session], world: World
) -> None:
    assert found(factory, "", tab="inactive") == ["АО «Ёлочка»"]
    assert len(found(factory, "", tab="active")) == 8
    sole = ListQuery().with_choice("org_type", "sole_proprietor")
    with factory() as session:
        assert SOURCE.counts(session, ListQuery()) == {"all": 9, "active": 8, "inactive": 1}
        assert SOURCE.counts(session, sole) == {"all": 1, "active": 1, "inactive": 0}
        assert SOURCE.counts(session, ListQuery(search="свет")) == {
            "all": 4,
            "active": 4,
            "inactive": 0,
        }
        rows = SOURCE.page(session, sole, offset=0, after=None, limit=10).rows
    assert [row.short_name for row in rows] == ["ИП Петров Пётр Петрович"]


def test_a_row_counts_contracts_active_contracts_and_portal_users(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        users = [user_of(session, factories.registration(session)) for _ in range(3)]
        contract = session.get_one(Contract, world.romashka_contract)
        old = session.get_one(Contract, world.old_contract)
        factories.grant(session, users[0], contract)
        factories.grant(session, users[0], old)
        factories.grant(session, users[1], old)
        revoked = ContractAccess(
            portal_user_id=users[2],
            contract_id=contract.id,
            granted_by="test",
            revoked_by="test",
            revoked_at=datetime.now(UTC),
        )
        session.add(revoked)
    with factory() as session:
        (row,) = SOURCE.page(
            session, ListQuery(search="Ромашка"), offset=0, after=None, limit=5
        ).rows
    assert (row.contracts, row.active_contracts, row.portal_users) == (2, 1, 2)
    assert (row.inn, row.kpp, row.ogrn, row.org_type, row.is_active) == (
        factories.ROMASHKA_INN,
        factories.ROMASHKA_KPP,
        ROMASHKA_OGRN,
        "legal_entity",
        True,
    )


def test_pages_carry_the_total_of_the_whole_query(
    factory: sessionmaker[Session], world: World
) -> None:
    query = ListQuery(search="770200")
    with factory() as session:
        first = SOURCE.page(session, query, offset=0, after=None, limit=4)
        second = SOURCE.page(session, query, offset=4, after=first.rows[-1], limit=4)
        past = SOURCE.page(session, query, offset=40, after=None, limit=4)
        exported = list(SOURCE.export_rows(session, query))
    assert (first.total, len(first.rows)) == (6, 4)
    assert (second.total, len(second.rows), second.offset) == (6, 2, 4)
    assert (past.total, past.rows) == (6, ())
    assert exported == [*first.rows, *second.rows]


def test_an_unknown_tab_or_org_type_is_a_programming_error(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(ValueError, match="tab"):
        SOURCE.counts(session, ListQuery(tab="deleted"))
    with factory() as session, pytest.raises(ValueError, match="org_type"):
        SOURCE.counts(session, ListQuery().with_choice("org_type", "person"))


# --- One counterparty ------------------------------------------------------------------------


def user_of(session: Session, request_id: int) -> int:
    return session.get_one(RegistrationRequest, request_id).portal_user_id


def test_the_card_shows_requisites_with_masked_contacts_and_contracts_with_voltages(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        card = SOURCE.detail(session, world.romashka)
    assert (card.inn, card.kpp, card.ogrn, card.org_type) == (
        factories.ROMASHKA_INN,
        factories.ROMASHKA_KPP,
        ROMASHKA_OGRN,
        "legal_entity",
    )
    assert card.full_name == "Общество с ограниченной ответственностью «Ромашка»"
    assert card.postal_address == "г. Москва, а/я 5"
    assert card.phone_masked == "+7 (***) ***-**-67"
    assert card.email_masked == "i***@romashka.ru"
    assert [c.number for c in card.contracts] == ["Д-202/2024", "ЭС-0012/21"] or [
        c.number for c in card.contracts
    ] == ["ЭС-0012/21", "Д-202/2024"]
    by_number = {c.number: c for c in card.contracts}
    assert by_number["ЭС-0012/21"].voltage_levels == ("СН2", "НН")
    assert by_number["ЭС-0012/21"].max_power_kw == Decimal("150.00")
    assert by_number["Д-202/2024"].voltage_levels == ()
    assert by_number["Д-202/2024"].status == "terminated"
    assert by_number["Д-202/2024"].terminated_on == date(2025, 1, 31)


def test_the_card_lists_users_with_live_access_and_the_requests_of_its_inn(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        by_inn = factories.registration(session, last_name="Сидорова", first_name="Анна")
        linked = factories.registration(
            session, inn="7736050003", login="linked", email="linked@romashka.ru"
        )
        session.get_one(RegistrationRequest, linked).counterparty_id = world.romashka
        other = factories.registration(session, inn="7736050003", login="other")
        user = user_of(session, by_inn)
        factories.grant(session, user, session.get_one(Contract, world.romashka_contract))
        factories.grant(session, user, session.get_one(Contract, world.old_contract))
        session.add(
            ContractAccess(
                portal_user_id=user_of(session, other),
                contract_id=world.romashka_contract,
                granted_by="test",
                revoked_at=datetime.now(UTC),
                revoked_by="test",
            )
        )
    with factory() as session:
        card = SOURCE.detail(session, world.romashka)
    (access,) = card.users
    assert access.user_id == user
    assert access.name_masked == "Сидорова А. И."
    assert access.email_masked.endswith("@romashka.ru") and "*" in access.email_masked
    assert sorted(access.contract_numbers) == ["Д-202/2024", "ЭС-0012/21"]
    assert access.status == "pending"
    assert {r.id for r in card.requests} == {by_inn, linked}
    assert all(r.status == "pending" and r.decided_at is None for r in card.requests)


def test_a_counterparty_that_is_gone_is_not_found(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session, pytest.raises(NotFoundError, match="не найден"):
        SOURCE.detail(session, 999_999)


def test_revealing_a_contact_returns_it_in_full_and_is_audited(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        phone = reveal_counterparty_contact(session, world.romashka, "verifier1", "phone")
        email = reveal_counterparty_contact(session, world.romashka, "verifier1", "email")
    assert (phone, email) == ("+7 (495) 123-45-67", "info@romashka.ru")
    with factory() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.entity, e.entity_id, e.details) for e in events] == [
        ("reveal_personal_data", "counterparty", world.romashka, {"field": "phone"}),
        ("reveal_personal_data", "counterparty", world.romashka, {"field": "email"}),
    ]


def test_nothing_to_reveal_is_refused_without_an_audit_event(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        with pytest.raises(DomainError, match="не указан телефон"):
            reveal_counterparty_contact(session, world.elochka, "verifier1", "phone")
        with pytest.raises(DomainError, match="телефон или адрес"):
            reveal_counterparty_contact(session, world.romashka, "verifier1", "inn")  # type: ignore[arg-type]
        with pytest.raises(NotFoundError):
            reveal_counterparty_contact(session, 999_999, "verifier1", "email")
    with factory() as session:
        assert session.scalars(select(AuditEvent)).all() == []


def test_the_counterparty_of_an_inn_is_the_one_the_checks_would_match(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        branch = organisation(
            session, "ООО «Ромашка» (филиал)", factories.ROMASHKA_INN, kpp="771043001"
        )
    with factory() as session:
        assert counterparty_id_for_inn(session, factories.ROMASHKA_INN, None) == world.romashka
        assert counterparty_id_for_inn(session, " 7706107510 ", "771043001") == branch.id
        assert counterparty_id_for_inn(session, factories.ROMASHKA_INN, "770101001") is None
        assert counterparty_id_for_inn(session, factories.UNKNOWN_VALID_INN, None) is None


# --- One contract ----------------------------------------------------------------------------

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)


def charge(contract_id: int, period: date, total: str) -> Charge:
    amount = (Decimal(total) / Decimal("1.2")).quantize(Decimal("0.01"))
    return Charge(
        contract_id=contract_id,
        period=period,
        description="Электроэнергия",
        volume_kwh=Decimal("100"),
        price=Decimal("10"),
        amount=amount,
        vat_rate=Decimal("20"),
        vat_amount=Decimal(total) - amount,
        total=Decimal(total),
    )


def payment(contract_id: int, paid_on: date, amount: str, period: date | None) -> Payment:
    return Payment(
        contract_id=contract_id,
        paid_on=paid_on,
        document_number=f"п/п {paid_on:%d%m}",
        amount=Decimal(amount),
        purpose="Оплата",
        period=period,
    )


def invoice(contract_id: int, kind: str, period: date, total: str) -> Invoice:
    return Invoice(
        contract_id=contract_id,
        kind=kind,
        number=f"{kind}-{period:%y%m}",
        issued_on=period,
        period=period,
        amount=Decimal(total),
        vat_rate=Decimal("20"),
        vat_amount=Decimal(0),
        total=Decimal(total),
    )


def test_a_contract_balance_runs_month_by_month_from_the_debt_carried_over(
    factory: sessionmaker[Session], world: World
) -> None:
    contract = world.romashka_contract
    with factory.begin() as session:
        session.add_all(
            [
                charge(contract, date(2022, 1, 1), "300.00"),  # before the 36 months shown
                charge(contract, SEP, "1200.00"),
                charge(contract, OCT, "1000.00"),
                charge(contract, OCT, "1400.00"),
                payment(contract, date(2026, 10, 2), "1000.00", SEP),  # for September
                payment(contract, date(2026, 10, 5), "500.00", None),  # October by its date
                invoice(contract, "invoice", SEP, "1200.00"),
                invoice(contract, "vat_invoice", SEP, "1200.00"),  # the same sum, not twice
                invoice(contract, "invoice", OCT, "2400.00"),
            ]
        )
    with factory() as session:
        detail = contract_detail(session, contract, today=date(2026, 11, 5))
    assert detail.since == date(2023, 11, 1)
    assert detail.opening_balance == Decimal("300.00")
    assert len(detail.months) == 36
    assert detail.months[0].period == date(2023, 11, 1)
    assert detail.months[0].balance == Decimal("300.00")
    september, october = detail.months[-2:]
    assert (september.period, september.charged, september.paid, september.invoiced) == (
        SEP,
        Decimal("1200.00"),
        Decimal("1000.00"),
        Decimal("1200.00"),
    )
    assert september.balance == Decimal("500.00")
    assert (october.charged, october.paid, october.invoiced) == (
        Decimal("2400.00"),
        Decimal("500.00"),
        Decimal("2400.00"),
    )
    assert october.balance == detail.closing_balance == Decimal("2400.00")
    assert [c.period for c in detail.charges] == [OCT, OCT, SEP]  # newest first, capped
    assert [p.paid_on for p in detail.payments] == [date(2026, 10, 5), date(2026, 10, 2)]
    assert [(i.kind, i.period) for i in detail.invoices][:1] == [("invoice", OCT)]
    assert len(detail.invoices) == 3


def test_a_contract_shows_objects_points_and_meters_with_verification_due(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        point = session.scalars(select(MeteringPoint).where(MeteringPoint.code == "ТУ-2")).one()
        add_meter(session, point, "OVERDUE-1", next_verification=date(2026, 10, 1))
        add_meter(session, point, "SOON-2", next_verification=date(2027, 1, 15))
        add_meter(
            session, point, "GONE-3", next_verification=date(2020, 1, 1), removed=date(2024, 1, 1)
        )
    with factory() as session:
        detail = contract_detail(session, world.romashka_contract, today=date(2026, 11, 5))
        with pytest.raises(NotFoundError):
            contract_detail(session, 999_999)
    assert (detail.number, detail.counterparty_name, detail.status) == (
        "ЭС-0012/21",
        "ООО «Ромашка»",
        "active",
    )
    assert detail.since is None and detail.months == () and detail.charges == ()
    points = {p.code: p for o in detail.objects for p in o.points}
    assert set(points) == {"ТУ-1", "ТУ-2"}
    (main,) = points["ТУ-1"].meters
    assert (main.serial, main.multiplier, main.register_digits) == ("01234567", 2000, 5)
    assert not main.verification_overdue and not main.verification_due_soon
    flags = {
        m.serial: (m.verification_overdue, m.verification_due_soon) for m in points["ТУ-2"].meters
    }
    assert flags == {
        "OVERDUE-1": (True, False),
        "SOON-2": (False, True),
        "GONE-3": (False, False),
    }


# --- One meter's readings --------------------------------------------------------------------


def add_readings(factory: sessionmaker[Session], meter_id: int, values: dict[date, str]) -> None:
    with factory.begin() as session:
        for period, value in values.items():
            session.add(
                MeterReading(
                    meter_id=meter_id, period=period, value=Decimal(value), source="portal"
                )
            )


def test_readings_apply_rollover_and_the_multiplier_and_show_a_missing_month(
    factory: sessionmaker[Session], world: World
) -> None:
    # Five register digits, ct 20 × vt 100 = 2000; no reading on 1 August.
    add_readings(
        factory,
        world.meter,
        {
            date(2026, 6, 1): "99990.000",
            date(2026, 7, 1): "10.000",
            date(2026, 9, 1): "50.000",
            date(2026, 10, 1): "80.500",
        },
    )
    with factory() as session:
        readings = meter_readings(session, world.meter)
    assert (readings.serial, readings.multiplier, readings.point_code) == ("01234567", 2000, "ТУ-1")
    assert readings.contract_number == "ЭС-0012/21"
    lines = [
        (r.period.month, r.value, r.difference, r.kwh, r.rolled_over, r.missing)
        for r in readings.readings
    ]
    assert lines == [
        (10, Decimal("80.500"), Decimal("30.500"), Decimal("61000.000"), False, False),
        (9, Decimal("50.000"), None, None, False, False),
        (8, None, None, None, False, True),
        (7, Decimal("10.000"), Decimal("20.000"), Decimal("40000.000"), True, False),
        (6, Decimal("99990.000"), None, None, False, False),
    ]
    assert [(m.period.month, m.kwh) for m in readings.consumption] == [
        (5, None),
        (6, Decimal("40000.000")),
        (7, None),
        (8, None),
        (9, Decimal("61000.000")),
    ]


def test_readings_keep_to_the_months_asked_for_but_use_the_reading_before(
    factory: sessionmaker[Session], world: World
) -> None:
    add_readings(
        factory,
        world.meter,
        {date(2026, month, 1): str(100 * month) for month in range(1, 11)},
    )
    with factory() as session:
        readings = meter_readings(session, world.meter, months=3)
        with pytest.raises(NotFoundError):
            meter_readings(session, 999_999)
    assert [r.period.month for r in readings.readings] == [10, 9, 8]
    assert [r.kwh for r in readings.readings] == [Decimal("200000.000")] * 3


def test_a_meter_without_readings_has_an_empty_table(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        readings = meter_readings(session, world.meter)
    assert readings.readings == () and readings.consumption == ()


# --- PostgreSQL: the indexes serve the search ------------------------------------------------


def explained(session: Session, action: Callable[[], object]) -> list[str]:
    """The plans of the list statements ``action`` runs (EXPLAIN of each, same parameters)."""
    plans: list[str] = []

    def explain(_conn: Any, cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if "total" in statement and not statement.startswith("EXPLAIN"):
            plans.extend(
                row[0] for row in cursor.connection.execute("EXPLAIN " + statement, params)
            )

    bind = session.connection()
    event.listen(bind, "before_cursor_execute", explain)
    try:
        action()
    finally:
        event.remove(bind, "before_cursor_execute", explain)
    return plans


@pytest.mark.parametrize(
    ("search", "index"),
    [
        ("ромашка", "ix_counterparty_short_name_trgm"),
        ("общество", "ix_counterparty_full_name_trgm"),
        ("7706107", "ix_counterparty_inn_pattern"),
        ("1027700", "ix_counterparty_ogrn_pattern"),
        ("770601001", "ix_counterparty_kpp"),
        ("ЭС-0012", "ix_contract_number_normalized_pattern"),
        ("0123456", "ix_meter_serial_pattern"),
    ],
)
def test_each_kind_of_search_uses_its_index(
    pg_factory: sessionmaker[Session], search: str, index: str
) -> None:
    with pg_factory.begin() as session:
        owner = factories.counterparty(session)
        factories.contract(session, owner, "ЭС-0012/21")
        # The tables are tiny: forbid the scans the planner would rightly prefer (the whole
        # table, or the list's order index with a filter), leaving the bitmap index scans.
        session.execute(text("SET LOCAL enable_seqscan = off"))
        session.execute(text("SET LOCAL enable_indexscan = off"))
        plans = explained(
            session,
            lambda: SOURCE.page(session, ListQuery(search=search), offset=0, after=None, limit=10),
        )
    assert any(index in line for line in plans), "\n".join(plans)


def test_the_card_finds_requests_by_index(pg_factory: sessionmaker[Session]) -> None:
    with pg_factory.begin() as session:
        owner = factories.counterparty(session)
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plans: list[str] = []

        def explain(_conn: Any, cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
            if "registration_request" in statement and not statement.startswith("EXPLAIN"):
                plans.extend(
                    row[0] for row in cursor.connection.execute("EXPLAIN " + statement, params)
                )

        bind = session.connection()
        event.listen(bind, "before_cursor_execute", explain)
        try:
            SOURCE.detail(session, owner.id)
        finally:
            event.remove(bind, "before_cursor_execute", explain)
    text_of_plans = "\n".join(plans)
    assert "ix_registration_request_counterparty_id" in text_of_plans, text_of_plans
    assert "ix_registration_request_inn_trimmed" in text_of_plans, text_of_plans


def test_the_migration_goes_down_and_up_again(pg_engine: Engine) -> None:
    def ours() -> set[str]:
        with pg_engine.connect() as connection:
            return set(
                connection.execute(
                    text(
                        "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_trgm' "
                        "OR indexname LIKE '%\\_pattern' OR indexname IN "
                        "('ix_counterparty_kpp', 'ix_registration_request_counterparty_id', "
                        "'ix_registration_request_inn_trimmed', 'ix_counterparty_short_name_lower')"
                    )
                ).scalars()
            )

    assert len(ours()) == 10
    downgrade(pg_engine, "0007")
    assert ours() == set()
    with pg_engine.connect() as connection:
        assert (
            connection.execute(
                text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
            ).scalar_one()
            == 0
        )
    db.upgrade(pg_engine)
    assert len(ours()) == 10


def test_the_list_is_ordered_by_the_column_the_clerk_chose(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        few = factories.counterparty(session, inn="7707083893", kpp="770701001", short_name="Б")
        many = factories.counterparty(session, inn="7706107510", kpp="770601001", short_name="В")
        factories.counterparty(session, inn="500100732259", kpp=None, short_name="А")
        for number in ("ЭС-1", "ЭС-2"):
            factories.contract(session, many, number)
        factories.contract(session, few, "ЭС-3")
    source = RegistrySource()
    with factory() as session:

        def names(order: str) -> list[str]:
            page = source.page(session, ListQuery(order=order), offset=0, after=None, limit=10)
            return [row.short_name for row in page.rows]

        assert names("") == ["А", "Б", "В"]
        assert names("-name") == ["В", "Б", "А"]
        assert names("inn") == ["А", "В", "Б"]
        assert names("-contracts") == ["В", "Б", "А"]
        assert names("no such order") == ["А", "Б", "В"]


def test_a_nul_in_the_search_is_refused_in_russian(factory: sessionmaker[Session]) -> None:
    with factory() as session, pytest.raises(DomainError, match="Поиск"):
        SOURCE.page(session, ListQuery(search="77\x0006"), offset=0, after=None, limit=10)


def test_the_export_lists_every_row_as_the_pages_do_in_any_order(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        few = factories.counterparty(session, inn="7707083893", kpp="770701001", short_name="Б")
        many = factories.counterparty(session, inn="7706107510", kpp="770601001", short_name="В")
        factories.counterparty(session, inn="500100732259", kpp=None, short_name="А")
        for number in ("ЭС-1", "ЭС-2"):
            factories.contract(session, many, number)
        factories.contract(session, few, "ЭС-3")
    with factory() as session:
        for order in ("", "-name", "inn", "-contracts"):
            query = ListQuery(order=order)
            page = SOURCE.page(session, query, offset=0, after=None, limit=10)
            assert list(SOURCE.export_rows(session, query)) == list(page.rows), order


def test_the_export_reads_in_the_desks_autocommit_session(engine: Engine) -> None:
    """Desks read lists (and exports) in autocommit sessions, as db.read_session_factory
    makes them: no server-side cursor may be needed."""
    with db.session_factory(engine).begin() as session:
        factories.counterparty(session)
    with db.read_session_factory(engine)() as session:
        exported = list(SOURCE.export_rows(session, ListQuery()))
    assert [row.inn for row in exported] == [factories.ROMASHKA_INN]
