"""The demo data generator: valid, realistic, deterministic, atomic, on SQLite and PostgreSQL.

One small world per database (module scope) serves the many checks of what was generated;
the behaviour of ``generate`` itself (refusal, cancellation, progress) runs per test.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from lkk_admin import db
from lkk_admin.models import Base, Counterparty, PortalUser, RegistrationRequest
from lkk_admin.services import checks, demo_data, news, portal_users, queue, review_sla
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.demo_data import billing, portal_acts
from lkk_admin.services.demo_data.names import FREE_MAIL_DOMAINS, LEGAL_FORMS
from lkk_admin.services.errors import DomainError
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.news_browser import NewsSource
from lkk_admin.services.news_html import sanitize_html
from lkk_admin.services.request_list import is_overdue
from lkk_admin.services.requisites import (
    is_valid_inn,
    is_valid_inn10,
    is_valid_inn12,
    is_valid_kpp,
    is_valid_ogrn13,
    is_valid_ogrnip,
)
from lkk_admin.terminal import TerminalProgress

SCALE = 0.02
CENT = Decimal("0.01")


@dataclass
class World:
    url: str
    engine: Engine
    summary: demo_data.DemoSummary

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as connection:
            return list(connection.execute(text(sql), params))

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar_one()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """One generated world per database for the whole module (generation takes seconds)."""
    if request.param == "sqlite":
        url = db.sqlite_url(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
        summary = demo_data.generate(url, SCALE, today=demo_data.TODAY)
        engine = db.make_engine(url)
        yield World(url, engine, summary)
        engine.dispose()
        return
    admin_url = str(request.getfixturevalue("postgres_admin_url"))
    template = str(request.getfixturevalue("postgres_template"))
    name = f"lkk_demo_{os.getpid()}"
    admin = create_engine(db.normalize_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    summary = demo_data.generate(url, SCALE, today=demo_data.TODAY)
    engine = db.make_engine(url)
    try:
        yield World(url, engine, summary)
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def dec(value: Any) -> Decimal:
    """NUMERIC as Decimal on both databases (SQLite hands back floats)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _when(value: Any) -> datetime:
    """A timestamp as stored: aware on PostgreSQL, naive UTC text on SQLite."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(UTC)
    return datetime.fromisoformat(str(value))


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# --- The registry ----------------------------------------------------------------------------


def test_every_table_has_rows_and_the_summary_counts_them(world: World) -> None:
    counts = world.summary.counts
    assert set(counts) == {table for table in demo_data.TABLE_LABELS}
    assert all(count > 0 for count in counts.values()), counts
    assert counts["counterparty"] == world.scalar("SELECT count(*) FROM counterparty") == 400
    assert counts["contract"] == 1000
    assert world.summary.seconds > 0
    described = world.summary.describe()
    assert "контрагенты" in described and "1\u00a0000" in described


def test_requisites_are_valid_for_every_counterparty(world: World) -> None:
    rows = world.rows(
        "SELECT inn, kpp, ogrn, org_type, full_name, short_name, is_active FROM counterparty"
    )
    kinds = Counter(row.org_type for row in rows)
    assert 0.75 < kinds["legal_entity"] / len(rows) < 0.95
    for inn, kpp, ogrn, org_type, full_name, short_name, _ in rows:
        if org_type == "legal_entity":
            assert is_valid_inn10(inn) and is_valid_kpp(kpp), (inn, kpp)
            assert is_valid_ogrn13(ogrn) and ogrn[0] in "15", ogrn
            assert re.fullmatch(r"[А-ЯЁ]{2,5} «.+»", short_name), short_name
            assert full_name.endswith(short_name.split(" ", 1)[1]), (full_name, short_name)
        else:
            assert is_valid_inn12(inn) and kpp is None, (inn, kpp)
            assert is_valid_ogrnip(ogrn) and ogrn[0] == "3", ogrn
            assert short_name.startswith("ИП ") and len(short_name.split()) == 4
            assert full_name == "Индивидуальный предприниматель " + short_name[3:]
    kpps_by_inn: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.kpp:
            kpps_by_inn[row.inn].add(row.kpp)
    assert any(len(kpps) > 1 for kpps in kpps_by_inn.values()), "an organisation with branches"
    all_kpp = [row.kpp for row in rows if row.kpp]
    assert any(k.startswith("99") for k in all_kpp), "a largest taxpayer"
    assert any(not k[4:6].isdigit() for k in all_kpp), "letters in the reason code"
    assert Counter(k[4:6] for k in all_kpp).most_common(1)[0][0] == "01"
    assert any(not row.is_active for row in rows)


def test_contract_numbers_are_unique_normalised_and_in_several_formats(world: World) -> None:
    rows = world.rows("SELECT number, number_normalized FROM contract")
    numbers = [row.number for row in rows]
    assert len(set(numbers)) == len(numbers)
    assert len({row.number_normalized for row in rows}) == len(numbers), "unique after folding"
    assert all(row.number_normalized == normalize_contract_number(row.number) for row in rows)
    formats = {
        "digits": r"\d{14}",
        "slash_e": r"\d{5}/Э",
        "es_year": r"ЭС-\d{4}/\d{2}",
        "d_year": r"Д-\d+/\d{4}",
        "branch": r"[А-Я]{2}-\d{5}",
    }
    seen = Counter(
        next((name for name, pattern in formats.items() if re.fullmatch(pattern, n)), n)
        for n in numbers
    )
    assert set(seen) == set(formats), seen


def test_price_categories_three_to_six_only_from_670_kw(world: World) -> None:
    rows = world.rows(
        "SELECT c.price_category, c.max_power_kw, "
        "(SELECT sum(p.max_power_kw) FROM metering_point p JOIN consumption_object o "
        " ON o.id = p.consumption_object_id WHERE o.contract_id = c.id) AS points "
        "FROM contract c"
    )
    for category, power, points in rows:
        assert 1 <= category <= 6
        if dec(power) >= 670:
            assert category >= 3, (category, power)
        assert dec(points) == dec(power)
    assert {row.price_category for row in rows} == {1, 2, 3, 4, 5, 6}


def test_contract_statuses_and_termination_dates(world: World) -> None:
    rows = world.rows("SELECT status, terminated_on, signed_on FROM contract")
    statuses = Counter(row.status for row in rows)
    assert statuses["active"] > statuses["terminated"] > 0 and statuses["suspended"] > 0
    for status, terminated_on, signed_on in rows:
        assert (terminated_on is not None) == (status == "terminated")
        if terminated_on is not None:
            assert as_date(signed_on) < as_date(terminated_on) < demo_data.TODAY


def test_every_contract_meters_one_to_three_objects_and_points(world: World) -> None:
    objects = world.rows(
        "SELECT contract_id, count(*) FROM consumption_object GROUP BY contract_id"
    )
    assert len(objects) == 1000 and all(1 <= n <= 3 for _, n in objects)
    points = world.rows(
        "SELECT consumption_object_id, count(*) FROM metering_point GROUP BY consumption_object_id"
    )
    assert all(1 <= n <= 3 for _, n in points)
    meters = world.rows(
        "SELECT p.voltage_level, p.max_power_kw, m.register_digits, m.ct_ratio, m.vt_ratio, "
        "m.is_automated, m.verified_on, m.next_verification_on, m.verification_interval_years "
        "FROM metering_point p JOIN meter m ON m.metering_point_id = p.id"
    )
    assert len(meters) == world.scalar("SELECT count(*) FROM metering_point")
    for voltage, power, digits, ct, vt, _, verified, due, interval in meters:
        assert 5 <= digits <= 8 and 10 <= interval <= 16
        assert as_date(due).year - as_date(verified).year == interval
        if voltage == "НН":
            assert vt == 1
        else:
            assert vt >= 60 and ct > 1
        if ct == 1:
            assert voltage == "НН" and dec(power) <= 60
    assert {m.voltage_level for m in meters} >= {"НН", "СН2"}
    assert any(m.is_automated for m in meters) and not all(m.is_automated for m in meters)
    assert any(as_date(m.next_verification_on) < demo_data.TODAY for m in meters), "overdue"


# --- Readings and billing --------------------------------------------------------------------


def test_readings_are_monthly_plausible_and_roll_over(world: World) -> None:
    rows = world.rows(
        "SELECT r.meter_id, r.period, r.value, r.source, m.is_automated, m.register_digits, "
        "m.ct_ratio * m.vt_ratio AS multiplier, p.max_power_kw "
        "FROM meter_reading r JOIN meter m ON m.id = r.meter_id "
        "JOIN metering_point p ON p.id = m.metering_point_id ORDER BY r.meter_id, r.period"
    )
    periods = {as_date(row.period) for row in rows}
    assert min(periods) == date(2023, 12, 1) and max(periods) == date(2026, 11, 1)
    assert all(period.day == 1 for period in periods)
    rollovers = 0
    previous: Any = None
    for row in rows:
        assert (row.source == "askue") == bool(row.is_automated)
        value = dec(row.value)
        assert 0 <= value < 10**row.register_digits
        if previous is not None and previous.meter_id == row.meter_id:
            difference = value - dec(previous.value)
            if difference < 0:
                rollovers += 1
                difference += 10**row.register_digits
            hours = 24 * (as_date(row.period) - as_date(previous.period)).days
            assert difference * row.multiplier <= dec(row.max_power_kw) * hours
        previous = row
    assert rollovers >= 1
    assert {row.source for row in rows} >= {"askue", "portal", "inspector"}


def test_charges_follow_volume_price_and_the_vat_of_their_month(world: World) -> None:
    rows = world.rows(
        "SELECT period, volume_kwh, price, amount, vat_rate, vat_amount, total FROM charge"
    )
    rates = set()
    for month, volume, price, amount, rate, vat, total in rows:
        expected_rate = Decimal(22) if as_date(month) >= date(2026, 1, 1) else Decimal(20)
        assert dec(rate) == expected_rate
        rates.add(dec(rate))
        assert dec(amount) == money(dec(volume) * dec(price))
        assert dec(vat) == money(dec(amount) * expected_rate / 100)
        assert dec(total) == dec(amount) + dec(vat)
        assert 5 < dec(price) < 15, "₽/kWh"
    assert rates == {Decimal(20), Decimal(22)}


def test_invoices_per_month_with_the_documents_own_vat_rate(world: World) -> None:
    rows = world.rows(
        "SELECT contract_id, kind, number, period, amount, vat_rate, vat_amount, "
        "total, issued_on FROM invoice"
    )
    for kind in ("invoice", "vat_invoice"):
        numbers = [row.number for row in rows if row.kind == kind]
        assert len(numbers) == len(set(numbers)) > 0
    pairs = Counter((row.contract_id, as_date(row.period)) for row in rows)
    assert set(pairs.values()) == {2}
    charges = {
        # SQLite sums REAL values: round the sums back to kopecks.
        (row.contract_id, as_date(row.period)): (money(dec(row.amount)), money(dec(row.vat)))
        for row in world.rows(
            "SELECT contract_id, period, sum(amount) AS amount, "
            "sum(vat_amount) AS vat FROM charge GROUP BY contract_id, period"
        )
    }
    for row in rows:
        period = as_date(row.period)
        assert dec(row.vat_rate) == (Decimal(22) if period >= date(2026, 1, 1) else Decimal(20))
        assert dec(row.total) == dec(row.amount) + dec(row.vat_amount)
        assert (dec(row.amount), dec(row.vat_amount)) == charges[(row.contract_id, period)]
        assert as_date(row.issued_on) <= demo_data.TODAY
    december = [r for r in rows if as_date(r.period) == date(2025, 12, 1) and r.kind == "invoice"]
    assert december and all(
        dec(r.vat_rate) == 20 and as_date(r.issued_on).year == 2026 for r in december
    )


def test_payments_follow_the_schedule_with_some_debt_and_some_credit(world: World) -> None:
    balance = world.rows(
        "SELECT c.contract_id, c.billed, coalesce(p.paid, 0) AS paid FROM "
        "(SELECT contract_id, sum(total) AS billed FROM invoice WHERE kind = 'invoice' "
        " GROUP BY contract_id) c LEFT JOIN "
        "(SELECT contract_id, sum(amount) AS paid FROM payment GROUP BY contract_id) p "
        "ON p.contract_id = c.contract_id"
    )
    debts = [row for row in balance if money(dec(row.billed)) - money(dec(row.paid)) > 1000]
    credits = [row for row in balance if money(dec(row.paid)) > money(dec(row.billed))]
    assert debts and credits
    days = Counter(as_date(row.paid_on).day for row in world.rows("SELECT paid_on FROM payment"))
    # By the 10th, by the 25th, by the 18th of the next month (a few days early, or late).
    windows = set(range(6, 11)) | set(range(21, 26)) | set(range(12, 19))
    assert sum(n for day, n in days.items() if day in windows) > 0.85 * sum(days.values())
    assert (
        max(as_date(r.paid_on) for r in world.rows("SELECT paid_on FROM payment"))
        <= demo_data.TODAY
    )
    purposes = [row.purpose for row in world.rows("SELECT purpose FROM payment")]
    assert any("30 %" in p for p in purposes) and any("окончательный расчёт" in p for p in purposes)


def test_tariff_components_add_up_to_the_final_price(world: World) -> None:
    rows = world.rows(
        "SELECT period, price_category, voltage_level, component, rate, unit FROM tariff_component"
    )
    table: dict[tuple[Any, ...], dict[str, tuple[Decimal, str]]] = defaultdict(dict)
    for period, category, voltage, component, rate, unit in rows:
        table[(as_date(period), category, voltage)][component] = (dec(rate), unit)
    assert len(table) == 35 * 6 * 4
    for (_, category, voltage), components in table.items():
        total = sum(
            (
                rate
                for name, (rate, unit) in components.items()
                if unit == "RUB/MWh" and name != "final"
            ),
            Decimal(0),
        )
        if category >= 3:
            capacity, unit = components["capacity"]
            assert unit == "RUB/MW" and 800_000 < capacity < 1_600_000
            total += money(capacity / billing.HOURS_OF_CAPACITY_USE)
        else:
            assert "capacity" not in components
        assert components["final"][0] == total
        if category == 1 and voltage == "НН":
            assert 8_000 < total < 11_000


# --- Portal users and registration requests ------------------------------------------------


def test_requests_exist_in_every_status_with_their_traces(world: World) -> None:
    statuses = Counter(row.status for row in world.rows("SELECT status FROM registration_request"))
    assert set(statuses) == {
        "email_unconfirmed",
        "pending",
        "in_review",
        "needs_info",
        "approved",
        "rejected",
        "expired",
    }
    assert statuses["pending"] == max(statuses.values())
    claims = world.rows(
        "SELECT claimed_by, claimed_at, claim_expires_at FROM registration_request "
        "WHERE status = 'in_review'"
    )
    assert any(row.claimed_by == "verifier1" for row in claims)
    assert all(row.claim_expires_at is not None for row in claims)
    approved = world.rows(
        "SELECT r.id, r.decided_by, r.decided_at, u.status AS user_status, "
        "(SELECT count(*) FROM contract_access a WHERE a.registration_request_id = r.id) "
        " AS grants, "
        "(SELECT count(*) FROM registration_contract l WHERE l.registration_request_id = r.id "
        " AND l.decision = 'granted' AND l.contract_id IS NOT NULL) AS granted_lines "
        "FROM registration_request r JOIN portal_user u ON u.id = r.portal_user_id "
        "WHERE r.status = 'approved'"
    )
    assert approved
    for row in approved:
        assert row.decided_by and row.decided_at and row.grants == row.granted_lines > 0
        assert row.user_status in ("active", "blocked")
    rejected = world.rows(
        "SELECT decision_reason, reason_code FROM registration_request WHERE status = 'rejected'"
    )
    assert all(row.decision_reason and row.reason_code for row in rejected)
    unconfirmed = world.rows(
        "SELECT email_confirmed_at FROM registration_request WHERE status = 'email_unconfirmed'"
    )
    assert all(row.email_confirmed_at is None for row in unconfirmed)
    outbox = Counter(row.status for row in world.rows("SELECT status FROM mail_outbox"))
    assert outbox["sent"] > outbox["pending"] > 0 and outbox["failed"] > 0
    actions = {row.action for row in world.rows("SELECT DISTINCT action FROM audit_event")}
    assert {"approve", "reject", "claim", "return_for_clarification", "expire_unconfirmed"} <= (
        actions
    )


def test_decisions_look_exactly_like_the_queue_services(world: World) -> None:
    codes = {
        row.reason_code
        for row in world.rows(
            "SELECT DISTINCT reason_code FROM registration_request WHERE status = 'rejected'"
        )
    }
    assert codes and codes <= set(queue.STANDARD_REASONS)
    for row in world.rows(
        "SELECT claimed_at, claim_expires_at FROM registration_request WHERE status = 'in_review'"
    ):
        assert _when(row.claim_expires_at) - _when(row.claimed_at) == queue.DEFAULT_LEASE
    mails = {
        row.id: row
        for row in world.rows(
            "SELECT id, template, entity_id, to_address, body_text FROM mail_outbox"
        )
    }
    decisions = world.rows(
        "SELECT a.action, a.entity_id, a.details, r.status, u.email FROM audit_event a "
        "JOIN registration_request r ON r.id = a.entity_id "
        "JOIN portal_user u ON u.id = r.portal_user_id "
        "WHERE a.action IN ('approve', 'reject', 'return_for_clarification')"
    )
    assert decisions
    templates = {
        "approve": "registration_approved",
        "reject": "registration_rejected",
        "return_for_clarification": "registration_needs_info",
    }
    for row in decisions:
        details = row.details if isinstance(row.details, dict) else json.loads(row.details)
        mail = mails[details["mail_outbox_id"]]
        assert (mail.template, mail.entity_id) == (templates[row.action], row.entity_id)
        assert mail.to_address == row.email and "Здравствуйте" in mail.body_text
    expired_lines = world.rows(
        "SELECT l.decision FROM registration_contract l JOIN registration_request r "
        "ON r.id = l.registration_request_id WHERE r.status = 'expired'"
    )
    assert expired_lines and {row.decision for row in expired_lines} == {"refused"}


def test_the_queue_can_work_the_generated_requests(world: World) -> None:
    crafted = demo_data.crafted_requests(SCALE)
    with world.engine.connect() as connection, connection.begin() as transaction:
        session = Session(bind=connection)
        ids = {
            login: request_id
            for login, request_id in session.execute(
                select(PortalUser.login, RegistrationRequest.id).join(RegistrationRequest.user)
            )
        }
        clean = ids[crafted["clean_legal_entity"]]
        queue.claim(session, clean, "verifier2")
        decision = queue.approve(session, clean, "verifier2")
        assert decision.status == "approved" and decision.granted and not decision.refused
        flawed = ids[crafted["kpp_mismatch"]]
        queue.claim(session, flawed, "verifier2")
        with pytest.raises(DomainError):
            queue.approve(session, flawed, "verifier2")
        assert queue.claim_next(session, "verifier2") is not None
        session.close()
        transaction.rollback()


def _details(row: Any) -> dict[str, Any]:
    details = row.details if isinstance(row.details, dict) else json.loads(row.details)
    assert isinstance(details, dict)
    return details


def _user_events(world: World, action: str) -> dict[int, list[dict[str, Any]]]:
    """The details of each user's events of ``action``, oldest first."""
    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in world.rows(
        "SELECT entity_id, details FROM audit_event WHERE entity = 'portal_user' "
        "AND action = :action ORDER BY occurred_at, id",
        action=action,
    ):
        events[row.entity_id].append(_details(row))
    return events


