"""Automatic checks of a registration request against the counterparty registry.

``run_checks`` reads only what it needs, with a handful of indexed queries, and returns
findings a verifier can act on: what is wrong, where, and what the registry says.
``evaluate`` also returns what the checks matched (counterparty, contracts), which the
decisions use and the request screen shows: the counterparties found by the ИНН even when
the КПП does not match, and the owner of a contract typed that is someone else's, with a
word on whether it looks like the applicant's own organisation mistyped (``near_miss``).
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    bindparam,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session, aliased

from lkk_admin.db import constant, run
from lkk_admin.models import (
    Contract,
    ContractAccess,
    Counterparty,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.accounts import OPEN_REQUEST_STATUSES
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.errors import NotFoundError
from lkk_admin.services.near_miss import NearMiss, classify, typo_digits
from lkk_admin.services.org_names import same_organisation_name
from lkk_admin.services.requisites import is_valid_inn10, is_valid_inn12, is_valid_kpp

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

# Codes that concern the request as a whole (as opposed to one contract).
REQUEST_CODES = frozenset(
    {
        "INN_INVALID",
        "KPP_REQUIRED",
        "KPP_INVALID",
        "KPP_NOT_APPLICABLE",
        "COUNTERPARTY_NOT_FOUND",
        "KPP_MISMATCH",
        "NAME_MISMATCH",
        "EXISTING_FLAG_MISMATCH",
        "EMAIL_NOT_CONFIRMED",
        "FREE_MAIL_DOMAIN",
        "USER_BLOCKED",
    }
)

FREE_MAIL_DOMAINS = frozenset(
    {
        "mail.ru", "bk.ru", "inbox.ru", "list.ru", "internet.ru", "yandex.ru", "ya.ru",
        "yandex.com", "narod.ru", "rambler.ru", "lenta.ru", "gmail.com", "googlemail.com",
        "outlook.com", "hotmail.com", "live.ru", "live.com", "icloud.com", "yahoo.com",
        "proton.me", "protonmail.com",
    }
)  # fmt: skip

_STATUS_NAMES = {"active": "действует", "suspended": "приостановлен", "terminated": "расторгнут"}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    contract_number: str | None = None  # as the applicant typed it
    details: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class MatchedCounterparty:
    id: int
    inn: str
    kpp: str | None
    short_name: str
    full_name: str
    legal_address: str | None
    is_active: bool


@dataclass(frozen=True)
class ContractOwner:
    """The counterparty a matched contract belongs to, as the registry has it."""

    inn: str
    kpp: str | None
    name: str
    full_name: str


@dataclass(frozen=True)
class ContractMatch:
    """One typed number and the registry contract it matched, if any."""

    registration_contract_id: int
    number_as_typed: str
    number_normalized: str
    contract_id: int | None
    contract_number: str | None
    counterparty_id: int | None
    counterparty_name: str | None
    status: str | None
    findings: tuple[Finding, ...]
    owner: ContractOwner | None = None
    # The owner is not the organisation of the request (CONTRACT_OTHER_COUNTERPARTY, or
    # an ИНН too malformed to say whose it is).
    owner_differs: bool = False
    # The owner is probably the applicant's own organisation, mistyped (near_miss.py).
    near_miss: NearMiss | None = None

    @property
    def grantable(self) -> bool:
        return self.contract_id is not None and not any(
            finding.severity == "error" for finding in self.findings
        )


@dataclass(frozen=True)
class Evaluation:
    request_id: int
    version: int
    findings: list[Finding]
    counterparty: MatchedCounterparty | None  # found by ИНН and КПП: the request's own
    contracts: list[ContractMatch]
    # Every counterparty with the request's ИНН (branches: several КПП), active first.
    candidates: tuple[MatchedCounterparty, ...] = ()

    @property
    def request_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error" and f.contract_number is None]

    @property
    def registry_match(self) -> MatchedCounterparty | None:
        """What the checks found by the ИНН, to compare with what was entered: the
        counterparty itself, or (КПП not matching) the candidate the typed contracts
        belong to, else the first one; None only when nothing has that ИНН."""
        if self.counterparty is not None or not self.candidates:
            return self.counterparty
        owners = {match.counterparty_id for match in self.contracts}
        return next((c for c in self.candidates if c.id in owners), self.candidates[0])


# The statements are built once: constructing them (aliases above all) costs more than
# running them, and a built statement's compiled SQL is cached by SQLAlchemy.
# What the checks read of the request, with the registry's counterparties of its ИНН
# (one row per candidate, one row with empty candidate columns when there is none). The
# queue extends it to lock the request.
_candidate = aliased(Counterparty, name="candidate")
REQUEST_QUERY = (
    select(
        RegistrationRequest.id,
        RegistrationRequest.version,
        RegistrationRequest.portal_user_id,
        RegistrationRequest.org_type,
        RegistrationRequest.inn,
        RegistrationRequest.kpp,
        RegistrationRequest.org_name,
        RegistrationRequest.existing_counterparty,
        RegistrationRequest.email_confirmed_at,
        PortalUser.email,
        PortalUser.status.label("user_status"),
        PortalUser.blocked_by,
        PortalUser.blocked_at,
        PortalUser.block_reason,
        _candidate.id.label("candidate_id"),
        _candidate.inn.label("candidate_inn"),
        _candidate.kpp.label("candidate_kpp"),
        _candidate.short_name.label("candidate_short_name"),
        _candidate.full_name.label("candidate_full_name"),
        _candidate.legal_address.label("candidate_legal_address"),
        _candidate.is_active.label("candidate_is_active"),
    )
    .join(PortalUser, PortalUser.id == RegistrationRequest.portal_user_id)
    .outerjoin(_candidate, _candidate.inn == func.trim(RegistrationRequest.inn))
    .where(RegistrationRequest.id == bindparam("request_id"))
    .order_by(_candidate.is_active.desc(), _candidate.id)
)


def _contracts_query(
    user_id: ColumnElement[Any], inn: ColumnElement[Any], kpp: ColumnElement[Any]
) -> Select[Any]:
    """Each typed number, the contract it matches and its owner, the other open requests
    of the same ИНН/КПП naming it, and whether the user already has access to it."""
    other_typed = aliased(RegistrationContract, name="other_typed")
    other_request = aliased(RegistrationRequest, name="other_request")
    duplicates = (
        select(func.aggregate_strings(cast(other_request.id, String), ","))
        .select_from(other_typed)
        .join(other_request, other_request.id == other_typed.registration_request_id)
        .where(
            other_typed.number_normalized == RegistrationContract.number_normalized,
            other_request.id != bindparam("request_id"),
            other_request.status.in_([constant(status) for status in OPEN_REQUEST_STATUSES]),
            func.trim(other_request.inn) == inn,
            func.coalesce(func.trim(other_request.kpp), constant("")) == kpp,
        )
        .scalar_subquery()
    )
    # Access this very request granted is not "already" had: a decided request reread
    # (without its snapshot, see decision_snapshot) must not flag what it granted.
    has_access = (
        exists()
        .where(
            ContractAccess.portal_user_id == user_id,
            ContractAccess.contract_id == Contract.id,
            ContractAccess.revoked_at.is_(None),
            or_(
                ContractAccess.registration_request_id.is_(None),
                ContractAccess.registration_request_id != bindparam("request_id"),
            ),
        )
        .correlate(Contract)
    )
    query = (
        select(
            RegistrationContract.id.label("typed_id"),
            RegistrationContract.number_as_typed,
            RegistrationContract.number_normalized,
            Contract.id,
            Contract.number,
            Contract.status,
            Contract.counterparty_id,
            Counterparty.inn,
            Counterparty.short_name,
            Counterparty.kpp.label("owner_kpp"),
            Counterparty.full_name.label("owner_full_name"),
            duplicates.label("duplicates"),
            has_access.label("has_access"),
            RegistrationContract.position,
        )
        .outerjoin(Contract, Contract.number_normalized == RegistrationContract.number_normalized)
        .outerjoin(Counterparty, Counterparty.id == Contract.counterparty_id)
        .where(RegistrationContract.registration_request_id == bindparam("request_id"))
        .order_by(RegistrationContract.position, Contract.id)
    )
    return typing.cast("Select[Any]", query)


def _of_request(column: Any) -> ColumnElement[Any]:
    """A column of the request being checked, read by its id (no correlation needed)."""
    return select(column).where(RegistrationRequest.id == bindparam("request_id")).scalar_subquery()


def _contracts_json() -> ColumnElement[Any]:
    """The contracts query as one JSON array column of the request query (PostgreSQL):
    one round trip reads the request, its registry candidates and its contracts."""
    contracts = _contracts_query(
        _of_request(RegistrationRequest.portal_user_id),
        _of_request(func.trim(RegistrationRequest.inn)),
        _of_request(func.coalesce(func.trim(RegistrationRequest.kpp), constant(""))),
    ).subquery("typed_contracts")
    fields = [column.name for column in contracts.c if column.name != "position"]
    pairs: list[Any] = []
    for name in fields:
        # The key as SQL text: a bound key would leave json_build_object untyped.
        pairs += [literal_column(f"'{name}'"), contracts.c[name]]
    as_object = func.json_build_object(*pairs)
    return (
        select(
            func.coalesce(
                func.json_agg(aggregate_order_by(as_object, contracts.c.position, contracts.c.id)),
                literal_column("'[]'::json"),
            )
        )
        .scalar_subquery()
        .label("contracts_json")
    )


_CONTRACTS_QUERY = _contracts_query(bindparam("user_id"), bindparam("inn"), bindparam("kpp"))
# On PostgreSQL the request query brings the contracts along (see _contracts_json).
REQUEST_QUERY_WITH_CONTRACTS = REQUEST_QUERY.add_columns(_contracts_json())


def run_checks(session: Session, request_id: int) -> list[Finding]:
    """Every finding for the request, errors first."""
    return evaluate(session, request_id).findings


def summarize(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def request_query(session: Session) -> Select[Any]:
    """What the checks read of a request on this session's database."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    return typing.cast("Select[Any]", REQUEST_QUERY_WITH_CONTRACTS if postgresql else REQUEST_QUERY)


