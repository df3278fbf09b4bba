"""A survey's results on PostgreSQL: 100,000 responses to 10 questions.

    python -m benchmarks.survey_results_speed [--responses 100000] [--url postgresql://...]
                                              [--repeat 30]

Without --url it starts a throwaway PostgreSQL cluster and migrates it; either way it adds
the survey and its respondents (with --url: a migrated database with no portal users or
registry, or the ids collide), by COPY, then VACUUM ANALYZE as autovacuum would.

The respondents are portal users with contracts of 30,000 counterparties (a quarter of
them sole proprietors; a tenth of the users see contracts of two counterparties, a few
none); 20,000 more users did not answer, some of them active while the survey was open.
The questions: three of one choice, two of several, ratings 1…5 (one optional) and 0…10,
two optional free texts — about 1.1 million answer rows.

It prints medians of what a reader waits on, each beside its floor: the same figures by
one hand-written statement through psycopg, in the session the desk has (no JIT) — a
UNION ALL of the same aggregates, typed alike and wrapped so that PostgreSQL may run its
branches in parallel workers: responses per UTC hour, respondents per option and rating
value (distinct), per multiple-choice question (a streaming distinct over the choices'
index), the users active while it was open; every non-empty free text ranked newest
first, with who and when, and the writer's organisation type, for the newest page
(``TEXT_PAGE``) of each question. Split, every user's segment once (a CTE shared by the
branches, as ours), each segment's texts ranked too. Nothing here is asserted; the aim
is ``results`` within 200 ms and three times its floor. The machine's load is printed
with the figures (Linux' CPU pressure): on a busy machine the medians mean little.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.timing import median_ms, psycopg_url, report
from lkk_admin import db
from lkk_admin.services import survey_results

AIM = "aim ≤ 200 ms, ≤ 3× floor"
OPENS = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
CLOSES = datetime(2026, 3, 31, 20, 59, tzinfo=UTC)
NOW = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
COUNTERPARTIES = 30_000
NON_RESPONDENTS = 20_000
CATEGORY_WEIGHTS = (60, 15, 10, 10, 3, 2)  # price categories 1…6
SUGGESTIONS = (
    "Напоминание на почту о сроке передачи показаний",
    "Выгрузка начислений в Excel",
    "Мобильное приложение",
    "Показывать задолженность на главной странице",
    "Оплата картой прямо из кабинета",
    "Всё устраивает, спасибо",
)

# kind, scale, options, how many choose (several), answered by (optional ones)
QUESTIONS: tuple[tuple[str, int | None, int, int, float], ...] = (
    ("single", None, 4, 1, 1.0),
    ("single", None, 3, 1, 1.0),
    ("single", None, 5, 1, 1.0),
    ("multiple", None, 6, 4, 1.0),
    ("multiple", None, 5, 3, 1.0),
    ("rating", 5, 0, 0, 1.0),
    ("rating", 5, 0, 0, 0.9),
    ("rating", 10, 0, 0, 1.0),
    ("text", None, 0, 0, 0.2),
    ("text", None, 0, 0, 0.1),
)


# --- the survey and its respondents --------------------------------------------------------


def _copy(connection: psycopg.Connection[Any], table: str, columns: str, rows: Any) -> int:
    count = 0
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _registry(rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for n in range(1, COUNTERPARTIES + 1):
        sole = rng.random() < 0.25
        inn = f"{n:012d}" if sole else f"{n:010d}"
        name = f"ИП Номер {n}" if sole else f"ООО «Компания {n}»"
        yield n, inn, "sole_proprietor" if sole else "legal_entity", name, name, True, NOW


def _contracts(rng: random.Random) -> Iterator[tuple[Any, ...]]:
    categories = list(range(1, 7))
    for n in range(1, COUNTERPARTIES + 1):
        for k in range(2 if rng.random() < 0.2 else 1):
            number = f"Б-{n}-{k}"
            category = rng.choices(categories, CATEGORY_WEIGHTS)[0]
            yield (
                n * 2 - 1 + k, number, number.lower(), n, date(2021, 1, 1), date(2021, 1, 1),
                "active", category, 150,
            )  # fmt: skip


def _users(count: int) -> Iterator[tuple[Any, ...]]:
    for n in range(1, count + 1):
        yield (
            n, f"bench{n}", f"bench{n}@example.ru", "x", "Анна", f"Опрошенная {n}",
            "+7 (916) 000-00-00", "active", NOW,
        )  # fmt: skip


def _access(rng: random.Random, users: int) -> Iterator[tuple[Any, ...]]:
    """One contract each; a tenth see a second counterparty's, one in twenty none; a few
    grants revoked before the survey or given after it."""
    for user in range(1, users + 1):
        draw = rng.random()
        if draw < 0.05:
            continue
        owners = [rng.randint(1, COUNTERPARTIES)]
        if draw > 0.9:
            owners.append(rng.randint(1, COUNTERPARTIES))
        for owner in owners:
            granted, revoked = OPENS - timedelta(days=200), None
            if user > users - NON_RESPONDENTS:  # those who did not answer
                fate = rng.random()
                if fate < 0.2:
                    revoked = OPENS - timedelta(days=10)
                elif fate < 0.3:
                    granted = CLOSES + timedelta(days=2)
            yield user, owner * 2 - 1, "verifier", granted, revoked


def _answers(
    rng: random.Random,
    questions: list[tuple[int, str, int | None, list[int], int, float]],
    responses: int,
) -> Iterator[tuple[Any, ...]]:
    for response in range(1, responses + 1):
        for question_id, kind, scale, options, choose, answered in questions:
            if answered < 1.0 and rng.random() >= answered:
                continue
            if kind == "single":
                option = options[min(int(rng.random() ** 1.5 * len(options)), len(options) - 1)]
                yield response, question_id, option, None, None
            elif kind == "multiple":
                for option in rng.sample(options, rng.randint(1, choose)):
                    yield response, question_id, option, None, None
            elif kind == "rating":
                top = scale or 5
                low = 0 if top == 10 else 1
                yield response, question_id, None, None, max(low, top - int(rng.expovariate(0.6)))
            else:
                yield response, question_id, None, rng.choice(SUGGESTIONS), None


def seed(url: str, responses: int) -> int:
    """The survey, its respondents and their answers; the survey's id."""
    rng = random.Random(18)
    users = responses + NON_RESPONDENTS
    started = time.perf_counter()
    with psycopg.connect(psycopg_url(url)) as connection:
        _copy(
            connection,
            "counterparty",
            "id, inn, org_type, full_name, short_name, is_active, created_at",
            _registry(rng),
        )
        _copy(
            connection,
            "contract",
            "id, number, number_normalized, counterparty_id, signed_on, valid_from, status, "
            "price_category, max_power_kw",
            _contracts(rng),
        )
        _copy(
            connection,
            "portal_user",
            "id, login, email, password_hash, first_name, last_name, phone, status, created_at",
            _users(users),
        )
        grants = _copy(connection, "contract_access",
                       "portal_user_id, contract_id, granted_by, granted_at, revoked_at",
                       _access(rng, users))  # fmt: skip
        survey_id = connection.execute(
            "INSERT INTO survey (title, description, status, opens_at, closes_at, author, "
            "created_at, version) VALUES ('Оценка Личного кабинета', '', 'closed', %s, %s, "
            "'editor', %s, 1) RETURNING id",
            (OPENS, CLOSES, OPENS),
        ).fetchone()[0]  # type: ignore[index]
        questions = []
        for position, (kind, scale, options, choose, answered) in enumerate(QUESTIONS, 1):
            question_id = connection.execute(
                "INSERT INTO survey_question (survey_id, position, kind, text, required, "
                "rating_scale) VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                (survey_id, position, kind, f"Вопрос {position}", answered == 1.0, scale),
            ).fetchone()[0]  # type: ignore[index]
            option_ids = [
                connection.execute(
                    "INSERT INTO survey_option (survey_question_id, position, text) "
                    "VALUES (%s, %s, %s) RETURNING id",
                    (question_id, number, f"Вариант {number}"),
                ).fetchone()[0]  # type: ignore[index]
                for number in range(1, options + 1)
            ]
            questions.append((question_id, kind, scale, option_ids, choose, answered))
        span = (CLOSES - OPENS).total_seconds()
        _copy(connection, "survey_response", "id, survey_id, portal_user_id, submitted_at",
              ((n, survey_id, n, OPENS + timedelta(seconds=span * rng.random() ** 2))
               for n in range(1, responses + 1)))  # fmt: skip
        answers = _copy(connection, "survey_answer",
                        "survey_response_id, survey_question_id, survey_option_id, text_value, "
                        "rating", _answers(rng, questions, responses))  # fmt: skip
        for table in ("counterparty", "contract", "portal_user", "survey_response"):
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        connection.commit()
    with psycopg.connect(psycopg_url(url), autocommit=True) as maintenance:
        maintenance.execute("VACUUM (ANALYZE)")
        maintenance.execute("CHECKPOINT")
    print(
        f"{responses:,} responses of {users:,} portal users ({grants:,} grants), "
        f"{answers:,} answers: {time.perf_counter() - started:.1f} s"
    )
    return int(survey_id)


