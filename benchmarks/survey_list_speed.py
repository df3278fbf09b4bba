"""«Опросы» list speed on PostgreSQL: the tab counts and a page, with responses counted.

    python -m benchmarks.survey_list_speed [--surveys 300] [--responses 100000] [--url ...]

Without --url it starts a throwaway PostgreSQL cluster and migrates it; either way it adds
``--surveys`` surveys (300 is decades of a supplier's surveys), two of them with
``--responses`` responses each from as many portal users, the rest with a few hundred,
vacuums and analyses, and removes them at the end (--url: a database without surveys or
portal users). It prints medians of what an editor waits on — the tab counts and the
first page of 100 rows, as the screen reads them —, each beside its floor: the same
result by hand-written SQL through psycopg. Nothing here is asserted.
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
from sqlalchemy import delete, insert

from benchmarks.timing import median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.models import PortalUser, Survey, SurveyQuestion, SurveyResponse
from lkk_admin.models.base import table_of
from lkk_admin.services.listing import ListQuery
from lkk_admin.services.survey_browser.source import SurveySource

PAGE_SIZE = 100
AIM = "aim ≤ 30 ms"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
_TOPICS = (
    "Качество электроснабжения",
    "Удобство Личного кабинета",
    "Интерес к новым услугам",
    "Передача показаний приборов учёта",
    "Готовность рекомендовать",
)

_COUNTS_FLOOR = """
SELECT CASE WHEN status = 'open' AND opens_at > %(now)s THEN 'scheduled'
            WHEN status = 'open' AND closes_at <= %(now)s THEN 'closed'
            ELSE status END, count(*)
  FROM survey WHERE {where} GROUP BY 1
"""
_PAGE_FLOOR = """
SELECT s.id, s.title, s.status, s.opens_at, s.closes_at, s.author,
       coalesce(s.updated_at, s.created_at), coalesce(s.updated_by, s.author), s.version,
       {responses},
       (SELECT count(*) FROM survey_question q WHERE q.survey_id = s.id),
       p.total
  FROM (SELECT id, {key} AS key, count(*) OVER () AS total FROM survey
         WHERE {where} ORDER BY 2 DESC, id DESC LIMIT 100) p
  JOIN survey s ON s.id = p.id
 ORDER BY p.key DESC, s.id DESC
