"""Portal users: versioned, blocked with a reason, access revoked with a reason, personal
data anonymised on schedule.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 03:00:00

Columns:

- ``portal_user``: ``version`` (optimistic locking, like the requests), the block
  (``status_before_block`` to restore on unblocking, ``blocked_at``/``blocked_by``,
  ``block_reason``) and ``anonymised_at``;
- ``contract_access``: ``grant_reason`` (an administrator's grant outside a request) and
  ``revoke_reason``;
- ``registration_request`` and ``mail_outbox``: ``anonymised_at``.

PostgreSQL. 0010 granted its columns by list, so every new column is granted here:
staff read them all; administrators change the block, the anonymisation, the version and
(for retention) the personal columns of requests and letters; verifiers change a user's
``version`` only (an approval bumps it).

Rules added to 0010's (same exemption for the tables' owner):

- a plain verifier changes a user's status only as a decision does: to ``active`` or
  ``rejected``, never from or to ``blocked`` (``LK002``);
- a revocation's reason is written with the revocation and never rewritten (``LK002``);
- ``personal_data_erasure``: a request's or a letter's personal columns change only in the
  update that anonymises it; once anonymised, a user, request or letter keeps its marker
  for good (nothing is "de-anonymised") and an anonymised letter is never queued again
  (``LK004``).
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from lkk_admin.models.base import UtcDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BLOCK_COLUMNS = ("status_before_block", "blocked_at", "blocked_by", "block_reason")
USER_COLUMNS = (*BLOCK_COLUMNS, "anonymised_at", "version")
# What retention replaces (services.retention); the user's are granted to admins by 0010.
USER_PERSONAL = ("login", "email", "first_name", "last_name", "patronymic", "phone")
REQUEST_PERSONAL = ("org_name",)
LETTER_PERSONAL = ("to_address", "to_name", "subject", "body_text", "body_html")

GRANTS = (
    f"GRANT SELECT ({', '.join(USER_COLUMNS)}) ON portal_user TO lkk_verifier",
    f"GRANT UPDATE ({', '.join(USER_COLUMNS)}) ON portal_user TO lkk_admin",
    "GRANT UPDATE (version) ON portal_user TO lkk_verifier",
    "GRANT UPDATE (revoke_reason) ON contract_access TO lkk_admin",
    f"GRANT UPDATE ({', '.join((*REQUEST_PERSONAL, 'anonymised_at'))}) "
    "ON registration_request TO lkk_admin",
    f"GRANT UPDATE ({', '.join((*LETTER_PERSONAL, 'anonymised_at'))}) ON mail_outbox TO lkk_admin",
)

# 0010's function with the verifier's limits made exact.
USER_AUDIT = """
CREATE OR REPLACE FUNCTION portal_user_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    decided_here boolean;
BEGIN
    decided_here := EXISTS (
        SELECT 1 FROM registration_request
         WHERE portal_user_id = NEW.id AND decided_by = session_user AND decided_at = now());
    IF lkk_plain_verifier() AND (
        NOT decided_here OR NEW.status NOT IN ('active', 'rejected')
        OR OLD.status = 'blocked') THEN
        RAISE EXCEPTION 'Состояние учётной записи пользователя портала меняет решение по его '
            'заявке или администратор; блокирует и разблокирует только администратор.'
            USING ERRCODE = 'LK002';
    END IF;
    IF lkk_audited_here('portal_user', NEW.id) OR EXISTS (
        SELECT 1 FROM registration_request AS r
         WHERE r.portal_user_id = NEW.id
           AND lkk_audited_here('registration_request', r.id)) THEN
        RETURN NULL;
    END IF;
    PERFORM lkk_audit_by_database(
        CASE
            WHEN NEW.status = 'blocked' THEN 'block_user'
            WHEN OLD.status = 'blocked' THEN 'unblock_user'
            ELSE 'user_status_changed'
        END,
        'portal_user', NEW.id,
        jsonb_build_object(
            'before', jsonb_build_object('status', OLD.status),
            'after', jsonb_build_object('status', NEW.status)));
    RETURN NULL;
END $$
"""

# 0010's function plus the revocation's reason.
ACCESS_RULES = """
CREATE OR REPLACE FUNCTION contract_access_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.revoked_at IS NOT NULL OR NEW.revoked_by IS NOT NULL
           OR NEW.revoke_reason IS NOT NULL THEN
            RAISE EXCEPTION 'Доступ к договору предоставляется действующим: отозванным его '
                'создать нельзя.' USING ERRCODE = 'LK002';
        END IF;
        NEW.granted_by := session_user;
        NEW.granted_at := now();
        RETURN NEW;
    END IF;
    IF (NEW.revoked_at, NEW.revoked_by, NEW.revoke_reason)
       IS DISTINCT FROM (OLD.revoked_at, OLD.revoked_by, OLD.revoke_reason) THEN
        IF OLD.revoked_at IS NOT NULL THEN
            RAISE EXCEPTION 'Доступ к договору (запись № %) уже отозван: отзыв не отменяется '
                'и не переписывается. При необходимости предоставьте доступ заново.', OLD.id
                USING ERRCODE = 'LK002';
        END IF;
        IF NEW.revoked_at IS NULL THEN
            NEW.revoked_by := NULL;
            NEW.revoke_reason := NULL;
        ELSE
            NEW.revoked_by := session_user;
            NEW.revoked_at := now();
        END IF;
    END IF;
    RETURN NEW;
