"""The portal schema: registry, accounts and registration, content, audit, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 22:57:42.959571
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=63), nullable=False),
        sa.Column("action", sa.String(length=63), nullable=False),
        sa.Column("entity", sa.String(length=63), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column(
            "details", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index("ix_audit_event_occurred_at", ["occurred_at"], unique=False)

    op.create_table(
        "counterparty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inn", sa.String(length=12), nullable=False),
        sa.Column("kpp", sa.String(length=9), nullable=True),
        sa.Column("ogrn", sa.String(length=15), nullable=True),
        sa.Column("org_type", sa.String(length=20), nullable=False),
        sa.Column("full_name", sa.String(length=500), nullable=False),
        sa.Column("short_name", sa.String(length=250), nullable=False),
        sa.Column("legal_address", sa.String(length=500), nullable=True),
        sa.Column("postal_address", sa.String(length=500), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "org_type IN ('legal_entity', 'sole_proprietor')", name=op.f("ck_counterparty_org_type")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counterparty")),
    )
    with op.batch_alter_table("counterparty", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_counterparty_inn"), ["inn"], unique=False)
        batch_op.create_index("ix_counterparty_inn_kpp", ["inn", "kpp"], unique=False)

    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("to_name", sa.String(length=300), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("template", sa.String(length=63), nullable=False),
        sa.Column("entity", sa.String(length=63), nullable=True),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed', 'cancelled')",
            name=op.f("ck_mail_outbox_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.create_index("ix_mail_outbox_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index(
            "ix_mail_outbox_status_next", ["status", "next_attempt_at"], unique=False
        )

    op.create_table(
        "news_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unpublish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("author", sa.String(length=63), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('news', 'article')", name=op.f("ck_news_item_kind")),
        sa.CheckConstraint(
            "status IN ('draft', 'published', 'archived')", name=op.f("ck_news_item_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_item")),
    )
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.create_index("ix_news_item_status_publish", ["status", "publish_at"], unique=False)

    op.create_table(
        "portal_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("patronymic", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("email_confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('email_unconfirmed', 'pending', 'active', 'rejected', 'blocked')",
            name=op.f("ck_portal_user_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_user")),
    )
    with op.batch_alter_table("portal_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_user_status"), ["status"], unique=False)

    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("author", sa.String(length=63), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name=op.f("ck_survey_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
    )
    op.create_table(
        "tariff_component",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("price_category", sa.SmallInteger(), nullable=False),
        sa.Column("voltage_level", sa.String(length=3), nullable=False),
        sa.Column("component", sa.String(length=20), nullable=False),
        sa.Column("rate", sa.Numeric(precision=14, scale=5), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "component IN ('energy', 'capacity', 'transmission', 'infrastructure', 'sales_markup', 'final')",
            name=op.f("ck_tariff_component_component"),
        ),
        sa.CheckConstraint("unit IN ('RUB/MWh', 'RUB/MW')", name=op.f("ck_tariff_component_unit")),
        sa.CheckConstraint(
            "voltage_level IN ('ВН', 'СН1', 'СН2', 'НН')",
            name=op.f("ck_tariff_component_voltage_level"),
        ),
        sa.CheckConstraint(
            "price_category BETWEEN 1 AND 6", name=op.f("ck_tariff_component_price_category")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariff_component")),
        sa.UniqueConstraint(
            "period",
            "price_category",
            "voltage_level",
            "component",
            name=op.f("uq_tariff_component_period_price_category_voltage_level_component"),
        ),
    )
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("number_normalized", sa.String(length=40), nullable=False),
        sa.Column("counterparty_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("terminated_on", sa.Date(), nullable=True),
        sa.Column("price_category", sa.SmallInteger(), nullable=False),
        sa.Column("max_power_kw", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'suspended', 'terminated')", name=op.f("ck_contract_status")
        ),
        sa.CheckConstraint(
            "price_category BETWEEN 1 AND 6", name=op.f("ck_contract_price_category")
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"],
            ["counterparty.id"],
            name=op.f("fk_contract_counterparty_id_counterparty"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
        sa.UniqueConstraint("number", name=op.f("uq_contract_number")),
    )
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_counterparty_id"), ["counterparty_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contract_number_normalized"), ["number_normalized"], unique=False
        )

    op.create_table(
        "registration_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("portal_user_id", sa.Integer(), nullable=False),
        sa.Column("org_type", sa.String(length=20), nullable=False),
        sa.Column("inn", sa.String(length=32), nullable=False),
        sa.Column("kpp", sa.String(length=32), nullable=True),
        sa.Column("org_name", sa.String(length=500), nullable=False),
        sa.Column("existing_counterparty", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("email_confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("counterparty_id", sa.Integer(), nullable=True),
        sa.Column("claimed_by", sa.String(length=63), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=63), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "org_type IN ('legal_entity', 'sole_proprietor')",
            name=op.f("ck_registration_request_org_type"),
        ),
        sa.CheckConstraint(
            "status IN ('email_unconfirmed', 'pending', 'in_review', 'needs_info', 'approved', 'rejected', 'expired')",
            name=op.f("ck_registration_request_status"),
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"],
            ["counterparty.id"],
            name=op.f("fk_registration_request_counterparty_id_counterparty"),
        ),
        sa.ForeignKeyConstraint(
            ["portal_user_id"],
            ["portal_user.id"],
            name=op.f("fk_registration_request_portal_user_id_portal_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_request")),
    )
    with op.batch_alter_table("registration_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_registration_request_claim", ["claimed_by", "claim_expires_at"], unique=False
        )
        batch_op.create_index("ix_registration_request_inn_kpp", ["inn", "kpp"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_registration_request_portal_user_id"), ["portal_user_id"], unique=False
        )
        batch_op.create_index(
            "ix_registration_request_status_submitted",
            ["status", "submitted_at", "id"],
            unique=False,
        )

    op.create_table(
        "survey_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('single', 'multiple', 'text', 'rating')", name=op.f("ck_survey_question_kind")
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_survey_question_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_question")),
    )
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_question_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("portal_user_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["portal_user_id"],
            ["portal_user.id"],
            name=op.f("fk_survey_response_portal_user_id_portal_user"),
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_survey_response_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
        sa.UniqueConstraint(
            "survey_id", "portal_user_id", name=op.f("uq_survey_response_survey_id_portal_user_id")
        ),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_response_portal_user_id"), ["portal_user_id"], unique=False
        )

    op.create_table(
        "consumption_object",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_consumption_object_contract_id_contract"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consumption_object")),
    )
    with op.batch_alter_table("consumption_object", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consumption_object_contract_id"), ["contract_id"], unique=False
        )

    op.create_table(
        "contract_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("portal_user_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("registration_request_id", sa.Integer(), nullable=True),
        sa.Column("granted_by", sa.String(length=63), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_by", sa.String(length=63), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_contract_access_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(
            ["portal_user_id"],
            ["portal_user.id"],
            name=op.f("fk_contract_access_portal_user_id_portal_user"),
        ),
        sa.ForeignKeyConstraint(
            ["registration_request_id"],
            ["registration_request.id"],
            name=op.f("fk_contract_access_registration_request_id_registration_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_access")),
    )
    with op.batch_alter_table("contract_access", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_access_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            "ix_contract_access_user_contract", ["portal_user_id", "contract_id"], unique=False
        )
        batch_op.create_index(
            "uq_contract_access_live",
            ["portal_user_id", "contract_id"],
            unique=True,
            postgresql_where=sa.text("revoked_at IS NULL"),
            sqlite_where=sa.text("revoked_at IS NULL"),
        )

    op.create_table(
        "invoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("vat_amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.CheckConstraint("kind IN ('invoice', 'vat_invoice')", name=op.f("ck_invoice_kind")),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_invoice_contract_id_contract")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice")),
        sa.UniqueConstraint("kind", "number", name=op.f("uq_invoice_kind_number")),
    )
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.create_index("ix_invoice_contract_period", ["contract_id", "period"], unique=False)

    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("document_number", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=False),
        sa.Column("period", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_payment_contract_id_contract")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payment_contract_paid_on", ["contract_id", "paid_on"], unique=False
        )

    op.create_table(
        "registration_contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_request_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("number_as_typed", sa.String(length=100), nullable=False),
        sa.Column("number_normalized", sa.String(length=100), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=10), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('granted', 'refused')",
            name=op.f("ck_registration_contract_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_registration_contract_contract_id_contract"),
        ),
        sa.ForeignKeyConstraint(
            ["registration_request_id"],
            ["registration_request.id"],
            name=op.f("fk_registration_contract_registration_request_id_registration_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_contract")),
    )
    with op.batch_alter_table("registration_contract", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registration_contract_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_registration_contract_number_normalized"),
            ["number_normalized"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_registration_contract_registration_request_id"),
            ["registration_request_id"],
            unique=False,
        )

    op.create_table(
        "survey_option",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_question_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_option_survey_question_id_survey_question"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_option")),
    )
    with op.batch_alter_table("survey_option", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_option_survey_question_id"), ["survey_question_id"], unique=False
        )

    op.create_table(
        "metering_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consumption_object_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("voltage_level", sa.String(length=3), nullable=False),
        sa.Column("max_power_kw", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("tariff_zones", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint(
            "voltage_level IN ('ВН', 'СН1', 'СН2', 'НН')",
            name=op.f("ck_metering_point_voltage_level"),
        ),
        sa.CheckConstraint(
            "tariff_zones BETWEEN 1 AND 3", name=op.f("ck_metering_point_tariff_zones")
        ),
        sa.ForeignKeyConstraint(
            ["consumption_object_id"],
            ["consumption_object.id"],
            name=op.f("fk_metering_point_consumption_object_id_consumption_object"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metering_point")),
        sa.UniqueConstraint("code", name=op.f("uq_metering_point_code")),
    )
    with op.batch_alter_table("metering_point", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_metering_point_consumption_object_id"),
            ["consumption_object_id"],
            unique=False,
        )

    op.create_table(
        "survey_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_response_id", sa.Integer(), nullable=False),
        sa.Column("survey_question_id", sa.Integer(), nullable=False),
        sa.Column("survey_option_id", sa.Integer(), nullable=True),
        sa.Column("text_value", sa.Text(), nullable=True),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["survey_option_id"],
            ["survey_option.id"],
            name=op.f("fk_survey_answer_survey_option_id_survey_option"),
        ),
        sa.ForeignKeyConstraint(
            ["survey_question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_answer_survey_question_id_survey_question"),
        ),
        sa.ForeignKeyConstraint(
            ["survey_response_id"],
            ["survey_response.id"],
            name=op.f("fk_survey_answer_survey_response_id_survey_response"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
    )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_answer_survey_question_id"), ["survey_question_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_answer_survey_response_id"), ["survey_response_id"], unique=False
        )

    op.create_table(
        "charge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("metering_point_id", sa.Integer(), nullable=True),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=250), nullable=False),
        sa.Column("volume_kwh", sa.Numeric(precision=16, scale=3), nullable=False),
        sa.Column("price", sa.Numeric(precision=14, scale=5), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("vat_amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_charge_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(
            ["metering_point_id"],
            ["metering_point.id"],
            name=op.f("fk_charge_metering_point_id_metering_point"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charge")),
    )
    with op.batch_alter_table("charge", schema=None) as batch_op:
        batch_op.create_index("ix_charge_contract_period", ["contract_id", "period"], unique=False)

    op.create_table(
        "meter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metering_point_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("accuracy_class", sa.String(length=10), nullable=False),
        sa.Column("register_digits", sa.SmallInteger(), nullable=False),
        sa.Column("ct_ratio", sa.Integer(), nullable=False),
        sa.Column("vt_ratio", sa.Integer(), nullable=False),
        sa.Column("is_automated", sa.Boolean(), nullable=False),
        sa.Column("installed_on", sa.Date(), nullable=False),
        sa.Column("verified_on", sa.Date(), nullable=False),
        sa.Column("verification_interval_years", sa.SmallInteger(), nullable=False),
        sa.Column("next_verification_on", sa.Date(), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.CheckConstraint("ct_ratio >= 1 AND vt_ratio >= 1", name=op.f("ck_meter_ratios")),
        sa.CheckConstraint(
            "register_digits BETWEEN 4 AND 9", name=op.f("ck_meter_register_digits")
        ),
        sa.ForeignKeyConstraint(
            ["metering_point_id"],
            ["metering_point.id"],
            name=op.f("fk_meter_metering_point_id_metering_point"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter")),
    )
    with op.batch_alter_table("meter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meter_metering_point_id"), ["metering_point_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meter_serial"), ["serial"], unique=False)

    op.create_table(
        "meter_reading",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("value", sa.Numeric(precision=16, scale=3), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "source IN ('portal', 'askue', 'inspector', 'billing')",
            name=op.f("ck_meter_reading_source"),
        ),
        sa.ForeignKeyConstraint(
            ["meter_id"], ["meter.id"], name=op.f("fk_meter_reading_meter_id_meter")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_reading")),
        sa.UniqueConstraint("meter_id", "period", name=op.f("uq_meter_reading_meter_id_period")),
    )

    op.create_index(
        "uq_portal_user_login_lower", "portal_user", [sa.text("lower(login)")], unique=True
    )
    op.create_index(
        "uq_portal_user_email_lower", "portal_user", [sa.text("lower(email)")], unique=True
    )
    _protect_audit_log()


def _protect_audit_log() -> None:
    """Make ``audit_event`` append-only in the database itself, for every role."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in AUDIT_TRIGGERS_POSTGRESQL:
            op.execute(statement)
    else:
        for statement in AUDIT_TRIGGERS_SQLITE:
            op.execute(statement)