def evaluate(session: Session, request_id: int) -> Evaluation:
    rows = run(session, request_query(session), {"request_id": request_id}).all()
    if not rows:
        raise NotFoundError(f"Заявка № {request_id} не найдена.")
    return evaluate_rows(session, rows)


def evaluate_rows(session: Session, rows: Sequence[Any]) -> Evaluation:
    """The checks for a request already read (rows with at least ``REQUEST_QUERY``'s
    columns), so that a decision which has just locked the request does not read it again."""
    row = rows[0]
    findings: list[Finding] = []
    legal = row.org_type == "legal_entity"
    inn = (row.inn or "").strip()
    kpp = (row.kpp or "").strip() or None

    if row.email_confirmed_at is None:
        findings.append(
            Finding(
                "EMAIL_NOT_CONFIRMED",
                "error",
                "Заявитель не подтвердил адрес электронной почты: ссылка из письма "
                "не открыта. Решение по заявке принять нельзя.",
            )
        )

    if row.user_status == "blocked":
        findings.append(_user_blocked(row))

    inn_ok = is_valid_inn10(inn) if legal else is_valid_inn12(inn)
    if not inn_ok:
        findings.append(_inn_finding(inn, legal))

    kpp_findings, kpp_ok = _kpp_findings(kpp, legal)
    findings += kpp_findings
    counterparty: MatchedCounterparty | None = None
    candidates: tuple[MatchedCounterparty, ...] = ()
    if inn_ok:
        candidates = _candidates(rows)
        registry_findings, counterparty = _registry_findings(
            row, candidates, inn=inn, kpp=kpp, legal=legal, kpp_ok=kpp_ok
        )
        findings += registry_findings

    domain = row.email.rsplit("@", 1)[-1].strip().lower()
    if legal and domain in FREE_MAIL_DOMAINS:
        findings.append(
            Finding(
                "FREE_MAIL_DOMAIN",
                "info",
                f"Для учётной записи организации указан адрес на общедоступном почтовом "
                f"сервисе ({domain}). Убедитесь, что заявитель представляет организацию.",
                details={"domain": domain},
            )
        )

    contracts = _check_contracts(
        _contract_rows(session, row, inn=inn, kpp=kpp),
        entered=_Entered(inn, kpp if legal else None, row.org_name or ""),
        inn_ok=inn_ok,
        counterparty=counterparty,
    )
    for match in contracts:
        findings.extend(match.findings)
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return Evaluation(row.id, row.version, findings, counterparty, contracts, candidates)


