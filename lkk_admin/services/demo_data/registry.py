"""The billing registry of the demo world: counterparties, contracts and what they meter.

Built in memory first (later stages need it: requests name these counterparties and
contracts, readings follow these meters), then written as rows. The first few
organisations carry the rare cases (branches, a largest taxpayer, a КПП with letters, a sole
proprietor, an inactive counterparty, a meter that rolls over) so every scale has them.

The specs are dated in the reference world (``common.TODAY``); the rows move their days
by whole months to the demo's creation (``DemoClock.day``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.demo_data import names
from lkk_admin.services.demo_data.common import (
    CENT,
    TODAY,
    DemoClock,
    Weighted,
    add_months,
    add_years,
    at_msk,
    pick,
    randint,
    random_date,
)
from lkk_admin.services.requisites import inn_check_digits, ogrn_check_digit

# At and above this maximum power only price categories 3–6 apply.
HIGH_POWER_KW = Decimal(670)

COUNTERPARTY_COLUMNS = (
    "id", "inn", "kpp", "ogrn", "org_type", "full_name", "short_name", "legal_address",
    "postal_address", "phone", "email", "is_active", "created_at",
)  # fmt: skip
CONTRACT_COLUMNS = (
    "id", "number", "number_normalized", "counterparty_id", "signed_on", "valid_from",
    "valid_to", "status", "terminated_on", "price_category", "max_power_kw",
)  # fmt: skip
OBJECT_COLUMNS = ("id", "contract_id", "name", "address")
POINT_COLUMNS = (
    "id", "consumption_object_id", "code", "name", "voltage_level", "max_power_kw",
    "tariff_zones",
)  # fmt: skip
METER_COLUMNS = (
    "id", "metering_point_id", "serial", "model", "accuracy_class", "register_digits",
    "ct_ratio", "vt_ratio", "is_automated", "installed_on", "verified_on",
    "verification_interval_years", "next_verification_on", "removed_on",
)  # fmt: skip


@dataclass(slots=True)
class MeterSpec:
    index: int  # 0-based ordinal: seeds the meter's own random stream
    id: int
    serial: str
    model: str
    accuracy: str
    digits: int
    ct: int
    vt: int
    automated: bool
    installed_on: date
    verified_on: date
    interval: int
    next_on: date
    load_factor: float
    rollover_demo: bool = False

    @property
    def multiplier(self) -> int:
        return self.ct * self.vt


@dataclass(slots=True)
class PointSpec:
    id: int
    code: str
    name: str
    voltage: str
    power: Decimal
    zones: int
    meter: MeterSpec


@dataclass(slots=True)
class ObjectSpec:
    id: int
    name: str
    address: str
    points: list[PointSpec]


@dataclass(slots=True)
class ContractSpec:
    index: int
    id: int
    counterparty: int  # index into Registry.counterparties
    signed_on: date
    valid_from: date
    valid_to: date | None
    status: str
    terminated_on: date | None
    suspended_on: date | None  # not a column: when consumption was cut off
    price_category: int
    max_power: Decimal
    objects: list[ObjectSpec]
    number: str = ""

    @property
    def points(self) -> Iterator[PointSpec]:
        for obj in self.objects:
            yield from obj.points


@dataclass(slots=True)
class CounterpartySpec:
    index: int
    id: int
    org_type: str
    form: str  # short legal form: ООО, АО … or ИП
    kind: str
    core: str  # the name inside the quotes, or the sole proprietor's full name
    inn: str
    kpp: str | None
    ogrn: str
    full_name: str
    short_name: str
    legal_address: str
    postal_address: str
    phone: str
    email: str
    domain: str | None  # the organisation's own mail domain
    is_active: bool
    city: names.City
    client_since: date
    person: names.Person | None  # the sole proprietor
    head: int | None = None  # index of the head office row for a branch
    contracts: list[int] = field(default_factory=list)


@dataclass
class Registry:
    counterparties: list[CounterpartySpec]
    contracts: list[ContractSpec]
    used_inns: set[str]

    def meters(self) -> Iterator[MeterSpec]:
        for contract in self.contracts:
            for point in contract.points:
                yield point.meter


# --- Identifiers ----------------------------------------------------------------------------


def new_inn10(rng: random.Random, office: str, used: set[str]) -> str:
    while True:
        inn = inn_check_digits(f"{office}{randint(rng, 0, 99_999):05d}")
        if inn not in used:
            used.add(inn)
            return inn


def new_inn12(rng: random.Random, office: str, used: set[str]) -> str:
    while True:
        inn = inn_check_digits(f"{office}{randint(rng, 0, 999_999):06d}")
        if inn not in used:
            used.add(inn)
            return inn


def new_ogrn(rng: random.Random, first: str, year: int, region: str, office: str) -> str:
    body = f"{first}{year % 100:02d}{region}{office[-2:]}{randint(rng, 0, 99_999):05d}"
    return ogrn_check_digit(body)


def new_ogrnip(rng: random.Random, year: int, office: str) -> str:
    return ogrn_check_digit(f"3{year % 100:02d}50{office[-2:]}{randint(rng, 0, 9_999_999):07d}")


# --- Counterparties -------------------------------------------------------------------------

LETTER_REASON_CODES = ("AA", "AB", "AC", "AE", "AK", "AM")
LARGEST_TAXPAYER_OFFICES = ("9977", "9976", "9974", "9972", "9962", "9950")


def _registered_on(rng: random.Random, first_year: int) -> date:
    return random_date(rng, date(first_year, 1, 10), date(2025, 12, 20))


def _client_since(rng: random.Random, registered_on: date) -> date:
    first = max(registered_on + timedelta(days=30), date(2005, 1, 10))
    return random_date(rng, first, date(2026, 9, 30))


def _sole_proprietor(rng: random.Random, index: int, first_id: int, used: set[str]) -> Any:
    city = names.pick_city(rng)
    who = names.person(rng)
    registered_on = _registered_on(rng, 2004)
    full_name, short_name = names.sole_proprietor_names(who)
    home = names.address(rng, city, premises=True)
    email_domain = pick(rng, names.FREE_MAIL_DOMAINS)
    email = f"{names.translit(who.last_name)}.{names.translit(who.first_name)[:1]}@{email_domain}"
    return CounterpartySpec(
        index=index,
        id=first_id + index,
        org_type="sole_proprietor",
        form=names.SOLE_PROPRIETOR_SHORT,
        kind="sole_proprietor",
        core=who.full,
        inn=new_inn12(rng, city.tax_office, used),
        kpp=None,
        ogrn=new_ogrnip(rng, registered_on.year, city.tax_office),
        full_name=full_name,
        short_name=short_name,
        legal_address=home,
        postal_address=home if rng.random() < 0.7 else names.address(rng, city),
        phone=names.mobile(rng),
        email=email,
        domain=None,
        is_active=True,
        city=city,
        client_since=_client_since(rng, registered_on),
        person=who,
    )


def build_counterparties(rng: random.Random, count: int, first_id: int) -> Registry:
    """``count`` rows; organisation 0 has two branches, 1 is a largest taxpayer, 2 has a
    КПП with letters, 3 is a sole proprietor and 4 is inactive."""
    specs: list[CounterpartySpec] = []
    used: set[str] = set()
    org = 0
    while len(specs) < count:
        special = org
        org += 1
        if special == 3 or (special > 5 and rng.random() < 0.15):
            specs.append(_sole_proprietor(rng, len(specs), first_id, used))
            continue
        form = names.FORM_BY_SHORT["ПАО"] if special == 1 else names.pick_legal_form(rng)
        city = names.pick_city(rng)
        moscow = form.kind in ("commercial", "joint_stock") and rng.random() < 0.12
        office = f"77{randint(rng, 1, 51):02d}" if moscow else city.tax_office
        registered_on = _registered_on(rng, 1995)
        ogrn_year = max(registered_on.year, 2002)
        first_digit = "1" if rng.random() < 0.75 else "5"
        core = names.org_core_name(rng, form, city)
        full_name, short_name = names.org_names(form, core)
        inn = new_inn10(rng, office, used)
        largest = special == 1 or (form.kind == "joint_stock" and rng.random() < 0.03)
        if largest:
            kpp = f"{pick(rng, LARGEST_TAXPAYER_OFFICES)}50001"
        elif special == 2 or rng.random() < 0.01:
            kpp = f"{city.tax_office}{pick(rng, LETTER_REASON_CODES)}001"
        elif moscow and rng.random() < 0.5:
            kpp = f"{office}01001"
        else:
            # Mostly the ИНН's office; a company that moved keeps its ИНН, not its КПП.
            kpp_office = office if rng.random() < 0.9 else city.tax_office
            kpp = f"{kpp_office}01001"
        domain = names.company_domain(core, city, len(specs))
        legal_address = names.moscow_address(rng) if moscow else names.address(rng, city)
        head = CounterpartySpec(
            index=len(specs),
            id=first_id + len(specs),
            org_type="legal_entity",
            form=form.short,
            kind=form.kind,
            core=core,
            inn=inn,
            kpp=kpp,
            ogrn=new_ogrn(rng, first_digit, ogrn_year, office[:2], office),
            full_name=full_name,
            short_name=short_name,
            legal_address=legal_address,
            postal_address=legal_address if rng.random() < 0.8 else names.address(rng, city),
            phone=names.landline(rng, city),
            email=f"{pick(rng, ('info', 'office', 'buh', 'energo', 'secretary'))}@{domain}",
            domain=domain,
            is_active=not (special == 4 or (special > 5 and rng.random() < 0.04)),
            city=city,
            client_since=_client_since(rng, registered_on),
            person=None,
        )
        specs.append(head)
        branches = 2 if special == 0 else (randint(rng, 1, 3) if rng.random() < 0.004 else 0)
        for number in range(1, branches + 1):
            if len(specs) >= count:
                break
            branch_city = names.pick_city(rng)
            branch_address = names.address(rng, branch_city)
            specs.append(
                CounterpartySpec(
                    index=len(specs),
                    id=first_id + len(specs),
                    org_type="legal_entity",
                    form=head.form,
                    kind=head.kind,
                    core=core,
                    inn=inn,
                    # Separate subdivisions are registered where they are (reason code 43).
                    kpp=f"{branch_city.tax_office}43{number:03d}",
                    ogrn=head.ogrn,
                    full_name=full_name,
                    short_name=short_name,
                    legal_address=head.legal_address,
                    postal_address=branch_address,
                    phone=names.landline(rng, branch_city),
                    email=f"filial{number}@{domain}",
                    domain=domain,
                    is_active=head.is_active,
                    city=branch_city,
                    client_since=_client_since(rng, registered_on),
                    person=None,
                    head=head.index,
                )
            )
    return Registry(counterparties=specs, contracts=[], used_inns=used)


def counterparty_rows(registry: Registry, clock: DemoClock) -> Iterator[tuple[Any, ...]]:
    for c in registry.counterparties:
        yield (
            c.id,
            c.inn,
            c.kpp,
            c.ogrn,
            c.org_type,
            c.full_name,
            c.short_name,
            c.legal_address,
            c.postal_address,
            c.phone,
            c.email,
            c.is_active,
            at_msk(clock.day(c.client_since), 10),
        )


# --- Contracts and installations -------------------------------------------------------------

# Extra contracts go to bigger organisations more often.
_CONTRACT_WEIGHT = {
    "sole_proprietor": 0.3, "commercial": 1.0, "joint_stock": 4.0, "unitary": 6.0,
    "institution": 2.0, "school": 1.5, "kindergarten": 1.0, "clinic": 3.0, "partnership": 1.2,
}  # fmt: skip
# Typical maximum power (median kW, spread of its logarithm) by kind of organisation.
_POWER = {
    "sole_proprietor": (18.0, 0.8), "commercial": (40.0, 1.3), "joint_stock": (300.0, 1.4),
    "unitary": (250.0, 1.2), "institution": (80.0, 0.8), "school": (90.0, 0.6),
    "kindergarten": (60.0, 0.5), "clinic": (300.0, 0.8), "partnership": (60.0, 0.8),
}  # fmt: skip
_LOAD_FACTOR = {
    "sole_proprietor": (0.10, 0.35), "commercial": (0.15, 0.50), "joint_stock": (0.25, 0.55),
    "unitary": (0.25, 0.55), "institution": (0.10, 0.30), "school": (0.10, 0.25),
    "kindergarten": (0.12, 0.28), "clinic": (0.25, 0.45), "partnership": (0.15, 0.35),
}  # fmt: skip


@dataclass(frozen=True)
class MeterModel:
    name: str
    accuracy: str
    interval: int  # verification interval, years
    serial_prefix: str
    serial_digits: int


DIRECT_MODELS = (
    MeterModel("Меркурий 230 ART-02 PQRSIN", "1,0", 10, "", 8),
    MeterModel("Меркурий 234 ARTM-02 PB.R", "1,0/2,0", 16, "", 8),
    MeterModel("Энергомера CE301 R33 145-JAZ", "1,0", 10, "0117", 11),
    MeterModel("Энергомера CE303 R33 746-JAZ", "1,0", 10, "0118", 11),
    MeterModel("Нева МТ 314 AR E4S", "1,0", 16, "", 8),
)
CT_MODELS = (
    MeterModel("Меркурий 230 ART-03 PQRSIDN", "0,5S/1,0", 10, "", 8),
    MeterModel("Меркурий 234 ARTM-03 PB.G", "0,5S/1,0", 16, "", 8),
    MeterModel("Энергомера CE303 S31 543-JAVZ", "0,5S/1,0", 10, "0119", 11),
    MeterModel("СЭТ-4ТМ.03М.09", "0,5S/1,0", 12, "08", 8),
)
HV_MODELS = (
    MeterModel("СЭТ-4ТМ.03М.01", "0,2S/0,5", 12, "08", 8),
    MeterModel("ПСЧ-4ТМ.05МК.00", "0,5S/1,0", 12, "11", 8),
    MeterModel("Альфа A1800", "0,2S/0,5", 12, "01", 6),
    MeterModel("Меркурий 234 ARTM-00 PB.G", "0,5S/1,0", 16, "", 8),
)
# Primary currents of standard current transformers (secondary 5 A).
CT_PRIMARIES = (
    10,
    15,
    20,
    30,
    40,
    50,
    75,
    100,
    150,
    200,
    300,
    400,
    500,
    600,
    750,
    800,
    1000,
    1500,
    2000,
    3000,
    4000,
)
# Above this a low-voltage meter cannot be connected directly (about 100 A).
DIRECT_LIMIT_KW = 60


class _Numbers:
    """Counters that keep codes and serials unique (gaps make them look real)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.point = 1_200_000
        self.serials: dict[str, int] = {}

    def point_code(self) -> str:
        self.point += randint(self.rng, 1, 9)
        return f"ТУ-{self.point:08d}"

    def serial(self, model: MeterModel) -> str:
        if model.name not in self.serials:
            low = 10 ** (model.serial_digits - 1)
            self.serials[model.name] = low + randint(self.rng, 0, low)
        current = self.serials[model.name] + randint(self.rng, 1, 60)
        self.serials[model.name] = current
        return f"{model.serial_prefix}{current:0{model.serial_digits}d}"


