"""``lkk-admin survey export``: a survey's results to Excel or PDF without the GUI (batch
use, a scheduled report).

The format follows the file's extension: ``.xlsx`` (a summary sheet and one row per
response) or ``.pdf`` (the results report). The output is tried before the database is
read, as ``lkk-admin report`` tries it (:func:`.report_cli.check_output`); an unknown
survey or one nobody has answered is refused in Russian, and neither refusal nor failure
leaves a file or a ``.part`` behind. The database is chosen as for ``report``: ``--url``,
``--profile``, ``--demo`` or the last used profile (:mod:`lkk_admin.cli_database`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from lkk_admin.cli_database import add_database_options, open_database
from lkk_admin.cli_parser import integer
from lkk_admin.services.errors import DomainError

FORMATS = {".xlsx": "Excel", ".pdf": "PDF"}
NOT_WRITTEN = "Файл не создан."


def add_parser(commands: Any) -> None:
    survey = commands.add_parser(
        "survey",
        help="опросы: выгрузить результаты в Excel или PDF",
        description="Опросы клиентов портала.",
    )
    actions = survey.add_subparsers(dest="survey_command", metavar="ДЕЙСТВИЕ", required=True)
    export = actions.add_parser(
        "export",
        help="выгрузить результаты опроса в Excel (.xlsx) или PDF (.pdf)",
        description=(
            "Сохраняет результаты опроса без графического интерфейса. Формат — по "
            "расширению файла: .xlsx — сводка и лист ответов (строка на каждый ответ, без "
            "персональных данных), .pdf — отчёт с диаграммами. Если опроса нет или на него "
            "ещё никто не ответил, файл не создаётся. База — --url, --profile или --demo, "
            "иначе последний использованный профиль подключения."
        ),
    )
    export.add_argument(
        "--survey",
        required=True,
        type=integer,
        metavar="НОМЕР",
        help="номер опроса (как в разделе «Опросы»)",
    )
    add_database_options(export, demo=True)
    export.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="ФАЙЛ",
        help="файл .xlsx или .pdf",
    )


def output_format(target: Path) -> str:
    """``.xlsx`` or ``.pdf`` from the file's name; anything else is refused, named."""
    if target.is_dir():
        raise DomainError(
            f"{target} — это папка, а нужно имя файла, например "
            f"{target / 'результаты.xlsx'} или {target / 'результаты.pdf'}. {NOT_WRITTEN}",
            code="OUTPUT_IS_FOLDER",
        )
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        said = f"«{target.suffix}»" if target.suffix else "без расширения"
        raise DomainError(
            f"Формат выгрузки определяется по расширению файла: .xlsx (Excel) или .pdf, "
            f"а имя {target.name} — {said}. {NOT_WRITTEN}",
            code="UNKNOWN_FORMAT",
        )
    return suffix


def run(args: argparse.Namespace) -> int:
    target: Path = args.output
    suffix = output_format(target)
    from lkk_admin.report_cli import check_output

    check_output(target)

    from lkk_admin import db
    from lkk_admin.services.survey_export import export_results_xlsx
    from lkk_admin.services.survey_report import export_results_pdf

    export = export_results_xlsx if suffix == ".xlsx" else export_results_pdf
    engine = open_database(args)
    try:
        with db.session_factory(engine)() as session:
            try:
                written = export(session, args.survey, target)
            except DomainError as refusal:
                said = f"{refusal.message} {NOT_WRITTEN}"
                raise DomainError(said, code=refusal.code) from refusal
    finally:
        engine.dispose()
    pages = f", страниц: {written.pages}" if written.pages else ""
    print(
        f"Файл {target} сохранён ({FORMATS[suffix]}): результаты опроса «{written.title}», "
        f"ответов: {written.responses}{pages}."
    )
    return 0