def _user_blocked(row: Any) -> Finding:
    """USER_BLOCKED: who blocked the applicant's account, when and why (as recorded)."""
    who = f"администратором {row.blocked_by}" if row.blocked_by else "администратором"
    when = f" {local_moment(row.blocked_at)}" if row.blocked_at is not None else ""
    reason = (row.block_reason or "").strip()
    why = f" по причине: «{reason}»" if reason else ""
    return Finding(
        "USER_BLOCKED",
        "warning",
        f"Учётная запись заявителя заблокирована {who}{when}{why}. Одобрение предоставит "
        "доступ к договорам, но войти в Личный кабинет пользователь сможет только после "
        "того, как администратор его разблокирует.",
        details={
            "blocked_by": row.blocked_by or "",
            "blocked_at": row.blocked_at.isoformat() if row.blocked_at is not None else "",
            "reason": reason,
        },
    )


def local_moment(moment: datetime) -> str:
    """A stored moment as the desk reads it: its own time zone, «05.12.2026 14:03»."""
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


@dataclass(frozen=True)
class _Entered:
    """The organisation as the applicant entered it (trimmed)."""

    inn: str
    kpp: str | None
    name: str


def _kpp_findings(kpp: str | None, legal: bool) -> tuple[list[Finding], bool]:
    findings: list[Finding] = []
    kpp_ok = False
    if legal:
        if kpp is None:
            findings.append(
                Finding(
                    "KPP_REQUIRED",
                    "error",
                    "Для юридического лица не указан КПП. Уточните КПП у заявителя.",
                )
            )
        elif not is_valid_kpp(kpp):
            findings.append(
                Finding(
                    "KPP_INVALID",
                    "error",
                    f"КПП «{kpp}» введён неверно: нужно 9 знаков — 4 цифры, 2 цифры или "
                    "заглавные латинские буквы, 3 цифры.",
                    details={"kpp": kpp},
                )
            )
        else:
            kpp_ok = True
    elif kpp is not None:
        findings.append(
            Finding(
                "KPP_NOT_APPLICABLE",
                "warning",
                f"Указан КПП «{kpp}», но у индивидуального предпринимателя КПП нет. "
                "КПП при проверке не учитывается.",
                details={"kpp": kpp},
            )
        )

    return findings, kpp_ok


