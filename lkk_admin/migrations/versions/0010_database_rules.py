"""The database, not the application, keeps the rules (PostgreSQL).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 02:00:00

A staff member may connect with any SQL client instead of LKK Admin. What the application
promises must then hold in the database itself; on SQLite (the demo) nothing changes.

Privileges (column lists where only some columns may be read or changed):

- ``portal_user``: staff read every column but ``password_hash``, and administrators change
  every column but ``id`` and ``password_hash`` (the application never selects it: the ORM
  defers it with raiseload). A column added later must be granted by its migration.
- ``registration_request``: verifiers change only what the queue writes (claim, decision,
  check summary, version), never what the applicant typed; ``registration_contract`` only
  the per-contract decision.
- ``contract_access``: administrators change only ``revoked_at``/``revoked_by``.
- ``mail_outbox``: only the delivery columns (``status``, ``attempts``, ``next_attempt_at``,
  ``last_error``, ``sent_at``) can be updated; a queued letter's address, subject and
  bodies cannot be rewritten.

Triggers. Every rule applies to every role except the tables' owner and superusers (a
member of the owning role): they could ``ALTER TABLE … DISABLE TRIGGER`` or drop the
trigger anyway, so a check against them protects nothing, while they run the migrations,
the demo generator (which backdates invented history in invented verifiers' names) and,
in tests, the portal's intake. Staff never connect as the owner (README).

- ``registration_request_rules`` (BEFORE INSERT OR UPDATE): who and when are the
  database's — a claim taken or a decision made is stamped with ``session_user`` and the
  transaction's ``now()``, whatever the statement said. A request moves to a decided
  status (approved, rejected, needs_info) only from ``in_review``, claimed by
  ``session_user``, with a lease that has not lapsed by the server's clock; a live claim of
  a colleague cannot be taken, extended or (except by an administrator) released; a claim
  exists only on a request in review; approved, rejected and expired requests stay so; the
  decision's fields (who, when, reason, code, matched counterparty) change only with the
  status. Refusals: SQLSTATE ``LK001`` (claims) and ``LK002`` (recorded facts).
- ``contract_access_rules`` (BEFORE INSERT OR UPDATE): ``granted_by``/``granted_at`` and
  ``revoked_by``/``revoked_at`` are stamped likewise; a grant starts live and a revocation
  is final (``LK002``).
- Audit (one design): a DEFERRABLE INITIALLY DEFERRED constraint trigger on each audited
  change — a request's status, a grant or revocation of contract access, a portal user's
  status, any change of an organisation setting, a letter cancelled or sent again — runs
  at COMMIT. If this transaction has
  already written an audit event about that object (``audit_event.xmin`` is the current
  transaction id; not one of the database's own rows), the application acted and its
  richer row stands alone. Otherwise the trigger writes the event itself: actor
  ``session_user`` (as every audit row), the application's action name where one fits,
  details ``{"by": "database", "before": …, "after": …}``. So no such change exists
  without its audit row, and an application decision is never logged twice. An audit row
  written inside a savepoint carries the savepoint's xid: the database then adds its own
  row too (a duplicate, never a gap). A staff member who writes an audit row about the
  object by hand in the same transaction suppresses the database's row, but that row
  names them: nothing escapes the log.
  The same commit-time triggers keep verifiers (not administrators) to the application's
  paths: a contract access is granted only by an approval made in this transaction by
  this login that granted that contract, and a portal user's status changes only with a
  decision on one of their requests in this transaction (``LK002``).
- ``mail_outbox_queued`` (constraint trigger after INSERT, deferred to COMMIT, because the
  approval writes its letter and its request in one statement whose parts cannot see each
  other): a letter about a request is accepted only if this transaction decided that
  request (status decided, ``decided_by = session_user``, ``decided_at = now()``), it goes
  to the applicant's own address, it is pending and it is the only letter about that
  request in this transaction; a letter about a portal user needs this transaction's audit
  event about that user and goes to that user's address. Anything else — an arbitrary
  letter to an arbitrary address — is refused (``LK003``).
- ``mail_outbox_rules`` (BEFORE UPDATE OF status): a letter's status moves only as the
  senders and the outbox screen move it — to sent, pending to failed or cancelled, failed
  back to pending; a sent letter is not queued again, a cancelled one not revived
  (``LK003``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What the queue writes on a request (services/queue.py, queue_writes.py, request_list.py).
REQUEST_COLUMNS = (
    "status",
    "claimed_by",
    "claimed_at",
    "claim_expires_at",
    "decided_by",
    "decided_at",
    "decision_reason",
    "reason_code",
    "counterparty_id",
    "check_errors",
    "check_warnings",
    "check_infos",
    "checked_at",
    "updated_at",
    "version",
)
TYPED_CONTRACT_COLUMNS = ("decision", "decision_note", "contract_id")
REVOKE_COLUMNS = ("revoked_at", "revoked_by")
# What the senders and the outbox screen change (services/mail_delivery.py, outbox.py).
DELIVERY_COLUMNS = ("status", "attempts", "next_attempt_at", "last_error", "sent_at")
SECRET_COLUMN = "password_hash"

# (table-level privilege taken back, table, group, the columns granted instead);
# None: every column of the table but the secret one (and, for UPDATE, its id).
COLUMN_GRANTS: tuple[tuple[str, str, str, tuple[str, ...] | None], ...] = (
    ("SELECT", "portal_user", "lkk_verifier", None),
    ("UPDATE", "portal_user", "lkk_admin", None),
    ("UPDATE", "registration_request", "lkk_verifier", REQUEST_COLUMNS),
    ("UPDATE", "registration_contract", "lkk_verifier", TYPED_CONTRACT_COLUMNS),
    ("UPDATE", "contract_access", "lkk_admin", REVOKE_COLUMNS),
    ("UPDATE", "mail_outbox", "lkk_verifier", DELIVERY_COLUMNS),
)

# The owner of the tables (and superusers, members of every role) is exempt: see above.
OWNER_FUNCTION = """
CREATE FUNCTION lkk_owner_session() RETURNS boolean
LANGUAGE sql STABLE SET search_path = {schema}, pg_temp AS $$
    SELECT pg_has_role(session_user, relowner, 'MEMBER')
      FROM pg_class WHERE oid = 'registration_request'::regclass
