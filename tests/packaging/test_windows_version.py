"""The executables' Windows version resource, as the version file lkk_admin.spec hands to
PyInstaller says it (the Windows workflow reads it back from the built .exe files)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lkk_admin import __version__
from tests.packaging.msi import ROOT


def load_windows_version() -> ModuleType:
    path = ROOT / "packaging" / "windows_version.py"
    spec = importlib.util.spec_from_file_location("lkk_admin_windows_version", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


windows_version = load_windows_version()


def read_version_file(path: Path) -> dict[str, Any]:
    """Evaluate the file as PyInstaller does (``eval`` of its text), with constructors that
    take the same arguments as PyInstaller's classes and keep what they were given."""

    def record(kind: str) -> Any:
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable")
    namespace = {name: record(name) for name in names}
    namespace |= {"StringStruct": lambda name, value: (name, value)}
    namespace |= {"VarFileInfo": record("VarFileInfo"), "VarStruct": record("VarStruct")}
    text = path.read_text(encoding="utf-8")
    info: dict[str, Any] = eval(text, {"__builtins__": {}}, namespace)
    return info


@pytest.mark.parametrize(
    ("executable", "description"),
    [
        ("lkk-admin", "LKK Admin — бэк-офис личного кабинета клиента"),
        ("lkk-admin-cli", "LKK Admin — командная строка для ИТ"),
    ],
)
def test_each_executable_says_what_it_is_whose_and_which_version(
    tmp_path: Path, executable: str, description: str
) -> None:
    files = windows_version.write_version_files(tmp_path, __version__)
    assert set(files) == {"lkk-admin", "lkk-admin-cli"}
    info = read_version_file(files[executable])

    assert info["kind"] == "VSVersionInfo"
    numbers = (*(int(part) for part in __version__.split(".")[:3]), 0)
    assert info["ffi"]["filevers"] == info["ffi"]["prodvers"] == numbers
    assert info["ffi"]["fileType"] == 0x1  # an application
    string_file_info, var_file_info = info["kids"]
    (table,) = string_file_info["args"][0]
    language, strings = table["args"]
    assert language == "041904B0"  # Russian, Unicode
    assert dict(strings) == {
        "CompanyName": "ООО «РН-Энерго»",
        "FileDescription": description,
        "FileVersion": __version__,
        "InternalName": executable,
        "LegalCopyright": "© ООО «РН-Энерго»",
        "OriginalFilename": f"{executable}.exe",
        "ProductName": "LKK Admin",
        "ProductVersion": __version__,
    }
    (translation,) = var_file_info["args"][0]
    assert translation["args"] == ("Translation", [0x0419, 1200])


def test_a_pre_release_carries_its_release_numbers() -> None:
    assert windows_version.version_numbers("0.2.0rc1") == (0, 2, 0, 0)
    assert windows_version.version_numbers("1.4") == (1, 4, 0, 0)