def _candidates(rows: Sequence[Any]) -> tuple[MatchedCounterparty, ...]:
    """The registry's counterparties with the request's ИНН (one per row, if any)."""
    return tuple(
        MatchedCounterparty(
            c.candidate_id,
            c.candidate_inn,
            c.candidate_kpp,
            c.candidate_short_name,
            c.candidate_full_name,
            c.candidate_legal_address,
            c.candidate_is_active,
        )
        for c in rows
        if c.candidate_id is not None
    )


def _registry_findings(
    row: Any,
    candidates: tuple[MatchedCounterparty, ...],
    *,
    inn: str,
    kpp: str | None,
    legal: bool,
    kpp_ok: bool,
) -> tuple[list[Finding], MatchedCounterparty | None]:
    """Counterparty found by ИНН (and КПП), name and the "existing counterparty" flag."""
    findings: list[Finding] = []
    counterparty: MatchedCounterparty | None = None
    registry_inn_found = bool(candidates)
    if not candidates:
        findings.append(
            Finding(
                "COUNTERPARTY_NOT_FOUND",
                "error",
                f"Контрагент с ИНН {inn} в реестре не найден.",
                details={"inn": inn},
            )
        )
    elif legal and kpp_ok:
        counterparty = next((c for c in candidates if c.kpp == kpp), None)
        if counterparty is None:
            known = ", ".join(sorted({c.kpp for c in candidates if c.kpp})) or "нет"
            findings.append(
                Finding(
                    "KPP_MISMATCH",
                    "error",
                    f"Контрагент с ИНН {inn} найден, но не с КПП {kpp}. КПП в реестре: {known}.",
                    details={"inn": inn, "kpp": kpp or "", "registry_kpp": known},
                )
            )
    elif not legal:
        counterparty = candidates[0]
    if counterparty is not None and not any(
        same_organisation_name(row.org_name, name)
        for name in (counterparty.short_name, counterparty.full_name)
    ):
        findings.append(
            Finding(
                "NAME_MISMATCH",
                "warning",
                f"Наименование «{row.org_name}» не совпадает с реестром: "
                f"«{counterparty.short_name}».",
                details={"entered": row.org_name, "registry": counterparty.short_name},
            )
        )
    if row.existing_counterparty and not registry_inn_found:
        findings.append(
            Finding(
                "EXISTING_FLAG_MISMATCH",
                "warning",
                "Отмечено «Действующий контрагент», но контрагента с таким ИНН в реестре нет.",
            )
        )
    elif not row.existing_counterparty and registry_inn_found:
        findings.append(
            Finding(
                "EXISTING_FLAG_MISMATCH",
                "warning",
                "Отметка «Действующий контрагент» не стоит, но контрагент с таким "
                "ИНН в реестре есть.",
            )
        )
    return findings, counterparty


