"""The demo's surveys: every state, answers only by users who could see a contract at the
time, all four kinds of question with an NPS, customers of different kinds answering
differently, the editors' acts in the audit log, the same answers for the same seed.

One world per database at scale 0.1 (about 250 answers a survey, 40 of them by sole
proprietors: enough for their differences to show, fast enough for a test).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import Base
from lkk_admin.services import demo_data, survey_results
from lkk_admin.services.demo_data.common import NOW
from lkk_admin.services.survey_results import QuestionResult, SurveyResults

SCALE = 0.1
CLOSED, OPEN = "Переход на электронные счета", "Оценка работы Личного кабинета клиента"
SCHEDULED, DRAFT = "Качество электроснабжения", "Удобство оплаты"
SURVEY_TABLES = ("survey", "survey_question", "survey_option", "survey_response", "survey_answer")


@dataclass
class World:
    engine: Engine
    factory: sessionmaker[Session]

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as connection:
            return list(connection.execute(text(sql), params))

    def survey_id(self, title: str) -> int:
        return int(self.rows("SELECT id FROM survey WHERE title = :t", t=title)[0][0])

    def results(self, title: str) -> SurveyResults:
        with self.factory() as session:
            return survey_results.results(session, self.survey_id(title), now=NOW)

    def by_org_type(self, title: str) -> dict[str, SurveyResults]:
        with self.factory() as session:
            split = survey_results.split_results(
                session, self.survey_id(title), "org_type", now=NOW
            )
        return {segment.key: segment.results for segment in split.segments}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        url = db.sqlite_url(tmp_path_factory.mktemp("demo-surveys") / "demo.sqlite3")
        demo_data.generate(url, SCALE, today=demo_data.TODAY)
        engine = db.make_engine(url)
        yield World(engine, db.session_factory(engine))
        engine.dispose()
        return
    admin_url = str(request.getfixturevalue("postgres_admin_url"))
    template = str(request.getfixturevalue("postgres_template"))
    name = f"lkk_demo_surveys_{os.getpid()}"
    admin = create_engine(db.normalize_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    demo_data.generate(url, SCALE, today=demo_data.TODAY)
    engine = db.make_engine(url)
    try:
        yield World(engine, db.session_factory(engine))
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def _moment(value: Any) -> datetime:
    """A stored moment: aware on PostgreSQL, naive UTC text on SQLite."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def test_a_survey_in_every_state(world: World) -> None:
    surveys = {
        title: (status, _moment(opens) if opens else None, responses)
        for title, status, opens, responses in world.rows(
            "SELECT s.title, s.status, s.opens_at, count(r.id) FROM survey s "
            "LEFT JOIN survey_response r ON r.survey_id = s.id "
            "GROUP BY s.id, s.title, s.status, s.opens_at"
        )
    }
    assert surveys[DRAFT] == ("draft", None, 0)
    status, opens, responses = surveys[SCHEDULED]
    assert (status, responses) == ("open", 0)
    assert opens is not None and opens > NOW  # scheduled: opens after the demo's creation
    status, opens, responses = surveys[OPEN]
    assert status == "open" and opens is not None and opens < NOW
    assert surveys[CLOSED][0] == "closed"
    assert min(surveys[OPEN][2], surveys[CLOSED][2]) > 200


def test_most_active_users_answered_the_open_and_the_closed_survey(world: World) -> None:
    closed, open_ = world.results(CLOSED), world.results(OPEN)
    assert closed.response_rate is not None and 75 < closed.response_rate < 95
    assert open_.response_rate is not None and 60 < open_.response_rate < 90
    # The open one so far: its days run from the opening to the demo's creation.
    assert open_.per_day[0].day.isoformat() == "2026-11-02"
    assert open_.per_day[-1].day.isoformat() == "2026-11-27"
    assert sum(day.count for day in closed.per_day) == closed.respondents


def test_each_answer_is_given_while_its_user_could_see_a_contract(world: World) -> None:
    rows = world.rows(
        "SELECT r.submitted_at, s.opens_at, s.closes_at, "
        "       (SELECT count(*) FROM contract_access a "
        "         WHERE a.portal_user_id = r.portal_user_id AND a.granted_at < r.submitted_at "
        "           AND (a.revoked_at IS NULL OR a.revoked_at > r.submitted_at)), "
        "       u.status "
        "  FROM survey_response r JOIN survey s ON s.id = r.survey_id "
        "  JOIN portal_user u ON u.id = r.portal_user_id"
    )
    assert rows
    for submitted, opens, closes, live, status in rows:
        assert _moment(opens) <= _moment(submitted) <= min(_moment(closes), NOW)
        assert live >= 1
        assert status == "active"
    assert not world.rows(
        "SELECT portal_user_id FROM survey_response GROUP BY survey_id, portal_user_id "
        "HAVING count(*) > 1"
    )


