"""One registration request as the verifier sees it: the applicant's three steps, the
findings, the entered organisation beside the registry's, and the contracts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkk_admin.models import AuditEvent, Counterparty, PortalUser, RegistrationRequest
from lkk_admin.services import checks
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.mail_templates import DEFAULT_PORTAL_URL
from lkk_admin.services.masking import mask_email, mask_phone
from lkk_admin.services.org_names import same_organisation_name
from lkk_admin.services.portal_link import read_portal_link
from lkk_admin.services.request_list import store_check_summary

ContactField = Literal["email", "phone"]


@dataclass(frozen=True)
class ComparedField:
    label: str
    entered: str
    registry: str
    differs: bool


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
    registry: checks.MatchedCounterparty | None
    registry_ogrn: str | None
    comparison: list[ComparedField]
    contracts: list[ContractLine]
    # The organisation's portal address, as the letters about this request will give it.
    portal_url: str = DEFAULT_PORTAL_URL

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
    evaluation = checks.evaluate(session, request_id)
    store_check_summary(session, request_id, checks.summarize(evaluation.findings))
    registry = evaluation.counterparty
    ogrn = (
        session.scalar(select(Counterparty.ogrn).where(Counterparty.id == registry.id))
        if registry
        else None
    )
    decisions = {typed.id: typed.decision for typed in request.contracts}
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
            ContractLine(
                registration_contract_id=match.registration_contract_id,
                number_as_typed=match.number_as_typed,
                matched_number=match.contract_number,
                counterparty_name=match.counterparty_name,
                status=match.status,
                findings=match.findings,
                grantable=match.grantable,
                decision=decisions.get(match.registration_contract_id),
            )
            for match in evaluation.contracts
        ],
        portal_url=read_portal_link(session).value,
    )


def _compare(
    request: RegistrationRequest, registry: checks.MatchedCounterparty | None
) -> list[ComparedField]:
    entered_kpp = (request.kpp or "").strip()
    if registry is None:
        return [
            ComparedField("ИНН", request.inn, "—", True),
            ComparedField("КПП", entered_kpp or "—", "—", True),
            ComparedField("Наименование", request.org_name, "—", True),
        ]
    same_name = any(
        same_organisation_name(request.org_name, name)
        for name in (registry.short_name, registry.full_name)
    )
    return [
        ComparedField("ИНН", request.inn, registry.inn, request.inn.strip() != registry.inn),
        ComparedField(
            "КПП", entered_kpp or "—", registry.kpp or "—", entered_kpp != (registry.kpp or "")
        ),
        ComparedField("Наименование", request.org_name, registry.short_name, not same_name),
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
