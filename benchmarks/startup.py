"""Start-up: process start → the main window shown and idle on the demo database, from
source and from the PyInstaller bundle, and ``--version``.

    python -m benchmarks.startup [--runs 7] [--bundle build/dist/lkk-admin] [--scale 0.05]

A demo database is generated once into a temporary per-user folder (data, settings and
logs of the runs go there too, never to the user's own), so generating it is not
measured. Each run starts the desk with ``--demo`` and ``LKK_ADMIN_STARTUP_PROBE=1``
(:mod:`lkk_admin.startup_probe`): the program prints a marker when its window is shown and
the first section's list has loaded, then closes the window. Two figures per run:

- wall: from just before the launcher starts the process to the marker read from its
  output (what a user waits, plus the pipe);
- ready (and shown): what the program measured from the moment the operating system
  started the process.

``--version`` is timed from the process start to its exit. Qt runs offscreen unless
``--platform`` says otherwise. From source, compiled modules are cached in the temporary
folder (``PYTHONPYCACHEPREFIX``), as any developer's machine caches them. One warm-up run
precedes each series (it writes that cache; a first start after a build reads everything
from disk); median and minimum of the rest are printed. Aim: the bundle's window ready in
≤ 1 s on this machine.

On Windows the windowed ``lkk-admin.exe`` has no standard output, so the console
``lkk-admin-cli.exe`` (the same program) is measured for the window too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MARKER = "LKK_ADMIN_STARTUP_PROBE"  # lkk_admin.startup_probe.MARKER, not imported: no Qt here
TIMEOUT_SECONDS = 120
WINDOWS = sys.platform == "win32"


@dataclass(frozen=True)
class Run:
    wall: float  # seconds, launcher's clock
    shown: float | None = None  # seconds since the process started, the program's clock
    ready: float | None = None


def isolated_environment(root: Path, platform: str) -> dict[str, str]:
    """The environment of every run: per-user folders under ``root`` (platformdirs reads
    XDG_* on Linux, LOCALAPPDATA/APPDATA on Windows), Qt on ``platform``."""
    environment = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        environment[name] = str(root / name.lower())
    environment["LOCALAPPDATA"] = str(root / "local")
    environment["APPDATA"] = str(root / "roaming")
    environment["QT_QPA_PLATFORM"] = platform
    environment.pop(MARKER, None)
    # From source, Python's compiled modules are cached (as on any developer's machine)
    # but in ``root``, not beside the sources; the warm-up run writes them.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    return environment


def prepare_demo(environment: dict[str, str], scale: float) -> Path:
    """Generate the demo database where the desk will look for it (``paths`` resolved
    under the isolated environment)."""
    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        from lkk_admin import paths
        from lkk_admin.services.connection import prepare_demo_database

        started = time.perf_counter()
        path, _created = prepare_demo_database(paths.demo_database_path(), scale=scale)
        print(f"demo database, scale {scale}: {time.perf_counter() - started:.1f} s ({path})")
        return path
    finally:
        os.environ.clear()
        os.environ.update(saved)


def start_window(command: Sequence[str], environment: dict[str, str]) -> Run:
    """One start to the marker; the process must then end by itself with code 0."""
    environment = {**environment, MARKER: "1"}
    started = time.perf_counter()
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(MARKER):
                wall = time.perf_counter() - started
                break
        else:
            line, wall = "", 0.0
        try:
            _out, errors = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, errors = process.communicate()
    if not line or "failed" in line or process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)}: {line.strip() or 'no marker'}, exit code "
            f"{process.returncode}\n{errors[-3000:]}"
        )
    figures = dict(part.split("=", 1) for part in line.split()[1:])
    return Run(wall, float(figures["shown"]), float(figures["ready"]))


def start_version(command: Sequence[str], environment: dict[str, str]) -> Run:
    started = time.perf_counter()
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if result.returncode != 0 or "lkk-admin" not in result.stdout:
        raise RuntimeError(f"{' '.join(command)}: exit code {result.returncode}\n{result.stderr}")
    return Run(wall)


def series(name: str, start: object, runs: int) -> None:
    assert callable(start)
    start()  # warm-up
    results: list[Run] = [start() for _ in range(runs)]

    def figure(values: list[float | None]) -> str:
        known = [value * 1000 for value in values if value is not None]
        if not known:
            return " " * 15
        return f"{statistics.median(known):6.0f} / {min(known):6.0f}"

    walls = figure([run.wall for run in results])
    line = f"{name:<42} wall {walls} ms"
    if results[0].ready is not None:
        shown = figure([run.shown for run in results])
        ready = figure([run.ready for run in results])
        line += f"   shown {shown} ms   ready {ready} ms"
    print(line, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=Path("build/dist/lkk-admin"))
    parser.add_argument("--scale", type=float, default=None, help="demo scale (the desk's)")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM of the runs")
    parser.add_argument("--skip-source", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="lkk-startup-") as folder:
        environment = isolated_environment(Path(folder), args.platform)
        if args.scale is None:
            from lkk_admin.services.connection import DEMO_FIRST_RUN_SCALE

            args.scale = DEMO_FIRST_RUN_SCALE
        prepare_demo(environment, args.scale)
        print(f"{args.runs} runs each (after one warm-up): median / min\n")

        source = [sys.executable, "-m", "lkk_admin"]
        suffix = ".exe" if WINDOWS else ""
        window_exe = args.bundle / (("lkk-admin-cli" if WINDOWS else "lkk-admin") + suffix)
        cli_exe = args.bundle / f"lkk-admin-cli{suffix}"
        has_bundle = window_exe.exists() and cli_exe.exists()

        print("main window shown and idle, demo database")
        if not args.skip_source:
            series(
                "  source: python -m lkk_admin --demo",
                lambda: start_window([*source, "--demo"], environment),
                args.runs,
            )
        if has_bundle:
            series(
                f"  bundle: {window_exe.name} --demo",
                lambda: start_window([str(window_exe), "--demo"], environment),
                args.runs,
            )
        print("\n--version (to the process's end)")
        series(
            "  floor: python -c pass",
            lambda: start_version([sys.executable, "-c", "print('lkk-admin')"], environment),
            args.runs,
        )
        if not args.skip_source:
            series(
                "  source: python -m lkk_admin --version",
                lambda: start_version([*source, "--version"], environment),
                args.runs,
            )
        if has_bundle:
            series(
                f"  bundle: {cli_exe.name} --version",
                lambda: start_version([str(cli_exe), "--version"], environment),
                args.runs,
            )
        if not has_bundle:
            print(f"\n(no bundle at {args.bundle}: build it with pyinstaller lkk_admin.spec)")
        print("\naim: the bundle's window ready ≤ 1000 ms")


if __name__ == "__main__":
    main()
