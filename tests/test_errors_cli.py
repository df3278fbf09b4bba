"""An unexpected failure of a command: a masked line on the console, the masked traceback
in the log file, and no personal data or password anywhere."""

from collections.abc import Iterator

import pytest

from lkk_admin.errors_cli import report_cli_error
from lkk_admin.logging_setup import log_file_path, shutdown_logging
from lkk_admin.services.errors import DomainError

SECRET_LADEN = "connecting to postgresql://ivanov:Pa55w0rd@db/lkk for petrov.ivan@mail.ru"


@pytest.fixture(autouse=True)
def _close_the_log() -> Iterator[None]:
    yield
    shutdown_logging()


def _raised(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:  # with its traceback, as the command line receives it
        return caught


def test_an_unexpected_error_is_masked_on_the_console_and_in_the_log(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = report_cli_error(_raised(RuntimeError(SECRET_LADEN)))

    err = capsys.readouterr().err
    assert code == 1
    assert "Непредвиденная ошибка (RuntimeError)" in err
    assert "ivanov:***@db" in err and "[e-mail]" in err
    assert "Pa55w0rd" not in err and "petrov.ivan" not in err
    assert "Traceback" not in err
    assert str(log_file_path()) in err
    logged = log_file_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError" in logged
    assert "Pa55w0rd" not in logged and "petrov.ivan" not in logged


def test_a_refusal_is_one_line_and_logs_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code = report_cli_error(DomainError("Договор не найден.", code="NOT_FOUND"))

    assert code == 1
    assert capsys.readouterr().err == "Ошибка: Договор не найден.\n"
    assert not log_file_path().exists()
