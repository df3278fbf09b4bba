"""The common layout of every customer report: fonts, header, requisites, page numbers.

reportlab's built-in fonts have no Cyrillic, so DejaVu Sans (shipped in
``resources/fonts`` with its licence) is registered once and embedded in every PDF: the
report looks the same on a desk without those fonts.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from lkk_admin.paths import resource_path
from lkk_admin.services.reports.formatting import day, month

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
_fonts_lock = threading.Lock()  # reports are built off the GUI thread


def register_fonts() -> None:
    """Register the shipped fonts with reportlab, once per process."""
    with _fonts_lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file_name in _FONT_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
        # <b> in a Paragraph must map to the bold face, not to a Helvetica fallback.
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


@dataclass(frozen=True, slots=True)
class Supplier:
    """The supplier's requisites printed on every report (placeholders until configured)."""

    name: str = "ООО «РН-Энерго»"
    inn: str = "7706525041"
    kpp: str = "770601001"
    address: str = "115035, г. Москва, Софийская наб., д. 26/1"
    phone: str = "8 800 100-00-00"


@dataclass(frozen=True, slots=True)
class Requisites:
    """Who the report is about: the counterparty and its contract."""

    counterparty_name: str
    inn: str
    kpp: str | None
    address: str | None
    contract_number: str
    contract_signed_on: date


@dataclass(frozen=True, slots=True)
class ReportHeader:
    title: str
    requisites: Requisites
    first: date
    last: date
    formed_on: date
    supplier: Supplier = Supplier()


# --- Styles ---------------------------------------------------------------------------------

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5, textColor=colors.grey)
TITLE = ParagraphStyle("title", parent=BODY, fontName=FONT_BOLD, fontSize=14, leading=18)
HEADING = ParagraphStyle(
    "heading", parent=BODY, fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=8
)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=9.5)
CELL_HEAD = ParagraphStyle("cell_head", parent=CELL, fontName=FONT_BOLD)
CELL_NUMBER = ParagraphStyle("cell_number", parent=CELL, alignment=TA_RIGHT)
CELL_HEAD_NUMBER = ParagraphStyle("cell_head_number", parent=CELL_HEAD, alignment=TA_RIGHT)
CELL_BOLD_NUMBER = ParagraphStyle("cell_bold_number", parent=CELL_NUMBER, fontName=FONT_BOLD)
HEADER_FILL = colors.HexColor("#dfe7f1")
STRIPE_FILL = colors.HexColor("#f5f7fa")
TOTAL_FILL = colors.HexColor("#e9edf2")
SUBTOTAL_FILL = colors.HexColor("#eef1f5")
RULE = colors.HexColor("#9aa7b5")

CELL_SIDE_PADDING = 6  # reportlab's default left and right cell padding, points
PAGE_SIZE = landscape(A4)
MARGIN = 14 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN  # 269 mm between the margins


def period_text(first: date, last: date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return month(first)
    return f"{month(first)} — {month(last)}"


def header_flowables(header: ReportHeader) -> list[Flowable]:
    """The first page's top: supplier, title, counterparty and contract, period."""
    supplier, req = header.supplier, header.requisites
    supplier_line = (
        f"<b>{escape(supplier.name)}</b> · ИНН/КПП {supplier.inn}/{supplier.kpp} · "
        f"{escape(supplier.address)} · тел. {escape(supplier.phone)}"
    )
    # An individual entrepreneur has no КПП: the line is then «ИНН: …» alone.
    tax_ids = ("ИНН / КПП:", f"{req.inn} / {req.kpp}") if req.kpp else ("ИНН:", req.inn)
    rows = [
        ("Покупатель:", f"<b>{escape(req.counterparty_name)}</b>"),
        tax_ids,
        ("Договор:", f"№ {escape(req.contract_number)} от {day(req.contract_signed_on)}"),
        ("Период:", period_text(header.first, header.last)),
        ("Дата формирования:", day(header.formed_on)),
    ]
    if req.address:
        rows.insert(2, ("Адрес:", escape(req.address)))
    requisites = Table(
        [[Paragraph(label, BODY), Paragraph(value, BODY)] for label, value in rows],
        colWidths=[38 * mm, None],
        hAlign="LEFT",
    )
    requisites.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # else cells set Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.grey),
            ]
        )
    )
    return [
        Paragraph(supplier_line, SMALL),
        Spacer(1, 4 * mm),
        Paragraph(escape(header.title), TITLE),
        Spacer(1, 2 * mm),
        requisites,
        Spacer(1, 3 * mm),
    ]