def _split_power(rng: random.Random, total_kw: float, parts: int) -> list[Decimal]:
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = total_kw / sum(weights)
    return [Decimal(max(6, round(w * scale * 2))) / 2 for w in weights]


def _voltage(rng: random.Random, power_kw: float) -> str:
    roll = rng.random()
    if power_kw < 150:
        return "НН" if roll < 0.95 else "СН2"
    if power_kw < 670:
        return "НН" if roll < 0.6 else "СН2"
    if power_kw < 10_000:
        return "СН2" if roll < 0.8 else "СН1"
    return "СН1" if roll < 0.5 else "ВН"


def _ratios(rng: random.Random, voltage: str, power_kw: float) -> tuple[int, int]:
    if voltage == "НН" and power_kw <= DIRECT_LIMIT_KW:
        return 1, 1
    if voltage == "НН":
        kv, vt = 0.4, 1
    elif voltage == "СН2":
        kv, vt = (10.0, 100) if rng.random() < 0.7 else (6.0, 60)
    elif voltage == "СН1":
        kv, vt = 35.0, 350
    else:
        kv, vt = 110.0, 1100
    current = power_kw / (math.sqrt(3) * kv * 0.9)
    primary = next((p for p in CT_PRIMARIES if p >= 1.2 * current), CT_PRIMARIES[-1])
    return primary // 5, vt


