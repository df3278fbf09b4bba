"""Named connection profiles (a JSON file, never a password) and the OS keyring.

A profile says where the portal database is and how to reach it: host, port, database,
user and the TLS settings. It is saved in ``profiles.json`` in the per-user config folder.
The password is not part of a profile: it is typed each time or, when the user asks,
kept in the operating system's credential store through :mod:`keyring` (Windows
Credential Manager, macOS Keychain, Secret Service). When no usable credential store
exists, the password simply cannot be remembered: it is never written anywhere else.

The organisation's profile is machine-wide and read-only: IT sets it when installing the
MSI (``DBHOST``, ``DBPORT``, ``DBNAME``, ``SSLMODE``, ``SSLROOTCERT``), which writes it under
``HKEY_LOCAL_MACHINE`` (:data:`MACHINE_PROFILE_REGISTRY_KEY`). Every user of the desk sees it
beside their own profiles and keeps only their user name for it (in ``profiles.json``) and
their password (in their keyring). Elsewhere, and in tests, it is an INI file
(:func:`machine_profile_path`).

No Qt here: the views call these functions from worker threads.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

import platformdirs

from lkk_admin import paths
from lkk_admin.services.errors import DomainError
from lkk_admin.services.json_files import write_json_atomically

log = logging.getLogger(__name__)

PROFILES_FILE = "profiles.json"
FORMAT_VERSION = 1
DEFAULT_PORT = 5432
SSL_MODES: tuple[str, ...] = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_SSL_MODE = "prefer"

KEYRING_SERVICE = "LKK Admin"


@dataclass(frozen=True)
class ConnectionProfile:
    """Where one portal database is and who connects to it. Never holds a password."""

    name: str
    host: str = "localhost"
    port: int = DEFAULT_PORT
    database: str = "lkk"
    user: str = ""
    sslmode: str = DEFAULT_SSL_MODE
    sslrootcert: str = ""

    def keyring_username(self) -> str:
        """The key under which this profile's password lives in the credential store."""
        return f"{self.name}:{self.user}@{self.host}:{self.port}/{self.database}"

    def missing_fields(self) -> list[str]:
        """Names of the required fields left empty (for the dialog to point at)."""
        required = ("name", "host", "database", "user")
        return [name for name in required if not str(getattr(self, name)).strip()]

    def cleaned(self) -> ConnectionProfile:
        """The same profile with surrounding spaces removed and the SSL mode checked."""
        sslmode = self.sslmode if self.sslmode in SSL_MODES else DEFAULT_SSL_MODE
        return replace(
            self,
            name=self.name.strip(),
            host=self.host.strip(),
            database=self.database.strip(),
            user=self.user.strip(),
            sslmode=sslmode,
            sslrootcert=self.sslrootcert.strip(),
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConnectionProfile:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        if "port" in values:
            values["port"] = int(values["port"])
        for key in known - {"port"}:
            if key in values:
                values[key] = str(values[key])
        return cls(**values).cleaned()


@dataclass
class ProfileBook:
    """Everything ``profiles.json`` holds: the profiles and the one used last.

    For the organisation's profile (not stored here) only this user's user name, and
    whether it was the one used last."""

    profiles: list[ConnectionProfile] = field(default_factory=list)
    last_used: str | None = None
    machine_user: str = ""
    machine_last_used: bool = False

    def get(self, name: str) -> ConnectionProfile | None:
        return next((p for p in self.profiles if p.name == name), None)

    def last(self) -> ConnectionProfile | None:
        return self.get(self.last_used) if self.last_used else None

    def put(self, profile: ConnectionProfile, *, replacing: str | None = None) -> None:
        """Add ``profile`` or replace the one named ``replacing`` (default: same name);
        the last used profile renamed stays the last used."""
        old_name = replacing or profile.name
        self.profiles = [p for p in self.profiles if p.name not in (old_name, profile.name)] + [
            profile
        ]
        self.profiles.sort(key=lambda p: p.name.casefold())
        if self.last_used == old_name:
            self.last_used = profile.name

    def remove(self, name: str) -> None:
        self.profiles = [p for p in self.profiles if p.name != name]
        if self.last_used == name:
            self.last_used = None


class ProfileStore:
    """Reads and writes ``profiles.json``; a damaged file is set aside, not fatal."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.config_dir() / PROFILES_FILE

    def load(self) -> ProfileBook:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ProfileBook()
        try:
            data = json.loads(raw)
            profiles = [ConnectionProfile.from_json(item) for item in data.get("profiles", [])]
            last_used = data.get("last_used")
            machine_user = str(data.get("machine_user") or "").strip()
            machine_last_used = data.get("machine_last_used") is True
        except (ValueError, TypeError, AttributeError) as error:
            backup = self.path.with_suffix(".damaged.json")
            log.warning("profiles file is damaged (%s); moved aside to %s", error, backup.name)
            with contextlib.suppress(OSError):
                self.path.replace(backup)
            return ProfileBook()
        book = ProfileBook(
            profiles=[], machine_user=machine_user, machine_last_used=machine_last_used
        )
        for profile in profiles:
            book.put(profile)
        book.last_used = last_used if isinstance(last_used, str) and book.get(last_used) else None
        return book

    def save(self, book: ProfileBook) -> None:
        """Write atomically (a temporary file renamed over the old one)."""
        data = {
            "version": FORMAT_VERSION,
            "last_used": book.last_used,
            "profiles": [asdict(p) for p in book.profiles],
            "machine_user": book.machine_user,
            "machine_last_used": book.machine_last_used,
        }
        write_json_atomically(self.path, data)


# --- the organisation's profile, machine-wide --------------------------------------------

MACHINE_PROFILE_NAME = "Организация"
# Written by the MSI (packaging/lkk_admin.wxs) in the 64-bit view of HKEY_LOCAL_MACHINE.
MACHINE_PROFILE_REGISTRY_KEY = r"SOFTWARE\RN-Energo\LKK Admin\Organisation"
# The same values as an INI file: where tests (and IT on other systems) put them.
MACHINE_PROFILE_ENV = "LKK_ADMIN_MACHINE_PROFILE"
MACHINE_PROFILE_FILE = "machine-profile.ini"
MACHINE_PROFILE_SECTION = "Organisation"
# Value names (registry) or keys (INI, any case) and the profile's fields they fill.
MACHINE_PROFILE_VALUES: Mapping[str, str] = {
    "Host": "host",
    "Port": "port",
    "Database": "database",
    "SslMode": "sslmode",
    "SslRootCert": "sslrootcert",
}


def machine_profile_path() -> Path | None:
    """The INI file of the organisation's profile: ``$LKK_ADMIN_MACHINE_PROFILE`` when set,
    else the system-wide config folder; None on Windows, where the registry holds it."""
    given = os.environ.get(MACHINE_PROFILE_ENV)
    if given:
        return Path(given)
    if sys.platform == "win32":
        return None
    return Path(platformdirs.site_config_dir(paths.APP_NAME, paths.APP_AUTHOR)) / (
        MACHINE_PROFILE_FILE
    )


def load_machine_profile() -> ConnectionProfile | None:
    """The organisation's profile, or None when IT has set none (or set it wrongly: logged).

    It has no user: each user types their own (:attr:`ProfileBook.machine_user`)."""
    path = machine_profile_path()
    values = _read_machine_profile_file(path) if path is not None else _read_machine_registry()
    return machine_profile_from_values(values)


def machine_profile_from_values(values: Mapping[str, str]) -> ConnectionProfile | None:
    """The profile the values describe; None without a host or with a port or SSL mode that
    is not one (a typo must not quietly connect with weaker settings than IT meant)."""
    fields_given = {
        MACHINE_PROFILE_VALUES[name]: value.strip()
        for name, value in values.items()
        if name in MACHINE_PROFILE_VALUES
    }
    host = fields_given.get("host", "")
    if not host:
        return None
    port_text = fields_given.get("port") or str(DEFAULT_PORT)
    sslmode = fields_given.get("sslmode") or DEFAULT_SSL_MODE
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        log.warning("the organisation's profile is ignored: port %r is not a port", port_text)
        return None
    if sslmode not in SSL_MODES:
        log.warning("the organisation's profile is ignored: unknown SSL mode %r", sslmode)
        return None
    return ConnectionProfile(
        name=MACHINE_PROFILE_NAME,
        host=host,
        port=int(port_text),
        database=fields_given.get("database") or ConnectionProfile.database,
        user="",
        sslmode=sslmode,
        sslrootcert=fields_given.get("sslrootcert", ""),
    )


def _read_machine_profile_file(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as file:
            parser.read_file(file)
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        log.warning("the organisation's profile %s cannot be read: %s", path, error)
        return {}
    if not parser.has_section(MACHINE_PROFILE_SECTION):
        return {}
    section = parser[MACHINE_PROFILE_SECTION]
    return {name: section[name] for name in MACHINE_PROFILE_VALUES if name in section}


def _read_machine_registry() -> dict[str, str]:
    """The values the MSI wrote; the 64-bit view whatever the program's own bitness."""
    if sys.platform != "win32":
        return {}
    import winreg

    try:
        key = winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE,
            MACHINE_PROFILE_REGISTRY_KEY,
            0,
            winreg.KEY_READ | winreg.KEY_WOW64_64KEY,
        )
    except OSError:  # no key: IT set no organisation's profile
        return {}
    values: dict[str, str] = {}
    with key:
        for name in MACHINE_PROFILE_VALUES:
            try:
                value, _kind = winreg.QueryValueEx(key, name)
            except OSError:
                continue
            values[name] = str(value)
    return values


