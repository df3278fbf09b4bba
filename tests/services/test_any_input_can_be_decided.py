"""Any registration the portal accepts can be decided, and its letter delivered.

Every field may be as long as its column allows and hold any character but NUL (which the
portal refuses) and lone surrogates (which are not text): Cyrillic, Latin, digits,
punctuation, combining marks, zero-width and bidirectional characters, odd spaces, emoji.
Such a request is claimed and approved, rejected or returned exactly as a verifier does
it, and the letter reaches a real SMTP server addressed to the applicant, with the display
name a mail client decodes intact.
"""

from __future__ import annotations

import email.header
import email.policy
import itertools
import string
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import cast

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import String, text
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import MailOutbox, PortalUser, RegistrationContract, RegistrationRequest
from lkk_admin.models.base import table_of
from lkk_admin.models.registry import ORG_TYPES
from lkk_admin.services import mail_templates, queue
from lkk_admin.services.intake import RegistrationForm, confirm_email, submit_registration
from lkk_admin.services.mail_delivery import OutgoingMail, Sender, build_message
from lkk_admin.services.mail_settings import MailSettings
from lkk_admin.services.passwords import hash_password
from lkk_admin.services.queue_writes import TO_NAME_LENGTH
from tests import factories as f
from tests.smtp import ReceivedMail, RecordingSmtpServer


def column_length(model: type, column: str) -> int:
    length = cast(String, table_of(model).c[column].type).length
    assert length is not None
    return length


LOGIN = column_length(PortalUser, "login")
EMAIL = column_length(PortalUser, "email")
NAME = column_length(PortalUser, "first_name")
PHONE = column_length(PortalUser, "phone")
INN = column_length(RegistrationRequest, "inn")
KPP = column_length(RegistrationRequest, "kpp")
ORG_NAME = column_length(RegistrationRequest, "org_name")
CONTRACT_NUMBER = column_length(RegistrationContract, "number_as_typed")
DECISION_TEXT = queue.MAX_DECISION_TEXT_LENGTH

CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяІіЇїЄєҐґ"
LATIN = string.ascii_letters + "ÀÉÖÜßæøłŁſĳ"
DIGITS = string.digits + "٣०１"
PUNCTUATION = string.punctuation + "«»„“”‘’—–‑№…·§"
COMBINING = "\u0300\u0301\u0306\u0308\u0327\u0483\u0489\u20dd\ufe0f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202e\u00ad"
SPACES = " \u00a0\t\n\r\u2028\u3000"
# Expand under NFKC or upper case («ﬃ» → «FFI»), or need four bytes of UTF-8.
OTHER = "ﬁﬃ﷽㍿👨👩👧🏽\U0001d400\U00020000"
ALPHABET = CYRILLIC + LATIN + DIGITS + PUNCTUATION + COMBINING + ZERO_WIDTH + SPACES + OTHER

characters = st.one_of(
    st.sampled_from(ALPHABET),
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
)


