"""Personal data with no purpose left are anonymised on schedule, with an act (152-ФЗ).

The records are made as the portal and the queue make them (registration, claim,
rejection, expiry) with their real letters; the retention runs on SQLite and PostgreSQL,
and on PostgreSQL also as an administrator's and a verifier's own database roles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import (
    AuditEvent,
    MailOutbox,
    PortalUser,
    RegistrationRequest,
)
from lkk_admin.models.base import utcnow
from lkk_admin.services import outbox, queue, retention, retention_act, retention_period
from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.errors import ConflictError, DomainError
from lkk_admin.services.intake import submit_registration
from lkk_admin.services.reports.document import Supplier
from tests import factories as f
from tests.pdf import pdf_text

DAYS = 30
VERIFIER = "verifier1"
ADMIN = "admin1"
PERSON = {
    "first_name": "Пётр",
    "last_name": "Сидоров",
    "patronymic": "Алексеевич",
    "phone": "+7 (903) 765-43-21",
}
IP_NAME = "ИП Сидоров Пётр Алексеевич"


def days_ago(days: float) -> datetime:
    return utcnow() - timedelta(days=days)


@dataclass(frozen=True)
class Record:
    user_id: int
    request_id: int


def user_of(session: Session, request_id: int) -> int:
    request = session.get(RegistrationRequest, request_id)
    assert request is not None
    return request.portal_user_id


def deliver_all(session: Session) -> None:
    """The sender has been: every pending letter went out."""
    session.execute(update(MailOutbox).where(MailOutbox.status == "pending").values(status="sent"))


def rejected(session: Session, days: float, **form: object) -> Record:
    """An applicant rejected ``days`` ago, their letter still waiting to be sent."""
    when = days_ago(days)
    request_id = f.registration(session, age=timedelta(days=days + 1), **{**PERSON, **form})
    queue.claim(session, request_id, VERIFIER, now=when)
    queue.reject(session, request_id, VERIFIER, "Договор не найден в реестре.", now=when)
    return Record(user_of(session, request_id), request_id)


def expired(session: Session, days: float, **form: object) -> Record:
    """A request expired ``days`` ago: its e-mail was never confirmed."""
    request_id = f.registration(
        session, confirmed=False, age=timedelta(days=days + 8), **{**PERSON, **form}
    )
    assert queue.expire_unconfirmed(session, "system", now=days_ago(days)) == [request_id]
    return Record(user_of(session, request_id), request_id)


def unconfirmed(session: Session, days: float, **form: object) -> Record:
    """An account created ``days`` ago whose e-mail was never confirmed (nor expired)."""
    request_id = f.registration(
        session, confirmed=False, age=timedelta(days=days), **{**PERSON, **form}
    )
    return Record(user_of(session, request_id), request_id)


def approved(session: Session, days: float, number: str) -> Record:
    """A customer approved ``days`` ago, with a live grant."""
    owner = f.counterparty(session, inn=f.ROMASHKA_INN)
    f.contract(session, owner, number)
    when = days_ago(days)
    request_id = f.registration(session, age=timedelta(days=days + 1), contract_numbers=[number])
    queue.claim(session, request_id, VERIFIER, now=when)
    queue.approve(session, request_id, VERIFIER, now=when)
    return Record(user_of(session, request_id), request_id)


def anonymise(factory: sessionmaker[Session], **options: object) -> retention.RetentionRun:
    return retention.anonymise(factory, ADMIN, days=DAYS, **options)  # type: ignore[arg-type]


def audit_events(factory: sessionmaker[Session]) -> list[AuditEvent]:
    with factory() as session:
        return list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == retention.ACTION)
                .order_by(AuditEvent.entity_id)
            )
        )


# --- What is due ----------------------------------------------------------------------------


def test_each_ground_is_due_once_its_period_has_passed(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        rejection = rejected(session, 45)
        expiry = expired(session, 40)
        never_confirmed = unconfirmed(session, 35)
        recent = rejected(session, 10)
        deliver_all(session)
    with factory() as session:
        summary = retention.due(session, days=DAYS)
    assert summary.by_ground == {"rejected": 1, "expired": 1, "unconfirmed": 1}
    assert summary.total == 3 and summary.waiting_for_mail == 0
    assert summary.oldest is not None
    assert abs(summary.oldest - days_ago(45)) < timedelta(minutes=1)

    run = anonymise(factory)
    grounds = {record.user_id: record.ground_text for record in run.records}
    assert grounds == {
        rejection.user_id: "заявка отклонена",
        expiry.user_id: "заявка просрочена: e-mail не подтверждён",
        never_confirmed.user_id: "учётная запись не подтверждена",
    }
    assert recent.user_id not in grounds
    by_user = {record.user_id: record for record in run.records}
    assert abs(by_user[expiry.user_id].purpose_ended_at - days_ago(40)) < timedelta(minutes=1)
    assert abs(by_user[never_confirmed.user_id].purpose_ended_at - days_ago(35)) < timedelta(
        minutes=1
    )
    # A shorter period makes the recent one due as well.
    with factory() as session:
        assert retention.due(session, days=5).by_ground["rejected"] == 1


def test_users_in_use_are_never_touched(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        active = approved(session, 400, "ЭС-0012/21")
        pending = f.registration(session, age=timedelta(days=400))  # confirmed, waiting
        blocked = rejected(session, 400)
        session.execute(
            update(PortalUser)
            .where(PortalUser.id == blocked.user_id)
            .values(status="blocked", status_before_block="rejected")
        )
        # Rejected, but an administrator gave the user a contract since.
        granted = rejected(session, 400)
        owner = f.counterparty(session, inn=f.VASILEK_INN, kpp="770701001")
        f.grant(session, granted.user_id, f.contract(session, owner, "ЭС-0099/20"))
        # Rejected once, but a newer request of theirs is in review.
        second = rejected(session, 400)
        newer = RegistrationRequest(
            portal_user_id=second.user_id,
            org_type="legal_entity",
            inn=f.ROMASHKA_INN,
            kpp=f.ROMASHKA_KPP,
            org_name="ООО «Ромашка»",
            status="pending",
            submitted_at=days_ago(300),
        )
        session.add(newer)
        deliver_all(session)
        pending_user = user_of(session, pending)
    before = snapshot(factory)
    with factory() as session:
        assert retention.due(session, days=DAYS).total == 0
    run = anonymise(factory)
    assert run.records == () and run.due == 0
    assert snapshot(factory) == before
    with factory() as session:
        untouched = session.scalars(
            select(PortalUser.id).where(PortalUser.anonymised_at.is_(None))
        ).all()
    assert {active.user_id, pending_user, blocked.user_id, granted.user_id, second.user_id} == set(
        untouched
    )


def test_a_letter_still_waiting_to_be_sent_keeps_its_record_for_a_later_run(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        record = rejected(session, 45)  # its rejection letter is pending
    with factory() as session:
        summary = retention.due(session, days=DAYS)
    assert summary.total == 0 and summary.waiting_for_mail == 1
    assert anonymise(factory).records == ()
    with factory.begin() as session:  # the sender gave up on it
        session.execute(update(MailOutbox).values(status="failed", last_error="550 x@y.ru"))
    run = anonymise(factory)
    assert [done.user_id for done in run.records] == [record.user_id]


# --- Anonymising ----------------------------------------------------------------------------


def snapshot(factory: sessionmaker[Session]) -> list[tuple[object, ...]]:
    """Every person-bearing value, to see that nothing changed."""
    with factory() as session:
        users = session.execute(
            select(
                PortalUser.id,
                PortalUser.login,
                PortalUser.email,
                PortalUser.first_name,
                PortalUser.last_name,
                PortalUser.patronymic,
                PortalUser.phone,
                PortalUser.status,
                PortalUser.anonymised_at,
            ).order_by(PortalUser.id)
        ).all()
        requests = session.execute(
            select(
                RegistrationRequest.id,
                RegistrationRequest.org_name,
                RegistrationRequest.status,
                RegistrationRequest.anonymised_at,
            ).order_by(RegistrationRequest.id)
        ).all()
        letters = session.execute(
            select(
                MailOutbox.id,
                MailOutbox.to_address,
                MailOutbox.to_name,
                MailOutbox.body_text,
                MailOutbox.status,
                MailOutbox.anonymised_at,
            ).order_by(MailOutbox.id)
        ).all()
    return [tuple(row) for row in (*users, *requests, *letters)]


def test_a_record_keeps_its_facts_and_loses_the_person(factory: sessionmaker[Session]) -> None:
    now = utcnow()
    with factory.begin() as session:
        company = rejected(session, 45, login="sidorov", email="Sidorov@Romashka.ru")
        ip = rejected(
            session,
            50,
            login="ip-sidorov",
            email="ip@sidorov.ru",
            org_type="sole_proprietor",
            inn=f.IP_INN,
            kpp=None,
            org_name=IP_NAME,
        )
        deliver_all(session)
    with factory() as session:
        decided = session.get(RegistrationRequest, company.request_id)
        assert decided is not None
        decided_at, reason = decided.decided_at, decided.decision_reason
        version = decided.user.version
    run = anonymise(factory, now=now)
    assert [record.user_id for record in run.records] == sorted([company.user_id, ip.user_id])

    with factory() as session:
        user = session.get(PortalUser, company.user_id)
        assert user is not None
        assert user.login == f"anonymised-{company.user_id}"
        assert user.email == f"anonymised-{company.user_id}@anonymised.invalid"
        assert (user.first_name, user.last_name, user.patronymic, user.phone) == (
            retention.MARKER,
        ) * 4
        assert user.status == "rejected" and user.anonymised_at == now
        assert user.version == version + 1  # a screen holding the old one is stale now
        request = session.get(RegistrationRequest, company.request_id)
        assert request is not None
        assert request.org_name == "ООО «Ромашка»"  # a company's name is no person's
        assert (request.inn, request.kpp, request.status) == (
            f.ROMASHKA_INN,
            f.ROMASHKA_KPP,
            "rejected",
        )
        assert (request.decided_at, request.decision_reason) == (decided_at, reason)
        assert request.anonymised_at == now
        ip_request = session.get(RegistrationRequest, ip.request_id)
        assert ip_request is not None
        assert ip_request.org_name == retention.MARKER and ip_request.inn == f.IP_INN
        letters = session.scalars(
            select(MailOutbox).where(
                MailOutbox.entity == "registration_request",
                MailOutbox.entity_id.in_([company.request_id, ip.request_id]),
            )
        ).all()
        assert len(letters) == 2
        for letter in letters:
            assert letter.to_address == retention.LETTER_ADDRESS
            assert letter.to_name == retention.MARKER
            assert "Сидоров" not in letter.body_text + letter.body_html + letter.subject
            assert letter.status == "sent" and letter.template == "registration_rejected"
            assert letter.anonymised_at == now
        # Nothing of the person is left in the rows retention owns.
        everything = " ".join(str(value) for row in snapshot(factory) for value in row)
        for personal in ("Сидоров", "Пётр", "Алексеевич", "765-43-21", "sidorov", "Sidorov"):
            assert personal not in everything


def test_each_record_has_one_audit_event_without_personal_data(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        first = rejected(session, 45)
        second = expired(session, 40)
        deliver_all(session)
        letter_id = session.scalar(
            select(MailOutbox.id).where(MailOutbox.entity_id == first.request_id)
        )
    run = anonymise(factory)
    events = audit_events(factory)
    assert [event.entity_id for event in events] == [first.user_id, second.user_id]
    assert {event.entity for event in events} == {"portal_user"}
    one = events[0].details
    assert one["ground"] == "rejected" and one["days"] == DAYS
    assert one["request_ids"] == [first.request_id] and one["letter_ids"] == [letter_id]
    assert one["run_id"] == run.run_id
    assert datetime.fromisoformat(one["purpose_ended_at"]) == run.records[0].purpose_ended_at
    assert events[1].details["letter_ids"] == []  # an expired request had no letter
    assert "Сидоров" not in str([event.details for event in events])


def test_letters_about_the_account_itself_go_with_it(factory: sessionmaker[Session]) -> None:
    """A rejected user once blocked and unblocked was told so: those letters are about the
    user, not a request, and are anonymised with the record."""
    with factory.begin() as session:
        record = rejected(session, 45)
        deliver_all(session)
        about_user = MailOutbox(
            to_address="sidorov@romashka.ru",
            to_name="Сидоров Пётр Алексеевич",
            subject="Доступ к Личному кабинету приостановлен",
            body_text="Здравствуйте, Пётр Алексеевич!",
            body_html="<p>Здравствуйте, Пётр Алексеевич!</p>",
            template="user_blocked",
            entity="portal_user",
            entity_id=record.user_id,
            status="sent",
        )
        session.add(about_user)
        session.flush()
        letter_id = about_user.id
    run = anonymise(factory)
    assert letter_id in run.records[0].letter_ids and len(run.records[0].letter_ids) == 2
    with factory() as session:
        letter = session.get(MailOutbox, letter_id)
        assert letter is not None and letter.anonymised_at is not None
        assert letter.to_address == retention.LETTER_ADDRESS
        assert "Пётр" not in letter.body_text + letter.body_html + (letter.to_name or "")


def test_running_twice_does_nothing_the_second_time(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        rejected(session, 45)
        unconfirmed(session, 60)
        deliver_all(session)
    assert anonymise(factory).done == 2
    after_first = snapshot(factory)
    again = anonymise(factory)
    assert (again.due, again.done) == (0, 0)
    assert snapshot(factory) == after_first
    assert len(audit_events(factory)) == 2


def test_the_old_login_and_e_mail_can_be_registered_again(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        old = rejected(session, 45, login="petrov", email="petrov@romashka.ru")
        deliver_all(session)
    anonymise(factory)
    with factory.begin() as session:
        again = submit_registration(session, f.form(login="Petrov", email="Petrov@Romashka.ru"))
        assert user_of(session, again) != old.user_id
        # Nobody can take the anonymised user's login or e-mail either.
        taken = f.form(login=f"anonymised-{old.user_id}")
        with pytest.raises(DomainError, match="Логин"):
            submit_registration(session, taken)


def test_a_login_someone_registered_as_the_marker_does_not_block_the_run(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        due_record = rejected(session, 45)
        deliver_all(session)
        # A portal user chose that very login and address (and is active: never touched).
        squatter = f.registration(
            session,
            login=f"anonymised-{due_record.user_id}",
            email=f"anonymised-{due_record.user_id}@anonymised.invalid",
        )
        squatter_user = user_of(session, squatter)
    run = anonymise(factory)
    assert [record.user_id for record in run.records] == [due_record.user_id]
    with factory() as session:
        user = session.get(PortalUser, due_record.user_id)
        assert user is not None and user.login == f"anonymised-{due_record.user_id}-1"
        assert user.email == f"anonymised-{due_record.user_id}-1@anonymised.invalid"
        squatter_row = session.get(PortalUser, squatter_user)
        assert squatter_row is not None and squatter_row.anonymised_at is None


def test_a_dry_run_tells_what_would_be_done_and_writes_nothing(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        record = rejected(session, 45)
        deliver_all(session)
    before = snapshot(factory)
    run = anonymise(factory, dry_run=True)
    assert run.dry_run and run.due == 1
    assert [(done.user_id, done.ground, done.anonymised_at) for done in run.records] == [
        (record.user_id, "rejected", None)
    ]
    assert snapshot(factory) == before and audit_events(factory) == []
    with pytest.raises(DomainError, match="Пробный запуск"):
        retention_act.render_act(run)


def test_a_cancelled_run_keeps_its_whole_batches_and_leaves_the_rest(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        records = [rejected(session, 40 + n) for n in range(5)]
        deliver_all(session)
    seen: list[tuple[int, int]] = []
    run = anonymise(
        factory,
        batch=2,
        progress=lambda done, due: seen.append((done, due)),
        cancelled=lambda: len(seen) >= 2,  # after the first batch is in
    )
    assert run.cancelled and (run.due, run.done, run.left) == (5, 2, 3)
    assert seen == [(0, 5), (2, 5)]
    with factory() as session:
        marked = session.scalars(
            select(PortalUser.id).where(PortalUser.anonymised_at.is_not(None))
        ).all()
        assert sorted(marked) == sorted(record.user_id for record in records)[:2]
        assert (
            session.scalar(
                select(func.count())
                .select_from(MailOutbox)
                .where(MailOutbox.anonymised_at.is_not(None))
            )
            == 2
        )
    rest = anonymise(factory)
    assert rest.done == 3 and len(audit_events(factory)) == 5


def test_an_interrupted_run_keeps_what_it_committed(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        for n in range(3):
            rejected(session, 40 + n)
        deliver_all(session)

    def power_cut(done: int, _due: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        anonymise(factory, batch=2, progress=power_cut)
    assert len(audit_events(factory)) == 2
    assert anonymise(factory).done == 1


def test_the_period_is_the_organisation_s_setting(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        setting = retention_period.read_period(session)
    assert (setting.value, setting.version) == (30, None)
    with factory.begin() as session:
        saved = retention_period.save_period(session, 45, ADMIN, expected_version=None)
    with factory() as session:
        assert retention_period.read_period(session).value == 45
    with factory.begin() as session, pytest.raises(ConflictError):
        retention_period.save_period(session, 60, ADMIN, expected_version=None)
    for wrong in (0, -1, 3651):
        with factory.begin() as session, pytest.raises(DomainError, match="от 1 до 3650"):
            retention_period.save_period(session, wrong, ADMIN, expected_version=saved.version)
    with pytest.raises(DomainError, match="от 1 до 3650"):
        retention.anonymise(factory, ADMIN, days=0)


# --- Outbox ---------------------------------------------------------------------------------


def test_an_anonymised_letter_is_not_sent_again_and_shows_its_marker(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        record = rejected(session, 45)
        session.execute(update(MailOutbox).values(status="failed", last_error="550 x@y.ru"))
        letter_id = session.scalar(
            select(MailOutbox.id).where(MailOutbox.entity_id == record.request_id)
        )
    assert letter_id is not None
    anonymise(factory)
    with factory.begin() as session:
        with pytest.raises(ConflictError, match="обезличено") as refused:
            outbox.retry(session, letter_id, ADMIN)
        assert refused.value.code == "ANONYMISED"
    with factory.begin() as session:
        assert outbox.reveal_recipient(session, letter_id, ADMIN) == retention.LETTER_ADDRESS
        message = outbox.load_message(session, letter_id)
        assert message.row.recipient_masked == retention.MARKER
        assert message.row.anonymised_at is not None and message.row.last_error == "обезличено"


# --- The act --------------------------------------------------------------------------------


def test_the_act_lists_records_by_id_and_grounds_and_no_personal_data(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with factory.begin() as session:
        first = rejected(session, 45, org_type="sole_proprietor", inn=f.IP_INN, kpp=None,
                         org_name=IP_NAME)  # fmt: skip
        second = unconfirmed(session, 40)
        deliver_all(session)
    run = anonymise(factory)
    supplier = Supplier(name="ООО «РН-Энерго»", inn="7706525041", kpp="770601001")
    target = tmp_path / retention_act.file_name(run.finished_at)
    assert target.name.startswith("akt-obezlichivaniya-") and target.suffix == ".pdf"
    retention_act.write_act(run, target, supplier=supplier, tz=UTC)
    assert not list(tmp_path.glob("*.part"))
    text = " ".join(pdf_text(target.read_bytes()))
    flat = " ".join(text.split())
    assert "Акт об уничтожении (обезличивании) персональных данных" in flat
    assert "152-ФЗ" in flat and "ч. 4, 5, 7 ст. 21" in flat
    assert "ООО «РН-Энерго»" in flat and "7706525041" in flat
    assert "30 дней" in flat and ADMIN in flat
    for record in (first, second):
        assert str(record.user_id) in flat and str(record.request_id) in flat
    assert "заявка отклонена" in flat and "учётная запись не подтверждена" in flat
    assert "Итого: 2" in flat
    for personal in ("Сидоров", "Пётр", "765-43-21", "@romashka.ru", "user"):
        assert personal not in flat


def test_an_act_of_nothing_is_refused(factory: sessionmaker[Session]) -> None:
    run = anonymise(factory)
    assert run.done == 0
    with pytest.raises(DomainError, match="нечего"):
        retention_act.render_act(run)


# --- PostgreSQL: staff roles and row locks ----------------------------------------------------


@pytest.fixture
def owner_factory(pg_engine: Engine) -> sessionmaker[Session]:
    return db.session_factory(pg_engine)


@pytest.mark.postgres_only
def test_an_administrator_s_own_role_anonymises_under_the_database_s_rules(
    owner_factory: sessionmaker[Session], as_staff: Callable[[str], Engine]
) -> None:
    with owner_factory.begin() as session:
        ip = rejected(session, 45, org_type="sole_proprietor", inn=f.IP_INN, kpp=None,
                      org_name=IP_NAME)  # fmt: skip
        rejected(session, 50)
        expired(session, 40)
        deliver_all(session)
    admin = as_staff("admin")
    with admin.connect() as connection:
        login = connection.execute(text("SELECT session_user")).scalar_one()
    run = retention.anonymise(db.session_factory(admin), login, days=DAYS)
    assert run.done == 3
    events = audit_events(owner_factory)
    assert len(events) == 3 and {event.actor for event in events} == {login}
    with owner_factory() as session:
        request = session.get(RegistrationRequest, ip.request_id)
        assert request is not None and request.org_name == retention.MARKER
        # The database added no audit rows of its own: the application's stand alone.
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.details["by"].as_string() == "database")
            )
            == 0
        )
    # Once anonymised, the database keeps the marker for good (LK004).
    with admin.begin() as connection, pytest.raises(DBAPIError) as refused:
        connection.execute(
            update(RegistrationRequest)
            .where(RegistrationRequest.id == ip.request_id)
            .values(org_name=IP_NAME)
        )
    assert getattr(refused.value.orig, "sqlstate", None) == "LK004"


@pytest.mark.postgres_only
def test_a_verifier_cannot_anonymise(
    owner_factory: sessionmaker[Session], as_staff: Callable[[str], Engine]
) -> None:
    with owner_factory.begin() as session:
        rejected(session, 45)
        deliver_all(session)
    before = snapshot(owner_factory)
    verifier = as_staff("verifier")
    with pytest.raises(DBAPIError) as refused:
        retention.anonymise(db.session_factory(verifier), "verifier", days=DAYS)
    problem = diagnose(refused.value)
    assert problem is not None and "Недостаточно прав" in problem.message
    assert snapshot(owner_factory) == before and audit_events(owner_factory) == []


@pytest.mark.postgres_only
def test_a_record_someone_is_changing_is_left_for_the_next_run(
    owner_factory: sessionmaker[Session], pg_engine: Engine
) -> None:
    with owner_factory.begin() as session:
        busy, free = rejected(session, 45), rejected(session, 46)
        session.execute(update(MailOutbox).values(status="failed", last_error="550"))
        busy_letter = session.scalar(
            select(MailOutbox.id).where(MailOutbox.entity_id == busy.request_id)
        )
    with pg_engine.connect() as desk, desk.begin():
        # Another desk is retrying that letter right now (holds its row lock).
        desk.execute(select(MailOutbox.id).where(MailOutbox.id == busy_letter).with_for_update())
        seen: list[tuple[int, int]] = []
        run = retention.anonymise(
            owner_factory, ADMIN, days=DAYS, progress=lambda *step: seen.append(step)
        )
    assert [record.user_id for record in run.records] == [free.user_id]
    assert (run.due, run.left) == (2, 1)
    assert seen[-1] == (2, 2)  # the progress reaches its end: both were looked at
    later = retention.anonymise(owner_factory, ADMIN, days=DAYS)
    assert [record.user_id for record in later.records] == [busy.user_id]
