"""Telling environment problems from bugs, in words a clerk can act on.

An environment problem (server unreachable, wrong password, connection lost, disk full,
database busy) is not a crash: the user is told what happened and what to do. Anything
this module does not recognise is a bug and goes to the crash dialog and the log.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from lkk_admin.services.errors import DomainError


@dataclass(frozen=True)
class Problem:
    """What went wrong (``kind``), told in Russian (``message``)."""

    kind: str
    message: str


WRONG_PASSWORD = Problem(
    "wrong_password",
    "Неверное имя пользователя или пароль. Проверьте раскладку клавиатуры и Caps Lock.",
)
NO_PASSWORD = Problem("no_password", "Сервер требует пароль. Введите пароль и повторите.")
UNKNOWN_USER = Problem(
    "unknown_user",
    "Пользователь базы данных не найден. Проверьте имя пользователя или обратитесь "
    "к администратору.",
)
UNREACHABLE = Problem(
    "unreachable",
    "Сервер базы данных недоступен. Проверьте адрес и порт, подключение к сети "
    "или VPN и повторите попытку.",
)
DATABASE_MISSING = Problem(
    "database_missing",
    "На сервере нет базы данных с таким именем. Проверьте имя базы данных в профиле.",
)
CONNECTION_LOST = Problem(
    "connection_lost",
    "Соединение с сервером базы данных потеряно. Действие не выполнено; повторите "
    "его, когда связь восстановится. Введённые данные сохранены.",
)
TLS_FAILED = Problem(
    "tls",
    "Не удалось установить защищённое соединение (TLS). Проверьте режим SSL и путь "
    "к корневому сертификату в профиле подключения; если это не поможет, обратитесь "
    "в ИТ-отдел.",
)
TLS_UNTRUSTED = Problem(
    "tls_untrusted",
    "Сертификат сервера не подтверждается корневым сертификатом, указанным в профиле "
    "подключения. Проверьте, что в профиле выбран файл корневого сертификата вашей "
    "организации (его выдаёт ИТ-отдел). Если файл верный, сообщите в ИТ-отдел: "
    "сертификат сервера мог истечь или быть заменён.",
)
TLS_NAME_MISMATCH = Problem(
    "tls_name_mismatch",
    "Имя сервера в профиле подключения не совпадает с именем в сертификате сервера. "
    "Укажите в поле «Сервер» имя, записанное в сертификате (его сообщит ИТ-отдел), "
    "а не IP-адрес или другое имя того же сервера.",
)
TLS_ROOT_CERT_MISSING = Problem(
    "tls_root_cert",
    "Файл корневого сертификата не найден или не читается. Для режимов SSL verify-ca "
    "и verify-full укажите в профиле подключения путь к файлу корневого сертификата "
    "(его выдаёт ИТ-отдел) и проверьте, что файл на месте.",
)
TLS_REQUIRED = Problem(
    "tls_required",
    "Сервер принимает только защищённые соединения (TLS). Выберите в профиле "
    "подключения режим SSL verify-full и укажите файл корневого сертификата "
    "(его выдаёт ИТ-отдел).",
)
TLS_UNSUPPORTED = Problem(
    "tls_unsupported",
    "Профиль подключения требует защищённого соединения (TLS), а сервер его не "
    "поддерживает. Не отключайте защиту в профиле: обратитесь в ИТ-отдел.",
)
NOT_ALLOWED = Problem(
    "not_allowed",
    "Сервер не разрешает этому пользователю подключаться к этой базе данных с вашего "
    "компьютера. Проверьте имя пользователя и базы данных в профиле или обратитесь "
    "в ИТ-отдел.",
)
DISK_FULL = Problem(
    "disk_full", "Недостаточно места на диске. Освободите место и повторите действие."
)
DATABASE_BUSY = Problem(
    "busy",
    "База данных занята другой операцией. Подождите немного и повторите действие.",
)
READ_ONLY = Problem(
    "read_only",
    "Нет права записи в файл базы данных или в папку с ним. Проверьте права доступа.",
)
PERMISSION_DENIED = Problem(
    "permission_denied",
    "Недостаточно прав для этого действия. Обратитесь к администратору LKK Admin.",
)
LOGIN_DISABLED = Problem(
    "login_disabled",
    "Вход для этого пользователя базы данных запрещён (учётная запись отключена). "
    "Обратитесь к администратору LKK Admin.",
)
DATABASE_READ_ONLY = Problem(
    "database_read_only",
    "База данных сейчас только для чтения: сервер не принимает изменений, действие не "
    "выполнено. Возможно, в профиле подключения указан резервный сервер (реплика), а не "
    "основной, или базу перевели в режим «только чтение» (default_transaction_read_only). "
    "Проверьте адрес сервера в профиле подключения; если он верный, сообщите в ИТ-отдел.",
)
UNSTORABLE_TEXT = Problem(
    "unstorable_text",
    "В тексте есть невидимый недопустимый символ (NUL с кодом 0 или половина символа "
    "UTF-16) — обычно он попадает при вставке из другой программы. Ничего не сохранено: "
    "удалите этот символ или наберите текст заново и повторите.",
)
VALUE_TOO_LONG = Problem(
    "value_too_long",
    "Текст длиннее, чем позволяет поле базы данных. Ничего не сохранено: сократите текст "
    "и повторите.",
)
CANNOT_OPEN_FILE = Problem(
    "cannot_open",
    "Не удалось открыть файл базы данных. Проверьте, что папка существует и доступна.",
)

_SQLSTATE_PROBLEMS = {
    "28P01": WRONG_PASSWORD,
    "3D000": DATABASE_MISSING,
    "53100": DISK_FULL,
    "42501": PERMISSION_DENIED,
    "57P01": CONNECTION_LOST,
    "57P02": CONNECTION_LOST,
    "57P03": UNREACHABLE,
    "55P03": DATABASE_BUSY,
    "40P01": DATABASE_BUSY,
    "25006": DATABASE_READ_ONLY,  # read_only_sql_transaction: a replica, or set read-only
    "22001": VALUE_TOO_LONG,  # string_data_right_truncation
    "22P05": UNSTORABLE_TEXT,  # untranslatable_character: "\u0000" in JSON
    "22021": UNSTORABLE_TEXT,  # character_not_in_repertoire: a NUL byte
}
# psycopg refuses a NUL before sending (a DataError without a SQLSTATE), in these words.
_NUL_REFUSED = "cannot contain nul"
# "value too long for type character varying(63)", the type named in English in any language.
_COLUMN_LIMIT = re.compile(r"character(?: varying)?\((\d+)\)")

# libpq reports connection failures without a SQLSTATE: recognise its wording.
_TEXT_PROBLEMS: tuple[tuple[str, Problem], ...] = (
    ("password authentication failed", WRONG_PASSWORD),
    ("не прошёл проверку подлинности (по паролю)", WRONG_PASSWORD),  # a Russian server
    ("is not permitted to log in", LOGIN_DISABLED),
    ("вход запрещён", LOGIN_DISABLED),
    ("no password supplied", NO_PASSWORD),
    ("fe_sendauth", NO_PASSWORD),
    # At connect time libpq gives no SQLSTATE, only the server's wording.
    ('database "', DATABASE_MISSING),
    ('role "', UNKNOWN_USER),
    # pg_hba.conf refused the connection; its wording ends with the encryption tried.
    # Refused even with TLS: this user may not connect from here at all. libpq's "prefer"
    # then retries without TLS, so "no encryption" may follow and must not win.
    # A server with Russian lc_messages says this in Russian.
    ("ssl encryption", NOT_ALLOWED),
    ("шифрование ssl", NOT_ALLOWED),
    # Refused only without TLS: the server requires TLS, the profile said "disable".
    ("no encryption", TLS_REQUIRED),
    ("без шифрования", TLS_REQUIRED),
    ("pg_hba.conf", NOT_ALLOWED),
    # TLS: the specific cases before the catch-alls "certificate" and "ssl".
    ("server does not support ssl", TLS_UNSUPPORTED),
    ("сервер не поддерживает ssl", TLS_UNSUPPORTED),
    ("does not match host name", TLS_NAME_MISMATCH),
    ("не соответствует имени сервера", TLS_NAME_MISMATCH),
    ("root certificate file", TLS_ROOT_CERT_MISSING),  # missing, unreadable, or not PEM
    ("файл корневых сертификатов", TLS_ROOT_CERT_MISSING),
    ("certificate verify failed", TLS_UNTRUSTED),  # signed by another CA, or expired
    ("certificate", TLS_FAILED),
    ("ssl", TLS_FAILED),
    ("server closed the connection", CONNECTION_LOST),
    ("terminating connection", CONNECTION_LOST),
    ("connection is closed", CONNECTION_LOST),
    ("consuming input failed", CONNECTION_LOST),
    ("connection is lost", CONNECTION_LOST),
    ("connection refused", UNREACHABLE),
    ("could not connect", UNREACHABLE),
    ("connection failed", UNREACHABLE),
    ("timeout expired", UNREACHABLE),
    ("could not translate host name", UNREACHABLE),
    ("name or service not known", UNREACHABLE),
    ("no route to host", UNREACHABLE),
    ("network is unreachable", UNREACHABLE),
    ("database is locked", DATABASE_BUSY),
    ("database or disk is full", DISK_FULL),
    ("readonly database", READ_ONLY),
    ("unable to open database file", CANNOT_OPEN_FILE),
)

_MISSING = (DATABASE_MISSING, UNKNOWN_USER)


def _from_text(text: str) -> Problem | None:
    lowered = text.lower()
    for fragment, problem in _TEXT_PROBLEMS:
        if fragment in lowered and (problem not in _MISSING or "does not exist" in lowered):
            return problem
    return None


def _file_problem(error: OSError) -> Problem | None:
    """A file or folder that cannot be read or written, named; None otherwise."""
    path = error.filename2 or error.filename  # a rename names the target second
    where = f"«{path}»" if path else "этот файл или папку"
    if isinstance(error, PermissionError):
        return Problem(
            "no_permission",
            f"Нет прав доступа к {where}. Проверьте права на файл и папку или выберите "
            "другую папку.",
        )
    if error.errno == errno.EROFS:
        return Problem(
            "read_only_disk",
            f"Диск, на котором {where}, доступен только для чтения. Выберите другую папку.",
        )
    if isinstance(error, IsADirectoryError):
        return Problem("is_a_folder", f"Вместо файла указана папка {where}: укажите файл.")
    if isinstance(error, NotADirectoryError):
        return Problem(
            "not_a_folder", f"В пути {where} вместо папки стоит файл. Выберите другую папку."
        )
    return None


def _too_long(text: str) -> Problem:
    """VALUE_TOO_LONG, with the column's limit when the server named it."""
    found = _COLUMN_LIMIT.search(text)
    if found is None:
        return VALUE_TOO_LONG
    return Problem(
        VALUE_TOO_LONG.kind,
        f"Текст длиннее, чем позволяет поле базы данных (не больше {found[1]} знаков). "
        "Ничего не сохранено: сократите текст и повторите.",
    )


