"""The survey builder's icons, drawn from a few lines of SVG (theme icons are missing on
Windows desks): one per question kind, the bullets of option lines, a problem mark."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

KIND_COLOURS = {
    "single": "#1d6fb8",
    "multiple": "#2e7d32",
    "text": "#6a4c93",
    "rating": "#c77700",
}
PROBLEM_COLOUR = "#c0392b"

# 24×24 drawings; {c} is the drawing's colour.
_DRAWINGS = {
    "single": (
        '<circle cx="12" cy="12" r="8.5" fill="none" stroke="{c}" stroke-width="2"/>'
        '<circle cx="12" cy="12" r="4" fill="{c}"/>'
    ),
    "multiple": (
        '<rect x="3.5" y="3.5" width="17" height="17" rx="3" fill="none" stroke="{c}"'
        ' stroke-width="2"/>'
        '<path d="M7.5 12.5l3 3 6-7" fill="none" stroke="{c}" stroke-width="2.4"'
        ' stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "text": (
        '<rect x="2.5" y="4.5" width="19" height="15" rx="2" fill="none" stroke="{c}"'
        ' stroke-width="1.8"/>'
        '<path d="M6 9.5h12M6 14.5h8" fill="none" stroke="{c}" stroke-width="1.8"'
        ' stroke-linecap="round"/>'
    ),
    "rating": (
        '<path d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4L2.8 9.5l6.4-.8z"'
        ' fill="{c}" stroke="{c}" stroke-width="1" stroke-linejoin="round"/>'
    ),
    "radio": '<circle cx="12" cy="12" r="7" fill="none" stroke="{c}" stroke-width="1.8"/>',
    "checkbox": (
        '<rect x="5" y="5" width="14" height="14" rx="2" fill="none" stroke="{c}"'
        ' stroke-width="1.8"/>'
    ),
    "problem": (
        '<path d="M12 2.5L22.5 20.5h-21z" fill="{c}" stroke="{c}" stroke-width="1"'
        ' stroke-linejoin="round"/>'
        '<path d="M12 9v5.5" stroke="#ffffff" stroke-width="2.4" stroke-linecap="round"/>'
        '<circle cx="12" cy="17.6" r="1.3" fill="#ffffff"/>'
    ),
}


@cache
def _icon(name: str, colour: str, selected_colour: str = "") -> QIcon:
    """The drawing at 16, 20 and 24 pixels (sharp at 1× and 2×); ``selected_colour``: its
    colour on a selected row, where the usual one would vanish in the highlight."""
    icon = QIcon()
    modes = [(colour, QIcon.Mode.Normal)]
    if selected_colour:
        modes.append((selected_colour, QIcon.Mode.Selected))
    for drawn_colour, mode in modes:
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">'
            + _DRAWINGS[name].replace("{c}", drawn_colour)
            + "</svg>"
        )
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        for size in (16, 20, 24):
            for scale in (1, 2):
                pixmap = QPixmap(size * scale, size * scale)
                pixmap.fill(Qt.GlobalColor.transparent)
                painter = QPainter(pixmap)
                renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
                painter.end()
                pixmap.setDevicePixelRatio(scale)
                icon.addPixmap(pixmap, mode)
    return icon


def kind_icon(kind: str) -> QIcon:
    """A question kind's mark (a radio button, a tick box, a text box, a star)."""
    return _icon(kind, KIND_COLOURS.get(kind, "#555555")) if kind in KIND_COLOURS else QIcon()


def option_bullet(kind: str) -> QIcon:
    """What an option line starts with: a circle for one choice, a square for several."""
    return _icon("checkbox" if kind == "multiple" else "radio", "#7a7a7a", "#ffffff")


def problem_icon() -> QIcon:
    return _icon("problem", PROBLEM_COLOUR)
