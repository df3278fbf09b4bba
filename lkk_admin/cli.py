"""The ``lkk-admin`` command: the GUI by default, and subcommands for scripts and IT.

Subcommands never import Qt, so they run on a server without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lkk_admin import __version__
from lkk_admin.cli_database import URL_HELP
from lkk_admin.cli_parser import RussianArgumentParser, database_url, integer, number

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="lkk-admin",
        description="LKK Admin — рабочее место администратора Личного кабинета клиента. "
        "Без команды открывает окно входа.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"lkk-admin {__version__}",
        help="показать версию программы и выйти",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="открыть встроенную демонстрационную базу (создаётся при первом запуске)",
    )
    commands = parser.add_subparsers(dest="command", metavar="КОМАНДА")

    db_parser = commands.add_parser(
        "db", help="обслуживание схемы базы данных", description="Обслуживание схемы базы данных."
    )
    db_commands = db_parser.add_subparsers(dest="db_command", metavar="ДЕЙСТВИЕ", required=True)
    upgrade = db_commands.add_parser(
        "upgrade",
        help="обновить схему до последней версии",
        description="Приводит схему базы к последней версии; пустую базу (и новый файл "
        "SQLite) создаёт. Повторный запуск ничего не меняет.",
    )
    upgrade.add_argument("--url", required=True, type=database_url, metavar="АДРЕС", help=URL_HELP)

    demo = commands.add_parser(
        "demo-data",
        help="заполнить базу демонстрационными данными",
        description="Заполняет пустую базу демонстрационными данными (новый файл SQLite "
        "создаётся).",
    )
    demo.add_argument("--url", required=True, type=database_url, metavar="АДРЕС", help=URL_HELP)
    demo.add_argument(
        "--scale",
        type=number,
        default=1.0,
        metavar="МАСШТАБ",
        help="масштаб: 1 — около 20 000 контрагентов и 50 000 договоров",
    )
    demo.add_argument(
        "--seed", type=integer, default=None, metavar="ЧИСЛО", help="зерно генератора"
    )
    demo.add_argument("--quiet", action="store_true", help="не показывать ход работы")

    from lkk_admin import send_mail_cli

    send_mail_cli.add_parser(commands)
    from lkk_admin import staff_cli

    staff_cli.add_parser(commands)
    from lkk_admin import report_cli

    report_cli.add_parser(commands)
    from lkk_admin import retention_cli

    retention_cli.add_parser(commands)
    from lkk_admin import survey_cli

    survey_cli.add_parser(commands)

    commands.add_parser(
        "self-check",
        help="проверить, что установка находит переводы, шаблоны и миграции",
        description="Проверяет, что установка находит переводы, шаблоны писем и миграции.",
    )
    return parser


def _db_upgrade(args: argparse.Namespace) -> int:
    from lkk_admin import db

    db.upgrade(args.url)
    print("Схема базы данных обновлена до последней версии.")
    return EXIT_OK


def _demo_data(args: argparse.Namespace) -> int:
    from lkk_admin.services import demo_data
    from lkk_admin.terminal import TerminalProgress

    progress = None if args.quiet else TerminalProgress()
    options = {} if args.seed is None else {"seed": args.seed}
    try:
        summary = demo_data.generate(args.url, args.scale, progress=progress, **options)
    finally:
        if progress is not None:
            progress.finish()  # an error message must not land on the bar's line
    print(summary.describe())
    return EXIT_OK


def _send_mail(args: argparse.Namespace) -> int:
    from lkk_admin import send_mail_cli

    return send_mail_cli.run(args)


def _staff(args: argparse.Namespace) -> int:
    from lkk_admin import staff_cli

    return staff_cli.run(args)


def _report(args: argparse.Namespace) -> int:
    from lkk_admin import report_cli

    return report_cli.run(args)


def _retention(args: argparse.Namespace) -> int:
    from lkk_admin import retention_cli

    return retention_cli.run(args)


def _survey(args: argparse.Namespace) -> int:
    from lkk_admin import survey_cli

    return survey_cli.run(args)


def _attach_windows_console() -> None:
    """A windowed Windows executable has no stdout; borrow the console it was started from.

    Without this, ``lkk-admin.exe --version`` typed in cmd.exe would print nothing (or
    crash writing to None).
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    if sys.platform == "win32":
        import ctypes

        attach_parent_process = -1
        if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            sys.stdout = Path("CONOUT$").open("w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = sys.stdout
            return
    import os

    devnull = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - process-long
    sys.stdout = sys.stdout or devnull
    sys.stderr = sys.stderr or devnull


def _self_check(_args: argparse.Namespace) -> int:
    from lkk_admin import self_check

    return self_check.run()


def main(argv: Sequence[str] | None = None) -> int:
    _attach_windows_console()
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        # Answered before the parser is built: the commands' modules it imports bring in
        # SQLAlchemy and the services (half a second), and a version needs none of it.
        print(f"lkk-admin {__version__}")
        return EXIT_OK
    args = _build_parser().parse_args(argv)
    if args.command is None:
        from lkk_admin.app import run_gui

        return run_gui(demo=args.demo)

    from lkk_admin.errors_cli import report_cli_error

    handlers = {
        "db": _db_upgrade,
        "demo-data": _demo_data,
        "send-mail": _send_mail,
        "staff": _staff,
        "report": _report,
        "retention": _retention,
        "survey": _survey,
        "self-check": _self_check,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 130
    except Exception as error:  # every failure becomes a clear message
        return report_cli_error(error)


if __name__ == "__main__":
    sys.exit(main())
