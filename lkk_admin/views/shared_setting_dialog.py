"""A dialog over one setting the whole organisation shares (``services.
organisation_settings``): read in a job when it opens, editable by administrators only
(others see it read-only, as the GRANTs have it), saved in a job against the version it
read, so that a save made meanwhile at another desk is not overwritten."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from lkk_admin.services.errors import DomainError
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound

Reader = Callable[[Session], Setting[Any]]
Writer = Callable[[Session, Any, str, int | None], Setting[Any]]  # session, value, actor, version


class SharedSettingDialog(QDialog):
    loaded = Signal()
    saved = Signal(object)  # the setting as saved

    def __init__(
        self,
        context: AppContext,
        *,
        reader: Reader,
        writer: Writer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.reader, self.writer = reader, writer
        self.setting: Setting[Any] | None = None  # until read from the database
        self.may_edit = "admin" in context.connection.staff_roles
        self.note = QLabel()  # set_notes()
        self.note.setObjectName("settingNote")
        self.note.setWordWrap(True)
        self.form = QFormLayout()  # the subclass adds its fields, then calls start()
        self.message = QLabel()
        self.message.setObjectName("settingMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if self.may_edit
            else QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def set_notes(self, for_admins: str, for_others: str) -> None:
        """What the setting is for, and for those who may not change it, who can."""
        self.note.setText(for_admins if self.may_edit else for_others)

    # --- what a subclass says --------------------------------------------------------------

    def editors(self) -> Sequence[QLineEdit | QAbstractSpinBox]:
        raise NotImplementedError

    def fill(self, setting: Setting[Any]) -> None:
        raise NotImplementedError

    def collect(self) -> Any:
        """The value typed, as the writer takes it."""
        raise NotImplementedError

    def problems(self, value: Any) -> list[str]:
        """What is wrong with ``value``, in Russian (checked before the save job)."""
        return []

    def never_saved_text(self) -> str:
        raise NotImplementedError

    # --- reading and saving -------------------------------------------------------------------

    def start(self) -> None:
        self.resize(max(self.width(), 560), self.sizeHint().height())
        self._set_editable(False)
        self._show(self.tr("Reading…"), problem=False)
        reader, factory = self.reader, self.context.read_session_factory

        def read(_control: object) -> Setting[Any]:
            with factory() as session:
                return reader(session)

        self.context.jobs.start(
            read,
            on_success=bound(self, self._read_done),
            on_failure=bound(self, self._read_failed),
            name=f"read-{self.objectName()}",
        )

    def _set_editable(self, editable: bool) -> None:
        for editor in self.editors():
            editor.setReadOnly(not (editable and self.may_edit))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(editable)

    def _show(self, text: str, *, problem: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if problem else "")

    def _read_done(self, setting: Setting[Any]) -> None:
        self.setting = setting
        self.fill(setting)
        if setting.updated_at is None:
            self._show(self.never_saved_text(), problem=False)
        else:
            self._show(
                self.tr("Last changed {when} by {who}.").format(
                    when=setting.updated_at.astimezone().strftime("%d.%m.%Y %H:%M"),
                    who=setting.updated_by,
                ),
                problem=False,
            )
        self._set_editable(True)
        self.loaded.emit()

    def _read_failed(self, error: BaseException) -> None:
        self._show(self.tr("The setting could not be read."), problem=True)
        self.context.errors.report(error, self)

    def save(self) -> None:
        if self.setting is None or not self.may_edit:
            return
        value = self.collect()
        problems = self.problems(value)
        if problems:
            self._show(" ".join(problems), problem=True)  # what was typed stays
            return
        self._set_editable(False)
        self._show(self.tr("Saving…"), problem=False)
        writer, factory = self.writer, self.context.session_factory
        actor, version = self.context.actor, self.setting.version

        def write(_control: object) -> Setting[Any]:
            with factory.begin() as session:
                return writer(session, value, actor, version)

        self.context.jobs.start(
            write,
            on_success=bound(self, self._saved),
            on_failure=bound(self, self._save_failed),
            name=f"save-{self.objectName()}",
        )

    def _saved(self, setting: Setting[Any]) -> None:
        self.setting = setting
        self.saved.emit(setting)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._set_editable(True)  # what was typed stays, to be saved again
        if isinstance(error, DomainError):
            self._show(str(error), problem=True)
            return
        self._show(self.tr("Not saved."), problem=True)
        self.context.errors.report(error, self)


class DaysSettingDialog(SharedSettingDialog):
    """A shared setting that is a number of days: one spin box. The subclass sets its
    notes and calls :meth:`add_days` with its own (translated) texts."""

    days: QSpinBox
    default_text = ""  # what "never saved" says, set by add_days

    def add_days(
        self, object_name: str, maximum: int, *, suffix: str, label: str, default_text: str
    ) -> None:
        self.days = QSpinBox()
        self.days.setObjectName(object_name)
        self.days.setRange(1, maximum)
        self.days.setSuffix(suffix)
        self.days.setMaximumWidth(200)  # a number, not a line of text
        self.form.addRow(label, self.days)
        self.default_text = default_text
        self.start()

    def editors(self) -> Sequence[QSpinBox]:
        return (self.days,)

    def fill(self, setting: Setting[Any]) -> None:
        self.days.setValue(int(setting.value))

    def collect(self) -> int:
        return self.days.value()

    def never_saved_text(self) -> str:
        return self.default_text
