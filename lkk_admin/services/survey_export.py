"""A survey's results to an .xlsx workbook: the summary and the raw answers.

Two sheets. «Сводка»: the survey (title, dates in Moscow time, respondents, the portal
users active while it was open, the response rate), then every question with its figures
(:func:`.survey_results.split_results` by organisation type): how many answered, every
option's or value's count and share, a rating's mean, median and NPS, and the same figures
per kind of customer in the columns beside. «Ответы»: one row per response and one column
per question (a multiple-choice question: one column per option, 1 where chosen), read by
one SQL statement that pivots the answers in the database and streamed to openpyxl's
write-only sheet by :mod:`.excel_export`, so a hundred thousand responses need no more
memory than a few hundred.

A respondent appears as the response's number and their segments (organisation type, price
category) only: no name, login or e-mail leaves the database. Cells are typed (counts and
ratings are numbers, shares are percentages, moments are Moscow date-times) and a text
answer is always text. The file appears whole or not at all (``<name>.part`` renamed when
complete). A survey nobody has answered is refused before anything is written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from queue import Full, Queue
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, case, exists, func, literal_column, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable, Select

from lkk_admin.models import Survey, SurveyAnswer, SurveyResponse
from lkk_admin.services import surveys
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.excel_export import (
    DATETIME_FORMAT,
    ERROR_CODES,
    ExportCancelled,
    ExportColumn,
    _discard,
    _not_written,
    _write_rows,
    clean_text,
)
from lkk_admin.services.moscow_time import to_moscow
from lkk_admin.services.overview_export import FORMULA_STARTS
from lkk_admin.services.survey_figures import respondents_of, user_segments
from lkk_admin.services.survey_results import (
    SEGMENT_LABELS,
    QuestionResult,
    SplitResults,
    SurveyResults,
    split_results,
)

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SUMMARY_SHEET = "Сводка"
ANSWERS_SHEET = "Ответы"
SPLIT = "org_type"  # the summary's columns beside the whole survey's
STREAM_BATCH = 2_000  # rows fetched from the database at a time
READ_AHEAD = 4  # batches read ahead of the writing
ZIP_LEVEL = 3  # deflate: 1 is fastest and largest, 9 the opposite; openpyxl uses 6

KIND_NAMES = {
    "single": "один вариант",
    "multiple": "несколько вариантов",
    "text": "свободный ответ",
    "rating": "оценка",
}
SHOWN_STATUS_NAMES = {
    "draft": "черновик",
    "scheduled": "запланирован",
    "open": "идёт",
    "closed": "завершён",
}
MULTIPLE_NOTE = (
    "Можно было выбрать несколько вариантов: доли считаются от ответивших на вопрос, "
    "и их сумма может быть больше 100 %."
)
NPS_NOTE = "NPS: доля поставивших 9–10 минус доля поставивших 0–6, в процентных пунктах."
HEADER_TEXT_MAX = 120  # characters of a question's text in a column's header

PERCENT_FORMAT = "0.0%"
MEAN_FORMAT = "0.00"
NPS_FORMAT = "+0.0;-0.0;0.0"


@dataclass(frozen=True)
class SurveyExport:
    """What an export wrote: the file, the survey's title, the responses in it, and (a PDF)
    its pages."""

    path: Path
    title: str
    responses: int
    pages: int | None = None


def require_responses(session: Session, survey_id: int) -> str:
    """The survey's title; :class:`NotFoundError` for an unknown survey, and a
    :class:`DomainError` (``SURVEY_NO_RESPONSES``) when nobody has answered it yet."""
    answered = exists().where(SurveyResponse.survey_id == Survey.id)
    row = session.execute(
        select(Survey.title, answered.label("answered")).where(Survey.id == survey_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError(
            f"Опроса № {survey_id} нет: номер указан неверно или опрос удалён.",
            code="SURVEY_NOT_FOUND",
        )
    if not row.answered:
        raise DomainError(
            f"На опрос «{row.title}» ещё никто не ответил: выгружать нечего.",
            code="SURVEY_NO_RESPONSES",
        )
    return str(row.title)


def shown_status(results: SurveyResults, now: datetime) -> str:
    """The status as the list shows it at ``now`` (a key of :data:`SHOWN_STATUS_NAMES`)."""
    return surveys.shown_status(results.status, results.opens_at, results.closes_at, now)


def moscow_naive(moment: datetime) -> datetime:
    """A moment as Moscow wall-clock time without a zone (Excel has none)."""
    return to_moscow(moment).replace(tzinfo=None)


def question_heading(number: int, question: QuestionResult) -> str:
    return f"{number}. {question.text}"


def export_results_xlsx(
    session: Session,
    survey_id: int,
    path: Path,
    *,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SurveyExport:
    """Write the survey's results to ``path`` (.xlsx): «Сводка» and «Ответы».

    Refused before anything is written for an unknown survey (:class:`NotFoundError`) or
    one with no responses (``SURVEY_NO_RESPONSES``). ``progress(rows)`` and
    ``cancelled()`` are asked as the raw answers are written
    (:func:`.excel_export.export_xlsx`); a cancellation or a failure leaves no file and no
    ``.part``, and an existing ``path`` as it was.
    """
    now = now or datetime.now(UTC)
    title = require_responses(session, survey_id)
    split = split_results(session, survey_id, SPLIT, now=now)
    columns, rows = raw_answers(session, split.overall)
    written = write_results_xlsx(
        path, split, columns, rows, now=now, progress=progress, cancelled=cancelled
    )
    return SurveyExport(path=Path(path), title=title, responses=written)


def write_results_xlsx(
    path: Path,
    split: SplitResults,
    columns: Sequence[ExportColumn],
    rows: Iterator[tuple[object, ...]],
    *,
    now: datetime,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """The workbook from figures already read: «Сводка» from ``split``, «Ответы» from
    ``columns`` and ``rows`` (closed when done); the number of rows in «Ответы»."""
    path = Path(path)
    part = path.with_name(path.name + ".part")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(SUMMARY_SHEET)
    answers = workbook.create_sheet(ANSWERS_SHEET)
    try:
        _SummaryWriter(summary).write(split, now)
        written = _write_rows(answers, columns, rows, progress, cancelled, fast=True)
        if cancelled is not None and cancelled():
            raise ExportCancelled
        _save(workbook, part)
        part.replace(path)  # atomic on one volume, over an existing file too
    except OSError as error:
        _discard_all((summary, answers), part)
        raise _not_written(path, error) from error
    except BaseException:
        _discard_all((summary, answers), part)
        raise
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    if progress is not None:
        progress(written)
    return written


def _save(workbook: Any, part: Path) -> None:
    """As ``workbook.save``, deflated less: at openpyxl's default level the compression took
    a fifth of a hundred thousand responses' export, for a file a fifth smaller."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    with ZipFile(part, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=ZIP_LEVEL) as archive:
        ExcelWriter(workbook, archive).save()


