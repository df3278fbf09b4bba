"""``lkk-admin retention``: counts what is due, anonymises it and writes the act; says so
in Russian when there is nothing to do or something stands in the way."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import cli, db
from lkk_admin.models import AuditEvent, PortalUser
from lkk_admin.services import retention, retention_period
from tests.pdf import pdf_text
from tests.services.test_retention import Record, deliver_all, expired, rejected, unconfirmed


@pytest.fixture
def records(factory: sessionmaker[Session]) -> list[Record]:
    """Three records due (one of each ground) and one rejected too recently."""
    with factory.begin() as session:
        due = [rejected(session, 45), expired(session, 40), unconfirmed(session, 35)]
        rejected(session, 5)
        deliver_all(session)
    return due


def url_of(factory: sessionmaker[Session]) -> str:
    engine = factory.kw["bind"]
    assert isinstance(engine, Engine)
    return engine.url.render_as_string(hide_password=False)


def anonymised(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(PortalUser)
                .where(PortalUser.anonymised_at.is_not(None))
            )
            or 0
        )


def test_a_dry_run_counts_per_ground_and_changes_nothing(
    factory: sessionmaker[Session],
    records: list[Record],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert cli.main(["retention", "--dry-run", "--url", url_of(factory)]) == 0
    out = capsys.readouterr().out
    assert "Подлежит обезличиванию (срок хранения 30 дн.): 3" in out
    assert "заявка отклонена: 1" in out
    assert "заявка просрочена: e-mail не подтверждён: 1" in out
    assert "учётная запись не подтверждена: 1" in out
    assert "Пробный запуск: ничего не изменено." in out
    assert anonymised(factory) == 0 and list(Path.cwd().iterdir()) == []


def test_a_run_anonymises_prints_the_rate_and_writes_the_act(
    factory: sessionmaker[Session],
    records: list[Record],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    act = tmp_path / "акт.pdf"
    assert cli.main(["retention", "--url", url_of(factory), "-o", str(act)]) == 0
    out = capsys.readouterr().out
    assert "Обезличено записей: 3 из 3" in out and "в секунду" in out
    assert f"Акт сохранён: {act}" in out
    assert anonymised(factory) == 3
    text = " ".join(" ".join(pdf_text(act.read_bytes())).split())
    assert "Акт об уничтожении (обезличивании) персональных данных" in text
    for record in records:
        assert str(record.request_id) in text
    # The actor: the database user on PostgreSQL, the computer's login on SQLite.
    with factory() as session:
        actors = set(session.scalars(select(AuditEvent.actor).where(
            AuditEvent.action == retention.ACTION)))  # fmt: skip
        expected = (
            str(session.execute(select(func.session_user())).scalar_one())
            if session.get_bind().dialect.name == "postgresql"
            else getpass.getuser()
        )
    assert actors == {expected} and expected in text

    # Again: nothing is due, so nothing is written.
    assert cli.main(["retention", "--url", url_of(factory), "-o", str(tmp_path / "2.pdf")]) == 0
    assert "Обезличивать нечего" in capsys.readouterr().out
    assert not (tmp_path / "2.pdf").exists()


def test_the_act_goes_to_the_current_folder_and_never_over_another(
    sqlite_db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    factory = db.session_factory(sqlite_db_url)
    with factory.begin() as session:
        rejected(session, 45)
        deliver_all(session)
    monkeypatch.chdir(tmp_path)
    (earlier,) = _write_placeholder(tmp_path)
    assert cli.main(["retention", "--url", sqlite_db_url]) == 0
    written = sorted(path.name for path in tmp_path.glob("*.pdf"))
    assert written == sorted([earlier.name, earlier.stem + "-2.pdf"])
    assert earlier.read_bytes() == b"an earlier act"
    assert "Акт сохранён" in capsys.readouterr().out


def _write_placeholder(folder: Path) -> tuple[Path]:
    from datetime import UTC, datetime

    from lkk_admin.services.retention_act import file_name

    path = folder / file_name(datetime.now(UTC))
    path.write_bytes(b"an earlier act")
    return (path,)


def test_an_act_folder_that_is_not_there_stops_the_run_before_anything_changes(
    factory: sessionmaker[Session],
    records: list[Record],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "нет-такой-папки" / "акт.pdf"
    assert cli.main(["retention", "--url", url_of(factory), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Ошибка: Папки") and "Файл не создан" in err
    assert anonymised(factory) == 0


def test_nothing_due_is_said_and_no_act_is_written(
    sqlite_db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    factory = db.session_factory(sqlite_db_url)
    with factory.begin() as session:
        rejected(session, 45)  # its letter has not gone yet
        retention_period.save_period(session, 60, "admin", expected_version=None)
    assert cli.main(["retention", "--url", sqlite_db_url]) == 0
    out = capsys.readouterr().out
    assert "Обезличивать нечего: нет данных, цель обработки которых достигнута более 60" in out
    assert "Ждут отправки писем" not in out  # 45 days < 60: not even waiting
    assert list(Path.cwd().iterdir()) == []
    with factory.begin() as session:
        retention_period.save_period(session, 30, "admin", expected_version=1)
    assert cli.main(["retention", "--url", sqlite_db_url]) == 0
    assert "Ждут отправки писем (обезличатся позже): 1." in capsys.readouterr().out


def test_the_act_of_a_past_run_is_written_again_from_the_audit_log(
    factory: sessionmaker[Session],
    records: list[Record],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = tmp_path / "first.pdf"
    assert cli.main(["retention", "--url", url_of(factory), "-o", str(first)]) == 0
    with factory() as session:
        run_id = session.scalars(select(AuditEvent.details)).all()[-1].get("run_id")
    assert run_id
    again = tmp_path / "again.pdf"
    assert cli.main(["retention", "--url", url_of(factory), "--act-for", run_id, "-o",
                     str(again)]) == 0  # fmt: skip
    assert f"Акт сохранён: {again} (запуск {run_id}, записей: 3)" in capsys.readouterr().out
    redone = " ".join(" ".join(pdf_text(again.read_bytes())).split())
    for record in records:
        assert str(record.request_id) in redone
    assert cli.main(["retention", "--url", url_of(factory), "--act-for", "нет-такого"]) == 1
    assert "не найден" in capsys.readouterr().err


@pytest.mark.postgres_only
def test_a_verifier_is_refused_by_the_database(
    pg_engine: Engine,
    as_staff: Callable[[str], Engine],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    owner = db.session_factory(pg_engine)
    with owner.begin() as session:
        rejected(session, 45)
        deliver_all(session)
    verifier = as_staff("verifier").url.render_as_string(hide_password=False)
    assert cli.main(["retention", "--url", verifier, "-o", str(tmp_path / "a.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Ошибка: Недостаточно прав" in err and "Непредвиденная" not in err
    assert "готово" not in err
    assert anonymised(owner) == 0 and not (tmp_path / "a.pdf").exists()