AUDIT_TRIGGERS_POSTGRESQL = [
    # The actor and the time are the database's: a client cannot claim to be someone else.
    """
    CREATE FUNCTION audit_event_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.actor := session_user;
        NEW.occurred_at := clock_timestamp();
        RETURN NEW;
    END $$
    """,
    """
    CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    """
    CREATE TRIGGER audit_event_stamp BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_stamp()
    """,
    """
    CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()
    """,
    # TRUNCATE fires no DELETE trigger.
    """
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()
    """,
]

AUDIT_TRIGGERS_SQLITE = [
    """
    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: DELETE refused'); END
    """,
]


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update_delete ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_stamp ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_refuse_change()")
        op.execute("DROP FUNCTION IF EXISTS audit_event_stamp()")
    op.drop_index("uq_portal_user_email_lower", table_name="portal_user")
    op.drop_index("uq_portal_user_login_lower", table_name="portal_user")
    op.drop_table("meter_reading")
    with op.batch_alter_table("meter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meter_serial"))
        batch_op.drop_index(batch_op.f("ix_meter_metering_point_id"))

    op.drop_table("meter")
    with op.batch_alter_table("charge", schema=None) as batch_op:
        batch_op.drop_index("ix_charge_contract_period")

    op.drop_table("charge")
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_answer_survey_response_id"))
        batch_op.drop_index(batch_op.f("ix_survey_answer_survey_question_id"))

    op.drop_table("survey_answer")
    with op.batch_alter_table("metering_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_metering_point_consumption_object_id"))

    op.drop_table("metering_point")
    with op.batch_alter_table("survey_option", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_option_survey_question_id"))

    op.drop_table("survey_option")
    with op.batch_alter_table("registration_contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registration_contract_registration_request_id"))
        batch_op.drop_index(batch_op.f("ix_registration_contract_number_normalized"))
        batch_op.drop_index(batch_op.f("ix_registration_contract_contract_id"))

    op.drop_table("registration_contract")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_contract_paid_on")

    op.drop_table("payment")
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_index("ix_invoice_contract_period")

    op.drop_table("invoice")
    with op.batch_alter_table("contract_access", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_contract_access_live",
            postgresql_where=sa.text("revoked_at IS NULL"),
            sqlite_where=sa.text("revoked_at IS NULL"),
        )
        batch_op.drop_index("ix_contract_access_user_contract")
        batch_op.drop_index(batch_op.f("ix_contract_access_contract_id"))

    op.drop_table("contract_access")
    with op.batch_alter_table("consumption_object", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consumption_object_contract_id"))

    op.drop_table("consumption_object")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_portal_user_id"))

    op.drop_table("survey_response")
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_question_survey_id"))

    op.drop_table("survey_question")
    with op.batch_alter_table("registration_request", schema=None) as batch_op:
        batch_op.drop_index("ix_registration_request_status_submitted")
        batch_op.drop_index(batch_op.f("ix_registration_request_portal_user_id"))
        batch_op.drop_index("ix_registration_request_inn_kpp")
        batch_op.drop_index("ix_registration_request_claim")

    op.drop_table("registration_request")
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_number_normalized"))
        batch_op.drop_index(batch_op.f("ix_contract_counterparty_id"))

    op.drop_table("contract")
    op.drop_table("tariff_component")
    op.drop_table("survey")
    with op.batch_alter_table("portal_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_user_status"))

    op.drop_table("portal_user")
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.drop_index("ix_news_item_status_publish")

    op.drop_table("news_item")
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_outbox_status_next")
        batch_op.drop_index("ix_mail_outbox_entity")

    op.drop_table("mail_outbox")
    with op.batch_alter_table("counterparty", schema=None) as batch_op:
        batch_op.drop_index("ix_counterparty_inn_kpp")
        batch_op.drop_index(batch_op.f("ix_counterparty_inn"))

    op.drop_table("counterparty")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_occurred_at")
        batch_op.drop_index("ix_audit_event_entity")

    op.drop_table("audit_event")
