"""The «Новости» section's search box: words found in the title, the summary or the text.

Every word typed must be found, each anywhere in any of the three (so «НДС январь» finds
the item whose title names the VAT and whose text names January); any case, ё as е;
``%``, ``_`` and ``\\`` are searched literally. The body is searched as the reader sees it:
its tags stripped and its entities (the few the sanitiser writes) read back, so neither
«strong» nor «blank» finds every item, and «A & B» finds ``A &amp; B``.

What a word is looked for in is the item's *search key* (:func:`search_key_text`): the
three folded and joined by line breaks, which no word contains. On PostgreSQL the database
keeps it in :data:`SEARCH_TABLE`, computed by a trigger on every write from
:func:`search_key` (migration 0014), with a trigram index on it. Measured on 3,000
items of 5 KB (``benchmarks/news_search_speed.py``): stripping the tags of every body at
every keystroke took a second; the index finds a word few items contain in half a
millisecond, and a word nearly every item contains costs a read of every stored key,
about 35 ms for the counts and the page. SQLite, the small demo, computes the key as it
reads, with a Python function registered on the connection (:func:`prepare_connection`)
under the name :data:`SQLITE_SEARCH_KEY`. Both give the same key for the same item (a
test compares them).

One statement is built per number of words; the words themselves are written into the
SQL when it runs (see :func:`search_condition`).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from lkk_admin.models import NewsItem
from lkk_admin.models.base import table_of
from lkk_admin.services.input_text import search_text
from lkk_admin.services.listing import like_literal

# Words searched at most: more narrow nothing a reader would notice.
MAX_WORDS = 6
SQLITE_SEARCH_KEY = "lkk_news_search_key"
# PostgreSQL's kept keys (migration 0014): not a model, the database's own derived data.
SEARCH_TABLE = "news_item_search"
SEARCH_ITEM_COLUMN = "news_item_id"
SEARCH_COLUMN = "search_text"
_FIELD_BREAK = "\n"

_news = table_of(NewsItem)
_TAG = re.compile(r"<[^>]*>")
# The entities the sanitiser's serialiser writes, read back; ``&amp;`` last, so that a
# literal «&lt;» typed by the author (stored ``&amp;lt;``) stays «&lt;».
_ENTITIES = (
    ("&nbsp;", " "),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", '"'),
    ("&#39;", "'"),
    ("&amp;", "&"),
)


def _sql_string(text: str) -> ColumnElement[Any]:
    """A string constant written into the SQL (the same statement for every search)."""
    return literal_column("'" + text.replace("'", "''") + "'")


def fold(text: str) -> str:
    """Text as the search compares it: lower case, ё as е."""
    return text.lower().replace("ё", "е")


def body_key_text(body_html: str) -> str:
    """A stored body as the search reads it: its tags as spaces, its entities read back,
    folded (:func:`fold`). The SQLite function and the reference for PostgreSQL's."""
    text = _TAG.sub(" ", body_html)
    for entity, character in _ENTITIES:
        text = text.replace(entity, character)
    return fold(text)


def search_key_text(title: str, summary: str, body_html: str) -> str:
    """What the search looks for words in: title, summary and body text, folded."""
    return _FIELD_BREAK.join((fold(title), fold(summary), body_key_text(body_html)))


def _folded(expression: Any) -> ColumnElement[str]:
    return func.replace(func.lower(expression), _sql_string("ё"), _sql_string("е"))


def title_key(title: Any) -> ColumnElement[str]:
    return _folded(title)


def summary_key(summary: Any) -> ColumnElement[str]:
    return _folded(summary)


def body_key(body_html: Any) -> ColumnElement[str]:
    """The body as the search reads it (:func:`body_key_text`), in PostgreSQL's SQL."""
    text: Any = func.regexp_replace(
        body_html, _sql_string(_TAG.pattern), _sql_string(" "), _sql_string("g")
    )
    for entity, character in _ENTITIES:
        text = func.replace(text, _sql_string(entity), _sql_string(character))
    return _folded(text)


def search_key(title: Any, summary: Any, body_html: Any) -> ColumnElement[str]:
    """:func:`search_key_text` in PostgreSQL's SQL: what the trigger of migration 0014
    keeps in :data:`SEARCH_TABLE` (built from this very function)."""
    joined: Any = title_key(title)
    for part in (summary_key(summary), body_key(body_html)):
        joined = joined.concat(_sql_string(_FIELD_BREAK)).concat(part)
    return joined  # type: ignore[no-any-return]


_kept_keys = table(SEARCH_TABLE, column(SEARCH_ITEM_COLUMN, Integer), column(SEARCH_COLUMN, String))


def prepare_connection(session: Session) -> None:
    """On SQLite, register :data:`SQLITE_SEARCH_KEY` on the session's connection (once
    per connection: the pool keeps it, and a function cannot be replaced while another
    statement of the connection is still being read)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    pooled = connection.connection
    if pooled.info.get(SQLITE_SEARCH_KEY):
        return
    raw: Any = pooled.dbapi_connection
    raw.create_function(SQLITE_SEARCH_KEY, 3, _sqlite_search_key, deterministic=True)
    pooled.info[SQLITE_SEARCH_KEY] = True


def _sqlite_search_key(title: object, summary: object, body_html: object) -> str:
    return search_key_text(
        *(value if isinstance(value, str) else "" for value in (title, summary, body_html))
    )


def classify_news_search(text: str) -> tuple[int, dict[str, str]]:
    """How many words a search has (its statement's shape) and their LIKE patterns
    (``word_0`` …); ``(0, {})`` for an empty search. A NUL is refused in Russian."""
    words = fold(search_text(text)).split()[:MAX_WORDS]
    return len(words), {f"word_{i}": f"%{like_literal(word)}%" for i, word in enumerate(words)}


def search_condition(words: int, dialect: str) -> ColumnElement[bool] | None:
    """Items in which every word is found in the title, the summary or the body (None:
    no search): on PostgreSQL the items whose kept key has them all, on SQLite those whose
    key, computed as the rows are read, has.

    The patterns are written into the SQL when it runs: planned for a bound pattern,
    PostgreSQL kept one generic plan that read every key (40 ms) where the trigram index
    finds a rare word in 0.5 ms. They are escaped as any literal; each search is its own
    statement."""
    if not words:
        return None
    patterns = [
        bindparam(f"word_{index}", type_=String, literal_execute=True) for index in range(words)
    ]
    if dialect == "postgresql":
        key: Any = _kept_keys.c[SEARCH_COLUMN]
        found = select(_kept_keys.c[SEARCH_ITEM_COLUMN]).where(
            *(key.like(pattern, escape="\\") for pattern in patterns)
        )
        return _news.c.id.in_(found)
    function: Any = getattr(func, SQLITE_SEARCH_KEY)
    computed = function(_news.c.title, _news.c.summary, _news.c.body_html)
    return and_(*(computed.like(pattern, escape="\\") for pattern in patterns))