def _meter(
    rng: random.Random,
    numbers: _Numbers,
    ids: _Ids,
    *,
    voltage: str,
    power: Decimal,
    kind: str,
    automated: bool,
    contract_start: date,
) -> MeterSpec:
    power_kw = float(power)
    ct, vt = _ratios(rng, voltage, power_kw)
    if ct == 1 and vt == 1:
        model = pick(rng, DIRECT_MODELS)
    elif vt == 1:
        model = pick(rng, CT_MODELS)
    else:
        model = pick(rng, HV_MODELS)
    # Enough digits that a month never advances the register by more than a tenth of a turn.
    max_month_units = power_kw * 744 * 0.75 / (ct * vt)
    needed = next((d for d in range(5, 9) if 10**d >= 10 * max_month_units), 8)
    digits = max(needed, pick(rng, (5, 6, 6, 7, 8)))
    if contract_start < date(2023, 10, 1) and rng.random() < 0.3:
        installed_on = random_date(rng, contract_start, date(2023, 10, 1))  # replaced since
    else:
        installed_on = contract_start - timedelta(days=randint(rng, 3, 60))
    verified_on = installed_on - timedelta(days=randint(rng, 30, 400))
    if add_years(verified_on, model.interval) <= TODAY and rng.random() < 0.9:
        verified_on = add_years(verified_on, model.interval) - timedelta(days=randint(rng, 0, 60))
    low, high = _LOAD_FACTOR[kind]
    return MeterSpec(
        index=ids.meter_index,
        id=ids.meter,
        serial=numbers.serial(model),
        model=model.name,
        accuracy=model.accuracy,
        digits=digits,
        ct=ct,
        vt=vt,
        automated=automated,
        installed_on=installed_on,
        verified_on=verified_on,
        interval=model.interval,
        next_on=add_years(verified_on, model.interval),
        load_factor=rng.uniform(low, high),
    )