def _letters(world: World) -> dict[int, Any]:
    return {
        row.id: row
        for row in world.rows(
            "SELECT id, to_address, template, entity, entity_id, body_text FROM mail_outbox"
        )
    }


def test_blocked_users_keep_their_access_and_were_told_why(world: World) -> None:
    users = world.rows(
        "SELECT u.id, u.email, u.status, u.status_before_block, u.blocked_at, u.blocked_by, "
        "u.block_reason, u.last_login_at, (SELECT count(*) FROM contract_access a "
        "WHERE a.portal_user_id = u.id AND a.revoked_at IS NULL) AS live "
        "FROM portal_user u WHERE u.status = 'blocked'"
    )
    assert len(users) >= 2
    blocks = _user_events(world, "block_user")
    letters = _letters(world)
    for user in users:
        assert user.status_before_block in ("active", "pending")
        assert user.blocked_by in portal_acts.ADMINISTRATORS
        assert user.block_reason in portal_users.STANDARD_BLOCK_REASONS
        if user.last_login_at is not None:
            assert _aware(_when(user.last_login_at)) < _aware(_when(user.blocked_at))
        event = blocks[user.id][-1]
        assert event["reason"] == user.block_reason
        assert event["after"] == {"status": "blocked"}
        letter = letters[event["mail_outbox_id"]]
        assert (letter.template, letter.entity, letter.entity_id, letter.to_address) == (
            "portal_user_blocked",
            "portal_user",
            user.id,
            user.email,
        )
        assert user.block_reason in letter.body_text
    assert any(user.live and user.status_before_block == "active" for user in users)
    # A block lifted: the account is active again, its letter sent.
    unblocks = _user_events(world, "unblock_user")
    assert unblocks
    for user_id, [event] in unblocks.items():
        status = world.scalar("SELECT status FROM portal_user WHERE id = :id", id=user_id)
        assert event["after"] == {"status": status} == {"status": "active"}
        assert letters[event["mail_outbox_id"]].template == "portal_user_unblocked"


