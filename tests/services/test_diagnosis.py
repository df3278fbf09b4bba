"""Environment problems are told in Russian; bugs are not mistaken for them."""

import errno
import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from lkk_admin import db
from lkk_admin.services import diagnosis
from lkk_admin.services.errors import DomainError
from lkk_admin.testing.throwaway_postgres import free_port


def connect_error(url: str) -> BaseException:
    engine = db.make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("connection unexpectedly succeeded")


def test_unreachable_server() -> None:
    error = connect_error(f"postgresql://nobody@127.0.0.1:{free_port()}/portal")
    assert diagnosis.diagnose(error) == diagnosis.UNREACHABLE


def test_missing_database(postgres_admin_url: str) -> None:
    url = db.normalize_url(postgres_admin_url).set(database="no_such_portal")
    error = connect_error(url.render_as_string(hide_password=False))
    problem = diagnosis.diagnose(error)
    assert problem == diagnosis.DATABASE_MISSING
    assert "нет базы данных" in problem.message


def test_unknown_user(postgres_admin_url: str) -> None:
    url = db.normalize_url(postgres_admin_url).set(username="no_such_clerk")
    assert diagnosis.diagnose(connect_error(url.render_as_string())) == diagnosis.UNKNOWN_USER


def test_connection_killed_by_the_server(pg_url: str, postgres_admin_url: str) -> None:
    engine = db.make_engine(pg_url)
    admin = create_engine(db.normalize_url(postgres_admin_url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with admin.connect() as admin_connection:
                admin_connection.execute(text(f"SELECT pg_terminate_backend({pid})"))
            with pytest.raises(OperationalError) as caught:
                connection.execute(text("SELECT 1"))
        assert diagnosis.diagnose(caught.value) == diagnosis.CONNECTION_LOST
    finally:
        engine.dispose()
        admin.dispose()


def test_sqlite_busy_and_missing_folder(tmp_path: Path) -> None:
    busy = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert diagnosis.diagnose(busy) == diagnosis.DATABASE_BUSY
    engine = db.make_engine(db.sqlite_url(tmp_path / "no" / "such" / "dir.sqlite3"))
    with pytest.raises(OperationalError) as caught, engine.connect():
        pass
    assert diagnosis.diagnose(caught.value) == diagnosis.CANNOT_OPEN_FILE


def test_disk_full_is_an_environment_problem() -> None:
    assert diagnosis.diagnose(OSError(errno.ENOSPC, "No space left")) == diagnosis.DISK_FULL


def test_domain_errors_pass_their_own_message() -> None:
    problem = diagnosis.diagnose(DomainError("Заявку уже взял другой сотрудник."))
    assert problem is not None
    assert problem.message == "Заявку уже взял другой сотрудник."


def test_bugs_are_not_environment_problems() -> None:
    assert diagnosis.diagnose(KeyError("x")) is None
    assert diagnosis.diagnose(ValueError("bad")) is None


# --- TLS and pg_hba.conf ----------------------------------------------------------------------
# libpq's and the server's own wording (English, and Russian from a server whose lc_messages
# is Russian), as psycopg reports a failed connection. tests/services/test_tls.py gets the
# English ones from a real server; these pin the rest of the ladder.
_AT = 'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
_HBA = 'FATAL:  pg_hba.conf rejects connection for host "10.0.0.7", user "ivanova", database "lkk"'
_NO_ENTRY = 'FATAL:  no pg_hba.conf entry for host "10.0.0.7", user "ivanova", database "lkk"'


def libpq_failure(message: str) -> OperationalError:
    """A connection failure as SQLAlchemy raises it: psycopg's error without a SQLSTATE."""
    return OperationalError(None, None, psycopg.OperationalError(_AT + message))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("SSL error: certificate verify failed", diagnosis.TLS_UNTRUSTED),
        ("ошибка SSL: certificate verify failed", diagnosis.TLS_UNTRUSTED),
        (
            'server certificate for "db.rn-energo.local" (and 1 other name) does not match '
            'host name "10.0.0.5"',
            diagnosis.TLS_NAME_MISMATCH,
        ),
        (
            'серверный сертификат для "db.rn-energo.local" не соответствует имени сервера '
            '"10.0.0.5"',
            diagnosis.TLS_NAME_MISMATCH,
        ),
        (
            'root certificate file "C:\\certs\\root.crt" does not exist\nEither provide the '
            "file, use the system's trusted roots with sslrootcert=system, or change sslmode "
            "to disable server certificate verification.",
            diagnosis.TLS_ROOT_CERT_MISSING,
        ),
        (
            'could not read root certificate file "root.crt": no certificate or crl found',
            diagnosis.TLS_ROOT_CERT_MISSING,
        ),
        ('файл корневых сертификатов "root.crt" не существует', diagnosis.TLS_ROOT_CERT_MISSING),
        ("server does not support SSL, but SSL was required", diagnosis.TLS_UNSUPPORTED),
        (
            "затребовано подключение через SSL, но сервер не поддерживает SSL",
            diagnosis.TLS_UNSUPPORTED,
        ),
        (f"{_HBA}, no encryption", diagnosis.TLS_REQUIRED),
        (f"{_NO_ENTRY}, no encryption", diagnosis.TLS_REQUIRED),
        (
            'FATAL:  pg_hba.conf отвергает подключение: компьютер "10.0.0.7", пользователь '
            '"ivanova", база данных "lkk", без шифрования',
            diagnosis.TLS_REQUIRED,
        ),
        # Refused over TLS too: not a TLS problem, whatever the profile's SSL mode.
        (f"{_HBA}, SSL encryption", diagnosis.NOT_ALLOWED),
        (f"{_NO_ENTRY}, SSL encryption", diagnosis.NOT_ALLOWED),
        # sslmode=prefer retries without TLS after the refusal and reports both attempts.
        (
            f"{_NO_ENTRY}, SSL encryption\n{_AT}{_NO_ENTRY}, no encryption",
            diagnosis.NOT_ALLOWED,
        ),
        (f"{_NO_ENTRY}, GSS encryption", diagnosis.NOT_ALLOWED),
        (
            'FATAL:  в pg_hba.conf нет записи для компьютера "10.0.0.7", пользователя '
            '"ivanova", базы "lkk", Шифрование SSL',
            diagnosis.NOT_ALLOWED,
        ),
        ("SSL SYSCALL error: EOF detected", diagnosis.TLS_FAILED),
    ],
)
def test_tls_and_access_problems_are_told_apart(message: str, expected: diagnosis.Problem) -> None:
    assert diagnosis.diagnose(libpq_failure(message)) == expected