_HIGH_POWER_CATEGORY = Weighted((3, 4, 5, 6), (45, 30, 15, 10))
_LOW_POWER_CATEGORY = Weighted((1, 2, 3, 4), (78, 12, 6, 4))
# How many objects a contract has, and points an object has: small and big consumers.
_COUNT_SMALL = Weighted((1, 2, 3), (70, 22, 8))
_COUNT_BIG = Weighted((1, 2, 3), (45, 35, 20))


def _price_category(rng: random.Random, max_power: Decimal) -> int:
    if max_power >= HIGH_POWER_KW:
        return _HIGH_POWER_CATEGORY(rng)
    return _LOW_POWER_CATEGORY(rng)


def _status(
    rng: random.Random, counterparty: CounterpartySpec, signed_on: date
) -> tuple[str, date | None, date | None]:
    roll = rng.random()
    if not counterparty.is_active or roll < 0.09:
        first = min(signed_on + timedelta(days=90), TODAY - timedelta(days=2))
        return "terminated", random_date(rng, first, TODAY - timedelta(days=1)), None
    first = max(date(2026, 2, 1), signed_on + timedelta(days=60))
    if roll < 0.12 and first < date(2026, 10, 20):
        return "suspended", None, random_date(rng, first, date(2026, 10, 20))
    return "active", None, None