def _inn_finding(inn: str, legal: bool) -> Finding:
    expected = 10 if legal else 12
    who = "юридического лица" if legal else "индивидуального предпринимателя"
    if not inn:
        message = "ИНН не указан."
    elif not (inn.isascii() and inn.isdigit()):
        message = f"ИНН «{inn}» содержит не только цифры."
    elif len(inn) != expected:
        message = (
            f"ИНН «{inn}» из {len(inn)} цифр, а у {who} ИНН из {expected} цифр. "
            "Проверьте тип организации и ИНН."
        )
    else:
        message = f"ИНН «{inn}»: неверные контрольные цифры — вероятно, опечатка."
    return Finding("INN_INVALID", "error", message, details={"inn": inn})


def _contract_rows(session: Session, request: Any, *, inn: str, kpp: str | None) -> Sequence[Any]:
    """Each typed number, the contract it matches, its owner, open duplicates for the
    same ИНН/КПП and whether the user already has access: read with the request on
    PostgreSQL (``contracts_json``), else by one query."""
    read: list[dict[str, Any]] | None = getattr(request, "contracts_json", None)
    if read is not None:
        return [SimpleNamespace(**item) for item in read]
    params = {"request_id": request.id, "user_id": request.portal_user_id, "inn": inn}
    return run(session, _CONTRACTS_QUERY, {**params, "kpp": kpp or ""}).all()


