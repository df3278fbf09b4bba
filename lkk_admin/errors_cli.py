"""How the command line reports a failure: one Russian line for a known problem; for an
unexpected one, a masked line on the console and the masked traceback in the log file."""

from __future__ import annotations

import logging
import sys

from lkk_admin.logging_setup import configure_logging, mask_secrets
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
    # The file handler masks secrets and personal data; logging's last-resort handler,
    # which would print the traceback to the console otherwise, does not.
    log_file = configure_logging()
    log.error("unexpected error in a command", exc_info=error)
    print(
        f"Непредвиденная ошибка ({type(error).__name__}): {mask_secrets(str(error))}\n"
        f"Подробности записаны в журнал: {log_file}",
        file=sys.stderr,
    )
    return 1
