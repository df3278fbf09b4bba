"""The sections of the main window, each described once.

:data:`SECTIONS` holds one :class:`SectionSpec` per section: its key, title, description,
icon, the staff roles that see it and where its screen is made. The main window builds
its navigation, its stacked pages and its Ctrl+1…Ctrl+9 shortcuts from that list. A
screen is named by its import path and loaded when the section is built, so this module
imports no page (and no page's import can loop back here); a section without a screen
yet shows a :class:`SectionFrame`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from lkk_admin import paths

if TYPE_CHECKING:
    from lkk_admin.views.context import AppContext

CONTEXT = "Sections"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate scans for
    """Marks ``text`` for translation in ``context`` (typed, unlike Qt's own)."""
    del context
    return text


@dataclass(frozen=True)
class SectionSpec:
    """One section: ``title`` and ``description`` are English sources for translation."""

    key: str
    title: str
    description: str
    icon: str  # file name under resources/icons
    # Which staff roles see it (services.staff; an administrator has all three). The
    # database's GRANTs are what enforce it; hiding the rest keeps clerks out of dead ends.
    roles: frozenset[str]
    # "module:function" making the screen, ``function(context, spec) -> QWidget``.
    page: str | None = None

    def translated_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def translated_description(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.description)

    def load_icon(self) -> QIcon:
        return QIcon(str(paths.resource_path("icons", self.icon)))

    @property
    def object_name(self) -> str:
        return f"section_{self.key}"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "registration_queue",
        QT_TRANSLATE_NOOP("Sections", "Registration queue"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "Requests of customers who registered on the portal. Claim a request, see "
            "what the applicant entered and the automatic checks of the TIN, KPP and "
            "contract numbers, then approve access to all or some contracts, reject it "
            "with a reason or return it for clarification. The applicant is e-mailed "
            "the outcome.",
        ),
        "queue.svg",
        frozenset({"verifier"}),
        "lkk_admin.views.queue.queue_page:create_page",
    ),
    SectionSpec(
        "queue_overview",
        QT_TRANSLATE_NOOP("Sections", "Queue overview"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "The registration queue at a glance, for the head of the verification group: "
            "waiting requests by age against the deadline, decisions per day and per "
            "verifier, the time to a decision, repeated returns, the most common "
            "rejection reasons and finding codes. Read-only; exported to Excel.",
        ),
        "queue_overview.svg",
        frozenset({"verifier", "admin"}),
        "lkk_admin.views.overview.overview_page:create_page",
    ),
    SectionSpec(
        "counterparties",
        QT_TRANSLATE_NOOP("Sections", "Counterparties and contracts"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "The supplier's registry: counterparties, energy supply contracts, "
            "consumption objects, metering points and meters, readings, charges, "
            "payments and invoices — exactly as the customer sees them on the portal.",
        ),
        "counterparties.svg",
        frozenset({"verifier"}),
        "lkk_admin.views.registry.registry_section:create_page",
    ),
    SectionSpec(
        "portal_users",
        QT_TRANSLATE_NOOP("Sections", "Portal users"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "Accounts of the customer portal: status, confirmed e-mail, access to "
            "contracts, the requests and letters behind them. Administrators block or "
            "unblock a user, grant or revoke access to a contract, and anonymise personal "
            "data kept past their term; verifiers read. Phones and e-mails are masked; "
            "revealing them is recorded in the audit log.",
        ),
        "users.svg",
        frozenset({"verifier"}),
        "lkk_admin.views.portal_users.users_page:create_page",
    ),
    SectionSpec(
        "news",
        QT_TRANSLATE_NOOP("Sections", "News"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "News and reference articles of the portal: write a draft, preview it, "
            "publish it now or at a set time, pin it, archive it. Every saved version is "
            "kept: compare two, restore one.",
        ),
        "news.svg",
        frozenset({"editor"}),
        "lkk_admin.views.news.news_page:create_page",
    ),
    SectionSpec(
        "surveys",
        QT_TRANSLATE_NOOP("Sections", "Surveys"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "Surveys of portal customers: build one from questions with one or several "
            "choices, free text and ratings, open and close it now or at a set time, and "
            "read the results with charts — split by the kind of customer who answered — "
            "on screen, in Excel and in PDF.",
        ),
        "surveys.svg",
        frozenset({"editor"}),
        "lkk_admin.views.surveys.survey_page:create_page",
    ),
    SectionSpec(
        "reports",
        QT_TRANSLATE_NOOP("Sections", "Reports"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "The reports a customer gets from the portal — consumption report, "
            "settlement statement, tariff components certificate — previewed, saved "
            "as PDF and printed exactly as the customer sees them.",
        ),
        "reports.svg",
        frozenset({"verifier"}),
        "lkk_admin.views.reports.reports_page:create_page",
    ),
    SectionSpec(
        "audit_log",
        QT_TRANSLATE_NOOP("Sections", "Audit log"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "Who did what and when: every decision on a request, every access change, "
            "publication and revealed personal data. The log is append-only: nobody can "
            "edit or delete its entries.",
        ),
        "audit.svg",
        frozenset({"verifier", "editor", "admin"}),
        "lkk_admin.views.audit.audit_section:create_page",
    ),
    SectionSpec(
        "mail_outbox",
        QT_TRANSLATE_NOOP("Sections", "Outgoing mail"),
        QT_TRANSLATE_NOOP(
            "Sections",
            "Letters to customers waiting to be sent, sent and failed: the recipient, "
            "the subject, the number of attempts and the last error; resend a failed "
            "letter.",
        ),
        "mail.svg",
        frozenset({"verifier"}),
        "lkk_admin.views.outbox.outbox_page:create_page",
    ),
)