$$
"""

# A verifier who is not an administrator: kept to the application's paths.
VERIFIER_FUNCTION = """
CREATE FUNCTION lkk_plain_verifier() RETURNS boolean
LANGUAGE sql STABLE SET search_path = {schema}, pg_temp AS $$
    SELECT pg_has_role(session_user, 'lkk_verifier', 'MEMBER')
       AND NOT pg_has_role(session_user, 'lkk_admin', 'MEMBER')
$$
"""

# Has this transaction already written an audit event about the object (the application's,
# not the database's own)? expire_unconfirmed writes one event for many requests.
AUDITED_FUNCTION = """
CREATE FUNCTION lkk_audited_here(p_entity text, p_id integer) RETURNS boolean
LANGUAGE sql VOLATILE SET search_path = {schema}, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM audit_event
         WHERE entity = p_entity
           AND (entity_id = p_id
                OR (entity_id IS NULL AND details -> 'request_ids' @> to_jsonb(p_id)))
           AND xmin = pg_current_xact_id()::xid
           AND details ->> 'by' IS DISTINCT FROM 'database')
$$
"""

AUDIT_FUNCTION = """
CREATE FUNCTION lkk_audit_by_database(
    p_action text, p_entity text, p_id integer, p_details jsonb
) RETURNS void
LANGUAGE sql VOLATILE SET search_path = {schema}, pg_temp AS $$
    INSERT INTO audit_event (occurred_at, actor, action, entity, entity_id, details)
    VALUES (clock_timestamp(), session_user, p_action, p_entity, p_id,
            jsonb_build_object('by', 'database') || p_details)
