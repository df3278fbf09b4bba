"""A small generated demo world shared by the report tests (read only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.services import demo_data


@dataclass(frozen=True)
class DemoWorld:
    url: str
    factory: sessionmaker[Session]


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoWorld]:
    """Scale 0.02 in SQLite: 36 months of readings, charges and tariffs; do not write."""
    url = db.sqlite_url(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    demo_data.generate(url, 0.02, seed=demo_data.DEFAULT_SEED)
    engine = db.make_engine(url)
    yield DemoWorld(url, db.session_factory(engine))
    engine.dispose()
