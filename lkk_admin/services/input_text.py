"""Text staff type or paste, checked before it reaches a query or a column.

PostgreSQL cannot store or compare the NUL character (code 0): psycopg refuses it before
sending and the user would read «Непредвиденная ошибка». Nor can a lone surrogate (half
of a character, left by a broken paste) be encoded for the server. So every search box and
every form field a service writes goes through here first, and such text is refused with
the field named. Lengths are checked here too, against the column or the limit the service
keeps, so that the refusal names the field instead of the database's "value too long".
"""

from __future__ import annotations

import re

from lkk_admin.services.errors import DomainError

SEARCH = "Поиск"
# NUL and the UTF-16 surrogates, which no valid Unicode text contains.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def refuse_unstorable(text: str, field: str) -> str:
    """``text`` unchanged, or ``DomainError`` naming ``field`` when it holds a character
    the database cannot store (NUL, a lone surrogate)."""
    found = _UNSTORABLE.search(text)
    if found is not None:
        what = "NUL, код 0" if found.group() == "\x00" else "половина символа UTF-16"
        raise DomainError(
            f"В поле «{field}» есть невидимый недопустимый символ ({what}, позиция "
            f"{found.start() + 1}) — обычно он попадает при вставке из другой программы. "
            "Удалите его или наберите текст заново.",
            code="UNSTORABLE_CHARACTER",
        )
    return text


def search_text(text: str, field: str = SEARCH) -> str:
    """What a search box holds, checked (the search itself strips and classifies it)."""
    return refuse_unstorable(text, field)


def field_text(text: str, field: str, *, max_length: int | None = None) -> str:
    """A form field as it will be written: stripped, checked for unstorable characters and
    for at most ``max_length`` characters (the caller checks that it is not empty)."""
    value = refuse_unstorable(text, field).strip()
    if max_length is not None and len(value) > max_length:
        raise DomainError(
            f"Поле «{field}» слишком длинное: можно не больше {max_length} знаков, "
            f"а в нём {len(value)}. Сократите текст.",
            code="TOO_LONG",
        )
    return value
