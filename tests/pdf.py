"""Reading the reports' PDFs back: the text a customer would search, the embedded fonts."""

from __future__ import annotations

import io
from decimal import Decimal

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from lkk_admin.services.reports.formatting import money, volume


def pdf_text(pdf: bytes) -> list[str]:
    """Text per page, no-break spaces as plain ones (how a reader searches it)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text().replace("\xa0", " ") for page in reader.pages]


def shown_money(value: Decimal) -> str:
    return money(value).replace("\xa0", " ")


def shown_volume(value: Decimal) -> str:
    return volume(value).replace("\xa0", " ")


def embedded_font_names(pdf: bytes) -> set[str]:
    """The fonts used on any page; fails if one of them does not carry its glyphs."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources["/Font"].get_object()
        assert isinstance(fonts, DictionaryObject)
        for reference in fonts.values():
            font = reference.get_object()
            assert isinstance(font, DictionaryObject)
            names.add(str(font["/BaseFont"]).split("+")[-1])
            # Every font on the page carries its own glyphs (no viewer-side substitute).
            descriptor = font["/FontDescriptor"].get_object()
            assert isinstance(descriptor, DictionaryObject)
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    return names