def test_every_kind_of_question_with_a_zero_to_ten_recommendation(world: World) -> None:
    for title in (CLOSED, OPEN):
        questions = world.results(title).questions
        assert {q.kind for q in questions} == {"single", "multiple", "rating", "text"}
        for question in questions:
            assert question.answered > 0, (title, question.text)
    scales = [q.rating_scale for q in world.results(OPEN).questions if q.kind == "rating"]
    assert scales == [5, 10]
    nps = [q for q in world.results(OPEN).questions if q.rating_scale == 10]
    assert len(nps) == 1 and "порекомендуете" in nps[0].text
    assert nps[0].nps is not None and 0 < nps[0].nps < 60
    assert [rating.value for rating in nps[0].distribution] == list(range(11))
    texts = next(q for q in world.results(OPEN).questions if q.kind == "text")
    assert not texts.required
    assert 0 < texts.answered < world.results(OPEN).respondents / 2


def _question(results: SurveyResults, kind: str, scale: int | None = None) -> QuestionResult:
    return next(q for q in results.questions if q.kind == kind and scale in (None, q.rating_scale))


def _share(question: QuestionResult, option: str) -> float:
    return next(o.percent for o in question.options if o.text == option)


def test_sole_proprietors_answer_as_sole_proprietors(world: World) -> None:
    portal = world.by_org_type(OPEN)
    companies, traders = portal["legal_entity"], portal["sole_proprietor"]
    assert traders.respondents >= 20
    # They come to pass meter readings, and like the portal less.
    sections = (_question(companies, "multiple"), _question(traders, "multiple"))
    assert _share(sections[1], "Передача показаний") > _share(sections[0], "Передача показаний")
    assert _share(sections[1], "Отчёты") < _share(sections[0], "Отчёты")
    for scale in (5, 10):
        ours, theirs = _question(companies, "rating", scale), _question(traders, "rating", scale)
        assert theirs.mean is not None and ours.mean is not None and theirs.mean < ours.mean
    promoters = [_question(results, "rating", 10).nps for results in (companies, traders)]
    assert promoters[0] is not None and promoters[1] is not None
    assert promoters[1] < promoters[0]
    invoices = world.by_org_type(CLOSED)
    ready = [
        _share(_question(invoices[kind], "single"), "Да")
        for kind in ("legal_entity", "sole_proprietor")
    ]
    assert ready[1] < ready[0]
    edo = [
        _share(_question(invoices[kind], "multiple"), "Через оператора ЭДО")
        for kind in ("legal_entity", "sole_proprietor")
    ]
    assert edo[1] < edo[0] / 2


def test_the_editors_acts_are_in_the_audit_log(world: World) -> None:
    acts: dict[int, list[str]] = {}
    for entity_id, action in world.rows(
        "SELECT entity_id, action FROM audit_event WHERE entity = 'survey' ORDER BY occurred_at"
    ):
        acts.setdefault(int(entity_id), []).append(action)
    expected = {
        DRAFT: ["create_survey"],
        SCHEDULED: ["create_survey", "open_survey"],
        OPEN: ["create_survey", "open_survey"],
        CLOSED: ["create_survey", "open_survey", "close_survey"],
    }
    for title, actions in expected.items():
        survey_id = world.survey_id(title)
        assert acts[survey_id] == actions, title
        version, updated_at = world.rows(
            "SELECT version, updated_at FROM survey WHERE id = :i", i=survey_id
        )[0]
        assert version == len(actions)
        last = world.rows(
            "SELECT max(occurred_at) FROM audit_event WHERE entity = 'survey' AND entity_id = :i",
            i=survey_id,
        )[0][0]
        assert _moment(updated_at) == _moment(last) <= NOW
    details = world.rows(
        "SELECT details FROM audit_event WHERE entity = 'survey' AND action = 'open_survey' "
        "AND entity_id = :i",
        i=world.survey_id(SCHEDULED),
    )[0][0]
    details = details if isinstance(details, dict) else json.loads(details)
    assert details["scheduled"] is True
    assert details["before"] == {"status": "draft", "opens_at": None, "closes_at": None}


def _survey_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                name: [
                    tuple(row)
                    for row in connection.execute(
                        select(Base.metadata.tables[name]).order_by(Base.metadata.tables[name].c.id)
                    )
                ]
                for name in SURVEY_TABLES
            }
    finally:
        engine.dispose()


def test_the_same_seed_gives_the_same_answers(tmp_path: Path) -> None:
    urls = [db.sqlite_url(tmp_path / f"{name}.sqlite3") for name in ("a", "b", "c")]
    for url, seed in zip(urls, (1, 1, 2), strict=True):
        demo_data.generate(url, 0.01, seed=seed, today=demo_data.TODAY)
    first, again, other = (_survey_rows(url) for url in urls)
    assert first == again
    assert first["survey_answer"] != other["survey_answer"]
