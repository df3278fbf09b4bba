"""The command line's parser, in Russian: argparse's own words and the arguments' types.

argparse writes its usage line, group titles, ``-h`` help and error messages in English
through its module-level gettext functions. :class:`RussianArgumentParser` swaps in a
Russian catalogue for the moment it builds itself, parses or writes help, and puts the
originals back afterwards, so nothing else in the process (pytest's own parser, say) is
touched. Sub-parsers are made of the same class, so every ``lkk-admin`` command speaks
Russian. A message argparse adds in a newer Python and this catalogue lacks stays English.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

# argparse's msgids (Python 3.11–3.13) → Russian.
_RUSSIAN: dict[str, str] = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "subcommands": "команды",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "not allowed with argument %s": "нельзя указывать вместе с %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "expected one argument": "нужно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "недопустимое значение %(value)r (возможные: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "неоднозначный параметр %(option)s: подходят %(matches)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "неизвестная команда %(parser_name)r (возможные: %(choices)s)"
    ),
    "unexpected option string: %s": "неожиданный параметр: %s",
    "can't open '%(filename)s': %(error)s": "не удаётся открыть «%(filename)s»: %(error)s",
}
_PLURALS: dict[str, str] = {
    "expected %s argument": "нужно значений: %s",
    "expected %s arguments": "нужно значений: %s",
}


def _translate(message: str | None) -> str | None:
    return _RUSSIAN.get(message, message) if message is not None else None


def _translate_plural(singular: str, plural: str, count: int) -> str:
    message = singular if count == 1 else plural
    return _PLURALS.get(message, message)


@contextlib.contextmanager
def _in_russian() -> Iterator[None]:
    """argparse's gettext functions swapped for the Russian catalogue, then restored."""
    saved = getattr(argparse, "_"), getattr(argparse, "ngettext")  # noqa: B009
    setattr(argparse, "_", _translate)  # noqa: B010 - not a public attribute of argparse
    setattr(argparse, "ngettext", _translate_plural)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


class RussianArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help and errors are in Russian (sub-parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _in_russian():  # the group titles and -h's help are made here
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with _in_russian():
            return super().add_subparsers(**kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with _in_russian():  # «unrecognized arguments» is said here, not below
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with _in_russian():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _in_russian():
            return super().format_usage()

    def format_help(self) -> str:
        with _in_russian():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _in_russian():
            super().error(message)


# --- Argument types (argparse shows their ArgumentTypeError text after the option) ---------

URL_EXAMPLES = "postgresql://пользователь@сервер:5432/база или sqlite:///путь/к/файлу.sqlite3"


def database_url(text: str) -> str:
    """A database URL for ``--url``; a file path or another database is refused with an
    example of what a URL looks like. The text is not echoed: a URL may hold a password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    value = text.strip()
    if "://" not in value:
        hint = ""
        if any(mark in value for mark in "/\\") or Path(value).suffix:
            file_url = f"sqlite:///{Path(value).resolve().as_posix()}"
            hint = f" Файл SQLite {value} указывается так: {file_url}"
        raise argparse.ArgumentTypeError(
            f"это не адрес базы данных. Адрес выглядит так: {URL_EXAMPLES}.{hint}"
        )
    try:
        backend = make_url(value).get_backend_name()
    except ArgumentError:
        raise argparse.ArgumentTypeError(
            f"адрес базы данных не распознан. Адрес выглядит так: {URL_EXAMPLES}."
        ) from None
    if backend not in ("postgresql", "postgres", "sqlite"):
        raise argparse.ArgumentTypeError(
            f"поддерживаются базы PostgreSQL и SQLite, а не «{backend}». "
            f"Адрес выглядит так: {URL_EXAMPLES}."
        )
    return value


def _number(kind: Callable[[str], Any], words: str) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        try:
            return kind(text.strip().replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(f"нужно {words}, а не «{text}»") from None

    convert.__name__ = kind.__name__
    return convert


integer = _number(int, "целое число")
number = _number(float, "число")