def test_host_names_before_a_tls_failure_do_not_hide_it() -> None:
    """libpq tries every address of a name and reports them all: a refused IPv6 attempt
    before the TLS failure on IPv4 must not turn it into "server unreachable"."""
    message = (
        "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
        f"connections?\n{_AT}SSL error: certificate verify failed"
    )
    assert diagnosis.diagnose(libpq_failure(message)) == diagnosis.TLS_UNTRUSTED


def test_tls_messages_say_what_to_do() -> None:
    for problem in (
        diagnosis.TLS_FAILED,
        diagnosis.TLS_UNTRUSTED,
        diagnosis.TLS_NAME_MISMATCH,
        diagnosis.TLS_ROOT_CERT_MISSING,
        diagnosis.TLS_REQUIRED,
        diagnosis.TLS_UNSUPPORTED,
        diagnosis.NOT_ALLOWED,
    ):
        assert "ИТ-отдел" in problem.message, problem.kind
    assert "«Сервер»" in diagnosis.TLS_NAME_MISMATCH.message
    assert "verify-full" in diagnosis.TLS_REQUIRED.message


def test_server_without_tls_refuses_sslmode_require(postgres_admin_url: str) -> None:
    url = db.normalize_url(postgres_admin_url).update_query_dict({"sslmode": "require"})
    engine = db.make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        assert diagnosis.diagnose(error) == diagnosis.TLS_UNSUPPORTED
    else:
        pytest.skip("the test server given by LKK_TEST_DATABASE_URL supports TLS")
    finally:
        engine.dispose()


def test_a_disabled_staff_login_and_a_russian_wrong_password_are_told_as_such(
    pg_engine: Engine,
) -> None:
    with pg_engine.begin() as connection:
        connection.execute(text("DROP ROLE IF EXISTS retired_clerk"))
        connection.execute(text("CREATE ROLE retired_clerk NOLOGIN"))
    try:
        with pytest.raises(OperationalError) as refused:
            db.make_engine(pg_engine.url.set(username="retired_clerk")).connect()
        problem = diagnosis.diagnose(refused.value)
        assert problem is not None and problem.kind == "login_disabled"
    finally:
        with pg_engine.begin() as connection:
            connection.execute(text("DROP ROLE IF EXISTS retired_clerk"))
    russian = OperationalError(
        "connect",
        {},
        psycopg.OperationalError(
            'пользователь "ivanov" не прошёл проверку подлинности (по паролю)'
        ),
    )
    problem = diagnosis.diagnose(russian)
    assert problem is not None and problem.kind == "wrong_password"


# --- What the database refuses to keep ------------------------------------------------------


def _refusal(engine: Engine, statement: str, params: dict[str, object]) -> BaseException:
    with pytest.raises(Exception) as caught, engine.begin() as connection:
        connection.execute(text(statement), params)
    return caught.value


