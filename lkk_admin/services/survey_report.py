"""A survey's results as a PDF report, in the layout of the customer reports.

The same fonts (DejaVu Sans, with Cyrillic, embedded), styles, tables and page footer as
:mod:`.reports.document`, on landscape A4: the supplier's line and the title; the survey
(its dates in Moscow time, who could and who did answer); responses per day; who answered
by organisation type; then every question — a bar chart with the figures on its bars and a
table of counts and shares beside the same figures per organisation type. A rating adds
its mean, median and (0…10) NPS, its bars coloured by NPS group; a free-text question
lists its first :data:`TEXTS_SHOWN` answers and says how many more the Excel export holds.
Written through a ``.part`` file beside the target and renamed when complete; a survey
that cannot be exported is refused as the Excel export refuses it.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from lkk_admin.services.json_files import write_document_atomically
from lkk_admin.services.moscow_time import moscow_text, to_moscow
from lkk_admin.services.reports.document import (
    BODY,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    HEADER_FILL,
    HEADING,
    MARGIN,
    PAGE_SIZE,
    SMALL,
    TITLE,
    Supplier,
    _numbered_canvas,
    data_table,
    escape,
    headed_table,
    register_fonts,
)
from lkk_admin.services.reports.formatting import NBSP, day, plural
from lkk_admin.services.survey_export import (
    KIND_NAMES,
    MULTIPLE_NOTE,
    NPS_NOTE,
    SHOWN_STATUS_NAMES,
    SPLIT,
    SurveyExport,
    question_heading,
    require_responses,
    shown_status,
)
from lkk_admin.services.survey_report_charts import (
    column_bars,
    nps_fills,
    option_bars,
)
from lkk_admin.services.survey_results import (
    SEGMENT_LABELS,
    QuestionResult,
    Segment,
    SplitResults,
    SurveyResults,
    split_results,
)

TITLE_TEXT = "Результаты опроса"
TEXTS_SHOWN = 30  # free-text answers printed per question; the rest are in the Excel export
DAYS_WITH_FIGURES = 31  # up to this many days, each day's bar carries its count
DAY_LABELS = 24  # at most this many dates under the responses-per-day chart
ANSWERS = ("ответ", "ответа", "ответов")
SEGMENT_WIDTH = 35 * mm  # «предприниматели» in bold fits a line
FIGURE_WIDTH = 22 * mm
OPTION_WIDTH = 120 * mm  # at most, the first column of a choice question's table
RATING_WIDTH = 30 * mm
RATING_CHART_HEIGHT = 62 * mm
RATING_CHART_MIN = 110 * mm  # narrower than this, a rating's chart goes above its table
SIDE_GAP = 8 * mm
KEPT_TABLE_ROWS = 8  # a table up to this long stays on the page of its chart

Body = tuple[list[Flowable], list[Flowable]]  # what goes with the heading, and the rest

FIGURE = ParagraphStyle(
    "figure", parent=BODY, fontName=FONT_BOLD, fontSize=16, leading=19, alignment=TA_CENTER
)
FIGURE_CAPTION = ParagraphStyle("figure_caption", parent=SMALL, alignment=TA_CENTER)
NOTE = ParagraphStyle("note", parent=SMALL, spaceBefore=2)
QUESTION = ParagraphStyle("question", parent=HEADING, spaceBefore=10, keepWithNext=True)


@dataclass(frozen=True)
class RenderedSurvey:
    pdf: bytes
    pages: int


# --- Figures as words -----------------------------------------------------------------------


def count_text(value: int) -> str:
    """``12 345`` with a no-break space between thousands."""
    return f"{value:,}".replace(",", NBSP)


def share_text(value: float | None) -> str:
    """``33,3 %``; a dash for no share."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}%"