def data_table(
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    numeric_from: int,
    numeric_to: int | None = None,
    total: Sequence[str] | None = None,
    subtotals: Collection[int] = (),
) -> Table:
    """A table that splits across pages and repeats its header row on each.

    Columns from ``numeric_from`` up to ``numeric_to`` (exclusive; default: the last) are
    figures, right-aligned so kopecks line up. ``total`` is a closing row in bold;
    ``subtotals`` are indexes into ``rows`` set in bold on a light fill.
    """
    figures = range(numeric_from, len(head) if numeric_to is None else numeric_to)
    room = [width - 2 * CELL_SIDE_PADDING for width in widths]

    def line(texts: Sequence[str], *, bold: bool) -> list[Any]:
        # A cell that fits on one line is drawn as a plain string: laying out a Paragraph
        # per cell was most of the time a long report took. Longer text wraps.
        font = FONT_BOLD if bold else FONT
        cells: list[Any] = []
        for i, text in enumerate(texts):
            if pdfmetrics.stringWidth(text, font, CELL.fontSize) <= room[i]:
                cells.append(text)
            elif bold:
                cells.append(
                    Paragraph(escape(text), CELL_BOLD_NUMBER if i in figures else CELL_HEAD)
                )
            else:
                cells.append(Paragraph(escape(text), CELL_NUMBER if i in figures else CELL))
        return cells

    data: list[list[Any]] = [
        [
            Paragraph(escape(text), CELL_HEAD_NUMBER if i in figures else CELL_HEAD)
            for i, text in enumerate(head)
        ]
    ]
    data += [line(row, bold=i in subtotals) for i, row in enumerate(rows)]
    if total is not None:
        data.append(line(total, bold=True))
    bold_rows = [r + 1 for r in subtotals] + ([len(data) - 1] if total is not None else [])
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # else cells set Helvetica (not embedded)
        ("FONTSIZE", (0, 0), (-1, -1), CELL.fontSize),
        ("LEADING", (0, 0), (-1, -1), CELL.leading),
        ("ALIGN", (figures.start, 0), (figures.stop - 1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), STRIPE_FILL) for r in range(2, len(rows) + 1, 2)]
    style += [("BACKGROUND", (0, r + 1), (-1, r + 1), SUBTOTAL_FILL) for r in subtotals]
    style += [("FONTNAME", (0, r), (-1, r), FONT_BOLD) for r in bold_rows]
    if total is not None:
        style += [
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
        ]
    table.setStyle(TableStyle(style))
    return table


class _RoomForStart(Flowable):  # type: ignore[misc]
    """Takes no room; starts a new page unless what follows it (``lead``: a heading, a
    caption) fits on this one together with the first rows of its table (``start``)."""

    def __init__(self, lead: Sequence[Flowable], start: Table) -> None:
        super().__init__()
        self._lead = list(lead)
        self._start = start

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        needed = 0.0
        for flowable in [*self._lead, self._start]:
            _width, height = flowable.wrap(available_width, available_height)
            needed += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        frame = self._doctemplateAttr("frame")
        if needed > available_height and frame is not None and not getattr(frame, "_atTop", 0):
            from reportlab.platypus.doctemplate import FrameBreak

            frame.add_generated_content(FrameBreak)
        return 0, 0

    def draw(self) -> None:
        pass


KEPT_ROWS = 3  # a heading goes to the next page unless this many rows follow it here


def headed_table(
    lead: Sequence[Flowable],
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    numeric_from: int,
    numeric_to: int | None = None,
    total: Sequence[str] | None = None,
    subtotals: Collection[int] = (),
) -> list[Flowable]:
    """``lead`` (a heading, a caption) and a :func:`data_table` after it, kept together:
    the heading is never left alone at the foot of a page, and a long table still
    starts right under it and runs on over the following pages."""
    table = data_table(
        head,
        rows,
        widths,
        numeric_from=numeric_from,
        numeric_to=numeric_to,
        total=total,
        subtotals=subtotals,
    )
    start = (
        table
        if len(rows) <= KEPT_ROWS
        else data_table(
            head, rows[:KEPT_ROWS], widths, numeric_from=numeric_from, numeric_to=numeric_to
        )
    )
    return [_RoomForStart(lead, start), *lead, table]


