"""What administrators did to portal accounts after the decisions: blocks (some lifted),
access revoked with a reason, contracts granted on a company's written request.

Planned in memory on its own random stream (so the requests' plan is not disturbed) and
written as ``services.portal_users`` writes them: the account's block columns and status,
the access rows revoked or granted with their reasons, one audit event and one letter
(from the same templates) per act, the version moved once per change.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from lkk_admin.services import mail_templates
from lkk_admin.services.demo_data.common import NOW, stream
from lkk_admin.services.demo_data.registry import Registry
from lkk_admin.services.portal_users import (
    STANDARD_BLOCK_REASONS,
    STANDARD_GRANT_REASONS,
    STANDARD_REVOKE_REASONS,
)
from lkk_admin.services.queue_writes import TO_NAME_LENGTH

if TYPE_CHECKING:
    from lkk_admin.services.demo_data.requests import Created, RequestPlan

# The administrators who act on portal accounts (an invented one beside the demo's admin).
ADMINISTRATORS = ("admin", "admin2")
# A company whose representative sees this many of its contracts, or more, is a large one.
MANY_CONTRACTS = 12
MOST_CONTRACTS = 60
# Contracts of a large company left out of its request and granted later on its letter.
LATER_GRANTS = 2


@dataclass
class AdminAct:
    kind: str  # block | unblock | grant | revoke
    at: datetime
    actor: str
    reason: str | None = None
    contracts: list[int] = field(default_factory=list)  # registry indexes


@dataclass
class AccountState:
    """A portal user's row after the acts (what the update of ``portal_user`` writes)."""

    status: str
    status_before_block: str | None = None
    blocked_at: datetime | None = None
    blocked_by: str | None = None
    block_reason: str | None = None
    changes: int = 0  # each act moves the version once


def _between(rng: random.Random, first: datetime, last: datetime) -> datetime:
    span = max(int((last - first).total_seconds()), 0)
    return first + timedelta(seconds=int(rng.random() * (span + 1)))


def _block(rng: random.Random, plan: RequestPlan, since: datetime, until: datetime) -> datetime:
    """Plan a block of the account between two moments; when it happened."""
    at = _between(rng, since, until)
    reason = rng.choice(STANDARD_BLOCK_REASONS)
    plan.acts.append(AdminAct("block", at, rng.choice(ADMINISTRATORS), reason))
    return at