_AUDIT = (
    "INSERT INTO audit_event (occurred_at, actor, action, entity, details) "
    "VALUES (now(), :actor, 'note', 'test', CAST(:details AS jsonb))"
)


def test_a_read_only_database_is_told_as_such(pg_url: str) -> None:
    """A replica by mistake, or a database set read-only: SQLSTATE 25006."""
    engine = db.make_engine(pg_url, pool_size=1, max_overflow=0)
    try:
        with engine.begin() as connection:
            connection.execute(text("SET default_transaction_read_only = on"))
        error = _refusal(engine, _AUDIT, {"actor": "ivanova", "details": "{}"})
        assert getattr(getattr(error, "orig", None), "sqlstate", None) == "25006"
        problem = diagnosis.diagnose(error)
        assert problem == diagnosis.DATABASE_READ_ONLY
        assert "только для чтения" in problem.message and "реплика" in problem.message
    finally:
        engine.dispose()


def test_a_read_only_database_through_a_service(pg_url: str, postgres_admin_url: str) -> None:
    """The same when the database itself is set read-only, as the queue meets it."""
    from lkk_admin.services import queue
    from tests import factories as f

    writable = db.make_engine(pg_url)
    with db.session_factory(writable).begin() as session:
        request_id = f.registration(session)
    writable.dispose()
    name = db.normalize_url(pg_url).database
    admin = create_engine(db.normalize_url(postgres_admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"ALTER DATABASE {name} SET default_transaction_read_only = on"))
    engine = db.make_engine(pg_url)  # new connections take the database's setting
    try:
        with pytest.raises(Exception) as caught, db.session_factory(engine).begin() as session:
            queue.claim(session, request_id, "ivanova")
        assert diagnosis.diagnose(caught.value) == diagnosis.DATABASE_READ_ONLY
    finally:
        engine.dispose()
        admin.dispose()


def test_a_value_longer_than_its_column_names_the_limit(pg_engine: Engine) -> None:
    error = _refusal(pg_engine, _AUDIT, {"actor": "я" * 64, "details": "{}"})
    problem = diagnosis.diagnose(error)
    assert problem is not None and problem.kind == diagnosis.VALUE_TOO_LONG.kind
    assert "не больше 63 знаков" in problem.message
    # A Russian server ("значение не умещается в тип character varying(63)") names the
    # type in English too; words without it get the general message.
    russian = psycopg.errors.StringDataRightTruncation(
        "значение не умещается в тип character varying(63)"
    )
    problem = diagnosis.diagnose(OperationalError(None, None, russian))
    assert problem is not None and "не больше 63 знаков" in problem.message
    bare = OperationalError(None, None, psycopg.errors.StringDataRightTruncation("x"))
    assert diagnosis.diagnose(bare) == diagnosis.VALUE_TOO_LONG


def test_a_nul_character_is_told_wherever_it_is_refused(pg_engine: Engine) -> None:
    # psycopg refuses it before sending: a DataError without a SQLSTATE.
    refused_by_psycopg = _refusal(pg_engine, _AUDIT, {"actor": "iva\x00nova", "details": "{}"})
    assert isinstance(getattr(refused_by_psycopg, "orig", None), psycopg.DataError)
    # Inside JSON it passes as "\u0000", and the server refuses it (22P05).
    refused_by_server = _refusal(pg_engine, _AUDIT, {"actor": "x", "details": '{"a": "\\u0000"}'})
    # Half a character cannot even be encoded, on either database.
    refused_by_codec = _refusal(pg_engine, _AUDIT, {"actor": "iva\ud83dnova", "details": "{}"})
    for error in (refused_by_psycopg, refused_by_server, refused_by_codec):
        assert diagnosis.diagnose(error) == diagnosis.UNSTORABLE_TEXT, error
    assert "NUL" in diagnosis.UNSTORABLE_TEXT.message


def test_a_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    target = str(tmp_path / "отчёт.pdf")
    denied = diagnosis.diagnose(PermissionError(errno.EACCES, "Permission denied", target))
    assert denied is not None and f"Нет прав доступа к «{target}»" in denied.message
    assert "базы данных" not in denied.message
    read_only = diagnosis.diagnose(OSError(errno.EROFS, "Read-only file system", target))
    assert read_only is not None and "только для чтения" in read_only.message
    # os.replace(temporary, target) onto a folder names the target second.
    folder = IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp/.x.part", None, str(tmp_path))
    problem = diagnosis.diagnose(folder)
    assert problem is not None and f"указана папка «{tmp_path}»" in problem.message
    assert diagnosis.diagnose(UnicodeEncodeError("cp1251", "😀", 0, 1, "bad")) is None
