"""SQLAlchemy 2 models of the portal database. Import from here."""

from lkk_admin.models.accounts import (
    ContractAccess,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.audit import AuditEvent, MailOutbox
from lkk_admin.models.base import Base
from lkk_admin.models.content import (
    NewsItem,
    NewsRevision,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from lkk_admin.models.registry import (
    Charge,
    ConsumptionObject,
    Contract,
    Counterparty,
    Invoice,
    Meter,
    MeteringPoint,
    MeterReading,
    Payment,
    TariffComponent,
)
from lkk_admin.models.settings import OrganisationSetting

__all__ = [
    "AuditEvent",
    "Base",
    "Charge",
    "ConsumptionObject",
    "Contract",
    "ContractAccess",
    "Counterparty",
    "Invoice",
    "MailOutbox",
    "Meter",
    "MeterReading",
    "MeteringPoint",
    "NewsItem",
    "NewsRevision",
    "OrganisationSetting",
    "Payment",
    "PortalUser",
    "RegistrationContract",
    "RegistrationRequest",
    "Survey",
    "SurveyAnswer",
    "SurveyOption",
    "SurveyQuestion",
    "SurveyResponse",
    "TariffComponent",
]
