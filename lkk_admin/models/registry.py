"""The supplier's counterparty registry, owned by billing, read-only for verifiers."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lkk_admin.models.base import Base, Money, Quantity, UtcDateTime, utcnow

ORG_TYPES = ("legal_entity", "sole_proprietor")
CONTRACT_STATUSES = ("active", "suspended", "terminated")
VOLTAGE_LEVELS = ("ВН", "СН1", "СН2", "НН")
READING_SOURCES = ("portal", "askue", "inspector", "billing")
INVOICE_KINDS = ("invoice", "vat_invoice")
TARIFF_COMPONENTS = (
    "energy",
    "capacity",
    "transmission",
    "infrastructure",
    "sales_markup",
    "final",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


class Counterparty(Base):
    __tablename__ = "counterparty"
    __table_args__ = (
        CheckConstraint(_one_of("org_type", ORG_TYPES), name="org_type"),
        Index("ix_counterparty_inn_kpp", "inn", "kpp"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inn: Mapped[str] = mapped_column(String(12), index=True)
    kpp: Mapped[str | None] = mapped_column(String(9))
    ogrn: Mapped[str | None] = mapped_column(String(15))
    org_type: Mapped[str] = mapped_column(String(20))
    full_name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str] = mapped_column(String(250))
    legal_address: Mapped[str | None] = mapped_column(String(500))
    postal_address: Mapped[str | None] = mapped_column(String(500))
    # Contact phone from the contract card: verifiers call back on this, not on the typed one.
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    contracts: Mapped[list["Contract"]] = relationship(back_populates="counterparty")


class Contract(Base):
    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint(_one_of("status", CONTRACT_STATUSES), name="status"),
        CheckConstraint("price_category BETWEEN 1 AND 6", name="price_category"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    # Number after trimming, case folding, dash and look-alike letter folding: what a
    # typed number is matched against (see services.contract_numbers).
    number_normalized: Mapped[str] = mapped_column(String(40), index=True)
    counterparty_id: Mapped[int] = mapped_column(ForeignKey("counterparty.id"), index=True)
    signed_on: Mapped[date] = mapped_column(Date)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    terminated_on: Mapped[date | None] = mapped_column(Date)
    price_category: Mapped[int] = mapped_column(SmallInteger)
    max_power_kw: Mapped[Decimal] = mapped_column(Numeric(12, 2))

    counterparty: Mapped[Counterparty] = relationship(back_populates="contracts")
    objects: Mapped[list["ConsumptionObject"]] = relationship(back_populates="contract")


class ConsumptionObject(Base):
    __tablename__ = "consumption_object"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    name: Mapped[str] = mapped_column(String(250))
    address: Mapped[str] = mapped_column(String(500))

    contract: Mapped[Contract] = relationship(back_populates="objects")
    points: Mapped[list["MeteringPoint"]] = relationship(back_populates="consumption_object")


class MeteringPoint(Base):
    __tablename__ = "metering_point"
    __table_args__ = (
        CheckConstraint(_one_of("voltage_level", VOLTAGE_LEVELS), name="voltage_level"),
        CheckConstraint("tariff_zones BETWEEN 1 AND 3", name="tariff_zones"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consumption_object_id: Mapped[int] = mapped_column(
        ForeignKey("consumption_object.id"), index=True
    )
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(250))
    voltage_level: Mapped[str] = mapped_column(String(3))
    max_power_kw: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    tariff_zones: Mapped[int] = mapped_column(SmallInteger, default=1)

    consumption_object: Mapped[ConsumptionObject] = relationship(back_populates="points")
    meters: Mapped[list["Meter"]] = relationship(back_populates="metering_point")


class Meter(Base):
    __tablename__ = "meter"
    __table_args__ = (
        CheckConstraint("register_digits BETWEEN 4 AND 9", name="register_digits"),
        CheckConstraint("ct_ratio >= 1 AND vt_ratio >= 1", name="ratios"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    metering_point_id: Mapped[int] = mapped_column(ForeignKey("metering_point.id"), index=True)
    serial: Mapped[str] = mapped_column(String(40), index=True)
    model: Mapped[str] = mapped_column(String(100))
    accuracy_class: Mapped[str] = mapped_column(String(10))
    register_digits: Mapped[int] = mapped_column(SmallInteger)
    # Current and voltage transformer ratios; the billing multiplier is their product.
    ct_ratio: Mapped[int] = mapped_column(Integer, default=1)
    vt_ratio: Mapped[int] = mapped_column(Integer, default=1)
    is_automated: Mapped[bool] = mapped_column(Boolean, default=False)
    installed_on: Mapped[date] = mapped_column(Date)
    verified_on: Mapped[date] = mapped_column(Date)
    verification_interval_years: Mapped[int] = mapped_column(SmallInteger)
    next_verification_on: Mapped[date] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date)

    metering_point: Mapped[MeteringPoint] = relationship(back_populates="meters")

    @property
    def multiplier(self) -> int:
        return self.ct_ratio * self.vt_ratio


class MeterReading(Base):
    __tablename__ = "meter_reading"
    __table_args__ = (
        UniqueConstraint("meter_id", "period"),
        CheckConstraint(_one_of("source", READING_SOURCES), name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"))
    # Readings are taken as of 00:00 on the 1st: the period is that first day.
    period: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Quantity())
    source: Mapped[str] = mapped_column(String(20))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    submitted_by: Mapped[str | None] = mapped_column(String(100))


class Charge(Base):
    """Начисление: one line of a month's bill for a contract."""

    __tablename__ = "charge"
    __table_args__ = (Index("ix_charge_contract_period", "contract_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"))
    metering_point_id: Mapped[int | None] = mapped_column(ForeignKey("metering_point.id"))
    period: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(250))
    volume_kwh: Mapped[Decimal] = mapped_column(Quantity())
    price: Mapped[Decimal] = mapped_column(Numeric(14, 5))
    amount: Mapped[Decimal] = mapped_column(Money())
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    vat_amount: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())