def test_the_audit_log_keeps_the_invented_history_of_who_and_when(world: World) -> None:
    blocks = world.rows(
        "SELECT a.actor, a.occurred_at, u.blocked_by, u.blocked_at FROM audit_event a "
        "JOIN portal_user u ON u.id = a.entity_id WHERE a.entity = 'portal_user' "
        "AND a.action = 'block_user' AND u.status = 'blocked'"
    )
    assert blocks
    for row in blocks:
        assert row.actor == row.blocked_by
        assert _aware(_when(row.occurred_at)) == _aware(_when(row.blocked_at))
    actors = {row.actor for row in world.rows("SELECT DISTINCT actor FROM audit_event")}
    assert {"verifier1", "verifier2", "admin", "admin2"} <= actors
    if world.engine.dialect.name == "postgresql":  # the stamp is back on after the load
        assert (
            world.scalar("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_event_stamp'")
            == "O"
        )


def test_a_blocked_applicants_request_waits_in_the_queue_with_a_warning(world: World) -> None:
    login = demo_data.crafted_requests(SCALE)["user_blocked"]
    with Session(world.engine) as session:
        request_id, status = session.execute(
            select(RegistrationRequest.id, PortalUser.status)
            .join(RegistrationRequest.user)
            .where(PortalUser.login == login)
        ).one()
        findings = checks.run_checks(session, request_id)
    assert status == "blocked"
    assert [f.code for f in findings] == ["USER_BLOCKED"]


