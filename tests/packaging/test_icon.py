"""The Windows icon is the application's SVG icon, drawn at every size Windows picks from
(packaging/make_icon.py made it; run it again when app.svg changes)."""

from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from lkk_admin import paths
from tests.packaging.msi import ROOT


def load_make_icon() -> ModuleType:
    path = ROOT / "packaging" / "make_icon.py"
    spec = importlib.util.spec_from_file_location("lkk_admin_make_icon", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_icon = load_make_icon()


def ico_images(path: Path) -> dict[int, QImage]:
    """The images of an ICO file by their size."""
    data = path.read_bytes()
    _reserved, kind, count = struct.unpack_from("<HHH", data)
    assert kind == 1  # an icon, not a cursor
    images: dict[int, QImage] = {}
    for index in range(count):
        width, _h, _c, _r, _p, _b, size, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        image = QImage.fromData(data[offset : offset + size])
        assert not image.isNull()
        images[width or 256] = image.convertToFormat(QImage.Format.Format_ARGB32)
    return images


def mean_difference(first: QImage, second: QImage) -> float:
    assert first.size() == second.size()
    a, b = first.constBits(), second.constBits()
    total = sum(abs(x - y) for x, y in zip(bytes(a), bytes(b), strict=True))
    return total / (first.width() * first.height() * 4)


def test_the_committed_icon_is_the_svg_at_every_size(qapp: QApplication, tmp_path: Path) -> None:
    drawn = tmp_path / "drawn.ico"
    make_icon.make_icon(paths.resource_path("icons", "app.svg"), drawn)
    committed = ico_images(paths.resource_path("icons", "lkk_admin.ico"))
    fresh = ico_images(drawn)
    assert sorted(committed) == sorted(fresh) == [16, 24, 32, 48, 64, 128, 256]
    for size, image in fresh.items():
        assert image.width() == image.height() == size
        # Qt's antialiasing may differ by a shade between versions; a changed SVG does more.
        assert mean_difference(image, committed[size]) < 2, size
