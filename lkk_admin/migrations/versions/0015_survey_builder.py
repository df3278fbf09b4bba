"""Surveys: a rating question's scale, who changed a survey last, the results' indexes, and
the database refusing to change the meaning of a survey that has answers.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 06:00:00

- ``survey_question.rating_scale``: the top of a rating question's scale — 5 for 1…5,
  10 for 0…10 (NPS); set for rating questions only. Existing rating questions are 1…5.
- ``survey.updated_by`` / ``updated_at``: the list's "last change" and the stale-save
  message's "who, when".
- Indexes for the results (``services/survey_results.py``), partial so that each holds
  only the answers it counts: the choices by question, option and response and the
  ratings by question, value and response (respondents per option or value, the index
  read alone, in order); the choices by question and response (a multiple choice's
  respondents counted as the index hands them over, no hash or sort of half a million
  rows); and responses by survey and moment (responses per day).

PostgreSQL (owner exempt, as in 0010 and 0013):

- ``survey_guard`` (BEFORE INSERT OR UPDATE ON survey): ``author``/``created_at`` are
  stamped on INSERT and never rewritten, ``updated_by``/``updated_at`` on every change.
- ``survey_question_guard`` / ``survey_option_guard`` (BEFORE INSERT OR UPDATE OR DELETE):
  once a survey has responses, its questions and options keep their meaning — no question
  or option added or removed, none moved, no kind, scale or "required" changed. A text may
  still be corrected (LKK Admin audits it). Refused with SQLSTATE ``LK006``.
- Editors read the few registry columns the results need (``RESULTS_READS``): who had
  access to which contract and when (the users active while a survey was open), and the
  contracts' price category and counterparties' organisation type (the split by kind of
  customer). Column grants: nothing else of those tables, no names, no INNs.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from lkk_admin.models.base import UtcDateTime

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ANSWERED = (
    "RAISE EXCEPTION 'Опрос «%» уже получил ответы: вопросы и варианты нельзя добавлять, '\n"
    "        'удалять, переставлять или менять их тип; можно только исправить текст. '\n"
    "        'Сделайте копию опроса и измените её.', title USING ERRCODE = 'LK006';"
)

SURVEY_RULES = """
CREATE FUNCTION survey_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.author := session_user;
        NEW.created_at := now();
    ELSE
        NEW.author := OLD.author;
        NEW.created_at := OLD.created_at;
    END IF;
    NEW.updated_by := session_user;
    NEW.updated_at := now();
    RETURN NEW;
END $$
"""

# The survey a question or option belongs to, and whether it has answers: a function of
# its own so that both guards read the same rule.
ANSWERED_FUNCTION = """
CREATE FUNCTION lkk_survey_answered(target integer) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT s.title FROM survey s
    WHERE s.id = target AND EXISTS (SELECT 1 FROM survey_response r WHERE r.survey_id = s.id)
