"""Opening a database for the application: a staff PostgreSQL profile or the demo SQLite.

Everything here blocks (network, disk) and is called from worker threads. A connection
that fails for a reason the user can act on raises :class:`ConnectionFailedError` with
the Russian :class:`~lkk_admin.services.diagnosis.Problem`; anything else propagates as
the bug it is.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from lkk_admin import db, paths
from lkk_admin.services import idle_lock_policy, schema_version, staff
from lkk_admin.services.diagnosis import Problem, diagnose
from lkk_admin.services.errors import DomainError
from lkk_admin.services.profiles import ConnectionProfile

log = logging.getLogger(__name__)

Backend = Literal["postgresql", "sqlite"]
ProgressCallback = Callable[[str, int, int], None]
CancelledCallback = Callable[[], bool]

#: Scale of the demo database made on the first ``lkk-admin --demo``: small enough to be
#: generated in well under a minute on an office PC, large enough to page through.
DEMO_FIRST_RUN_SCALE = 0.05
PARTIAL_SUFFIX = ".partial"
DEMO_NEWER = (
    "{told}\nИли создайте демонстрационную базу заново этой версией: удалите файл {path}, "
    "и при следующем открытии демо-базы она будет создана."
)


@dataclass(frozen=True)
class ConnectionInfo:
    """An open database for the application, with what the status bar shows."""

    display_url: str  # never contains the password
    engine: Engine
    backend: Backend
    server_version: str
    user: str
    database: str
    host: str | None = None
    port: int | None = None
    file_path: Path | None = None
    profile_name: str | None = None
    # What this staff member may do, learnt from the database's group roles at login.
    # The demo (SQLite) has no roles: everything is open there.
    staff_roles: frozenset[str] = frozenset(staff.ROLES)
    # The organisation's longest idle time before the window locks (read at login).
    idle_lock_minutes: int = idle_lock_policy.DEFAULT_MINUTES

    @property
    def is_demo(self) -> bool:
        return self.backend == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


class ConnectionFailedError(DomainError):
    """The database could not be opened for a reason the user can act on."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message, code=problem.kind)
        self.problem = problem


def build_url(profile: ConnectionProfile, password: str | None) -> URL:
    """A ``postgresql+psycopg`` URL with the profile's TLS settings as query parameters."""
    query: dict[str, str] = {"sslmode": profile.sslmode}
    if profile.sslrootcert:
        query["sslrootcert"] = profile.sslrootcert
    return URL.create(
        "postgresql+psycopg",
        username=profile.user or None,
        password=password or None,
        host=profile.host or None,
        port=profile.port,
        database=profile.database or None,
        query=query,
    )


def display_url(url: URL) -> str:
    """The URL as it may be shown and logged: without the password."""
    return url.render_as_string(hide_password=True)


def upgrade_command(url: URL) -> str:
    """The command an administrator runs to migrate this database (no password in it)."""
    if url.get_backend_name() == "sqlite":
        bare = URL.create("sqlite", database=url.database)
    else:
        bare = URL.create(
            "postgresql",
            username=url.username,
            host=url.host,
            port=url.port,
            database=url.database,
        )
    return f'lkk-admin db upgrade --url "{bare.render_as_string(hide_password=False)}"'


def check_schema(engine: Engine, url: URL, database: str) -> None:
    """Refuse a database without the schema, or with one older or newer than the program's
    (``services.schema_version``: what to run, or which version to install)."""
    with engine.connect() as connection:
        schema_version.check(connection, database=database, upgrade_command=upgrade_command(url))


def _as_failure(error: Exception) -> Exception:
    """A ConnectionFailedError for a known environment problem, else ``error`` itself."""
    if isinstance(error, DomainError):
        return error
    problem = diagnose(error)
    if problem is None:
        return error
    return ConnectionFailedError(problem)


