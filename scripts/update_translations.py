"""Regenerate the Russian translation of the interface.

The interface is written with English source strings (``self.tr()``,
``QCoreApplication.translate()``, ``QT_TRANSLATE_NOOP``); Russian lives in
``lkk_admin/resources/i18n/lkk_admin_ru.ts`` and is compiled to ``lkk_admin_ru.qm``
(both are committed; the application loads the ``.qm``). This script runs the two
commands::

    pyside6-lupdate lkk_admin/app.py lkk_admin/views/*.py \\
        -ts lkk_admin/resources/i18n/lkk_admin_ru.ts -no-obsolete -locations relative
    pyside6-lrelease lkk_admin/resources/i18n/lkk_admin_ru.ts \\
        -qm lkk_admin/resources/i18n/lkk_admin_ru.qm

After changing strings: run it, translate the messages it lists as unfinished (in
``pyside6-linguist`` or any editor: fill ``<translation>`` and drop
``type="unfinished"``), run it again. ``--check`` only reports and exits 1 when a
translation is missing (the test suite checks the same).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "lkk_admin" / "resources" / "i18n" / "lkk_admin_ru.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[Path]:
    return [ROOT / "lkk_admin" / "app.py", *sorted((ROOT / "lkk_admin" / "views").rglob("*.py"))]


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def lupdate(ts: Path = TS) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *(str(path) for path in sources()),
            "-ts",
            str(ts),
            "-no-obsolete",
            "-locations",
            "relative",
        ],
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def untranslated(ts: Path = TS) -> list[str]:
    """Source strings without a finished, non-empty translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(source)
            continue
        # A plural message keeps its text in <numerusform>s (three in Russian), not inline.
        forms = translation.findall("numerusform") if message.get("numerus") == "yes" else []
        texts = [form.text or "" for form in forms] or [translation.text or ""]
        if not all(text.strip() for text in texts):
            missing.append(source)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    args = parser.parse_args()
    if not args.check:
        lupdate()
    missing = untranslated()
    for source in missing:
        print(f"untranslated: {source!r}")
    if missing:
        print(f"{len(missing)} message(s) need a Russian translation in {TS.relative_to(ROOT)}")
        return 1
    if not args.check:
        lrelease()
        print(f"{QM.relative_to(ROOT)} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
