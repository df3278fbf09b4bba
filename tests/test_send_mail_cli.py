"""``lkk-admin send-mail``: the flags scripts rely on, the stored settings, Ctrl+C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from lkk_admin import db
from lkk_admin.cli import main
from lkk_admin.models import MailOutbox
from lkk_admin.services.mail_settings import MailSettings, MailSettingsStore
from tests.services.test_mail_delivery import queue_mail
from tests.smtp import RecordingSmtpServer


@pytest.fixture
def outbox_url(tmp_path: Path) -> str:
    url = db.sqlite_url(tmp_path / "portal.sqlite3")
    db.upgrade(url)
    return url


def add_mail(url: str, count: int) -> None:
    engine = db.make_engine(url)
    try:
        queue_mail(db.session_factory(engine), count)
    finally:
        engine.dispose()


def statuses(url: str) -> list[str]:
    engine = db.make_engine(url)
    try:
        with db.session_factory(engine)() as session:
            return list(session.scalars(select(MailOutbox.status).order_by(MailOutbox.id)))
    finally:
        engine.dispose()


def smtp_flags(server: RecordingSmtpServer) -> list[str]:
    return [
        "--smtp-host",
        server.host,
        "--smtp-port",
        str(server.port),
        "--smtp-security",
        "none",
    ]


def test_send_mail_delivers_what_is_due_and_exits(
    outbox_url: str, smtp_server: RecordingSmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    add_mail(outbox_url, 2)
    code = main(["send-mail", "--url", outbox_url, *smtp_flags(smtp_server)])
    assert code == 0
    assert "отправлено 2" in capsys.readouterr().out
    assert len(smtp_server.received) == 2
    assert statuses(outbox_url) == ["sent", "sent"]


def test_the_stored_mail_settings_are_used_without_flags(
    outbox_url: str, smtp_server: RecordingSmtpServer
) -> None:
    MailSettingsStore().save(
        MailSettings(
            smtp_host=smtp_server.host, smtp_port=smtp_server.port, sender_address="ls@example.ru"
        )
    )
    add_mail(outbox_url, 1)
    assert main(["send-mail", "--url", outbox_url]) == 0
    [received] = smtp_server.received
    assert received.sender == "ls@example.ru"


def test_an_unreachable_mail_server_is_told_and_the_mail_waits(
    outbox_url: str, smtp_server: RecordingSmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    add_mail(outbox_url, 1)
    smtp_server.stop()
    code = main(["send-mail", "--url", outbox_url, *smtp_flags(smtp_server)])
    assert code == 3
    assert "недоступен" in capsys.readouterr().out
    assert statuses(outbox_url) == ["pending"]


def test_a_login_without_a_stored_password_is_told(
    outbox_url: str, smtp_server: RecordingSmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = [*smtp_flags(smtp_server), "--smtp-user", "lkk-robot"]
    assert main(["send-mail", "--url", outbox_url, *flags]) == 1
    assert "не найден в хранилище паролей" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child needs a console group")
def test_watch_keeps_delivering_until_ctrl_c(
    outbox_url: str, smtp_server: RecordingSmtpServer
) -> None:
    add_mail(outbox_url, 1)
    command = [sys.executable, "-m", "lkk_admin", "send-mail", "--url", outbox_url, "--watch"]
    watcher = subprocess.Popen(
        [*command, *smtp_flags(smtp_server), "--poll-seconds", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: len(smtp_server.received) == 1)
        add_mail(outbox_url, 2)
        wait_for(lambda: len(smtp_server.received) == 3)
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, err
    assert "Остановлено" in out
    assert statuses(outbox_url) == ["sent"] * 3


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll a condition that another process makes true (no Qt event loop here)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
