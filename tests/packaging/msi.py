"""Reading an MSI back with msitools, and where CI leaves the bundle and the MSI."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_ENV = "LKK_ADMIN_BUNDLE"  # the one-folder bundle (default build/dist/lkk-admin)
MSI_ENV = "LKK_ADMIN_MSI"  # the MSI built from it (default build/dist/lkk-admin-X.Y.Z.msi)


def load_build_script() -> ModuleType:
    """packaging/build_msi.py, by path: a folder named "packaging" is no importable package
    (it would hide the library of that name)."""
    path = ROOT / "packaging" / "build_msi.py"
    spec = importlib.util.spec_from_file_location("lkk_admin_build_msi", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


build_msi = load_build_script()


def bundle_path() -> Path:
    return Path(os.environ.get(BUNDLE_ENV) or ROOT / "build" / "dist" / "lkk-admin")


def msi_path() -> Path:
    version = build_msi.msi_version(build_msi.package_version())
    default = bundle_path().parent / f"lkk-admin-{version}.msi"
    return Path(os.environ.get(MSI_ENV) or default)


def why_not_built() -> str | None:
    """Why the MSI cannot be checked here (None: it can)."""
    missing = [tool for tool in ("msiinfo", "msiextract") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not installed (Debian: apt-get install msitools)"
    bundle, msi = bundle_path(), msi_path()
    if not bundle.is_dir():
        return f"no bundle at {bundle} (.ci/run builds it with PyInstaller)"
    if not msi.is_file():
        return f"no MSI at {msi} (.ci/run builds it: python packaging/build_msi.py)"
    newest = max(path.stat().st_mtime for path in bundle.rglob("*") if path.is_file())
    if msi.stat().st_mtime < newest:
        return f"{msi.name} is older than the bundle: rebuild it (python packaging/build_msi.py)"
    return None


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """The rows of one table, as ``msiinfo export`` writes them (three header lines)."""
    text = subprocess.run(
        ["msiinfo", "export", str(msi), name], check=True, capture_output=True, text=True
    ).stdout
    lines = text.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[3:]]


def properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in table(msi, "Property")}


def summary(msi: Path) -> dict[str, str]:
    text = subprocess.run(
        ["msiinfo", "suminfo", str(msi)], check=True, capture_output=True, text=True
    ).stdout
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def streams(msi: Path) -> list[str]:
    text = subprocess.run(
        ["msiinfo", "streams", str(msi)], check=True, capture_output=True, text=True
    ).stdout
    return text.splitlines()


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path there, with a digest of its content (a
    symbolic link, which a Linux bundle has and an MSI cannot, as the file it points to)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }
