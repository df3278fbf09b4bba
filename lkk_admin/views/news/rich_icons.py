"""Icons of the body editor's toolbar, drawn from a few lines of SVG in the palette's text
colour (Qt has no standard icons for lists, quotes or tables, and theme icons are missing
on Windows desks). Bold and italic are letters, set in the toolbar itself."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_STROKE = 'fill="none" stroke="{color}" stroke-width="1.8" stroke-linecap="round"'

# 24×24 drawings; {color} is the palette's text colour, {accent} a blue for what is added.
_DRAWINGS = {
    "bulleted": (
        '<circle cx="5" cy="6" r="1.8" fill="{color}"/>'
        '<circle cx="5" cy="12" r="1.8" fill="{color}"/>'
        '<circle cx="5" cy="18" r="1.8" fill="{color}"/>'
        f'<path d="M10 6h10M10 12h10M10 18h10" {_STROKE}/>'
    ),
    "numbered": (
        '<text x="1.5" y="9" font-family="sans-serif" font-size="7.5" font-weight="bold"'
        ' fill="{color}">1</text>'
        '<text x="1.5" y="20" font-family="sans-serif" font-size="7.5" font-weight="bold"'
        ' fill="{color}">2</text>'
        f'<path d="M10 6h10M10 12h7M10 17h10M10 22h7" {_STROKE}/>'
    ),
    "quote": (
        '<path d="M4 17c0-5 1.5-8 5-10M4 12h4v5H4zM13 17c0-5 1.5-8 5-10M13 12h4v5h-4z"'
        ' fill="none" stroke="{color}" stroke-width="1.8" stroke-linejoin="round"/>'
    ),
    "link": (
        '<path d="M10 14a4 4 0 0 0 5.7 0l3.1-3.1a4 4 0 0 0-5.7-5.7L11.5 6.8" {stroke}/>'
        '<path d="M14 10a4 4 0 0 0-5.7 0l-3.1 3.1a4 4 0 0 0 5.7 5.7l1.6-1.6" {stroke}/>'
    ),
    "unlink": (
        '<path d="M13.1 5.2a4 4 0 0 1 5.7 5.7L17 12.7M7 11.3l-1.8 1.8a4 4 0 0 0 5.7 5.7" {stroke}/>'
        '<path d="M4 4l16 16" fill="none" stroke="#c0392b" stroke-width="2"'
        ' stroke-linecap="round"/>'
    ),
    "table": (
        '<rect x="3" y="4" width="18" height="16" rx="1.5" {stroke}/>'
        '<path d="M3 9.5h18M3 15h18M9 4v16M15 4v16" fill="none" stroke="{color}"'
        ' stroke-width="1.3"/>'
        '<rect x="3.9" y="4.9" width="16.2" height="4" fill="{color}" opacity="0.35"/>'
    ),
    "row_add": (
        '<rect x="3" y="3" width="18" height="9" rx="1" {stroke}/>'
        '<path d="M9 3v9M15 3v9" fill="none" stroke="{color}" stroke-width="1.3"/>'
        '<path d="M12 14.5v7M8.5 18h7" fill="none" stroke="{accent}" stroke-width="2.2"'
        ' stroke-linecap="round"/>'
    ),
    "row_remove": (
        '<rect x="3" y="3" width="18" height="9" rx="1" {stroke}/>'
        '<path d="M9 3v9M15 3v9" fill="none" stroke="{color}" stroke-width="1.3"/>'
        '<path d="M8.5 18h7" fill="none" stroke="#c0392b" stroke-width="2.2"'
        ' stroke-linecap="round"/>'
    ),
    "column_add": (
        '<rect x="3" y="3" width="9" height="18" rx="1" {stroke}/>'
        '<path d="M3 9h9M3 15h9" fill="none" stroke="{color}" stroke-width="1.3"/>'
        '<path d="M18 8.5v7M14.5 12h7" fill="none" stroke="{accent}" stroke-width="2.2"'
        ' stroke-linecap="round"/>'
    ),
    "column_remove": (
        '<rect x="3" y="3" width="9" height="18" rx="1" {stroke}/>'
        '<path d="M3 9h9M3 15h9" fill="none" stroke="{color}" stroke-width="1.3"/>'
        '<path d="M14.5 12h7" fill="none" stroke="#c0392b" stroke-width="2.2"'
        ' stroke-linecap="round"/>'
    ),
    "clear": (
        '<text x="2" y="17" font-family="serif" font-size="15" font-weight="bold"'
        ' fill="{color}">T</text>'
        '<path d="M14 13l7 7M21 13l-7 7" fill="none" stroke="#c0392b" stroke-width="2"'
        ' stroke-linecap="round"/>'
    ),
}
ACCENT = "#1d6fb8"


def toolbar_icon(name: str, color: QColor, size: int = 24) -> QIcon:
    """The drawing ``name`` as an icon, sharp at 1× and 2× screens."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">'
        + _DRAWINGS[name].replace("{stroke}", _STROKE)
        + "</svg>"
    ).format(color=color.name(), accent=ACCENT)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon
