"""A throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks.

PostgreSQL refuses to run as root, and CI runs as root: then the cluster is created and
run as the ``postgres`` system user through ``runuser``. The data directory lives in a
temporary folder and the server listens on a free loopback port; ``stop()`` removes it.

Given a :class:`ServerTls`, the cluster also accepts TLS connections with that certificate,
and with ``required`` it refuses TCP connections without TLS, as a production server does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "postgres"


class PostgresUnavailableError(RuntimeError):
    """PostgreSQL binaries are missing or the server would not start."""


def find_bindir() -> Path:
    """The folder with initdb and pg_ctl: PG_BINDIR, pg_config, then Debian's layout."""
    candidates: list[str] = []
    if env := os.environ.get("PG_BINDIR"):
        candidates.append(env)
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            )
            candidates.append(out.stdout.strip())
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        candidates += sorted((str(p) for p in debian.glob("*/bin")), reverse=True)
    if initdb := shutil.which("initdb"):
        candidates.append(str(Path(initdb).parent))
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    raise PostgresUnavailableError(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them "
        "(Debian: apt-get install postgresql) or set LKK_TEST_DATABASE_URL to a server."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class ServerTls:
    """The server's certificate and private key (PEM files) for a TLS-enabled cluster.

    The files are copied into the data directory, so they may live anywhere the caller
    likes (a pytest temp folder the ``postgres`` user cannot read, for instance).
    ``required`` makes pg_hba.conf reject TCP connections that do not use TLS.
    """

    cert_file: Path
    key_file: Path
    required: bool = False


# Names inside the data directory; relative paths in postgresql.conf resolve against it.
_SERVER_CERT = "server.crt"
_SERVER_KEY = "server.key"
# Matched before initdb's own "host ... trust" lines, so those then only see TLS clients.
_REJECT_PLAIN_TCP = (
    "# LKK Admin tests: TLS required on TCP\n"
    "hostnossl all all 0.0.0.0/0 reject\n"
    "hostnossl all all ::/0 reject\n"
)


@dataclass
class ThrowawayPostgres:
    """One running cluster. Use as a context manager or call start()/stop()."""

    port: int = field(default_factory=free_port)
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="lkk-pg-")))
    extra_settings: dict[str, str] = field(default_factory=dict)
    tls: ServerTls | None = None

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def _give_to_server(self, path: Path) -> None:
        """Make a file in the data directory the server's own (it runs as postgres)."""
        if _is_root():
            shutil.chown(path, SUPERUSER)

    def _install_tls(self, tls: ServerTls) -> dict[str, str]:
        """Copy the certificate and key in, restrict pg_hba.conf; return the settings."""
        cert = self.datadir / _SERVER_CERT
        key = self.datadir / _SERVER_KEY
        shutil.copyfile(tls.cert_file, cert)
        shutil.copyfile(tls.key_file, key)
        # The server refuses to start with a key that group or others may read.
        key.chmod(0o600)
        self._give_to_server(cert)
        self._give_to_server(key)
        if tls.required:
            hba = self.datadir / "pg_hba.conf"
            hba.write_text(_REJECT_PLAIN_TCP + hba.read_text(encoding="utf-8"), encoding="utf-8")
            self._give_to_server(hba)
        return {
            "ssl": "on",
            "ssl_cert_file": f"'{_SERVER_CERT}'",
            "ssl_key_file": f"'{_SERVER_KEY}'",
        }

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        command = args
        if _is_root():
            command = ["runuser", "-u", SUPERUSER, "--", *args]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PostgresUnavailableError(
                f"{' '.join(args[:2])} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result

    def start(self) -> ThrowawayPostgres:
        bindir = find_bindir()
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if _is_root():
            shutil.chown(self.root, SUPERUSER)
            shutil.chown(self.socket_dir, SUPERUSER)
        self._run(
            [
                str(bindir / "initdb"),
                "-D",
                str(self.datadir),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        tls_settings = self._install_tls(self.tls) if self.tls is not None else {}
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            "shared_buffers": "256MB",
            "max_wal_size": "2GB",
            **tls_settings,
            **self.extra_settings,
        }
        with (self.datadir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        self._give_to_server(self.datadir / "postgresql.conf")
        self._run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(self.datadir),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        return self

    def stop(self) -> None:
        with contextlib.suppress(PostgresUnavailableError):
            self._run(
                [str(find_bindir() / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop"]
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ThrowawayPostgres:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
