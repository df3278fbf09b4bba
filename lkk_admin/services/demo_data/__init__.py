"""A deterministic, realistic demo world for LKK Admin: registry, billing, portal, content.

``generate(url, scale)`` migrates the database and fills it in one transaction: the same
seed and scale always give the same data, dated relative to the day the demo is created
(planned on the fixed reference day ``TODAY``, then moved: see ``common.DemoClock``), and a
cancelled or failed run leaves the database as it was. Scale 1 is
about 20,000 counterparties, 50,000 contracts and 9,000 registration requests; every
count scales linearly, with minimums so that even scale 0.01 has every case.

Billing history is complete for a share of the contracts only (see ``billing``), and
all registration requests go through the portal's intake (see ``requests``).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, func, select, text
from sqlalchemy.orm import Session

from lkk_admin import db
from lkk_admin.models import Base, Counterparty
from lkk_admin.services import supplier_settings
from lkk_admin.services.demo_data import billing, content, registry, requests
from lkk_admin.services.demo_data.bulk import BulkWriter
from lkk_admin.services.demo_data.common import (
    TODAY,
    DemoClock,
    DemoDataCancelled,
    Reporter,
    scaled,
    stream,
)
from lkk_admin.services.demo_data.requests import CRAFTED_CASES, DEMO_PASSWORD
from lkk_admin.services.errors import DomainError
from lkk_admin.services.reports.document import Supplier

__all__ = [
    "CRAFTED_CASES",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "TODAY",
    "DemoClock",
    "DemoDataCancelled",
    "DemoSummary",
    "crafted_requests",
    "generate",
]

DEFAULT_SEED = 20261127
MAX_SCALE = 20.0
# Below this many counterparties the rare cases would crowd out the ordinary ones.
MIN_COUNTERPARTIES = 150
# Serialises concurrent generators on one PostgreSQL database (an arbitrary constant).
_ADVISORY_LOCK = 7_712_026

# Russian labels of the tables, in the order the summary lists them.
TABLE_LABELS: dict[str, str] = {
    "counterparty": "контрагенты",
    "contract": "договоры",
    "consumption_object": "объекты потребления",
    "metering_point": "точки учёта",
    "meter": "приборы учёта",
    "meter_reading": "показания приборов учёта",
    "tariff_component": "составляющие тарифа",
    "charge": "начисления",
    "invoice": "счета и счета-фактуры",
    "payment": "платежи",
    "portal_user": "пользователи портала",
    "registration_request": "заявки на регистрацию",
    "registration_contract": "договоры в заявках",
    "contract_access": "доступы к договорам",
    "news_item": "новости и статьи",
    "news_revision": "версии новостей и статей",
    "survey": "опросы",
    "survey_question": "вопросы опросов",
    "survey_option": "варианты ответов",
    "survey_response": "ответы на опросы",
    "survey_answer": "ответы на вопросы",
    "audit_event": "записи журнала аудита",
    "mail_outbox": "письма в очереди отправки",
    "organisation_setting": "настройки организации",
}


@dataclass(frozen=True)
class DemoSummary:
    """Row counts per table after the load, and how long it took."""

    counts: dict[str, int]
    seconds: float

    def describe(self) -> str:
        width = max(len(label) for label in TABLE_LABELS.values())
        lines = [f"Демонстрационные данные созданы за {self.seconds:.1f} с.".replace(".", ",", 1)]
        for table, label in TABLE_LABELS.items():
            if table in self.counts:
                lines.append(
                    f"  {label:<{width}}  {self.counts[table]:>10,}".replace(",", "\u00a0")
                )
        lines.append(f"Пароль всех демонстрационных пользователей портала: {DEMO_PASSWORD}")
        return "\n".join(lines)


def _sizes(scale: float) -> tuple[int, int]:
    """How many counterparties and contracts."""
    counterparties = scaled(20_000, scale, MIN_COUNTERPARTIES)
    return counterparties, max(scaled(50_000, scale, 0), round(counterparties * 2.5))


def _build_registry(
    seed: int, scale: float, advance: Callable[[int], None] | None = None
) -> registry.Registry:
    """The registry in memory, ids from 1: with no counterparty in the database every
    table below it is empty too (foreign keys chain them all to it)."""
    counterparties, contracts = _sizes(scale)
    world = registry.build_counterparties(stream(seed, "counterparties"), counterparties, 1)
    registry.build_contracts(stream(seed, "contracts"), world, contracts, (1, 1, 1, 1), advance)
    return world


def _prepare(
    seed: int, scale: float, reporter: Reporter
) -> tuple[registry.Registry, requests.RequestsPlan]:
    stage = reporter.stage("Подготовка: реестр и заявки", _sizes(scale)[1])
    # A million small objects that live until the end: the cyclic collector would walk them
    # again and again (about a fifth of this stage) and can find no cycles among them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        world = _build_registry(seed, scale, stage.advance)
        plan = requests.plan_requests(seed, world, scale)
    finally:
        if collecting:
            gc.enable()
    stage.finish()
    return world, plan


def crafted_requests(scale: float = 1.0, *, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """Login of the request made for each of ``CRAFTED_CASES`` by ``generate(…, scale, seed)``.

    For tests of the checks: the case is stored nowhere in the database. Recomputed in
    memory (no database needed); logins depend neither on ids nor on the creation day.
    """
    world = _build_registry(seed, scale)
    return requests.plan_requests(seed, world, scale).crafted()


def _refuse_unless_empty(connection: Connection, *, lock: bool = True) -> None:
    if lock and connection.dialect.name == "postgresql":
        locked = connection.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK}
        ).scalar_one()
        if not locked:
            raise DomainError(
                "Демонстрационные данные уже создаются в этой базе другим процессом.",
                code="DEMO_BUSY",
            )
    if connection.execute(select(Counterparty.id).limit(1)).first() is not None:
        raise DomainError(
            "В базе данных уже есть данные (контрагенты). Демонстрационные данные можно "
            "создать только в пустой базе: укажите новую базу данных.",
            code="NOT_EMPTY",
        )


def _count_rows(connection: Connection) -> dict[str, int]:
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in Base.metadata.sorted_tables
    }


def generate(
    url: str,
    scale: float = 1.0,
    *,
    seed: int = DEFAULT_SEED,
    today: date | datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Migrate the database at ``url`` and fill it with demo data; it must hold no data.

    ``today``: when the demo is created (None: now; a day: midday Moscow time of it), so
    that its waiting requests are young and its history ends there. Demos created at
    different times differ only by the shift ``DemoClock`` describes.
    ``progress(stage, done, total)`` is called often enough for a progress bar;
    ``cancelled()`` is polled between steps, and when it returns True the load is rolled
    back and ``DemoDataCancelled`` raised.
    """
    if not 0 < scale <= MAX_SCALE:
        raise DomainError(
            f"Масштаб демонстрационных данных должен быть больше 0 и не больше {MAX_SCALE:g}.",
            code="BAD_SCALE",
        )
    started = time.perf_counter()
    clock = DemoClock.at(today)
    reporter = Reporter(progress, cancelled)
    stage = reporter.stage("Обновление схемы базы данных", 1)
    db.upgrade(url)
    stage.finish()
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:  # fail fast, before seconds of preparation
            _refuse_unless_empty(connection, lock=False)
        # Prepared outside the transaction: staff connections end a session that idles in
        # a transaction for a minute, and at large scales preparing takes that long.
        world, plan = _prepare(seed, scale, reporter)
        with engine.connect() as connection, connection.begin():
            _refuse_unless_empty(connection)
            _load(connection, world, plan, reporter, seed=seed, scale=scale, clock=clock)
            stage = reporter.stage("Подсчёт записей", 1)
            if connection.dialect.name == "postgresql":
                # Fresh planner statistics, so that the first screens use the indexes.
                names = ", ".join(table.name for table in Base.metadata.sorted_tables)
                connection.execute(text(f"ANALYZE {names}"))
            counts = _count_rows(connection)
            stage.finish()
            reporter.check()  # the last chance to cancel before the commit
    finally:
        engine.dispose()
    return DemoSummary(counts=counts, seconds=time.perf_counter() - started)


