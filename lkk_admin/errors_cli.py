"""How the command line reports a failure: one Russian line for a known problem, else a log."""

from __future__ import annotations

import logging
import sys

from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.errors import DomainError

log = logging.getLogger("lkk_admin.cli")


def report_cli_error(error: BaseException) -> int:
    if isinstance(error, DomainError):  # a refusal already worded for the user
        print(f"Ошибка: {error.message}", file=sys.stderr)
        return 1
    problem = diagnose(error)
    if problem is not None:
        print(f"Ошибка: {problem.message}", file=sys.stderr)
        return 1
    log.exception("unexpected error in a command")
    print(
        f"Непредвиденная ошибка ({type(error).__name__}). Подробности: {error}",
        file=sys.stderr,
    )
    return 1