# --- the floor: the same figures in one statement ------------------------------------------

PAGE = survey_results.TEXT_PAGE
_LIVE = "a.granted_at < %(end)s AND (a.revoked_at IS NULL OR a.revoked_at > %(start)s)"
# Each branch's columns: kind, segment, question, option, rating, UTC hour (the client
# folds hours into Moscow days, as ours does), count, answer, response, text, submitted,
# portal user, organisation type — typed alike in every branch, so that the whole
# survey's UNION ALL is one appendrel PostgreSQL may run in parallel.
_NONE = "NULL::int, NULL::int, NULL::text, NULL::timestamptz, NULL::int, NULL::text"
_COUNTS = f"""
SELECT 'day'::text, {{day_segment}}, NULL::int, NULL::int, NULL::smallint,
       date_trunc('hour', r.submitted_at AT TIME ZONE 'UTC'), count(*), {_NONE}
  FROM {{responses}} GROUP BY 2, 6
UNION ALL
SELECT 'chosen', {{segment}}, d.survey_question_id, d.survey_option_id, NULL::smallint,
       NULL::timestamp, {{chosen}}, {_NONE}
  FROM {{answers}}
 WHERE d.survey_question_id = ANY(%(single)s) AND d.survey_option_id IS NOT NULL
 GROUP BY 2, 3, 4
UNION ALL
SELECT 'chosen', {{segment}}, d.survey_question_id, d.survey_option_id, NULL::smallint,
       NULL::timestamp, {{chosen}}, {_NONE}
  FROM {{answers}}
 WHERE d.survey_question_id = ANY(%(multiple)s) AND d.survey_option_id IS NOT NULL
 GROUP BY 2, 3, 4
UNION ALL
SELECT 'chosen', {{segment}}, d.survey_question_id, NULL::int, d.rating, NULL::timestamp,
       {{chosen}}, {_NONE}
  FROM {{answers}} WHERE d.survey_question_id = ANY(%(rating)s) AND d.rating IS NOT NULL
 GROUP BY 2, 3, 5
UNION ALL
SELECT 'answered', {{segment}}, c.q, NULL::int, NULL::smallint, NULL::timestamp, count(*), {_NONE}
  FROM (SELECT DISTINCT survey_question_id AS q, survey_response_id AS response_id
          FROM survey_answer
         WHERE survey_question_id = ANY(%(multiple)s) AND survey_option_id IS NOT NULL) c
       {{chose_join}}
 GROUP BY 2, 3
UNION ALL
"""
_WHOLE_ELIGIBLE = f"""
SELECT 'eligible', 'all', NULL::int, NULL::int, NULL::smallint, NULL::timestamp,
       count(DISTINCT a.portal_user_id), {_NONE}
  FROM contract_access a WHERE {_LIVE}
UNION ALL
SELECT 'eligible', 'all', NULL::int, NULL::int, NULL::smallint, NULL::timestamp, count(*), {_NONE}
  FROM survey_response r
 WHERE r.survey_id = %(survey)s
   AND NOT EXISTS (SELECT 1 FROM contract_access a
                    WHERE a.portal_user_id = r.portal_user_id AND {_LIVE})
UNION ALL
SELECT 'text', 'all', t.survey_question_id, NULL::int, NULL::smallint, NULL::timestamp,
       NULL::bigint, t.id, t.survey_response_id, t.text_value, r.submitted_at, r.portal_user_id,
       NULL::text
  FROM survey_answer t JOIN survey_response r ON r.id = t.survey_response_id
 WHERE t.survey_question_id = ANY(%(texts)s) AND trim(t.text_value) <> ''
"""
_SPLIT_ELIGIBLE = f"""
SELECT 'eligible', u.org_type, NULL::int, NULL::int, NULL::smallint, NULL::timestamp, count(*),
       {_NONE}
  FROM u WHERE u.live = 1
            OR u.user_id IN (SELECT portal_user_id FROM survey_response
                              WHERE survey_id = %(survey)s)
 GROUP BY 2
UNION ALL
SELECT 'eligible', 'none', NULL::int, NULL::int, NULL::smallint, NULL::timestamp, count(*), {_NONE}
  FROM survey_response r WHERE r.survey_id = %(survey)s
   AND NOT EXISTS (SELECT 1 FROM contract_access a WHERE a.portal_user_id = r.portal_user_id)
UNION ALL
SELECT 'text', w.segment, t.survey_question_id, NULL::int, NULL::smallint, NULL::timestamp,
       NULL::bigint, t.id, t.survey_response_id, t.text_value, w.submitted_at, NULL::int,
       w.org_type
  FROM survey_answer t JOIN w ON w.id = t.survey_response_id
 WHERE t.survey_question_id = ANY(%(texts)s) AND trim(t.text_value) <> ''
"""
# Per user with a contract access: organisation type ("mixed" if several), live while the
# survey was open.
_USERS = f"""
SELECT a.portal_user_id AS user_id,
       CASE WHEN min(cp.org_type) = max(cp.org_type) THEN min(cp.org_type) ELSE 'mixed' END
           AS org_type,
       max(CASE WHEN {_LIVE} THEN 1 ELSE 0 END) AS live
  FROM contract_access a
  JOIN contract c ON c.id = a.contract_id
  JOIN counterparty cp ON cp.id = c.counterparty_id
 GROUP BY a.portal_user_id
"""
# The free texts ranked newest first, among their segment's and among all; who and when
# for the newest page of either; unsplit, the page writers' organisation type looked up.
_RANKED = f"""
SELECT x.*,
       CASE WHEN x.newest <= {PAGE} OR x.overall <= {PAGE} THEN coalesce(x.org_type, (
           SELECT CASE WHEN min(cp.org_type) = max(cp.org_type) THEN min(cp.org_type)
                       ELSE 'mixed' END
             FROM contract_access a JOIN contract c ON c.id = a.contract_id
             JOIN counterparty cp ON cp.id = c.counterparty_id
            WHERE a.portal_user_id = x.user_id), 'none') END AS writer_org_type
  FROM (SELECT f.*,
               row_number() OVER (PARTITION BY f.kind, f.segment, f.question_id
                                  ORDER BY f.submitted_at DESC, f.answer_id DESC) AS newest,
               row_number() OVER (PARTITION BY {{overall}}
                                  ORDER BY f.submitted_at DESC, f.answer_id DESC) AS overall
          FROM ({{union}}) AS f (kind, segment, question_id, option_id, rating, hour, count,
                                answer_id, response_id, text_value, submitted_at, user_id,
                                org_type)) x
"""


