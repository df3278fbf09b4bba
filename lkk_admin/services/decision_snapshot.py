"""The checks as they were when a decision was taken, kept with the decision.

A decided request must show what the verifier decided on, not the checks run again
against the state the decision itself created (an approval grants access, after which a
fresh run reports «У пользователя уже есть доступ…» for every contract just granted).
Each decision's audit event (append-only, written in the decision's transaction) carries
the snapshot under ``details["checks"]``; the request screen reads it back. Beside it,
``details["findings"]`` lists the distinct finding codes the decision was taken on, for
counting by SQL (services.queue_overview).

The snapshot is plain JSON, versioned.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from lkk_admin.db import constant, run
from lkk_admin.models import AuditEvent
from lkk_admin.services.checks import (
    SEVERITY_ORDER,
    ContractMatch,
    ContractOwner,
    Evaluation,
    Finding,
    MatchedCounterparty,
)
from lkk_admin.services.near_miss import NEAR_MISS_KINDS

SNAPSHOT_KEY = "checks"
CODES_KEY = "findings"
SNAPSHOT_VERSION = 1
# The audit actions of the three decisions (services.queue).
DECISION_ACTIONS = ("approve", "reject", "return_for_clarification")
# What a request is when its decision's snapshot applies.
DECIDED_STATUSES = frozenset({"approved", "rejected", "needs_info"})

_LATEST_DECISION = (
    select(AuditEvent.occurred_at, AuditEvent.details)
    .where(
        AuditEvent.entity == constant("registration_request"),
        AuditEvent.entity_id == bindparam("request_id"),
        AuditEvent.action.in_([constant(action) for action in DECISION_ACTIONS]),
    )
    .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    .limit(1)
)


def audit_details(evaluation: Evaluation) -> dict[str, Any]:
    """What a decision's audit event records of the checks it was taken on."""
    return {
        CODES_KEY: sorted({finding.code for finding in evaluation.findings}),
        SNAPSHOT_KEY: capture(evaluation),
    }


def capture(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON (the snapshot itself)."""
    registry = evaluation.registry_match
    return {
        "version": SNAPSHOT_VERSION,
        "findings": [_finding(f) for f in evaluation.findings if f.contract_number is None],
        "registry": None if registry is None else asdict(registry),
        "registry_exact": evaluation.counterparty is not None,
        "contracts": [_contract(match) for match in evaluation.contracts],
    }


def restore(request_id: int, version: int, snapshot: dict[str, Any]) -> Evaluation | None:
    """The evaluation kept in ``snapshot``; None when it is not one this program wrote."""
    if not isinstance(snapshot, dict) or snapshot.get("version") != SNAPSHOT_VERSION:
        return None
    try:
        registry_data = snapshot["registry"]
        registry = None if registry_data is None else MatchedCounterparty(**registry_data)
        contracts = [_restore_contract(item) for item in snapshot["contracts"]]
        findings = [_restore_finding(item) for item in snapshot["findings"]]
    except (KeyError, TypeError, ValueError):
        return None
    for match in contracts:
        findings.extend(match.findings)
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    exact = bool(snapshot.get("registry_exact"))
    return Evaluation(
        request_id=request_id,
        version=version,
        findings=findings,
        counterparty=registry if exact else None,
        contracts=contracts,
        candidates=() if registry is None else (registry,),
    )


def read(session: Session, request_id: int) -> tuple[datetime, dict[str, Any] | None] | None:
    """When the request's latest decision was taken and its snapshot (None if the
    decision kept none: taken by an older version or written by the demo generator);
    None when no decision was audited."""
    row = run(session, _LATEST_DECISION, {"request_id": request_id}).one_or_none()
    if row is None:
        return None
    details = row.details if isinstance(row.details, dict) else {}
    snapshot = details.get(SNAPSHOT_KEY)
    return row.occurred_at, snapshot if isinstance(snapshot, dict) else None


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "contract_number": finding.contract_number,
        "details": dict(finding.details),
    }


def _restore_finding(item: dict[str, Any]) -> Finding:
    severity = item["severity"]
    if severity not in SEVERITY_ORDER:
        raise ValueError(severity)
    details = item.get("details") or {}
    return Finding(
        code=str(item["code"]),
        severity=severity,
        message=str(item["message"]),
        contract_number=item.get("contract_number"),
        details={str(key): str(value) for key, value in details.items()},
    )


def _contract(match: ContractMatch) -> dict[str, Any]:
    return {
        "registration_contract_id": match.registration_contract_id,
        "number_as_typed": match.number_as_typed,
        "number_normalized": match.number_normalized,
        "contract_id": match.contract_id,
        "contract_number": match.contract_number,
        "counterparty_id": match.counterparty_id,
        "counterparty_name": match.counterparty_name,
        "status": match.status,
        "owner": None if match.owner is None else asdict(match.owner),
        "owner_differs": match.owner_differs,
        "near_miss": match.near_miss,
        "findings": [_finding(finding) for finding in match.findings],
    }


def _restore_contract(item: dict[str, Any]) -> ContractMatch:
    owner = item.get("owner")
    near = item.get("near_miss")
    return ContractMatch(
        registration_contract_id=int(item["registration_contract_id"]),
        number_as_typed=str(item["number_as_typed"]),
        number_normalized=str(item["number_normalized"]),
        contract_id=item.get("contract_id"),
        contract_number=item.get("contract_number"),
        counterparty_id=item.get("counterparty_id"),
        counterparty_name=item.get("counterparty_name"),
        status=item.get("status"),
        findings=tuple(_restore_finding(finding) for finding in item["findings"]),
        owner=None if owner is None else ContractOwner(**owner),
        owner_differs=bool(item.get("owner_differs")),
        near_miss=cast(Any, near) if near in NEAR_MISS_KINDS else None,
    )
