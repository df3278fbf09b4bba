"""Отчёт по потреблению: kWh per month for the contract, then per object, point and meter."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from lkk_admin.services.reports.consumption_data import (
    ConsumptionData,
    MeterFacts,
    MeterMonth,
    MonthTotal,
    ObjectReport,
    PointReport,
    load_consumption,
)
from lkk_admin.services.reports.document import (
    BODY,
    CONTENT_WIDTH,
    HEADING,
    SMALL,
    data_table,
    escape,
    headed_table,
    register_fonts,
    report_renderer,
)
from lkk_admin.services.reports.formatting import (
    NBSP,
    change,
    month_title,
    power,
    register,
    volume,
)

TITLE = "Отчёт по потреблению электрической энергии"
SUMMARY_HEAD = (
    "Месяц",
    "Расход, кВт·ч",
    "Тот же месяц год назад, кВт·ч",
    "Изменение",
    "Примечание",
)
SUMMARY_WIDTHS = tuple(w * mm for w in (40, 40, 48, 30, 111))
POINTS_HEAD = (
    "Объект",
    "Точка учёта",
    "Напряжение",
    "Прибор учёта",
    "Коэфф.",
    "Расход за период, кВт·ч",
)
POINTS_WIDTHS = tuple(w * mm for w in (66, 72, 26, 50, 18, 37))
DETAIL_HEAD = (
    "Месяц",
    "Прибор учёта №",
    "Показание на начало",
    "Показание на конец",
    "Разность",
    "Коэфф.",
    "Расход, кВт·ч",
    "Год назад, кВт·ч",
    "Примечание",
)
# A 15-digit meter number and «Итого по точке» fit on one line; the remarks, mostly
# empty, take what is left of the page.
_DETAIL_FIXED = tuple(w * mm for w in (30, 33, 29, 29, 24, 17, 28, 28))
DETAIL_WIDTHS = (*_DETAIL_FIXED, CONTENT_WIDTH - sum(_DETAIL_FIXED))
DASH = "—"


def consumption_story(data: ConsumptionData) -> list[Flowable]:
    register_fonts()  # paragraphs resolve their fonts when created, not when drawn
    story: list[Flowable] = [
        Paragraph("Потребление по договору по месяцам", HEADING),
        Spacer(1, 2 * mm),
        _summary(data),
        Spacer(1, 1.5 * mm),
        Paragraph(
            "Показания снимаются на 00:00 первого числа месяца; расход месяца — разность "
            "показаний на первое число следующего и этого месяца, умноженная на "
            "коэффициенты трансформаторов тока и напряжения.",
            SMALL,
        ),
        *_points_table(
            data, [Paragraph("Итоги по объектам и точкам учёта", HEADING), Spacer(1, 2 * mm)]
        ),
    ]
    for obj in data.objects:
        story += _object_detail(obj)
    story.append(
        KeepTogether(
            [
                Spacer(1, 5 * mm),
                Paragraph(f"<b>Итого по договору за период: {volume(data.total)} кВт·ч</b>", BODY),
            ]
        )
    )
    return story


def _summary(data: ConsumptionData) -> Flowable:
    rows = []
    for line in data.months:
        comparable = line.complete and line.year_ago is not None
        rows.append(
            (
                month_title(line.period),
                volume(line.kwh) if line.measured else DASH,
                _kwh(line.year_ago),
                change(line.kwh, line.year_ago)
                if comparable and line.year_ago is not None
                else DASH,
                _month_note(line),
            )
        )
    year_ago = [line.year_ago for line in data.months]
    year_ago_total = None if None in year_ago else sum((v for v in year_ago if v), Decimal(0))
    comparable = year_ago_total is not None and all(line.complete for line in data.months)
    total = (
        "Итого за период",
        volume(data.total),
        _kwh(year_ago_total),
        change(data.total, year_ago_total) if comparable and year_ago_total is not None else DASH,
        "",
    )
    return data_table(SUMMARY_HEAD, rows, SUMMARY_WIDTHS, numeric_from=1, numeric_to=4, total=total)


def _month_note(line: MonthTotal) -> str:
    if not line.measured:
        return "нет показаний: расход не определён"
    if not line.complete:
        return "нет части показаний: расход неполный"
    return ""


def _meters_text(meters: list[MeterFacts]) -> tuple[str, str]:
    if not meters:
        return DASH, DASH
    serials = ", ".join(f"№{NBSP}{meter.serial}" for meter in meters)
    ratios = ", ".join(str(meter.multiplier) for meter in meters)
    return serials, ratios


def _points_table(data: ConsumptionData, lead: list[Flowable]) -> list[Flowable]:
    rows: list[tuple[str, ...]] = []
    subtotals: list[int] = []
    for obj in data.objects:
        for point in obj.points:
            serials, ratios = _meters_text(point.meters)
            rows.append(
                (
                    obj.name,
                    f"{point.code} {point.name}",
                    point.voltage_level,
                    serials,
                    ratios,
                    volume(point.total),
                )
            )
        if len(obj.points) > 1:
            subtotals.append(len(rows))
            rows.append((f"Итого по объекту «{obj.name}»", "", "", "", "", volume(obj.total)))
    total = ("Итого по договору", "", "", "", "", volume(data.total))
    return headed_table(
        lead, POINTS_HEAD, rows, POINTS_WIDTHS, numeric_from=4, total=total, subtotals=subtotals
    )


def _object_detail(obj: ObjectReport) -> list[Flowable]:
    heading: list[Flowable] = [
        Paragraph(f"Объект: {escape(obj.name)}", HEADING),
        Paragraph(escape(obj.address), SMALL),
    ]
    story: list[Flowable] = []
    for number, point in enumerate(obj.points):
        # The object's heading stays with its first point, each caption with its table.
        story += _point_detail(point, heading if number == 0 else [])
    story.append(
        Paragraph(f"<b>Итого по объекту: {volume(obj.total)} кВт·ч</b>", BODY),
    )
    return story


def _point_caption(point: PointReport) -> str:
    meters = "; ".join(
        f"{escape(meter.model)} №{NBSP}{escape(meter.serial)}, разрядность {meter.digits}, "
        f"Ктт {meter.ct_ratio} × Ктн {meter.vt_ratio} = {meter.multiplier}"
        for meter in point.meters
    )
    return (
        f"<b>Точка учёта {escape(point.code)}</b> «{escape(point.name)}» · "
        f"напряжение {point.voltage_level} · максимальная мощность "
        f"{power(point.max_power_kw)}{NBSP}кВт · прибор учёта: {meters or 'не установлен'}"
    )


def _kwh(value: Decimal | None) -> str:
    return DASH if value is None else volume(value)


def _register(value: Decimal | None) -> str:
    return DASH if value is None else register(value)


def _detail_row(line: MeterMonth) -> tuple[str, ...]:
    return (
        month_title(line.period),
        line.serial,
        _register(line.start),
        _register(line.end),
        _register(line.difference),
        str(line.multiplier),
        _kwh(line.kwh),
        _kwh(line.year_ago),
        "; ".join(line.notes),
    )


def _point_detail(point: PointReport, heading: list[Flowable]) -> list[Flowable]:
    rows = [_detail_row(line) for line in point.lines]
    total = ("Итого по точке", "", "", "", "", "", volume(point.total), "", "")
    lead = [
        *heading,
        Spacer(1, 2 * mm),
        Paragraph(_point_caption(point), BODY),
        Spacer(1, 1.5 * mm),
    ]
    return [
        *headed_table(
            lead, DETAIL_HEAD, rows, DETAIL_WIDTHS, numeric_from=2, numeric_to=8, total=total
        ),
        Spacer(1, 2 * mm),
    ]


# Raises DomainError (and makes no PDF) when the contract or the period has nothing to show.
render_consumption_report = report_renderer(TITLE, load_consumption, consumption_story)