def escape(text: str) -> str:
    """Paragraph text is mini-HTML: a name like «Рога & Копыта» must not break it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- Pages ----------------------------------------------------------------------------------


def _numbered_canvas(footer: str) -> type[Any]:
    """A canvas that writes «Страница N из M» once the total is known (two-pass free)."""

    class NumberedCanvas(canvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Else the canvas starts in Helvetica: a non-embedded font in the PDF's resources.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            width, _height = PAGE_SIZE
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.grey)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, MARGIN - 3 * mm, width - MARGIN, MARGIN - 3 * mm)
            self.drawString(MARGIN, MARGIN - 7 * mm, footer)
            self.drawRightString(width - MARGIN, MARGIN - 7 * mm, f"Страница {number} из {total}")
            self.restoreState()

    return NumberedCanvas


@dataclass(frozen=True, slots=True)
class Rendered:
    pdf: bytes
    pages: int
    first: date  # the months the report covers: those asked for, or fewer (the tariff
    last: date  # certificate keeps to the months the contract was in force)


Progress = Callable[[int, int], None]  # done, total: how far the layout has got


def render(
    header: ReportHeader, story: list[Flowable], progress: Progress | None = None
) -> Rendered:
    """Lay out the header and ``story`` on landscape A4 pages and return the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    req = header.requisites
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{header.title} — договор № {req.contract_number}",
        author=header.supplier.name,
        subject=period_text(header.first, header.last),
        creator="LKK Admin",
    )
    footer = (
        f"{header.title} · договор № {req.contract_number} · "
        f"{period_text(header.first, header.last)} · сформировано {day(header.formed_on)}"
    )
    if progress is not None:
        document.setProgressCallBack(_layout_progress(progress))
    document.build(header_flowables(header) + story, canvasmaker=_numbered_canvas(footer))
    return Rendered(buffer.getvalue(), document.page, header.first, header.last)


def compose(
    title: str,
    requisites: Requisites,
    first: date,
    last: date,
    story: list[Flowable],
    *,
    supplier: Supplier | None = None,
    formed_on: date | None = None,
    progress: Progress | None = None,
) -> Rendered:
    """A report's PDF: the common header (this supplier, formed today unless told) over
    the report's own ``story``."""
    header = ReportHeader(
        title=title,
        requisites=requisites,
        first=first,
        last=last,
        formed_on=formed_on or date.today(),
        supplier=supplier or Supplier(),
    )
    return render(header, story, progress)


class ReportData(Protocol):
    """What every report's figures carry besides their own: whose, and which months."""

    @property
    def requisites(self) -> Requisites: ...
    @property
    def first(self) -> date: ...
    @property
    def last(self) -> date: ...


class Renderer(Protocol):
    def __call__(
        self,
        session: Session,
        contract_number: str,
        first: date,
        last: date,
        *,
        supplier: Supplier | None = None,
        formed_on: date | None = None,
        progress: Progress | None = None,
    ) -> Rendered: ...


Data = TypeVar("Data", bound=ReportData)


def report_renderer(
    title: str,
    load: Callable[[Session, str, date, date], Data],
    story: Callable[[Data], list[Flowable]],
) -> Renderer:
    """A report's renderer: read its figures with ``load`` (``DomainError``, and no PDF,
    when there is nothing to show), lay them out with ``story`` under the common header."""

    def render_report(
        session: Session,
        contract_number: str,
        first: date,
        last: date,
        *,
        supplier: Supplier | None = None,
        formed_on: date | None = None,
        progress: Progress | None = None,
    ) -> Rendered:
        data = load(session, contract_number, first, last)
        return compose(
            title,
            data.requisites,
            data.first,
            data.last,
            story(data),
            supplier=supplier,
            formed_on=formed_on,
            progress=progress,
        )

    return render_report


def _layout_progress(progress: Progress) -> Callable[[str, int], None]:
    """reportlab's (kind, value) events as done/total. Its size is a first estimate: a
    table split across pages adds pieces, so ``done`` is held within ``total``."""
    total = 1

    def on_event(kind: str, value: int) -> None:
        nonlocal total
        if kind == "SIZE_EST":
            total = max(1, value)
            progress(0, total)
        elif kind == "PROGRESS":
            progress(min(value, total), total)
        elif kind == "FINISHED":
            progress(total, total)

    return on_event
