"""«Новости» list speed on PostgreSQL: the first page, the tab counts and the search.

    python -m benchmarks.news_search_speed [--items 3000] [--url postgresql://...] [--repeat 30]

Without --url it starts a throwaway PostgreSQL cluster and migrates it; either way it adds
``--items`` news items (3,000 is ten years of a busy supplier's news; about 5 KB of HTML
each, more than most) and removes them at the end (--url: a database without news). It
prints medians of what an editor waits on after a keystroke — the tab counts and the first
page of 100 rows, as the screen reads them — each beside its floor: the same result by
hand-written SQL through psycopg on the search keys migration 0014 keeps. The last
column of a search, "stripped at read", is that floor computing the key from the bodies
instead (regexp_replace on every body, as before 0014): why the key is stored. Nothing
here is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import psycopg
from sqlalchemy import insert
from sqlalchemy.engine import Dialect

from benchmarks.timing import median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.models import NewsItem
from lkk_admin.models.base import table_of
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.news_browser import NewsSource
from lkk_admin.services.news_browser.search import (
    SEARCH_COLUMN,
    SEARCH_ITEM_COLUMN,
    SEARCH_TABLE,
    search_key,
)

PAGE_SIZE = 100
AIM = "aim ≤ 30 ms"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

_PARAGRAPHS = (
    "Показания приборов учёта принимаются с 25-го числа по 3-е число следующего месяца.",
    "Оплата вносится в три этапа: 30 % до 10-го числа, 40 % до 25-го числа, остаток до "
    "18-го числа следующего месяца.",
    "С 1 января 2026 года общая ставка налога на добавленную стоимость составляет 22 %.",
    "Сетевая компания проводит плановый ремонт линий электропередачи; возможны отключения.",
    "В Личном кабинете появился раздел «Отчёты»: расчётная ведомость и справка о тарифе.",
    "Прибор учёта с истёкшим сроком поверки считается вышедшим из строя.",
    "Счета и счета-фактуры можно получать в электронном виде через оператора ЭДО.",
)
_PLACES = ("Красногорск", "Химки", "Истра", "Дедовск", "Снегири", "Нахабино", "Павшино")
RARE_EVERY = 300  # one item in so many names a village no other names


def _body(rng: random.Random, number: int) -> str:
    parts = ["<p>Отключение: д. Путилково.</p>"] if number % RARE_EVERY == 0 else []
    while sum(map(len, parts)) < 3000:
        kind = rng.random()
        if kind < 0.6:
            parts.append(
                f"<p>{rng.choice(_PARAGRAPHS)} <strong>{rng.choice(_PLACES)}</strong>.</p>"
            )
        elif kind < 0.8:
            items = "".join(f"<li>{rng.choice(_PARAGRAPHS)}</li>" for _ in range(3))
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(
                '<p>Подробнее — на <a href="https://rn-energo.ru/news?id='
                f'{rng.randint(1, 9999)}&amp;p=1" target="_blank" rel="noopener noreferrer">'
                "сайте</a>.</p>"
            )
    return "".join(parts)


def _items(count: int) -> list[dict[str, Any]]:
    rng = random.Random(17)
    rows = []
    for number in range(count):
        when = NOW - timedelta(days=number * 3650 / count)
        status = rng.choices(("published", "draft", "archived"), (85, 5, 10))[0]
        rows.append(
            {
                "kind": rng.choice(("news", "article")),
                "title": f"{rng.choice(_PARAGRAPHS)[:60]} № {number}",
                "summary": rng.choice(_PARAGRAPHS),
                "body_html": _body(rng, number),
                "status": status,
                "publish_at": None if status == "draft" else when,
                "pinned": number < 2,
                "author": "editor1",
                "created_at": when,
                "updated_at": when,
                "updated_by": "editor1",
                "version": 1,
            }
        )
    return rows


def _sql(expression: Any, dialect: Dialect) -> str:
    return str(expression.compile(dialect=dialect))


_PAGE_FLOOR = """
SELECT id, title, kind, status, publish_at, unpublish_at, pinned, author, updated_at,
       updated_by, version, (SELECT count(*) FROM news_item WHERE {where}) AS total
  FROM news_item WHERE {where}
 ORDER BY coalesce(publish_at, updated_at) DESC, id DESC LIMIT 100
"""
_COUNTS_FLOOR = """
SELECT CASE WHEN status = 'published' AND publish_at > %(now)s THEN 'scheduled'
            ELSE status END, count(*)
  FROM news_item WHERE {where} GROUP BY 1
"""


def _floor_where(key: str, words: int) -> str:
    """The items with every word: in their kept key (``search_text`` of the table 0014
    keeps) or in the key computed from the item's columns."""
    if not words:
        return "TRUE"
    likes = " AND ".join(f"{key} LIKE %(w{i})s" for i in range(words))
    if key != SEARCH_COLUMN:
        return likes
    return f"id IN (SELECT {SEARCH_ITEM_COLUMN} FROM {SEARCH_TABLE} WHERE {likes})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a migrated database without news (they are removed)")
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each operation")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

            url = stack.enter_context(ThrowawayPostgres()).url()
            db.upgrade(url)
        engine = db.make_engine(url)
        stack.callback(engine.dispose)
        news = table_of(NewsItem)
        stored_key = SEARCH_COLUMN
        key_at_read = _sql(
            search_key(news.c.title, news.c.summary, news.c.body_html), engine.dialect
        )
        with engine.begin() as connection:
            connection.execute(insert(news), _items(args.items))

        def clean_up() -> None:
            with engine.begin() as connection:
                connection.execute(news.delete())

        stack.callback(clean_up)
        floor = stack.enter_context(psycopg.connect(psycopg_url(url), autocommit=True))
        floor.execute("ANALYZE news_item")
        size = floor.execute("SELECT sum(octet_length(body_html)) FROM news_item").fetchone()
        assert size is not None
        print(f"{args.items} items, {size[0] / 1e6:.1f} MB of HTML")

        source = NewsSource(now=lambda: NOW)
        session = stack.enter_context(db.session_factory(engine)())

        def ours(search: str) -> object:
            query = ListQuery(search=search)
            source.counts(session, query)
            return source.page(session, query, offset=0, after=None, limit=PAGE_SIZE)

        def by_hand(key: str, search: str) -> object:
            words = search.split()
            where = _floor_where(key, len(words))
            params = {"now": NOW, **{f"w{i}": f"%{w}%" for i, w in enumerate(words)}}
            floor.execute(_COUNTS_FLOOR.format(where=where), params).fetchall()
            return floor.execute(_PAGE_FLOOR.format(where=where), params).fetchall()

        for label, search in (
            ("first page + counts", ""),
            ("search, a word in most items", "показания"),
            ("search, a word in one item in 300", "путилково"),
            ("search, two words", "ндс путилково"),
            ("search, nothing found", "нетакогослова"),
        ):
            floor_ms = median_ms(partial(by_hand, stored_key, search), repeat=args.repeat)
            measured = median_ms(partial(ours, search), repeat=args.repeat)
            report(label, measured, floor_ms, AIM)
            if search:
                at_read = median_ms(partial(by_hand, key_at_read, search), repeat=3, warmup=1)
                report("  the floor, stripped at read", at_read)
            session.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
