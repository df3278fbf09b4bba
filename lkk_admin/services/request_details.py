"""One registration request as the verifier sees it: the applicant's three steps, the
findings, the entered organisation beside the registry's, and the contracts.

The comparison shows what the checks matched by the ИНН (also when the КПП differs);
a contract that is someone else's shows its owner beside what was typed, the differing
characters marked. A decided request shows the checks as they were when the decision was
taken (services.decision_snapshot) and what was decided per contract, not a fresh run
against the state the decision created.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkk_admin.models import (
    AuditEvent,
    Counterparty,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.services import checks, decision_snapshot
from lkk_admin.services.decision_advice import Advice, advise
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.mail_templates import DEFAULT_PORTAL_URL
from lkk_admin.services.masking import mask_email, mask_phone
from lkk_admin.services.near_miss import NearMiss, differing_positions
from lkk_admin.services.org_names import same_organisation_name
from lkk_admin.services.portal_link import read_portal_link
from lkk_admin.services.request_list import store_check_summary

ContactField = Literal["email", "phone"]
# live: checked now; decision: as when the decision was taken; now_after_decision: a
# decision that kept no snapshot (taken by an older version, or demo data), checked now.
ChecksSource = Literal["live", "decision", "now_after_decision"]


@dataclass(frozen=True)
class ComparedField:
    label: str
    entered: str
    registry: str
    differs: bool
    # Positions of the characters that differ (identifiers: ИНН, КПП), in each value.
    entered_marks: tuple[int, ...] = ()
    registry_marks: tuple[int, ...] = ()


@dataclass(frozen=True)
class ContractLine:
    registration_contract_id: int
    number_as_typed: str
    matched_number: str | None
    counterparty_name: str | None
    status: str | None
    findings: tuple[checks.Finding, ...]
    grantable: bool
    decision: str | None
    decision_note: str | None = None
    owner: checks.ContractOwner | None = None
    owner_differs: bool = False  # the contract is not the organisation's of the request
    near_miss: NearMiss | None = None
    # The organisation entered beside the contract's owner (when the owner differs).
    owner_comparison: tuple[ComparedField, ...] = ()


@dataclass(frozen=True)
class RequestDetails:
    id: int
    version: int
    status: str
    submitted_at: datetime
    email_confirmed_at: datetime | None
    # Step 1. Данные аккаунта
    login: str
    email_masked: str
    # Step 2. Личная информация
    last_name: str
    first_name: str
    patronymic: str | None
    phone_masked: str
    # Step 3. Информация о компании
    org_type: str
    inn: str
    kpp: str | None
    org_name: str
    existing_counterparty: bool
    # Work on it
    claimed_by: str | None
    claim_expires_at: datetime | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    reason_code: str | None
    findings: list[checks.Finding]
    # What the checks found by the ИНН: the counterparty itself (``registry_exact``), or
    # one with that ИНН and another КПП; None when nothing has that ИНН.
    registry: checks.MatchedCounterparty | None
    registry_ogrn: str | None
    comparison: list[ComparedField]
    contracts: list[ContractLine]
    # The organisation's portal address, as the letters about this request will give it.
    portal_url: str = DEFAULT_PORTAL_URL
    registry_exact: bool = False
    checks_source: ChecksSource = "live"
    checks_taken_at: datetime | None = None  # the decision's time, for "decision"
    advice: Advice | None = None  # what the findings suggest deciding

    @property
    def can_approve(self) -> bool:
        no_request_errors = not any(
            f.severity == "error" and f.contract_number is None for f in self.findings
        )
        return no_request_errors and any(line.grantable for line in self.contracts)


def load(session: Session, request_id: int) -> RequestDetails:
    """Everything the request screen shows; refreshes the stored check summary too."""
    request = session.get(RegistrationRequest, request_id)
    if request is None:
        raise NotFoundError(f"Заявка № {request_id} не найдена.")
    user = session.get_one(PortalUser, request.portal_user_id)
    evaluation, source, taken_at = _evaluation(session, request)
    store_check_summary(session, request_id, checks.summarize(evaluation.findings))
    registry = evaluation.registry_match
    ogrn = (
        session.scalar(select(Counterparty.ogrn).where(Counterparty.id == registry.id))
        if registry
        else None
    )
    typed = {row.id: row for row in request.contracts}
    return RequestDetails(
        id=request.id,
        version=request.version,
        status=request.status,
        submitted_at=request.submitted_at,
        email_confirmed_at=request.email_confirmed_at,
        login=user.login,
        email_masked=mask_email(user.email),
        last_name=user.last_name,
        first_name=user.first_name,
        patronymic=user.patronymic,
        phone_masked=mask_phone(user.phone),
        org_type=request.org_type,
        inn=request.inn,
        kpp=request.kpp,
        org_name=request.org_name,
        existing_counterparty=request.existing_counterparty,
        claimed_by=request.claimed_by,
        claim_expires_at=request.claim_expires_at,
        decided_by=request.decided_by,
        decided_at=request.decided_at,
        decision_reason=request.decision_reason,
        reason_code=request.reason_code,
        findings=evaluation.findings,
        registry=registry,
        registry_ogrn=ogrn,
        comparison=_compare(request, registry),
        contracts=[
            _line(request, match, typed.get(match.registration_contract_id))
            for match in evaluation.contracts
        ],
        portal_url=read_portal_link(session).value,
        registry_exact=evaluation.counterparty is not None,
        checks_source=source,
        checks_taken_at=taken_at,
        advice=advise(evaluation.findings, evaluation.contracts, inn=request.inn, kpp=request.kpp),
    )


def _evaluation(
    session: Session, request: RegistrationRequest
) -> tuple[checks.Evaluation, ChecksSource, datetime | None]:
    """The checks as the decision saw them for a decided request, else run now."""
    if request.status in decision_snapshot.DECIDED_STATUSES:
        found = decision_snapshot.read(session, request.id)
        if found is not None:
            taken_at, snapshot = found
            kept = (
                decision_snapshot.restore(request.id, request.version, snapshot)
                if snapshot is not None
                else None
            )
            if kept is not None:
                return kept, "decision", taken_at
        return checks.evaluate(session, request.id), "now_after_decision", None
    return checks.evaluate(session, request.id), "live", None


def _line(
    request: RegistrationRequest, match: checks.ContractMatch, row: RegistrationContract | None
) -> ContractLine:
    owner = match.owner
    return ContractLine(
        registration_contract_id=match.registration_contract_id,
        number_as_typed=match.number_as_typed,
        matched_number=match.contract_number,
        counterparty_name=match.counterparty_name,
        status=match.status,
        findings=match.findings,
        grantable=match.grantable,
        decision=row.decision if row is not None else None,
        decision_note=row.decision_note if row is not None else None,
        owner=owner,
        owner_differs=match.owner_differs,
        near_miss=match.near_miss,
        owner_comparison=(
            tuple(_owner_comparison(request, owner))
            if owner is not None and match.owner_differs
            else ()
        ),
    )


def _identifier(label: str, entered: str, registry: str) -> ComparedField:
    """An ИНН or КПП side by side, the differing characters marked."""
    if entered == registry:
        return ComparedField(label, entered or "—", registry or "—", False)
    ours, theirs = differing_positions(entered, registry) if entered and registry else ((), ())
    return ComparedField(label, entered or "—", registry or "—", True, ours, theirs)


def _same_name(entered: str, *names: str) -> bool:
    return any(same_organisation_name(entered, name) for name in names if name)


def _owner_comparison(
    request: RegistrationRequest, owner: checks.ContractOwner
) -> list[ComparedField]:
    entered_kpp = (request.kpp or "").strip()
    return [
        _identifier("ИНН", request.inn.strip(), owner.inn),
        _identifier("КПП", entered_kpp, owner.kpp or ""),
        ComparedField(
            "Наименование",
            request.org_name.strip(),
            owner.name,
            not _same_name(request.org_name, owner.name, owner.full_name),
        ),
    ]


def _compare(
    request: RegistrationRequest, registry: checks.MatchedCounterparty | None
) -> list[ComparedField]:
    entered_kpp = (request.kpp or "").strip()
    existing = "да" if request.existing_counterparty else "нет"
    if registry is None:
        return [
            ComparedField("ИНН", request.inn, "—", True),
            ComparedField("КПП", entered_kpp or "—", "—", True),
            ComparedField("Наименование", request.org_name, "—", True),
            ComparedField("Действующий контрагент", existing, "нет", request.existing_counterparty),
        ]
    in_registry = "да, действует" if registry.is_active else "да, не действует"
    return [
        _identifier("ИНН", request.inn.strip(), registry.inn),
        _identifier("КПП", entered_kpp, registry.kpp or ""),
        ComparedField(
            "Наименование",
            request.org_name,
            registry.short_name,
            not _same_name(request.org_name, registry.short_name, registry.full_name),
        ),
        ComparedField(
            "Действующий контрагент",
            existing,
            in_registry,
            not request.existing_counterparty,
        ),
        ComparedField("Полное наименование", "", registry.full_name, False),
        ComparedField("Юридический адрес", "", registry.legal_address or "—", False),
    ]


def reveal_contact(session: Session, request_id: int, actor: str, field: ContactField) -> str:
    """The applicant's full e-mail or phone; every reveal is audited with who and when."""
    if field not in ("email", "phone"):
        raise DomainError("Можно показать только телефон или адрес электронной почты.")
    row = session.execute(
        select(PortalUser.email, PortalUser.phone)
        .join(RegistrationRequest, RegistrationRequest.portal_user_id == PortalUser.id)
        .where(RegistrationRequest.id == request_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"Заявка № {request_id} не найдена.")
    session.add(
        AuditEvent(
            actor=actor,
            action="reveal_personal_data",
            entity="registration_request",
            entity_id=request_id,
            details={"field": field},
        )
    )
    session.flush()
    return str(row.email if field == "email" else row.phone)