class _Ids:
    def __init__(self, first_object: int, first_point: int, first_meter: int) -> None:
        self.object = first_object
        self.point = first_point
        self.meter = first_meter
        self.meter_index = 0


def _installation(
    rng: random.Random,
    numbers: _Numbers,
    ids: _Ids,
    counterparty: CounterpartySpec,
    start: date,
    *,
    rollover_demo: bool,
) -> tuple[list[ObjectSpec], Decimal, int]:
    """Objects, points and meters of one contract; returns them, the power and the category."""
    median, spread = _POWER[counterparty.kind]
    total_kw = min(40_000.0, max(5.0, rng.lognormvariate(math.log(median), spread)))
    big = total_kw >= 670
    count = _COUNT_BIG if big else _COUNT_SMALL
    objects_count = 1 if rollover_demo else count(rng)
    point_counts = [1 if rollover_demo else count(rng) for _ in range(objects_count)]
    powers = [Decimal(15)] if rollover_demo else _split_power(rng, total_kw, sum(point_counts))
    max_power = sum(powers, Decimal(0)).quantize(CENT)
    category = 1 if rollover_demo else _price_category(rng, max_power)
    automated_share = 1.0 if category >= 3 else 0.12  # hourly categories need АСКУЭ
    small = counterparty.kind in ("sole_proprietor", "commercial") and not big
    objects: list[ObjectSpec] = []
    power_iter = iter(powers)
    for points_here in point_counts:
        city = counterparty.city if rng.random() < 0.7 else pick(rng, names.CITIES)
        obj = ObjectSpec(
            id=ids.object,
            name=names.object_name(rng, counterparty.kind, small),
            address=names.address(rng, city),
            points=[],
        )
        ids.object += 1
        for number in range(1, points_here + 1):
            power = next(power_iter)
            voltage = "НН" if rollover_demo else _voltage(rng, float(power))
            automated = not rollover_demo and rng.random() < automated_share
            meter = _meter(
                rng,
                numbers,
                ids,
                voltage=voltage,
                power=power,
                kind=counterparty.kind,
                automated=automated,
                contract_start=start,
            )
            if rollover_demo:
                # A 5-digit direct meter whose register passes 99999 in the history.
                meter.model, meter.digits, meter.ct, meter.vt = DIRECT_MODELS[0].name, 5, 1, 1
                meter.rollover_demo = True
                meter.load_factor = 0.35
            ids.meter += 1
            ids.meter_index += 1
            obj.points.append(
                PointSpec(
                    id=ids.point,
                    code=numbers.point_code(),
                    name=names.point_name(rng, voltage, number),
                    voltage=voltage,
                    power=power.quantize(CENT),
                    zones=pick(rng, (2, 3)) if category == 2 else 1,
                    meter=meter,
                )
            )
            ids.point += 1
        objects.append(obj)
    return objects, max_power, category