def _check_contracts(
    rows: Sequence[Any],
    *,
    entered: _Entered,
    inn_ok: bool,
    counterparty: MatchedCounterparty | None,
    near_misses: bool = True,
) -> list[ContractMatch]:
    if not rows:
        return []
    inn = entered.inn
    registry: dict[str, Any] = {}
    duplicates_by_number: dict[str, list[int]] = {}
    with_access: set[int] = set()
    typed_by_id: dict[int, tuple[int, str, str]] = {}
    for row in rows:  # a number matching two registry contracts yields two rows
        typed_by_id.setdefault(
            row.typed_id, (row.typed_id, row.number_as_typed, row.number_normalized)
        )
        if row.id is not None:
            registry.setdefault(row.number_normalized, row)
            if row.has_access:
                with_access.add(row.id)
        if row.duplicates:
            duplicates_by_number[row.number_normalized] = sorted(
                {int(other) for other in str(row.duplicates).split(",")}
            )
    typed = list(typed_by_id.values())

    matches: list[ContractMatch] = []
    seen: set[str] = set()
    for typed_id, as_typed, number in typed:
        shown = as_typed.strip()
        found: list[Finding] = []
        contract = registry.get(number)
        if number in seen:
            continue
        seen.add(number)
        owner: ContractOwner | None = None
        owner_differs = False
        near: NearMiss | None = None
        if contract is None:
            found.append(
                Finding(
                    "CONTRACT_NOT_FOUND",
                    "error",
                    f"Договор № «{shown}» в реестре не найден (сравнение без учёта "
                    "пробелов, тире, регистра и похожих латинских букв).",
                    shown,
                )
            )
        else:
            if contract.number != shown:
                found.append(
                    Finding(
                        "CONTRACT_NUMBER_VARIANT",
                        "info",
                        f"Номер «{shown}» введён иначе, чем в реестре; найден договор "
                        f"№ {contract.number}.",
                        shown,
                        details={"matched": contract.number},
                    )
                )
            belongs = (
                contract.counterparty_id == counterparty.id
                if counterparty is not None
                else (inn_ok and contract.inn == inn)
            )
            owner = ContractOwner(
                contract.inn, contract.owner_kpp, contract.short_name, contract.owner_full_name
            )
            owner_differs = not belongs
            if owner_differs and near_misses:
                near = classify(
                    entered_inn=inn,
                    entered_kpp=entered.kpp,
                    entered_name=entered.name,
                    owner_inn=owner.inn,
                    owner_kpp=owner.kpp,
                    owner_names=(owner.name, owner.full_name),
                )
            if not belongs and inn_ok:
                found.append(_other_counterparty(contract.number, shown, owner, entered, near))
            if contract.status == "terminated":
                found.append(
                    Finding(
                        "CONTRACT_TERMINATED",
                        "error",
                        f"Договор № {contract.number} расторгнут: доступ к нему не "
                        "предоставляется.",
                        shown,
                        details={"matched": contract.number},
                    )
                )
            elif contract.status == "suspended":
                found.append(
                    Finding(
                        "CONTRACT_SUSPENDED",
                        "warning",
                        f"Договор № {contract.number} приостановлен.",
                        shown,
                        details={"matched": contract.number},
                    )
                )
            if contract.id in with_access:
                found.append(
                    Finding(
                        "ALREADY_HAS_ACCESS",
                        "info",
                        f"У пользователя уже есть доступ к договору № {contract.number}.",
                        shown,
                        details={"matched": contract.number},
                    )
                )
        if number in duplicates_by_number:
            others = ", ".join(f"№ {other}" for other in duplicates_by_number[number])
            found.append(
                Finding(
                    "DUPLICATE_PENDING",
                    "warning",
                    f"Договор «{shown}» для того же ИНН/КПП указан и в другой открытой "
                    f"заявке: {others}.",
                    shown,
                    details={"other_requests": others},
                )
            )
        found.sort(key=lambda f: SEVERITY_ORDER[f.severity])
        matches.append(
            ContractMatch(
                registration_contract_id=typed_id,
                number_as_typed=as_typed,
                number_normalized=number,
                contract_id=contract.id if contract else None,
                contract_number=contract.number if contract else None,
                counterparty_id=contract.counterparty_id if contract else None,
                counterparty_name=contract.short_name if contract else None,
                status=contract.status if contract else None,
                findings=tuple(found),
                owner=owner,
                owner_differs=owner_differs,
                near_miss=near,
            )
        )
    return matches


# An administrator's grant outside a request (services.portal_users.grant): the contract a
# number matches, its owner, and whether the user already has live access to it.
_GRANT_CONTRACT_QUERY = (
    select(
        Contract.id,
        Contract.number,
        Contract.status,
        Contract.counterparty_id,
        Counterparty.inn,
        Counterparty.short_name,
        Counterparty.kpp.label("owner_kpp"),
        Counterparty.full_name.label("owner_full_name"),
        exists()
        .where(
            ContractAccess.portal_user_id == bindparam("user_id"),
            ContractAccess.contract_id == Contract.id,
            ContractAccess.revoked_at.is_(None),
        )
        .label("has_access"),
    )
    .join(Counterparty, Counterparty.id == Contract.counterparty_id)
    .where(Contract.number_normalized == bindparam("number"))
    .order_by(Contract.id)
)
_COUNTERPARTIES_QUERY = select(
    Counterparty.id,
    Counterparty.inn,
    Counterparty.kpp,
    Counterparty.short_name,
    Counterparty.full_name,
    Counterparty.legal_address,
    Counterparty.is_active,
).where(Counterparty.id.in_(bindparam("ids", expanding=True)))