def floor_sql(split: bool) -> str:
    """Responses per Moscow day, respondents per option and value and per multiple-choice
    question, the users active while it was open, every free text ranked newest first with
    who, when and their organisation type for the newest page; per organisation type when
    ``split`` (every user's segment once, shared as ours are)."""
    if not split:
        counts = _COUNTS.format(
            segment="'all'",
            day_segment="'all'",
            responses="survey_response r WHERE r.survey_id = %(survey)s",
            answers="survey_answer d",
            chosen="count(DISTINCT d.survey_response_id)",
            chose_join="",
        )
        # One ranking: the whole is the one segment.
        overall = "f.kind, f.segment, f.question_id"
        return _RANKED.format(union=counts + _WHOLE_ELIGIBLE, overall=overall)
    counts = _COUNTS.format(
        segment="w.segment",
        day_segment="r.segment",
        responses="w r",
        answers="survey_answer d JOIN w ON w.id = d.survey_response_id",
        chosen="count(*)",
        chose_join="JOIN w ON w.id = c.response_id",
    )
    shared = (
        f"WITH u AS ({_USERS}), "
        "w AS (SELECT r.id, r.submitted_at, coalesce(u.org_type, 'none') AS segment, "
        "coalesce(u.org_type, 'none') AS org_type "
        "FROM survey_response r LEFT JOIN u ON u.user_id = r.portal_user_id "
        "WHERE r.survey_id = %(survey)s)"
    )
    return shared + _RANKED.format(union=counts + _SPLIT_ELIGIBLE, overall="f.kind, f.question_id")


