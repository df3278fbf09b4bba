"""A section's commands as ``QAction``s whose keys belong to it only while it is shown.

The same actions are a section's buttons, the entries of its menu in the main window and
its keyboard shortcuts. The keys every section may want for itself (Ctrl+F, F5, Ctrl+S)
are attached while the section is shown and detached when it is hidden, so a key fires
one action of the window at a time.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def plain(text: str) -> str:
    """Menu text without its mnemonic ampersands."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_text(sequence: QKeySequence) -> str:
    """A shortcut as the keyboard labels it: «Ctrl+Enter», never Qt's «Ctrl+Return» (the
    main Enter key is Qt's Key_Return; Russian Qt leaves the name untranslated)."""
    parts = sequence.toString(QKeySequence.SequenceFormat.NativeText).split("+")
    return "+".join("Enter" if part == "Return" else part for part in parts)


def enter_first(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys with the keypad's «Ctrl+Enter» before «Ctrl+Return»: a menu shows the
    first one, and both Enter keys still work."""
    return tuple(sorted(keys, key=lambda key: "Return" in key))


class SectionActions(QObject):
    """Creates actions on ``owner`` (so their shortcuts work in its window)."""

    def __init__(self, owner: QWidget, shortcuts: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__(owner)
        self.owner = owner
        self._keys = shortcuts
        self._shortcuts: dict[QAction, list[QKeySequence]] = {}

    def _action(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self.owner)
        action.setObjectName(name)
        sequences = [QKeySequence(sequence) for sequence in enter_first(self._keys.get(name, ()))]
        self._shortcuts[action] = sequences  # attached by set_shortcuts_active
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        label = plain(text).rstrip("…")
        if sequences:
            label += f" ({key_text(sequences[0])})"
        action.setToolTip(f"{label}\n{tip}")
        action.setStatusTip(tip)
        action.setWhatsThis(tip)
        self.owner.addAction(action)
        return action

    def set_shortcuts_active(self, active: bool) -> None:
        """Attach the keys while the section is shown, detach them when it is hidden."""
        for action, sequences in self._shortcuts.items():
            action.setShortcuts(sequences if active else [])
