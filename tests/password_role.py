"""A PostgreSQL role that must authenticate with a password, for the password tests.

The throwaway PostgreSQL server trusts every local connection. The wrong-password tests
(the connection dialog, unlocking an idle window) need a role that must authenticate:
:func:`password_role_on` creates one and puts a ``scram-sha-256`` line for it at the top
of the server's ``pg_hba.conf`` (its path comes from ``SHOW hba_file``; the tests run as
root or as the server's owner), reloads the configuration and restores the file
afterwards.

The GUI tests and the service tests each have a session fixture ``password_role`` built
on it (tests/conftest.py is shared with other work). Both may be active in one session:
the first to start edits pg_hba.conf and the role, a later one reuses them and leaves the
clean-up to the first, which pytest tears down last (session fixtures end in reverse).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lkk_admin import db

PASSWORD_ROLE = "lkk_pw_test"
PASSWORD = "right-Pa55"
HBA_LINE = f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n"


@dataclass(frozen=True)
class PasswordRole:
    """A PostgreSQL role that must authenticate with scram-sha-256."""

    host: str
    port: int
    user: str
    password: str
    database: str


# The role while a fixture holds it (at most one; see the module's docstring).
_active: list[PasswordRole] = []


def _wait_for_password_check(host: str, port: int) -> None:
    """After pg_reload_conf() the postmaster rereads pg_hba.conf asynchronously."""
    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(
                host=host, port=port, user=PASSWORD_ROLE, password="wrong", dbname="postgres"
            ).close()
        except psycopg.OperationalError as error:
            if "password authentication failed" in str(error):
                return
        if time.monotonic() > deadline:
            raise RuntimeError("pg_hba.conf change did not take effect")
        time.sleep(0.05)


@contextlib.contextmanager
def password_role_on(postgres_admin_url: str) -> Iterator[PasswordRole]:
    """The password role on the server of ``postgres_admin_url`` (a superuser URL)."""
    if _active:
        yield _active[0]
        return
    url = make_url(postgres_admin_url)
    engine = create_engine(db.normalize_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        hba_file = Path(str(connection.execute(text("SHOW hba_file")).scalar_one()))
        try:
            original = hba_file.read_text(encoding="utf-8")
            with hba_file.open("r+", encoding="utf-8") as stream:  # keeps the owner
                stream.write(HBA_LINE + original)
        except OSError as error:
            engine.dispose()
            pytest.skip(f"cannot edit pg_hba.conf of the test server: {error}")
        connection.execute(text(f"DROP ROLE IF EXISTS {PASSWORD_ROLE}"))
        connection.execute(text(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'"))
        connection.execute(text("SELECT pg_reload_conf()"))
    host, port = url.host or "127.0.0.1", int(url.port or 5432)
    try:
        _wait_for_password_check(host, port)
        _active.append(PasswordRole(host, port, PASSWORD_ROLE, PASSWORD, "postgres"))
        yield _active[0]
    finally:
        _active.clear()
        with engine.connect() as connection:
            with hba_file.open("w", encoding="utf-8") as stream:
                stream.write(original)
            connection.execute(text("SELECT pg_reload_conf()"))
            with contextlib.suppress(Exception):
                connection.execute(text(f"DROP ROLE IF EXISTS {PASSWORD_ROLE}"))
        engine.dispose()
