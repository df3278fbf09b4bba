"""Render the application's icon (``lkk_admin/resources/icons/app.svg``) into the Windows
icon the executables, the Start-menu shortcut and Programs and Features show
(``lkk_admin.ico``): each size drawn from the SVG by Qt, stored as PNG in one ICO file.

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

Run it when app.svg changes and commit the result (the build uses the committed file, so
that a bundle built anywhere carries the same icon).
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "lkk_admin" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows picks from for each view and DPI


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` × ``size`` pixels, as PNG."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: Sequence[tuple[int, bytes]]) -> bytes:
    """An ICO file of PNG images (size, PNG data): the header, one directory entry per
    image (a size of 256 is written as 0), then the images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def make_icon(svg: Path, output: Path, sizes: Sequence[int] = SIZES) -> None:
    output.write_bytes(ico_bytes([(size, render_png(svg, size)) for size in sizes]))


def main() -> int:
    make_icon(ICONS / "app.svg", ICONS / "lkk_admin.ico")
    print(ICONS / "lkk_admin.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
