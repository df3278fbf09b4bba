"""Checking a staff member's password again to unlock an idle window.

The locked window keeps its database connection (the pool stays as it was), so the
password cannot be checked through it: a pooled connection authenticated long ago proves
nothing about what was typed now. Instead the server itself is asked, with a separate,
short-lived connection as the same user to the same server and database, with the same
TLS settings. Nothing here touches the application's engine or pool.

Blocking (network): call it from a worker job, never from the GUI thread.
"""

from __future__ import annotations

import logging

import psycopg
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL

from lkk_admin.services.diagnosis import NO_PASSWORD, WRONG_PASSWORD, diagnose

log = logging.getLogger(__name__)

#: Seconds to wait for the server; the same bound as the application's own connections.
CONNECT_TIMEOUT_SECONDS = 10
#: How the check shows in ``pg_stat_activity`` and the server log, for the DBA.
APPLICATION_NAME = "lkk-admin-unlock"

# The server's answers that mean "this password is not the user's".
_REFUSED = (WRONG_PASSWORD, NO_PASSWORD)


def _connect_arguments(url: URL) -> dict[str, str | int]:
    """libpq keywords for ``url``'s server, database, user and query (sslmode, ...)."""
    arguments: dict[str, str | int] = {}
    # The query carries sslmode and sslrootcert, and whatever else the profile put there:
    # the check must reach the server exactly as the application's connection does.
    for name, value in url.query.items():
        arguments[name] = value if isinstance(value, str) else value[-1]
    if url.host:
        arguments["host"] = url.host
    if url.port:
        arguments["port"] = url.port
    if url.database:
        arguments["dbname"] = url.database
    if url.username:
        arguments["user"] = url.username
    arguments["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    arguments["application_name"] = APPLICATION_NAME
    return arguments


def verify_password(url: URL, password: str) -> bool:
    """Whether the server accepts ``password`` for ``url``'s user.

    True when a connection with it succeeds; False when the server refuses the password.
    Any other failure (server unreachable, TLS, ...) is raised: the caller tells the user
    that the password could not be checked, which is not the same as "wrong".
    The password is neither logged nor kept; the connection is closed at once.
    """
    if not password:
        # With no password libpq would fall back to PGPASSWORD or the .pgpass file and could
        # succeed without the user typing anything: an empty password is never right.
        return False
    conninfo = make_conninfo("", **_connect_arguments(url), password=password)
    try:
        connection = psycopg.connect(conninfo)
    except psycopg.OperationalError as error:
        if diagnose(error) in _REFUSED:
            log.info("unlock refused: wrong password for %s", url.username)
            return False
        raise
    connection.close()
    log.info("unlocked by %s", url.username)
    return True
