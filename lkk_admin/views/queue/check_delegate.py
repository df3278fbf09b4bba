"""Paints the "Checks" column: an icon and a count per severity, ``—`` until checked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue.request_table_model import CHECK_ROLE

ICON = 16
GAP = 4
SPACING = 10
SEVERITIES = ("error", "warning", "info")

Index = QModelIndex | QPersistentModelIndex


class CheckSummaryDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        counts = index.data(CHECK_ROLE)
        item.text = "" if counts is not None else "—"
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        if counts is None:
            return
        rect: QRect = option.rect.adjusted(6, 0, -4, 0)
        x = rect.left()
        top = rect.top() + (rect.height() - ICON) // 2
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(option.palette.highlightedText().color())
        shown = [
            (severity, count) for severity, count in zip(SEVERITIES, counts, strict=True) if count
        ]
        if not shown:
            fmt.ok_icon().paint(painter, QRect(x, top, ICON, ICON))
        metrics = painter.fontMetrics()
        for severity, count in shown:
            fmt.severity_icon(severity).paint(painter, QRect(x, top, ICON, ICON))
            x += ICON + GAP
            text = str(count)
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QRect(x, rect.top(), width, rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                text,
            )
            x += width + SPACING
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        base = super().sizeHint(option, index)
        return QSize(3 * (ICON + GAP + 14 + SPACING), max(base.height(), ICON + 6))
