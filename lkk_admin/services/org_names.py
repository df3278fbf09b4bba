"""Comparing organisation names the way a clerk does: legal form, quotes, case and spacing
do not matter, the name itself does."""

from __future__ import annotations

import re

# Full legal forms and their abbreviations, longest first so that "публичное акционерное
# общество" is not read as "акционерное общество".
_LEGAL_FORMS: tuple[tuple[str, str], ...] = (
    ("общество с ограниченной ответственностью", "ООО"),
    ("публичное акционерное общество", "ПАО"),
    ("непубличное акционерное общество", "АО"),
    ("закрытое акционерное общество", "ЗАО"),
    ("открытое акционерное общество", "ОАО"),
    ("акционерное общество", "АО"),
    ("федеральное государственное унитарное предприятие", "ФГУП"),
    ("государственное унитарное предприятие", "ГУП"),
    ("муниципальное унитарное предприятие", "МУП"),
    ("муниципальное бюджетное учреждение", "МБУ"),
    ("государственное бюджетное учреждение", "ГБУ"),
    ("автономная некоммерческая организация", "АНО"),
    ("товарищество собственников жилья", "ТСЖ"),
    ("садоводческое некоммерческое товарищество", "СНТ"),
    ("индивидуальный предприниматель", "ИП"),
    ("крестьянское (фермерское) хозяйство", "КФХ"),
    ("производственный кооператив", "ПК"),
)
_ABBREVIATIONS = frozenset(abbreviation for _, abbreviation in _LEGAL_FORMS) | {"НАО"}
# Quotation marks of every kind people type around a name (the registry search strips
# the same ones, see services.registry_browser.search).
NAME_QUOTES = "\"'«»„“”‘’`"
_QUOTES = re.compile(f"[{re.escape(NAME_QUOTES)}]")
_NON_WORD = re.compile(r"[^\w]+")


def split_legal_form(name: str) -> tuple[str | None, str]:
    """(legal form abbreviation or None, the rest of the name, normalised)."""
    text = _QUOTES.sub(" ", name).replace("ё", "е").replace("Ё", "Е")
    text = " ".join(text.split())
    lowered = text.lower()
    form: str | None = None
    for full, abbreviation in _LEGAL_FORMS:
        position = lowered.find(full)
        if position != -1:
            form = abbreviation
            lowered = (lowered[:position] + " " + lowered[position + len(full) :]).strip()
            break
    words = [word for word in _NON_WORD.split(lowered) if word]
    if form is None:
        for index, word in enumerate(words):
            if word.upper() in _ABBREVIATIONS:
                form = "АО" if word.upper() == "НАО" else word.upper()
                del words[index]
                break
    return form, " ".join(words)


def same_organisation_name(entered: str, registered: str) -> bool:
    """True when the names differ only in legal-form spelling, quotes, case or spacing."""
    entered_form, entered_core = split_legal_form(entered)
    registered_form, registered_core = split_legal_form(registered)
    if not entered_core or entered_core != registered_core:
        return False
    # A missing form in what the applicant typed is not material; a different one is.
    return entered_form is None or registered_form is None or entered_form == registered_form


_SEARCH_PUNCTUATION = ",.;:"


def name_search_text(typed: str) -> str:
    """A typed part of an organisation's name as the registry search compares it: lower
    case, ё as е, no quotes, no legal form (full or abbreviated), single spaces; other
    punctuation (dashes, dots, ``%``) is kept, it may be part of the name.

    Empty when the text was nothing but a legal form and quotes.
    """
    text = " ".join(_QUOTES.sub(" ", typed).lower().replace("ё", "е").split())
    for full, _abbreviation in _LEGAL_FORMS:
        text = text.replace(full, " ")
    words = [
        word
        for word in text.split()
        if word.strip(_SEARCH_PUNCTUATION).upper() not in _ABBREVIATIONS
    ]
    return " ".join(words).strip(_SEARCH_PUNCTUATION + " ")