def build_contracts(
    rng: random.Random,
    registry: Registry,
    count: int,
    first_ids: tuple[int, int, int, int],
    advance: Callable[[int], None] | None = None,
) -> None:
    """Give every counterparty one contract, spread the rest by size; number chronologically.

    ``first_ids``: first contract, object, point and meter id.
    """
    counterparties = registry.counterparties
    owners = list(range(len(counterparties)))
    extra = max(0, count - len(owners))
    weights = [
        _CONTRACT_WEIGHT[c.kind] * (6 if c.head is None and c.form == "ПАО" else 1)
        for c in counterparties
    ]
    owners += rng.choices(range(len(counterparties)), weights, k=extra)
    owners.sort()
    first_contract, first_object, first_point, first_meter = first_ids
    ids = _Ids(first_object, first_point, first_meter)
    numbers = _Numbers(rng)
    contracts: list[ContractSpec] = []
    previous_owner = -1
    for owner in owners:
        counterparty = counterparties[owner]
        index = len(contracts)
        first_of_owner = owner != previous_owner
        previous_owner = owner
        signed_on = (
            counterparty.client_since
            if first_of_owner
            else random_date(rng, counterparty.client_since, date(2026, 10, 31))
        )
        rollover_demo = index == 0
        if rollover_demo:
            status, terminated_on, suspended_on = "active", None, None
            signed_on = min(signed_on, date(2021, 3, 15))
        else:
            status, terminated_on, suspended_on = _status(rng, counterparty, signed_on)
        # Supply starts on signing or on the 1st of the next month.
        valid_from = signed_on if rng.random() < 0.6 else add_months(signed_on.replace(day=1), 1)
        objects, max_power, category = _installation(
            rng, numbers, ids, counterparty, valid_from, rollover_demo=rollover_demo
        )
        valid_to = terminated_on or (date(2026, 12, 31) if rng.random() < 0.2 else None)
        contracts.append(
            ContractSpec(
                index=index,
                id=first_contract + index,
                counterparty=owner,
                signed_on=signed_on,
                valid_from=valid_from,
                valid_to=valid_to,
                status=status,
                terminated_on=terminated_on,
                suspended_on=suspended_on,
                price_category=category,
                max_power=max_power,
                objects=objects,
            )
        )
        counterparty.contracts.append(index)
        if advance is not None:
            advance(1)
    registry.contracts = contracts
    _ensure_mixed_statuses(registry)
    _assign_numbers(rng, contracts)