$$
"""

REQUEST_RULES = """
CREATE FUNCTION registration_request_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    me constant text := session_user;
    lease_live boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status NOT IN ('email_unconfirmed', 'pending')
           OR NEW.claimed_by IS NOT NULL OR NEW.decided_by IS NOT NULL THEN
            RAISE EXCEPTION 'Заявка поступает с портала неразобранной: создать её сразу '
                'взятой в работу или с решением нельзя.' USING ERRCODE = 'LK002';
        END IF;
        RETURN NEW;
    END IF;
    lease_live := OLD.claimed_by IS NOT NULL AND OLD.claim_expires_at > now();

    IF NEW.status IS DISTINCT FROM OLD.status
       AND OLD.status IN ('approved', 'rejected', 'expired') THEN
        RAISE EXCEPTION 'Заявка № % уже %: её состояние больше не меняется.', OLD.id,
            CASE OLD.status WHEN 'approved' THEN 'одобрена' WHEN 'rejected' THEN 'отклонена'
                            ELSE 'просрочена' END
            USING ERRCODE = 'LK002';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status
       AND NEW.status IN ('approved', 'rejected', 'needs_info') THEN
        IF OLD.status <> 'in_review' OR OLD.claimed_by IS DISTINCT FROM me THEN
            RAISE EXCEPTION 'Решение по заявке № % может принять только сотрудник, который '
                'взял её в работу, а заявка %.', OLD.id,
                CASE WHEN OLD.status <> 'in_review' OR OLD.claimed_by IS NULL
                     THEN 'ни за кем не закреплена'
                     ELSE 'закреплена за ' || OLD.claimed_by END
                USING ERRCODE = 'LK001';
        END IF;
        IF NOT lease_live THEN
            RAISE EXCEPTION 'Срок, на который заявка № % была закреплена за вами, истёк. '
                'Возьмите её в работу заново и повторите решение.', OLD.id
                USING ERRCODE = 'LK001';
        END IF;
        NEW.decided_by := me;
        NEW.decided_at := now();
    ELSIF (NEW.decided_by, NEW.decided_at, NEW.decision_reason, NEW.reason_code,
           NEW.counterparty_id)
          IS DISTINCT FROM (OLD.decided_by, OLD.decided_at, OLD.decision_reason,
                            OLD.reason_code, OLD.counterparty_id) THEN
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
            RAISE EXCEPTION 'Решение по заявке № %, его причина и кто его принял '
                'записываются только вместе с самим решением.', OLD.id
                USING ERRCODE = 'LK002';
        END IF;
        IF NEW.decided_by IS NOT NULL THEN
            NEW.decided_by := me;
        END IF;
        IF NEW.decided_at IS NOT NULL THEN
            NEW.decided_at := now();
        END IF;
    END IF;

    IF (NEW.claimed_by, NEW.claimed_at, NEW.claim_expires_at)
       IS DISTINCT FROM (OLD.claimed_by, OLD.claimed_at, OLD.claim_expires_at) THEN
        IF lease_live AND OLD.claimed_by <> me THEN
            IF NEW.claimed_by IS NOT NULL THEN
                RAISE EXCEPTION 'Заявку № % сейчас проверяет %: взять её себе или продлить '
                    'чужую блокировку нельзя.', OLD.id, OLD.claimed_by
                    USING ERRCODE = 'LK001';
            ELSIF NOT pg_has_role(session_user, 'lkk_admin', 'MEMBER') THEN
                RAISE EXCEPTION 'Заявку № % проверяет %; освободить её может он сам или '
                    'администратор.', OLD.id, OLD.claimed_by USING ERRCODE = 'LK001';
            END IF;
        END IF;
        IF NEW.claimed_by IS NOT NULL THEN
            IF NEW.status <> 'in_review' THEN
                RAISE EXCEPTION 'Закрепить за собой можно только заявку, взятую на проверку '
                    '(№ %).', OLD.id USING ERRCODE = 'LK001';
            END IF;
            IF NEW.claimed_by IS DISTINCT FROM OLD.claimed_by OR OLD.claimed_by <> me THEN
                NEW.claimed_by := me;
                NEW.claimed_at := now();
            ELSIF NEW.claimed_at IS DISTINCT FROM OLD.claimed_at THEN
                NEW.claimed_at := now();
            END IF;
        END IF;
    END IF;
    RETURN NEW;
