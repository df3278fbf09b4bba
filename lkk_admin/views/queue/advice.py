"""What the checks suggest deciding, in words for the verifier.

The service (:mod:`lkk_admin.services.decision_advice`) says *what* — return for
clarification, or reject with a standard reason — and on what it rests; these functions
say *why* in the user's language, for the request pane and the decision dialogs alike, so
that both give the same answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lkk_admin.services.queue import STANDARD_REASONS
from lkk_admin.services.request_details import ContractLine, RequestDetails


def near_miss_text(line: ContractLine) -> str:
    """Why the owner of ``line`` looks like the applicant's organisation mistyped."""
    if line.near_miss == "inn":
        return QCoreApplication.translate(
            "RequestAdvice",
            "The TIN entered differs from the owner's by a digit or two: probably a typo. "
            "Consider returning the request for clarification.",
        )
    if line.near_miss == "kpp":
        return QCoreApplication.translate(
            "RequestAdvice",
            "The same TIN with another KPP: probably a branch of the same organisation. "
            "Consider returning the request for clarification.",
        )
    if line.near_miss == "name":
        return QCoreApplication.translate(
            "RequestAdvice",
            "The name entered is the owner's, the TIN is not: probably a mistyped TIN. "
            "Consider returning the request for clarification.",
        )
    return ""


def _near_miss_reason(line: ContractLine) -> str:
    assert line.owner is not None
    if line.near_miss == "kpp":
        text = QCoreApplication.translate(
            "RequestAdvice", "contract {number} belongs to {owner}: the same TIN with another KPP"
        )
    elif line.near_miss == "name":
        text = QCoreApplication.translate(
            "RequestAdvice",
            "contract {number} belongs to {owner}, whose name is the one entered but whose "
            "TIN is not",
        )
    else:
        text = QCoreApplication.translate(
            "RequestAdvice",
            "contract {number} belongs to {owner}, whose TIN differs from the one entered "
            "by a digit or two",
        )
    number = line.matched_number or line.number_as_typed.strip()
    return text.format(number=number, owner=line.owner.name)


def advice_reason(details: RequestDetails) -> str:
    """Why the checks suggest what they suggest, for the verifier (empty: no advice)."""
    advice = details.advice
    if advice is None:
        return ""
    if advice.action == "reject":
        return STANDARD_REASONS.get(advice.reason_code or "", "")
    concerned = advice.registration_contract_id
    for line in details.contracts:
        if line.registration_contract_id == concerned and line.owner is not None:
            return _near_miss_reason(line)
    if advice.basis == "KPP_MISMATCH":
        return QCoreApplication.translate(
            "RequestAdvice", "the TIN is in the registry, but with another KPP"
        )
    if advice.basis == "INN_INVALID":
        return QCoreApplication.translate("RequestAdvice", "the TIN is mistyped")
    return ""


def advice_text(details: RequestDetails) -> str:
    """What the checks suggest deciding, as a sentence for the pane and the dialogs."""
    advice, reason = details.advice, advice_reason(details)
    if advice is None or not reason:
        return ""
    if advice.action == "return":
        return QCoreApplication.translate(
            "RequestAdvice", "The checks suggest returning the request for clarification: {why}."
        ).format(why=reason)
    return QCoreApplication.translate(
        "RequestAdvice", "The checks suggest rejecting the request: «{reason}»"
    ).format(reason=reason)
