"""Each finding code on crafted data, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import Counterparty, PortalUser
from lkk_admin.services import near_miss
from lkk_admin.services.checks import Finding, evaluate, local_moment, run_checks
from lkk_admin.services.errors import NotFoundError
from tests import factories as f


@pytest.fixture
def registry(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """ООО «Ромашка» with a branch, ООО «Василёк», and their contracts."""
    with factory.begin() as session:
        romashka = f.counterparty(
            session, full_name="Общество с ограниченной ответственностью «Ромашка»"
        )
        f.counterparty(session, kpp="771401001", short_name="ООО «Ромашка» (филиал)")
        vasilek = f.counterparty(
            session, inn=f.VASILEK_INN, kpp="773601001", short_name="ООО «Василёк»"
        )
        ip = f.counterparty(
            session,
            inn=f.IP_INN,
            kpp=None,
            short_name="ИП Петров Пётр Петрович",
            org_type="sole_proprietor",
        )
        f.contract(session, romashka, "ЭС-0012/21")
        f.contract(session, romashka, "77090001234567")
        f.contract(session, romashka, "12345/Э", status="terminated")
        f.contract(session, romashka, "ABC-7", status="suspended")
        f.contract(session, vasilek, "ЭС-0099/22")
        f.contract(session, ip, "ИП-0001/20")
    return factory


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def check(registry: sessionmaker[Session], **changes: object) -> list[Finding]:
    confirmed = bool(changes.pop("confirmed", True))
    with registry.begin() as session:
        request_id = f.registration(session, confirmed=confirmed, **changes)
    with registry() as session:
        return run_checks(session, request_id)


def test_clean_request_has_no_findings(registry: sessionmaker[Session]) -> None:
    assert check(registry, contract_numbers=["ЭС-0012/21", "77090001234567"]) == []


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"inn": "7706107511"}, "контрольные цифры"),
        ({"inn": "770610751"}, "из 9 цифр"),
        ({"inn": f.IP_INN}, "из 12 цифр"),  # a person's ИНН for an organisation
        ({"inn": "77061O7510"}, "не только цифры"),
    ],
)
def test_inn_invalid(
    registry: sessionmaker[Session], changes: dict[str, str], fragment: str
) -> None:
    findings = check(registry, **changes)
    assert codes(findings)[0] == "INN_INVALID"
    assert findings[0].severity == "error"
    assert fragment in findings[0].message


def test_kpp_required_invalid_and_not_applicable(registry: sessionmaker[Session]) -> None:
    assert "KPP_REQUIRED" in codes(check(registry, kpp=""))
    invalid = [x for x in check(registry, kpp="7706ab001") if x.code == "KPP_INVALID"]
    assert invalid and "7706ab001" in invalid[0].message
    ip = check(
        registry,
        org_type="sole_proprietor",
        inn=f.IP_INN,
        kpp="500101001",
        org_name="ИП Петров Пётр Петрович",
        contract_numbers=["ИП-0001/20"],
    )
    assert codes(ip) == ["KPP_NOT_APPLICABLE"]
    assert ip[0].severity == "warning"


def test_counterparty_not_found_and_flag_mismatch(registry: sessionmaker[Session]) -> None:
    findings = check(registry, inn=f.UNKNOWN_VALID_INN, contract_numbers=["ЭС-0012/21"])
    assert {
        "COUNTERPARTY_NOT_FOUND",
        "EXISTING_FLAG_MISMATCH",
        "CONTRACT_OTHER_COUNTERPARTY",
    } <= set(codes(findings))
    not_found = next(x for x in findings if x.code == "COUNTERPARTY_NOT_FOUND")
    assert f.UNKNOWN_VALID_INN in not_found.message
    reverse = check(registry, existing_counterparty=False)
    assert codes(reverse) == ["EXISTING_FLAG_MISMATCH"]


def test_kpp_mismatch_names_the_registry_kpps(registry: sessionmaker[Session]) -> None:
    findings = check(registry, kpp="770699001")
    mismatch = next(x for x in findings if x.code == "KPP_MISMATCH")
    assert mismatch.severity == "error"
    assert "770601001" in mismatch.message and "771401001" in mismatch.message


def test_name_mismatch_carries_both_names(registry: sessionmaker[Session]) -> None:
    same = check(registry, org_name='общество с ограниченной ответственностью "РОМАШКА"')
    assert same == []
    findings = check(registry, org_name="ООО «Лютик»", contract_numbers=["77090001234567"])
    assert codes(findings) == ["NAME_MISMATCH"]
    assert findings[0].details == {"entered": "ООО «Лютик»", "registry": "ООО «Ромашка»"}
    assert "Лютик" in findings[0].message and "Ромашка" in findings[0].message


def test_contract_not_found_other_counterparty_terminated(registry: sessionmaker[Session]) -> None:
    findings = check(registry, contract_numbers=["ЭС-9999/21", "ЭС-0099/22", "12345/Э"])
    by_code = {x.code: x for x in findings}
    assert by_code["CONTRACT_NOT_FOUND"].contract_number == "ЭС-9999/21"
    other = by_code["CONTRACT_OTHER_COUNTERPARTY"]
    assert other.contract_number == "ЭС-0099/22"
    assert "Василёк" in other.message and f.VASILEK_INN in other.message
    assert by_code["CONTRACT_TERMINATED"].contract_number == "12345/Э"
    assert all(x.severity == "error" for x in findings)


def test_suspended_contract_is_a_warning(registry: sessionmaker[Session]) -> None:
    findings = check(registry, contract_numbers=["ABC-7"])
    assert codes(findings) == ["CONTRACT_SUSPENDED"]
    assert findings[0].severity == "warning"


def test_spaces_dashes_case_and_latin_letters_match(registry: sessionmaker[Session]) -> None:
    findings = check(registry, contract_numbers=[" эс—0012/21 ", "7709 0001 2345 67", "3C-0012/21"])
    assert codes(findings).count("CONTRACT_NOT_FOUND") == 1  # only the one with a wrong letter
    matched = {x.details.get("matched") for x in findings if x.code == "CONTRACT_NUMBER_VARIANT"}
    assert matched == {"ЭС-0012/21", "77090001234567"}


def test_the_finding_names_the_number_as_typed_and_what_it_matched(
    registry: sessionmaker[Session],
) -> None:
    latin = check(registry, contract_numbers=["ЭC-0012/21"])  # Latin C
    assert codes(latin) == ["CONTRACT_NUMBER_VARIANT"]
    assert latin[0].contract_number == "ЭC-0012/21"
    assert "«ЭC-0012/21»" in latin[0].message and "№ ЭС-0012/21" in latin[0].message


def test_email_not_confirmed(registry: sessionmaker[Session]) -> None:
    findings = check(registry, confirmed=False)
    assert codes(findings) == ["EMAIL_NOT_CONFIRMED"]
    assert findings[0].severity == "error"


def test_duplicate_pending(registry: sessionmaker[Session]) -> None:
    with registry.begin() as session:
        first = f.registration(session, contract_numbers=["ЭС-0012/21"])
    findings = check(registry, contract_numbers=["эс-0012/21"])
    duplicate = next(x for x in findings if x.code == "DUPLICATE_PENDING")
    assert duplicate.severity == "warning"
    assert f"№ {first}" in duplicate.message


def test_already_has_access(registry: sessionmaker[Session]) -> None:
    with registry.begin() as session:
        request_id = f.registration(session, contract_numbers=["ЭС-0012/21"])
        evaluation = evaluate(session, request_id)
        user_id = session.get_one(f.RegistrationRequest, request_id).portal_user_id
        target = session.get_one(f.Contract, evaluation.contracts[0].contract_id)
        f.grant(session, user_id, target)
    with registry() as session:
        findings = run_checks(session, request_id)
    assert codes(findings) == ["ALREADY_HAS_ACCESS"]
    assert findings[0].severity == "info"
    assert findings[0].contract_number == "ЭС-0012/21"


def test_a_blocked_applicant_is_a_warning_saying_who_when_and_why(
    registry: sessionmaker[Session],
) -> None:
    blocked_at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    with registry.begin() as session:
        request_id = f.registration(session, contract_numbers=["ЭС-0012/21"])
        user_id = session.get_one(f.RegistrationRequest, request_id).portal_user_id
        session.execute(
            update(PortalUser)
            .where(PortalUser.id == user_id)
            .values(
                status="blocked",
                status_before_block="pending",
                blocked_at=blocked_at,
                blocked_by="admin1",
                block_reason="Передача логина и пароля третьим лицам.",
                version=PortalUser.version + 1,
            )
        )
    with registry() as session:
        findings = run_checks(session, request_id)
        approvable = not evaluate(session, request_id).request_errors
    assert codes(findings) == ["USER_BLOCKED"]
    [blocked] = findings
    assert blocked.severity == "warning" and blocked.contract_number is None
    assert (
        f"заблокирована администратором admin1 {local_moment(blocked_at)} по причине: "
        "«Передача логина и пароля третьим лицам.»" in blocked.message
    )
    assert "только после того, как администратор его разблокирует" in blocked.message
    assert approvable  # a warning: the verifier may still approve


def test_free_mail_domain_for_a_company(registry: sessionmaker[Session]) -> None:
    findings = check(registry, email="romashka.buh@Mail.ru")
    assert codes(findings) == ["FREE_MAIL_DOMAIN"]
    ip = check(
        registry,
        org_type="sole_proprietor",
        inn=f.IP_INN,
        kpp="",
        email="petrov@gmail.com",
        org_name="ИП Петров Пётр Петрович",
        contract_numbers=["ИП-0001/20"],
    )
    assert ip == []


def test_errors_come_first(registry: sessionmaker[Session]) -> None:
    findings = check(
        registry,
        email="x@yandex.ru",
        org_name="ООО «Лютик»",
        contract_numbers=["ЭС-9999/21", "abc-7"],
    )
    severities = [x.severity for x in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert severities[0] == "error" and severities[-1] == "info"


def test_unknown_request(registry: sessionmaker[Session]) -> None:
    with registry() as session, pytest.raises(NotFoundError):
        run_checks(session, 12345)


# A valid ИНН one digit away from ООО «Ромашка»'s (…580 typed, …510 in the registry).
ROMASHKA_TYPO_INN = "7706107580"


def test_a_contract_of_another_counterparty_names_its_owner(
    registry: sessionmaker[Session],
) -> None:
    with registry.begin() as session:
        request_id = f.registration(session, contract_numbers=["ЭС-0099/22"])
        evaluation = evaluate(session, request_id)
    [match] = evaluation.contracts
    assert match.owner is not None
    assert (match.owner.inn, match.owner.kpp, match.owner.name) == (
        f.VASILEK_INN,
        "773601001",
        "ООО «Василёк»",
    )
    assert match.owner_differs and match.near_miss is None  # a stranger, not a typo
    [other] = [x for x in evaluation.findings if x.code == "CONTRACT_OTHER_COUNTERPARTY"]
    assert "КПП 773601001" in other.message
    assert other.details["owner_kpp"] == "773601001"
    assert other.details["entered_inn"] == f.ROMASHKA_INN
    assert other.details["near_miss"] == ""


def test_an_inn_a_digit_off_the_contract_owners_is_a_near_miss(
    registry: sessionmaker[Session],
) -> None:
    with registry.begin() as session:
        request_id = f.registration(session, inn=ROMASHKA_TYPO_INN, contract_numbers=["ЭС-0012/21"])
        evaluation = evaluate(session, request_id)
    assert "COUNTERPARTY_NOT_FOUND" in codes(evaluation.findings)
    [match] = evaluation.contracts
    assert match.near_miss == "inn"
    other = next(x for x in match.findings if x.code == "CONTRACT_OTHER_COUNTERPARTY")
    assert other.details["near_miss"] == "inn"
    assert other.details["owner_inn"] == f.ROMASHKA_INN
    assert "одной цифрой" in other.message and "опечатк" in other.message


def test_a_branchs_contract_is_a_near_miss_of_the_kpp(registry: sessionmaker[Session]) -> None:
    with registry.begin() as session:
        branch = session.scalars(select(Counterparty).where(Counterparty.kpp == "771401001")).one()
        f.contract(session, branch, "ФЛ-0001/24")
        request_id = f.registration(session, contract_numbers=["ФЛ-0001/24"])
        evaluation = evaluate(session, request_id)
    [match] = evaluation.contracts
    assert match.near_miss == "kpp"
    assert codes(list(match.findings)) == ["CONTRACT_OTHER_COUNTERPARTY"]


def test_kpp_mismatch_still_shows_what_the_inn_matched(registry: sessionmaker[Session]) -> None:
    with registry.begin() as session:
        request_id = f.registration(session, kpp="770699001")
        evaluation = evaluate(session, request_id)
    assert evaluation.counterparty is None
    assert {c.kpp for c in evaluation.candidates} == {"770601001", "771401001"}
    match = evaluation.registry_match
    assert match is not None and match.kpp == "770601001"  # the typed contract's owner


def test_near_misses_and_differing_characters() -> None:
    assert near_miss.typo_digits("7706107580", "7706107510") == 1
    assert near_miss.typo_digits("7706107566", "7706107510") == 2
    assert near_miss.typo_digits("7706107150", "7706107510") == 1  # swapped neighbours
    assert near_miss.typo_digits("7707083893", "7706107510") is None
    assert near_miss.typo_digits("770610751", "7706107510") is None
    assert near_miss.differing_positions("7706107856", "7706107853") == ((9,), (9,))
    assert near_miss.differing_positions("7706-01001", "770601001") == ((4,), ())
    assert (
        near_miss.classify(
            entered_inn="7706107510",
            entered_kpp=None,
            entered_name="ООО «Лютик»",
            owner_inn="7707083893",
            owner_kpp="773601001",
            owner_names=("ООО «Лютик»",),
        )
        == "name"
    )