# --- the OS keyring ------------------------------------------------------------------------


class VaultState(Enum):
    AVAILABLE = "available"
    UNAVAILABLE = "unavailable"


class LookupOutcome(Enum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"
    ERROR = "error"


@dataclass(frozen=True)
class VaultStatus:
    """Whether passwords can be remembered here, and by which backend (for a tooltip)."""

    state: VaultState
    backend: str
    detail: str = ""

    @property
    def available(self) -> bool:
        return self.state is VaultState.AVAILABLE


@dataclass(frozen=True)
class PasswordLookup:
    outcome: LookupOutcome
    password: str | None = None
    detail: str = ""


class KeyringUnavailableError(DomainError):
    """No usable credential store on this computer."""


class KeyringLockedError(DomainError):
    """The credential store exists but is locked (the user declined to unlock it)."""


class KeyringFailedError(DomainError):
    """The credential store refused or failed the operation."""


UNAVAILABLE_MESSAGE = (
    "На этом компьютере нет хранилища паролей, поэтому запомнить пароль нельзя. "
    "Вводите пароль при каждом подключении."
)
LOCKED_MESSAGE = (
    "Хранилище паролей заблокировано. Разблокируйте его (например, войдите в систему "
    "заново) или введите пароль вручную."
)
FAILED_MESSAGE = "Хранилище паролей сообщило об ошибке: {detail}. Введите пароль вручную."


def _backend_name(backend: Any) -> str:
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__qualname__}"
    inner = getattr(backend, "backends", None)
    if inner:
        name += " (" + ", ".join(_backend_name(b) for b in inner) + ")"
    return name


