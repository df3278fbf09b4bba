"""A list model whose rows an editor reorders: by keys (``move``), by dragging in its view
(``QListView`` in InternalMove mode calls ``moveRows``) and by a drop of its own MIME data
(row numbers), all through one ``moveRows``, so that the view's selection and current row
follow the moved row. Rows are never removed by a drop: a move is the only thing a drop
does, and nothing at all while the structure is locked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex

_NO_PARENT = QModelIndex()


class MovableRowsModel(QAbstractListModel, Generic[Row]):
    """``rows`` is the list shown; subclasses give ``data`` and the MIME type."""

    mime_type: ClassVar[str] = "application/x-lkk-admin-rows"

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.structure_editable = True

    # --- the rows -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def insert(self, row: int, item: Row) -> None:
        row = max(0, min(row, len(self.rows)))
        self.beginInsertRows(_NO_PARENT, row, row)
        self.rows.insert(row, item)
        self.endInsertRows()

    def remove(self, row: int) -> Row:
        self.beginRemoveRows(_NO_PARENT, row, row)
        item = self.rows.pop(row)
        self.endRemoveRows()
        return item

    def move(self, row: int, to_row: int) -> bool:
        """Put row ``row`` at position ``to_row`` (both in the current order)."""
        if not (0 <= row < len(self.rows) and 0 <= to_row < len(self.rows)) or row == to_row:
            return False
        return self.moveRows(_NO_PARENT, row, 1, _NO_PARENT, to_row + 1 if to_row > row else to_row)

    def refresh(self, row: int | None = None) -> None:
        if not self.rows:
            return
        first, last = (0, len(self.rows) - 1) if row is None else (row, row)
        self.dataChanged.emit(self.index(first), self.index(last))

    # --- moving (keys, drag and drop) -------------------------------------------------------

    def moveRows(  # noqa: N802 - Qt override
        self,
        source_parent: AnyIndex,
        source_row: int,
        count: int,
        destination_parent: AnyIndex,
        destination_child: int,
    ) -> bool:
        """Qt's meaning: rows ``source_row…+count`` go before ``destination_child`` (a
        row number counted before the move)."""
        last = source_row + count - 1
        if (
            not self.structure_editable
            or source_parent.isValid()
            or destination_parent.isValid()
            or count < 1
            or source_row < 0
            or last >= len(self.rows)
            or not 0 <= destination_child <= len(self.rows)
            or source_row <= destination_child <= last + 1  # onto itself
        ):
            return False
        if not self.beginMoveRows(_NO_PARENT, source_row, last, _NO_PARENT, destination_child):
            return False
        moving = self.rows[source_row : last + 1]
        del self.rows[source_row : last + 1]
        at = destination_child if destination_child < source_row else destination_child - count
        self.rows[at:at] = moving
        self.endMoveRows()
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows, never onto one.
            return Qt.ItemFlag.ItemIsDropEnabled if self.structure_editable else Qt.ItemFlag(0)
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.structure_editable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [self.mime_type]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt override
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data.setData(self.mime_type, QByteArray(",".join(map(str, rows)).encode("ascii")))
        return data

    def dropMimeData(  # noqa: N802 - Qt override
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        """A drop of this model's rows before ``row`` (-1: onto ``parent`` or past the end):
        the rows move there, keeping their order."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if action != Qt.DropAction.MoveAction or not self.structure_editable:
            return False
        if not data.hasFormat(self.mime_type):
            return False
        try:
            dragged = [int(part) for part in bytes(data.data(self.mime_type).data()).split(b",")]
        except ValueError:
            return False
        if not dragged or any(not 0 <= number < len(self.rows) for number in dragged):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rows)
        items = [self.rows[number] for number in dragged]
        moved = False
        target = row
        for item in items:
            current = next(i for i, present in enumerate(self.rows) if present is item)
            if self.moveRows(_NO_PARENT, current, 1, _NO_PARENT, target):
                moved = True
            position = next(i for i, present in enumerate(self.rows) if present is item)
            target = position + 1
        return moved
