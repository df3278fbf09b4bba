"""Engines, sessions and migrations for PostgreSQL (production) and SQLite (demo)."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    String,
    create_engine,
    event,
    exc,
    inspect,
    literal_column,
)
from sqlalchemy.engine import URL, CursorResult, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import Executable

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# A desktop that vanishes mid-transaction must not keep row locks for long. No JIT: the
# desk's statements take milliseconds to a second, and compiling one costs more than that
# (a survey's split results, estimated above the server's jit_above_cost, spent a second
# compiling a statement that runs in one).
_PG_OPTIONS = "-c idle_in_transaction_session_timeout=60000 -c lock_timeout=10000 -c jit=off"
_PG_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "options": _PG_OPTIONS,
    "application_name": "lkk-admin",
    # Prepare every statement on first use. psycopg forgets all prepared statements on any
    # ROLLBACK (a refused decision ends with one) and by default runs a statement five
    # times unprepared, planned each time, before preparing it again: measured on the
    # claim-and-decide loop, that was a third of its wall time.
    "prepare_threshold": 0,
}


# A pooled connection that sat idle this long is pinged before use, so a server restart or
# a dropped VPN overnight costs a reconnect, not an error. Busy connections are not pinged:
# a round trip per transaction is a large share of a short decision (benchmarks/).
PING_AFTER_IDLE_SECONDS = 10.0
_LAST_USED = "lkk_last_used"


def _mark_used(_dbapi_connection: Any, record: Any, *_args: Any) -> None:
    record.info[_LAST_USED] = time.monotonic()


def _install_idle_ping(engine: Engine) -> None:
    def ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        last_used = record.info.get(_LAST_USED)
        if last_used is not None and time.monotonic() - last_used < PING_AFTER_IDLE_SECONDS:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out (or opens) another.
            raise exc.DisconnectionError("connection lost while idle") from error
        if not alive:
            raise exc.DisconnectionError("connection lost while idle")
        record.info[_LAST_USED] = time.monotonic()

    event.listen(engine, "connect", _mark_used)
    event.listen(engine, "checkin", _mark_used)
    event.listen(engine, "checkout", ping_if_idle)


def normalize_url(url: str | URL) -> URL:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername == "sqlite+pysqlite":
        parsed = parsed.set(drivername="sqlite")
    return parsed


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def is_postgresql(url: str | URL) -> bool:
    return normalize_url(url).get_backend_name() == "postgresql"


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's own lower() folds ASCII only; searches and the unique login/e-mail indexes
    # must fold Cyrillic too, as PostgreSQL does.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def sqlite_file(url: str | URL) -> Path | None:
    """The file a SQLite URL names; None for another database or one in memory."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if name in ("", ":memory:") or name.startswith("file:") or "mode=memory" in name:
        return None
    return Path(name)


def require_existing_file(url: str | URL) -> None:
    """Refuse a SQLite URL whose file is not there: SQLite would create an empty one and
    then fail on the first table. Only ``db upgrade`` and ``demo-data`` make new files."""
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        from lkk_admin.services.errors import DomainError

        raise DomainError(
            f"Файла базы SQLite {path} нет. Проверьте путь; новую базу создают команды "
            "«lkk-admin db upgrade --url …» и «lkk-admin demo-data --url …».",
            code="NO_DATABASE_FILE",
        )


def make_engine(url: str | URL, *, must_exist: bool = False, **kwargs: Any) -> Engine:
    """An engine with the settings staff connections need on either database.

    ``must_exist``: a SQLite file that is not there is refused (:func:`require_existing_file`)
    rather than created empty."""
    parsed = normalize_url(url)
    if must_exist:
        require_existing_file(parsed)
    if parsed.get_backend_name() == "postgresql":
        connect_args = {**_PG_CONNECT_ARGS, **kwargs.pop("connect_args", {})}
        engine = create_engine(parsed, connect_args=connect_args, **kwargs)
        _install_idle_ping(engine)
    elif parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        raise ValueError(f"unsupported database: {parsed.get_backend_name()}")
    return engine


def run(
    session: Session,
    statement: Executable,
    params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
) -> CursorResult[Any]:
    """Execute a Core statement (or a select of columns) on the session's connection, in its
    transaction. It skips the ORM's per-statement work, a fair share of a short decision's
    cost; use it only where no ORM objects are loaded or pending."""
    return session.connection().execute(statement, params)


def constant(value: str) -> ColumnElement[str]:
    """A string constant written into a hot statement's SQL rather than bound. PostgreSQL
    keeps one generic plan for a prepared statement only when that plan looks no worse than
    planning afresh; with ``status = $1`` it cannot know which status is meant, so it
    re-planned the claim and the decision's lock on every execution."""
    if "'" in value or "\\" in value:
        raise ValueError(f"not a plain constant: {value!r}")
    return literal_column(f"'{value}'", String)


def session_factory(url: str | URL | Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (services return plain data)."""
    engine = url if isinstance(url, Engine) else make_engine(url)
    return sessionmaker(engine, expire_on_commit=False)


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def database_name(url: str | URL) -> str:
    """The database as the user knows it: a SQLite file's name, a PostgreSQL database's."""
    path = sqlite_file(url)
    if path is not None:
        return path.name
    return normalize_url(url).database or ":memory:"


def upgrade(url: str | URL | Engine, revision: str = "head") -> None:
    """Bring the database to the newest schema; running it again changes nothing.

    A schema a newer program made is refused (a ``DomainError`` naming the version to
    install) rather than left to Alembic's "can't locate revision". The program version
    that brought the schema to its revision is recorded for older desks to name
    (``services.schema_version``)."""
    from alembic import command

    from lkk_admin.services import schema_version

    engine = url if isinstance(url, Engine) else make_engine(url)
    try:
        with engine.begin() as connection:
            state = schema_version.refuse_newer(connection, database=database_name(engine.url))
            # At the head already (every start of the demo): Alembic has nothing to run.
            if revision != "head" or state.fit is not schema_version.Fit.CURRENT:
                command.upgrade(_alembic_config(connection), revision)
            schema_version.record_release(connection)
    finally:
        if not isinstance(url, Engine):
            engine.dispose()


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@functools.cache  # the migrations ship with the program: read their files once a process
def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)
    return ScriptDirectory.from_config(config).get_current_head()


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")


def read_session_factory(url: str | URL | Engine) -> sessionmaker[Session]:
    """Sessions for reading only. Each statement commits on its own (autocommit), which
    spares a BEGIN and a ROLLBACK round trip per read: over a branch office's VPN that is
    most of a list refresh. Under READ COMMITTED every statement sees its own snapshot
    anyway, so a read-only transaction would add latency and nothing else. Never write
    through these: there is no transaction to roll back."""
    engine = url if isinstance(url, Engine) else make_engine(url)
    return sessionmaker(
        engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
    )