def check_contract_for_user(
    session: Session, number_as_typed: str, user_id: int, counterparty_ids: Sequence[int]
) -> ContractMatch:
    """The queue's rules for one contract number an administrator grants a user outside a
    request: it exists (compared loosely, as typed numbers are), belongs to one of the
    organisations the user was approved for (``counterparty_ids``, the likeliest first),
    and is not terminated. The findings are the queue's own (CONTRACT_NOT_FOUND,
    CONTRACT_OTHER_COUNTERPARTY, CONTRACT_TERMINATED, ALREADY_HAS_ACCESS, …), without the
    guesses about a mistyped request (there is no request)."""
    if not counterparty_ids:
        raise ValueError("the user's organisations are needed to check a contract")
    number = normalize_contract_number(number_as_typed)
    found = run(session, _GRANT_CONTRACT_QUERY, {"user_id": user_id, "number": number}).all()
    records = {
        row.id: MatchedCounterparty(**row._asdict())
        for row in run(session, _COUNTERPARTIES_QUERY, {"ids": list(counterparty_ids)})
    }
    owners = [records[i] for i in counterparty_ids if i in records]
    if not owners:
        raise NotFoundError("Организация пользователя в реестре не найдена.")
    contract = found[0] if found else None
    # The user's own organisation that owns the contract, if any; else the likeliest one.
    organisation = next(
        (
            owner
            for owner in owners
            if contract is not None and owner.id == contract.counterparty_id
        ),
        owners[0],
    )
    typed = {"typed_id": 0, "number_as_typed": number_as_typed, "number_normalized": number}
    if contract is None:
        registry_columns = ("id", "number", "status", "counterparty_id", "inn", "short_name")
        rows = [SimpleNamespace(**typed, **dict.fromkeys(registry_columns), duplicates=None)]
    else:
        rows = [SimpleNamespace(**typed, **contract._asdict(), duplicates=None)]
    [match] = _check_contracts(
        rows,
        entered=_Entered(organisation.inn, organisation.kpp, organisation.short_name),
        inn_ok=True,
        counterparty=organisation,
        near_misses=False,
    )
    return match


def _other_counterparty(
    number: str, shown: str, owner: ContractOwner, entered: _Entered, near: NearMiss | None
) -> Finding:
    """CONTRACT_OTHER_COUNTERPARTY, with the owner's requisites beside the entered ones and
    a word when the owner looks like the applicant's own organisation mistyped."""
    requisites = f"ИНН {owner.inn}" + (f", КПП {owner.kpp}" if owner.kpp else "")
    message = (
        f"Договор № {number} (введён как «{shown}») заключён с другим контрагентом: "
        f"{owner.name}, {requisites}."
    )
    if near == "inn":
        digits = typo_digits(entered.inn, owner.inn) or 0
        message += (
            f" ИНН в заявке ({entered.inn}) отличается от ИНН владельца договора "
            f"{'одной цифрой' if digits == 1 else 'двумя цифрами'} — похоже на опечатку."
        )
    elif near == "kpp":
        message += (
            f" ИНН тот же, КПП другой ({entered.kpp or 'не указан'} в заявке): "
            "возможно, договор заключён с другим подразделением этой организации."
        )
    elif near == "name":
        message += (
            " Наименование в заявке совпадает с наименованием владельца договора, а ИНН нет: "
            "возможно, ИНН указан с ошибкой."
        )
    return Finding(
        "CONTRACT_OTHER_COUNTERPARTY",
        "error",
        message,
        shown,
        details={
            "matched": number,
            "owner_inn": owner.inn,
            "owner_kpp": owner.kpp or "",
            "owner_name": owner.name,
            "entered_inn": entered.inn,
            "entered_kpp": entered.kpp or "",
            "near_miss": near or "",
        },
    )


def status_name(status: str | None) -> str:
    return _STATUS_NAMES.get(status or "", status or "—")


__all__ = [
    "ContractMatch",
    "ContractOwner",
    "Evaluation",
    "Finding",
    "MatchedCounterparty",
    "check_contract_for_user",
    "evaluate",
    "normalize_contract_number",
    "run_checks",
    "summarize",
]