END $$
"""

ACCESS_RULES = """
CREATE FUNCTION contract_access_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.revoked_at IS NOT NULL OR NEW.revoked_by IS NOT NULL THEN
            RAISE EXCEPTION 'Доступ к договору предоставляется действующим: отозванным его '
                'создать нельзя.' USING ERRCODE = 'LK002';
        END IF;
        NEW.granted_by := session_user;
        NEW.granted_at := now();
        RETURN NEW;
    END IF;
    IF (NEW.revoked_at, NEW.revoked_by) IS DISTINCT FROM (OLD.revoked_at, OLD.revoked_by) THEN
        IF OLD.revoked_at IS NOT NULL THEN
            RAISE EXCEPTION 'Доступ к договору (запись № %) уже отозван: отзыв не отменяется '
                'и не переписывается. При необходимости предоставьте доступ заново.', OLD.id
                USING ERRCODE = 'LK002';
        END IF;
        IF NEW.revoked_at IS NULL THEN
            NEW.revoked_by := NULL;
        ELSE
            NEW.revoked_by := session_user;
            NEW.revoked_at := now();
        END IF;
    END IF;
    RETURN NEW;
END $$
"""

REQUEST_AUDIT = """
CREATE FUNCTION registration_request_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF lkk_audited_here('registration_request', NEW.id) THEN
        RETURN NULL;
    END IF;
    PERFORM lkk_audit_by_database(
        CASE
            WHEN NEW.status = 'approved' THEN 'approve'
            WHEN NEW.status = 'rejected' THEN 'reject'
            WHEN NEW.status = 'needs_info' THEN 'return_for_clarification'
            WHEN OLD.status = 'pending' AND NEW.status = 'in_review' THEN 'claim'
            WHEN OLD.status = 'in_review' AND NEW.status = 'pending' THEN 'release'
            WHEN OLD.status = 'email_unconfirmed' AND NEW.status = 'expired'
                THEN 'expire_unconfirmed'
            ELSE 'request_status_changed'
        END,
        'registration_request', NEW.id,
        jsonb_build_object(
            'before', jsonb_build_object(
                'status', OLD.status, 'claimed_by', OLD.claimed_by,
                'decided_by', OLD.decided_by),
            'after', jsonb_build_object(
                'status', NEW.status, 'claimed_by', NEW.claimed_by,
                'claim_expires_at', NEW.claim_expires_at, 'decided_by', NEW.decided_by,
                'decision_reason', NEW.decision_reason, 'reason_code', NEW.reason_code)));
    RETURN NULL;
END $$
"""

ACCESS_AUDIT = """
CREATE FUNCTION contract_access_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    action text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF lkk_plain_verifier() AND NOT EXISTS (
            SELECT 1
              FROM registration_request AS r
              JOIN registration_contract AS rc ON rc.registration_request_id = r.id
             WHERE r.id = NEW.registration_request_id
               AND r.portal_user_id = NEW.portal_user_id
               AND r.status = 'approved'
               AND r.decided_by = session_user
               AND r.decided_at = now()
               AND rc.contract_id = NEW.contract_id
               AND rc.decision = 'granted'
        ) THEN
            RAISE EXCEPTION 'Доступ к договору предоставляется только одобрением заявки, в '
                'которой этот договор указан, или администратором.' USING ERRCODE = 'LK002';
        END IF;
        action := 'grant_access';
    ELSIF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
        action := 'revoke_access';
    ELSE
        RETURN NULL;
    END IF;
    IF lkk_audited_here('portal_user', NEW.portal_user_id)
       OR lkk_audited_here('contract_access', NEW.id)
       OR (NEW.registration_request_id IS NOT NULL
           AND lkk_audited_here('registration_request', NEW.registration_request_id)) THEN
        RETURN NULL;
    END IF;
    PERFORM lkk_audit_by_database(
        action, 'portal_user', NEW.portal_user_id,
        jsonb_build_object(
            'contract_access_id', NEW.id, 'contract_id', NEW.contract_id,
            'contract_number', (SELECT number FROM contract WHERE id = NEW.contract_id),
            'registration_request_id', NEW.registration_request_id));
    RETURN NULL;