def _load(
    connection: Connection,
    world: registry.Registry,
    plan: requests.RequestsPlan,
    reporter: Reporter,
    *,
    seed: int,
    scale: float,
    clock: DemoClock,
) -> None:
    writer = BulkWriter(connection)
    # The tables loaded in bulk with ids we assign (everything else goes through the ORM).
    tables = {
        name: Base.metadata.tables[name]
        for name in (
            "counterparty",
            "contract",
            "consumption_object",
            "metering_point",
            "meter",
            "meter_reading",
            "tariff_component",
            "charge",
            "invoice",
            "payment",
        )
    }
    first_ids = {name: writer.first_id(table) for name, table in tables.items()}
    if any(first != 1 for name, first in first_ids.items() if name != "tariff_component"):
        raise DomainError(  # rows without a counterparty: the foreign keys were bypassed
            "В базе данных уже есть данные. Демонстрационные данные можно создать только в "
            "пустой базе: укажите новую базу данных.",
            code="NOT_EMPTY",
        )
    foreign_keys = writer.suspend_foreign_keys(list(tables.values()))

    calendar = billing.BillingCalendar(clock)
    tariffs = billing.build_tariffs(seed, calendar)
    stage = reporter.stage("Составляющие тарифа", 1)
    writer.write(
        tables["tariff_component"],
        billing.TARIFF_COLUMNS,
        billing.tariff_rows(seed, tariffs, first_ids["tariff_component"], calendar),
    )
    stage.finish()

    for label, name, columns, rows in (
        (
            "Контрагенты",
            "counterparty",
            registry.COUNTERPARTY_COLUMNS,
            registry.counterparty_rows(world, clock),
        ),
        ("Договоры", "contract", registry.CONTRACT_COLUMNS, registry.contract_rows(world, clock)),
        (
            "Объекты потребления",
            "consumption_object",
            registry.OBJECT_COLUMNS,
            registry.object_rows(world),
        ),
        ("Точки учёта", "metering_point", registry.POINT_COLUMNS, registry.point_rows(world)),
        ("Приборы учёта", "meter", registry.METER_COLUMNS, registry.meter_rows(world, clock)),
    ):
        stage = reporter.stage(label, 1)
        writer.write(tables[name], columns, rows)
        stage.finish()

    full_set = billing.full_history_contracts(world, plan.touched_contracts())
    full = [c for c in world.contracts if c.index in full_set]
    stage = reporter.stage("Показания приборов учёта", len(world.contracts))
    writer.write(
        tables["meter_reading"],
        billing.READING_COLUMNS,
        billing.reading_rows(
            seed,
            world,
            full_set,
            plan.portal_access(),  # dated in the reference world, as the readings are planned
            first_id=first_ids["meter_reading"],
            stage=stage,
            calendar=calendar,
        ),
    )
    stage.finish()

    totals: dict[int, billing.MonthTotals] = {}
    stage = reporter.stage("Начисления", len(full))
    writer.write(
        tables["charge"],
        billing.CHARGE_COLUMNS,
        billing.charge_rows(
            seed,
            full,
            tariffs,
            totals,
            first_id=first_ids["charge"],
            stage=stage,
            calendar=calendar,
        ),
    )
    stage.finish()
    stage = reporter.stage("Счета и счета-фактуры", len(full))
    writer.write(
        tables["invoice"],
        billing.INVOICE_COLUMNS,
        billing.invoice_rows(full, totals, first_ids["invoice"], stage, calendar=calendar),
    )
    stage.finish()
    stage = reporter.stage("Платежи", len(full))
    writer.write(
        tables["payment"],
        billing.PAYMENT_COLUMNS,
        billing.payment_rows(seed, full, totals, first_ids["payment"], stage, calendar=calendar),
    )
    stage.finish()
    del totals
    stage = reporter.stage("Проверка связей между таблицами", 1)
    writer.restore_foreign_keys(foreign_keys)
    writer.sync_sequences()
    stage.finish()
    _load_portal(connection, writer, world, plan, reporter, seed=seed, scale=scale, clock=clock)


