"""A small generated demo world shared by the report tests (read only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.services import demo_data


@dataclass(frozen=True)
class DemoWorld:
    url: str
    factory: sessionmaker[Session]

    def largest_contract(self) -> tuple[str, int]:
        """The number and id of the contract with the most charge lines."""
        with self.factory() as session:
            number, contract_id = session.execute(
                text(
                    "SELECT c.number, c.id FROM contract c "
                    "JOIN charge ch ON ch.contract_id = c.id "
                    "GROUP BY c.number, c.id ORDER BY count(*) DESC, c.id LIMIT 1"
                )
            ).one()
        return str(number), int(contract_id)


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoWorld]:
    """Scale 0.02 in SQLite: 36 months of readings, charges and tariffs; do not write."""
    url = db.sqlite_url(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    demo_data.generate(url, 0.02, seed=demo_data.DEFAULT_SEED, today=demo_data.TODAY)
    engine = db.make_engine(url)
    yield DemoWorld(url, db.session_factory(engine))
    engine.dispose()
