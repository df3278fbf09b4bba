"""What a dialog that keeps the user's input says when its work was refused or failed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from lkk_admin.services.diagnosis import diagnose
from lkk_admin.views.context import AppContext


def refusal_text(
    context: AppContext,
    error: BaseException,
    report_parent: QWidget | None,
    *,
    unexpected: str,
    kept: str,
) -> str:
    """The diagnosed reason and ``kept`` (what stays typed); for an error nobody foresaw,
    ``unexpected``, and the error report opens over ``report_parent`` (the page, not the
    dialog, which the report outlives)."""
    problem = diagnose(error) if isinstance(error, Exception) else None
    if problem is None:
        context.errors.report(error, report_parent)
        return unexpected
    return f"{problem.message}\n{kept}"