END $$
"""

USER_AUDIT = """
CREATE FUNCTION portal_user_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    decided_here boolean;
BEGIN
    decided_here := EXISTS (
        SELECT 1 FROM registration_request
         WHERE portal_user_id = NEW.id AND decided_by = session_user AND decided_at = now());
    IF lkk_plain_verifier() AND NOT decided_here THEN
        RAISE EXCEPTION 'Состояние учётной записи пользователя портала меняет решение по его '
            'заявке или администратор.' USING ERRCODE = 'LK002';
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
            WHEN OLD.status = 'blocked' AND NEW.status = 'active' THEN 'unblock_user'
            ELSE 'user_status_changed'
        END,
        'portal_user', NEW.id,
        jsonb_build_object(
            'before', jsonb_build_object('status', OLD.status),
            'after', jsonb_build_object('status', NEW.status)));
    RETURN NULL;
END $$
"""

SETTING_AUDIT = """
CREATE FUNCTION organisation_setting_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    setting_id integer;
    setting_key text;
    before jsonb;
    after jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN
        setting_id := OLD.id;
        setting_key := OLD.key;
        before := OLD.value;
    ELSE
        setting_id := NEW.id;
        setting_key := NEW.key;
        after := NEW.value;
        IF TG_OP = 'UPDATE' THEN
            before := OLD.value;
        END IF;
    END IF;
    IF lkk_audited_here('organisation_setting', setting_id) THEN
        RETURN NULL;
    END IF;
    PERFORM lkk_audit_by_database(
        'organisation_setting_changed', 'organisation_setting', setting_id,
        jsonb_build_object('key', setting_key, 'before', before, 'after', after));
    RETURN NULL;
END $$
"""

MAIL_QUEUED = """
CREATE FUNCTION mail_outbox_queued() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    accepted boolean := false;
BEGIN
    IF NEW.entity = 'registration_request' THEN
        accepted := EXISTS (
            SELECT 1
              FROM registration_request AS r
              JOIN portal_user AS u ON u.id = r.portal_user_id
             WHERE r.id = NEW.entity_id
               AND r.status IN ('approved', 'rejected', 'needs_info')
               AND r.decided_by = session_user
               AND r.decided_at = now()
               AND lower(u.email) = lower(NEW.to_address));
    ELSIF NEW.entity = 'portal_user' THEN
        accepted := lkk_audited_here('portal_user', NEW.entity_id) AND EXISTS (
            SELECT 1 FROM portal_user AS u
             WHERE u.id = NEW.entity_id AND lower(u.email) = lower(NEW.to_address));
    END IF;
    IF accepted AND NEW.status = 'pending' AND NEW.sent_at IS NULL AND (
        SELECT count(*) FROM mail_outbox
         WHERE entity = NEW.entity AND entity_id = NEW.entity_id
           AND xmin = pg_current_xact_id()::xid) = 1 THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Письмо не принято в очередь: письмо ставится только вместе с решением '
        'или действием, о котором оно сообщает, одно на это решение и только на адрес того, '
        'кого оно касается.' USING ERRCODE = 'LK003';
