"""Build LKK Admin's MSI from the one-folder PyInstaller bundle.

    python packaging/build_msi.py        # build/dist/lkk-admin → build/dist/lkk-admin-X.Y.Z.msi
    python packaging/build_msi.py --sign-command "signtool sign /fd SHA256 /a {file}"

The product is described once, in ``packaging/lkk_admin.wxs``; this script adds the bundle's
file list (``bundle_files.wxs``: a component per file, ids derived from the path so that they
stay the same from one build to the next) and compiles both:

* on Linux with ``wixl`` (Debian's msitools), which builds the MSI CI checks;
* on Windows with the WiX Toolset v3 (``candle`` and ``light``, found on PATH or under %WIX%).

Signing: ``--sign-command`` (or the ``LKK_ADMIN_SIGN_COMMAND`` environment variable) is a
shell command with ``{file}`` where the file goes; it is run on each executable of the bundle
before packaging and on the MSI afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_WXS = ROOT / "packaging" / "lkk_admin.wxs"
ICON = ROOT / "lkk_admin" / "resources" / "icons" / "lkk_admin.ico"
DEFAULT_BUNDLE = ROOT / "build" / "dist" / "lkk-admin"
DEFAULT_WORK_DIR = ROOT / "build" / "msi"
SIGN_COMMAND_ENV = "LKK_ADMIN_SIGN_COMMAND"

# The desk program: the Start-menu shortcut points at this file id ([#LkkAdminExe]).
DESK_PROGRAM_ID = "LkkAdminExe"
DESK_PROGRAM_NAMES = ("lkk-admin.exe", "lkk-admin")  # Windows bundle, Linux bundle (CI)

# The organisation's connection is given as these public properties; wixl cannot mark a
# property secure, so its MSI gets them added to SecureCustomProperties afterwards (without
# it, an elevated install from a user's session would drop them on the way to the server).
CONNECTION_PROPERTIES = ("DBHOST", "DBPORT", "DBNAME", "SSLMODE", "SSLROOTCERT")


class BuildError(Exception):
    """Why the MSI cannot be built, said plainly."""


# --- versions and codes ------------------------------------------------------------------------


def package_version() -> str:
    """``lkk_admin.__version__``, read from the source (no import: the build may run from a
    checkout whose dependencies are not installed)."""
    text = (ROOT / "lkk_admin" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise BuildError("lkk_admin/__init__.py has no __version__")
    return match.group(1)


def msi_version(version: str) -> str:
    """The MSI ProductVersion for a package version: major.minor.build, numbers only.

    Windows Installer compares only these three fields, so a pre-release or local version
    would be the same product as its release: refused rather than guessed."""
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.(\d+))?", version)
    if match is None:
        raise BuildError(
            f"version {version!r} is not a release version (major.minor[.build]); "
            "an MSI carries only numbers"
        )
    major, minor, build = (int(part or 0) for part in match.groups())
    if major > 255 or minor > 255 or build > 65535:
        raise BuildError(f"version {version!r} is out of the MSI range (255.255.65535)")
    return f"{major}.{minor}.{build}"


def upgrade_code() -> str:
    """The UpgradeCode written in the product source: the same for every version, ever."""
    text = PRODUCT_WXS.read_text(encoding="utf-8")
    match = re.search(r'UpgradeCode="([0-9a-fA-F-]{36})"', text)
    if match is None:
        raise BuildError(f"{PRODUCT_WXS.name} has no UpgradeCode")
    return match.group(1).upper()


def product_code(version: str) -> str:
    """One ProductCode per version (derived, not random): the same version built twice is
    one product, which Windows Installer says is already installed instead of adding a
    second copy beside it."""
    return str(uuid.uuid5(uuid.UUID(upgrade_code()), f"LKK Admin {version}")).upper()


# --- the bundle's file list --------------------------------------------------------------------


@dataclass(frozen=True)
class BundleFile:
    relative: PurePosixPath
    source: Path


def bundle_files(bundle: Path) -> list[BundleFile]:
    """Every file of the bundle, in a stable order; names the MSI cannot carry refused."""
    if not bundle.is_dir():
        raise BuildError(f"no bundle at {bundle} (build it with PyInstaller first)")
    files = sorted(
        (
            BundleFile(PurePosixPath(path.relative_to(bundle).as_posix()), path)
            for path in bundle.rglob("*")
            if path.is_file()
        ),
        key=lambda item: item.relative.as_posix(),
    )
    if not files:
        raise BuildError(f"the bundle at {bundle} is empty")
    seen: dict[str, PurePosixPath] = {}
    for item in files:
        name = item.relative.as_posix()
        if not name.isascii():
            raise BuildError(f"{name}: wixl cannot store a non-ASCII file name")
        other = seen.setdefault(name.casefold(), item.relative)
        if other != item.relative:
            raise BuildError(f"{name} and {other} are the same file on Windows")
    if not any(item.relative.as_posix() in DESK_PROGRAM_NAMES for item in files):
        raise BuildError(f"the bundle at {bundle} has no {' or '.join(DESK_PROGRAM_NAMES)}")
    return files


def _element_id(prefix: str, relative: PurePosixPath) -> str:
    digest = hashlib.sha1(relative.as_posix().encode("utf-8"), usedforsecurity=False)
    return f"{prefix}_{digest.hexdigest()[:24]}"


def source_path(path: Path, relative_to: Path | None) -> str:
    """A source as the compiler is given it: wixl finds files only by relative paths (from
    the folder it runs in), WiX takes absolute ones."""
    return os.path.relpath(path, relative_to) if relative_to is not None else str(path)


def files_fragment(files: Sequence[BundleFile], relative_to: Path | None = None) -> str:
    """The WiX fragment that lays the files out under INSTALLDIR (ComponentGroup BundleFiles).

    A component per file, its GUID computed by the compiler from the target path ("*"):
    the same file keeps its component from one version to the next."""
    tree: dict[PurePosixPath, list[BundleFile]] = {}
    for item in files:
        tree.setdefault(item.relative.parent, []).append(item)
    folders = sorted(
        {parent for item in files for parent in item.relative.parents if parent.name},
        key=lambda path: path.as_posix(),
    )
    components: list[str] = []
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated by packaging/build_msi.py from the bundle; not edited by hand. -->",
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        "  <Fragment>",
        '    <DirectoryRef Id="INSTALLDIR">',
    ]

    def write_folder(folder: PurePosixPath, depth: int) -> None:
        indent = "  " * depth
        for item in tree.get(folder, []):
            component = _element_id("cmp", item.relative)
            is_desk = item.relative.as_posix() in DESK_PROGRAM_NAMES
            file_id = DESK_PROGRAM_ID if is_desk else _element_id("fil", item.relative)
            components.append(component)
            lines.append(f'{indent}<Component Id="{component}" Guid="*" Win64="yes">')
            lines.append(
                f'{indent}  <File Id="{file_id}" Name={quoteattr(item.relative.name)} '
                f'Source={quoteattr(source_path(item.source, relative_to))} KeyPath="yes"/>'
            )
            lines.append(f"{indent}</Component>")
        for child in folders:
            if child.parent == folder:
                lines.append(
                    f'{indent}<Directory Id="{_element_id("dir", child)}" '
                    f"Name={quoteattr(child.name)}>"
                )
                write_folder(child, depth + 1)
                lines.append(f"{indent}</Directory>")

    write_folder(PurePosixPath("."), 3)
    lines += ["    </DirectoryRef>", '    <ComponentGroup Id="BundleFiles">']
    lines += [f'      <ComponentRef Id="{component}"/>' for component in components]
    lines += ["    </ComponentGroup>", "  </Fragment>", "</Wix>", ""]
    return "\n".join(lines)


# --- compiling -----------------------------------------------------------------------------


def _variables(version: str, relative_to: Path | None) -> dict[str, str]:
    return {
        "ProductVersion": version,
        "ProductCode": product_code(version),
        "IconFile": source_path(ICON, relative_to),
    }


# wixl warns of each attribute it does not know; these are WiX's and expected.
KNOWN_WIXL_WARNINGS = ("has no property named 'Secure'",)


def _run(command: Sequence[str | Path], cwd: Path | None = None) -> None:
    printable = " ".join(shlex.quote(str(part)) for part in command)
    print(f"$ {printable}", flush=True)
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, check=False, stderr=subprocess.PIPE, text=True
    )
    for line in result.stderr.splitlines():
        if line.strip() and not any(known in line for known in KNOWN_WIXL_WARNINGS):
            print(line, file=sys.stderr)
    if result.returncode != 0:
        raise BuildError(f"{Path(str(command[0])).name} failed with exit code {result.returncode}")


def build_with_wixl(fragment: Path, output: Path, version: str) -> None:
    """Run in the fragment's folder: the fragment's sources are relative to it."""
    wixl = shutil.which("wixl")
    if wixl is None:
        raise BuildError("wixl is not installed (Debian: apt-get install wixl msitools)")
    command: list[str | Path] = [wixl, "--arch", "x64", "-o", output]
    for name, value in _variables(version, fragment.parent).items():
        command += ["-D", f"{name}={value}"]
    _run([*command, PRODUCT_WXS, fragment], cwd=fragment.parent)
    _add_secure_properties(output)


def _add_secure_properties(msi: Path) -> None:
    """What Property/@Secure does under WiX: wixl ignores it (with a warning)."""
    msibuild = shutil.which("msibuild")
    if msibuild is None:
        raise BuildError("msibuild is not installed (Debian: apt-get install msitools)")
    listed = subprocess.run(
        ["msiinfo", "export", str(msi), "Property"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    current = next(
        (
            line.split("\t", 1)[1]
            for line in listed.splitlines()
            if line.startswith("SecureCustomProperties\t")
        ),
        "",
    )
    names = [name for name in current.split(";") if name]
    names += [name for name in CONNECTION_PROPERTIES if name not in names]
    value = ";".join(names)
    query = (
        f"UPDATE `Property` SET `Value` = '{value}' WHERE `Property` = 'SecureCustomProperties'"
        if current
        else f"INSERT INTO `Property` (`Property`, `Value`) "
        f"VALUES ('SecureCustomProperties', '{value}')"
    )
    _run([msibuild, msi, "-q", query])


def _wix3_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None and os.environ.get("WIX"):
        candidate = Path(os.environ["WIX"]) / "bin" / f"{name}.exe"
        found = str(candidate) if candidate.exists() else None
    if found is None:
        raise BuildError(f"{name}.exe (WiX Toolset v3) not found on PATH or under %WIX%\\bin")
    return found


def build_with_wix3(fragment: Path, output: Path, version: str, work_dir: Path) -> None:
    candle, light = _wix3_tool("candle"), _wix3_tool("light")
    objects = work_dir / "obj"
    objects.mkdir(parents=True, exist_ok=True)
    command: list[str | Path] = [candle, "-nologo", "-arch", "x64", "-out", f"{objects}{os.sep}"]
    command += [f"-d{name}={value}" for name, value in _variables(version, None).items()]
    _run([*command, PRODUCT_WXS, fragment])
    wixobjs = [objects / f"{source.stem}.wixobj" for source in (PRODUCT_WXS, fragment)]
    # ICE38/ICE43/ICE57 assume the Start menu is the user's own: here it is all users'
    # (a per-machine package), and the shortcut's key path is rightly in HKLM.
    suppressed = ["-sice:ICE38", "-sice:ICE43", "-sice:ICE57"]
    # LZX ("high") packs the DLLs tighter than the default MSZIP (all wixl can do).
    compression = "-dcl:high"
    _run([light, "-nologo", "-spdb", compression, *suppressed, "-out", output, *wixobjs])


# --- signing -------------------------------------------------------------------------------


def sign(command_template: str, file: Path) -> None:
    """Run the organisation's signing command on ``file`` (``{file}`` in the template)."""
    if "{file}" not in command_template:
        raise BuildError("the signing command must say where the file goes: {file}")
    quoted = f'"{file}"' if os.name == "nt" else shlex.quote(str(file))
    command = command_template.replace("{file}", quoted)
    print(f"$ {command}", flush=True)
    if subprocess.run(command, shell=True, check=False).returncode != 0:
        raise BuildError(f"signing {file.name} failed")