def measure(url: str, survey_id: int, repeat: int) -> None:
    engine = db.make_engine(url)
    read_factory = db.read_session_factory(engine)
    try:
        with read_factory() as session:
            seen = survey_results.results(session, survey_id, now=NOW)
        texts = sum(len(q.texts) for q in seen.questions)
        print(
            f"results: {seen.respondents:,} respondents of {seen.eligible:,} active users "
            f"({seen.response_rate:.1f} %), {len(seen.per_day)} days, {texts:,} free texts, "
            f"NPS {seen.questions[7].nps}"
        )
        with psycopg.connect(
            psycopg_url(url), prepare_threshold=0, autocommit=True, options="-c jit=off"
        ) as raw:
            kinds: dict[str, list[int]] = {"single": [], "multiple": [], "rating": [], "text": []}
            for question in seen.questions:
                kinds[question.kind].append(question.question_id)
            params = {
                "survey": survey_id,
                "single": kinds["single"],
                "multiple": kinds["multiple"],
                "rating": kinds["rating"],
                "texts": kinds["text"],
                "start": OPENS,
                "end": CLOSES,
            }

            def floor(split: bool) -> None:
                raw.execute(floor_sql(split), params).fetchall()

            def ours() -> None:
                with read_factory() as session:
                    survey_results.results(session, survey_id, now=NOW)

            def split_ours() -> None:
                with read_factory() as session:
                    survey_results.split_results(session, survey_id, "org_type", now=NOW)

            report("results()", *_side_by_side(ours, partial(floor, False), repeat), AIM)
            report("split_results(by org_type)",
                   *_side_by_side(split_ours, partial(floor, True), repeat))  # fmt: skip

            def page(search: str) -> None:
                with read_factory() as session:
                    survey_results.text_answers(session, kinds["text"][0], search=search)

            report("text_answers(), first page", median_ms(partial(page, ""), repeat=repeat))
            report("text_answers(), searched", median_ms(partial(page, "excel"), repeat=repeat))
        print(f"CPU pressure (share of time some task waited for a CPU): {_pressure()}")
    finally:
        engine.dispose()


def _side_by_side(
    ours: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of both, timed in turn: a load that comes and goes weighs on both alike."""
    for action in (ours, floor):
        action()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, taken in zip((ours, floor), samples, strict=True):
            started = time.perf_counter()
            action()
            taken.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples[0]), statistics.median(samples[1])


def _pressure() -> str:
    """Linux' CPU pressure over the last minute ("some avg60"), or why it is unknown."""
    try:
        line = Path("/proc/pressure/cpu").read_text(encoding="ascii").splitlines()[0]
    except OSError:
        return "unknown here"
    fields = dict(field.split("=") for field in line.split()[1:])
    return f"{fields['avg60']} % over the last minute, {fields['avg10']} % over the last 10 s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a migrated database with no registry or portal users")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres

            url = stack.enter_context(ThrowawayPostgres()).url()
            db.upgrade(url)
        survey_id = seed(url, args.responses)
        measure(url, survey_id, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