END $$
"""

# TG_ARGV[0]: 'with_marker_only' (the columns change only in the anonymising update) or
# 'frozen_after' (they change freely until the record is anonymised); the rest: columns.
ERASURE_RULES = """
CREATE FUNCTION personal_data_erasure_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    old_row constant jsonb := to_jsonb(OLD);
    new_row constant jsonb := to_jsonb(NEW);
    anonymising constant boolean := OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL;
    column_name text;
BEGIN
    IF OLD.anonymised_at IS NOT NULL AND NEW.anonymised_at IS DISTINCT FROM OLD.anonymised_at
    THEN
        RAISE EXCEPTION 'Персональные данные записи № % уже обезличены: обезличивание '
            'необратимо.', OLD.id USING ERRCODE = 'LK004';
    END IF;
    FOR i IN 1 .. TG_NARGS - 1 LOOP
        column_name := TG_ARGV[i];
        IF new_row -> column_name IS DISTINCT FROM old_row -> column_name THEN
            IF OLD.anonymised_at IS NOT NULL THEN
                RAISE EXCEPTION 'Персональные данные записи № % обезличены; вернуть или '
                    'переписать их нельзя.', OLD.id USING ERRCODE = 'LK004';
            END IF;
            IF TG_ARGV[0] = 'with_marker_only' AND NOT anonymising THEN
                RAISE EXCEPTION 'Данные заявителя в записи № % (%) меняются только при '
                    'обезличивании по сроку хранения.', OLD.id, column_name
                    USING ERRCODE = 'LK004';
            END IF;
        END IF;
    END LOOP;
    IF TG_TABLE_NAME = 'mail_outbox' AND OLD.anonymised_at IS NOT NULL
       AND NEW.status = 'pending' AND OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'Письмо № % обезличено: отправить его снова нельзя.', OLD.id
            USING ERRCODE = 'LK004';
    END IF;
    RETURN NEW;
END $$
"""

EXEMPT = "NOT lkk_owner_session()"


def _erasure_trigger(table: str, mode: str, columns: tuple[str, ...]) -> str:
    arguments = ", ".join(f"'{name}'" for name in (mode, *columns))
    return (
        f"CREATE TRIGGER {table}_erasure BEFORE UPDATE ON {table} FOR EACH ROW "
        f"WHEN ({EXEMPT}) EXECUTE FUNCTION personal_data_erasure_rules({arguments})"
    )


ERASURE_TRIGGERS = {
    "portal_user": ("frozen_after", USER_PERSONAL),
    "registration_request": ("with_marker_only", REQUEST_PERSONAL),
    "mail_outbox": ("with_marker_only", LETTER_PERSONAL),
}


def _quoted_schema(bind: sa.Connection) -> str:
    return str(bind.execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one())


def upgrade() -> None:
    op.add_column("portal_user", sa.Column("status_before_block", sa.String(20), nullable=True))
    op.add_column("portal_user", sa.Column("blocked_at", UtcDateTime(), nullable=True))
    op.add_column("portal_user", sa.Column("blocked_by", sa.String(63), nullable=True))
    op.add_column("portal_user", sa.Column("block_reason", sa.Text(), nullable=True))
    op.add_column("portal_user", sa.Column("anonymised_at", UtcDateTime(), nullable=True))
    op.add_column(
        "portal_user", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column("contract_access", sa.Column("grant_reason", sa.Text(), nullable=True))
    op.add_column("contract_access", sa.Column("revoke_reason", sa.Text(), nullable=True))
    for table in ("registration_request", "mail_outbox"):
        op.add_column(table, sa.Column("anonymised_at", UtcDateTime(), nullable=True))

    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in GRANTS:
        op.execute(statement)
    schema = _quoted_schema(bind)
    for function in (USER_AUDIT, ACCESS_RULES, ERASURE_RULES):
        op.execute(function.format(schema=schema))
    for table, (mode, columns) in ERASURE_TRIGGERS.items():
        op.execute(_erasure_trigger(table, mode, columns))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in ERASURE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_erasure ON {table}")
        op.execute("DROP FUNCTION IF EXISTS personal_data_erasure_rules()")
        # 0010's functions, as they were.
        rules = importlib.import_module("lkk_admin.migrations.versions.0010_database_rules")
        schema = _quoted_schema(bind)
        for function in (rules.USER_AUDIT, rules.ACCESS_RULES):
            replacing = function.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
            op.execute(replacing.format(schema=schema))
    for table in ("mail_outbox", "registration_request"):
        op.drop_column(table, "anonymised_at")
    for name in ("revoke_reason", "grant_reason"):
        op.drop_column("contract_access", name)
    for name in ("version", "anonymised_at", *reversed(BLOCK_COLUMNS)):
        op.drop_column("portal_user", name)