def section_by_key(key: str) -> SectionSpec | None:
    return next((spec for spec in SECTIONS if spec.key == key), None)


def sections_for(roles: frozenset[str]) -> tuple[SectionSpec, ...]:
    """The sections a staff member with ``roles`` may use, in the usual order."""
    return tuple(spec for spec in SECTIONS if spec.roles & roles)


class SectionFrame(QWidget):
    """A section's page: title, description and the area its screen will occupy."""

    def __init__(self, spec: SectionSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(spec.object_name)

        self.title_label = QLabel(spec.translated_title())
        self.title_label.setObjectName("sectionTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)

        self.description_label = QLabel(spec.translated_description())
        self.description_label.setObjectName("sectionDescription")
        self.description_label.setWordWrap(True)

        self.placeholder = QFrame()
        self.placeholder.setObjectName("sectionPlaceholder")
        self.placeholder.setFrameShape(QFrame.Shape.StyledPanel)
        self.placeholder.setFrameShadow(QFrame.Shadow.Sunken)
        picture = QLabel()
        picture.setPixmap(
            spec.load_icon().pixmap(QSize(72, 72), QIcon.Mode.Disabled, QIcon.State.Off)
        )
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        note = QLabel(self.tr("This section is being developed."))
        note.setObjectName("placeholderNote")
        note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        note.setEnabled(False)
        placeholder_layout = QVBoxLayout(self.placeholder)
        placeholder_layout.addStretch(1)
        placeholder_layout.addWidget(picture)
        placeholder_layout.addSpacing(8)
        placeholder_layout.addWidget(note)
        placeholder_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.description_label)
        layout.addWidget(self.placeholder, 1)


SectionFactory = Callable[["AppContext", SectionSpec], QWidget]


def page_factory(spec: SectionSpec) -> SectionFactory | None:
    """The function that makes the section's screen (its module loaded now), if any."""
    if spec.page is None:
        return None
    module_name, _, function = spec.page.partition(":")
    return cast(SectionFactory, getattr(importlib.import_module(module_name), function))


def build_section(context: AppContext, spec: SectionSpec) -> QWidget:
    factory = page_factory(spec)
    if factory is None:
        return SectionFrame(spec)
    widget = factory(context, spec)
    widget.setObjectName(spec.object_name)
    return widget
