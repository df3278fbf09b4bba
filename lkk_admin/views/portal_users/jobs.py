"""The administrators' acts on a portal user as the page runs them in a worker: each one
transaction (the act, its audit event and its letter), with the organisation's portal
link in the letter."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import portal_users
from lkk_admin.services.portal_link import read_portal_link
from lkk_admin.services.portal_users import UserAct

Factory = sessionmaker[Session]


@dataclass(frozen=True)
class ActRequest:
    """What the administrator asked for in a dialog."""

    kind: str  # block | unblock | revoke | grant
    user_id: int
    expected_version: int
    reason: str = ""
    contract_numbers: tuple[str, ...] = ()


def run_act(factory: Factory, actor: str, request: ActRequest) -> UserAct:
    with factory.begin() as session:
        portal_url = read_portal_link(session).value
        user_id = request.user_id
        if request.kind == "block":
            return portal_users.block(
                session,
                user_id,
                actor,
                request.reason,
                expected_version=request.expected_version,
                portal_url=portal_url,
            )
        if request.kind == "unblock":
            return portal_users.unblock(
                session,
                user_id,
                actor,
                expected_version=request.expected_version,
                portal_url=portal_url,
            )
        if request.kind == "revoke":
            return portal_users.revoke(
                session,
                user_id,
                actor,
                list(request.contract_numbers),
                request.reason,
                portal_url=portal_url,
            )
        if request.kind == "grant":
            (number,) = request.contract_numbers
            return portal_users.grant(
                session, user_id, actor, number, request.reason, portal_url=portal_url
            )
    raise ValueError(f"unknown act {request.kind!r}")
