"""The portal users section, declared: accounts, their status and contracts, and the
administrators' acts on them (the page, :mod:`.users_page`, carries them out)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from lkk_admin.services.portal_user_browser import TABS, PortalUserSource, UserRow
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.spec import (
    QT_TRANSLATE_NOOP,
    ActionSpec,
    Column,
    ListSection,
    Tabs,
    page_allows,
    page_command,
    page_idle,
)
from lkk_admin.views.portal_users.user_pane import PortalUserPane

ADMINISTRATORS = frozenset({"admin"})
BLOCKED_TEXT = QColor(176, 32, 32)


def _tab_name(key: str) -> str:
    names = {
        "all": QT_TRANSLATE_NOOP("PortalUsersSection", "All"),
        "active": QT_TRANSLATE_NOOP("PortalUsersSection", "Active"),
        "blocked": QT_TRANSLATE_NOOP("PortalUsersSection", "Blocked"),
        "email_unconfirmed": QT_TRANSLATE_NOOP("PortalUsersSection", "E-mail not confirmed"),
        "pending": QT_TRANSLATE_NOOP("PortalUsersSection", "Awaiting verification"),
        "rejected": QT_TRANSLATE_NOOP("PortalUsersSection", "Rejected"),
    }
    return PORTAL_USERS.translate(names.get(key, key))


def _organisation(row: UserRow) -> str:
    """The name first (what a clerk reads), then ИНН / КПП (what a narrow column cuts)."""
    if row.inn is None:
        return row.org_name or ""
    requisites = f"{row.inn} / {row.kpp}" if row.kpp else row.inn
    return f"{row.org_name} · {requisites}" if row.org_name else requisites


def _status_colour(row: UserRow) -> QColor | None:
    if row.status == "blocked":
        return BLOCKED_TEXT
    return None if row.status == "active" else fmt.MUTED_TEXT


COLUMNS: tuple[Column[UserRow], ...] = (
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Login"),
        lambda row: row.login,
        QT_TRANSLATE_NOOP("PortalUsersSection", "The login the user signs in with"),
        width=130,
        sort="login",
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Name"),
        lambda row: row.name_masked,
        QT_TRANSLATE_NOOP("PortalUsersSection", "Last name and initials"),
        width=150,
        sort="name",
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "E-mail"),
        lambda row: row.email_masked,
        QT_TRANSLATE_NOOP(
            "PortalUsersSection", "Masked; the user's card shows it in full (recorded in the log)"
        ),
        width=150,
        hide_below=1000,
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Phone"),
        lambda row: row.phone_masked,
        QT_TRANSLATE_NOOP("PortalUsersSection", "Masked, like the e-mail"),
        width=120,
        hide_below=1180,
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Organisation"),
        _organisation,
        QT_TRANSLATE_NOOP(
            "PortalUsersSection",
            "Name and TIN / KPP of the organisation the user was approved for "
            "(or, before a decision, as the request typed it)",
        ),
        cell_tip=_organisation,
        stretch=1,
        min_width=160,
        export_width=45,
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Status"),
        lambda row: fmt.user_status_name(row.status),
        QT_TRANSLATE_NOOP("PortalUsersSection", "The account's status on the portal"),
        foreground=_status_colour,
        bold=lambda row: row.status == "blocked",
        width=130,
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Contracts"),
        lambda row: str(row.live_contracts) if row.live_contracts else "—",
        QT_TRANSLATE_NOOP("PortalUsersSection", "Contracts the user sees now (live access)"),
        align="right",
        width=74,
        sort="contracts",
        export=lambda row: row.live_contracts,
        export_kind="int",
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Registered"),
        lambda row: fmt.day(row.created_at.date()),
        QT_TRANSLATE_NOOP("PortalUsersSection", "When the account was created on the portal"),
        cell_tip=lambda row: fmt.date_time(row.created_at),
        width=90,
        sort="registered",
        export=lambda row: row.created_at,
        export_kind="datetime",
    ),
    Column(
        QT_TRANSLATE_NOOP("PortalUsersSection", "Last login"),
        lambda row: fmt.compact_date_time(row.last_login_at) if row.last_login_at else "—",
        QT_TRANSLATE_NOOP("PortalUsersSection", "When the user last signed in to the portal"),
        cell_tip=lambda row: fmt.date_time(row.last_login_at),
        width=110,
        sort="last_login",
        hide_below=900,
        export=lambda row: row.last_login_at,
        export_kind="datetime",
    ),
)

ACTIONS = (
    ActionSpec(
        "blockUser",
        QT_TRANSLATE_NOOP("PortalUsersSection", "&Block…"),
        QT_TRANSLATE_NOOP(
            "PortalUsersSection",
            "Block the account with a reason: the portal refuses the user's login; the user "
            "is told by e-mail",
        ),
        page_command("open_block"),
        keys=("Ctrl+B",),
        enabled=page_allows("block"),
        roles=ADMINISTRATORS,
    ),
    ActionSpec(
        "unblockUser",
        QT_TRANSLATE_NOOP("PortalUsersSection", "&Unblock…"),
        QT_TRANSLATE_NOOP(
            "PortalUsersSection",
            "Restore the status the account had before it was blocked; the user is told by e-mail",
        ),
        page_command("open_unblock"),
        enabled=page_allows("unblock"),
        roles=ADMINISTRATORS,
    ),
    ActionSpec(
        "grantAccess",
        QT_TRANSLATE_NOOP("PortalUsersSection", "&Grant access…"),
        QT_TRANSLATE_NOOP(
            "PortalUsersSection",
            "Give the user access to another contract of their organisation (on its written "
            "request); the user is told by e-mail",
        ),
        page_command("open_grant"),
        keys=("Ctrl+G",),
        enabled=page_allows("grant"),
        roles=ADMINISTRATORS,
    ),
    ActionSpec(
        "revokeAccess",
        QT_TRANSLATE_NOOP("PortalUsersSection", "&Revoke access…"),
        QT_TRANSLATE_NOOP(
            "PortalUsersSection",
            "Take back access to one or several contracts with a reason; the records stay, "
            "the user is told by e-mail",
        ),
        page_command("open_revoke"),
        enabled=page_allows("revoke"),
        roles=ADMINISTRATORS,
    ),
    ActionSpec(
        "anonymiseDue",
        QT_TRANSLATE_NOOP("PortalUsersSection", "&Anonymise expired personal data…"),
        QT_TRANSLATE_NOOP(
            "PortalUsersSection",
            "Find rejected and expired registrations and unconfirmed accounts kept past the "
            "organisation's term, anonymise them and save the act (152-FZ)",
        ),
        page_command("open_retention"),
        enabled=page_idle,
        in_pane=False,
        roles=ADMINISTRATORS,
    ),
)

PORTAL_USERS = ListSection[UserRow](
    key="portal_users",
    context="PortalUsersSection",
    source=lambda _context: PortalUserSource(),
    columns=COLUMNS,
    detail=PortalUserPane,
    search_placeholder=QT_TRANSLATE_NOOP(
        "PortalUsersSection", "Search: login, e-mail, name, TIN, contract No. (Ctrl+F)"
    ),
    search_tip=QT_TRANSLATE_NOOP(
        "PortalUsersSection",
        "Type what you have: a login, an e-mail, a part of the name, a TIN or its beginning, "
        "a contract number (spaces, dashes and look-alike letters do not matter)",
    ),
    empty_text=QT_TRANSLATE_NOOP("PortalUsersSection", "The portal has no users yet."),
    empty_filtered_text=QT_TRANSLATE_NOOP(
        "PortalUsersSection",
        'Nobody matches. Check the spelling, type less or choose "All".',
    ),
    menu_title=QT_TRANSLATE_NOOP("PortalUsersSection", "&Users"),
    noun=QT_TRANSLATE_NOOP("PortalUsersSection", "portal users"),
    tabs=Tabs(TABS, _tab_name),
    actions=ACTIONS,
    export_name=QT_TRANSLATE_NOOP("PortalUsersSection", "Portal users"),
)