END $$
"""

# What the senders and the outbox screen do to a letter's status; "sent" is what happened,
# even to a letter cancelled or failed meanwhile (services/mail_delivery.py).
MAIL_RULES = """
CREATE FUNCTION mail_outbox_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF NEW.status = 'sent' AND OLD.status <> 'sent'
       OR OLD.status = 'pending' AND NEW.status IN ('failed', 'cancelled')
       OR OLD.status = 'failed' AND NEW.status = 'pending' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Письмо № % %: %.', OLD.id,
        CASE OLD.status WHEN 'sent' THEN 'уже отправлено' WHEN 'cancelled' THEN 'отменено'
                        WHEN 'failed' THEN 'отправить не удалось' ELSE 'ждёт отправки' END,
        CASE WHEN OLD.status = 'sent' THEN 'его нельзя поставить в очередь снова'
             WHEN OLD.status = 'cancelled' THEN 'отменённое письмо больше не отправляется'
             ELSE 'так изменить его состояние нельзя' END
        USING ERRCODE = 'LK003';
END $$
"""

MAIL_AUDIT = """
CREATE FUNCTION mail_outbox_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF lkk_audited_here('mail_outbox', NEW.id) THEN
        RETURN NULL;
    END IF;
    PERFORM lkk_audit_by_database(
        CASE WHEN NEW.status = 'cancelled' THEN 'mail_cancel' ELSE 'mail_retry' END,
        'mail_outbox', NEW.id,
        jsonb_build_object(
            'before', jsonb_build_object(
                'status', OLD.status, 'attempts', OLD.attempts, 'last_error', OLD.last_error),
            'after', jsonb_build_object('status', NEW.status)));
    RETURN NULL;