"""
_KEYS = {
    "-newest": "created_at",
    "-responses": "(SELECT count(*) FROM survey_response r WHERE r.survey_id = survey.id)",
}


def _surveys(count: int) -> list[dict[str, Any]]:
    rng = random.Random(18)
    rows = []
    for number in range(count):
        created = NOW - timedelta(days=number * 20)
        status = rng.choices(("draft", "open", "closed"), (5, 10, 85))[0]
        rows.append(
            {
                "title": f"{rng.choice(_TOPICS)} № {number}",
                "description": "Ответьте, пожалуйста, на несколько вопросов о нашей работе.",
                "status": status,
                "opens_at": None if status == "draft" else created + timedelta(days=1),
                "closes_at": None if status == "draft" else created + timedelta(days=30),
                "author": "editor1",
                "created_at": created,
                "updated_by": "editor1",
                "updated_at": created,
                "version": 1,
            }
        )
    return rows


def _users(count: int) -> list[dict[str, Any]]:
    return [
        {
            "login": f"bench_survey_{n}",
            "email": f"bench_survey_{n}@example.ru",
            "password_hash": "-",
            "first_name": "Иван",
            "last_name": "Иванов",
            "phone": "+79990000000",
            "status": "active",
        }
        for n in range(count)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a migrated database without surveys or portal users")
    parser.add_argument("--surveys", type=int, default=300)
    parser.add_argument("--responses", type=int, default=100_000)
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
        surveys, questions = table_of(Survey), table_of(SurveyQuestion)
        responses, users = table_of(SurveyResponse), table_of(PortalUser)

        def clean_up() -> None:
            with engine.begin() as connection:
                for table in (responses, questions, surveys, users):
                    connection.execute(delete(table))

        stack.callback(clean_up)
        with engine.begin() as connection:
            # Committed to disk at once, as on a live server: the throwaway cluster commits
            # asynchronously, and until the commit is flushed VACUUM cannot mark the new
            # rows visible to all (no index-only scans).
            connection.exec_driver_sql("SET LOCAL synchronous_commit = on")
            survey_ids = [
                int(row.id)
                for row in connection.execute(
                    insert(surveys).returning(surveys.c.id, sort_by_parameter_order=True),
                    _surveys(args.surveys),
                )
            ]
            connection.execute(
                insert(questions),
                [
                    {"survey_id": s, "position": p, "kind": "text", "text": "Что улучшить?"}
                    for s in survey_ids
                    for p in range(10)
                ],
            )
            user_ids = [
                int(row.id)
                for row in connection.execute(
                    insert(users).returning(users.c.id), _users(args.responses)
                )
            ]
            # The two newest surveys have every user's response; the others a few hundred.
            answered = [
                {"survey_id": s, "portal_user_id": u, "submitted_at": NOW}
                for index, s in enumerate(survey_ids)
                for u in (user_ids if index < 2 else user_ids[: 100 + index])
            ]
            connection.execute(insert(responses), answered)
        floor = stack.enter_context(psycopg.connect(psycopg_url(url), autocommit=True))
        # The responses first: vacuumed after the others (in one statement or not), no
        # page of survey_response was marked visible to all on PostgreSQL 15, and every
        # count read the table (why is not known; the order is what was measured).
        for table in ("survey_response", "survey", "survey_question", "portal_user"):
            floor.execute(f"VACUUM (ANALYZE) {table}")
        visible = floor.execute(
            "SELECT relallvisible::float / greatest(relpages, 1) FROM pg_class"
            " WHERE relname = 'survey_response'"
        ).fetchone()
        assert visible is not None
        print(
            f"{args.surveys} surveys, {len(answered)} responses"
            f" ({visible[0]:.0%} of their pages visible to all)"
        )

        source = SurveySource(now=lambda: NOW)
        session = stack.enter_context(db.session_factory(engine)())

        def ours(order: str, search: str) -> object:
            query = ListQuery(search=search, order=order)
            source.counts(session, query)
            return source.page(session, query, offset=0, after=None, limit=PAGE_SIZE)

        def by_hand(order: str, search: str) -> object:
            where = "TRUE"
            params: dict[str, Any] = {"now": NOW}
            if search:
                where = "replace(lower(title || ' ' || description), 'ё', 'е') LIKE %(w)s"
                params["w"] = f"%{search}%"
            floor.execute(_COUNTS_FLOOR.format(where=where), params).fetchall()
            responses = (
                "p.key"  # counted by the page already
                if order == "-responses"
                else "(SELECT count(*) FROM survey_response r WHERE r.survey_id = s.id)"
            )
            statement = _PAGE_FLOOR.format(key=_KEYS[order], where=where, responses=responses)
            return floor.execute(statement, params).fetchall()

        for label, order, search in (
            ("first page + counts (newest first)", "-newest", ""),
            ("ordered by responses", "-responses", ""),
            ("search, a word in a fifth", "-newest", "показаний"),
        ):
            floor_ms = median_ms(partial(by_hand, order, search), repeat=args.repeat)
            measured = median_ms(partial(ours, order, search), repeat=args.repeat)
            report(label, measured, floor_ms, AIM)
            session.rollback()
        counted = median_ms(
            lambda: floor.execute(
                "SELECT count(*) FROM survey_response WHERE survey_id = %(s)s",
                {"s": survey_ids[0]},
            ).fetchall(),
            repeat=args.repeat,
        )
        report(f"  one survey's {args.responses} responses counted", counted)
        plan = floor.execute(
            "EXPLAIN SELECT count(*) FROM survey_response WHERE survey_id = %(s)s",
            {"s": survey_ids[0]},
        ).fetchall()
        print("  " + "\n  ".join(str(line) for (line,) in plan))
        card = median_ms(lambda: source.detail(session, survey_ids[0]), repeat=args.repeat)
        report("a survey's card (10 questions)", card)
        session.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