class Payment(Base):
    __tablename__ = "payment"
    __table_args__ = (Index("ix_payment_contract_paid_on", "contract_id", "paid_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"))
    paid_on: Mapped[date] = mapped_column(Date)
    document_number: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(Money())
    purpose: Mapped[str] = mapped_column(String(500))
    # The month the payment was meant for (advance or final settlement), if stated.
    period: Mapped[date | None] = mapped_column(Date)


class Invoice(Base):
    """Счёт (``invoice``) or счёт-фактура (``vat_invoice``); the VAT rate is the document's."""

    __tablename__ = "invoice"
    __table_args__ = (
        UniqueConstraint("kind", "number"),
        CheckConstraint(_one_of("kind", INVOICE_KINDS), name="kind"),
        Index("ix_invoice_contract_period", "contract_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"))
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    period: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    vat_amount: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())


class TariffComponent(Base):
    __tablename__ = "tariff_component"
    __table_args__ = (
        UniqueConstraint("period", "price_category", "voltage_level", "component"),
        CheckConstraint("price_category BETWEEN 1 AND 6", name="price_category"),
        CheckConstraint(_one_of("voltage_level", VOLTAGE_LEVELS), name="voltage_level"),
        CheckConstraint(_one_of("component", TARIFF_COMPONENTS), name="component"),
        CheckConstraint("unit IN ('RUB/MWh', 'RUB/MW')", name="unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[date] = mapped_column(Date)
    price_category: Mapped[int] = mapped_column(SmallInteger)
    voltage_level: Mapped[str] = mapped_column(String(3))
    component: Mapped[str] = mapped_column(String(20))
    rate: Mapped[Decimal] = mapped_column(Numeric(14, 5))
    unit: Mapped[str] = mapped_column(String(10))
    published_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
