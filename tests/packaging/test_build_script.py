"""packaging/build_msi.py on a small bundle of its own: versions, the names an MSI cannot
carry, the signing hook (before packing for the executables, after for the MSI), and what
it asks of WiX on Windows."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.msi import build_msi

needs_msitools = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("wixl", "msibuild", "msiinfo", "msiextract")),
    reason="msitools and wixl not installed (Debian: apt-get install wixl msitools)",
)


def small_bundle(root: Path) -> Path:
    bundle = root / "lkk-admin"
    (bundle / "_internal" / "lkk_admin").mkdir(parents=True)
    (bundle / "lkk-admin.exe").write_bytes(b"desk program")
    (bundle / "lkk-admin-cli.exe").write_bytes(b"command line")
    (bundle / "_internal" / "python311.dll").write_bytes(b"python" * 1000)
    (bundle / "_internal" / "lkk_admin" / "__init__.py").write_text("")
    return bundle


def test_the_msi_version_is_the_release_in_three_numbers() -> None:
    assert build_msi.msi_version("0.1.0") == "0.1.0"
    assert build_msi.msi_version("1.2") == "1.2.0"
    for unfit in ("0.2.0rc1", "1.0.0.dev3", "256.0.0", "1.2.3.4"):
        with pytest.raises(build_msi.BuildError):
            build_msi.msi_version(unfit)


def test_one_product_code_per_version_under_the_one_upgrade_code() -> None:
    assert build_msi.product_code("0.1.0") == build_msi.product_code("0.1.0")
    assert build_msi.product_code("0.1.0") != build_msi.product_code("0.1.1")
    assert build_msi.upgrade_code() == "F02F8534-9B7F-41F3-8E9E-75E90D076A3A"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("_internal/отчёт.txt", "non-ASCII"),
        ("_internal/Python311.DLL", "the same file on Windows"),
    ],
)
def test_names_an_msi_cannot_carry_are_refused(tmp_path: Path, extra: str, said: str) -> None:
    bundle = small_bundle(tmp_path)
    (bundle / extra).write_text("x")
    with pytest.raises(build_msi.BuildError, match=said):
        build_msi.bundle_files(bundle)


def test_a_bundle_without_the_desk_program_is_refused(tmp_path: Path) -> None:
    bundle = small_bundle(tmp_path)
    (bundle / "lkk-admin.exe").unlink()
    with pytest.raises(build_msi.BuildError, match=r"has no lkk-admin\.exe"):
        build_msi.bundle_files(bundle)


def signer(log: Path) -> str:
    """A signing command that records each file and marks an executable as signed."""
    code = (
        "import sys; path = sys.argv[1]; "
        f"open({str(log)!r}, 'a').write(path + '\\n'); "
        "path.endswith('.exe') and open(path, 'ab').write(b' signed')"
    )
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(code)} {{file}}"


@needs_msitools
def test_signing_comes_before_packing_for_the_executables_and_after_for_the_msi(
    tmp_path: Path,
) -> None:
    bundle = small_bundle(tmp_path)
    log = tmp_path / "signed.txt"
    msi = build_msi.build(
        bundle=bundle,
        output=tmp_path / "out" / "lkk-admin.msi",
        work_dir=tmp_path / "work",
        toolset="wixl",
        sign_command=signer(log),
    )
    assert log.read_text(encoding="utf-8").splitlines() == [
        str(bundle / "lkk-admin-cli.exe"),
        str(bundle / "lkk-admin.exe"),
        str(msi),
    ]
    extracted = tmp_path / "extracted"
    extracted.mkdir()
    subprocess.run(["msiextract", "-C", str(extracted), str(msi)], check=True, capture_output=True)
    assert (extracted / "LKK Admin" / "lkk-admin.exe").read_bytes() == b"desk program signed"
    assert (extracted / "LKK Admin" / "_internal" / "python311.dll").read_bytes() == (
        b"python" * 1000
    )


@needs_msitools
def test_a_failed_signing_stops_the_build(tmp_path: Path) -> None:
    bundle = small_bundle(tmp_path)
    output = tmp_path / "lkk-admin.msi"
    with pytest.raises(build_msi.BuildError, match=r"signing lkk-admin-cli\.exe failed"):
        build_msi.build(
            bundle=bundle,
            output=output,
            work_dir=tmp_path / "work",
            toolset="wixl",
            sign_command=f"{shlex.quote(sys.executable)} -c 'raise SystemExit(2)' {{file}}",
        )
    assert not output.exists()


def recording_tool(folder: Path, name: str, log: Path) -> None:
    """A stand-in for candle or light that writes down its arguments (and, as light, the
    MSI it was asked for): what the Windows workflow's real ones are given."""
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, pathlib, sys\n"
        f"log = pathlib.Path({str(log)!r})\n"
        "calls = json.loads(log.read_text()) if log.exists() else []\n"
        "log.write_text(json.dumps(calls + [sys.argv[1:]]))\n"
        "if '-out' in sys.argv and sys.argv[-1].endswith('.wixobj'):\n"
        "    pathlib.Path(sys.argv[sys.argv.index('-out') + 1]).write_bytes(b'msi')\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.mark.skipif(os.name == "nt", reason="the stand-ins are POSIX scripts")
def test_what_wix_is_asked_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools, log = tmp_path / "tools", tmp_path / "calls.json"
    tools.mkdir()
    for name in ("candle", "light"):
        recording_tool(tools, name, log)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    bundle = small_bundle(tmp_path)
    output = tmp_path / "lkk-admin-0.3.0.msi"

    build_msi.build(
        bundle=bundle, output=output, work_dir=tmp_path / "work", toolset="wix3", version="0.3.0"
    )

    candle, light = json.loads(log.read_text())
    objects = f"{tmp_path / 'work' / 'obj'}{os.sep}"
    assert candle[:5] == ["-nologo", "-arch", "x64", "-out", objects]
    assert "-dProductVersion=0.3.0" in candle
    assert f"-dProductCode={build_msi.product_code('0.3.0')}" in candle
    assert f"-dIconFile={build_msi.ICON}" in candle  # WiX takes absolute paths
    assert candle[-2:] == [str(build_msi.PRODUCT_WXS), str(tmp_path / "work" / "bundle_files.wxs")]
    fragment = (tmp_path / "work" / "bundle_files.wxs").read_text(encoding="utf-8")
    assert f'Source="{bundle / "lkk-admin.exe"}"' in fragment
    assert light[light.index("-out") + 1] == str(output)
    assert "-dcl:high" in light
    assert light[-2:] == [f"{objects}lkk_admin.wixobj", f"{objects}bundle_files.wixobj"]