def decimal_text(value: float | None) -> str:
    """``6,75``, ``8,5``, ``9``: up to two decimals, none where there are none."""
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def nps_text(value: float | None) -> str:
    """``+25,0``, ``−12,5``, ``0,0``: NPS in points, with its sign (a true minus)."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{abs(value):.1f}".replace(".", ",")


def _count_and_share(count: int, share: float) -> str:
    return f"{count_text(count)} ({share_text(share)})"


def _kind_text(question: QuestionResult) -> str:
    if question.kind == "rating" and question.rating_scale is not None:
        low = 0 if question.rating_scale == 10 else 1
        return f"оценка от {low} до {question.rating_scale}"
    return KIND_NAMES.get(question.kind, question.kind)


# --- The first page -------------------------------------------------------------------------


def _survey_block(results: SurveyResults, supplier: Supplier, now: datetime) -> list[Flowable]:
    supplier_line = (
        f"<b>{escape(supplier.name)}</b> · ИНН/КПП {supplier.inn}/{supplier.kpp} · "
        f"{escape(supplier.address)} · тел. {escape(supplier.phone)}"
    )
    status_key = shown_status(results, now)
    status = SHOWN_STATUS_NAMES.get(status_key, results.status)
    if results.opens_at is None:
        held = "не открывался"
    elif results.closes_at is None:
        held = f"с {moscow_text(results.opens_at)}, без даты окончания"
    else:
        held = f"с {moscow_text(results.opens_at)} по {moscow_text(results.closes_at)}"
    rate = share_text(results.response_rate)
    rows = [
        ("Опрос:", f"№ {results.survey_id}, {status}"),
        ("Проводится:" if status_key in ("open", "scheduled") else "Проводился:", held),
        (
            "Ответили:",
            f"{count_text(results.respondents)} из {count_text(results.eligible)} "
            f"пользователей портала, активных за время опроса ({rate})",
        ),
        ("Дата формирования:", day(to_moscow(now).date())),
    ]
    requisites = Table(
        [[Paragraph(label, BODY), Paragraph(escape(value), BODY)] for label, value in rows],
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
        Paragraph(escape(f"{TITLE_TEXT} «{results.title}»"), TITLE),
        Spacer(1, 2 * mm),
        requisites,
        Spacer(1, 4 * mm),
        _figures(results),
    ]


def _figures(results: SurveyResults) -> Table:
    """The survey's four figures in large type, side by side."""
    figures = [
        (count_text(results.respondents), plural(results.respondents, ANSWERS)),
        (count_text(results.eligible), "активных пользователей портала"),
        (share_text(results.response_rate), "доля ответивших"),
        (count_text(len(results.questions)), "вопросов"),
    ]
    cells = [
        [Paragraph(figure, FIGURE), Paragraph(escape(caption), FIGURE_CAPTION)]
        for figure, caption in figures
    ]
    table = Table([cells], colWidths=[CONTENT_WIDTH / len(cells)] * len(cells), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _per_day(results: SurveyResults) -> list[Flowable]:
    days = results.per_day
    if not days:
        return []
    counts = [entry.count for entry in days]
    shown = [count_text(count) if count else None for count in counts]
    if len(days) > DAYS_WITH_FIGURES:
        shown = [None] * len(days)
    labels = [f"{entry.day:%d.%m}" for entry in days]
    chart = column_bars(
        labels,
        counts,
        shown,
        width=CONTENT_WIDTH,
        height=55 * mm,
        label_every=max(1, math.ceil(len(days) / DAY_LABELS)),
    )
    busiest = max(days, key=lambda entry: entry.count)
    caption = (
        f"Дни по московскому времени. Больше всего ответов — {count_text(busiest.count)} — "
        f"пришло {day(busiest.day)}."
    )
    return [
        KeepTogether(
            [
                Paragraph("Ответы по дням", HEADING),
                Spacer(1, 1 * mm),
                chart,
                Paragraph(caption, NOTE),
            ]
        )
    ]


def _respondents(split: SplitResults) -> list[Flowable]:
    total = split.overall.respondents
    rows = [
        (
            segment.label,
            count_text(segment.results.respondents),
            share_text(segment.results.respondents * 100 / total if total else None),
        )
        for segment in split.segments
    ]
    if not rows:
        return []
    table = data_table(
        ("Тип организации", "Ответов", "Доля"),
        rows,
        (90 * mm, FIGURE_WIDTH, FIGURE_WIDTH),
        numeric_from=1,
        total=("Всего", count_text(total), share_text(100.0 if total else None)),
    )
    lead = [Paragraph("Кто ответил", HEADING), Spacer(1, 1.5 * mm)]
    return [KeepTogether([*lead, table])]


# --- The questions --------------------------------------------------------------------------


def _segment_parts(question: QuestionResult, segments: Sequence[Segment]) -> list[QuestionResult]:
    """The question's figures within each segment (an empty one where it has none)."""
    parts = []
    for segment in segments:
        found = next(
            (
                part
                for part in segment.results.questions
                if part.question_id == question.question_id
            ),
            None,
        )
        parts.append(found or QuestionResult(question.question_id, 0, question.kind, "", False, 0))
    return parts


def _widths(first: float, segments: int) -> list[float]:
    """The first column as wide as asked, if the figures leave the page that much."""
    fixed = 2 * FIGURE_WIDTH + segments * SEGMENT_WIDTH
    return [min(first, CONTENT_WIDTH - fixed), FIGURE_WIDTH, FIGURE_WIDTH] + [
        SEGMENT_WIDTH
    ] * segments


def _lead(number: int, question: QuestionResult, respondents: int) -> list[Flowable]:
    share = question.answered * 100 / respondents if respondents else None
    caption = (
        f"{_kind_text(question).capitalize()} · ответили {count_text(question.answered)} "
        f"из {count_text(respondents)} ({share_text(share)})"
        + ("" if question.required else " · необязательный вопрос")
    )
    # What the figures mean goes under the heading: a note under a table could be carried
    # alone onto the next page.
    if question.kind == "multiple":
        caption += f". {MULTIPLE_NOTE}"
    elif question.kind == "rating" and question.rating_scale == 10:
        caption += f". {NPS_NOTE}"
    return [
        Paragraph(escape(question_heading(number, question)), QUESTION),
        Paragraph(escape(caption), SMALL),
        Spacer(1, 2 * mm),
    ]


def _choice(question: QuestionResult, segments: Sequence[Segment]) -> Body:
    options = question.options
    if not options:  # a survey made elsewhere than in the builder, which requires two
        return [Paragraph("У вопроса нет вариантов ответа.", BODY)], []
    chart = option_bars(
        [option.text for option in options],
        [option.count for option in options],
        [_count_and_share(option.count, option.percent) for option in options],
        width=CONTENT_WIDTH,
    )
    parts = _segment_parts(question, segments)
    rows = []
    for index, option in enumerate(options):
        theirs = [
            _count_and_share(part.options[index].count, part.options[index].percent)
            if index < len(part.options)
            else "—"
            for part in parts
        ]
        rows.append((option.text, count_text(option.count), share_text(option.percent), *theirs))
    head = ("Вариант ответа", "Ответов", "Доля", *(segment.label for segment in segments))
    # A long table starts under the chart only if a few of its rows fit there.
    rest = headed_table(
        [Spacer(1, 2 * mm)], head, rows, _widths(OPTION_WIDTH, len(segments)), numeric_from=1
    )
    return [chart], _keep_tail(rest, 2)


def _rating(question: QuestionResult, segments: Sequence[Segment]) -> Body:
    values = [entry.value for entry in question.distribution]
    counts = [entry.count for entry in question.distribution]
    shown = [
        f"{count_text(entry.count)}\n{share_text(entry.percent)}" if entry.count else "0"
        for entry in question.distribution
    ]
    nps_scale = question.rating_scale == 10
    widths = _widths(RATING_WIDTH, len(segments))
    # Beside the table when the page is wide enough for both, else above it.
    beside = CONTENT_WIDTH - sum(widths) - SIDE_GAP >= RATING_CHART_MIN
    chart = column_bars(
        [str(value) for value in values],
        counts,
        shown,
        width=CONTENT_WIDTH - sum(widths) - SIDE_GAP if beside else CONTENT_WIDTH * 0.6,
        height=RATING_CHART_HEIGHT,
        fills=nps_fills(values) if nps_scale else None,
    )
    figures = [f"среднее {decimal_text(question.mean)}", f"медиана {decimal_text(question.median)}"]
    if nps_scale:
        figures.append(f"NPS {nps_text(question.nps)}")
    parts = _segment_parts(question, segments)
    rows: list[tuple[str, ...]] = []
    for index, entry in enumerate(question.distribution):
        theirs = [
            _count_and_share(part.distribution[index].count, part.distribution[index].percent)
            if index < len(part.distribution)
            else "—"
            for part in parts
        ]
        rows.append((str(entry.value), count_text(entry.count), share_text(entry.percent), *theirs))
    summary = [
        ("Среднее", decimal_text(question.mean), *(decimal_text(part.mean) for part in parts)),
        ("Медиана", decimal_text(question.median), *(decimal_text(part.median) for part in parts)),
    ]
    if nps_scale:
        summary.append(("NPS", nps_text(question.nps), *(nps_text(part.nps) for part in parts)))
    first = len(rows)
    rows += [(label, value, "", *theirs) for label, value, *theirs in summary]
    head = ("Оценка", "Ответов", "Доля", *(segment.label for segment in segments))
    subtotals = range(first, len(rows))
    said = " · ".join(figures)
    kept: list[Flowable] = [
        Paragraph(f"<b>{escape(said[0].upper() + said[1:])}</b>", BODY),
        Spacer(1, 1 * mm),
    ]
    if beside:
        table = data_table(head, rows, widths, numeric_from=1, subtotals=subtotals)
        kept.append(_side_by_side(table, sum(widths), chart))
        rest: list[Flowable] = []
    else:
        kept.append(chart)
        lead = [Spacer(1, 2 * mm)]
        rest = headed_table(lead, head, rows, widths, numeric_from=1, subtotals=subtotals)
        _keep_tail(rest, len(rows) - first + 1)  # the last value with the figures
    return kept, rest


def _keep_tail(flowables: list[Flowable], rows: int) -> list[Flowable]:
    """The last ``rows`` rows of the table closing ``flowables`` go over a page together:
    never one row (or the closing count, or a rating's figures) alone under a repeated
    header."""
    table = flowables[-1]
    assert isinstance(table, Table)
    table.setStyle(TableStyle([("NOSPLIT", (0, -rows), (-1, -1))]))
    return flowables


def _side_by_side(left: Flowable, left_width: float, right: Flowable) -> Table:
    """Two flowables in one row, top-aligned, ``left_width`` and a gap for the first."""
    row = Table([[left, right]], colWidths=[left_width + SIDE_GAP, None], hAlign="LEFT")
    row.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # else the cells set Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return row


def _texts(number: int, question: QuestionResult, respondents: int) -> list[Flowable]:
    lead = _lead(number, question, respondents)
    answers = question.text_answers[:TEXTS_SHOWN]
    labels = SEGMENT_LABELS["org_type"]
    rows = [
        (
            str(answer.response_id),
            f"{to_moscow(answer.submitted_at):%d.%m.%Y %H:%M}",
            labels.get(answer.org_type, answer.org_type),
            answer.text,
        )
        for answer in answers
    ]
    widths = (22 * mm, 34 * mm, 60 * mm, CONTENT_WIDTH - 116 * mm)  # ИП on one line
    if not rows:
        return [KeepTogether([*lead, Paragraph("На этот вопрос никто не ответил.", BODY)])]
    more = question.answered - len(answers)
    # The rest are counted in the table's closing row (a note under the table could be
    # carried alone onto the next page).
    total = (
        ("", "", "", f"Ещё {count_text(more)} {plural(more, ANSWERS)} — в выгрузке Excel "
         "(лист «Ответы»)")
        if more > 0
        else None
    )  # fmt: skip
    head = ("№ ответа", "Отправлен (МСК)", "Тип организации", "Ответ")
    flowables = headed_table(lead, head, rows, widths, numeric_from=0, numeric_to=1, total=total)
    return _keep_tail(flowables, 2)


def _question(number: int, question: QuestionResult, split: SplitResults) -> list[Flowable]:
    respondents = split.overall.respondents
    if question.kind == "text":
        return _texts(number, question, respondents)
    lead = _lead(number, question, respondents)
    if question.kind == "rating":
        kept, rest = _rating(question, split.segments)
        rows = len(question.distribution) + 3
    else:
        kept, rest = _choice(question, split.segments)
        rows = len(question.options)
    # The heading never stays alone at a page's foot: it goes with its chart, and a short
    # table with them.
    if rows <= KEPT_TABLE_ROWS:
        return [KeepTogether([*lead, *kept, *rest])]
    return [KeepTogether([*lead, *kept]), *rest]


# --- The document ---------------------------------------------------------------------------


def render_results_pdf(
    split: SplitResults, *, now: datetime, supplier: Supplier | None = None
) -> RenderedSurvey:
    """The report's PDF from results already read (``split``: by organisation type)."""
    register_fonts()
    supplier = supplier or Supplier()
    results = split.overall
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{TITLE_TEXT} «{results.title}»",
        author=supplier.name,
        subject=f"Опрос № {results.survey_id}",
        creator="LKK Admin",
    )
    short_title = results.title if len(results.title) <= 80 else results.title[:79] + "…"
    footer = (
        f"{TITLE_TEXT} «{short_title}» · опрос № {results.survey_id} · "
        f"сформировано {day(to_moscow(now).date())}"
    )
    story: list[Flowable] = [
        *_survey_block(results, supplier, now),
        *_per_day(results),
        *_respondents(split),
    ]
    for number, question in enumerate(results.questions, start=1):
        story += _question(number, question, split)
    document.build(story, canvasmaker=_numbered_canvas(footer))
    return RenderedSurvey(buffer.getvalue(), document.page)


def export_results_pdf(
    session: Session,
    survey_id: int,
    path: Path,
    *,
    now: datetime | None = None,
    supplier: Supplier | None = None,
) -> SurveyExport:
    """Write the survey's results report to ``path`` (.pdf), through a ``.part`` file.

    Refused before anything is written for an unknown survey (:class:`NotFoundError`) or
    one with no responses (``SURVEY_NO_RESPONSES``). ``supplier``: the requisites on the
    first page (None: the organisation's setting, as the customer reports print it)."""
    now = now or datetime.now(UTC)
    title = require_responses(session, survey_id)
    split = split_results(session, survey_id, SPLIT, now=now)
    if supplier is None:
        from lkk_admin.services.supplier_settings import load_supplier

        supplier = load_supplier(session)
    rendered = render_results_pdf(split, now=now, supplier=supplier)
    path = Path(path)
    try:
        write_document_atomically(path, rendered.pdf)
    except OSError as error:
        from lkk_admin.services.excel_export import _not_written

        raise _not_written(path, error) from error
    return SurveyExport(
        path=path, title=title, responses=split.overall.respondents, pages=rendered.pages
    )
