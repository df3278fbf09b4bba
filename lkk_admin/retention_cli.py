"""``lkk-admin retention``: anonymise the personal data whose purpose has ended (152-ФЗ)
and write the act, from a script or a scheduled task.

The period is the organisation's setting (Сервис → Срок хранения персональных данных).
``--dry-run`` only counts. A real run anonymises batch by batch (Ctrl+C stops after the
batch in hand; what is done stays done and goes into the act), prints the count and the
rate, and writes the act: to ``-o``, else ``akt-obezlichivaniya-ГГГГ-ММ-ДД.pdf`` in the
current folder (``-2``, ``-3``… when a file of that name is there: an act is never
overwritten unasked). The folder is tried before anything is anonymised. If the act
cannot be written anyway, ``--act-for ЗАПУСК`` writes it again from the audit log.
The actor is the database user on PostgreSQL, the computer's login on SQLite.
"""

from __future__ import annotations

import argparse
import getpass
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from lkk_admin.cli_database import add_database_options, open_database
from lkk_admin.services.errors import DomainError

if TYPE_CHECKING:  # reportlab and the services load only when the command runs
    from lkk_admin.services.reports.document import Supplier
    from lkk_admin.services.retention import DueSummary, RetentionRun

STAGE = "Обезличивание"


def add_parser(commands: Any) -> None:
    retention = commands.add_parser(
        "retention",
        help="обезличить персональные данные, цель обработки которых достигнута (152-ФЗ)",
        description=(
            "Находит пользователей портала, чьи заявки отклонены или просрочены или чья "
            "почта так и не подтверждена, если с тех пор прошёл срок хранения (настройка "
            "организации, по умолчанию 30 дней), заменяет их ФИО, телефон, e-mail и логин "
            "отметкой «обезличено» и составляет акт в PDF. Активных пользователей и всё, "
            "что связано с действующим доступом, не трогает; повторный запуск ничего не "
            "меняет. Акт сохраняется в файл -o, иначе в текущую папку под именем "
            "akt-obezlichivaniya-ГГГГ-ММ-ДД.pdf (существующий файл не перезаписывается: "
            "к имени добавляется -2, -3…). База — --url, --profile или --demo, иначе "
            "последний использованный профиль подключения."
        ),
    )
    add_database_options(retention, demo=True)
    retention.add_argument(
        "--dry-run",
        action="store_true",
        help="только посчитать, что подлежит обезличиванию, ничего не меняя",
    )
    retention.add_argument(
        "-o", "--output", type=Path, metavar="ФАЙЛ", help="куда сохранить акт (PDF)"
    )
    retention.add_argument(
        "--act-for",
        metavar="ЗАПУСК",
        help="ничего не обезличивать, а составить заново акт прошлого запуска по журналу аудита",
    )


def database_actor(session: Session) -> str:
    """Who the act and the audit name: the database user on PostgreSQL (the database
    itself records it so), else the computer's login."""
    if session.get_bind().dialect.name == "postgresql":
        return str(session.execute(text("SELECT session_user")).scalar_one())
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "demo"


def default_act_path(folder: Path, when: datetime) -> Path:
    """``akt-obezlichivaniya-<date>.pdf`` in ``folder``, numbered if that name is taken."""
    from lkk_admin.services.retention_act import file_name

    path = folder / file_name(when)
    number = 2
    while path.exists():
        path = path.with_stem(f"{Path(file_name(when)).stem}-{number}")
        number += 1
    return path


@contextmanager
def _ctrl_c_stops_after_the_batch() -> Iterator[threading.Event]:
    """Ctrl+C sets the event instead of interrupting a batch; a second Ctrl+C interrupts."""
    stop = threading.Event()
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    try:
        signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread (a test's runner): no handler, same run
        yield stop
        return
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _print_counts(by_ground: dict[str, int]) -> None:
    from lkk_admin.services.retention import GROUND_NAMES

    for ground, count in by_ground.items():
        if count:
            print(f"  {GROUND_NAMES[ground]}: {count}")


def run(args: argparse.Namespace) -> int:
    from lkk_admin import db
    from lkk_admin.report_cli import check_output
    from lkk_admin.services import retention, retention_period
    from lkk_admin.services.supplier_settings import load_supplier

    engine = open_database(args)
    factory = db.session_factory(engine)
    try:
        with factory() as session:
            days = retention_period.read_period(session).value
            actor = database_actor(session)
            supplier = load_supplier(session)
            if args.act_for:
                past = retention.recorded_run(session, args.act_for)
                target = args.output or default_act_path(Path.cwd(), past.finished_at)
                check_output(target)
                _write(past, target, supplier)
                return 0
            summary = retention.due(session, days=days)
        if args.dry_run:
            return _dry_run(summary)
        if summary.total == 0:
            print(_nothing_due(summary))
            return 0
        target = args.output or default_act_path(Path.cwd(), datetime.now(UTC))
        check_output(target)  # before anything is anonymised
        from lkk_admin.terminal import TerminalProgress

        progress = TerminalProgress()
        with _ctrl_c_stops_after_the_batch() as stop:
            try:
                done = retention.anonymise(
                    factory,
                    actor,
                    days=days,
                    progress=lambda count, total: progress(STAGE, count, total),
                    cancelled=stop.is_set,
                )
            except BaseException:
                if sys.stderr.isatty():  # the message goes below the bar, not onto it
                    progress.finish()
                raise
            progress.finish()
    finally:
        engine.dispose()
    print(
        f"Обезличено записей: {done.done} из {done.due} за {done.seconds:.1f} с "
        f"({done.per_second:.0f} в секунду); срок хранения {days} дн."
    )
    _print_counts(done.by_ground())
    if done.cancelled:
        print(f"Остановлено по Ctrl+C; осталось {done.left}: их обезличит следующий запуск.")
    elif done.left:
        print(f"Изменялись в это время и оставлены до следующего запуска: {done.left}.")
    if not done.done:
        print("Акт не составлен: обезличено ничего не было.")
        return 0
    try:
        _write(done, target, supplier)
    except Exception as error:
        raise DomainError(
            f"Данные обезличены, но акт не записан в {target}: {error}. Составьте его "
            f"заново: lkk-admin retention --act-for {done.run_id} -o ФАЙЛ.pdf",
            code="ACT_NOT_WRITTEN",
        ) from error
    return 0


def _write(run_record: RetentionRun, target: Path, supplier: Supplier) -> None:
    from lkk_admin.services.retention_act import write_act

    write_act(run_record, target, supplier=supplier)
    print(f"Акт сохранён: {target} (запуск {run_record.run_id}, записей: {run_record.done}).")


def _dry_run(summary: DueSummary) -> int:
    if summary.total == 0:
        print(_nothing_due(summary))
        return 0
    print(
        f"Подлежит обезличиванию (срок хранения {summary.days} дн.): {summary.total}; "
        f"самая ранняя цель достигнута {_day(summary.oldest)}."
    )
    _print_counts(summary.by_ground)
    if summary.waiting_for_mail:
        print(f"Ждут отправки писем (обезличатся позже): {summary.waiting_for_mail}.")
    print("Пробный запуск: ничего не изменено.")
    return 0


def _nothing_due(summary: DueSummary) -> str:
    said = (
        f"Обезличивать нечего: нет данных, цель обработки которых достигнута более "
        f"{summary.days} дн. назад."
    )
    if summary.waiting_for_mail:
        said += f" Ждут отправки писем (обезличатся позже): {summary.waiting_for_mail}."
    return said


def _day(moment: datetime | None) -> str:
    return "—" if moment is None else f"{moment.astimezone():%d.%m.%Y}"
