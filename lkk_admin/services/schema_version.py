"""Whether a database's schema is the one this program was built for, and what to do if not.

The desks and the database are upgraded by IT, not always in the same hour. A database
whose schema is older than the program needs ``lkk-admin db upgrade`` (IT runs it); one
whose schema is newer needs a newer program on the desk. Either is a refusal told in
Russian with what to do — never a crash. Which version to install comes from the
database itself: ``lkk-admin db upgrade`` records the program version that brought the
schema to its revision (``schema_release``, migration 0016; :func:`lkk_admin.db.upgrade`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import Connection, String, column, insert, inspect, table, text

from lkk_admin import __version__, db
from lkk_admin.models.base import UtcDateTime
from lkk_admin.services.errors import DomainError

RELEASE_TABLE = "schema_release"


class Fit(Enum):
    CURRENT = "current"
    EMPTY = "empty"  # no LKK Admin tables at all
    OLDER = "older"  # a revision this program knows, before its newest
    NEWER = "newer"  # a revision this program does not know: a later program's


@dataclass(frozen=True)
class SchemaState:
    """A database's schema revision beside this program's."""

    has_schema: bool  # the database has LKK Admin's migrations table
    revision: str | None  # the database's (None: no schema, or not stamped)
    head: str  # this program's newest
    known: bool  # this program has a migration of that revision
    # The program version recorded for the database's revision (read for a newer one only).
    release: str | None

    @property
    def fit(self) -> Fit:
        if not self.has_schema:
            return Fit.EMPTY
        if self.revision == self.head:
            return Fit.CURRENT
        # Not stamped at all: a first upgrade that never finished, so an older schema.
        if self.revision is None or self.known:
            return Fit.OLDER
        return Fit.NEWER


def program_head() -> str:
    head = db.head_revision()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError(f"no migrations in {db.MIGRATIONS_DIR}")
    return head


def is_known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory(str(db.MIGRATIONS_DIR))
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def recorded_release(connection: Connection, revision: str) -> str | None:
    """The program version that brought the schema to ``revision``, if one was recorded."""
    if not inspect(connection).has_table(RELEASE_TABLE):
        return None
    found = connection.execute(
        text(f"SELECT program_version FROM {RELEASE_TABLE} WHERE revision = :revision"),
        {"revision": revision},
    ).scalar_one_or_none()
    return str(found) if found else None


def record_release(connection: Connection, *, now: datetime | None = None) -> None:
    """After an upgrade: name this program for the schema's revision, unless a program was
    named for it already (the first to reach a revision is the oldest that can use it)."""
    state = read_state(connection)
    if state.revision is None or not inspect(connection).has_table(RELEASE_TABLE):
        return  # upgraded to a revision before 0016
    if recorded_release(connection, state.revision) is not None:
        return
    releases = table(
        RELEASE_TABLE,
        column("revision", String),
        column("program_version", String),
        column("upgraded_at", UtcDateTime),
    )
    connection.execute(
        insert(releases).values(
            revision=state.revision,
            program_version=__version__,
            upgraded_at=now or datetime.now(UTC),
        )
    )


def read_state(connection: Connection) -> SchemaState:
    """The database's revision beside this program's; the recorded release is read only
    for a revision this program does not know (a login costs no extra round trip)."""
    head = program_head()
    if not inspect(connection).has_table("alembic_version"):
        return SchemaState(has_schema=False, revision=None, head=head, known=False, release=None)
    from alembic.migration import MigrationContext

    revision = MigrationContext.configure(connection).get_current_revision()
    known = revision == head or (revision is not None and is_known_revision(revision))
    newer = revision is not None and not known
    return SchemaState(
        has_schema=True,
        revision=revision,
        head=head,
        known=known,
        release=recorded_release(connection, revision) if newer and revision else None,
    )


# --- what the user is told -----------------------------------------------------------------

SCHEMA_EMPTY = (
    "База данных «{database}» пуста: в ней нет таблиц LKK Admin. Попросите "
    "администратора создать схему командой\n{command}"
)
SCHEMA_OLD = (
    "Схема базы данных «{database}» старше, чем нужна этой версии LKK Admin ({program}): "
    "в базе ревизия схемы {revision}, нужна {head}. Попросите ИТ-отдел (администратора "
    "базы) обновить её командой\n{command}"
)
SCHEMA_NEWER = (
    "База данных «{database}» обновлена для LKK Admin {release}, а у вас установлена более "
    "старая версия {program}: она не может работать с этой базой. Установите LKK Admin "
    "{release} или новее (на рабочих местах программу устанавливает ИТ-отдел)."
)
# A database upgraded by a program from before the release was recorded (or the row lost).
SCHEMA_NEWER_UNRECORDED = (
    "База данных «{database}» обновлена более новой версией LKK Admin, чем установлена у "
    "вас ({program}, ревизия схемы {head}): в базе ревизия схемы {revision}, этой версии "
    "неизвестная. Установите версию LKK Admin, выпущенную вместе с этим обновлением базы "
    "(ревизия схемы {revision}); на рабочих местах программу устанавливает ИТ-отдел."
)


def newer_schema_error(state: SchemaState, database: str) -> DomainError:
    template = SCHEMA_NEWER if state.release else SCHEMA_NEWER_UNRECORDED
    message = template.format(
        database=database,
        release=state.release,
        program=__version__,
        revision=state.revision,
        head=state.head,
    )
    return DomainError(message, code="schema_newer")


def refuse_newer(connection: Connection, *, database: str) -> SchemaState:
    """Before migrating: a schema a later program made cannot be brought to this one's;
    any other's state is returned."""
    state = read_state(connection)
    if state.fit is Fit.NEWER:
        raise newer_schema_error(state, database)
    return state


def check(connection: Connection, *, database: str, upgrade_command: str) -> SchemaState:
    """Refuse a schema that is missing, older or newer than this program's; else its state.

    ``upgrade_command``: what IT types to bring this database to the program's schema.
    """
    state = read_state(connection)
    fit = state.fit
    if fit is Fit.EMPTY:
        raise DomainError(
            SCHEMA_EMPTY.format(database=database, command=upgrade_command),
            code="schema_empty",
        )
    if fit is Fit.OLDER:
        message = SCHEMA_OLD.format(
            database=database,
            program=__version__,
            revision=state.revision or "—",
            head=state.head,
            command=upgrade_command,
        )
        raise DomainError(message, code="schema_old")
    if fit is Fit.NEWER:
        raise newer_schema_error(state, database)
    return state
