"""The act of a retention run: «Акт об уничтожении (обезличивании) персональных данных».

A PDF in the customer reports' layout (their fonts, styles, tables and page footer,
:mod:`.reports.document`): the operator (the supplier's requisites), the date, the legal
ground, the organisation's period, who ran it, and a table of the records anonymised —
identified by ids only, so the act itself holds no personal data —, totals and signature
lines. Written through a ``.part`` file beside the target and renamed when complete.
"""

from __future__ import annotations

import io
from datetime import datetime, tzinfo
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from lkk_admin.services.json_files import write_document_atomically
from lkk_admin.services.reports.document import (
    BODY,
    CONTENT_WIDTH,
    FONT,
    HEADING,
    MARGIN,
    PAGE_SIZE,
    SMALL,
    TITLE,
    Supplier,
    _numbered_canvas,
    escape,
    headed_table,
    register_fonts,
)
from lkk_admin.services.reports.formatting import day, plural
from lkk_admin.services.retention import GROUND_NAMES, GROUNDS, RetentionRun, require_records

TITLE_TEXT = "Акт об уничтожении (обезличивании) персональных данных"
LEGAL_GROUND = (
    "ч. 4, 5, 7 ст. 21 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»: "
    "персональные данные, цель обработки которых достигнута, уничтожаются или "
    "обезличиваются в срок, не превышающий тридцати дней с даты достижения цели"
)
METHOD = (
    "обезличивание: фамилия, имя, отчество, телефон, адрес электронной почты и логин "
    "пользователя портала, наименование индивидуального предпринимателя в заявке, адрес и "
    "имя получателя, тема, текст писем и ошибки их доставки заменены отметкой «обезличено»; "
    "идентификаторы записей, даты, статусы, ИНН/КПП организаций и решения сохранены"
)
DAYS = ("день", "дня", "дней")
RECORDS = ("запись", "записи", "записей")


def file_name(when: datetime) -> str:
    """The act's default file name: ``akt-obezlichivaniya-YYYY-MM-DD.pdf``."""
    return f"akt-obezlichivaniya-{when.astimezone():%Y-%m-%d}.pdf"


def _moment(value: datetime | None, tz: tzinfo | None) -> str:
    if value is None:
        return "—"
    return f"{value.astimezone(tz):%d.%m.%Y %H:%M}"


def _header(run: RetentionRun, supplier: Supplier, tz: tzinfo | None) -> list[Flowable]:
    days = f"{run.days} {plural(run.days, DAYS)} с даты достижения цели обработки"
    rows = [
        ("Оператор:", f"<b>{escape(supplier.name)}</b>"),
        ("ИНН / КПП:", f"{supplier.inn} / {supplier.kpp}"),
        ("Адрес:", escape(supplier.address)),
        ("Дата составления:", day(run.finished_at.astimezone(tz).date())),
        ("Правовое основание:", escape(LEGAL_GROUND)),
        ("Срок хранения:", days),
        ("Способ:", escape(METHOD)),
        (
            "Выполнено:",
            f"{_moment(run.started_at, tz)} — {_moment(run.finished_at, tz)}, "
            f"сотрудник {escape(run.actor)} (запуск {run.run_id})",
        ),
    ]
    table = Table(
        [[Paragraph(label, BODY), Paragraph(value, BODY)] for label, value in rows],
        colWidths=[42 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    supplier_line = (
        f"<b>{escape(supplier.name)}</b> · ИНН/КПП {supplier.inn}/{supplier.kpp} · "
        f"{escape(supplier.address)}"
    )
    return [
        Paragraph(supplier_line, SMALL),
        Spacer(1, 4 * mm),
        Paragraph(TITLE_TEXT, TITLE),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 3 * mm),
    ]


_HEAD = (
    "№",
    "Пользователь (id)",
    "Заявки (id)",
    "Писем",
    "Основание",
    "Цель обработки достигнута",
    "Обезличено",
)
_WIDTHS = tuple(
    width * mm for width in (14, 30, 50, 18, 75, 41, 41)
)  # 269 mm: the content width of landscape A4


def _records_table(run: RetentionRun, tz: tzinfo | None) -> list[Flowable]:
    rows = [
        (
            str(number),
            str(record.user_id),
            ", ".join(str(request_id) for request_id in record.request_ids) or "—",
            str(len(record.letter_ids)),
            record.ground_text,
            _moment(record.purpose_ended_at, tz),
            _moment(record.anonymised_at, tz),
        )
        for number, record in enumerate(run.records, start=1)
    ]
    requests = sum(len(record.request_ids) for record in run.records)
    letters = sum(len(record.letter_ids) for record in run.records)
    total = ("", f"Итого: {run.done}", f"заявок: {requests}", str(letters), "", "", "")
    lead = [Paragraph("Обезличенные записи", HEADING), Spacer(1, 1.5 * mm)]
    return headed_table(lead, _HEAD, rows, _WIDTHS, numeric_from=3, numeric_to=4, total=total)


def _totals(run: RetentionRun) -> list[Flowable]:
    counts = run.by_ground()
    lines = [
        f"Всего обезличено: {run.done} {plural(run.done, RECORDS)} (пользователь портала с его "
        "заявками и письмами)."
    ]
    lines += [
        f"{GROUND_NAMES[ground].capitalize()}: {counts[ground]}."
        for ground in GROUNDS
        if counts[ground]
    ]
    if run.cancelled:
        lines.append(
            f"Обезличивание остановлено сотрудником; не обработано: {run.left} "
            f"{plural(run.left, RECORDS)} (будут обезличены при следующем запуске)."
        )
    elif run.left:
        lines.append(
            f"Оставлено до следующего запуска (изменялись в это время): {run.left} "
            f"{plural(run.left, RECORDS)}."
        )
    return [Spacer(1, 4 * mm), *(Paragraph(escape(line), BODY) for line in lines)]


def _signatures(run: RetentionRun) -> list[Flowable]:
    line = "_" * 28
    rows = [
        [
            Paragraph("Ответственный за организацию обработки персональных данных", BODY),
            Paragraph(f"{line} / {line} /", BODY),
        ],
        [
            Paragraph("Выполнил", BODY),
            Paragraph(f"{line} / {escape(run.actor)} /", BODY),
        ],
    ]
    table = Table(rows, colWidths=[CONTENT_WIDTH * 0.45, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return [Spacer(1, 8 * mm), table]


def render_act(
    run: RetentionRun, *, supplier: Supplier | None = None, tz: tzinfo | None = None
) -> bytes:
    """The act's PDF. ``tz``: the time zone of its dates (None: the computer's)."""
    require_records(run)
    register_fonts()
    supplier = supplier or Supplier()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=TITLE_TEXT,
        author=supplier.name,
        subject=f"Запуск {run.run_id}",
        creator="LKK Admin",
    )
    footer = f"{TITLE_TEXT} · {day(run.finished_at.astimezone(tz).date())} · запуск {run.run_id}"
    story = [
        *_header(run, supplier, tz),
        *_records_table(run, tz),
        *_totals(run),
        *_signatures(run),
    ]
    document.build(story, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()


def write_act(
    run: RetentionRun, path: Path, *, supplier: Supplier | None = None, tz: tzinfo | None = None
) -> Path:
    """Write the act to ``path`` (through a ``.part`` file, renamed when complete)."""
    write_document_atomically(path, render_act(run, supplier=supplier, tz=tz))
    return path
