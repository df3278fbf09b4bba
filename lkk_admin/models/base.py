"""Declarative base, naming convention and column types shared by all models."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, MetaData, Numeric, Table, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names make migrations reproducible on both PostgreSQL and SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite keeps no time zone; without this the same code would see aware datetimes on
    PostgreSQL and naive ones on SQLite, and comparing them raises.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def Money() -> Numeric[Decimal]:  # noqa: N802 - reads as a column type
    """Roubles and kopecks, exact."""
    return Numeric(14, 2, asdecimal=True)


def Quantity() -> Numeric[Decimal]:  # noqa: N802
    """Meter register values and volumes (kWh), to three decimals."""
    return Numeric(16, 3, asdecimal=True)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def __repr__(self) -> str:
        ident: Any = getattr(self, "id", None)
        return f"<{type(self).__name__} id={ident}>"


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements on hot paths (no ORM objects to build)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
