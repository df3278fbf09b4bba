"""The migrations build the whole schema, are safe to run twice, and guard the audit log."""

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from lkk_admin import db
from lkk_admin.models import Base

DESIGN_TABLES = {
    "counterparty", "contract", "consumption_object", "metering_point", "meter",
    "meter_reading", "charge", "payment", "invoice", "tariff_component", "portal_user",
    "registration_request", "registration_contract", "contract_access", "news_item",
    "survey", "survey_question", "survey_option", "survey_response", "survey_answer",
    "audit_event", "mail_outbox",
}  # fmt: skip
# Ours beyond the design's outline: the organisation's shared settings (0007), the saved
# texts of news items (0013).
APPLICATION_TABLES = {"organisation_setting", "news_revision"}


def test_migrated_database_has_every_table_of_the_design(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert tables >= DESIGN_TABLES | APPLICATION_TABLES
    assert set(Base.metadata.tables) == DESIGN_TABLES | APPLICATION_TABLES


def test_upgrade_twice_changes_nothing(db_url: str, engine: Engine) -> None:
    db.upgrade(db_url)
    db.upgrade(db_url)
    assert db.current_revision(engine) == db.head_revision()


def test_migrated_columns_match_the_models(engine: Engine) -> None:
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        database_columns = {column["name"] for column in inspector.get_columns(table.name)}
        assert database_columns == set(table.columns.keys()), table.name


def test_lookup_indexes_exist(engine: Engine) -> None:
    inspector = inspect(engine)
    contract_indexes = {tuple(index["column_names"]) for index in inspector.get_indexes("contract")}
    assert ("number_normalized",) in contract_indexes
    assert (
        any(u["column_names"] == ["number"] for u in inspector.get_unique_constraints("contract"))
        or ("number",) in contract_indexes
    )
    counterparty_indexes = {
        tuple(index["column_names"]) for index in inspector.get_indexes("counterparty")
    }
    assert ("inn", "kpp") in counterparty_indexes
    request_indexes = {
        tuple(index["column_names"]) for index in inspector.get_indexes("registration_request")
    }
    assert ("status", "submitted_at", "id") in request_indexes


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_event SET action = 'forged'", "DELETE FROM audit_event"],
)
def test_audit_log_refuses_update_and_delete(engine: Engine, statement: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_event (occurred_at, actor, action, entity, details) "
                "VALUES (CURRENT_TIMESTAMP, 'someone', 'approve', 'registration_request', '{}')"
            )
        )
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT action FROM audit_event")).scalar_one() == "approve"


def test_audit_log_refuses_truncate_even_for_its_owner(pg_url: str) -> None:
    engine = db.make_engine(pg_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_event (actor, action, entity, details) "
                    "VALUES ('x', 'approve', 'registration_request', '{}')"
                )
            )
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            # The test connects as the superuser that owns the table.
            connection.execute(text("TRUNCATE audit_event"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM audit_event")).scalar_one() == 1
    finally:
        engine.dispose()


def test_database_records_the_audit_actor_not_the_client(pg_url: str) -> None:
    engine = db.make_engine(pg_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_event (actor, action, entity, details) "
                    "VALUES ('someone_else', 'approve', 'registration_request', '{}')"
                )
            )
            session_user = connection.execute(text("SELECT session_user")).scalar_one()
        with engine.connect() as connection:
            actor = connection.execute(text("SELECT actor FROM audit_event")).scalar_one()
        assert actor == session_user != "someone_else"
    finally:
        engine.dispose()


def test_prefix_search_indexes_use_the_pattern_operator_class(pg_engine: Engine) -> None:
    # LIKE 'prefix%' can use a plain b-tree only under the "C" collation.
    with pg_engine.connect() as connection:
        definitions = connection.execute(
            text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%_prefix'")
        ).all()
    assert {name for name, _ in definitions} == {
        "ix_registration_contract_number_prefix",
        "ix_registration_request_inn_prefix",
        "ix_registration_request_kpp_prefix",
    }
    assert all("varchar_pattern_ops" in definition for _, definition in definitions)