END $$
"""

FUNCTIONS = (
    OWNER_FUNCTION,
    VERIFIER_FUNCTION,
    AUDITED_FUNCTION,
    AUDIT_FUNCTION,
    REQUEST_RULES,
    ACCESS_RULES,
    REQUEST_AUDIT,
    ACCESS_AUDIT,
    USER_AUDIT,
    SETTING_AUDIT,
    MAIL_QUEUED,
    MAIL_RULES,
    MAIL_AUDIT,
)
# Helpers only the triggers (owned by the same role) call.
PRIVATE_FUNCTIONS = (
    "lkk_audited_here(text, integer)",
    "lkk_audit_by_database(text, text, integer, jsonb)",
)
EXEMPT = "NOT lkk_owner_session()"
DEFERRED = "DEFERRABLE INITIALLY DEFERRED"
# name: (table, CREATE TRIGGER's tail)
TRIGGERS: dict[str, tuple[str, str]] = {
    "registration_request_rules": (
        "registration_request",
        f"BEFORE INSERT OR UPDATE ON registration_request FOR EACH ROW WHEN ({EXEMPT}) "
        "EXECUTE FUNCTION registration_request_rules()",
    ),
    "contract_access_rules": (
        "contract_access",
        f"BEFORE INSERT OR UPDATE ON contract_access FOR EACH ROW WHEN ({EXEMPT}) "
        "EXECUTE FUNCTION contract_access_rules()",
    ),
    "registration_request_audit": (
        "registration_request",
        f"AFTER UPDATE OF status ON registration_request {DEFERRED} FOR EACH ROW "
        f"WHEN (OLD.status IS DISTINCT FROM NEW.status AND {EXEMPT}) "
        "EXECUTE FUNCTION registration_request_audit()",
    ),
    "contract_access_audit": (
        "contract_access",
        f"AFTER INSERT OR UPDATE OF revoked_at ON contract_access {DEFERRED} FOR EACH ROW "
        f"WHEN ({EXEMPT}) EXECUTE FUNCTION contract_access_audit()",
    ),
    "portal_user_audit": (
        "portal_user",
        f"AFTER UPDATE OF status ON portal_user {DEFERRED} FOR EACH ROW "
        f"WHEN (OLD.status IS DISTINCT FROM NEW.status AND {EXEMPT}) "
        "EXECUTE FUNCTION portal_user_audit()",
    ),
    "organisation_setting_audit": (
        "organisation_setting",
        f"AFTER INSERT OR UPDATE OR DELETE ON organisation_setting {DEFERRED} FOR EACH ROW "
        f"WHEN ({EXEMPT}) EXECUTE FUNCTION organisation_setting_audit()",
    ),
    "mail_outbox_queued": (
        "mail_outbox",
        f"AFTER INSERT ON mail_outbox {DEFERRED} FOR EACH ROW WHEN ({EXEMPT}) "
        "EXECUTE FUNCTION mail_outbox_queued()",
    ),
    "mail_outbox_rules": (
        "mail_outbox",
        "BEFORE UPDATE OF status ON mail_outbox FOR EACH ROW "
        f"WHEN (OLD.status IS DISTINCT FROM NEW.status AND {EXEMPT}) "
        "EXECUTE FUNCTION mail_outbox_rules()",
    ),
    "mail_outbox_audit": (
        "mail_outbox",
        f"AFTER UPDATE OF status ON mail_outbox {DEFERRED} FOR EACH ROW "
        "WHEN (OLD.status IS DISTINCT FROM NEW.status AND (NEW.status = 'cancelled' "
        f"OR OLD.status = 'failed' AND NEW.status = 'pending') AND {EXEMPT}) "
        "EXECUTE FUNCTION mail_outbox_audit()",
    ),
}
CONSTRAINT_TRIGGERS = {name for name, (_table, tail) in TRIGGERS.items() if DEFERRED in tail}
FUNCTION_NAMES = (
    "mail_outbox_audit()",
    "mail_outbox_rules()",
    "mail_outbox_queued()",
    "organisation_setting_audit()",
    "portal_user_audit()",
    "contract_access_audit()",
    "registration_request_audit()",
    "contract_access_rules()",
    "registration_request_rules()",
    "lkk_audit_by_database(text, text, integer, jsonb)",
    "lkk_audited_here(text, integer)",
    "lkk_plain_verifier()",
    "lkk_owner_session()",
)


def _quoted(bind: sa.Connection, name: str) -> str:
    return str(bind.execute(sa.text("SELECT quote_ident(:name)"), {"name": name}).scalar_one())


def _columns_but_secret(bind: sa.Connection, table: str, privilege: str) -> tuple[str, ...]:
    names = bind.execute(
        sa.text(
            "SELECT attname FROM pg_attribute WHERE attrelid = CAST(:table AS regclass) "
            "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
        ),
        {"table": table},
    ).scalars()
    skipped = {SECRET_COLUMN, "id"} if privilege == "UPDATE" else {SECRET_COLUMN}
    return tuple(name for name in names if name not in skipped)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for privilege, table, group, columns in COLUMN_GRANTS:
        granted = columns or _columns_but_secret(bind, table, privilege)
        # Taking back the table-level privilege takes back column-level ones as well.
        op.execute(f"REVOKE {privilege} ON {table} FROM {group}")
        op.execute(f"GRANT {privilege} ({', '.join(granted)}) ON {table} TO {group}")
    schema = _quoted(bind, str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()))
    for statement in FUNCTIONS:
        op.execute(statement.format(schema=schema))
    for signature in PRIVATE_FUNCTIONS:
        op.execute(f"REVOKE EXECUTE ON FUNCTION {signature} FROM PUBLIC")
    for name, (_table, tail) in TRIGGERS.items():
        kind = "CONSTRAINT TRIGGER" if name in CONSTRAINT_TRIGGERS else "TRIGGER"
        op.execute(f"CREATE {kind} {name} {tail}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name, (table, _tail) in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for signature in FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    for privilege, table, group, _columns in COLUMN_GRANTS:
        op.execute(f"REVOKE {privilege} ON {table} FROM {group}")
        op.execute(f"GRANT {privilege} ON {table} TO {group}")