$$
"""

QUESTION_RULES = f"""
CREATE FUNCTION survey_question_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
DECLARE
    title text;
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.survey_id = OLD.survey_id AND NEW.position = OLD.position
       AND NEW.kind = OLD.kind AND NEW.required = OLD.required
       AND NEW.rating_scale IS NOT DISTINCT FROM OLD.rating_scale THEN
        RETURN NEW;  -- a text corrected
    END IF;
    IF TG_OP <> 'INSERT' THEN
        title := lkk_survey_answered(OLD.survey_id);
        IF title IS NOT NULL THEN
            {_ANSWERED}
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        title := lkk_survey_answered(NEW.survey_id);
        IF title IS NOT NULL THEN
            {_ANSWERED}
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$
"""

OPTION_RULES = f"""
CREATE FUNCTION survey_option_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
DECLARE
    title text;
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.survey_question_id = OLD.survey_question_id
       AND NEW.position = OLD.position THEN
        RETURN NEW;  -- a text corrected
    END IF;
    IF TG_OP <> 'INSERT' THEN
        title := lkk_survey_answered(
            (SELECT q.survey_id FROM survey_question q WHERE q.id = OLD.survey_question_id));
        IF title IS NOT NULL THEN
            {_ANSWERED}
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        title := lkk_survey_answered(
            (SELECT q.survey_id FROM survey_question q WHERE q.id = NEW.survey_question_id));
        IF title IS NOT NULL THEN
            {_ANSWERED}
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$
"""

# The answers' indexes the results read (each partial: only the rows holding the column
# given): after the question, the keys, and the column.
RESULTS_INDEXES: dict[str, tuple[tuple[str, ...], str]] = {
    "ix_survey_answer_choices": (("survey_option_id", "survey_response_id"), "survey_option_id"),
    "ix_survey_answer_choice_response": (("survey_response_id",), "survey_option_id"),
    "ix_survey_answer_ratings": (("rating", "survey_response_id"), "rating"),
}

# The registry's columns an editor reads for a survey's results (services/survey_results.py).
RESULTS_READS: dict[str, tuple[str, ...]] = {
    "contract_access": ("portal_user_id", "contract_id", "granted_at", "revoked_at"),
    "contract": ("id", "counterparty_id", "price_category"),
    "counterparty": ("id", "org_type"),
}

EXEMPT = "NOT lkk_owner_session()"
# Not "…_rules": tests count 0010's triggers by that ending.
TRIGGERS: dict[str, tuple[str, str]] = {
    "survey_guard": (
        "survey",
        f"BEFORE INSERT OR UPDATE ON survey FOR EACH ROW WHEN ({EXEMPT}) "
        "EXECUTE FUNCTION survey_guard()",
    ),
    "survey_question_guard": (
        "survey_question",
        "BEFORE INSERT OR UPDATE OR DELETE ON survey_question FOR EACH ROW "
        f"WHEN ({EXEMPT}) EXECUTE FUNCTION survey_question_guard()",
    ),
    "survey_option_guard": (
        "survey_option",
        "BEFORE INSERT OR UPDATE OR DELETE ON survey_option FOR EACH ROW "
        f"WHEN ({EXEMPT}) EXECUTE FUNCTION survey_option_guard()",
    ),
}
FUNCTION_NAMES = (
    "survey_guard()",
    "survey_question_guard()",
    "survey_option_guard()",
    "lkk_survey_answered(integer)",
)


def _schema(bind: sa.Connection) -> str:
    name = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    return str(bind.execute(sa.text("SELECT quote_ident(:name)"), {"name": name}).scalar_one())


def upgrade() -> None:
    with op.batch_alter_table("survey_question") as batch:
        batch.add_column(sa.Column("rating_scale", sa.SmallInteger(), nullable=True))
    op.execute("UPDATE survey_question SET rating_scale = 5 WHERE kind = 'rating'")
    with op.batch_alter_table("survey_question") as batch:
        batch.create_check_constraint(
            "rating_scale",
            "(kind = 'rating' AND rating_scale IN (5, 10)) "
            "OR (kind <> 'rating' AND rating_scale IS NULL)",
        )
    op.add_column("survey", sa.Column("updated_by", sa.String(63), nullable=True))
    op.add_column("survey", sa.Column("updated_at", UtcDateTime(), nullable=True))
    for index, (keys, given) in RESULTS_INDEXES.items():
        op.create_index(
            index,
            "survey_answer",
            ["survey_question_id", *keys],
            postgresql_where=sa.text(f"{given} IS NOT NULL"),
            sqlite_where=sa.text(f"{given} IS NOT NULL"),
        )
    op.create_index(
        "ix_survey_response_survey_submitted", "survey_response", ["survey_id", "submitted_at"]
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _schema(bind)
    for statement in (SURVEY_RULES, ANSWERED_FUNCTION, QUESTION_RULES, OPTION_RULES):
        op.execute(statement.replace("{schema}", schema))
    for name, (_table, tail) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {tail}")
    for table, columns in RESULTS_READS.items():
        op.execute(f"GRANT SELECT ({', '.join(columns)}) ON {table} TO lkk_editor")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, _tail) in TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for signature in FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
        for table, columns in RESULTS_READS.items():
            op.execute(f"REVOKE SELECT ({', '.join(columns)}) ON {table} FROM lkk_editor")
    op.drop_index("ix_survey_response_survey_submitted", table_name="survey_response")
    for index in RESULTS_INDEXES:
        op.drop_index(index, table_name="survey_answer")
    op.drop_column("survey", "updated_at")
    op.drop_column("survey", "updated_by")
    with op.batch_alter_table("survey_question") as batch:
        batch.drop_constraint("rating_scale", type_="check")
        batch.drop_column("rating_scale")
