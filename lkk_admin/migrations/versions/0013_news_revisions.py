"""News: every saved text kept as a revision; who changed an item last.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 04:00:00

``news_revision`` keeps each saved text of a news item (title, kind, summary, body,
pinned) with who saved it and when, for comparing versions and restoring one as a new
draft; revisions are never changed or deleted. ``news_item.updated_by`` is the list's
"last change".

PostgreSQL: editors (and administrators, members of the group) read and add revisions,
never update or delete them; news items are archived, not deleted (DELETE taken back
from editors). Verifiers have no access to news at all (0006).

The portal renders ``body_html`` as is, so the database keeps a last line of defence
against a staff member who writes news with an SQL client instead of LKK Admin (the
tables' owner is exempt, as in 0010). nh3 cannot run in the database; but what the
application's sanitiser stores has a narrow, known shape (``services/news_html.py``): a
``<`` only ever opens one of the allowed tags, written exactly so — ``<p>``, ``</p>``,
``<br>``, ``<a href="https://…" target="_blank" rel="noopener noreferrer">`` and the like,
with no other attribute and a link's address starting ``http://``, ``https://`` or
``mailto:`` (text and attribute values carry ``&lt;``). ``lkk_sanitised_html`` checks that
shape with one regular expression — an allow-list of tag shapes rather than a list of
bad families, which a quote (``<p title=">" onclick=…>``), an entity or a case trick
would slip past. Everything a sanitiser removes is refused by it: script, style, iframe,
object, embed, form, svg and math tags, ``on…=`` handlers, ``style=``, ``javascript:``,
``vbscript:`` and ``data:`` addresses in any spelling, comments.

- ``news_item_guard`` (BEFORE INSERT OR UPDATE): a body that fails the check is refused
  (SQLSTATE ``LK005``); who and when are the database's — ``updated_by`` is
  ``session_user`` and ``updated_at`` the transaction's ``now()`` on every change, the
  author and creation time are stamped on INSERT and never rewritten.
- ``news_revision_guard`` (BEFORE INSERT): the same check of the body (``LK005``);
  ``saved_by``/``saved_at`` stamped likewise.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from lkk_admin.models.base import UtcDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# What services/news_html.py stores, tag by tag (see above). Plain groups only: "(?:"
# would read as a bind parameter to the SQL text. Case-sensitive: the sanitiser writes
# tags in lower case.
SANITISED_TAG_SHAPES = (
    "<(?!("
    "/?(p|h2|h3|strong|em|ul|ol|li|blockquote|table|thead|tbody|tr|th|td|a)>"
    "|br>"
    '|a( (href="(https?://|mailto:)[^"<>]*"|target="_blank"|rel="noopener noreferrer"))+>'
    "))"
)

SANITISED_FUNCTION = f"""
CREATE FUNCTION lkk_sanitised_html(body text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT body IS NULL OR body !~ '{SANITISED_TAG_SHAPES}'
$$
"""

_REFUSED = (
    "RAISE EXCEPTION 'Текст «%» не сохранён: в нём есть разметка, которую портал не '\n"
    "        'публикует (скрипты, обработчики событий, стили, фреймы, формы, SVG или MathML, '\n"
    "        'комментарии, ссылки не http, https или mailto). Пишите новости в LKK Admin: он '\n"
    "        'очищает текст перед записью.', NEW.title USING ERRCODE = 'LK005';"
)

ITEM_RULES = f"""
CREATE FUNCTION news_item_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
BEGIN
    IF NOT lkk_sanitised_html(NEW.body_html) THEN
        {_REFUSED}
    END IF;
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

REVISION_RULES = f"""
CREATE FUNCTION news_revision_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
BEGIN
    IF NOT lkk_sanitised_html(NEW.body_html) THEN
        {_REFUSED}
    END IF;
    NEW.saved_by := session_user;
    NEW.saved_at := now();
    RETURN NEW;
END $$
"""

EXEMPT = "NOT lkk_owner_session()"
# Not "…_rules": tests count 0010's triggers by that ending.
TRIGGERS: dict[str, tuple[str, str]] = {
    "news_item_guard": (
        "news_item",
        f"BEFORE INSERT OR UPDATE ON news_item FOR EACH ROW WHEN ({EXEMPT}) "
        "EXECUTE FUNCTION news_item_guard()",
    ),
    "news_revision_guard": (
        "news_revision",
        f"BEFORE INSERT ON news_revision FOR EACH ROW WHEN ({EXEMPT}) "
        "EXECUTE FUNCTION news_revision_guard()",
    ),
}
FUNCTION_NAMES = ("news_revision_guard()", "news_item_guard()", "lkk_sanitised_html(text)")


def _schema(bind: sa.Connection) -> str:
    name = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    return str(bind.execute(sa.text("SELECT quote_ident(:name)"), {"name": name}).scalar_one())


def upgrade() -> None:
    op.add_column("news_item", sa.Column("updated_by", sa.String(63), nullable=True))
    op.create_table(
        "news_revision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("news_item_id", sa.Integer(), sa.ForeignKey("news_item.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("saved_by", sa.String(63), nullable=False),
        sa.Column("saved_at", UtcDateTime(), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.UniqueConstraint("news_item_id", "version", name="uq_news_revision_item_version"),
    )
    op.create_index("ix_news_revision_news_item_id", "news_revision", ["news_item_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("GRANT SELECT, INSERT ON news_revision TO lkk_editor")
    op.execute("GRANT USAGE ON SEQUENCE news_revision_id_seq TO lkk_editor")
    op.execute("REVOKE DELETE ON news_item FROM lkk_editor")
    schema = _schema(op.get_bind())
    for statement in (SANITISED_FUNCTION, ITEM_RULES, REVISION_RULES):
        op.execute(statement.replace("{schema}", schema))
    for name, (_table, tail) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {tail}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, _tail) in TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for signature in FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
        op.execute("GRANT DELETE ON news_item TO lkk_editor")
    op.drop_index("ix_news_revision_news_item_id", table_name="news_revision")
    op.drop_table("news_revision")
    op.drop_column("news_item", "updated_by")