# SQLSTATEs the database's rules raise (migrations 0010, 0011, 0013, 0015): claims, recorded
# facts, letters, anonymised personal data, news HTML the sanitiser would not keep, the
# questions of a survey that has answers.
DATABASE_RULES = frozenset({"LK001", "LK002", "LK003", "LK004", "LK005", "LK006"})


def _from_sqlstate(original: BaseException | None, sqlstate: str) -> Problem | None:
    if sqlstate == "22001":
        return _too_long(str(original))
    if sqlstate in DATABASE_RULES:
        # The portal database's own rules (migration 0010) word their refusals in Russian
        # for the staff member: the claim, a recorded decision, a letter.
        diag = getattr(original, "diag", None)
        message = getattr(diag, "message_primary", None) or str(original)
        return Problem("rule", message)
    if sqlstate in _SQLSTATE_PROBLEMS:
        return _SQLSTATE_PROBLEMS[sqlstate]
    if sqlstate.startswith("08"):
        return CONNECTION_LOST
    return None


def diagnose(error: BaseException) -> Problem | None:
    """The environment problem behind ``error``, or None when it is a bug."""
    if isinstance(error, DomainError):
        return Problem("domain", error.message)
    if isinstance(error, UnicodeEncodeError) and "surrogates not allowed" in error.reason:
        return UNSTORABLE_TEXT  # half a character, which neither database can take
    if isinstance(error, OSError) and not isinstance(error, sqlite3.Error):
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return DISK_FULL
        if isinstance(error, ConnectionError | TimeoutError):
            return UNREACHABLE
        return _file_problem(error)
    original: BaseException | None = error
    if isinstance(error, DBAPIError):
        original = error.orig
        if error.connection_invalidated:
            return CONNECTION_LOST
    elif isinstance(error, SQLAlchemyError):
        return _from_text(str(error))
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(sqlstate, str) and (problem := _from_sqlstate(original, sqlstate)):
        return problem
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        psycopg = None  # type: ignore[assignment]
    if psycopg is not None and isinstance(original, psycopg.OperationalError):
        return _from_text(str(original)) or UNREACHABLE
    if (
        psycopg is not None
        and isinstance(original, psycopg.DataError)
        and _NUL_REFUSED in str(original).lower()
    ):
        return UNSTORABLE_TEXT
    if isinstance(original, sqlite3.OperationalError):
        return _from_text(str(original))
    return None