def typed(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """What one may type into a field of ``max_size`` characters; often exactly that many."""
    return st.one_of(
        st.text(characters, min_size=max_size, max_size=max_size),
        st.text(characters, min_size=min_size, max_size=max_size),
    )


@st.composite
def padded(draw: st.DrawFn, value: str, max_size: int) -> str:
    """``value`` with spaces around it, up to ``max_size`` characters."""
    left = draw(st.integers(0, max_size - len(value)))
    right = draw(st.integers(0, max_size - len(value) - left))
    return " " * left + value + " " * right


_unique = itertools.count(1)
ATEXT = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
LABEL = string.ascii_lowercase + string.digits
UNIQUE = len("u0000000")


def unique_prefix() -> str:
    """Fresh for every example, and always as long (the draws must not depend on it)."""
    return f"u{next(_unique):07d}"


@st.composite
def logins(draw: st.DrawFn) -> str:
    return unique_prefix() + draw(typed(LOGIN - UNIQUE))


@st.composite
def emails(draw: st.DrawFn) -> str:
    """A deliverable address, up to the column's 254 characters (local part up to 64,
    labels up to 63), sometimes on a Cyrillic domain, sometimes with spaces around."""
    word = st.text(ATEXT, min_size=1, max_size=63 - UNIQUE)
    local = unique_prefix() + draw(st.one_of(st.just(""), word.map(lambda rest: "." + rest)))
    if draw(st.booleans()):
        domain = draw(st.sampled_from(["почта.рф", "пример.испытание", "Romashka.RU"]))
    else:
        top = draw(st.sampled_from(["ru", "com", "org"]))
        room = EMAIL - len(local) - len("@") - len(top) - len(".")
        target = draw(st.one_of(st.just(room), st.integers(3, room)))
        labels: list[str] = []
        while target - len(".".join(labels)) > 1:
            left = target - len(".".join(labels)) - (1 if labels else 0)
            size = draw(st.integers(1, min(63, left)))
            labels.append(draw(st.text(LABEL, min_size=size, max_size=size)))
        domain = ".".join([*labels, top])
    return draw(padded(f"{local}@{domain}", EMAIL))


def person_fields() -> dict[str, st.SearchStrategy[object]]:
    return {
        "login": logins(),
        "email": emails(),
        "password": st.just("S3cret-pass"),
        "first_name": typed(NAME),
        "last_name": typed(NAME),
        "patronymic": st.one_of(st.none(), typed(NAME)),
        "phone": typed(PHONE),
    }


REGISTRY_NUMBER = "ЭС-0012/21"
registry_number_as_typed = st.sampled_from(
    [REGISTRY_NUMBER, "эс 0012 21", "ЭC—0012/21", "ЭС 0012/21"]
).flatmap(lambda number: padded(number, CONTRACT_NUMBER))


# Approvable: the organisation and one contract as in the registry; anything else as typed.
approvable = st.builds(
    RegistrationForm,
    **person_fields(),
    org_type=st.just("legal_entity"),
    inn=padded(f.ROMASHKA_INN, INN),
    kpp=padded(f.ROMASHKA_KPP, KPP),
    org_name=typed(ORG_NAME),
    existing_counterparty=st.booleans(),
    contract_numbers=st.tuples(
        registry_number_as_typed, st.lists(typed(CONTRACT_NUMBER), max_size=3)
    ).map(lambda parts: [parts[0], *parts[1]]),
)
# Anything at all, for a refusal or a question.
anything = st.builds(
    RegistrationForm,
    **person_fields(),
    org_type=st.sampled_from(ORG_TYPES),
    inn=typed(INN),
    kpp=st.one_of(st.none(), typed(KPP)),
    org_name=typed(ORG_NAME),
    existing_counterparty=st.booleans(),
    contract_numbers=st.lists(typed(CONTRACT_NUMBER), max_size=4),
)
verifier_text = typed(500, min_size=1).filter(lambda value: value.strip() != "")

# The case of the issue: three names of 100 letters each.
LONGEST_NAMES = RegistrationForm(
    login="longest-names",
    email="longest-names@romashka.ru",
    password="S3cret-pass",
    first_name="Ж" * NAME,
    last_name="Щ" * NAME,
    patronymic="И\u0306" * (NAME // 2),
    phone="+7" * (PHONE // 2),
    org_type="legal_entity",
    inn=f.ROMASHKA_INN,
    kpp=f.ROMASHKA_KPP,
    org_name="Я" * ORG_NAME,
    contract_numbers=[REGISTRY_NUMBER, "ß" * CONTRACT_NUMBER],
    existing_counterparty=True,
)
PASSWORD_HASH = hash_password("S3cret-pass", iterations=1)
SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def registry(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with factory.begin() as session:
        f.contract(session, f.counterparty(session), REGISTRY_NUMBER)
    return factory


def verifier(factory: sessionmaker[Session]) -> str:
    """Who decides: on PostgreSQL the database records the session user, so that is who."""
    with factory() as session:
        if session.get_bind().dialect.name == "postgresql":
            return str(session.scalar(text("SELECT session_user")))
    return "verifier1"


def submitted_and_claimed(factory: sessionmaker[Session], form: RegistrationForm) -> int:
    """As the portal submits it, its e-mail confirmed, claimed by the verifier."""
    with factory.begin() as session:
        request_id = submit_registration(session, form, password_hash=PASSWORD_HASH)
        confirm_email(session, request_id)
    with factory.begin() as session:
        queue.claim(session, request_id, verifier(factory))
    return request_id


def decoded_display_name(header: str) -> str:
    """The display name of a To header as RFC 2047 says to decode it (whitespace between
    encoded words dropped, unlike Python 3.11's header registry)."""
    display, _, _address = header.replace("\r\n", "").replace("\n", "").rpartition("<")
    return "".join(
        part.decode(charset or "ascii") if isinstance(part, bytes) else part
        for part, charset in email.header.decode_header(display.strip())
    )


def read(raw: bytes) -> EmailMessage:
    """A message as a mail client reads it; headers may be UTF-8 (SMTPUTF8, RFC 6532)."""
    message = email.message_from_string(raw.decode("utf-8"), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def deliver_and_check(
    factory: sessionmaker[Session],
    smtp_server: RecordingSmtpServer,
    mail_id: int,
    form: RegistrationForm,
) -> None:
    already = len(smtp_server.received)
    settings_ = MailSettings(
        smtp_host=smtp_server.host, smtp_port=smtp_server.port, timeout_seconds=5.0
    )
    report = Sender(factory, settings_).deliver_due()
    assert (report.sent, report.failed, report.retrying) == (1, 0, 0), report.failures
    [received] = smtp_server.received[already:]
    with factory() as session:
        row = session.get_one(MailOutbox, mail_id)
        assert row.status == "sent"
    address = form.email.strip()
    assert row.to_address == address
    check_recipient(received, address, row.to_name or "")
    assert row.to_name == mail_templates.recipient_name(
        form.last_name, form.first_name, form.patronymic, limit=TO_NAME_LENGTH
    )


def check_recipient(received: ReceivedMail, address: str, name: str) -> None:
    assert received.recipients == [address]
    head = received.raw.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 998 for line in head.split(b"\r\n"))
    message = read(received.raw)
    [to] = message["To"].addresses
    assert to.addr_spec == address
    [to_header] = [value for key, value in message.raw_items() if key == "To"]
    assert decoded_display_name(to_header) == name
    assert message["Subject"] and message.get_body(("plain",)) is not None


@SLOW
@given(form=approvable)
@example(form=LONGEST_NAMES)
def test_any_approvable_registration_is_approved_and_its_letter_delivered(
    registry: sessionmaker[Session], smtp_server: RecordingSmtpServer, form: RegistrationForm
) -> None:
    request_id = submitted_and_claimed(registry, form)
    with registry.begin() as session:
        decision = queue.approve(session, request_id, verifier(registry))
    assert decision.status == "approved" and decision.granted == (REGISTRY_NUMBER,)
    deliver_and_check(registry, smtp_server, decision.mail_id, form)


@SLOW
@given(form=anything, reason=verifier_text, standard=st.booleans())
@example(form=LONGEST_NAMES, reason="Я" * DECISION_TEXT, standard=True)
def test_any_registration_is_rejected_and_its_letter_delivered(
    registry: sessionmaker[Session],
    smtp_server: RecordingSmtpServer,
    form: RegistrationForm,
    reason: str,
    standard: bool,
) -> None:
    request_id = submitted_and_claimed(registry, form)
    code = "INN_NOT_FOUND" if standard else None
    with registry.begin() as session:
        decision = queue.reject(session, request_id, verifier(registry), reason, code)
    assert decision.status == "rejected"
    deliver_and_check(registry, smtp_server, decision.mail_id, form)


@SLOW
@given(form=anything, message=verifier_text)
@example(form=LONGEST_NAMES, message="Уточните\n" * (DECISION_TEXT // 9))
def test_any_registration_is_returned_and_its_letter_delivered(
    registry: sessionmaker[Session],
    smtp_server: RecordingSmtpServer,
    form: RegistrationForm,
    message: str,
) -> None:
    request_id = submitted_and_claimed(registry, form)
    with registry.begin() as session:
        decision = queue.return_for_clarification(session, request_id, verifier(registry), message)
    assert decision.status == "needs_info"
    deliver_and_check(registry, smtp_server, decision.mail_id, form)


# --- the two pieces alone, with many more examples (no database) ---------------------------


@given(last=typed(NAME), first=typed(NAME), patronymic=st.one_of(st.none(), typed(NAME)))
@example(last="Щ" * NAME, first="Ж" * NAME, patronymic="Ш" * NAME)
@example(last="Щ" * NAME, first="Ж" * NAME, patronymic="И\u0306" * (NAME // 2))
@example(last="\u0301" * NAME, first="\u0301" * NAME, patronymic="\u0301" * NAME)
def test_the_recipient_name_always_fits_and_is_cut_between_letters(
    last: str, first: str, patronymic: str | None
) -> None:
    name = mail_templates.recipient_name(last, first, patronymic, limit=TO_NAME_LENGTH)
    assert len(name) <= TO_NAME_LENGTH
    assert name == " ".join(name.split())  # one line, single spaces
    parts = [mail_templates.clean_name_part(part) for part in (last, first, patronymic)]
    whole = " ".join(part for part in parts if part)
    if len(whole) <= TO_NAME_LENGTH:
        assert name == whole
        return
    kept = name.removesuffix("…")
    assert name.endswith("…") and whole.startswith(kept)
    boundaries = [
        i
        for i in range(1, TO_NAME_LENGTH)
        if not mail_templates.continues_previous(whole[i]) and whole[i - 1] != "\u200d"
    ]
    if boundaries:  # cut where a letter begins, not among the marks of one
        assert len(kept) in boundaries or whole[len(kept)] == " "


@given(
    name=st.text(characters, max_size=TO_NAME_LENGTH),
    address=emails(),
    sender=st.text(characters, max_size=200),
)
@example(name="a" * 100 + " " + "b" * 100, address="ivanov@romashka.ru", sender="x")
@example(name='"' * TO_NAME_LENGTH, address="ivanov@romashka.ru", sender="\\" * 200)
@example(name="x" * 80 + " <evil@attacker.ru>, Bob", address="ivanov@romashka.ru", sender="")
def test_any_display_name_makes_a_valid_header(name: str, address: str, sender: str) -> None:
    mail = OutgoingMail(1, address, name, "Тема", "Текст", "<p>Текст</p>", datetime.now(UTC), 1)
    settings_ = MailSettings(sender_name=sender)
    message = build_message(mail, settings_)
    raw = message.as_bytes(policy=email.policy.SMTP if address.isascii() else email.policy.SMTPUTF8)
    head, _, _body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    assert all(len(line) <= 78 or b"@" in line for line in lines)
    assert all(len(line) <= 998 for line in lines)
    parsed = read(raw)
    headers = dict(parsed.raw_items())
    assert set(headers) >= {"To", "From", "Subject", "Date", "Message-ID", "Content-Type"}
    [to] = parsed["To"].addresses
    assert to.addr_spec == address.strip()
    expected = " ".join(name.split())
    assert decoded_display_name(headers["To"]) == expected
    assert decoded_display_name(headers["From"]) == " ".join(sender.split())
