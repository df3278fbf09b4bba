"""Taking a test database's schema back to an older revision (the application only ever
upgrades: ``db.upgrade``)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from lkk_admin import db


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(db.MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
