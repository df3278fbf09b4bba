"""The HTML of a letter, rendered as a mail client would, but inert.

A stored letter is data, not a page to visit: nothing it refers to is loaded (no remote
images, no local files a crafted ``src`` could name) and a click on a link goes nowhere.
Hovering a link says where it leads, so staff can check the links the applicant got.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget


class LetterBrowser(QTextBrowser):
    """A read-only QTextBrowser that loads no resources and follows no links."""

    link_hovered = Signal(str)  # the link's address, "" when the pointer leaves it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterHtml")
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.highlighted.connect(self._highlighted)

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt override
        del type, name
        return None  # images, style sheets, anything: never fetched

    def _highlighted(self, url: QUrl) -> None:
        self.link_hovered.emit(url.toString())
