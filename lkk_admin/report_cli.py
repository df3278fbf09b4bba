"""``lkk-admin report``: build a customer report as PDF without the GUI (batch printing, checks).

The PDF is written to a temporary file beside the target and renamed only when complete,
so a failure (unknown contract, empty period, full disk) never leaves a file behind. The
output folder is tried before the report is built: a folder given for the file, a missing
folder, one without write permission or on a read-only disk is refused at once, named.
The PDF gets the usual permissions (it is a document to pass on). The database is chosen
as ``send-mail`` chooses it, or ``--demo`` (:mod:`lkk_admin.cli_database`); a tariff
certificate asked beyond the contract's months covers those it was in force, and says so.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from lkk_admin.cli_database import add_database_options, open_database
from lkk_admin.services.errors import DomainError

KINDS = ("consumption", "statement", "tariff")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_NOT_WRITTEN = "Файл не создан."


def _iso_month(day: date) -> str:
    return f"{day.year:04}-{day.month:02}"


def parse_month(text: str) -> date:
    """``2026-01`` → ``date(2026, 1, 1)``; argparse shows the Russian message on failure."""
    match = _MONTH.match(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise argparse.ArgumentTypeError(f"месяц в виде ГГГГ-ММ, например 2026-01, а не «{text}»")
    # Here, not at the top: every command builds this parser, and reports import reportlab.
    from lkk_admin.services.reports.contracts import EARLIEST_MONTH, LATEST_MONTH

    year, number = int(match[1]), int(match[2])
    if not EARLIEST_MONTH.year <= year <= LATEST_MONTH.year:
        raise argparse.ArgumentTypeError(
            f"месяц от {_iso_month(EARLIEST_MONTH)} до {_iso_month(LATEST_MONTH)}, а не «{text}»"
        )
    return date(year, number, 1)


def _cannot_write(error: OSError, target: Path, *, probing: bool = False) -> DomainError | None:
    """What stopped writing ``target`` (``probing``: a file in its folder), in words; None
    for anything else."""
    folder = target.parent
    if isinstance(error, PermissionError) and probing:
        return DomainError(
            f"Нет права записи в папку {folder}. Выберите другую папку или попросите права "
            f"в ИТ-отделе. {_NOT_WRITTEN}",
            code="NO_PERMISSION",
        )
    if isinstance(error, PermissionError):
        return DomainError(
            f"Нет права записи: файл {target} не записан. Возможно, он открыт в другой "
            f"программе (закройте его) или защищён от записи. {_NOT_WRITTEN}",
            code="NO_PERMISSION",
        )
    if error.errno == errno.EROFS:
        return DomainError(
            f"Папка {folder} на диске, доступном только для чтения. Выберите другую "
            f"папку. {_NOT_WRITTEN}",
            code="READ_ONLY_DISK",
        )
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DomainError(
            f"На диске с папкой {folder} не хватает места. Освободите место и повторите. "
            f"{_NOT_WRITTEN}",
            code="DISK_FULL",
        )
    if isinstance(error, IsADirectoryError):
        return _is_a_folder(target)
    return None


def _is_a_folder(target: Path) -> DomainError:
    return DomainError(
        f"{target} — это папка, а нужно имя файла PDF, например {target / 'отчёт.pdf'}. "
        f"{_NOT_WRITTEN}",
        code="OUTPUT_IS_FOLDER",
    )


def check_output(target: Path) -> None:
    """Refuse, before the report is built, an output the PDF cannot be written to."""
    folder = target.parent
    if target.is_dir():
        raise _is_a_folder(target)
    if folder.exists() and not folder.is_dir():
        raise DomainError(
            f"{folder} — это файл, а не папка: файл {target.name} в нём не создать. {_NOT_WRITTEN}",
            code="NOT_A_FOLDER",
        )
    if not folder.is_dir():
        raise DomainError(f"Папки {folder} нет. {_NOT_WRITTEN}", code="NO_FOLDER")
    try:  # what the final write does first: a temporary file beside the target
        fd, probe = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".part", dir=folder)
    except OSError as error:
        refusal = _cannot_write(error, target, probing=True)
        if refusal is None:
            raise
        raise refusal from error
    os.close(fd)
    Path(probe).unlink()


def add_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="сформировать отчёт клиента в PDF (как в Личном кабинете)",
        description=(
            "Строит PDF-отчёт по договору за период без графического интерфейса. "
            "Если договора нет или за период нет данных, файл не создаётся. Справка о "
            "составляющих тарифа охватывает только месяцы действия договора. База — --url, "
            "--profile или --demo, иначе последний использованный профиль подключения."
        ),
    )
    report.add_argument(
        "kind",
        choices=KINDS,
        metavar="ОТЧЁТ",
        help=(
            "consumption — отчёт по потреблению, statement — расчётная ведомость, "
            "tariff — справка о составляющих тарифа"
        ),
    )
    report.add_argument("--contract", required=True, metavar="НОМЕР", help="номер договора")
    report.add_argument(
        "--from",
        dest="first",
        required=True,
        type=parse_month,
        metavar="ГГГГ-ММ",
        help="первый месяц",
    )
    report.add_argument(
        "--to",
        dest="last",
        required=True,
        type=parse_month,
        metavar="ГГГГ-ММ",
        help="последний месяц",
    )
    add_database_options(report, demo=True)
    report.add_argument("-o", "--output", required=True, type=Path, metavar="ФАЙЛ", help="файл PDF")


def run(args: argparse.Namespace) -> int:
    target: Path = args.output
    check_output(target)

    from lkk_admin import db
    from lkk_admin.services.json_files import write_document_atomically
    from lkk_admin.services.reports.catalog import REPORTS, render_report
    from lkk_admin.services.reports.contracts import find_contract
    from lkk_admin.services.reports.document import period_text
    from lkk_admin.services.supplier_settings import load_supplier

    engine = open_database(args)
    try:
        with db.session_factory(engine)() as session:
            supplier = load_supplier(session)  # the organisation's, as the desks print
            rendered = render_report(
                session, args.kind, args.contract, args.first, args.last, supplier=supplier
            )
            clipped = (rendered.first, rendered.last) != (args.first, args.last)
            term = find_contract(session, args.contract).term_text() if clipped else ""
    finally:
        engine.dispose()
    try:
        write_document_atomically(target, rendered.pdf)
    except OSError as error:
        refusal = _cannot_write(error, target)
        if refusal is None:
            raise
        raise refusal from error
    if clipped:
        print(
            f"Период сокращён до месяцев действия договора ({term}): "
            f"{period_text(rendered.first, rendered.last)} "
            f"(запрошено: {period_text(args.first, args.last)})."
        )
    print(f"Файл {target} сохранён: {REPORTS[args.kind].title}, страниц: {rendered.pages}.")
    return 0
