"""«Контрагенты и договоры»: the supplier's registry as verifiers browse it, read only.

One search box over counterparties (``search``), the list and one counterparty with its
contracts, users and requests (``counterparties``), one contract with its equipment and
money (``contracts``), one meter's readings (``readings``). Everything returns frozen
dataclasses read inside the caller's session; only revealing a contact writes (its audit
event), and nothing commits.
"""

from lkk_admin.services.registry_browser.contracts import (
    BALANCE_MONTHS,
    BalanceMonth,
    ChargeItem,
    ContractDetail,
    InvoiceItem,
    MeterInfo,
    ObjectInfo,
    PaymentItem,
    PointInfo,
    contract_detail,
)
from lkk_admin.services.registry_browser.counterparties import (
    ORG_TYPE_CHOICE,
    TABS,
    ContractSummary,
    CounterpartyDetail,
    CounterpartyRow,
    RegistrySource,
    RequestSummary,
    UserAccess,
    counterparty_detail,
    counterparty_id_for_inn,
    reveal_counterparty_contact,
)
from lkk_admin.services.registry_browser.readings import (
    MeterReadings,
    MonthConsumption,
    ReadingLine,
    meter_readings,
)
from lkk_admin.services.registry_browser.search import classify, name_key

__all__ = [
    "BALANCE_MONTHS",
    "ORG_TYPE_CHOICE",
    "TABS",
    "BalanceMonth",
    "ChargeItem",
    "ContractDetail",
    "ContractSummary",
    "CounterpartyDetail",
    "CounterpartyRow",
    "InvoiceItem",
    "MeterInfo",
    "MeterReadings",
    "MonthConsumption",
    "ObjectInfo",
    "PaymentItem",
    "PointInfo",
    "ReadingLine",
    "RegistrySource",
    "RequestSummary",
    "UserAccess",
    "classify",
    "contract_detail",
    "counterparty_detail",
    "counterparty_id_for_inn",
    "meter_readings",
    "name_key",
    "reveal_counterparty_contact",
]
