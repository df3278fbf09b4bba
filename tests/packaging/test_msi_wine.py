"""The MSI installed, upgraded, refused as a downgrade and uninstalled by Wine's msiexec,
in a fresh Wine prefix: what lands where, what stays and what goes.

Wine's Windows Installer runs the same tables Windows does (sequences, launch conditions,
the registry search, the upgrade); the bundle's programs themselves are not run. About a
minute and a half; skipped where Wine is not installed (.ci/run installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from lkk_admin import __version__
from lkk_admin.services.profiles import MACHINE_PROFILE_REGISTRY_KEY
from tests.packaging.msi import build_msi, bundle_path, file_digests, msi_path, why_not_built

TIMEOUT_S = 600
ERROR_INSTALL_FAILURE = 1603
UNINSTALL_KEY = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"
ORGANISATION = {
    "DBHOST": "db.rn-energo.local",
    "DBPORT": "6432",
    "DBNAME": "lkk",
    "SSLMODE": "verify-full",
    "SSLROOTCERT": r"C:\ProgramData\RN-Energo\root.crt",
}


def why_not_here() -> str | None:
    if shutil.which("wine") is None or shutil.which("wineserver") is None:
        return "Wine is not installed (Debian: apt-get install wine); .ci/run installs it"
    if shutil.which("wixl") is None:
        return "wixl is not installed (Debian: apt-get install wixl)"
    return why_not_built()


reason = why_not_here()
pytestmark = pytest.mark.skipif(reason is not None, reason=reason or "")


@dataclass
class Wine:
    """A Wine prefix of its own, as a fresh Windows desk."""

    prefix: Path

    @property
    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
        env.update(
            WINEPREFIX=str(self.prefix),
            WINEDEBUG="-all",
            # No Mono or Gecko to offer installing: nothing here needs them.
            WINEDLLOVERRIDES="mscoree,mshtml=",
        )
        return env

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["wine", *command],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        self.wait()
        return result

    def wait(self) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=TIMEOUT_S, check=False)

    def msiexec(self, *arguments: str, log: Path) -> int:
        return self.run("msiexec", *arguments, "/qn", "/l*v", windows_path(log)).returncode

    def registry_values(self, key: str) -> dict[str, str] | None:
        """The string values under ``key`` (None when there is no such key)."""
        result = self.run("reg", "query", key)
        if result.returncode != 0:
            return None
        values: dict[str, str] = {}
        for line in result.stdout.splitlines():
            match = re.match(r"\s+(\S+)\s+REG_\w+\s*(.*)$", line)
            if match:
                values[match.group(1)] = match.group(2).strip()
        return values

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def program_folder(self) -> Path:
        return self.drive_c / "Program Files" / "LKK Admin"

    def user_profile(self) -> Path:
        (home,) = [path for path in (self.drive_c / "users").iterdir() if path.name != "Public"]
        return home

    def shortcuts(self) -> list[Path]:
        """Start-menu shortcuts named LKK Admin, for all users or (as Wine puts them) the
        user's own."""
        return [
            path for path in self.drive_c.rglob("LKK Admin.lnk") if "Start Menu" in path.as_posix()
        ]


def windows_path(path: Path) -> str:
    return "Z:" + str(PurePosixPath(path)).replace("/", "\\")


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    desk = Wine(tmp_path_factory.mktemp("wine") / "prefix")
    desk.run("wineboot", "--init")
    yield desk
    subprocess.run(["wineserver", "-k"], env=desk.env, timeout=TIMEOUT_S, check=False)


def next_version(version: str) -> str:
    major, minor, build = (int(part) for part in version.split("."))
    return f"{major}.{minor}.{build + 1}"


def log_text(path: Path) -> str:
    raw = path.read_bytes()
    return raw.decode("utf-16") if raw.startswith(b"\xff\xfe") else raw.decode("latin-1")