def _load_portal(
    connection: Connection,
    writer: BulkWriter,
    world: registry.Registry,
    plan: requests.RequestsPlan,
    reporter: Reporter,
    *,
    seed: int,
    scale: float,
    clock: DemoClock,
) -> None:
    """Portal users, requests and decisions, content, mail and the audit log (after the
    registry and billing: the foreign keys are checked again by now)."""
    for request_plan in plan.plans:  # from the reference world to the demo's creation
        request_plan.shift(clock.shift)
    stage = reporter.stage("Пользователи портала и заявки на регистрацию", len(plan.plans))
    created = requests.submit_all(connection, plan.plans, stage)
    stage.finish()
    stage = reporter.stage("Решения по заявкам и доступ к договорам", 1)
    outbox = Base.metadata.tables["mail_outbox"]
    decisions = requests.apply_decisions(
        connection, world, created, writer.first_id(outbox), now=clock.now
    )
    stage.finish()

    stage = reporter.stage("Новости и опросы", 1)
    active = [
        (user_id, p.decided_at or clock.now) for user_id, p in requests.active_user_ids(created)
    ]
    decisions.audit += content.write_content(connection, seed, active, clock)
    stage.finish()

    stage = reporter.stage("Журнал аудита и почта", 1)
    _configure_supplier(connection)
    writer.write(outbox, requests.MAIL_COLUMNS, decisions.mail)
    writer.sync_sequences()
    requests.write_audit(
        connection, decisions.audit + _staff_audit(seed, created, scale, clock.now)
    )
    stage.finish()


def _configure_supplier(connection: Connection) -> None:
    """The supplier's requisites as an administrator set them (audited like any change)."""
    session = Session(bind=connection)  # joins the caller's transaction
    try:
        supplier_settings.save_supplier(session, Supplier(), "admin", expected_version=None)
    finally:
        session.close()


def _staff_audit(
    seed: int, created: list[requests.Created], scale: float, now: datetime
) -> list[dict[str, object]]:
    """A few deliberate reveals of personal data (audited) and the load itself."""
    rng = stream(seed, "staff-audit")
    events: list[dict[str, object]] = []
    pending = [item for item in created if item.plan.status == "pending"]
    for item in rng.sample(pending, min(len(pending), 5)):
        events.append(
            {
                "occurred_at": item.plan.submitted_at + (now - item.plan.submitted_at) / 3,
                "actor": "verifier1",
                "action": "reveal_personal_data",
                "entity": "portal_user",
                "entity_id": item.user_id,
                "details": {"field": rng.choice(("phone", "email"))},
            }
        )
    events.append(
        {
            "occurred_at": now,
            "actor": "admin",
            "action": "generate_demo_data",
            "entity": "database",
            "entity_id": None,
            "details": {"seed": seed, "scale": scale},
        }
    )
    return events
