"""News: the search key of every item, kept by the database and indexed (PostgreSQL).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 06:00:00

The «Новости» search finds words in the title, the summary and the body's text (its tags
stripped, its entities read back), any case, ё as е. Stripping the tags of every body at
every keystroke took a second for ten years of news (``benchmarks/news_search_speed.py``);
so on PostgreSQL the key is computed once per write and kept:

- ``news_item_search`` (``news_item_id``, ``search_text``): one row per item, written only
  by the trigger below, read by the search through a trigram (pg_trgm) GIN index. It is
  the database's own derived data, beside the ORM's tables rather than a column of
  ``news_item``, so the models, the writers and the demo need not know it exists.
- ``news_item_search_key`` (AFTER INSERT OR UPDATE OF title, summary, body_html OR DELETE
  ON news_item, for everyone, the owner included): the key of the new text, computed by
  ``services.news_browser.search.search_key`` (imported here, so that the two cannot drift
  apart); a deleted item's key goes with it (the trigger keeps the pair, so the table has
  no foreign key of its own). The function is the owner's (SECURITY DEFINER): editors read
  the table, never write it.

The index is built without a pending list (``fastupdate = off``): news are written a few
times a day, and a list of entries not yet merged made the planner scan every key instead
(40 ms where the index takes 0.5). The extension is checked and created as 0008 does.

SQLite: nothing (the small demo computes the key as it reads).
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from lkk_admin.services.news_browser.search import (
    SEARCH_COLUMN,
    SEARCH_ITEM_COLUMN,
    SEARCH_TABLE,
    search_key,
)

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Not "…_trgm", "…_pattern" or "…_prefix": tests count 0004's and 0008's by those endings.
SEARCH_INDEX = "ix_news_item_search_trigram"
TRIGGER = "news_item_search_key"

KEEP_KEY = """
CREATE FUNCTION news_item_search_key() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM news_item_search WHERE news_item_id = OLD.id;
        RETURN NULL;
    END IF;
    INSERT INTO news_item_search (news_item_id, search_text)
    VALUES (NEW.id, {key})
    ON CONFLICT (news_item_id) DO UPDATE SET search_text = EXCLUDED.search_text;
    RETURN NULL;
END $$
"""


def _key_sql(bind: sa.Connection, row: str) -> str:
    """The key's expression over ``row``'s columns (``NEW`` in the trigger)."""
    title, summary, body = (
        sa.literal_column(f"{row}.{name}", sa.Text) for name in ("title", "summary", "body_html")
    )
    return str(search_key(title, summary, body).compile(dialect=bind.dialect))


def _schema(bind: sa.Connection) -> str:
    name = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    return str(bind.execute(sa.text("SELECT quote_ident(:name)"), {"name": name}).scalar_one())


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    registry_search = importlib.import_module("lkk_admin.migrations.versions.0008_registry_search")
    registry_search._create_trigram_extension(bind)
    op.create_table(
        SEARCH_TABLE,
        sa.Column(SEARCH_ITEM_COLUMN, sa.Integer(), primary_key=True),
        sa.Column(SEARCH_COLUMN, sa.Text(), nullable=False),
    )
    op.execute(
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_ITEM_COLUMN}, {SEARCH_COLUMN}) "
        f"SELECT id, {_key_sql(bind, 'news_item')} FROM news_item"
    )
    op.execute(
        f"CREATE INDEX {SEARCH_INDEX} ON {SEARCH_TABLE} USING gin ({SEARCH_COLUMN} gin_trgm_ops) "
        "WITH (fastupdate = off)"
    )
    op.execute(KEEP_KEY.format(schema=_schema(bind), key=_key_sql(bind, "NEW")))
    op.execute(
        f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OF title, summary, body_html "
        "OR DELETE ON news_item FOR EACH ROW EXECUTE FUNCTION news_item_search_key()"
    )
    op.execute(f"GRANT SELECT ON {SEARCH_TABLE} TO lkk_editor")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP TRIGGER {TRIGGER} ON news_item")
    op.execute("DROP FUNCTION news_item_search_key()")
    op.drop_table(SEARCH_TABLE)
