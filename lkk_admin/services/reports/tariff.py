"""Справка о составляющих тарифа: per voltage level and month, each component of the price."""

from __future__ import annotations

from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from lkk_admin.services.reports.document import (
    BODY,
    HEADING,
    SMALL,
    headed_table,
    register_fonts,
    report_renderer,
)
from lkk_admin.services.reports.formatting import NBSP, RUB, day, money, month_title
from lkk_admin.services.reports.tariff_data import MonthRates, TariffData, load_tariff

TITLE = "Справка о составляющих тарифа"
NOT_PUBLISHED = "не опубликованы"
MISSING = "—"
PER_MWH = f"{RUB}/МВт·ч"

CATEGORY_NAMES = {
    1: "одноставочная, для всех часов суток",
    2: "по зонам суток",
    3: "почасовой учёт",
    4: "почасовой учёт, с двухставочным тарифом на передачу",
    5: "почасовое планирование",
    6: "почасовое планирование, с двухставочным тарифом на передачу",
}
VOLTAGE_NAMES = {"ВН": "110 кВ и выше", "СН1": "35 кВ", "СН2": "1–20 кВ", "НН": "до 1 кВ"}


class Column(NamedTuple):
    component: str
    name: str
    unit: str
    width: float  # mm, in a table with the capacity column (categories 3–6)
    wide: float  # mm, without it: its room goes to the others


# Both width sets add up to the 269 mm between the margins, so the table lines up with the
# footer rule. No-break spaces keep «(оптовая цена)» and the capacity unit on one line.
COLUMNS = (
    Column("energy", "Энергия (оптовая\u00a0цена)", PER_MWH, 35, 46),
    Column("capacity", "Мощность", f"{RUB}/МВт\u00a0в\u00a0месяц", 34, 0),
    Column("transmission", "Передача", PER_MWH, 32, 38),
    Column("infrastructure", "Инфраструктура", PER_MWH, 34, 38),
    Column("sales_markup", "Сбытовая надбавка", PER_MWH, 38, 44),
    Column("final", "Конечная цена", PER_MWH, 34, 41),
)
COMPONENT_NAMES = {column.component: column.name for column in COLUMNS}
MONTH_WIDTH = 30
PUBLISHED_WIDTH = 32
# Rates are published without VAT (the final price's own note says so); VAT is charged on
# top at the rate of the supply month, as on the charge lines.
VAT_LINE = (
    f"Все цены указаны без НДС. НДС начисляется сверх них: 20{NBSP}% до 31.12.2025, "
    f"22{NBSP}% с 01.01.2026."
)
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def voltage_text(level: str) -> str:
    return f"{level} ({VOLTAGE_NAMES[level]})"


def tariff_story(data: TariffData) -> list[Flowable]:
    register_fonts()  # paragraphs resolve their fonts when created, not when drawn
    columns = [c for c in COLUMNS if data.has_capacity or c.component != "capacity"]
    markers = _markers(data)
    figures_head = [f"{c.name}{markers.get(c.component, '')}, {c.unit}" for c in columns]
    widths = [
        MONTH_WIDTH * mm,
        *((c.width if data.has_capacity else c.wide) * mm for c in columns),
        PUBLISHED_WIDTH * mm,
    ]
    levels = ", ".join(voltage_text(level) for level in data.voltage_levels)
    noun = "Уровни напряжения" if len(data.levels) > 1 else "Уровень напряжения"
    story: list[Flowable] = [
        Paragraph(
            f"Ценовая категория: <b>{data.price_category}</b> — "
            f"{CATEGORY_NAMES[data.price_category]}. {noun} точек учёта: {levels}.",
            BODY,
        )
    ]
    for level in data.levels:
        rows = [_row(line, [c.component for c in columns]) for line in level.months]
        # The level in the first header cell names the table on every page it runs onto.
        head = [f"Месяц ({level.voltage_level})", *figures_head, "Опубликовано"]
        story += headed_table(
            [
                Paragraph(f"Уровень напряжения {voltage_text(level.voltage_level)}", HEADING),
                Spacer(1, 2 * mm),
            ],
            head,
            rows,
            widths,
            numeric_from=1,
        )
    story.append(Spacer(1, 2 * mm))
    story += [
        # Notes are typed by people: «&» or «<» must not break the Paragraph's mini-HTML.
        Paragraph(
            f"{marker} {_components(note.components)}: {escape(note.text.rstrip('.'))}.", SMALL
        )
        for note, marker in zip(data.notes, _note_markers(data), strict=True)
    ]
    story.append(Paragraph(VAT_LINE, SMALL))
    return story


def _row(line: MonthRates, components: list[str]) -> list[str]:
    if not line.published:
        return [month_title(line.period), *(MISSING for _ in components), NOT_PUBLISHED]
    figures = [
        money(rate) if (rate := line.rates.get(c)) is not None else MISSING for c in components
    ]
    published = day(line.published_on) if line.published_on else MISSING
    return [month_title(line.period), *figures, published]


def _note_markers(data: TariffData) -> list[str]:
    return [str(number).translate(SUPERSCRIPTS) for number in range(1, len(data.notes) + 1)]


def _markers(data: TariffData) -> dict[str, str]:
    """Each component's footnote markers, to put after its column name."""
    found: dict[str, str] = {}
    for note, marker in zip(data.notes, _note_markers(data), strict=True):
        for component in note.components:
            found[component] = found.get(component, "") + marker
    return found


def _components(components: tuple[str, ...]) -> str:
    return ", ".join(COMPONENT_NAMES.get(c, c) for c in components)


# Raises DomainError (and makes no PDF) when the contract or the period has nothing to show.
render_tariff_certificate = report_renderer(TITLE, load_tariff, tariff_story)