def _discard_all(sheets: Sequence[WriteOnlyWorksheet], part: Path) -> None:
    for sheet in sheets:
        _discard(sheet, part)


# --- The raw answers ------------------------------------------------------------------------


def _constant(value: int) -> ColumnElement[Any]:
    """An id written into the SQL: a survey of a hundred questions of fifty options would
    otherwise bind thousands of parameters (SQLite allows 32,766 at most)."""
    return literal_column(str(int(value)))


def _answer_columns(questions: Sequence[QuestionResult]) -> list[ColumnElement[Any]]:
    """One aggregate per column of the sheet: the option chosen, a 1 per option of a
    multiple choice, the rating, the text."""
    answer = SurveyAnswer
    columns: list[ColumnElement[Any]] = []
    for question in questions:
        asked = answer.survey_question_id == _constant(question.question_id)
        if question.kind == "single":
            columns.append(func.max(case((asked, answer.survey_option_id))))
        elif question.kind == "multiple":
            columns += [
                func.max(case((answer.survey_option_id == _constant(option.option_id), 1)))
                for option in question.options
            ]
        elif question.kind == "rating":
            columns.append(func.max(case((asked, answer.rating))))
        else:
            columns.append(func.max(case((asked, answer.text_value))))
    return columns


def raw_answers_statement(results: SurveyResults) -> Select[Any]:
    """Every response of the survey as one row, oldest number first: its id, when, the
    respondent's segments, then the answers as the sheet's columns."""
    answer_values = _answer_columns(results.questions)
    mine = select(SurveyResponse.id).where(SurveyResponse.survey_id == results.survey_id)
    pivot = (
        select(
            SurveyAnswer.survey_response_id.label("response_id"),
            *(value.label(f"a{index}") for index, value in enumerate(answer_values)),
        )
        .where(SurveyAnswer.survey_response_id.in_(mine))
        .group_by(SurveyAnswer.survey_response_id)
        .subquery("pivot")
    )
    # Each respondent's organisation type and price category, as the results split them.
    segment = user_segments(respondents_of(results.survey_id)).subquery("segment")
    return (
        select(
            SurveyResponse.id,
            SurveyResponse.submitted_at,
            func.coalesce(segment.c.org_type, "none"),
            func.coalesce(segment.c.price_category, "none"),
            *(pivot.c[f"a{index}"] for index in range(len(answer_values))),
        )
        .outerjoin(pivot, pivot.c.response_id == SurveyResponse.id)
        .outerjoin(segment, segment.c.user_id == SurveyResponse.portal_user_id)
        .where(SurveyResponse.survey_id == results.survey_id)
        .order_by(SurveyResponse.id)
    )


