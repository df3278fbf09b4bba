"""What staff type is refused at the input, with the field named, when the database could
not keep it: a NUL, half a character, a text longer than its limit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent, MailOutbox, RegistrationRequest
from lkk_admin.services import input_text, queue
from lkk_admin.services.errors import DomainError
from tests import factories as f


def test_ordinary_text_passes_unchanged() -> None:
    text = "ООО «Ромашка» — 100% \\ _ \t\n ё 😀 \u200b"
    assert input_text.search_text(text) == text
    assert input_text.field_text(f"  {text}  ", "Причина") == text.strip()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Ромашка\x00", "(NUL, код 0, позиция 8)"),
        ("\x00", "(NUL, код 0, позиция 1)"),
        ("Рома\ud83dшка", "(половина символа UTF-16, позиция 5)"),
    ],
)
def test_an_unstorable_character_is_refused_with_the_field_named(text: str, said: str) -> None:
    with pytest.raises(DomainError) as refused:
        input_text.search_text(text)
    assert refused.value.message.startswith("В поле «Поиск» есть невидимый недопустимый символ")
    assert said in refused.value.message
    assert refused.value.code == "UNSTORABLE_CHARACTER"
    with pytest.raises(DomainError, match="«Причина отказа»"):
        input_text.field_text(text, "Причина отказа", max_length=100)


def test_the_length_is_counted_after_stripping() -> None:
    assert input_text.field_text(" " + "я" * 5 + "\n", "Причина", max_length=5) == "я" * 5
    with pytest.raises(DomainError, match="«Причина» слишком длинное") as refused:
        input_text.field_text("я" * 6, "Причина", max_length=5)
    assert refused.value.code == "TOO_LONG"


@pytest.fixture
def claimed_request(factory: sessionmaker[Session]) -> int:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        request_id = f.registration(session, contract_numbers=["ЭС-0012/21"])
        queue.claim(session, request_id, "verifier1")
    return request_id


def _unchanged(factory: sessionmaker[Session], request_id: int) -> tuple[object, ...]:
    with factory() as session:
        request = session.get_one(RegistrationRequest, request_id)
        return (
            request.status,
            request.version,
            request.claimed_by,
            session.scalar(select(func.count()).select_from(MailOutbox)),
            session.scalar(select(func.count()).select_from(AuditEvent)),
        )


Decide = Callable[[Session, int, str], object]
DECISIONS: dict[str, tuple[str, Decide]] = {
    "reject": ("Причина отказа", lambda s, r, text: queue.reject(s, r, "verifier1", text)),
    "return": (
        "Что нужно уточнить",
        lambda s, r, text: queue.return_for_clarification(s, r, "verifier1", text),
    ),
}


@pytest.mark.parametrize("decision", sorted(DECISIONS))
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Нет доверенности\x00", "NUL"),
        ("Нет \udc00 доверенности", "UTF-16"),
        ("я" * (queue.MAX_DECISION_TEXT_LENGTH + 1), "слишком длинное"),
    ],
)
def test_a_decision_refuses_text_it_cannot_keep_and_changes_nothing(
    factory: sessionmaker[Session], claimed_request: int, decision: str, text: str, said: str
) -> None:
    field, decide = DECISIONS[decision]
    before = _unchanged(factory, claimed_request)
    with pytest.raises(DomainError) as refused, factory.begin() as session:
        decide(session, claimed_request, text)
    assert f"«{field}»" in refused.value.message and said in refused.value.message
    assert _unchanged(factory, claimed_request) == before


@pytest.mark.parametrize("decision", sorted(DECISIONS))
def test_a_decision_keeps_the_longest_text_allowed(
    factory: sessionmaker[Session], claimed_request: int, decision: str
) -> None:
    _field, decide = DECISIONS[decision]
    text = "Уточните данные. " * (queue.MAX_DECISION_TEXT_LENGTH // 17)
    with factory.begin() as session:
        decide(session, claimed_request, f"  {text}  ")
    with factory() as session:
        request = session.get_one(RegistrationRequest, claimed_request)
        assert request.decision_reason == text.strip()
