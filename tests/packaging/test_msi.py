"""The MSI CI builds, read back with msitools: the bundle's files and nothing else, where
and how they install, the upgrade rules, the shortcut, the organisation's connection."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from lkk_admin import __version__
from lkk_admin.services.profiles import MACHINE_PROFILE_REGISTRY_KEY, MACHINE_PROFILE_VALUES
from tests.packaging.msi import (
    build_msi,
    bundle_path,
    file_digests,
    msi_path,
    properties,
    streams,
    summary,
    table,
    why_not_built,
)

# Every version of LKK Admin, ever, carries this code: it is how a newer MSI finds the
# installed one to replace. Changing it would install a second copy beside the first.
UPGRADE_CODE = "F02F8534-9B7F-41F3-8E9E-75E90D076A3A"

HKLM = "2"
HKCU = "1"
COMPONENT_64BIT = 256
# The registry value each public property of the silent install fills in.
PROPERTY_OF_VALUE = {
    "Host": "DBHOST",
    "Port": "DBPORT",
    "Database": "DBNAME",
    "SslMode": "SSLMODE",
    "SslRootCert": "SSLROOTCERT",
}

reason = why_not_built()
pytestmark = pytest.mark.skipif(reason is not None, reason=reason or "")


@pytest.fixture(scope="module")
def msi() -> Path:
    return msi_path()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory, msi: Path) -> Path:
    folder = tmp_path_factory.mktemp("msi")
    subprocess.run(["msiextract", "-C", str(folder), str(msi)], check=True, capture_output=True)
    return folder


def test_the_msi_holds_every_file_of_the_bundle_and_nothing_else(extracted: Path) -> None:
    assert [path.name for path in extracted.iterdir()] == ["LKK Admin"]
    installed = file_digests(extracted / "LKK Admin")
    bundled = file_digests(bundle_path())
    assert sorted(set(bundled) - set(installed)) == []  # missing from the MSI
    assert sorted(set(installed) - set(bundled)) == []  # not the bundle's
    assert [name for name in bundled if installed[name] != bundled[name]] == []
    assert any(name in installed for name in ("lkk-admin.exe", "lkk-admin"))


def test_the_product_is_named_versioned_and_coded_for_upgrades(msi: Path) -> None:
    version = build_msi.msi_version(__version__)
    found = properties(msi)
    assert found["ProductName"] == "LKK Admin"
    assert found["Manufacturer"] == "RN-Energo"
    assert found["ProductVersion"] == version
    assert found["UpgradeCode"] == "{" + UPGRADE_CODE + "}"
    assert build_msi.upgrade_code() == UPGRADE_CODE
    assert found["ProductCode"] == "{" + build_msi.product_code(version) + "}"
    assert found["ARPPRODUCTICON"] == "LkkAdminIcon.ico"
    assert "Icon.LkkAdminIcon.ico" in streams(msi)


def test_it_installs_for_the_whole_machine_into_program_files(msi: Path) -> None:
    assert properties(msi)["ALLUSERS"] == "1"
    assert summary(msi)["Template"].startswith("x64;")
    directories = {row["Directory"]: row for row in table(msi, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLDIR"]["DefaultDir"] == "LKK Admin"
    components = table(msi, "Component")
    assert all(int(row["Attributes"]) & COMPONENT_64BIT for row in components)
    # Nothing in a user's profile: their settings, profiles, logs and keyring are theirs
    # and stay when the program is uninstalled.
    per_user = {"AppDataFolder", "LocalAppDataFolder", "PersonalFolder", "TempFolder"}
    assert per_user.isdisjoint(directories)
    assert [row for row in table(msi, "Registry") if row["Root"] in (HKCU, "-1")] == []


def test_the_start_menu_opens_the_desk_program(msi: Path) -> None:
    (shortcut,) = table(msi, "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Name"] == "LKK Admin"
    assert shortcut["Target"] == f"[#{build_msi.DESK_PROGRAM_ID}]"
    assert shortcut["WkDir"] == "INSTALLDIR"
    assert shortcut["Icon_"] == "LkkAdminIcon.ico"
    files = {row["File"]: row for row in table(msi, "File")}
    desk = files[build_msi.DESK_PROGRAM_ID]
    assert desk["FileName"] in ("lkk-admin.exe", "lkk-admin")
    components = {row["Component"]: row for row in table(msi, "Component")}
    assert components[desk["Component_"]]["Directory_"] == "INSTALLDIR"


def test_a_newer_version_replaces_this_one_and_an_older_one_is_refused(msi: Path) -> None:
    version = build_msi.msi_version(__version__)
    upgrades = {row["ActionProperty"]: row for row in table(msi, "Upgrade")}
    assert {row["UpgradeCode"] for row in upgrades.values()} == {"{" + UPGRADE_CODE + "}"}
    older = upgrades["OLDER_VERSION_FOUND"]
    assert (older["VersionMin"], older["VersionMax"]) == ("0.0.0", version)
    newer = upgrades["NEWER_VERSION_FOUND"]
    assert (newer["VersionMin"], newer["VersionMax"]) == (version, "")
    assert int(newer["Attributes"]) & 2  # only detected, never removed
    (condition,) = table(msi, "LaunchCondition")
    assert condition["Condition"] == "NOT NEWER_VERSION_FOUND"
    assert "A newer version of LKK Admin is already installed" in condition["Description"]
    # The older product goes first, whole, then this one is laid out.
    sequence = {row["Action"]: int(row["Sequence"]) for row in table(msi, "InstallExecuteSequence")}
    assert sequence["InstallValidate"] < sequence["RemoveExistingProducts"]
    assert sequence["RemoveExistingProducts"] < sequence["InstallInitialize"]


def test_the_organisations_connection_goes_where_the_program_reads_it(msi: Path) -> None:
    assert set(PROPERTY_OF_VALUE) == set(MACHINE_PROFILE_VALUES)
    written = {
        row["Name"]: row
        for row in table(msi, "Registry")
        if row["Key"] == MACHINE_PROFILE_REGISTRY_KEY
    }
    assert {name: row["Value"] for name, row in written.items()} == {
        name: f"[{prop}]" for name, prop in PROPERTY_OF_VALUE.items()
    }
    assert {row["Root"] for row in written.values()} == {HKLM}
    # The public properties pass from an elevated client to the install itself.
    secure = properties(msi)["SecureCustomProperties"].split(";")
    assert set(PROPERTY_OF_VALUE.values()) <= set(secure)
    # An upgrade without them keeps what the installed version wrote.
    located = {row["Signature_"]: row for row in table(msi, "RegLocator")}
    searched = {row["Property"]: located[row["Signature_"]] for row in table(msi, "AppSearch")}
    kept = {row["Source"]: row["Target"] for row in table(msi, "CustomAction")}
    for name, prop in PROPERTY_OF_VALUE.items():
        found = searched[f"INSTALLED_{prop}"]
        assert (found["Root"], found["Key"], found["Name"]) == (
            HKLM,
            MACHINE_PROFILE_REGISTRY_KEY,
            name,
        )
        assert int(found["Type"]) & 16  # the 64-bit view, as the program reads it
        assert kept[prop] == f"[INSTALLED_{prop}]"
    # ... read back after the registry is searched, before anything is installed.
    for sequence_table in ("InstallUISequence", "InstallExecuteSequence"):
        order = {row["Action"]: int(row["Sequence"]) for row in table(msi, sequence_table)}
        keeping = [row["Action"] for row in table(msi, "CustomAction")]
        assert len(keeping) == len(PROPERTY_OF_VALUE)
        for action in keeping:
            assert order["AppSearch"] < order[action] < order["CostInitialize"], sequence_table
