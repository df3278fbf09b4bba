"""Portal users and registration requests, created exactly as the portal does (intake).

The plan is made in memory first (it decides which contracts need billing history and who
submits readings through the portal), then every request goes through
``intake.submit_registration`` and ``intake.confirm_email``. Later states (claimed,
returned, approved, rejected, expired) are applied afterwards as a verifier's decisions
would leave them, with the access grants, audit events and outbox mail they cause.

The plan is dated in the reference world (``common.NOW``) and moved to the demo's creation
(:meth:`RequestPlan.shift`) before it is written: the waiting queue is young enough that
most of it is within the review deadline on any day (``services.review_sla``: two working
days unless an administrator set another), a share of it is overdue on any day, and the
claims being worked on lapse minutes after the creation.

``CRAFTED_CASES`` lists the deliberately flawed (and deliberately tricky but clean)
requests among the pending ones, one request each. The case name is stored nowhere in
the database: the checks must find the problem themselves. ``crafted_requests()`` tells
tests which login got which case.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import Session

from lkk_admin.models import Base, RegistrationRequest
from lkk_admin.services import mail_templates
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.demo_data import names, portal_acts
from lkk_admin.services.demo_data.billing import PortalAccess
from lkk_admin.services.demo_data.common import NOW, Stage, scaled, stream
from lkk_admin.services.demo_data.registry import (
    ContractSpec,
    CounterpartySpec,
    Registry,
    new_inn10,
    new_inn12,
)
from lkk_admin.services.intake import RegistrationForm, confirm_email, submit_registration
from lkk_admin.services.passwords import hash_password
from lkk_admin.services.queue import DEFAULT_LEASE, DEFAULT_UNCONFIRMED_DAYS, STANDARD_REASONS
from lkk_admin.services.queue_writes import TO_NAME_LENGTH

# Every demo portal account has this password (one precomputed hash: hashing is slow).
DEMO_PASSWORD = "Demo-2026!"
_DEMO_SALT = b"lkk-demo-salt-26"

VERIFIERS = ("verifier1", "verifier2", "admin")

# Ages of waiting requests. Within the deadline: under two days old, so under two working
# days whatever day of the week or holiday the demo is created on. Overdue: 20 days and
# older, which is more than two working days even across the New Year holidays (at most
# 16 calendar days hold only two working days).
WITHIN_DEADLINE_MINUTES = (5, 47 * 60)
OVERDUE_DAYS = (20, 75)
OVERDUE_SHARE = 0.12

# Pending requests built to trip one check each (the expected finding code in the comment),
# and tricky ones that must pass once normalised. One request per case, status pending
# unless the case says otherwise.
CRAFTED_CASES: tuple[str, ...] = (
    "clean_legal_entity",  # no finding
    "sole_proprietor_clean",  # no finding (a public mail domain is normal for an ИП)
    "inn_bad_check_digit",  # INN_INVALID
    "inn_12_digits_for_legal_entity",  # INN_INVALID (length does not fit the org type)
    "inn_10_digits_for_sole_proprietor",  # INN_INVALID (length does not fit the org type)
    "kpp_missing",  # KPP_REQUIRED
    "kpp_malformed",  # KPP_INVALID (8 characters)
    "kpp_for_sole_proprietor",  # KPP_NOT_APPLICABLE
    "kpp_with_letters",  # no finding: a valid КПП with Latin letters in the reason code
    "inn_not_in_registry",  # COUNTERPARTY_NOT_FOUND (+ CONTRACT_NOT_FOUND), flag unticked
    "kpp_mismatch",  # KPP_MISMATCH
    "branch_kpp",  # no finding: a branch's own КПП of an organisation with several
    "name_mismatch",  # NAME_MISMATCH
    "name_quotes_and_case",  # no finding: ООО "РОМАШКА" is ООО «Ромашка»
    "name_full_legal_form",  # no finding: the legal form spelled out in full
    "existing_flag_ticked_not_found",  # EXISTING_FLAG_MISMATCH (+ COUNTERPARTY_NOT_FOUND)
    "existing_flag_unticked_but_found",  # EXISTING_FLAG_MISMATCH
    "contract_not_found",  # CONTRACT_NOT_FOUND (a typo in the number)
    "contract_other_counterparty",  # CONTRACT_OTHER_COUNTERPARTY
    "contract_terminated",  # CONTRACT_TERMINATED for one of two typed contracts
    "contract_suspended",  # no finding in the design (suspended is not terminated)
    "contract_number_spaces",  # no finding: matches after normalisation
    "contract_number_dash_variants",  # no finding: en dash / minus sign for the hyphen
    "contract_number_lowercase",  # no finding
    "contract_number_latin_lookalikes",  # no finding: Latin C, K, P … for Cyrillic
    "contracts_one_good_one_unknown",  # CONTRACT_NOT_FOUND for the second number only
    "email_not_confirmed",  # EMAIL_NOT_CONFIRMED (status email_unconfirmed)
    "duplicate_open_request_first",  # DUPLICATE_PENDING (with the next one)
    "duplicate_open_request_second",  # DUPLICATE_PENDING
    "already_has_access",  # ALREADY_HAS_ACCESS (granted one contract by phone earlier)
    "free_mail_mail_ru",  # FREE_MAIL_DOMAIN
    "free_mail_yandex_ru",  # FREE_MAIL_DOMAIN
    "free_mail_gmail_com",  # FREE_MAIL_DOMAIN
    "user_blocked",  # USER_BLOCKED (an administrator blocked the applicant meanwhile)
)

# Problems mixed into the ordinary pending queue (about one request in five).
_QUEUE_MIX: tuple[tuple[str, int], ...] = (
    ("clean_legal_entity", 800),
    ("inn_bad_check_digit", 10),
    ("kpp_missing", 15),
    ("inn_not_in_registry", 15),
    ("kpp_mismatch", 8),
    ("name_mismatch", 10),
    ("existing_flag_unticked_but_found", 25),
    ("contract_not_found", 25),
    ("contract_other_counterparty", 8),
    ("contract_terminated", 8),
    ("contract_number_spaces", 20),
    ("contract_number_dash_variants", 8),
    ("contract_number_lowercase", 15),
    ("contract_number_latin_lookalikes", 8),
    ("free_mail_mail_ru", 25),
)

# The queue's standard refusal codes, with the reason text the applicant reads.
REJECTION_REASONS: dict[str, str] = {
    "INN_NOT_FOUND": (
        "Организация с ИНН {inn} не найдена среди контрагентов ООО «РН-Энерго». Личный "
        "кабинет доступен клиентам, заключившим договор энергоснабжения."
    ),
    "CONTRACT_OTHER_ORGANISATION": (
        "Договор № {number} заключён с другой организацией. Проверьте номер договора и "
        "подайте заявку повторно."
    ),
    "CONTRACT_TERMINATED": (
        "Договор № {number} расторгнут; доступ к расторгнутым договорам не предоставляется."
    ),
    "NO_AUTHORITY": (
        "Не подтверждены полномочия заявителя действовать от имени организации. Подайте "
        "заявку повторно и приложите доверенность, подписанную руководителем."
    ),
    "NAME_MISMATCH": (
        "Наименование организации не совпадает с указанным в договоре энергоснабжения."
    ),
    "DUPLICATE": (
        "Доступ к договору № {number} уже предоставлен по ранее поданной заявке. Новые "
        "пользователи организации добавляются по заявке её администратора."
    ),
}
_REJECTION_WEIGHTS = (30, 20, 15, 15, 10, 10)
if not set(REJECTION_REASONS) <= set(STANDARD_REASONS):  # pragma: no cover - a coding error
    raise RuntimeError("demo refusal codes must be the queue's standard ones")

NEEDS_INFO_MESSAGES = {
    "contract_not_found": (
        "Договор № {number} не найден. Проверьте номер по тексту договора (он указан в "
        "правом верхнем углу первой страницы) и исправьте его в заявке."
    ),
    "kpp_missing": "Укажите КПП организации: для юридического лица он обязателен.",
    "name_mismatch": "Укажите наименование организации так, как оно написано в договоре.",
    "clean_legal_entity": (
        "Приложите скан доверенности на право представлять организацию в Личном кабинете."
    ),
}

TABLES = Base.metadata.tables

_LATIN_LOOKALIKES = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")


@dataclass
class RequestPlan:
    case: str
    status: str
    form: RegistrationForm
    submitted_at: datetime
    confirmed_at: datetime | None
    counterparty: int | None  # registry index of the counterparty the request really is
    resolved: list[int | None]  # per typed number, the contract index it resolves to
    granted: list[bool] = field(default_factory=list)
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    claim_expires_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None
    reason_code: str | None = None
    extra_access: int | None = None  # a contract granted before (already_has_access)
    last_login_at: datetime | None = None
    # What administrators did to the account afterwards (portal_acts).
    acts: list[portal_acts.AdminAct] = field(default_factory=list)

    _MOMENTS = (
        "submitted_at",
        "confirmed_at",
        "claimed_at",
        "claim_expires_at",
        "decided_at",
        "last_login_at",
    )

    def shift(self, delta: timedelta) -> None:
        """Move every moment of the request by ``delta`` (to the demo's creation)."""
        for name in self._MOMENTS:
            moment = getattr(self, name)
            if moment is not None:
                setattr(self, name, moment + delta)
        for act in self.acts:
            act.at += delta


@dataclass
class RequestsPlan:
    plans: list[RequestPlan]

    def touched_contracts(self) -> set[int]:
        typed = {index for plan in self.plans for index in plan.resolved if index is not None}
        granted = {index for plan in self.plans for act in plan.acts for index in act.contracts}
        return typed | granted

    def portal_access(self) -> dict[int, PortalAccess]:
        """The first portal user of each contract and when they were granted it."""
        access: dict[int, PortalAccess] = {}
        for plan in sorted(self.plans, key=lambda p: p.decided_at or NOW):
            if plan.status != "approved" or plan.decided_at is None:
                continue
            for index, granted in zip(plan.resolved, plan.granted, strict=True):
                if granted and index is not None and index not in access:
                    access[index] = PortalAccess(plan.form.login, plan.decided_at)
        return access

    def crafted(self) -> dict[str, str]:
        """Case → login of the crafted request (other requests carry other labels)."""
        return {plan.case: plan.form.login for plan in self.plans if plan.case in CRAFTED_CASES}


# --- Planning ----------------------------------------------------------------------------------


def _number_with_spaces(number: str, rng: random.Random) -> str:
    if number.isdigit():
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    spaced = number.replace("-", " - ").replace("/", " / ")
    return f" {spaced} " if rng.random() < 0.5 else spaced


class _Planner:
    def __init__(self, seed: int, registry: Registry) -> None:
        self.rng = stream(seed, "requests")
        self.registry = registry
        self.logins: set[str] = set()
        self.emails: set[str] = set()
        self.normalized_numbers = {normalize_contract_number(c.number) for c in registry.contracts}
        counterparties = registry.counterparties
        contracts = registry.contracts
        self.eligible = [
            c.index
            for c in counterparties
            if c.is_active and any(contracts[i].status == "active" for i in c.contracts)
        ]
        self.rng.shuffle(self.eligible)
        self.pool = list(self.eligible)
        self._pair: RequestPlan | None = None

    # People and accounts

    def _login(self, who: names.Person) -> str:
        last, first = names.translit(who.last_name), names.translit(who.first_name)
        patronymic = names.translit(who.patronymic)
        candidates = [
            f"{last}.{first[:1]}{patronymic[:1]}",
            f"{first}.{last}",
            f"{last}_{first[:1]}",
        ]
        self.rng.shuffle(candidates)
        candidates.append(f"{last}{self.rng.randint(1, 99)}")
        for candidate in candidates:
            if candidate not in self.logins:
                self.logins.add(candidate)
                return candidate
        serial = 2
        while f"{candidates[0]}{serial}" in self.logins:
            serial += 1
        self.logins.add(f"{candidates[0]}{serial}")
        return f"{candidates[0]}{serial}"

    def _email(self, who: names.Person, domain: str) -> str:
        last, first = names.translit(who.last_name), names.translit(who.first_name)
        local = f"{first[:1]}.{last}" if self.rng.random() < 0.6 else f"{last}.{first}"
        email = f"{local}@{domain}"
        serial = 1
        while email in self.emails:
            serial += 1
            email = f"{local}{serial}@{domain}"
        self.emails.add(email)
        return email

    def _form(
        self,
        counterparty: CounterpartySpec,
        contracts: list[ContractSpec],
        *,
        mail_domain: str | None = None,
    ) -> RegistrationForm:
        rng = self.rng
        if counterparty.person is not None and rng.random() < 0.85:
            who = counterparty.person  # the sole proprietor registers himself
        else:
            who = names.person(rng)
        return self._person_form(who, counterparty, contracts, mail_domain)

    def _person_form(
        self,
        who: names.Person,
        counterparty: CounterpartySpec,
        contracts: list[ContractSpec],
        mail_domain: str | None,
    ) -> RegistrationForm:
        rng = self.rng
        domain = mail_domain or counterparty.domain or rng.choice(names.FREE_MAIL_DOMAINS)
        return RegistrationForm(
            login=self._login(who),
            email=self._email(who, domain),
            password=DEMO_PASSWORD,
            first_name=who.first_name,
            last_name=who.last_name,
            patronymic=who.patronymic if rng.random() < 0.92 else None,
            phone=names.mobile(rng),
            org_type=counterparty.org_type,
            inn=counterparty.inn,
            kpp=counterparty.kpp,
            org_name=counterparty.short_name,
            existing_counterparty=True,
            contract_numbers=[c.number for c in contracts],
        )

    # Registry look-ups

    def _take(
        self, predicate: Callable[[CounterpartySpec], bool] | None = None
    ) -> CounterpartySpec | None:
        """A counterparty no other request uses yet (so no accidental duplicates)."""
        counterparties = self.registry.counterparties
        for position in range(len(self.pool) - 1, -1, -1):
            candidate = counterparties[self.pool[position]]
            if predicate is None or predicate(candidate):
                self.pool.pop(position)
                return candidate
        if predicate is None and self.eligible:  # only at tiny scales: reuse
            return counterparties[self.rng.choice(self.eligible)]
        return None

    def _contracts(
        self, counterparty: CounterpartySpec, status: str = "active"
    ) -> list[ContractSpec]:
        return [
            self.registry.contracts[i]
            for i in counterparty.contracts
            if self.registry.contracts[i].status == status
        ]

    def _some_active(self, counterparty: CounterpartySpec) -> list[ContractSpec]:
        active = self._contracts(counterparty)
        count = min(len(active), self.rng.choices((1, 2, 3), (70, 22, 8))[0])
        return self.rng.sample(active, count)

    def _fresh_number(self, like: str | None = None) -> str:
        """A contract number that exists nowhere: a typo of ``like`` or a made-up one."""
        rng = self.rng
        for _ in range(100):
            if like and any(ch.isdigit() for ch in like):
                digits = [i for i, ch in enumerate(like) if ch.isdigit()]
                i, j = sorted(rng.sample(digits, 2)) if len(digits) > 1 else (digits[0], digits[0])
                chars = list(like)
                chars[i], chars[j] = chars[j], chars[i]
                if chars == list(like):
                    chars[i] = str((int(chars[i]) + rng.randint(1, 9)) % 10)
                candidate = "".join(chars)
            else:
                candidate = f"ЭС-{rng.randint(5000, 9999):04d}/{rng.randint(19, 26)}"
            if normalize_contract_number(candidate) not in self.normalized_numbers:
                return candidate
            like = None
        raise RuntimeError("could not invent an unused contract number")

    def _new_company(self) -> tuple[str, str, str, str]:
        """ИНН, КПП, name and mail domain of an organisation that is not a counterparty."""
        city = self.rng.choice(names.CITIES)
        inn = new_inn10(self.rng, city.tax_office, self.registry.used_inns)
        form = self.rng.choice(names.LEGAL_FORMS[:4])
        core = names.commercial_name(self.rng)
        _, short = names.org_names(form, core)
        return (
            inn,
            f"{city.tax_office}01001",
            short,
            names.company_domain(core, city, len(self.emails)),
        )

    # Times

    def _pending_times(self) -> tuple[datetime, datetime]:
        """When a waiting request was submitted and confirmed: mostly within the deadline,
        some overdue (see ``WITHIN_DEADLINE_MINUTES``)."""
        rng = self.rng
        if rng.random() < OVERDUE_SHARE:
            age = rng.randint(OVERDUE_DAYS[0] * 1440, OVERDUE_DAYS[1] * 1440)
        else:
            age = rng.randint(*WITHIN_DEADLINE_MINUTES)
        submitted = NOW - timedelta(minutes=age)
        confirmed = min(
            submitted + timedelta(minutes=rng.randint(2, 240)), NOW - timedelta(minutes=1)
        )
        return submitted, confirmed

    def _plan(
        self,
        case: str,
        counterparty: CounterpartySpec | None,
        form: RegistrationForm,
        resolved: list[int | None],
        status: str = "pending",
    ) -> RequestPlan:
        submitted, confirmed = self._pending_times()
        return RequestPlan(
            case=case,
            status=status,
            form=form,
            submitted_at=submitted,
            confirmed_at=confirmed,
            counterparty=counterparty.index if counterparty else None,
            resolved=resolved,
        )

    # Cases

    def clean(self, case: str = "clean_legal_entity", **kwargs: Any) -> RequestPlan | None:
        predicate = kwargs.pop("predicate", None)
        counterparty = self._take(predicate)
        if counterparty is None:
            return None
        contracts = self._some_active(counterparty)
        form = self._form(counterparty, contracts, **kwargs)
        return self._plan(case, counterparty, form, [c.index for c in contracts])

    def build(self, case: str) -> RequestPlan | None:
        """A pending request of the given case, or None when the registry has no fit."""
        if case in _CLEAN_CASES:
            predicate, domain = _CLEAN_CASES[case]
            return self.clean(case, predicate=predicate, mail_domain=domain)
        if case in _REQUISITE_FLAWS:
            return self._requisite_flaw(case)
        if case.startswith("contract_number_"):
            return self._number_variant(case)
        builder: Callable[[str], RequestPlan | None] = {
            "email_not_confirmed": self._email_not_confirmed,
            "already_has_access": self._already_has_access,
            "inn_not_in_registry": self._new_company_request,
            "existing_flag_ticked_not_found": self._new_company_request,
            "contract_terminated": self._contract_status,
            "contract_suspended": self._contract_status,
            "contract_other_counterparty": self._other_counterparty,
            "contract_not_found": self._unknown_number,
            "contracts_one_good_one_unknown": self._unknown_number,
            "duplicate_open_request_first": self._duplicate_first,
            "duplicate_open_request_second": self._duplicate_second,
        }[case]
        return builder(case)

    def _email_not_confirmed(self, case: str) -> RequestPlan | None:
        plan = self.clean(case)
        if plan is not None:
            plan.status = "email_unconfirmed"
            plan.submitted_at = NOW - timedelta(minutes=self.rng.randint(5, 2 * 1440))
            plan.confirmed_at = None
        return plan

    def _already_has_access(self, case: str) -> RequestPlan | None:
        plan = self.clean(case)
        if plan is not None:
            plan.extra_access = plan.resolved[0]  # granted by phone before the decision
        return plan

    def _new_company_request(self, case: str) -> RequestPlan | None:
        inn, kpp, name, domain = self._new_company()
        # Any legal entity serves as a template; every requisite is then replaced.
        template = self.registry.counterparties[0]
        form = self._person_form(names.person(self.rng), template, [], domain)
        form.inn, form.kpp, form.org_name, form.org_type = inn, kpp, name, "legal_entity"
        form.existing_counterparty = case == "existing_flag_ticked_not_found"
        form.contract_numbers = [self._fresh_number()]
        return self._plan(case, None, form, [None])

    def _contract_status(self, case: str) -> RequestPlan | None:
        """Terminated: typed with an active one; suspended: alone."""
        status = "terminated" if case == "contract_terminated" else "suspended"
        counterparty = self._take(lambda c: bool(self._contracts(c, status)))
        if counterparty is None:
            return None
        typed = self._contracts(counterparty, status)[:1]
        if status == "terminated":
            typed = [self._contracts(counterparty)[0], *typed]
        form = self._form(counterparty, typed)
        return self._plan(case, counterparty, form, [c.index for c in typed])

    def _other_counterparty(self, case: str) -> RequestPlan | None:
        plan = self.clean(case)
        if plan is None or plan.counterparty is None:
            return plan
        mine = self.registry.counterparties[plan.counterparty]
        while True:  # most contracts are active and someone else's: this ends at once
            other = self.rng.choice(self.registry.contracts)
            owner = self.registry.counterparties[other.counterparty]
            if other.status == "active" and owner.inn != mine.inn:
                break
        plan.form.contract_numbers = [other.number]
        plan.resolved = [other.index]
        return plan

    def _unknown_number(self, case: str) -> RequestPlan | None:
        plan = self.clean(case)
        if plan is None:
            return plan
        typo = self._fresh_number(plan.form.contract_numbers[0])
        if case == "contract_not_found":
            plan.form.contract_numbers, plan.resolved = [typo], [None]
        else:
            plan.form.contract_numbers = [plan.form.contract_numbers[0], typo]
            plan.resolved = [plan.resolved[0], None]
        return plan

    def _duplicate_first(self, case: str) -> RequestPlan | None:
        self._pair = self.clean(case)
        return self._pair

    def _duplicate_second(self, case: str) -> RequestPlan | None:
        """Another employee of the same organisation asks for the same contracts."""
        first = self._pair
        if first is None:
            return None
        counterparty = self.registry.counterparties[first.counterparty or 0]
        typed = [self.registry.contracts[i] for i in first.resolved if i is not None]
        return self._plan(case, counterparty, self._form(counterparty, typed), list(first.resolved))

    def _requisite_flaw(self, case: str) -> RequestPlan | None:
        """A clean request with one requisite or the name typed wrong."""
        sole = case in ("inn_10_digits_for_sole_proprietor", "kpp_for_sole_proprietor")
        plan = self.clean(case, predicate=_is_sole if sole else _is_legal)
        if plan is None:
            return None
        _REQUISITE_FLAWS[case](
            self, plan.form, self.registry.counterparties[plan.counterparty or 0]
        )
        return plan

    def _number_variant(self, case: str) -> RequestPlan | None:
        def fits(number: str) -> bool:
            if case == "contract_number_dash_variants":
                return "-" in number
            if case == "contract_number_lowercase":
                return any(ch.isalpha() for ch in number)
            if case == "contract_number_latin_lookalikes":
                return number.translate(_LATIN_LOOKALIKES) != number
            return True

        def has_fitting(c: CounterpartySpec) -> bool:
            return any(fits(contract.number) for contract in self._contracts(c))

        counterparty = self._take(has_fitting)
        if counterparty is None:
            return None
        contract = next(c for c in self._contracts(counterparty) if fits(c.number))
        if case == "contract_number_dash_variants":
            typed = contract.number.replace("-", self.rng.choice(("\u2013", "\u2212", "\u2014")))
        elif case == "contract_number_lowercase":
            typed = contract.number.lower()
        elif case == "contract_number_latin_lookalikes":
            typed = contract.number.translate(_LATIN_LOOKALIKES)
        else:
            typed = _number_with_spaces(contract.number, self.rng)
        if normalize_contract_number(typed) != normalize_contract_number(contract.number):
            raise RuntimeError(f"variant {typed!r} of {contract.number!r} does not normalise back")
        form = self._form(counterparty, [contract])
        form.contract_numbers = [typed]
        return self._plan(case, counterparty, form, [contract.index])

    # Decided requests

    def decide(self, plan: RequestPlan, status: str, decided_at: datetime) -> None:
        rng = self.rng
        plan.status = status
        plan.decided_by = rng.choices(VERIFIERS, (55, 35, 10))[0]
        plan.decided_at = decided_at
        plan.submitted_at = decided_at - timedelta(minutes=rng.randint(60, 6 * 1440))
        plan.confirmed_at = plan.submitted_at + timedelta(minutes=rng.randint(2, 180))

    def approved(self, decided_at: datetime) -> RequestPlan | None:
        plan = self.clean("approved")
        if plan is None:
            return None
        self.decide(plan, "approved", decided_at)
        plan.granted = [True] * len(plan.resolved)
        if self.rng.random() < 0.08:  # one more number that matched nothing: refused
            plan.form.contract_numbers.append(self._fresh_number(plan.form.contract_numbers[0]))
            plan.resolved.append(None)
            plan.granted.append(False)
        if self.rng.random() < 0.8:
            span = max(60, int((NOW - decided_at).total_seconds() // 60))
            plan.last_login_at = decided_at + timedelta(minutes=self.rng.randint(30, span))
        return plan

    def many_contracts(self, decided_at: datetime) -> RequestPlan | None:
        """A large company's representative typing nearly all of its active contracts (the
        rest are granted later by an administrator, see ``portal_acts``)."""

        def large(counterparty: CounterpartySpec) -> bool:
            active = len(self._contracts(counterparty))
            return active >= portal_acts.MANY_CONTRACTS + portal_acts.LATER_GRANTS

        counterparty = self._take(large)
        if counterparty is None:
            return None
        active = self._contracts(counterparty)
        typed = active[: min(len(active) - portal_acts.LATER_GRANTS, portal_acts.MOST_CONTRACTS)]
        form = self._form(counterparty, typed)
        plan = self._plan("many_contracts", counterparty, form, [c.index for c in typed])
        self.decide(plan, "approved", decided_at)
        plan.granted = [True] * len(typed)
        plan.last_login_at = decided_at + timedelta(days=self.rng.randint(1, 30))
        return plan

    def rejected(self, decided_at: datetime, approved: list[RequestPlan]) -> RequestPlan | None:
        code = self.rng.choices(tuple(REJECTION_REASONS), _REJECTION_WEIGHTS)[0]
        source = {
            "INN_NOT_FOUND": "inn_not_in_registry",
            "CONTRACT_OTHER_ORGANISATION": "contract_other_counterparty",
            "CONTRACT_TERMINATED": "contract_terminated",
            "NAME_MISMATCH": "name_mismatch",
        }.get(code, "clean_legal_entity")
        if code == "DUPLICATE" and approved:
            earlier = self.rng.choice(approved)
            counterparty = self.registry.counterparties[earlier.counterparty or 0]
            typed = [self.registry.contracts[i] for i in earlier.resolved if i is not None][:1]
            plan: RequestPlan | None = self._plan(
                "rejected", counterparty, self._form(counterparty, typed), [c.index for c in typed]
            )
            assert earlier.decided_at is not None
            decided_at = _between(
                self.rng,
                earlier.decided_at + timedelta(days=1),
                max(NOW - timedelta(hours=2), earlier.decided_at + timedelta(days=1)),
            )
        else:
            plan = self.build(source)
            if plan is None:
                code, plan = "NO_AUTHORITY", self.clean()
        if plan is None:
            return None
        plan.case = "rejected"
        self.decide(plan, "rejected", decided_at)
        number = next(iter(plan.form.contract_numbers[-1:]), "")
        plan.reason_code = code
        plan.decision_reason = REJECTION_REASONS[code].format(inn=plan.form.inn, number=number)
        plan.granted = [False] * len(plan.resolved)
        return plan

    def needs_info(self, decided_at: datetime) -> RequestPlan | None:
        case = self.rng.choice(tuple(NEEDS_INFO_MESSAGES))
        plan = self.build(case)
        if plan is None:
            return None
        plan.case = "needs_info"
        self.decide(plan, "needs_info", decided_at)
        number = plan.form.contract_numbers[-1] if plan.form.contract_numbers else ""
        plan.decision_reason = NEEDS_INFO_MESSAGES[case].format(number=number)
        return plan


def _is_legal(counterparty: CounterpartySpec) -> bool:
    return counterparty.org_type == "legal_entity"


def _is_sole(counterparty: CounterpartySpec) -> bool:
    return counterparty.org_type == "sole_proprietor"


# Clean cases: which counterparties fit, and the mail domain when it is the point.
_CLEAN_CASES: dict[str, tuple[Callable[[CounterpartySpec], bool], str | None]] = {
    "clean_legal_entity": (_is_legal, None),
    "sole_proprietor_clean": (_is_sole, None),
    "kpp_with_letters": (lambda c: bool(c.kpp and not c.kpp.isdigit()), None),
    "branch_kpp": (lambda c: c.head is not None, None),
    "free_mail_mail_ru": (_is_legal, "mail.ru"),
    "free_mail_yandex_ru": (_is_legal, "yandex.ru"),
    "free_mail_gmail_com": (_is_legal, "gmail.com"),
    "user_blocked": (_is_legal, None),
}

_Flaw = Callable[[_Planner, RegistrationForm, CounterpartySpec], None]


def _bad_check_digit(planner: _Planner, form: RegistrationForm, _: CounterpartySpec) -> None:
    form.inn = form.inn[:-1] + str((int(form.inn[-1]) + planner.rng.randint(1, 9)) % 10)


def _personal_inn(planner: _Planner, form: RegistrationForm, owner: CounterpartySpec) -> None:
    # The director's own ИНН typed instead of the company's.
    form.inn = new_inn12(planner.rng, owner.city.tax_office, planner.registry.used_inns)


def _company_inn(planner: _Planner, form: RegistrationForm, owner: CounterpartySpec) -> None:
    form.inn = new_inn10(planner.rng, owner.city.tax_office, planner.registry.used_inns)


def _other_kpp(planner: _Planner, form: RegistrationForm, owner: CounterpartySpec) -> None:
    taken = {c.kpp for c in planner.registry.counterparties if c.inn == owner.inn}
    office = next(c.tax_office for c in names.CITIES if f"{c.tax_office}01001" not in taken)
    form.kpp = f"{office}01001"


def _other_name(planner: _Planner, form: RegistrationForm, owner: CounterpartySpec) -> None:
    core = owner.core
    while core == owner.core:
        core = names.commercial_name(planner.rng)
    form.org_name = f"{owner.form} «{core}»"


def _set(**values: Any) -> _Flaw:
    def flaw(_planner: _Planner, form: RegistrationForm, owner: CounterpartySpec) -> None:
        for name, value in values.items():
            setattr(form, name, value(owner) if callable(value) else value)

    return flaw


_REQUISITE_FLAWS: dict[str, _Flaw] = {
    "inn_bad_check_digit": _bad_check_digit,
    "inn_12_digits_for_legal_entity": _personal_inn,
    "inn_10_digits_for_sole_proprietor": _company_inn,
    "kpp_missing": _set(kpp=None),
    "kpp_malformed": _set(kpp=lambda c: (c.kpp or "502401001")[:8]),
    "kpp_for_sole_proprietor": _set(kpp=lambda c: f"{c.city.tax_office}01001"),
    "kpp_mismatch": _other_kpp,
    "name_mismatch": _other_name,
    "name_quotes_and_case": _set(org_name=lambda c: f'{c.form} "{c.core.upper()}"'),
    "name_full_legal_form": _set(
        org_name=lambda c: c.full_name.replace("«", '"').replace("»", '"')
    ),
    "existing_flag_unticked_but_found": _set(existing_counterparty=False),
}


def _between(rng: random.Random, first: datetime, last: datetime) -> datetime:
    span = int((last - first).total_seconds())
    return first + timedelta(seconds=rng.randint(0, max(span, 0)))


def _counts(scale: float) -> dict[str, int]:
    return {
        "pending": scaled(5000, scale, len(CRAFTED_CASES) + 20),
        "approved": scaled(3000, scale, 12),
        "rejected": scaled(400, scale, 6),
        "needs_info": scaled(150, scale, 4),
        "in_review": scaled(40, scale, 4),
        "email_unconfirmed": scaled(250, scale, 3),
        "expired": scaled(200, scale, 4),
        "many_contracts": scaled(8, scale, 2),
    }


def plan_requests(seed: int, registry: Registry, scale: float) -> RequestsPlan:
    """Every request of the demo world, in the order the portal received them."""
    planner = _Planner(seed, registry)
    counts = _counts(scale)
    # Decided requests first: they took the first counterparties years ago.
    plans = _decided(planner, counts)
    # Crafted cases: one each, then the ordinary queue with its share of problems.
    for case in CRAFTED_CASES:
        plan = planner.build(case)
        if plan is None:
            raise RuntimeError(f"the registry has no counterparty for the case {case}")
        plans.append(plan)
    plans += _open(planner, counts)
    plans += _expired(planner, counts["expired"])
    plans.sort(key=lambda p: (p.submitted_at, p.form.login))
    portal_acts.plan_acts(seed, registry, plans)
    return RequestsPlan(plans)


def _decided(planner: _Planner, counts: dict[str, int]) -> list[RequestPlan]:
    rng = planner.rng
    # Large companies first: the registry has only so many with a dozen contracts or more.
    plans = [
        plan
        for _ in range(counts["many_contracts"])
        if (plan := planner.many_contracts(NOW - timedelta(days=rng.randint(60, 700))))
    ]
    approved: list[RequestPlan] = []
    start = datetime(2021, 6, 1, tzinfo=NOW.tzinfo)
    for _ in range(counts["approved"]):
        plan = planner.approved(_between(rng, start, NOW - timedelta(hours=1)))
        if plan is not None:
            approved.append(plan)
    plans += approved
    for number in range(counts["rejected"]):
        # Refusals over the years, a third of them in the last months, the first in the last
        # weeks: for the retention period, most records are due, some not yet.
        if number == 0:
            first = NOW - timedelta(days=25)
        elif number % 3 == 1:
            first = NOW - timedelta(days=150)
        else:
            first = datetime(2022, 1, 10, tzinfo=NOW.tzinfo)
        decided = _between(rng, first, NOW - timedelta(hours=2))
        if (plan := planner.rejected(decided, approved)) is not None:
            plans.append(plan)
    for _ in range(counts["needs_info"]):
        decided = NOW - timedelta(minutes=rng.randint(30, 40 * 1440))
        if (plan := planner.needs_info(decided)) is not None:
            plans.append(plan)
    return plans


def _open(planner: _Planner, counts: dict[str, int]) -> list[RequestPlan]:
    """The ordinary queue, the requests being looked at now, the unconfirmed e-mails."""
    rng = planner.rng
    plans: list[RequestPlan] = []
    cases, weights = zip(*_QUEUE_MIX, strict=True)
    for _ in range(counts["pending"] - len(CRAFTED_CASES) + 1):
        plan = planner.build(rng.choices(cases, weights)[0]) or planner.clean()
        if plan is not None:
            plan.case = f"queue:{plan.case}"
            plans.append(plan)
    for _ in range(counts["in_review"]):
        if (plan := planner.build(rng.choices(cases, weights)[0]) or planner.clean()) is None:
            continue
        plan.case = f"in_review:{plan.case}"
        plan.status = "in_review"
        plan.claimed_by = rng.choices(VERIFIERS[:2], (70, 30))[0]
        plan.claimed_at = NOW - timedelta(minutes=rng.randint(1, 12))
        plan.claim_expires_at = plan.claimed_at + DEFAULT_LEASE
        plans.append(plan)
    lapsed = next(p for p in reversed(plans) if p.status == "in_review")
    lapsed.claimed_at = NOW - timedelta(hours=3)  # a lease nobody renewed: can be taken over
    lapsed.claim_expires_at = lapsed.claimed_at + DEFAULT_LEASE
    for _ in range(counts["email_unconfirmed"]):
        if (plan := planner.clean("email_unconfirmed")) is None:
            continue
        plan.status = "email_unconfirmed"
        plan.submitted_at = NOW - timedelta(minutes=rng.randint(3, 3 * 1440))
        plan.confirmed_at = None
        plans.append(plan)
    return plans


def _expired(planner: _Planner, count: int) -> list[RequestPlan]:
    """Never confirmed the e-mail: expired by the queue's ``expire_unconfirmed``."""
    rng = planner.rng
    plans: list[RequestPlan] = []
    for number in range(count):
        if (plan := planner.clean("expired")) is None:
            continue
        plan.status = "expired"
        plan.decided_by = "admin"
        # Expired over the past months (due for anonymisation after the retention period),
        # the first within the last weeks (not yet due).
        oldest = 20 if number == 0 else 330
        plan.submitted_at = NOW - timedelta(
            days=rng.randint(10, oldest), minutes=rng.randint(0, 1440)
        )
        plan.confirmed_at = None
        plan.decided_at = plan.submitted_at + timedelta(
            days=DEFAULT_UNCONFIRMED_DAYS, hours=rng.randint(1, 30)
        )
        plan.granted = [False] * len(plan.resolved)
        plans.append(plan)
    return plans


# --- Execution ---------------------------------------------------------------------------------


@dataclass
class Created:
    plan: RequestPlan
    request_id: int
    user_id: int
    line_ids: list[int]


_ANALYZE_AFTER = frozenset((200, 1000, 3000, 6000, 12000, 25000))


def demo_password_hash() -> str:
    return hash_password(DEMO_PASSWORD, salt=_DEMO_SALT)


def submit_all(connection: Connection, plans: list[RequestPlan], stage: Stage) -> list[Created]:
    """Every request through the portal's own intake: submit, then confirm the e-mail."""
    password_hash = demo_password_hash()
    postgresql = connection.dialect.name == "postgresql"
    created: list[Created] = []
    # Joined to the caller's transaction: closing the session neither commits nor rolls it back.
    session = Session(bind=connection)
    try:
        for number, plan in enumerate(plans, start=1):
            request_id = submit_registration(
                session, plan.form, submitted_at=plan.submitted_at, password_hash=password_hash
            )
            request = session.get_one(RegistrationRequest, request_id)
            if plan.confirmed_at is not None:
                # Set explicitly: otherwise the column's onupdate would stamp the real clock.
                request.updated_at = plan.confirmed_at
                confirm_email(session, request_id, confirmed_at=plan.confirmed_at)
            created.append(
                Created(plan, request_id, request.portal_user_id, [c.id for c in request.contracts])
            )
            if number % 500 == 0:
                session.expunge_all()  # keep the identity map small
            if postgresql and number in _ANALYZE_AFTER:
                # Intake looks logins up by lower(login); on a table that was empty when the
                # transaction began the planner would scan it sequentially for every request.
                connection.execute(text("ANALYZE portal_user, registration_request"))
            stage.advance()
        session.flush()
    finally:
        session.close()
    return created


MAIL_COLUMNS = (
    "id", "to_address", "to_name", "subject", "body_text", "body_html", "template", "entity",
    "entity_id", "status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at",
)  # fmt: skip


@dataclass
class Decisions:
    """The audit events and outbox mail the decisions cause, written after them."""

    audit: list[dict[str, Any]] = field(default_factory=list)
    mail: list[tuple[Any, ...]] = field(default_factory=list)


def _audit(
    when: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "occurred_at": when,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "details": details or {},
    }


_ACTIONS = {"approved": "approve", "rejected": "reject", "needs_info": "return_for_clarification"}


def _refused_numbers(plan: RequestPlan) -> list[str]:
    """Typed numbers that were not granted, as the queue lists them."""
    pairs = zip(plan.form.contract_numbers, plan.granted, strict=True)
    return [typed.strip() for typed, ok in pairs if not ok]


def _rendered_mail(plan: RequestPlan, granted: list[str]) -> mail_templates.RenderedMail:
    """The applicant's e-mail, from the same templates the queue's decisions use."""
    form = plan.form
    if plan.status == "approved":
        return mail_templates.approved(
            first_name=form.first_name,
            patronymic=form.patronymic,
            login=form.login,
            granted=granted,
            refused=_refused_numbers(plan),
        )
    if plan.status == "rejected":
        return mail_templates.rejected(
            first_name=form.first_name,
            patronymic=form.patronymic,
            reason=plan.decision_reason or "",
        )
    return mail_templates.needs_info(
        first_name=form.first_name, patronymic=form.patronymic, message=plan.decision_reason or ""
    )


class _Writes:
    """Parameter rows for the batched statements that record the decisions."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.users: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.grants: list[dict[str, Any]] = []
        # (when, request id, mail fields, the audit event that names the mail)
        self.mail: list[tuple[datetime, int, dict[str, Any], dict[str, Any]]] = []
        self.audit: list[dict[str, Any]] = []


def _record_decision(
    item: Created, registry: Registry, writes: _Writes, live: dict[int, dict[str, Any]]
) -> str | None:
    """What the queue's claim and decision write for one request, as of its dates; the
    user's status the decision leaves (None: unchanged). The grants land in ``live``."""
    plan = item.plan
    contracts = registry.contracts
    decided = plan.status in ("approved", "rejected")
    counterparty = (
        registry.counterparties[plan.counterparty] if plan.counterparty is not None else None
    )
    writes.requests.append(
        {
            "b_id": item.request_id,
            "b_status": plan.status,
            "b_claimed_by": plan.claimed_by,
            "b_claimed_at": plan.claimed_at,
            "b_claim_expires_at": plan.claim_expires_at,
            "b_decided_by": plan.decided_by,
            "b_decided_at": plan.decided_at,
            "b_decision_reason": plan.decision_reason,
            "b_reason_code": plan.reason_code,
            "b_counterparty_id": counterparty.id
            if counterparty and plan.status == "approved"
            else None,
            "b_updated_at": plan.decided_at or plan.claimed_at or plan.submitted_at,
        }
    )
    if plan.status == "in_review":
        assert plan.claimed_at is not None and plan.claimed_by is not None
        writes.audit.append(
            _audit(
                plan.claimed_at,
                plan.claimed_by,
                "claim",
                "registration_request",
                item.request_id,
                details={"taken_over": False},
            )
        )
        return None
    assert plan.decided_at is not None and plan.decided_by is not None
    if plan.status == "expired":
        for line_id in item.line_ids:
            writes.lines.append({"b_id": line_id, "b_contract_id": None, "b_decision": "refused"})
        return None
    claimed = plan.decided_at - timedelta(minutes=item.request_id % 40 + 3)
    writes.audit.append(
        _audit(
            claimed,
            plan.decided_by,
            "claim",
            "registration_request",
            item.request_id,
            details={"taken_over": False},
        )
    )
    granted_numbers: list[str] = []
    if decided:
        for line_id, index, granted in zip(item.line_ids, plan.resolved, plan.granted, strict=True):
            # Approval records the contract each typed number matched; a refusal does not.
            matched = index is not None and plan.status == "approved"
            writes.lines.append(
                {
                    "b_id": line_id,
                    "b_contract_id": contracts[index].id if matched and index is not None else None,
                    "b_decision": "granted" if granted else "refused",
                }
            )
            if granted and index is not None:
                granted_numbers.append(contracts[index].number)
                row = portal_acts.access_row(
                    item.user_id,
                    contracts[index].id,
                    item.request_id,
                    plan.decided_by,
                    plan.decided_at,
                )
                writes.grants.append(row)
                live[index] = row
    details: dict[str, Any] = {}
    if plan.status == "approved":
        details = {"granted": granted_numbers, "refused": _refused_numbers(plan)}
    elif plan.status == "rejected":
        details = {"reason_code": plan.reason_code}
    action = _ACTIONS[plan.status]
    event = _audit(
        plan.decided_at,
        plan.decided_by,
        action,
        "registration_request",
        item.request_id,
        details=details,
    )
    writes.audit.append(event)
    rendered = _rendered_mail(plan, granted_numbers)
    form = plan.form
    mail = {
        "to_address": form.email,
        "to_name": mail_templates.recipient_name(
            form.last_name, form.first_name, form.patronymic, limit=TO_NAME_LENGTH
        ),
        "subject": rendered.subject,
        "body_text": rendered.text,
        "body_html": rendered.html,
        "template": rendered.template,
        "entity": "registration_request",
        "entity_id": item.request_id,
        "status": "sent",
        "attempts": 1,
        "next_attempt_at": plan.decided_at,
        "last_error": None,
        "created_at": plan.decided_at,
        "sent_at": plan.decided_at + timedelta(seconds=40 + item.request_id % 50),
    }
    writes.mail.append((plan.decided_at, item.request_id, mail, event))
    return {"approved": "active", "rejected": "rejected"}.get(plan.status)


def _record_account(
    item: Created,
    registry: Registry,
    writes: _Writes,
    status: str | None,
    live: dict[int, dict[str, Any]],
    *,
    granted_before: bool,
) -> None:
    """The administrators' acts on the user, and the user's row as the decision and they
    left it (only when something changed it). ``granted_before``: an administrator granted
    a contract before the decision (already_has_access)."""
    plan = item.plan
    if status is None and not plan.acts and not granted_before:
        return
    state = portal_acts.AccountState(status or "pending", changes=int(granted_before))
    if plan.acts:
        recorded = portal_acts.Recorded(writes.grants, writes.mail, writes.audit)
        state = portal_acts.record_acts(item, registry, state, live, recorded)
    writes.users.append(
        {
            "b_id": item.user_id,
            "b_status": state.status,
            "b_last_login_at": plan.last_login_at,
            "b_status_before_block": state.status_before_block,
            "b_blocked_at": state.blocked_at,
            "b_blocked_by": state.blocked_by,
            "b_block_reason": state.block_reason,
            # Every change of a user moves its version: the decision's, and each act's.
            "b_changes": state.changes + (status is not None),
        }
    )


def apply_decisions(
    connection: Connection,
    registry: Registry,
    created: list[Created],
    first_mail_id: int,
    *,
    now: datetime,
) -> Decisions:
    """Write the states verifiers left: claims, decisions, grants, user statuses.

    Recorded the way the queue service records them (same codes, audit details and mail
    templates), dated before ``now`` (the plans' moments already moved to it); returns the
    audit events and mail to write after.
    """
    writes = _Writes()
    contracts = registry.contracts
    expired: list[Created] = []
    for item in created:
        plan = item.plan
        live: dict[int, dict[str, Any]] = {}
        if plan.extra_access is not None:
            granted_at = plan.submitted_at + (now - plan.submitted_at) / 2
            contract = contracts[plan.extra_access]
            reason = "Письменное обращение организации до решения по заявке."
            row = portal_acts.access_row(
                item.user_id, contract.id, None, "admin", granted_at, grant_reason=reason
            )
            writes.grants.append(row)
            live[plan.extra_access] = row
            writes.audit.append(
                _audit(
                    granted_at,
                    "admin",
                    "grant_access",
                    "portal_user",
                    item.user_id,
                    details={
                        "contract_number": contract.number,
                        "contract_id": contract.id,
                        "reason": reason,
                    },
                )
            )
        status: str | None = None
        if plan.status not in ("pending", "email_unconfirmed"):
            if plan.status == "expired":
                expired.append(item)
            status = _record_decision(item, registry, writes, live)
        _record_account(
            item, registry, writes, status, live, granted_before=plan.extra_access is not None
        )
    # The queue logs one event per expiry run; here, one run a day.
    runs: dict[Any, list[Created]] = {}
    for item in expired:
        assert item.plan.decided_at is not None
        runs.setdefault(item.plan.decided_at.date(), []).append(item)
    for items in runs.values():
        when = max(item.plan.decided_at or now for item in items)
        ids = [item.request_id for item in items]
        writes.audit.append(
            _audit(
                when,
                "admin",
                "expire_unconfirmed",
                "registration_request",
                None,
                details={"request_ids": ids, "days": DEFAULT_UNCONFIRMED_DAYS},
            )
        )
    _execute_writes(connection, writes)
    return Decisions(audit=writes.audit, mail=_outbox(writes.mail, first_mail_id))


def _execute_writes(connection: Connection, writes: _Writes) -> None:
    request_table = TABLES["registration_request"]
    user_table = TABLES["portal_user"]
    line_table = TABLES["registration_contract"]
    if writes.requests:
        connection.execute(
            request_table.update()
            .where(request_table.c.id == bindparam("b_id"))
            .values(
                status=bindparam("b_status"),
                claimed_by=bindparam("b_claimed_by"),
                claimed_at=bindparam("b_claimed_at"),
                claim_expires_at=bindparam("b_claim_expires_at"),
                decided_by=bindparam("b_decided_by"),
                decided_at=bindparam("b_decided_at"),
                decision_reason=bindparam("b_decision_reason"),
                reason_code=bindparam("b_reason_code"),
                counterparty_id=bindparam("b_counterparty_id"),
                updated_at=bindparam("b_updated_at"),
                # A bulk UPDATE skips the ORM's version check: bump it as the queue does.
                version=request_table.c.version + 1,
            ),
            writes.requests,
        )
    if writes.users:
        connection.execute(
            user_table.update()
            .where(user_table.c.id == bindparam("b_id"))
            .values(
                status=bindparam("b_status"),
                last_login_at=bindparam("b_last_login_at"),
                status_before_block=bindparam("b_status_before_block"),
                blocked_at=bindparam("b_blocked_at"),
                blocked_by=bindparam("b_blocked_by"),
                block_reason=bindparam("b_block_reason"),
                # A bulk UPDATE skips the ORM's version check: move it as the acts do.
                version=user_table.c.version + bindparam("b_changes"),
            ),
            writes.users,
        )
    if writes.lines:
        connection.execute(
            line_table.update()
            .where(line_table.c.id == bindparam("b_id"))
            .values(contract_id=bindparam("b_contract_id"), decision=bindparam("b_decision")),
            writes.lines,
        )
    if writes.grants:
        connection.execute(TABLES["contract_access"].insert(), writes.grants)


def _outbox(
    mail: list[tuple[datetime, int, dict[str, Any], dict[str, Any]]], first_id: int
) -> list[tuple[Any, ...]]:
    """Number the mail in the order it was queued and name it in its decision's audit
    event; the newest messages still wait for the sender, two bounced for good."""
    mail.sort(key=lambda item: (item[0], item[1]))
    rows = []
    for number, (_, _, fields, event) in enumerate(mail):
        fields["id"] = first_id + number
        event["details"]["mail_outbox_id"] = fields["id"]
        if number >= len(mail) - 3:
            fields.update(status="pending", attempts=0, sent_at=None)
        elif number in (len(mail) // 3, len(mail) // 3 + 1):
            fields.update(
                status="failed",
                attempts=5,
                sent_at=None,
                last_error="550 5.1.1 Recipient address rejected: User unknown",
            )
        rows.append(tuple(fields[column] for column in MAIL_COLUMNS))
    return rows


# On PostgreSQL every audit row is stamped with the session user and the clock (migration
# 0001): the invented history's actors and moments would become the loader's and the load's.
# The tables' owner loads the demo, and may set the stamp aside for it within the load's
# transaction (a rollback puts it back with everything else).
_STAMP_TRIGGER = "ALTER TABLE audit_event {} TRIGGER audit_event_stamp"


def write_audit(connection: Connection, events: list[dict[str, Any]]) -> None:
    if not events:
        return
    events.sort(key=lambda e: (e["occurred_at"], e["action"], e["entity_id"] or 0))
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:
        connection.execute(text(_STAMP_TRIGGER.format("DISABLE")))
    connection.execute(TABLES["audit_event"].insert(), events)
    if postgresql:
        connection.execute(text(_STAMP_TRIGGER.format("ENABLE")))


def active_user_ids(created: list[Created]) -> Iterator[tuple[int, RequestPlan]]:
    for item in created:
        if item.plan.status == "approved" and not portal_acts.ends_blocked(item.plan):
            yield item.user_id, item.plan