def connect_url(
    url: str | URL, *, profile_name: str | None = None, check: bool = True
) -> ConnectionInfo:
    """Open ``url``, read who and where we are, and check the schema.

    Raises :class:`ConnectionFailedError` (or another ``DomainError``) for what the user
    can act on. The engine is disposed again on any failure.
    """
    parsed = db.normalize_url(url)
    engine = db.make_engine(parsed)
    try:
        if parsed.get_backend_name() == "postgresql":
            info = _postgresql_info(engine, parsed, profile_name)
        else:
            info = _sqlite_info(engine, parsed)
        if check:
            check_schema(engine, parsed, info.database)
            # Its table exists once the schema is current; a login in no staff group may
            # not read it (and is told what to ask for instead).
            if info.backend == "postgresql" and info.staff_roles:
                with engine.connect() as connection:
                    policy = idle_lock_policy.read_policy(connection)
                info = replace(info, idle_lock_minutes=policy.value)
    except Exception as error:
        engine.dispose()
        failure = _as_failure(error)
        if failure is error:
            raise
        raise failure from error
    log.info("connected to %s (%s %s)", info.display_url, info.backend, info.server_version)
    return info


def connect_profile(profile: ConnectionProfile, password: str | None) -> ConnectionInfo:
    """Connect with a saved profile and the password typed or taken from the keyring."""
    return connect_url(build_url(profile.cleaned(), password), profile_name=profile.name)


def _postgresql_info(engine: Engine, url: URL, profile_name: str | None) -> ConnectionInfo:
    with engine.connect() as connection:
        _version, user, database = connection.execute(
            text("SELECT version(), current_user, current_database()")
        ).one()
        server_version = connection.execute(text("SHOW server_version")).scalar_one()
        roles = staff.current_roles(connection)
    return ConnectionInfo(
        display_url=display_url(url),
        engine=engine,
        backend="postgresql",
        server_version=f"PostgreSQL {str(server_version).split(' ')[0]}",
        user=str(user),
        database=str(database),
        host=url.host,
        port=url.port,
        profile_name=profile_name,
        staff_roles=frozenset(roles),
    )


def _local_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "demo"


def _sqlite_info(engine: Engine, url: URL) -> ConnectionInfo:
    with engine.connect() as connection:
        version = connection.execute(text("SELECT sqlite_version()")).scalar_one()
    file_path = Path(url.database) if url.database else None
    return ConnectionInfo(
        display_url=display_url(url),
        engine=engine,
        backend="sqlite",
        server_version=f"SQLite {version}",
        user=_local_user(),
        database=file_path.name if file_path else ":memory:",
        file_path=file_path,
    )


# --- the demo database ---------------------------------------------------------------------


def _remove_database_files(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _make_self_contained(path: Path) -> None:
    """Fold the WAL into the main file so that renaming the one file moves everything."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def prepare_demo_database(
    path: Path | None = None,
    *,
    scale: float = DEMO_FIRST_RUN_SCALE,
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> tuple[Path, bool]:
    """Make sure the demo database exists and has the newest schema.

    On the first run the data are generated into ``<name>.partial`` beside the final file
    and renamed into place only when complete, so an interrupted first run never leaves a
    half-filled database behind. Returns the path and whether it was generated just now.
    Raises ``demo_data.DemoDataCancelled`` when ``cancelled()`` became true.
    """
    target = path if path is not None else paths.demo_database_path()
    if target.exists():
        try:
            db.upgrade(db.sqlite_url(target))
        except DomainError as error:
            if error.code != "schema_newer":
                raise
            # Made by a newer program on this computer (and the desk since rolled back):
            # the demo holds nothing of value, so making it afresh is offered too.
            raise DomainError(
                DEMO_NEWER.format(told=error.message, path=target), code=error.code
            ) from error
        return target, False

    from lkk_admin.services import demo_data

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    _remove_database_files(partial)
    try:
        demo_data.generate(db.sqlite_url(partial), scale, progress=progress, cancelled=cancelled)
        _make_self_contained(partial)
        partial.replace(target)
    except BaseException:
        _remove_database_files(partial)
        raise
    log.info("demo database created at scale %s", scale)
    return target, True


def open_demo(
    path: Path | None = None,
    *,
    scale: float = DEMO_FIRST_RUN_SCALE,
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ConnectionInfo:
    """Create (first run) or upgrade the demo database, then open it."""
    try:
        target, _created = prepare_demo_database(
            path, scale=scale, progress=progress, cancelled=cancelled
        )
    except DomainError:
        raise
    except Exception as error:
        failure = _as_failure(error)
        if failure is error:
            raise
        raise failure from error
    return connect_url(db.sqlite_url(target))