def _ensure_mixed_statuses(registry: Registry) -> None:
    """Make sure some active organisation also has a terminated and a suspended contract."""
    needed = ["terminated", "suspended"]
    for counterparty in registry.counterparties[6:]:
        if not needed:
            return
        mine = [registry.contracts[i] for i in counterparty.contracts]
        if not counterparty.is_active or len(mine) < 2:
            continue
        if all(c.status == "active" for c in mine):
            status = needed.pop(0)
            target = mine[-1]
            target.status = status
            if status == "terminated":
                target.terminated_on = max(
                    target.signed_on + timedelta(days=200), date(2025, 4, 30)
                )
                target.terminated_on = min(target.terminated_on, TODAY - timedelta(days=1))
                target.valid_to = target.terminated_on
            else:
                target.suspended_on = date(2026, 9, 12)


def _assign_numbers(rng: random.Random, contracts: list[ContractSpec]) -> None:
    """Contract numbers in the formats the supplier used over the years, unique by design."""
    per_year: dict[tuple[str, int], int] = {}
    digits14 = 1_000_000 + randint(rng, 0, 50_000)
    slash_e = 10_000 + randint(rng, 0, 500)
    branches = ("КР", "ОД", "ИС", "ХМ", "ПД")
    for contract in sorted(contracts, key=lambda c: (c.signed_on, c.index)):
        year = contract.signed_on.year
        roll = rng.random()
        if year < 2012:
            style = "d_year" if roll < 0.6 else "slash_e"
        elif year < 2019:
            style = "slash_e" if roll < 0.45 else ("digits14" if roll < 0.9 else "branch")
        else:
            style = "es_year" if roll < 0.5 else ("digits14" if roll < 0.85 else "branch")
        key = (style, year if style in ("d_year", "es_year") else 0)
        if style == "branch":
            key = (f"branch{rng.randrange(len(branches))}", 0)
        serial = per_year.get(key, randint(rng, 0, 40)) + randint(rng, 1, 3)
        per_year[key] = serial
        if style == "d_year":
            number = f"Д-{serial}/{year}"
        elif style == "es_year":
            number = f"ЭС-{serial:04d}/{year % 100:02d}"
        elif style == "slash_e":
            slash_e += randint(rng, 1, 4)
            number = f"{slash_e}/Э"
        elif style == "digits14":
            digits14 += randint(rng, 1, 25)
            region = "77" if rng.random() < 0.2 else "50"
            number = f"{region}{pick(rng, ('09', '24', '32', '47')):s}{digits14:010d}"
        else:
            number = f"{branches[int(key[0][-1])]}-{serial:05d}"
        contract.number = number


def contract_rows(registry: Registry, clock: DemoClock) -> Iterator[tuple[Any, ...]]:
    counterparties = registry.counterparties
    day = clock.day
    for c in registry.contracts:
        yield (
            c.id,
            c.number,
            normalize_contract_number(c.number),
            counterparties[c.counterparty].id,
            day(c.signed_on),
            day(c.valid_from),
            None if c.valid_to is None else day(c.valid_to),
            c.status,
            None if c.terminated_on is None else day(c.terminated_on),
            c.price_category,
            c.max_power,
        )


def object_rows(registry: Registry) -> Iterator[tuple[Any, ...]]:
    for contract in registry.contracts:
        for obj in contract.objects:
            yield obj.id, contract.id, obj.name, obj.address


def point_rows(registry: Registry) -> Iterator[tuple[Any, ...]]:
    for contract in registry.contracts:
        for obj in contract.objects:
            for p in obj.points:
                yield p.id, obj.id, p.code, p.name, p.voltage, p.power, p.zones


def meter_rows(registry: Registry, clock: DemoClock) -> Iterator[tuple[Any, ...]]:
    day = clock.day
    for contract in registry.contracts:
        for point in contract.points:
            m = point.meter
            yield (
                m.id,
                point.id,
                m.serial,
                m.model,
                m.accuracy,
                m.digits,
                m.ct,
                m.vt,
                m.automated,
                day(m.installed_on),
                day(m.verified_on),
                m.interval,
                day(m.next_on),
                None,
            )