def bundle_executables(bundle: Path) -> list[Path]:
    """The program's own executables (the libraries inside are their makers' to sign)."""
    return sorted(path for path in bundle.glob("*.exe") if path.is_file())


# --- the whole build -----------------------------------------------------------------------


def build(
    *,
    bundle: Path,
    output: Path | None,
    work_dir: Path,
    toolset: str,
    version: str | None = None,
    sign_command: str | None = None,
) -> Path:
    version = msi_version(version or package_version())
    output = output or bundle.parent / f"lkk-admin-{version}.msi"
    files = bundle_files(bundle)
    if sign_command:
        for executable in bundle_executables(bundle):
            sign(sign_command, executable)

    work_dir.mkdir(parents=True, exist_ok=True)
    fragment = work_dir / "bundle_files.wxs"
    relative_to = work_dir if toolset == "wixl" else None
    fragment.write_text(files_fragment(files, relative_to), encoding="utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)
    if toolset == "wixl":
        build_with_wixl(fragment, output, version)
    else:
        build_with_wix3(fragment, output, version, work_dir)
    if sign_command:
        sign(sign_command, output)
    size = output.stat().st_size
    print(f"{output}: {size / 1_000_000:.1f} MB, {len(files)} files, version {version}")
    return output


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="one-folder bundle")
    parser.add_argument(
        "--output", type=Path, help="the MSI (default: next to the bundle, lkk-admin-X.Y.Z.msi)"
    )
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    parser.add_argument(
        "--toolset",
        choices=("wixl", "wix3"),
        default="wix3" if os.name == "nt" else "wixl",
        help="wixl (msitools) or WiX v3 candle/light (default: by the platform)",
    )
    parser.add_argument(
        "--product-version",
        help="the MSI version instead of the package's (for upgrade tests)",
    )
    parser.add_argument(
        "--sign-command",
        default=os.environ.get(SIGN_COMMAND_ENV) or None,
        help=f"shell command run on each .exe and on the MSI, {{file}} replaced by the path "
        f"(default: ${SIGN_COMMAND_ENV})",
    )
    args = parser.parse_args(argv)
    try:
        build(
            bundle=args.bundle.resolve(),
            output=args.output.resolve() if args.output else None,
            work_dir=args.work_dir.resolve(),
            toolset=args.toolset,
            version=args.product_version,
            sign_command=args.sign_command,
        )
    except BuildError as error:
        print(f"build_msi: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