def test_revoked_grants_have_their_reasons_letters_and_events(world: World) -> None:
    revoked = world.rows(
        "SELECT a.portal_user_id, c.number, a.revoked_by, a.revoked_at, a.revoke_reason "
        "FROM contract_access a JOIN contract c ON c.id = a.contract_id "
        "WHERE a.revoked_at IS NOT NULL"
    )
    assert len({row.portal_user_id for row in revoked}) >= 2
    assert all(row.revoke_reason in portal_users.STANDARD_REVOKE_REASONS for row in revoked)
    assert all(row.revoked_by in portal_acts.ADMINISTRATORS for row in revoked)
    letters = _letters(world)
    events = _user_events(world, "revoke_access")
    by_user: dict[int, set[str]] = defaultdict(set)
    for row in revoked:
        by_user[row.portal_user_id].add(row.number)
    assert by_user.keys() == events.keys()
    for user_id, numbers in by_user.items():
        [event] = events[user_id]
        assert set(event["contract_numbers"]) == numbers
        letter = letters[event["mail_outbox_id"]]
        assert (letter.template, letter.entity_id) == ("portal_access_revoked", user_id)
        assert all(f"№ {number}" in letter.body_text for number in numbers)
    # Someone lost every contract and is still an active user, who sees nothing.
    nothing_left = world.rows(
        "SELECT u.id FROM portal_user u WHERE u.status = 'active' AND NOT EXISTS ("
        "SELECT 1 FROM contract_access a WHERE a.portal_user_id = u.id AND a.revoked_at IS NULL)"
    )
    assert nothing_left


def test_large_companies_users_see_many_of_their_own_contracts(world: World) -> None:
    users = world.rows(
        "SELECT a.portal_user_id AS user_id, count(*) AS live, "
        "count(DISTINCT c.counterparty_id) AS owners, max(r.counterparty_id) AS approved_for, "
        "max(c.counterparty_id) AS owner "
        "FROM contract_access a JOIN contract c ON c.id = a.contract_id "
        "JOIN registration_request r ON r.portal_user_id = a.portal_user_id "
        "AND r.status = 'approved' "
        "WHERE a.revoked_at IS NULL GROUP BY a.portal_user_id "
        "HAVING count(*) >= :many",
        many=portal_acts.MANY_CONTRACTS,
    )
    assert len(users) >= 2
    for user in users:
        assert user.live <= portal_acts.MOST_CONTRACTS
        assert (user.owners, user.owner) == (1, user.approved_for)
    # The contracts a company asked for later, granted by an administrator with the ground.
    large = {user.user_id for user in users}
    grants = [
        row
        for row in world.rows(
            "SELECT a.portal_user_id, c.number, a.granted_by, a.grant_reason "
            "FROM contract_access a JOIN contract c ON c.id = a.contract_id "
            "WHERE a.registration_request_id IS NULL"
        )
        if row.portal_user_id in large
    ]
    assert len(grants) == portal_acts.LATER_GRANTS * len(users)
    assert all(row.grant_reason and row.granted_by in portal_acts.ADMINISTRATORS for row in grants)
    letters = _letters(world)
    events = _user_events(world, "grant_access")
    for row in grants:
        [event] = [e for e in events[row.portal_user_id] if e["contract_number"] == row.number]
        assert event["reason"] == row.grant_reason
        assert letters[event["mail_outbox_id"]].template == "portal_access_granted"


