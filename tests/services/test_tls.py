"""TLS end to end: connection profiles against a real PostgreSQL that requires TLS.

The module starts its own throwaway cluster with a certificate from a certificate
authority made here, and pg_hba.conf refusing TCP connections without TLS, as the portal's
production server is set up. The server certificate names ``localhost`` only (a DNS name,
as IT issues them), so connecting by the address 127.0.0.1 is the wrong-name case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from lkk_admin import db
from lkk_admin.services import connection, diagnosis
from lkk_admin.services.connection import ConnectionFailedError, ConnectionInfo
from lkk_admin.services.profiles import ConnectionProfile
from lkk_admin.testing.throwaway_postgres import (
    PostgresUnavailableError,
    ServerTls,
    ThrowawayPostgres,
)
from tests.tls import (
    CertificateAuthority,
    issue_server_certificate,
    make_certificate_authority,
)

DATABASE = "lkk"


@dataclass(frozen=True)
class TlsServer:
    port: int
    authority: CertificateAuthority  # signed the server's certificate
    stranger: CertificateAuthority  # an unrelated root, as a wrong file in a profile would be
    folder: Path


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    """A migrated portal database on a cluster that accepts TCP connections only over TLS."""
    folder = tmp_path_factory.mktemp("tls")
    authority = make_certificate_authority(folder / "ca", "LKK Test Root CA")
    stranger = make_certificate_authority(folder / "stranger", "Unrelated Root CA")
    certificate = issue_server_certificate(authority, folder / "server", ip_addresses=())
    server = ThrowawayPostgres(
        tls=ServerTls(certificate.cert_file, certificate.key_file, required=True)
    )
    try:
        server.start()
    except PostgresUnavailableError as error:
        server.stop()
        pytest.fail(f"PostgreSQL is required for the TLS tests: {error}", pytrace=False)
    try:
        # The admin URL carries no sslmode: libpq's default "prefer" uses TLS without
        # checking the certificate, which is all the setup needs.
        admin = create_engine(db.normalize_url(server.url()), isolation_level="AUTOCOMMIT")
        with admin.connect() as admin_connection:
            admin_connection.execute(text(f"CREATE DATABASE {DATABASE}"))
        admin.dispose()
        # connect_profile refuses a database without the schema.
        db.upgrade(server.url(DATABASE))
        yield TlsServer(server.port, authority, stranger, folder)
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def no_tls_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """libpq also reads TLS settings from the environment; only the profile may count."""
    for variable in ("PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "PGREQUIRESSL"):
        monkeypatch.delenv(variable, raising=False)


def verify_full(server: TlsServer) -> ConnectionProfile:
    """The profile IT hands out: the server's certificate name and the organisation's root."""
    return ConnectionProfile(
        name="Портал (TLS)",
        host="localhost",
        port=server.port,
        database=DATABASE,
        user="postgres",
        sslmode="verify-full",
        sslrootcert=str(server.authority.cert_file),
    )


def encrypted(info: ConnectionInfo) -> bool:
    """Whether the server itself sees this session as TLS (not what the client asked)."""
    with info.engine.connect() as session:
        return bool(
            session.execute(
                text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ).scalar_one()
        )


def refusal(profile: ConnectionProfile) -> ConnectionFailedError:
    with pytest.raises(ConnectionFailedError) as raised:
        connection.connect_profile(profile, None).dispose()
    return raised.value


def test_verify_full_connects_encrypted(tls_server: TlsServer) -> None:
    info = connection.connect_profile(verify_full(tls_server), None)
    try:
        assert info.profile_name == "Портал (TLS)"
        assert info.host == "localhost"
        assert encrypted(info)
    finally:
        info.dispose()


def test_verify_ca_does_not_check_the_name(tls_server: TlsServer) -> None:
    profile = replace(verify_full(tls_server), host="127.0.0.1", sslmode="verify-ca")
    info = connection.connect_profile(profile, None)
    try:
        assert encrypted(info)
    finally:
        info.dispose()


def test_certificate_from_another_authority_is_refused(tls_server: TlsServer) -> None:
    profile = replace(verify_full(tls_server), sslrootcert=str(tls_server.stranger.cert_file))
    error = refusal(profile)
    assert error.problem is diagnosis.TLS_UNTRUSTED
    assert error.code == "tls_untrusted"
    assert str(error) == diagnosis.TLS_UNTRUSTED.message
    assert "корневым сертификатом" in str(error) and "ИТ-отдел" in str(error)


def test_host_name_not_in_the_certificate_is_refused(tls_server: TlsServer) -> None:
    error = refusal(replace(verify_full(tls_server), host="127.0.0.1"))
    assert error.problem is diagnosis.TLS_NAME_MISMATCH
    assert "не совпадает с именем в сертификате" in str(error)


@pytest.mark.parametrize("rootcert", ["missing.crt", "not-a-certificate.txt", ""])
def test_root_certificate_file_that_cannot_be_used(tls_server: TlsServer, rootcert: str) -> None:
    """A wrong path, a file that is not a certificate, or none at all (libpq then looks
    for root.crt in the user's profile folder, which does not exist here)."""
    path = ""
    if rootcert:
        path = str(tls_server.folder / rootcert)
        if rootcert.endswith(".txt"):
            (tls_server.folder / rootcert).write_text("not a certificate\n", encoding="utf-8")
    error = refusal(replace(verify_full(tls_server), sslrootcert=path))
    assert error.problem is diagnosis.TLS_ROOT_CERT_MISSING
    assert "Файл корневого сертификата" in str(error)


def test_require_encrypts_without_a_root_certificate(tls_server: TlsServer) -> None:
    profile = replace(verify_full(tls_server), sslmode="require", sslrootcert="")
    info = connection.connect_profile(profile, None)
    try:
        assert encrypted(info)
    finally:
        info.dispose()


def test_disable_is_refused_by_a_server_requiring_tls(tls_server: TlsServer) -> None:
    error = refusal(replace(verify_full(tls_server), sslmode="disable", sslrootcert=""))
    assert error.problem is diagnosis.TLS_REQUIRED
    assert "только защищённые соединения" in str(error)
