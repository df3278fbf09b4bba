"""Checking the password again to unlock an idle window, against a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL

from lkk_admin.services import diagnosis
from lkk_admin.services.session_lock import verify_password
from lkk_admin.testing.throwaway_postgres import free_port
from tests.password_role import PasswordRole, password_role_on


@pytest.fixture(scope="session")
def password_role(postgres_admin_url: str) -> Iterator[PasswordRole]:
    with password_role_on(postgres_admin_url) as role:
        yield role


def url_of(role: PasswordRole, *, port: int | None = None, **query: str) -> URL:
    """The application's URL after logging in: it holds the password typed at login."""
    return URL.create(
        "postgresql+psycopg",
        username=role.user,
        password=role.password,
        host=role.host,
        port=port or role.port,
        database=role.database,
        query={"sslmode": "prefer", **query},
    )


def test_the_right_password_unlocks(password_role: PasswordRole) -> None:
    assert verify_password(url_of(password_role), password_role.password) is True


def test_a_wrong_password_does_not(
    password_role: PasswordRole, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    # The URL's own password (typed at login) must not stand in for the one typed now.
    assert verify_password(url_of(password_role), "wrong-Pa55") is False
    assert verify_password(url_of(password_role), password_role.password.upper()) is False
    assert "wrong-Pa55" not in caplog.text
    assert password_role.password not in caplog.text


def test_an_empty_password_is_never_right(password_role: PasswordRole) -> None:
    # libpq would otherwise try PGPASSWORD and ~/.pgpass on its own.
    assert verify_password(url_of(password_role), "") is False


def test_an_unreachable_server_is_not_a_wrong_password(password_role: PasswordRole) -> None:
    with pytest.raises(psycopg.OperationalError) as caught:
        verify_password(url_of(password_role, port=free_port()), password_role.password)
    assert diagnosis.diagnose(caught.value) is diagnosis.UNREACHABLE


def test_the_profiles_tls_settings_are_used(password_role: PasswordRole, tmp_path: Path) -> None:
    # verify-full with a root certificate that does not exist cannot connect: the check
    # goes to the server as the profile says, and a TLS failure is raised, not "wrong".
    url = url_of(password_role, sslmode="verify-full", sslrootcert=str(tmp_path / "missing.crt"))
    with pytest.raises(psycopg.OperationalError) as caught:
        verify_password(url, password_role.password)
    problem = diagnosis.diagnose(caught.value)
    assert problem is not None and "TLS" in problem.message