def test_every_act_moved_the_users_version(world: World) -> None:
    acts = {
        row.entity_id: row.acts
        for row in world.rows(
            "SELECT entity_id, count(*) AS acts FROM audit_event WHERE entity = 'portal_user' "
            "AND action IN ('block_user', 'unblock_user', 'grant_access', 'revoke_access') "
            "GROUP BY entity_id"
        )
    }
    assert acts
    for user in world.rows(
        "SELECT u.id, u.version, (SELECT count(*) FROM registration_request r "
        "WHERE r.portal_user_id = u.id AND r.status IN ('approved', 'rejected')) AS decided "
        "FROM portal_user u WHERE u.email_confirmed_at IS NOT NULL"
    ):
        # Created, confirmed, decided, then each act.
        assert user.version == 2 + user.decided + acts.get(user.id, 0), user.id


def test_records_due_for_anonymisation_are_spread_over_the_past_months(world: World) -> None:
    now = datetime.combine(demo_data.TODAY, datetime.min.time(), UTC) + timedelta(hours=9)
    ended = [
        _aware(_when(row.decided_at))
        for row in world.rows(
            "SELECT decided_at FROM registration_request WHERE status IN ('rejected', 'expired')"
        )
    ]
    due = [moment for moment in ended if now - moment > timedelta(days=30)]
    assert len(due) >= 8 and len(ended) > len(due)  # most are due, a few not yet
    assert len({(moment.year, moment.month) for moment in due}) >= 4
    unconfirmed = world.rows(
        "SELECT u.created_at FROM portal_user u WHERE u.status = 'email_unconfirmed' "
        "AND u.email_confirmed_at IS NULL"
    )
    old = [row for row in unconfirmed if now - _aware(_when(row.created_at)) > timedelta(days=30)]
    assert len(old) >= 3


def _normal_name(name: str) -> str:
    """Legal forms spelled out or abbreviated, quotes and case made alike (as a verifier reads)."""
    folded = name.casefold()
    for form in LEGAL_FORMS:
        folded = folded.replace(form.full.casefold(), form.short.casefold())
    return re.sub(r"[«»\"'„“”\s]+", " ", folded).strip()


def test_crafted_requests_carry_exactly_their_flaw(world: World) -> None:
    crafted = demo_data.crafted_requests(SCALE)
    assert set(crafted) == set(demo_data.CRAFTED_CASES)
    registry = world.rows("SELECT id, inn, kpp, short_name, full_name FROM counterparty")
    by_inn: dict[str, list[Any]] = defaultdict(list)
    for row in registry:
        by_inn[row.inn].append(row)
    contracts = {
        row.number_normalized: row
        for row in world.rows(
            "SELECT c.id, c.number, c.number_normalized, c.status, p.inn, p.kpp FROM contract c "
            "JOIN counterparty p ON p.id = c.counterparty_id"
        )
    }
    requests = {}
    for row in world.rows(
        "SELECT r.id, u.login, u.email, r.status, r.org_type, r.inn, r.kpp, r.org_name, "
        "r.existing_counterparty, r.email_confirmed_at, u.id AS user_id "
        "FROM registration_request r JOIN portal_user u ON u.id = r.portal_user_id"
    ):
        requests[row.login] = row
    typed: dict[int, list[str]] = defaultdict(list)
    for row in world.rows(
        "SELECT registration_request_id, number_as_typed FROM "
        "registration_contract ORDER BY registration_request_id, position"
    ):
        typed[row.registration_request_id].append(row.number_as_typed)

    def request(case: str) -> Any:
        return requests[crafted[case]]

    def own(case: str) -> list[Any]:
        """The registry rows of the request's own ИНН and КПП."""
        r = request(case)
        return [c for c in by_inn.get(r.inn, []) if c.kpp == r.kpp]

    def found(case: str) -> list[Any]:
        return [contracts.get(normalize_contract_number(n)) for n in typed[request(case).id]]

    def is_clean(case: str) -> bool:
        r = request(case)
        mine = own(case)
        numbers = found(case)
        return (
            bool(mine)
            and r.existing_counterparty
            and _normal_name(r.org_name)
            in {_normal_name(mine[0].short_name), _normal_name(mine[0].full_name)}
            and all(
                c is not None and c.status == "active" and (c.inn, c.kpp) == (r.inn, r.kpp)
                for c in numbers
            )
        )

    for case in crafted:
        if case != "email_not_confirmed":
            assert request(case).status == "pending", case
    for case in (
        "clean_legal_entity",
        "sole_proprietor_clean",
        "kpp_with_letters",
        "branch_kpp",
        "name_quotes_and_case",
        "name_full_legal_form",
        "contract_number_spaces",
        "contract_number_dash_variants",
        "contract_number_lowercase",
        "contract_number_latin_lookalikes",
        "already_has_access",
        "duplicate_open_request_first",
        "free_mail_gmail_com",
        "email_not_confirmed",
    ):
        assert is_clean(case), case
    for case in (
        "contract_number_spaces",
        "contract_number_dash_variants",
        "contract_number_lowercase",
        "contract_number_latin_lookalikes",
    ):
        assert typed[request(case).id][0] not in {c.number for c in contracts.values()}, case
    assert request("email_not_confirmed").email_confirmed_at is None
    assert request("email_not_confirmed").status == "email_unconfirmed"
    assert request("clean_legal_entity").email.split("@")[1] not in FREE_MAIL_DOMAINS
    assert request("sole_proprietor_clean").org_type == "sole_proprietor"
    assert any(not k.isdigit() for k in [request("kpp_with_letters").kpp or ""])
    assert len({c.kpp for c in by_inn[request("branch_kpp").inn]}) > 1

    bad = request("inn_bad_check_digit")
    assert len(bad.inn) == 10 and not is_valid_inn(bad.inn)
    assert request("inn_12_digits_for_legal_entity").org_type == "legal_entity"
    assert is_valid_inn12(request("inn_12_digits_for_legal_entity").inn)
    assert request("inn_10_digits_for_sole_proprietor").org_type == "sole_proprietor"
    assert is_valid_inn10(request("inn_10_digits_for_sole_proprietor").inn)
    assert request("kpp_missing").kpp is None and by_inn[request("kpp_missing").inn]
    malformed = request("kpp_malformed").kpp
    assert malformed and not is_valid_kpp(malformed)
    assert is_valid_kpp(request("kpp_for_sole_proprietor").kpp or "")
    for case, ticked in (("inn_not_in_registry", False), ("existing_flag_ticked_not_found", True)):
        r = request(case)
        assert (
            is_valid_inn(r.inn) and r.inn not in by_inn and bool(r.existing_counterparty) is ticked
        )
    assert by_inn[request("kpp_mismatch").inn] and not own("kpp_mismatch")
    assert is_valid_kpp(request("kpp_mismatch").kpp or "")
    mismatch = request("name_mismatch")
    assert _normal_name(mismatch.org_name) != _normal_name(own("name_mismatch")[0].short_name)
    assert own("existing_flag_unticked_but_found")
    assert not request("existing_flag_unticked_but_found").existing_counterparty
    assert found("contract_not_found") == [None]
    other = found("contract_other_counterparty")[0]
    assert other is not None and other.inn != request("contract_other_counterparty").inn
    assert [c.status for c in found("contract_terminated")] == ["active", "terminated"]
    assert [c.status for c in found("contract_suspended")] == ["suspended"]
    good, unknown = found("contracts_one_good_one_unknown")
    assert good is not None and good.status == "active" and unknown is None
    first, second = (
        request("duplicate_open_request_first"),
        request("duplicate_open_request_second"),
    )
    assert (first.inn, first.kpp) == (second.inn, second.kpp) and first.user_id != second.user_id
    assert set(typed[first.id]) == set(typed[second.id])
    has_access = request("already_has_access")
    granted = {
        row.contract_id
        for row in world.rows(
            "SELECT contract_id FROM contract_access WHERE portal_user_id = :user "
            "AND revoked_at IS NULL",
            user=has_access.user_id,
        )
    }
    assert granted & {c.id for c in found("already_has_access") if c is not None}
    for case, domain in (
        ("free_mail_mail_ru", "mail.ru"),
        ("free_mail_yandex_ru", "yandex.ru"),
        ("free_mail_gmail_com", "gmail.com"),
    ):
        assert request(case).org_type == "legal_entity"
        assert request(case).email.endswith("@" + domain)


