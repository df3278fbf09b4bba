"""Alembic environment: migrations run on the connection ``lkk_admin.db.upgrade`` passes."""

from alembic import context

from lkk_admin.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the lkk_admin.db helpers drive us
    raise RuntimeError("run migrations through lkk_admin.db.upgrade(url)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: later migrations rebuild tables in batches.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