def test_install_upgrade_refused_downgrade_and_uninstall(wine: Wine, tmp_path: Path) -> None:
    current = build_msi.msi_version(__version__)
    newer = next_version(current)
    first, second = msi_path(), tmp_path / f"lkk-admin-{newer}.msi"
    bundle = bundle_path()
    build_msi.build(
        bundle=bundle,
        output=second,
        work_dir=tmp_path / "work",
        toolset="wixl",
        version=newer,
    )
    bundled = file_digests(bundle)
    organisation_key = "HKLM\\" + MACHINE_PROFILE_REGISTRY_KEY

    def installed_product(version: str) -> dict[str, str] | None:
        code = "{" + build_msi.product_code(version) + "}"
        return wine.registry_values(f"{UNINSTALL_KEY}\\{code}")

    # A user of the desk already has their own settings and log.
    own = wine.user_profile() / "AppData" / "Roaming" / "RN-Energo" / "LKK Admin"
    own.mkdir(parents=True)
    (own / "profiles.json").write_text('{"version": 1, "profiles": []}', encoding="utf-8")
    logs = wine.user_profile() / "AppData" / "Local" / "RN-Energo" / "LKK Admin" / "Logs"
    logs.mkdir(parents=True)
    (logs / "lkk-admin.log").write_text("started\n", encoding="utf-8")

    # IT's silent install with the organisation's connection.
    settings = [f"{name}={value}" for name, value in ORGANISATION.items()]
    assert wine.msiexec("/i", windows_path(first), *settings, log=tmp_path / "1.log") == 0
    assert file_digests(wine.program_folder) == bundled
    assert wine.registry_values(organisation_key) == {
        "Host": "db.rn-energo.local",
        "Port": "6432",
        "Database": "lkk",
        "SslMode": "verify-full",
        "SslRootCert": r"C:\ProgramData\RN-Energo\root.crt",
    }
    product = installed_product(current)
    assert product is not None
    assert (product["DisplayName"], product["DisplayVersion"]) == ("LKK Admin", current)
    assert product["Publisher"] == "RN-Energo"
    assert len(wine.shortcuts()) == 1

    # The next version replaces it in place; a property given wins, the others are kept.
    upgrade = wine.msiexec("/i", windows_path(second), "DBHOST=db2.rn-energo.local",
                           log=tmp_path / "2.log")  # fmt: skip
    assert upgrade == 0
    assert installed_product(current) is None
    upgraded = installed_product(newer)
    assert upgraded is not None
    assert upgraded["DisplayVersion"] == newer
    assert file_digests(wine.program_folder) == bundled
    kept = wine.registry_values(organisation_key)
    assert kept is not None
    assert (kept["Host"], kept["Port"], kept["SslMode"]) == (
        "db2.rn-energo.local",
        "6432",
        "verify-full",
    )
    assert len(wine.shortcuts()) == 1

    # The older MSI refuses to go over the newer program: its launch condition stops it
    # before anything is changed (Windows logs and shows the condition's message; Wine's
    # log does not carry it, test_msi.py reads it from the table).
    refused = wine.msiexec("/i", windows_path(first), log=tmp_path / "3.log")
    assert refused == ERROR_INSTALL_FAILURE & 0xFF  # a Unix exit status keeps the low byte
    log = log_text(tmp_path / "3.log")
    assert f"Found application: {{{build_msi.product_code(newer)}}}" in log
    assert "LaunchConditions" in log
    assert "InstallValidate" not in log
    assert installed_product(newer) is not None
    assert installed_product(current) is None
    assert file_digests(wine.program_folder) == bundled

    # Uninstalling removes the program, the shortcut and the organisation's connection;
    # the user's own settings and log stay.
    code = "{" + build_msi.product_code(newer) + "}"
    assert wine.msiexec("/x", code, log=tmp_path / "4.log") == 0
    assert installed_product(newer) is None
    assert not wine.program_folder.exists()
    assert wine.shortcuts() == []
    assert not wine.registry_values(organisation_key)
    assert (own / "profiles.json").read_text(encoding="utf-8") == ('{"version": 1, "profiles": []}')
    assert (logs / "lkk-admin.log").read_text(encoding="utf-8") == "started\n"