def test_most_of_the_queue_is_clean(world: World) -> None:
    pending = world.rows(
        "SELECT r.inn, r.kpp, r.existing_counterparty, "
        "(SELECT count(*) FROM counterparty c WHERE c.inn = r.inn "
        " AND coalesce(c.kpp, '') = coalesce(r.kpp, '')) AS matches "
        "FROM registration_request r WHERE r.status = 'pending'"
    )
    clean = [row for row in pending if row.matches and row.existing_counterparty]
    assert len(clean) > 0.6 * len(pending)


# --- News and reference articles ------------------------------------------------------------

DEMO_NOW = demo_data.DemoClock.at(demo_data.TODAY).now


def test_the_news_section_has_an_item_in_every_state(world: World) -> None:
    source = NewsSource(now=lambda: DEMO_NOW)
    with Session(world.engine) as session:
        counts = source.counts(session, ListQuery())
        rows = list(source.export_rows(session, ListQuery()))
    assert counts["draft"] >= 2 and counts["scheduled"] >= 1 and counts["archived"] >= 1
    assert counts["published"] >= 8
    assert {row.kind for row in rows} == {"news", "article"}
    published = [row for row in rows if row.status == "published"]
    assert [row.title for row in published if row.pinned] == [
        "С 1 января 2026 года ставка НДС — 22 %"
    ]
    ended = [row for row in published if not row.on_portal]
    assert ended and all(row.unpublish_at and row.unpublish_at <= DEMO_NOW for row in ended)
    # Shown now, and until a day ahead (the maintenance notice).
    assert any(row.on_portal and row.unpublish_at and row.unpublish_at > DEMO_NOW for row in rows)
    scheduled = [row for row in rows if row.status == "scheduled"]
    assert all(row.publish_at and row.publish_at > DEMO_NOW for row in scheduled)
    # A draft that was published once and taken back: the log keeps its publication.
    taken_back = world.rows(
        "SELECT n.id FROM news_item n JOIN audit_event a ON a.entity = 'news_item' "
        "AND a.entity_id = n.id AND a.action = 'unpublish' WHERE n.status = 'draft'"
    )
    assert taken_back


def test_the_news_bodies_are_exactly_what_the_sanitiser_keeps(world: World) -> None:
    bodies = [
        str(row.body_html)
        for row in world.rows(
            "SELECT body_html FROM news_item UNION ALL SELECT body_html FROM news_revision"
        )
    ]
    for body in bodies:
        assert sanitize_html(body) == body, body
    with_table_and_links = [body for body in bodies if "<table>" in body and "<a href=" in body]
    assert with_table_and_links
    assert any('href="mailto:' in body for body in bodies)
    assert all('target="_blank" rel="noopener noreferrer"' in body for body in with_table_and_links)


def test_every_saved_text_is_a_revision_and_the_newest_is_the_items_own(world: World) -> None:
    items = world.rows("SELECT id, kind, title, summary, body_html, version FROM news_item")
    several = 0
    for item in items:
        revisions = world.rows(
            "SELECT version, kind, title, summary, body_html, restored_from FROM news_revision "
            "WHERE news_item_id = :id ORDER BY version",
            id=item.id,
        )
        versions = [revision.version for revision in revisions]
        assert (
            versions[0] == 1 and versions == sorted(set(versions)) and versions[-1] <= item.version
        )
        newest = revisions[-1]
        assert (newest.kind, newest.title, newest.summary, newest.body_html) == (
            item.kind,
            item.title,
            item.summary,
            item.body_html,
        )
        several += len(revisions) >= 3
    assert several >= 2
    restored = world.rows(
        "SELECT version, restored_from FROM news_revision WHERE restored_from > 0"
    )
    assert restored and all(row.restored_from < row.version for row in restored)


def test_each_act_on_the_news_is_in_the_audit_log_as_the_service_writes_it(world: World) -> None:
    events: dict[int, list[Any]] = defaultdict(list)
    for row in world.rows(
        "SELECT entity_id, action, actor, occurred_at, details FROM audit_event "
        "WHERE entity = 'news_item' ORDER BY occurred_at, id"
    ):
        events[row.entity_id].append(row)
    items = world.rows("SELECT id, version, author, updated_by, status, publish_at FROM news_item")
    assert {item.id for item in items} == set(events)
    for item in items:
        acts = events[item.id]
        assert {act.action for act in acts} <= set(news.ACTIONS)
        assert acts[0].action == "create_news" and acts[0].actor == item.author
        # Every act is one version, and says which.
        assert [_details(act)["version"] for act in acts] == list(range(1, item.version + 1))
        assert acts[-1].actor == item.updated_by
        saves = [act.actor for act in acts if act.action in _SAVING]
        savers = world.rows(
            "SELECT saved_by FROM news_revision WHERE news_item_id = :id ORDER BY version",
            id=item.id,
        )
        assert saves == [row.saved_by for row in savers]
        placed = [act for act in acts if act.action in ("publish", "schedule_news")]
        if item.status in ("published", "archived"):
            start = datetime.fromisoformat(_details(placed[-1])["publish_at"])
            assert start == _aware(_when(item.publish_at))
            assert (placed[-1].action == "schedule_news") == (
                start > _aware(_when(placed[-1].occurred_at))
            )
    assert all(
        _aware(_when(act.occurred_at)) < DEMO_NOW for acts in events.values() for act in acts
    )


