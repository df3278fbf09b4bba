"""The body editor's two small questions: a link (its text and address) and a new table
(rows × columns). Both are opened window-modal with ``open()`` and answer through
``accepted``, so the editor never blocks in a nested event loop."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.views.news.rich_html import allowed_href

ERROR_STYLE = (
    "QLabel { background: #fdecea; border: 1px solid #e59a92; color: #7a1a12; "
    "border-radius: 3px; padding: 6px; }"
)
MAX_TABLE_ROWS = 50
MAX_TABLE_COLUMNS = 10
BARE_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)*\.[^\W\d_]{2,}(/|$)")  # rn-energo.ru/news


def completed_address(typed: str) -> str:
    """What a user means by a bare ``www.…``, ``host.ru/…`` or ``name@host``; anything else
    as typed."""
    address = typed.strip()
    lowered = address.lower()
    if ":" in address:
        return address
    if "@" in address and "/" not in address:
        return "mailto:" + address
    if lowered.startswith("www.") or BARE_DOMAIN.match(lowered):
        return "https://" + address
    return address


class LinkDialog(QDialog):
    """Asks the text and the address of a link; only http(s) and mailto are accepted."""

    def __init__(
        self, text: str, address: str, *, text_editable: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle(self.tr("Link"))
        self.error = QLabel()
        self.error.setObjectName("linkError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.text_field = QLineEdit(text)
        self.text_field.setObjectName("linkText")
        self.text_field.setEnabled(text_editable)
        self.text_field.setPlaceholderText(self.tr("The address itself, if left empty"))
        self.address_field = QLineEdit(address)
        self.address_field.setObjectName("linkAddress")
        self.address_field.setPlaceholderText("https://")
        self.address_field.textEdited.connect(lambda _text: self.error.hide())
        hint = QLabel(
            self.tr(
                "Links open in a new tab on the portal. Web addresses (http://, https://) "
                "and e-mail addresses (mailto:) only."
            )
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Text:"), self.text_field)
        form.addRow(self.tr("&Address:"), self.address_field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        (self.address_field if text or not text_editable else self.text_field).setFocus()

    def link_text(self) -> str:
        return self.text_field.text().strip()

    def href(self) -> str | None:
        """The address to link to, or None when the portal does not accept it."""
        return allowed_href(completed_address(self.address_field.text()))

    def accept(self) -> None:
        if not self.address_field.text().strip():
            self._refuse(self.tr("Type the address the link leads to."))
            return
        if self.href() is None:
            self._refuse(
                self.tr(
                    "The portal does not accept this address. A link must start with "
                    "http:// or https:// (a web page) or mailto: (an e-mail address)."
                )
            )
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        layout = self.layout()
        if layout is not None:  # room for the message, the width kept
            layout.activate()
            self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))
        self.address_field.setFocus()
        self.address_field.selectAll()


class TableDialog(QDialog):
    """Asks the size of a new table; its first row is the header."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableDialog")
        self.setWindowTitle(self.tr("Insert table"))
        self.rows = QSpinBox()
        self.rows.setObjectName("tableRows")
        self.rows.setRange(2, MAX_TABLE_ROWS)
        self.rows.setValue(3)
        self.columns = QSpinBox()
        self.columns.setObjectName("tableColumns")
        self.columns.setRange(1, MAX_TABLE_COLUMNS)
        self.columns.setValue(3)
        form = QFormLayout()
        form.addRow(self.tr("&Rows (with the header):"), self.rows)
        form.addRow(self.tr("&Columns:"), self.columns)
        note = QLabel(self.tr("The first row is the table's header."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(340)
        self.rows.setFocus()
