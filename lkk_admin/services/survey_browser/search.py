"""The «Опросы» section's search box: words found in a survey's title or description.

Every word typed must be found, each anywhere in either (so «качество портал» finds the
survey titled about quality whose description names the portal); any case, ё as е;
``%``, ``_`` and ``\\`` are searched literally.

Surveys are a few hundred rows at most, so the search reads them all: no kept key, no
index (the news search needs both, :mod:`..news_browser.search`). Both databases fold
with ``lower()``: PostgreSQL's folds Cyrillic itself, SQLite's is replaced on every
connection by Python's (``db._sqlite_pragmas``), so the same SQL finds the same surveys.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, and_, bindparam, func, literal_column

from lkk_admin.models import Survey
from lkk_admin.models.base import table_of
from lkk_admin.services.input_text import search_text
from lkk_admin.services.listing import like_literal

# Words searched at most: more narrow nothing a reader would notice.
MAX_WORDS = 6
# Between the title and the description in the searched text: no word contains it, so a
# word is never found across the two.
_FIELD_BREAK = "\n"

_surveys = table_of(Survey)


def fold(text: str) -> str:
    """Text as the search compares it: lower case, ё as е."""
    return text.lower().replace("ё", "е")


def _sql_string(text: str) -> ColumnElement[Any]:
    """A string constant written into the SQL (the same statement for every search)."""
    return literal_column("'" + text.replace("'", "''") + "'")


def _folded(expression: Any) -> ColumnElement[str]:
    """:func:`fold` in SQL."""
    return func.replace(func.lower(expression), _sql_string("ё"), _sql_string("е"))


def search_key() -> ColumnElement[str]:
    """What a word is looked for in: the title and the description, folded, one line
    break between them."""
    key: Any = _folded(_surveys.c.title).concat(_sql_string(_FIELD_BREAK))
    return key.concat(_folded(func.coalesce(_surveys.c.description, _sql_string(""))))  # type: ignore[no-any-return]


def classify_survey_search(text: str) -> tuple[int, dict[str, str]]:
    """How many words a search has (its statement's shape) and their LIKE patterns
    (``word_0`` …); ``(0, {})`` for an empty search. A NUL is refused in Russian."""
    words = fold(search_text(text)).split()[:MAX_WORDS]
    return len(words), {f"word_{i}": f"%{like_literal(word)}%" for i, word in enumerate(words)}


def search_condition(words: int) -> ColumnElement[bool] | None:
    """Surveys in which every one of ``words`` bound patterns is found (None: no search)."""
    if not words:
        return None
    key = search_key()
    return and_(
        *(key.like(bindparam(f"word_{index}", type_=String), escape="\\") for index in range(words))
    )