def plan_acts(seed: int, registry: Registry, plans: list[RequestPlan]) -> None:
    """Give a share of the accounts their administrators' acts (``plan.acts``)."""
    rng = stream(seed, "portal-acts")
    last_moment = NOW - timedelta(hours=3)
    for plan in plans:
        if plan.case == "user_blocked":  # a waiting applicant blocked before the decision
            assert plan.confirmed_at is not None
            _block(rng, plan, plan.confirmed_at, max(plan.confirmed_at, NOW - timedelta(minutes=5)))
        elif plan.case == "many_contracts":
            _grant_the_rest(rng, registry, plan, last_moment)
    approved = [p for p in plans if p.case == "approved" and p.decided_at is not None]
    rng.shuffle(approved)
    share = max(1, len(approved) // 70)
    blocked, lifted = approved[:share], approved[share : share + max(1, share // 2)]
    revoked = [p for p in approved[share + len(lifted) :] if sum(p.granted) >= 2]
    revoked = revoked[: max(2, len(approved) // 40)]
    for plan in blocked:
        assert plan.decided_at is not None
        at = _block(rng, plan, plan.decided_at, NOW - timedelta(days=1))
        if plan.last_login_at is not None and plan.last_login_at > at:
            plan.last_login_at = _between(rng, plan.decided_at, at)
    for plan in lifted:
        assert plan.decided_at is not None
        at = _block(rng, plan, plan.decided_at, NOW - timedelta(days=3))
        unblocked = _between(rng, at + timedelta(hours=2), at + timedelta(days=20))
        plan.acts.append(
            AdminAct("unblock", min(unblocked, last_moment), rng.choice(ADMINISTRATORS))
        )
    for number, plan in enumerate(revoked):
        assert plan.decided_at is not None
        granted = [
            i for i, ok in zip(plan.resolved, plan.granted, strict=True) if ok and i is not None
        ]
        # The first one loses every contract: the account stays, seeing nothing.
        chosen = granted if number == 0 else rng.sample(granted, 1)
        plan.acts.append(
            AdminAct(
                "revoke",
                _between(rng, plan.decided_at, last_moment),
                rng.choice(ADMINISTRATORS),
                rng.choice(STANDARD_REVOKE_REASONS),
                chosen,
            )
        )


def _grant_the_rest(
    rng: random.Random, registry: Registry, plan: RequestPlan, last_moment: datetime
) -> None:
    """A large company's contracts left out of the request, granted later, one by one."""
    assert plan.decided_at is not None and plan.counterparty is not None
    typed = set(plan.resolved)
    owner = registry.counterparties[plan.counterparty]
    rest = [
        i for i in owner.contracts if registry.contracts[i].status == "active" and i not in typed
    ]
    at = plan.decided_at
    for index in rest[:LATER_GRANTS]:
        at = _between(rng, at + timedelta(hours=1), max(at + timedelta(hours=1), last_moment))
        reason = f"{STANDARD_GRANT_REASONS[0]} Письмо № {rng.randint(100, 999)}-Э."
        plan.acts.append(AdminAct("grant", at, rng.choice(ADMINISTRATORS), reason, [index]))


def ends_blocked(plan: RequestPlan) -> bool:
    """Whether the account is blocked when the demo is created."""
    state = [act.kind for act in plan.acts if act.kind in ("block", "unblock")]
    return bool(state) and state[-1] == "block"


@dataclass
class Recorded:
    """Where the acts' rows go (the caller's lists, written in bulk afterwards)."""

    grants: list[dict[str, Any]]
    # (when, sort key, letter's fields, the audit event that names the letter)
    mail: list[tuple[datetime, int, dict[str, Any], dict[str, Any]]]
    audit: list[dict[str, Any]]


def access_row(
    user_id: int,
    contract_id: int,
    request_id: int | None,
    granted_by: str,
    granted_at: datetime,
    *,
    grant_reason: str | None = None,
) -> dict[str, Any]:
    """A ``contract_access`` row as a grant writes it: live."""
    return {
        "portal_user_id": user_id,
        "contract_id": contract_id,
        "registration_request_id": request_id,
        "granted_by": granted_by,
        "granted_at": granted_at,
        "grant_reason": grant_reason,
        "revoked_by": None,
        "revoked_at": None,
        "revoke_reason": None,
    }


def record_acts(
    item: Created,
    registry: Registry,
    state: AccountState,
    live: dict[int, dict[str, Any]],
    into: Recorded,
) -> AccountState:
    """Apply the plan's acts, in order, to the account's ``state`` and its ``live`` access
    rows (contract index → row); the letters and audit events go ``into`` the lists."""
    plan, user_id, request_id = item.plan, item.user_id, item.request_id
    form = plan.form
    contracts = registry.contracts
    for act in sorted(plan.acts, key=lambda a: a.at):
        details: dict[str, Any]
        if act.kind == "block":
            rendered = mail_templates.user_blocked(
                first_name=form.first_name,
                patronymic=form.patronymic,
                login=form.login,
                reason=act.reason or "",
            )
            details = {
                "reason": act.reason,
                "before": {"status": state.status},
                "after": {"status": "blocked"},
            }
            state.status_before_block, state.status = state.status, "blocked"
            state.blocked_at, state.blocked_by, state.block_reason = act.at, act.actor, act.reason
            action = "block_user"
        elif act.kind == "unblock":
            restored = "active" if live else state.status_before_block or "active"
            rendered = mail_templates.user_unblocked(
                first_name=form.first_name,
                patronymic=form.patronymic,
                login=form.login,
                status=restored,
                live_contracts=len(live),
            )
            details = {
                "before": {"status": "blocked"},
                "after": {"status": restored},
                "block_reason": state.block_reason,
                "blocked_by": state.blocked_by,
                "blocked_at": state.blocked_at.isoformat() if state.blocked_at else None,
            }
            state.status = restored
            state.status_before_block = state.blocked_at = None
            state.blocked_by = state.block_reason = None
            action = "unblock_user"
        elif act.kind == "grant":
            [index] = act.contracts
            contract = contracts[index]
            row = access_row(user_id, contract.id, None, act.actor, act.at, grant_reason=act.reason)
            into.grants.append(row)
            live[index] = row
            rendered = mail_templates.access_granted(
                first_name=form.first_name,
                patronymic=form.patronymic,
                login=form.login,
                contract_number=contract.number,
                reason=act.reason or "",
                blocked=state.status == "blocked",
            )
            details = {
                "contract_number": contract.number,
                "contract_id": contract.id,
                "reason": act.reason,
                "user_blocked": state.status == "blocked",
            }
            action = "grant_access"
        else:
            numbers = []
            for index in act.contracts:
                live.pop(index).update(
                    revoked_by=act.actor, revoked_at=act.at, revoke_reason=act.reason
                )
                numbers.append(contracts[index].number)
            rendered = mail_templates.access_revoked(
                first_name=form.first_name,
                patronymic=form.patronymic,
                login=form.login,
                contracts=numbers,
                reason=act.reason or "",
                live_contracts_left=len(live),
            )
            details = {
                "contract_numbers": numbers,
                "reason": act.reason,
                "live_contracts": len(live),
            }
            action = "revoke_access"
        state.changes += 1
        event = {
            "occurred_at": act.at,
            "actor": act.actor,
            "action": action,
            "entity": "portal_user",
            "entity_id": user_id,
            "details": details,
        }
        into.audit.append(event)
        into.mail.append((act.at, request_id, _letter(plan, user_id, act, rendered), event))
    return state


def _letter(
    plan: RequestPlan, user_id: int, act: AdminAct, rendered: mail_templates.RenderedMail
) -> dict[str, Any]:
    form = plan.form
    return {
        "to_address": form.email,
        "to_name": mail_templates.recipient_name(
            form.last_name, form.first_name, form.patronymic, limit=TO_NAME_LENGTH
        ),
        "subject": rendered.subject,
        "body_text": rendered.text,
        "body_html": rendered.html,
        "template": rendered.template,
        "entity": "portal_user",
        "entity_id": user_id,
        "status": "sent",
        "attempts": 1,
        "next_attempt_at": act.at,
        "last_error": None,
        "created_at": act.at,
        "sent_at": act.at + timedelta(seconds=30 + user_id % 40),
    }