def _header_text(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= HEADER_TEXT_MAX else flat[: HEADER_TEXT_MAX - 1] + "…"


def raw_columns(results: SurveyResults) -> list[ExportColumn]:
    """The «Ответы» sheet's columns; each reads its value by position from a row that
    :func:`raw_answers` has already made sheet values."""
    columns = [
        ExportColumn("№ ответа", itemgetter(0), "int", width=10),
        ExportColumn("Отправлен (МСК)", itemgetter(1), "datetime", width=17),
        ExportColumn("Тип организации", itemgetter(2), "text"),
        ExportColumn("Ценовая категория", itemgetter(3), "text"),
    ]
    for number, question in enumerate(results.questions, start=1):
        heading = _header_text(question_heading(number, question))
        if question.kind == "multiple":
            for option in question.options:
                header = f"{heading} — {_header_text(option.text)}"
                columns.append(ExportColumn(header, itemgetter(len(columns)), "int"))
        elif question.kind == "rating":
            columns.append(ExportColumn(heading, itemgetter(len(columns)), "int"))
        else:
            columns.append(ExportColumn(heading, itemgetter(len(columns)), "text"))
    return columns


def _value_makers(results: SurveyResults) -> list[Callable[[Any], object] | None]:
    """How each answer column's database value becomes the cell's (None: as it is)."""
    makers: list[Callable[[Any], object] | None] = []
    for question in results.questions:
        if question.kind == "single":
            texts = {option.option_id: option.text for option in question.options}
            makers.append(texts.get)
        elif question.kind == "multiple":
            makers += [None] * len(question.options)
        elif question.kind == "text":
            makers.append(_given_text)
        else:
            makers.append(None)
    return makers


def _given_text(value: str) -> str | None:
    """A blank answer is no answer (as the results count it)."""
    return value if value.strip() else None


@contextmanager
def _streaming_connection(session: Session) -> Iterator[Connection]:
    """The session's connection, or, for a reading session in autocommit on PostgreSQL
    (``db.read_session_factory``), one of its own in a transaction: a server-side cursor
    lives only inside one."""
    connection = session.connection()
    autocommit = connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
    if connection.dialect.name != "postgresql" or not autocommit:
        yield connection
        return
    with connection.engine.connect() as borrowed:
        own = borrowed.execution_options(isolation_level=borrowed.default_isolation_level)
        with own.begin():
            yield own


_END = object()  # the reader's last word: every row was read


def _batches(connection: Connection, statement: Executable) -> Generator[Sequence[Any], None, None]:
    """The statement's rows a batch at a time. On PostgreSQL a thread of their own reads
    the next batches while the caller writes this one (the wait for the server releases
    the interpreter), at most :data:`READ_AHEAD` batches ahead; leaving early stops it."""
    if connection.dialect.name != "postgresql":
        result = connection.execute(statement)
        try:
            yield from result.partitions()
        finally:
            result.close()
        return
    ready: Queue[object] = Queue(maxsize=READ_AHEAD)
    stop = threading.Event()

    def offer(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
            except Full:
                continue
            return True
        return False

    def read() -> None:
        try:
            result = connection.execute(statement)
            try:
                for batch in result.partitions():
                    if not offer(batch):
                        return
            finally:
                result.close()
            offer(_END)
        except BaseException as error:  # raised again where the rows are taken
            offer(error)

    reader = threading.Thread(target=read, name="survey-answers-reader", daemon=True)
    reader.start()
    try:
        while (item := ready.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        reader.join()


def raw_answers(
    session: Session, results: SurveyResults
) -> tuple[list[ExportColumn], Generator[tuple[object, ...], None, None]]:
    """The «Ответы» sheet: its columns and its rows, streamed from one statement
    (``yield_per``: a server-side cursor on PostgreSQL) in batches of
    :data:`STREAM_BATCH`. Close the iterator when done with it early."""
    org_types = SEGMENT_LABELS["org_type"]
    categories = SEGMENT_LABELS["price_category"]
    makers = _value_makers(results)
    converted = [(index, make) for index, make in enumerate(makers, start=4) if make]
    statement = raw_answers_statement(results).execution_options(yield_per=STREAM_BATCH)

    def rows() -> Generator[tuple[object, ...], None, None]:
        with (
            _streaming_connection(session) as connection,
            closing(_batches(connection, statement)) as batches,  # stops the reader
        ):
            for batch in batches:
                for row in batch:
                    values = list(row)
                    values[1] = moscow_naive(values[1])
                    values[2] = org_types.get(values[2], values[2])
                    values[3] = categories.get(values[3], values[3])
                    for index, make in converted:
                        if values[index] is not None:
                            values[index] = make(values[index])
                    yield tuple(values)

    return raw_columns(results), rows()


# --- The summary ----------------------------------------------------------------------------


class _SummaryWriter:
    """The «Сводка» sheet, row by row: labels in A, the whole survey's figures in B–C, each
    segment's figures in the next pairs of columns."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self.sheet = sheet
        self._cell_class = WriteOnlyCell
        self._bold = Font(bold=True)
        self._title = Font(bold=True, size=14)
        self._note = Font(italic=True, color="666666")
        self._wrap = Alignment(wrap_text=True, vertical="top")

    # Cells

    def _cell(self, value: object, **style: object) -> Any:
        cell = self._cell_class(self.sheet, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    def text(self, value: str, **style: object) -> Any:
        text = clean_text(value)
        cell = self._cell(text, **style)
        if text.startswith(FORMULA_STARTS) or text in ERROR_CODES:
            cell.data_type = "s"  # never a formula
            cell.quotePrefix = True
        return cell

    def bold(self, value: str) -> Any:
        return self.text(value, font=self._bold, alignment=self._wrap)

    def percent(self, value: float | None) -> Any:
        if value is None:
            return None
        return self._cell(value / 100, number_format=PERCENT_FORMAT)

    def number(self, value: float | None, number_format: str) -> Any:
        if value is None:
            return None
        return self._cell(value, number_format=number_format)

    def moment(self, value: datetime | None) -> Any:
        if value is None:
            return "—"
        return self._cell(moscow_naive(value), number_format=DATETIME_FORMAT)

    def row(self, *cells: object) -> None:
        self.sheet.append(list(cells))

    # Blocks

    def write(self, split: SplitResults, now: datetime) -> None:
        from openpyxl.utils import get_column_letter

        overall, segments = split.overall, split.segments
        widths = [70.0, 12.0, 10.0] + [16.0, 12.0] * len(segments)
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.row(self.text(overall.title, font=self._title))
        self._survey(overall, now)
        self.row()
        self._respondents(split)
        self.row()
        self._table_header(split)
        self.sheet.freeze_panes = "B1"
        segment_respondents = [segment.results.respondents for segment in segments]
        by_segment = [
            {question.question_id: question for question in segment.results.questions}
            for segment in segments
        ]
        for number, question in enumerate(overall.questions, start=1):
            shares = [lookup.get(question.question_id) for lookup in by_segment]
            self._question(number, question, shares, overall.respondents, segment_respondents)
            self.row()

    def _survey(self, results: SurveyResults, now: datetime) -> None:
        status = SHOWN_STATUS_NAMES.get(shown_status(results, now), results.status)
        self.row(self.text("Опрос №"), results.survey_id)
        self.row(self.text("Состояние"), self.text(status))
        self.row(self.text("Открыт (МСК)"), self.moment(results.opens_at))
        self.row(self.text("Закрыт (МСК)"), self.moment(results.closes_at))
        self.row(self.text("Ответили (респондентов)"), results.respondents)
        self.row(self.text("Активных пользователей портала за время опроса"), results.eligible)
        self.row(self.text("Доля ответивших"), self.percent(results.response_rate))
        self.row(self.text("Сформировано (МСК)"), self.moment(now))

    def _respondents(self, split: SplitResults) -> None:
        total = split.overall.respondents
        self.row(
            self.bold("Респонденты по типу организации"), self.bold("Ответов"), self.bold("Доля")
        )
        for segment in split.segments:
            count = segment.results.respondents
            self.row(
                self.text(segment.label),
                count,
                self.percent(count * 100 / total if total else None),
            )

    def _table_header(self, split: SplitResults) -> None:
        head = [self.bold("Вопрос и варианты ответа"), self.bold("Ответов"), self.bold("Доля")]
        for segment in split.segments:
            head += [self.bold(f"{segment.label}: ответов"), self.bold("доля")]
        self.row(*head)

    def _question(
        self,
        number: int,
        question: QuestionResult,
        segments: Sequence[QuestionResult | None],
        respondents: int,
        segment_respondents: Sequence[int],
    ) -> None:
        kind = KIND_NAMES.get(question.kind, question.kind)
        if question.kind == "rating" and question.rating_scale is not None:
            low = 0 if question.rating_scale == 10 else 1
            kind = f"оценка от {low} до {question.rating_scale}"
        self.row(self.bold(f"{question_heading(number, question)} ({kind})"))
        answered: list[object] = [
            self.text("Ответили на вопрос"),
            question.answered,
            self.percent(question.answered * 100 / respondents if respondents else None),
        ]
        for part, whole in zip(segments, segment_respondents, strict=True):
            count = part.answered if part else 0
            answered += [count, self.percent(count * 100 / whole if whole else None)]
        self.row(*answered)
        if question.kind in ("single", "multiple"):
            self._options(question, segments)
            if question.kind == "multiple":
                self.row(self.text(MULTIPLE_NOTE, font=self._note))
        elif question.kind == "rating":
            self._rating(question, segments)
        else:
            self.row(
                self.text("Ответы — на листе «Ответы», в столбце этого вопроса.", font=self._note)
            )

    def _options(self, question: QuestionResult, segments: Sequence[QuestionResult | None]) -> None:
        for index, option in enumerate(question.options):
            line: list[object] = [
                self.text(option.text),
                option.count,
                self.percent(option.percent),
            ]
            for part in segments:
                theirs = part.options[index] if part and index < len(part.options) else None
                line += [theirs.count, self.percent(theirs.percent)] if theirs else [None, None]
            self.row(*line)

    def _rating(self, question: QuestionResult, segments: Sequence[QuestionResult | None]) -> None:
        for index, value in enumerate(question.distribution):
            line: list[object] = [value.value, value.count, self.percent(value.percent)]
            for part in segments:
                theirs = (
                    part.distribution[index] if part and index < len(part.distribution) else None
                )
                line += [theirs.count, self.percent(theirs.percent)] if theirs else [None, None]
            self.row(*line)
        figures: list[tuple[str, Callable[[QuestionResult], float | None], str]] = [
            ("Среднее", lambda result: result.mean, MEAN_FORMAT),
            ("Медиана", lambda result: result.median, MEAN_FORMAT),
        ]
        if question.rating_scale == 10:
            figures.append(("NPS", lambda result: result.nps, NPS_FORMAT))
        for label, read, number_format in figures:
            line = [self.text(label), self.number(read(question), number_format), None]
            for part in segments:
                line += [self.number(read(part), number_format) if part else None, None]
            self.row(*line)
        if question.rating_scale == 10:
            self.row(self.text(NPS_NOTE, font=self._note))