# Only the test suite may use a backend that keeps passwords in a plain file.
ALLOW_PLAINTEXT_ENV = "LKK_ADMIN_ALLOW_PLAINTEXT_KEYRING"


def _is_plaintext(backend: Any) -> bool:
    kind = type(backend)
    return kind.__module__.startswith("keyrings.alt") and "Plaintext" in kind.__name__


def _is_unusable(backend: Any) -> bool:
    """The fail and null backends, plain-text files, a chainer with nothing usable behind it."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return True
    if _is_plaintext(backend) and os.environ.get(ALLOW_PLAINTEXT_ENV) != "1":
        return True
    if isinstance(backend, chainer.ChainerBackend):
        return not any(not _is_unusable(b) for b in backend.backends)
    return False


def _keyring_error(error: Exception) -> DomainError:
    """The Russian refusal for a keyring failure: locked, unavailable, or another error."""
    from keyring.errors import KeyringLocked, NoKeyringError

    if isinstance(error, KeyringLocked):
        return KeyringLockedError(LOCKED_MESSAGE, code="keyring_locked")
    if isinstance(error, NoKeyringError):
        return KeyringUnavailableError(UNAVAILABLE_MESSAGE, code="keyring_unavailable")
    return KeyringFailedError(
        FAILED_MESSAGE.format(detail=type(error).__name__), code="keyring_failed"
    )


class PasswordVault:
    """Passwords (connection profiles', the mail server's) in the OS credential store, or
    nowhere.

    ``backend`` may be given in tests; otherwise the one :mod:`keyring` chose is used.
    """

    def __init__(self, backend: Any | None = None) -> None:
        self._backend = backend

    def _keyring(self) -> Any:
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def status(self) -> VaultStatus:
        try:
            backend = self._keyring()
        except Exception as error:
            return VaultStatus(VaultState.UNAVAILABLE, "—", f"{type(error).__name__}: {error}")
        name = _backend_name(backend)
        if _is_unusable(backend):
            return VaultStatus(VaultState.UNAVAILABLE, name, "no credential store found")
        return VaultStatus(VaultState.AVAILABLE, name)

    def _require(self) -> Any:
        status = self.status()
        if not status.available:
            raise KeyringUnavailableError(UNAVAILABLE_MESSAGE, code="keyring_unavailable")
        return self._keyring()

    def lookup(self, profile: ConnectionProfile) -> PasswordLookup:
        """Never raises: tells found / not found / locked / unavailable / error apart."""
        return self.lookup_key(profile.keyring_username())

    def store(self, profile: ConnectionProfile, password: str) -> None:
        self.store_key(profile.keyring_username(), password)

    def forget(self, profile: ConnectionProfile) -> bool:
        """Remove the stored password; False when there was none."""
        return self.forget_key(profile.keyring_username())

    def lookup_key(self, key: str) -> PasswordLookup:
        """The password stored under ``key`` (a profile's, the mail server's); never raises."""
        from keyring.errors import KeyringLocked, NoKeyringError

        if not self.status().available:
            return PasswordLookup(LookupOutcome.UNAVAILABLE)
        try:
            password = self._keyring().get_password(KEYRING_SERVICE, key)
        except KeyringLocked as error:
            return PasswordLookup(LookupOutcome.LOCKED, detail=str(error))
        except NoKeyringError as error:
            return PasswordLookup(LookupOutcome.UNAVAILABLE, detail=str(error))
        except Exception as error:
            log.warning("keyring lookup failed: %s", type(error).__name__)
            return PasswordLookup(LookupOutcome.ERROR, detail=f"{type(error).__name__}: {error}")
        if password is None:
            return PasswordLookup(LookupOutcome.NOT_FOUND)
        return PasswordLookup(LookupOutcome.FOUND, password=password)

    def store_key(self, key: str, password: str) -> None:
        backend = self._require()
        try:
            backend.set_password(KEYRING_SERVICE, key, password)
        except Exception as error:
            raise _keyring_error(error) from error

    def forget_key(self, key: str) -> bool:
        from keyring.errors import PasswordDeleteError

        """Remove the password stored under ``key``; False when there was none."""
        backend = self._require()
        try:
            if backend.get_password(KEYRING_SERVICE, key) is None:
                return False
            backend.delete_password(KEYRING_SERVICE, key)
        except PasswordDeleteError:
            return False
        except Exception as error:
            raise _keyring_error(error) from error
        return True