_SAVING = ("create_news", "save_news", "restore_news_version")


def test_the_portal_shows_the_pinned_news_first_then_the_newest(world: World) -> None:
    with Session(world.engine) as session:
        shown = news.visible(session, DEMO_NOW)
    assert shown[0].pinned and "НДС" in shown[0].title
    rest = [item.publish_at for item in shown[1:] if item.publish_at is not None]
    assert len(rest) == len(shown) - 1 >= 5 and rest == sorted(rest, reverse=True)
    titles = " ".join(item.title for item in shown)
    assert "Плановые работы" in titles and "Плановые отключения" not in titles
    assert "Обновление Личного кабинета" not in titles  # scheduled, not yet shown


# --- The load itself -------------------------------------------------------------------------


def test_the_database_stays_usable_after_the_load(world: World) -> None:
    """Ids were assigned by the generator: sequences must have moved past them."""
    factory = db.session_factory(world.engine)
    with factory.begin() as session:
        extra = Counterparty(
            inn="7707083893",
            kpp="773601001",
            org_type="legal_entity",
            full_name="Проверка",
            short_name="Проверка",
        )
        session.add(extra)
        session.flush()
        assert extra.id > world.summary.counts["counterparty"]
        session.rollback()
    if world.engine.dialect.name == "postgresql":
        foreign_keys = world.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")
        expected = sum(len(t.foreign_key_constraints) for t in Base.metadata.sorted_tables)
        assert foreign_keys == expected, "every foreign key is back after the load"


def _fingerprint(url: str) -> str:
    engine = db.make_engine(url)
    digest = hashlib.sha256()
    try:
        with engine.connect() as connection:
            for sql in (
                "SELECT inn, kpp, ogrn, short_name, legal_address FROM counterparty ORDER BY id",
                "SELECT number, status, price_category, max_power_kw FROM contract ORDER BY id",
                "SELECT serial, register_digits, ct_ratio FROM meter ORDER BY id",
                "SELECT meter_id, period, value, source, submitted_at FROM meter_reading "
                "ORDER BY id",
                "SELECT contract_id, amount, total FROM charge ORDER BY id",
                "SELECT contract_id, paid_on, amount FROM payment ORDER BY id",
                "SELECT login, email FROM portal_user ORDER BY id",
                "SELECT inn, status, submitted_at, decided_at, updated_at "
                "FROM registration_request ORDER BY id",
                "SELECT number_as_typed, decision FROM registration_contract ORDER BY id",
            ):
                for row in connection.execute(text(sql)):
                    digest.update(repr(tuple(row)).encode())
    finally:
        engine.dispose()
    return digest.hexdigest()


def test_same_seed_and_scale_give_the_same_data(tmp_path: Path) -> None:
    urls = [db.sqlite_url(tmp_path / f"{name}.sqlite3") for name in ("a", "b", "c")]
    today = date(2026, 12, 3)
    demo_data.generate(urls[0], 0.01, today=today)
    demo_data.generate(urls[1], 0.01, today=today)
    demo_data.generate(urls[2], 0.01, seed=demo_data.DEFAULT_SEED + 1, today=today)
    first, second, other = (_fingerprint(url) for url in urls)
    assert first == second
    assert other != first


# --- Dated relative to the day the demo is created --------------------------------------------

# Two creation days a fortnight apart: after the New Year holidays, in one billing month
# (the registry and billing moved by one month from the reference world in both).
EARLY, LATE = date(2027, 1, 12), date(2027, 1, 26)
_RUSSIAN_DATE = re.compile(
    r"(\d{1,2} )?(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
    r"ноября|декабря) \d{4} года"
)


@pytest.fixture(scope="module")
def two_days(tmp_path_factory: pytest.TempPathFactory) -> dict[date, str]:
    folder = tmp_path_factory.mktemp("demo-days")
    urls = {}
    for day in (EARLY, LATE):
        urls[day] = db.sqlite_url(folder / f"{day:%Y%m%d}.sqlite3")
        demo_data.generate(urls[day], 0.01, today=day)
    return urls


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _all_rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows in id order, typed (dates and moments as Python values)."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: [
                    dict(row._mapping)
                    for row in connection.execute(select(table).order_by(table.c.id))
                ]
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def _same_but_shifted(early: Any, late: Any, shift: int) -> bool:
    if early == late:
        return True
    if isinstance(early, datetime) and isinstance(late, datetime):
        return _aware(late) - _aware(early) == timedelta(days=shift)
    if isinstance(early, date) and isinstance(late, date):
        return (late - early).days == shift
    if isinstance(early, str) and isinstance(late, str):
        try:  # a moment an audit event's details keep as ISO text
            return _same_but_shifted(
                datetime.fromisoformat(early), datetime.fromisoformat(late), shift
            )
        except ValueError:  # the news name their dates
            return _RUSSIAN_DATE.sub("…", early) == _RUSSIAN_DATE.sub("…", late)
    if isinstance(early, dict) and isinstance(late, dict) and early.keys() == late.keys():
        return all(_same_but_shifted(early[k], late[k], shift) for k in early)
    return False


def test_demos_created_on_two_days_differ_only_by_the_shift(two_days: dict[date, str]) -> None:
    early, late = _all_rows(two_days[EARLY]), _all_rows(two_days[LATE])
    shift = (LATE - EARLY).days
    for demo in (early, late):
        # Saved through the service at the real moment of the load (not part of the world).
        del demo["organisation_setting"]
        # The log is numbered in time order, and the news of past events (the VAT of 2026)
        # keep their days while the requests move: compare the events in another order.
        demo["audit_event"] = sorted(
            (
                {k: v for k, v in event.items() if k != "id"}
                for event in demo["audit_event"]
                if event["action"] != "organisation_setting_changed"
            ),
            key=lambda e: (e["action"], e["entity"], e["entity_id"] or 0, e["actor"]),
        )
    assert early.keys() == late.keys()
    moved: Counter[str] = Counter()
    for table, rows in early.items():
        assert len(rows) == len(late[table]), table
        for first, second in zip(rows, late[table], strict=True):
            for column, value in first.items():
                assert _same_but_shifted(value, second[column], shift), (table, column, first)
                moved[f"{table}.{column}"] += value != second[column]
    # The whole queue and its history moved; the billing world (one billing month) did not.
    requests = len(early["registration_request"])
    assert moved["registration_request.submitted_at"] == requests
    # The editors' acts on past news (the VAT of 2026) keep their days; the current news
    # (the maintenance notice, the scheduled update, the drafts) move with everything else.
    news_events = sum(event["entity"] == "news_item" for event in early["audit_event"])
    assert moved["audit_event.occurred_at"] > 0.9 * (len(early["audit_event"]) - news_events)
    assert 0 < moved["news_item.created_at"] < len(early["news_item"])
    assert 0 < moved["news_revision.saved_at"] < len(early["news_revision"])
    assert moved["mail_outbox.created_at"] == len(early["mail_outbox"])
    for column in ("meter_reading.submitted_at", "payment.paid_on", "contract.signed_on"):
        assert moved[column] == 0, column


