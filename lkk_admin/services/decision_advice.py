"""What the checks suggest deciding: reject with a standard reason, or return for
clarification when the request looks like the applicant's own organisation mistyped.

A contract "of another counterparty" whose owner's ИНН differs from the one entered by a
digit or two, a КПП that is not the one in the registry, an ИНН with wrong check digits:
the applicant can put these right, so the request goes back to them with a precise
question rather than a refusal («Организация с указанным ИНН не найдена»). The decision
dialogs preselect what this module suggests; the verifier decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lkk_admin.services.checks import SEVERITY_ORDER, ContractMatch, Finding
from lkk_admin.services.near_miss import NearMiss

# A standard refusal reason (services.queue.STANDARD_REASONS) when the checks found its cause.
SUGGESTED_REASONS: dict[str, str] = {
    "COUNTERPARTY_NOT_FOUND": "INN_NOT_FOUND",
    "CONTRACT_OTHER_COUNTERPARTY": "CONTRACT_OTHER_ORGANISATION",
    "CONTRACT_TERMINATED": "CONTRACT_TERMINATED",
    "NAME_MISMATCH": "NAME_MISMATCH",
    "DUPLICATE_PENDING": "DUPLICATE",
}


@dataclass(frozen=True)
class Advice:
    """``action``: what the findings point to; ``basis``: the finding code (or
    ``NEAR_MISS``) it rests on; ``reason_code``: the standard reason of a refusal;
    ``message``: for a return, the question to the applicant (Russian, editable)."""

    action: Literal["return", "reject"]
    basis: str
    reason_code: str | None = None
    message: str = ""
    near_miss: NearMiss | None = None
    # The typed contract (registration_contract.id) a near miss concerns.
    registration_contract_id: int | None = None


def advise(
    findings: Sequence[Finding],
    contracts: Sequence[ContractMatch],
    *,
    inn: str,
    kpp: str | None,
) -> Advice | None:
    """The decision the findings suggest; None when they suggest nothing in particular."""
    inn, kpp = inn.strip(), (kpp or "").strip()
    near = next((match for match in contracts if match.near_miss is not None), None)
    if near is not None and near.near_miss is not None:
        return Advice(
            "return",
            "NEAR_MISS",
            message=_near_miss_question(near, inn),
            near_miss=near.near_miss,
            registration_contract_id=near.registration_contract_id,
        )
    codes = {finding.code for finding in findings}
    if "KPP_MISMATCH" in codes:
        return Advice(
            "return",
            "KPP_MISMATCH",
            message=(
                f"Проверьте, пожалуйста, КПП организации: КПП {kpp} не совпадает с данными "
                f"договора энергоснабжения организации с ИНН {inn}. Укажите КПП так, как он "
                "указан в договоре."
            ),
        )
    if "INN_INVALID" in codes:
        return Advice(
            "return",
            "INN_INVALID",
            message=(
                f"Проверьте, пожалуйста, ИНН организации: «{inn}» указан с ошибкой. Укажите "
                "ИНН так, как он указан в договоре энергоснабжения, и тип организации "
                "(юридическое лицо или индивидуальный предприниматель)."
            ),
        )
    ordered = sorted(
        (f for f in findings if f.contract_number is None),
        key=lambda f: SEVERITY_ORDER[f.severity],
    ) + [finding for match in contracts for finding in match.findings]
    for finding in ordered:
        code = SUGGESTED_REASONS.get(finding.code)
        if code is not None:
            return Advice("reject", finding.code, reason_code=code)
    return None


def _near_miss_question(match: ContractMatch, inn: str) -> str:
    """Asks the applicant to look again without telling whose the contract is."""
    number = match.number_as_typed.strip()
    if match.near_miss == "kpp":
        return (
            f"Проверьте, пожалуйста, КПП организации: договор № {number} оформлен с другим "
            "КПП. Укажите КПП так, как он указан в договоре энергоснабжения."
        )
    return (
        f"Проверьте, пожалуйста, ИНН организации и номер договора: договор № {number} "
        f"не относится к организации с ИНН {inn}, указанным в заявке. Если в ИНН "
        "опечатка, исправьте её; если номер договора указан по ошибке, укажите договор "
        "вашей организации."
    )
