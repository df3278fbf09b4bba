"""``lkk-admin survey export``: the results to Excel or PDF by the file's extension; an
unknown survey, an unanswered one or another extension is refused in Russian, exit 1, and
leaves no file (not even a ``.part``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import cli
from tests.pdf import pdf_text
from tests.services.survey_world import TITLE, World, craft_survey, craft_world


def url_of(factory: sessionmaker[Session]) -> str:
    engine = factory.kw["bind"]
    assert isinstance(engine, Engine)
    return engine.url.render_as_string(hide_password=False)


def export(url: str, survey_id: int | str, output: Path) -> int:
    return cli.main(
        ["survey", "export", "--survey", str(survey_id), "--url", url, "-o", str(output)]
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder for the files (a SQLite database lives in ``tmp_path``)."""
    path = tmp_path / "выгрузки"
    path.mkdir()
    return path


def refused(
    url: str, survey_id: int, output: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    """Exit 1, a Russian refusal on stderr, nothing on stdout and nothing in ``folder``."""
    code = export(url, survey_id, output)
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert list(folder.iterdir()) == [], "a file was left behind"
    assert captured.err.startswith("Ошибка: ") and "Непредвиденная" not in captured.err
    assert captured.err.rstrip().endswith("Файл не создан."), captured.err
    return captured.err


@pytest.mark.parametrize("name", ["результаты.docx", "результаты.csv", "результаты"])
def test_another_extension_is_refused_before_the_database_is_read(
    sqlite_db_url: str, folder: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    err = refused(sqlite_db_url, 1, folder / name, folder, capsys)
    assert "Формат выгрузки определяется по расширению файла: .xlsx (Excel) или .pdf" in err
    assert f"а имя {name} — " in err


def test_a_folder_given_for_the_file_is_refused(
    sqlite_db_url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inside = folder / "итоги.xlsx"
    inside.mkdir()
    assert export(sqlite_db_url, 1, inside) == 1
    said = capsys.readouterr().err
    assert f"{inside} — это папка, а нужно имя файла" in said
    assert list(inside.iterdir()) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_an_unknown_survey_is_refused(
    factory: sessionmaker[Session],
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    err = refused(url_of(factory), 4242, folder / f"опрос{suffix}", folder, capsys)
    assert "Опроса № 4242 нет" in err


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_a_survey_nobody_answered_is_refused(
    factory: sessionmaker[Session],
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    with factory.begin() as session:
        world = craft_survey(session)
    err = refused(url_of(factory), world.survey_id, folder / f"опрос{suffix}", folder, capsys)
    assert f"На опрос «{TITLE}» ещё никто не ответил: выгружать нечего." in err


def test_a_survey_number_must_be_a_number(
    sqlite_db_url: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        export(sqlite_db_url, "первый", folder / "опрос.xlsx")
    assert exit_.value.code == 2
    assert "нужно целое число, а не «первый»" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    with factory.begin() as session:
        return craft_world(session)


def test_the_results_go_to_excel(
    factory: sessionmaker[Session],
    world: World,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = folder / "опрос.xlsx"
    assert export(url_of(factory), world.survey_id, target) == 0
    out = capsys.readouterr().out
    assert out.strip() == (
        f"Файл {target} сохранён (Excel): результаты опроса «{TITLE}», ответов: 4."
    )
    assert sorted(path.name for path in folder.iterdir()) == ["опрос.xlsx"]
    workbook = load_workbook(target, read_only=True)
    assert workbook.sheetnames == ["Сводка", "Ответы"]
    answers = list(workbook["Ответы"].iter_rows(values_only=True))
    assert [row[0] for row in answers[1:]] == list(world.response_ids)
    workbook.close()


def test_the_results_go_to_pdf(
    factory: sessionmaker[Session],
    world: World,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = folder / "опрос.PDF"
    assert export(url_of(factory), world.survey_id, target) == 0
    out = capsys.readouterr().out
    assert (
        f"Файл {target} сохранён (PDF): результаты опроса «{TITLE}», ответов: 4, страниц: " in out
    )
    assert sorted(path.name for path in folder.iterdir()) == ["опрос.PDF"]
    text = " ".join(" ".join(pdf_text(target.read_bytes())).split())
    assert f"Результаты опроса «{TITLE}»" in text
