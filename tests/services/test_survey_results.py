"""A survey's results against figures worked out by hand, on SQLite and PostgreSQL.

The survey (opens 02.03.2026 10:00 МСК, closes 05.03.2026 23:59 МСК) asks one choice,
several choices, a 1…5 rating, a 0…10 rating (NPS) and free text. Five portal users
answered; four more only had (or had not) access to contracts:

====  ================================  =======  ========  ===================================
user  contracts (organisation, price)   org      category  answers: one, several, 1…5, 0…10, text
====  ================================  =======  ========  ===================================
U1    Ромашка 1                         legal    1         A; X Y; 5; 10; «Мобильное приложение»
U2    ИП 1                              sole     1         B; X; 2; 3; «Напоминание о показаниях»
U3    Ромашка 1, ИП 1                   mixed    1         A; X Y Z; 4; 9; «   » (blank)
U4    Ромашка 1, Ромашка 3 (revoked     legal    mixed     C; —; 4; 7; —
      during the survey)
U5    none                              none     none      A; Y; —; 10; «Ёлки, выгрузка в Excel»
U6    Василёк 2, live all along         legal    2         did not answer
U7    ИП 1 from 07.03 (after it)        sole     1         did not answer
U8    Василёк 2, revoked 01.03 (before) legal    2         did not answer
U9    Василёк 2 from 04.03 (during)     legal    2         did not answer
====  ================================  =======  ========  ===================================

U2 answered at 22:30 UTC on 2 March: 01:30 on 3 March in Moscow.
Active while it was open: U1, U2, U3, U4, U6, U9, and U5 who answered: seven.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, text, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import (
    ContractAccess,
    PortalUser,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from lkk_admin.services import survey_results
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.survey_results import (
    DayCount,
    QuestionResult,
    SurveyResults,
    split_results,
    text_answers,
)
from tests import factories as f
from tests.migration_steps import downgrade

OPENS = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 02.03 10:00 МСК
CLOSES = datetime(2026, 3, 5, 20, 59, tzinfo=UTC)  # 05.03 23:59 МСК
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
LONG_AGO = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)

QUESTIONS: tuple[tuple[str, str, int | None, tuple[str, ...]], ...] = (
    ("single", "Как часто вы заходите в кабинет?", None, ("A", "B", "C")),
    ("multiple", "Какими разделами пользуетесь?", None, ("X", "Y", "Z")),
    ("rating", "Удобно ли передавать показания?", 5, ()),
    ("rating", "Порекомендуете ли вы кабинет коллегам?", 10, ()),
    ("text", "Что улучшить?", None, ()),
)
TEXTS = {
    "U1": "Мобильное приложение",
    "U2": "Напоминание о показаниях",
    "U3": "   ",
    "U5": "Ёлки, выгрузка в Excel",
}
# user: (submitted, one choice, several choices, 1…5, 0…10)
ANSWERS: dict[str, tuple[datetime, str, tuple[str, ...], int | None, int]] = {
    "U1": (datetime(2026, 3, 2, 8, 0, tzinfo=UTC), "A", ("X", "Y"), 5, 10),
    "U2": (datetime(2026, 3, 2, 22, 30, tzinfo=UTC), "B", ("X",), 2, 3),
    "U3": (datetime(2026, 3, 3, 12, 0, tzinfo=UTC), "A", ("X", "Y", "Z"), 4, 9),
    "U4": (datetime(2026, 3, 5, 10, 0, tzinfo=UTC), "C", (), 4, 7),
    "U5": (datetime(2026, 3, 5, 15, 0, tzinfo=UTC), "A", ("Y",), None, 10),
}


@dataclass(frozen=True)
class World:
    survey_id: int
    questions: tuple[int, ...]  # ids, in order
    options: dict[str, int]  # option text → id
    responses: dict[str, int]  # user → response id
    users: dict[str, int]


def _user(session: Session, name: str) -> int:
    user = PortalUser(
        login=f"user-{name}",
        email=f"{name.lower()}@example.ru",
        password_hash="x",
        first_name="Анна",
        last_name=f"Опрошенная {name}",
        phone="+7 (916) 000-00-00",
        status="active",
    )
    session.add(user)
    session.flush()
    return user.id


def _access(
    session: Session,
    user_id: int,
    contract_id: int,
    granted: datetime = LONG_AGO,
    revoked: datetime | None = None,
) -> None:
    session.add(
        ContractAccess(
            portal_user_id=user_id,
            contract_id=contract_id,
            granted_by="verifier",
            granted_at=granted,
            revoked_by="admin" if revoked else None,
            revoked_at=revoked,
        )
    )
    session.flush()


def _survey(session: Session, *, title: str = "Удобство кабинета", opens: Any = OPENS) -> World:
    survey = Survey(
        title=title,
        status="closed" if opens else "draft",
        opens_at=opens,
        closes_at=CLOSES if opens else None,
        author="editor",
    )
    session.add(survey)
    session.flush()
    questions, options = [], {}
    for position, (kind, wording, scale, choices) in enumerate(QUESTIONS, start=1):
        question = SurveyQuestion(
            survey_id=survey.id,
            position=position,
            kind=kind,
            text=wording,
            required=kind != "text",
            rating_scale=scale,
        )
        session.add(question)
        session.flush()
        questions.append(question.id)
        for number, choice in enumerate(choices, start=1):
            option = SurveyOption(survey_question_id=question.id, position=number, text=choice)
            session.add(option)
            session.flush()
            options[choice] = option.id
    return World(survey.id, tuple(questions), options, {}, {})


def _build(session: Session) -> World:
    romashka = f.counterparty(session)
    sole = f.counterparty(
        session, inn=f.IP_INN, kpp=None, short_name="ИП Петров", org_type="sole_proprietor"
    )
    vasilek = f.counterparty(session, inn=f.VASILEK_INN, short_name="ООО «Василёк»")
    r1 = f.contract(session, romashka, "Р-1")
    r3 = f.contract(session, romashka, "Р-3")
    ip1 = f.contract(session, sole, "ИП-1")
    v2 = f.contract(session, vasilek, "В-2")
    r3.price_category, v2.price_category = 3, 2
    session.flush()
    users = {name: _user(session, name) for name in (f"U{n}" for n in range(1, 10))}
    _access(session, users["U1"], r1.id)
    _access(session, users["U2"], ip1.id)
    _access(session, users["U3"], r1.id)
    _access(session, users["U3"], ip1.id)
    _access(session, users["U4"], r1.id)
    _access(session, users["U4"], r3.id, revoked=datetime(2026, 3, 4, 12, 0, tzinfo=UTC))
    _access(session, users["U6"], v2.id)
    _access(session, users["U7"], ip1.id, granted=datetime(2026, 3, 7, 9, 0, tzinfo=UTC))
    _access(session, users["U8"], v2.id, revoked=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    _access(session, users["U9"], v2.id, granted=datetime(2026, 3, 4, 9, 0, tzinfo=UTC))
    world = _survey(session)
    single, multiple, five, ten, text = world.questions
    responses = {}
    for name, (at, one, several, rating, nps) in ANSWERS.items():
        response = SurveyResponse(
            survey_id=world.survey_id, portal_user_id=users[name], submitted_at=at
        )
        session.add(response)
        session.flush()
        responses[name] = response.id
        rows = [SurveyAnswer(survey_question_id=single, survey_option_id=world.options[one])]
        rows += [
            SurveyAnswer(survey_question_id=multiple, survey_option_id=world.options[choice])
            for choice in several
        ]
        if rating is not None:
            rows.append(SurveyAnswer(survey_question_id=five, rating=rating))
        rows.append(SurveyAnswer(survey_question_id=ten, rating=nps))
        if name in TEXTS:
            rows.append(SurveyAnswer(survey_question_id=text, text_value=TEXTS[name]))
        for row in rows:
            row.survey_response_id = response.id
        session.add_all(rows)
        session.flush()
    return World(world.survey_id, world.questions, world.options, responses, users)


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    with factory.begin() as session:
        return _build(session)


def _results(factory: sessionmaker[Session], survey_id: int, **kwargs: Any) -> SurveyResults:
    with factory() as session:
        return survey_results.results(session, survey_id, now=kwargs.pop("now", NOW), **kwargs)


def _options(question: QuestionResult) -> dict[str, tuple[int, float]]:
    return {option.text: (option.count, option.percent) for option in question.options}


def _distribution(question: QuestionResult) -> dict[int, int]:
    return {rating.value: rating.count for rating in question.distribution}


# --- the whole survey ---------------------------------------------------------------------------


def test_respondents_active_users_and_the_response_rate(
    factory: sessionmaker[Session], world: World
) -> None:
    results = _results(factory, world.survey_id)
    assert (results.title, results.status) == ("Удобство кабинета", "closed")
    assert (results.opens_at, results.closes_at) == (OPENS, CLOSES)
    assert results.respondents == 5
    # U1–U4, U6, U9 had a live access while it was open; U5 answered without one.
    assert results.eligible == 7
    assert results.response_rate == pytest.approx(500 / 7)


def test_responses_per_moscow_day_with_the_quiet_days(
    factory: sessionmaker[Session], world: World
) -> None:
    results = _results(factory, world.survey_id)
    # U2's 22:30 UTC on 2 March is 01:30 on 3 March in Moscow.
    assert results.per_day == (
        DayCount(date(2026, 3, 2), 1),
        DayCount(date(2026, 3, 3), 2),
        DayCount(date(2026, 3, 4), 0),
        DayCount(date(2026, 3, 5), 2),
    )


def test_one_choice_counts_respondents_in_percent_of_those_who_answered(
    factory: sessionmaker[Session], world: World
) -> None:
    single = _results(factory, world.survey_id).questions[0]
    assert (single.kind, single.position, single.required) == ("single", 1, True)
    assert single.answered == 5
    assert [option.option_id for option in single.options] == [
        world.options[text] for text in "ABC"
    ]
    assert _options(single) == {"A": (3, 60.0), "B": (1, 20.0), "C": (1, 20.0)}


def test_several_choices_add_up_to_more_than_everyone(
    factory: sessionmaker[Session], world: World
) -> None:
    multiple = _results(factory, world.survey_id).questions[1]
    assert multiple.answered == 4  # U4 chose nothing
    assert _options(multiple) == {"X": (3, 75.0), "Y": (3, 75.0), "Z": (1, 25.0)}
    assert sum(option.percent for option in multiple.options) == 175.0


def test_a_choice_stored_twice_is_one_respondent(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        session.add(
            SurveyAnswer(
                survey_response_id=world.responses["U1"],
                survey_question_id=world.questions[1],
                survey_option_id=world.options["X"],
            )
        )
    multiple = _results(factory, world.survey_id).questions[1]
    assert (multiple.answered, _options(multiple)["X"]) == (4, (3, 75.0))


def test_a_rating_from_one_to_five(factory: sessionmaker[Session], world: World) -> None:
    five = _results(factory, world.survey_id).questions[2]
    assert (five.answered, five.rating_scale) == (4, 5)
    assert _distribution(five) == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    assert [rating.percent for rating in five.distribution] == [0.0, 25.0, 0.0, 50.0, 25.0]
    assert five.mean == 3.75  # (2 + 4 + 4 + 5) / 4
    assert five.median == 4.0  # 2 4 | 4 5
    assert five.nps is None  # NPS is for 0…10 only


def test_a_zero_to_ten_rating_has_an_nps(factory: sessionmaker[Session], world: World) -> None:
    ten = _results(factory, world.survey_id).questions[3]
    assert (ten.answered, ten.rating_scale) == (5, 10)
    assert list(_distribution(ten)) == list(range(11))
    assert _distribution(ten) == {**dict.fromkeys(range(11), 0), 3: 1, 7: 1, 9: 1, 10: 2}
    assert ten.mean == 7.8  # 39 / 5
    assert ten.median == 9.0  # 3 7 9 10 10
    assert ten.nps == 40.0  # promoters 3 of 5 (9, 10, 10) − detractors 1 of 5 (3)


def test_free_text_answers_oldest_first_and_the_newest_with_who_and_when(
    factory: sessionmaker[Session], world: World
) -> None:
    text = _results(factory, world.survey_id).questions[4]
    assert text.answered == 3  # U3's blank answer says nothing
    assert text.texts == (TEXTS["U1"], TEXTS["U2"], TEXTS["U5"])
    # What the screen lists first: newest first, with the writer's organisation type.
    assert [(a.response_id, a.text, a.org_type, a.submitted_at) for a in text.text_answers] == [
        (world.responses["U5"], TEXTS["U5"], "none", ANSWERS["U5"][0]),
        (world.responses["U2"], TEXTS["U2"], "sole_proprietor", ANSWERS["U2"][0]),
        (world.responses["U1"], TEXTS["U1"], "legal_entity", ANSWERS["U1"][0]),
    ]
    assert (text.options, text.distribution, text.mean) == ((), (), None)
    with factory() as session:
        first_page, total = text_answers(session, world.questions[4])
    assert (tuple(first_page), total) == (text.text_answers, len(text.texts))


def test_only_the_newest_page_of_free_texts_says_who_and_when(
    factory: sessionmaker[Session], world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(survey_results, "TEXT_PAGE", 2)
    text = _results(factory, world.survey_id).questions[4]
    assert text.texts == (TEXTS["U1"], TEXTS["U2"], TEXTS["U5"])  # every one, still
    assert [(a.text, a.org_type) for a in text.text_answers] == [
        (TEXTS["U5"], "none"),
        (TEXTS["U2"], "sole_proprietor"),
    ]
    with factory() as session:
        split = split_results(session, world.survey_id, "price_category", now=NOW)
    assert split.overall.questions[4].text_answers == text.text_answers
    first = split.segments[0].results.questions[4]  # category 1: U1, U2 (and U3's blank)
    assert first.texts == (TEXTS["U1"], TEXTS["U2"])
    assert [a.text for a in first.text_answers] == [TEXTS["U2"], TEXTS["U1"]]


def test_a_survey_still_open_counts_up_to_now(factory: sessionmaker[Session], world: World) -> None:
    with factory.begin() as session:
        session.execute(
            update(Survey).where(Survey.id == world.survey_id).values(status="open", closes_at=None)
        )
    results = _results(factory, world.survey_id, now=datetime(2026, 3, 8, 9, 0, tzinfo=UTC))
    assert results.eligible == 8  # U7 too: access since 7 March
    assert results.per_day[-1] == DayCount(date(2026, 3, 8), 0)
    assert len(results.per_day) == 7


# --- split by the kind of customer -------------------------------------------------------------


def test_split_by_organisation_type_including_mixed_and_none(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory() as session:
        split = split_results(session, world.survey_id, "org_type", now=NOW)
    assert split.by == "org_type"
    assert split.overall == _results(factory, world.survey_id)
    seen = [(s.key, s.label, s.results.respondents, s.results.eligible) for s in split.segments]
    assert seen == [
        ("legal_entity", "Юридические лица", 2, 4),  # U1 U4; U6 U9 did not answer
        ("sole_proprietor", "Индивидуальные предприниматели", 1, 1),  # U2
        ("mixed", "Разные типы", 1, 1),  # U3
        ("none", "Без договоров", 1, 1),  # U5
    ]
    legal = split.segments[0].results
    single, multiple, five, ten, text = legal.questions
    assert legal.response_rate == 50.0
    assert legal.per_day == (
        DayCount(date(2026, 3, 2), 1),
        DayCount(date(2026, 3, 3), 0),
        DayCount(date(2026, 3, 4), 0),
        DayCount(date(2026, 3, 5), 1),
    )
    assert _options(single) == {"A": (1, 50.0), "B": (0, 0.0), "C": (1, 50.0)}
    assert _options(multiple) == {"X": (1, 100.0), "Y": (1, 100.0), "Z": (0, 0.0)}
    assert (five.mean, five.median) == (4.5, 4.5)
    assert ten.nps == 50.0  # 10 promotes, 7 is passive
    assert text.texts == (TEXTS["U1"],)
    sole = split.segments[1].results
    assert sole.questions[3].nps == -100.0
    assert sole.questions[4].text_answers[0].org_type == "sole_proprietor"


def test_split_by_price_category(factory: sessionmaker[Session], world: World) -> None:
    with factory() as session:
        split = split_results(session, world.survey_id, "price_category", now=NOW)
    # Category 2 (U6, U9) was active but did not answer: not shown.
    assert [(s.key, s.results.respondents, s.results.eligible) for s in split.segments] == [
        ("1", 3, 3),
        ("mixed", 1, 1),
        ("none", 1, 1),
    ]
    assert split.segments[0].label == "1-я ценовая категория"
    first = split.segments[0].results
    assert first.questions[3].nps == pytest.approx(33.3)  # 10 9 promote, 3 detracts
    # The texts keep the organisation type whatever the split; newest first.
    assert [a.org_type for a in first.questions[4].text_answers] == [
        "sole_proprietor",
        "legal_entity",
    ]
    assert split.overall.eligible == 7


def test_split_by_something_else_is_refused(factory: sessionmaker[Session], world: World) -> None:
    with factory() as session, pytest.raises(DomainError) as refused:
        split_results(session, world.survey_id, "region")
    assert refused.value.code == "UNKNOWN_SPLIT"
    assert "типу организации" in refused.value.message


# --- nothing to count ---------------------------------------------------------------------------


def test_an_unknown_survey_is_not_found(factory: sessionmaker[Session]) -> None:
    with factory() as session, pytest.raises(NotFoundError) as missing:
        survey_results.results(session, 4040)
    assert missing.value.code == "SURVEY_NOT_FOUND"
    assert "Опрос № 4040 не найден" in missing.value.message
    with factory() as session, pytest.raises(NotFoundError):
        split_results(session, 4040, "org_type")


def test_a_survey_nobody_answered_is_all_zeros(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as session:
        empty = _survey(session, title="Никто не ответил")
    results = _results(factory, empty.survey_id)
    assert (results.respondents, results.eligible) == (0, 6)  # U1–U4, U6, U9
    assert results.response_rate == 0.0
    assert [day.count for day in results.per_day] == [0, 0, 0, 0]
    single, multiple, five, ten, text = results.questions
    assert (single.answered, multiple.answered) == (0, 0)
    assert _options(single) == {"A": (0, 0.0), "B": (0, 0.0), "C": (0, 0.0)}
    assert [rating.percent for rating in ten.distribution] == [0.0] * 11
    assert (five.mean, five.median, ten.nps) == (None, None, None)
    assert (text.answered, text.texts, text.text_answers) == (0, (), ())
    with factory() as session:
        assert split_results(session, empty.survey_id, "org_type", now=NOW).segments == ()


def test_a_draft_never_opened_has_no_days_and_no_rate(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        draft = _survey(session, title="Черновик", opens=None)
    results = _results(factory, draft.survey_id)
    assert (results.status, results.respondents, results.eligible) == ("draft", 0, 0)
    assert (results.per_day, results.response_rate) == ((), None)


# --- the free-text list -------------------------------------------------------------------------


def test_text_answers_page_newest_first_with_the_total(
    factory: sessionmaker[Session], world: World
) -> None:
    question = world.questions[4]
    with factory() as session:
        first, total = text_answers(session, question, limit=2)
        rest, again = text_answers(session, question, limit=2, offset=2)
        beyond, still = text_answers(session, question, limit=2, offset=10)
    assert (total, again, still) == (3, 3, 3)
    assert [a.text for a in first] == [TEXTS["U5"], TEXTS["U2"]]
    assert [a.text for a in rest] == [TEXTS["U1"]]
    assert beyond == []
    assert first[1].response_id == world.responses["U2"]
    assert first[1].org_type == "sole_proprietor"
    assert first[1].submitted_at == ANSWERS["U2"][0]


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("ЕЛКИ", ["U5"]),  # any case, ё as е
        ("показаниях", ["U2"]),
        ("ние", ["U2", "U1"]),  # inside words
        ("выгрузка excel", ["U5"]),  # every word, in any order
        ("приложение выгрузка", []),
        ("100%", []),  # % is a percent sign, not a wildcard
        ("   ", ["U5", "U2", "U1"]),
    ],
)
def test_text_answers_search(
    factory: sessionmaker[Session], world: World, search: str, found: list[str]
) -> None:
    with factory() as session:
        answers, total = text_answers(session, world.questions[4], search=search)
    assert [a.text for a in answers] == [TEXTS[name] for name in found]
    assert total == len(found)


def test_text_answers_of_an_unknown_question(factory: sessionmaker[Session]) -> None:
    with factory() as session, pytest.raises(NotFoundError) as missing:
        text_answers(session, 777)
    assert missing.value.code == "QUESTION_NOT_FOUND"


# --- as the staff who read them -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_administrators_read_the_results_on_their_own_connections(
    as_staff: Callable[[str], Engine], pg_engine: Engine, role: str
) -> None:
    with db.session_factory(pg_engine).begin() as session:
        world = _build(session)
    with db.read_session_factory(as_staff(role))() as session:
        results = survey_results.results(session, world.survey_id, now=NOW)
        split = split_results(session, world.survey_id, "price_category", now=NOW)
        answers, total = text_answers(session, world.questions[4], search="ёлки")
    assert (results.respondents, results.eligible) == (5, 7)
    assert [segment.key for segment in split.segments] == ["1", "mixed", "none"]
    assert (answers[0].org_type, total) == ("none", 1)


def test_the_whole_surveys_figures_may_be_counted_by_parallel_workers(pg_engine: Engine) -> None:
    """The branches of the one statement are typed alike, so PostgreSQL may hand them to
    parallel workers (a Parallel Append under a Gather), each branch whole to one; a branch
    typed otherwise would quietly keep the whole statement in one process. Parallel query
    made as cheap as can be, so that even this small survey is worth it."""
    with db.session_factory(pg_engine).begin() as session:
        world = _build(session)
    executed: list[tuple[str, Any]] = []

    def remember(*args: Any) -> None:
        executed.append((args[2], args[3]))  # statement, parameters

    event.listen(pg_engine, "before_cursor_execute", remember)
    try:
        _results(db.read_session_factory(pg_engine), world.survey_id)
    finally:
        event.remove(pg_engine, "before_cursor_execute", remember)
    statement, parameters = next((sql, params) for sql, params in executed if "UNION ALL" in sql)
    with pg_engine.connect() as connection:
        dbapi = connection.connection.dbapi_connection
        assert dbapi is not None
        cursor = dbapi.cursor()
        for setting in (
            "parallel_setup_cost",
            "parallel_tuple_cost",
            "min_parallel_table_scan_size",
            "min_parallel_index_scan_size",
        ):
            cursor.execute(f"SET {setting} = 0")  # fmt: skip
        cursor.execute("EXPLAIN " + statement, parameters)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Parallel Append" in plan


def test_the_editors_reads_of_the_registry_come_off_with_a_downgrade(pg_engine: Engine) -> None:
    def readable() -> list[bool]:
        with pg_engine.connect() as connection:
            return [
                bool(
                    connection.execute(
                        text("SELECT has_column_privilege('lkk_editor', :t, :c, 'SELECT')"),
                        {"t": table, "c": column},
                    ).scalar_one()
                )
                for table, column in (
                    ("contract_access", "granted_at"),
                    ("contract", "price_category"),
                    ("counterparty", "org_type"),
                    ("counterparty", "inn"),  # never
                )
            ]

    assert readable() == [True, True, True, False]
    downgrade(pg_engine, "0014")
    assert readable() == [False, False, False, False]
    db.upgrade(pg_engine)
    assert readable() == [True, True, True, False]
