"""Engines and sessions: reads hold no transaction, idle connections are checked."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, Select, create_engine, literal_column, select, text

from lkk_admin import db


def test_constants_are_written_into_the_sql_not_bound() -> None:
    statement: Select[Any] = select(literal_column("1")).where(
        db.constant("pending") == db.constant("")
    )
    compiled = statement.compile(dialect=create_engine("postgresql+psycopg://").dialect)
    assert "'pending' = ''" in str(compiled)
    assert compiled.params == {}


@pytest.mark.parametrize("unsafe", ["O'Brien", "back\\slash"])
def test_constant_refuses_what_would_need_quoting(unsafe: str) -> None:
    with pytest.raises(ValueError):
        db.constant(unsafe)


XID = text("SELECT pg_current_xact_id()")  # the current transaction's id (assigns one)


def test_read_sessions_leave_no_transaction_open(pg_engine: Engine) -> None:
    with db.read_session_factory(pg_engine)() as session:
        session.execute(text("SELECT count(*) FROM registration_request")).scalar_one()
        # Each statement is its own transaction (no BEGIN was sent): two ids.
        first, second = session.execute(XID).scalar(), session.execute(XID).scalar()
    assert first != second


def test_transactional_sessions_still_wrap_their_statements(pg_engine: Engine) -> None:
    with db.session_factory(pg_engine).begin() as session:
        session.execute(text("SELECT 1"))
        assert session.execute(XID).scalar() == session.execute(XID).scalar()


def test_a_connection_dropped_while_idle_is_replaced_before_use(
    pg_engine: Engine, postgres_admin_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory = db.session_factory(pg_engine)
    with factory() as session:
        first = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    admin = db.make_engine(postgres_admin_url)
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    finally:
        admin.dispose()
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
    with factory() as session:
        second = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    assert second != first
