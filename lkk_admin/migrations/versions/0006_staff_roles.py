"""Staff group roles and least-privilege GRANTs (PostgreSQL).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 02:10:00

Each staff member logs in as a PostgreSQL role of their own, a member of one group:

- ``lkk_verifier`` reads the registry and the portal users, works registration requests
  (claims and decisions), grants contract access and works the mail outbox;
- ``lkk_editor`` works news and surveys and reads survey results;
- ``lkk_admin`` is both, and also manages portal users and revokes access.

Everyone may INSERT into ``audit_event`` and read it; nobody may UPDATE, DELETE or
TRUNCATE it (the triggers of 0001 refuse that even for the owner). The application must
not connect as the tables' owner: the owner bypasses these GRANTs.

Group roles belong to the whole server, not to one database: they are created when
missing, which needs CREATEROLE. Without it the migration stops before changing anything
and says what an administrator must run.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from lkk_admin.services.errors import DomainError

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = ("lkk_verifier", "lkk_editor", "lkk_admin")
REGISTRY = (
    "counterparty",
    "contract",
    "consumption_object",
    "metering_point",
    "meter",
    "meter_reading",
    "charge",
    "payment",
    "invoice",
    "tariff_component",
)
CONTENT = ("news_item", "survey", "survey_question", "survey_option")
SURVEY_RESULTS = ("survey_response", "survey_answer")

# (privileges, tables, group); column lists in the privilege where only some may change.
GRANTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("SELECT, INSERT", ("audit_event",), "lkk_verifier"),
    ("SELECT, INSERT", ("audit_event",), "lkk_editor"),
    ("SELECT", REGISTRY, "lkk_verifier"),
    ("SELECT", ("portal_user",), "lkk_verifier"),
    # A decision activates or rejects the applicant's account; nothing else of it.
    ("UPDATE (status)", ("portal_user",), "lkk_verifier"),
    ("SELECT, UPDATE", ("registration_request", "registration_contract"), "lkk_verifier"),
    ("SELECT, INSERT", ("contract_access",), "lkk_verifier"),
    ("SELECT, INSERT, UPDATE", ("mail_outbox",), "lkk_verifier"),
    ("SELECT, INSERT, UPDATE, DELETE", CONTENT, "lkk_editor"),
    ("SELECT", SURVEY_RESULTS, "lkk_editor"),
    # The administrator: both groups (below) and the portal users and their access.
    ("UPDATE", ("portal_user",), "lkk_admin"),
    ("UPDATE", ("contract_access",), "lkk_admin"),
)
# Sequences behind the ids of the rows each group inserts.
SEQUENCES = {
    "lkk_verifier": ("audit_event", "contract_access", "mail_outbox"),
    "lkk_editor": ("audit_event", *CONTENT),
}


def _missing_groups(bind: sa.Connection) -> list[str]:
    existing = set(
        bind.execute(
            sa.text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(GROUPS)},
        ).scalars()
    )
    return [name for name in GROUPS if name not in existing]


def _may_create_roles(bind: sa.Connection) -> bool:
    return bool(
        bind.execute(
            sa.text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
        ).scalar()
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    missing = _missing_groups(bind)
    if missing and not _may_create_roles(bind):
        statements = " ".join(f"CREATE ROLE {name} NOLOGIN;" for name in missing)
        raise DomainError(
            "Не хватает групповых ролей сотрудников, а у пользователя, обновляющего схему, "
            "нет права CREATEROLE. Попросите администратора PostgreSQL выполнить: "
            f"{statements} — и повторите «lkk-admin db upgrade».",
            code="CREATEROLE_REQUIRED",
        )
    for name in missing:
        op.execute(f"CREATE ROLE {name} NOLOGIN")
    op.execute("GRANT lkk_verifier, lkk_editor TO lkk_admin")
    for privileges, tables, group in GRANTS:
        op.execute(f"GRANT {privileges} ON {', '.join(tables)} TO {group}")
    for group, tables in SEQUENCES.items():
        sequences = ", ".join(f"{table}_id_seq" for table in tables)
        op.execute(f"GRANT USAGE ON SEQUENCE {sequences} TO {group}")
    # Every login checks the schema version before anything else (a harmless number).
    op.execute("GRANT SELECT ON alembic_version TO PUBLIC")
    # Belt and braces: whatever PUBLIC was given, the audit log is not changed by anyone.
    op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or _missing_groups(bind):
        return
    tables = sorted(
        {table for _privileges, group_tables, _group in GRANTS for table in group_tables}
    )
    op.execute("REVOKE SELECT ON alembic_version FROM PUBLIC")
    # The roles stay: they belong to the server and other databases may use them.
    op.execute(f"REVOKE ALL ON {', '.join(tables)} FROM {', '.join(GROUPS)}")
    for group, group_tables in SEQUENCES.items():
        sequences = ", ".join(f"{table}_id_seq" for table in group_tables)
        op.execute(f"REVOKE ALL ON SEQUENCE {sequences} FROM {group}")
