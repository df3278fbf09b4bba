"""``lkk-admin report``: build a customer report as PDF without the GUI (batch printing, checks).

The PDF is written to a temporary file beside the target and renamed only when complete,
so a failure (unknown contract, empty period, full disk) never leaves a file behind.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from lkk_admin.services.errors import DomainError

KINDS = ("consumption", "statement", "tariff")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> date:
    """``2026-01`` → ``date(2026, 1, 1)``; argparse shows the Russian message on failure."""
    match = _MONTH.match(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise argparse.ArgumentTypeError(f"месяц в виде ГГГГ-ММ, например 2026-01, а не «{text}»")
    return date(int(match[1]), int(match[2]), 1)


def add_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="сформировать отчёт клиента в PDF (как в Личном кабинете)",
        description=(
            "Строит PDF-отчёт по договору за период без графического интерфейса. "
            "Если договора нет или за период нет данных, файл не создаётся."
        ),
    )
    report.add_argument(
        "kind",
        choices=KINDS,
        help=(
            "consumption — отчёт по потреблению, statement — расчётная ведомость, "
            "tariff — справка о составляющих тарифа"
        ),
    )
    report.add_argument("--contract", required=True, help="номер договора")
    report.add_argument(
        "--from", dest="first", required=True, type=parse_month, help="первый месяц, ГГГГ-ММ"
    )
    report.add_argument(
        "--to", dest="last", required=True, type=parse_month, help="последний месяц, ГГГГ-ММ"
    )
    report.add_argument("--url", required=True, help="адрес базы данных (SQLAlchemy URL)")
    report.add_argument("-o", "--output", required=True, type=Path, help="файл PDF")


def run(args: argparse.Namespace) -> int:
    target: Path = args.output
    if not target.parent.is_dir():
        raise DomainError(f"Папки {target.parent} нет. Файл не создан.", code="NO_FOLDER")

    from lkk_admin import db
    from lkk_admin.services.json_files import write_bytes_atomically
    from lkk_admin.services.reports.catalog import REPORTS, render_report
    from lkk_admin.services.supplier_settings import load_supplier

    engine = db.make_engine(args.url)
    try:
        with db.session_factory(engine)() as session:
            supplier = load_supplier(session)  # the organisation's, as the desks print
            rendered = render_report(
                session, args.kind, args.contract, args.first, args.last, supplier=supplier
            )
    finally:
        engine.dispose()
    write_bytes_atomically(target, rendered.pdf)
    print(f"Файл {target} сохранён: {REPORTS[args.kind].title}, страниц: {rendered.pages}.")
    return 0