@pytest.mark.parametrize("day", [EARLY, LATE])
def test_a_new_demo_has_most_of_its_queue_within_the_deadline(
    two_days: dict[date, str], day: date
) -> None:
    now = demo_data.DemoClock.at(day).now
    engine = db.make_engine(two_days[day])
    try:
        with engine.connect() as connection:
            deadline = review_sla.read_sla(connection).value
            waiting = connection.execute(
                select(
                    RegistrationRequest.submitted_at, RegistrationRequest.claim_expires_at
                ).where(RegistrationRequest.status.in_(("pending", "in_review")))
            ).all()
            latest = {
                table: connection.execute(text(f"SELECT max({column}) FROM {table}")).scalar_one()
                for table, column in (
                    ("registration_request", "decided_at"),
                    ("meter_reading", "submitted_at"),
                    ("contract_access", "granted_at"),
                    ("mail_outbox", "created_at"),
                )
            }
            portal_readings = connection.execute(
                text(
                    "SELECT r.submitted_at, a.granted_at FROM meter_reading r "
                    "JOIN meter m ON m.id = r.meter_id "
                    "JOIN metering_point p ON p.id = m.metering_point_id "
                    "JOIN consumption_object o ON o.id = p.consumption_object_id "
                    "JOIN portal_user u ON u.login = r.submitted_by "
                    "JOIN contract_access a ON a.portal_user_id = u.id "
                    "AND a.contract_id = o.contract_id "
                    "WHERE r.source = 'portal'"
                )
            ).all()
    finally:
        engine.dispose()
    assert deadline == review_sla.DEFAULT_WORKING_DAYS
    overdue = [r for r in waiting if is_overdue(r.submitted_at, now=now, working_days=deadline)]
    assert 0 < len(overdue) < 0.2 * len(waiting), (len(overdue), len(waiting))
    # The claims being worked on lapse minutes after the demo was created (one already has).
    leases = sorted(_aware(row.claim_expires_at) - now for row in waiting if row.claim_expires_at)
    assert leases[0] < timedelta(0) < leases[1] and leases[-1] <= queue.DEFAULT_LEASE
    # The history ends before the creation, and keeps its order: a portal user's readings
    # follow the access to the contract.
    for table, value in latest.items():
        assert _aware(_when(value)) <= now, table
    assert portal_readings
    assert all(_when(r.submitted_at) > _when(r.granted_at) for r in portal_readings)


def test_crafted_requests_need_no_database() -> None:
    assert demo_data.crafted_requests(0.01) == demo_data.crafted_requests(0.01)
    assert demo_data.crafted_requests(0.01, seed=1) != demo_data.crafted_requests(0.01)


def test_refuses_a_database_that_already_has_data(db_url: str) -> None:
    engine = db.make_engine(db_url)
    try:
        with db.session_factory(engine).begin() as session:
            session.add(
                Counterparty(
                    inn="7706107510",
                    kpp="770601001",
                    org_type="legal_entity",
                    full_name="ПАО «НК «Роснефть»",
                    short_name="ПАО «НК «Роснефть»",
                )
            )
        with pytest.raises(DomainError, match="только в пустой базе"):
            demo_data.generate(db_url, 0.01)
        with engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(Counterparty)).scalar() == 1
            for table in ("contract", "tariff_component", "portal_user"):
                assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    finally:
        engine.dispose()


def test_cancelling_rolls_everything_back(db_url: str) -> None:
    seen: list[str] = []

    def cancelled() -> bool:
        return "Показания приборов учёта" in seen

    def progress(stage: str, done: int, total: int) -> None:
        seen.append(stage)

    with pytest.raises(demo_data.DemoDataCancelled) as raised:
        demo_data.generate(db_url, 0.01, progress=progress, cancelled=cancelled)
    assert isinstance(raised.value, DomainError) and "отменено" in str(raised.value)
    engine = db.make_engine(db_url)
    try:
        with engine.connect() as connection:
            for table in ("counterparty", "contract", "meter_reading", "tariff_component"):
                assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
    finally:
        engine.dispose()
    assert "Договоры" in seen and "Начисления" not in seen


def test_progress_is_reported_stage_by_stage(db_url: str) -> None:
    calls: list[tuple[str, int, int]] = []
    summary = demo_data.generate(db_url, 0.01, progress=lambda s, d, t: calls.append((s, d, t)))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    for label in (
        "Контрагенты",
        "Договоры",
        "Показания приборов учёта",
        "Начисления",
        "Пользователи портала и заявки на регистрацию",
    ):
        assert label in stages
    assert all(0 <= done <= total for _, done, total in calls)
    for stage in stages:
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[0][0] == 0 and mine[-1][0] == mine[-1][1], stage
        assert [d for d, _ in mine] == sorted(d for d, _ in mine), stage
    readings = [c for c in calls if c[0] == "Показания приборов учёта"]
    assert len(readings) > 20, "often enough for a progress bar"
    assert summary.counts["registration_request"] > 0


@pytest.mark.parametrize("scale", [0, -1, 100])
def test_refuses_a_meaningless_scale(sqlite_db_url: str, scale: float) -> None:
    with pytest.raises(DomainError, match="Масштаб"):
        demo_data.generate(sqlite_db_url, scale)


# --- The terminal progress bar -----------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_progress_draws_one_line_on_a_terminal() -> None:
    stream = _Terminal()
    progress = TerminalProgress(stream)
    progress("Контрагенты", 0, 10)
    progress("Контрагенты", 10, 10)
    progress("Договоры", 5, 10)
    progress.finish()
    output = stream.getvalue()
    assert output.count("\n") == 1 and output.endswith("\n")
    assert output.count("\r") >= 3
    assert "Контрагенты" in output and "100%" in output and "50%" in output


def test_terminal_progress_writes_lines_to_a_log() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    for done in range(11):
        progress("Контрагенты", done, 10)
    progress("Договоры", 3, 10)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Контрагенты…" and lines[1].startswith("Контрагенты: готово")
    assert lines[2] == "Договоры…" and lines[3].startswith("Договоры: готово")
    assert len(lines) == 4 and "\r" not in stream.getvalue()
