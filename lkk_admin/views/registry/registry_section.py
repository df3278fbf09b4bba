"""The counterparties and contracts section, declared: the registry a verifier checks
against, searched by whatever the clerk has in hand; read only."""

from __future__ import annotations

from lkk_admin.services.registry_browser import CounterpartyRow, RegistrySource
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.framework.spec import QT_TRANSLATE_NOOP, Choice, Column, ListSection, Tabs
from lkk_admin.views.registry.counterparty_pane import CounterpartyPane
from lkk_admin.views.sections import SectionSpec


def _tab_name(key: str) -> str:
    names = {
        "all": QT_TRANSLATE_NOOP("RegistrySection", "All"),
        "active": QT_TRANSLATE_NOOP("RegistrySection", "Active"),
        "inactive": QT_TRANSLATE_NOOP("RegistrySection", "Not active"),
    }
    return REGISTRY.translate(names.get(key, key))


def _org_types(_factory: object) -> list[tuple[str, str]]:
    return [(key, fmt.org_type_name(key)) for key in ("legal_entity", "sole_proprietor")]


def _count(number: int) -> str:
    return fmt.grouped(number) if number else "—"


REGISTRY = ListSection[CounterpartyRow](
    key="counterparties",
    context="RegistrySection",
    source=lambda _context: RegistrySource(),
    columns=(
        Column(
            QT_TRANSLATE_NOOP("RegistrySection", "TIN"),
            lambda row: row.inn,
            QT_TRANSLATE_NOOP("RegistrySection", "ИНН: 10 digits of a company, 12 of a person"),
            width=104,
            sort="inn",
        ),
        Column(
            QT_TRANSLATE_NOOP("RegistrySection", "KPP"),
            lambda row: row.kpp or "",
            QT_TRANSLATE_NOOP("RegistrySection", "КПП (companies only)"),
            width=84,
        ),
        Column(
            QT_TRANSLATE_NOOP("RegistrySection", "Name"),
            lambda row: row.short_name,
            QT_TRANSLATE_NOOP("RegistrySection", "The short name; the tooltip has the full one"),
            cell_tip=lambda row: row.full_name,
            foreground=lambda row: None if row.is_active else fmt.MUTED_TEXT,
            stretch=1,
            min_width=180,
            sort="name",
            export_width=45,
        ),
        Column(
            QT_TRANSLATE_NOOP("RegistrySection", "OGRN"),
            lambda row: row.ogrn or "",
            QT_TRANSLATE_NOOP("RegistrySection", "ОГРН (13 digits) or ОГРНИП (15 digits)"),
            width=122,
            hide_below=980,
        ),
        Column(
            QT_TRANSLATE_NOOP("RegistrySection", "Type"),
            lambda row: fmt.org_type_name(row.org_type),
            QT_TRANSLATE_NOOP("RegistrySection", "Legal entity or sole proprietor"),
            width=120,
            hide_below=860,
        ),
        Column(
            QT_TRANSLATE_NOOP("RegistrySection", "Contracts"),
            lambda row: f"{row.active_contracts} / {row.contracts}",
            QT_TRANSLATE_NOOP("RegistrySection", "Active contracts / all contracts"),
            align="right",
            width=74,
            sort="contracts",
            export=lambda row: row.contracts,
            export_kind="int",
        ),
        Column(
            QT_TRANSLATE_NOOP("RegistrySection", "Users"),
            lambda row: _count(row.portal_users),
            QT_TRANSLATE_NOOP("RegistrySection", "Portal users with access to its contracts"),
            align="right",
            width=70,
            export=lambda row: row.portal_users,
            export_kind="int",
        ),
    ),
    detail=CounterpartyPane,
    search_placeholder=QT_TRANSLATE_NOOP(
        "RegistrySection", "Search: TIN, KPP, OGRN, name, contract No., meter No. (Ctrl+F)"
    ),
    search_tip=QT_TRANSLATE_NOOP(
        "RegistrySection",
        "Type what you have: a TIN or its beginning, a KPP, an OGRN, a part of the name "
        "(case, quotes and «ООО» do not matter), a contract number or a meter's serial",
    ),
    empty_text=QT_TRANSLATE_NOOP("RegistrySection", "The registry has no counterparties yet."),
    empty_filtered_text=QT_TRANSLATE_NOOP(
        "RegistrySection",
        "Nobody in the registry matches. Check the digits, type less of the name or "
        'choose "All" and any type.',
    ),
    menu_title=QT_TRANSLATE_NOOP("RegistrySection", "&Registry"),
    noun=QT_TRANSLATE_NOOP("RegistrySection", "counterparties"),
    tabs=Tabs(("all", "active", "inactive"), _tab_name),
    choices=(
        Choice(
            "org_type",
            QT_TRANSLATE_NOOP("RegistrySection", "Type"),
            QT_TRANSLATE_NOOP("RegistrySection", "any type"),
            _org_types,
            QT_TRANSLATE_NOOP("RegistrySection", "Only legal entities or only sole proprietors"),
        ),
    ),
    export_name=QT_TRANSLATE_NOOP("RegistrySection", "Counterparties"),
)


def create_page(context: AppContext, spec: SectionSpec) -> ListPage[CounterpartyRow]:
    """The factory the "counterparties" section names."""
    return ListPage(context, spec, REGISTRY)
