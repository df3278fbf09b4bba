"""The idle lock: after a while without input the main window hides its data.

A staff member who walks away from the desk must not leave customers' personal data
(152-ФЗ) on the screen. :class:`IdleWatcher` notices the user's input anywhere in the
application and says ``idle`` after the desk's idle time without any: the organisation's
policy (``services.idle_lock_policy``, 15 minutes unless an administrator set another),
or a shorter time the staff member chose (``Security/idle_lock_minutes`` in the INI).
:class:`SessionLock` then shows :class:`LockPage` in the main window instead of its
sections, hides the window's dialogs and disables its menus until the password of the
database user is typed again; the password is checked by the server itself
(:func:`~lkk_admin.services.session_lock.verify_password`) in a worker job.

Nothing is closed or lost: the sections are only hidden, the dialogs come back as they
were (with what was typed in them) and the application's database connection and pool
stay as they are, so unlocking takes one round trip and no reloading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from lkk_admin import paths
from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.idle_lock_policy import effective_minutes
from lkk_admin.services.session_lock import verify_password
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.workers import JobControl

log = logging.getLogger(__name__)

IDLE_MINUTES_KEY = "Security/idle_lock_minutes"
ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: palette(mid);"
# A light card on the window's background: calm, and plainly not a section of data.
CARD_STYLE = (
    "QFrame#lockCard { background: palette(base); border: 1px solid palette(mid);"
    " border-radius: 8px; }"
)

# What counts as the user being there: pressing, moving, scrolling, touching. Not focus,
# paint or timer events, which happen by themselves in an unattended window.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


def preferred_idle_minutes(settings: QSettings) -> int | None:
    """The idle time the staff member chose for this desk (None: none, or unreadable)."""
    value = settings.value(IDLE_MINUTES_KEY)
    if value is None:
        return None
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def desk_idle_ms(settings: QSettings, policy_minutes: int) -> int:
    """This desk's idle time: the policy's, or the shorter one its user chose."""
    return effective_minutes(preferred_idle_minutes(settings), policy_minutes) * 60_000


class IdleWatcher(QObject):
    """Emits ``idle`` once the application got no user input for ``interval_ms``.

    An event filter on the application sees input for every window; each input restarts
    a single-shot timer. ``start()`` installs the filter, ``stop()`` removes it.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may be off by 5 % (45 s of 15 min) and rounds remainingTime().
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.idle)
        self._interval_ms = max(interval_ms, 0)
        self._running = False

    @classmethod
    def for_desk(
        cls, settings: QSettings, policy_minutes: int, parent: QObject | None = None
    ) -> IdleWatcher:
        return cls(desk_idle_ms(settings, policy_minutes), parent)

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until ``idle`` (-1 when not counting)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    @property
    def running(self) -> bool:
        """Installed and counting (false when stopped or when the interval is 0)."""
        return self._timer.isActive()

    def set_interval_ms(self, interval_ms: int) -> None:
        """Change the idle time (0 disables); counting starts again from now."""
        self._interval_ms = max(interval_ms, 0)
        self.reset()

    def start(self) -> None:
        if not self._running:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._running = True
        self.reset()

    def stop(self) -> None:
        if self._running:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._running = False
        self._timer.stop()

    def reset(self) -> None:
        """The user is there: count the idle time from now."""
        if self._running and self._interval_ms > 0:
            self._timer.start(self._interval_ms)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT_EVENTS:
            self.reset()
        return False  # only watching: every event goes on to where it was going


class LockPage(QWidget):
    """What the locked window shows: who is logged in and a password field.

    ``unlocked`` is emitted after the server accepted the password typed here;
    ``switch_user_requested`` when the user would rather connect as someone else.
    """

    unlocked = Signal()
    switch_user_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("lockPage")
        self.checking = False

        heading = self._build_heading()
        self.user_label = QLabel(context.connection.user)
        self.user_label.setObjectName("lockUser")
        user_font = self.user_label.font()
        user_font.setBold(True)
        self.user_label.setFont(user_font)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.password_edit.returnPressed.connect(self.try_unlock)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("User:"), self.user_label)
        form.addRow(self.tr("Password:"), self.password_edit)

        self.message_label = QLabel()
        self.message_label.setObjectName("lockMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Room for a two-line message, so the buttons do not jump when one appears.
        self.message_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setStyleSheet(CARD_STYLE)
        card.setFixedWidth(500)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(28, 24, 28, 20)
        card_layout.setSpacing(10)
        for widget in heading:
            card_layout.addWidget(widget)
        card_layout.addSpacing(8)
        card_layout.addLayout(form)
        card_layout.addWidget(self.message_label)
        card_layout.addLayout(self._build_buttons())

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)  # a little above the middle, where the eye goes first

    def _build_heading(self) -> list[QLabel]:
        icon = QLabel()
        icon.setObjectName("lockIcon")
        icon.setPixmap(QIcon(str(paths.resource_path("icons", "app.svg"))).pixmap(64, 64))
        self.title_label = QLabel(self.tr("LKK Admin is locked"))
        self.title_label.setObjectName("lockTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title_label.setFont(font)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("lockReason")
        hint = QLabel(self.tr("Personal data is hidden until you enter your password again."))
        hint.setObjectName("lockHint")
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.title_label, self.reason_label, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        return [icon, self.title_label, self.reason_label, hint]

    def _build_buttons(self) -> QHBoxLayout:
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button = QPushButton(self.tr("Connect as another user…"))
        self.switch_button.setObjectName("switchUserButton")
        self.switch_button.setFlat(True)
        self.switch_button.clicked.connect(self.switch_user_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        return buttons

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(540, 440)

    def prepare(self, idle_minutes: int | None) -> None:
        """Reset for a new lock: after ``idle_minutes`` of inactivity, or at the user's
        command (None)."""
        if idle_minutes is None:
            self.reason_label.setText(self.tr("Locked at your command."))
        else:
            self.reason_label.setText(
                self.tr("Locked after {minutes} min of inactivity.").format(minutes=idle_minutes)
            )
        self.password_edit.clear()
        self._show_message("")
        self._set_checking(False)

    def focus_password(self) -> None:
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- checking the password -------------------------------------------------------------

    def try_unlock(self) -> None:
        if self.checking:
            return
        password = self.password_edit.text()
        # Whatever happens, the typed password does not stay in the field.
        self.password_edit.clear()
        if not password:
            self._show_message(self.tr("Enter your password."), problem=True)
            self.focus_password()
            return
        url = self.context.connection.engine.url

        def work(_control: JobControl) -> bool:
            return verify_password(url, password)

        self._set_checking(True)
        self._show_message(self.tr("Checking the password…"))
        self.context.jobs.start(
            work,
            on_success=bound(self, self._checked),
            on_failure=bound(self, self._check_failed),
            on_finished=bound(self, self._check_finished),
            name="unlock",
        )

    def _checked(self, accepted: bool) -> None:
        if accepted:
            self._show_message("")
            self.unlocked.emit()
        else:
            self._show_message(
                self.tr("Wrong password. Check the keyboard layout and Caps Lock."),
                problem=True,
            )

    def _check_failed(self, error: BaseException) -> None:
        problem = diagnose(error) if isinstance(error, Exception) else None
        if problem is None:
            # A bug, not the network: its details go to the log. No dialog: the window is
            # locked and a dialog over it would be hidden like the others.
            log.error(
                "checking the password failed", exc_info=(type(error), error, error.__traceback__)
            )
            reason = self.tr("An unexpected error occurred; the details are in the log.")
        else:
            log.warning("checking the password failed: %s", problem.kind)
            reason = problem.message
        self._show_message(
            self.tr("The password could not be checked. {reason}").format(reason=reason),
            problem=True,
        )

    def _check_finished(self) -> None:
        self._set_checking(False)
        self.focus_password()

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        self.password_edit.setEnabled(not checking)
        self.unlock_button.setEnabled(not checking)

    def _show_message(self, text: str, *, problem: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_STYLE if problem else NOTE_STYLE)


class SessionLock(QObject):
    """Locks and unlocks one main window.

    ``central`` is the window's central stacked widget: ``content`` (everything showing
    data) or ``page``. While locked, the menu bar is disabled (its actions' shortcuts with
    it; ``exit_action`` is given to the lock page so Ctrl+Q still works) and every window
    of the application that belongs to the main window — a decision dialog, a message box
    — is hidden, including one that opens meanwhile; they are shown again on unlocking.
    """

    locked_changed = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        *,
        central: QStackedWidget,
        content: QWidget,
        page: LockPage,
        watcher: IdleWatcher,
        switch_user: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.central = central
        self.content = content
        self.page = page
        self.watcher = watcher
        self._switch_user = switch_user
        self._locked = False
        self._hidden: list[QWidget] = []
        self._admitted: set[QWidget] = set()
        self._admitting = False
        self._focus: QWidget | None = None
        watcher.idle.connect(self.lock_idle)
        page.unlocked.connect(self.unlock)
        page.switch_user_requested.connect(self.switch_user)

    @property
    def locked(self) -> bool:
        return self._locked

    @property
    def hidden_windows(self) -> list[QWidget]:
        """The windows hidden by the lock, to be shown again after it."""
        return [widget for widget in self._hidden if shiboken6.isValid(widget)]

    @property
    def available(self) -> bool:
        """The demo database is never locked: its data are invented (no personal data to
        protect) and SQLite has no password to check."""
        return not self.page.context.connection.is_demo

    def lock_idle(self) -> None:
        self.lock(idle_minutes=max(self.watcher.interval_ms // 60_000, 1))

    def lock(self, idle_minutes: int | None = None) -> bool:
        """Lock now (``idle_minutes`` None: at the user's command); False if not locked."""
        if self._locked or not self.available:
            return False
        self._locked = True
        self.watcher.stop()
        focus = QApplication.focusWidget()
        self._focus = focus if focus is not None and self._belongs(focus) else None
        self._close_popups()
        self._hidden = []
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and self._belongs(widget):
                self._hide(widget)
        self.page.prepare(idle_minutes)
        self.central.setCurrentWidget(self.page)
        self.window.menuBar().setEnabled(False)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.page.focus_password()
        log.info("window locked (%s)", "idle" if idle_minutes is not None else "by the user")
        self.locked_changed.emit(True)
        return True

    def unlock(self) -> None:
        """Show the data again (called when the server accepted the password)."""
        if not self._locked:
            return
        self._locked = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.menuBar().setEnabled(True)
        self.central.setCurrentWidget(self.content)
        hidden, self._hidden, self._admitted = self.hidden_windows, [], set()
        for widget in hidden:
            if isinstance(widget, QDialog):
                widget.finished.disconnect(self._dialog_finished)
            widget.show()
        focus, self._focus = self._focus, None
        if not hidden and focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.watcher.start()
        log.info("window unlocked")
        self.locked_changed.emit(False)

    def shutdown(self) -> None:
        """The window closes: nothing of the lock stays installed on the application."""
        self.watcher.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def switch_user(self) -> None:
        """For "Connect as another user": the connection dialog may show over the lock."""
        self._admitting = True
        try:
            self._switch_user()
        finally:
            self._admitting = False

    # --- the windows of the main window ----------------------------------------------------

    def _belongs(self, widget: QWidget) -> bool:
        parent: QWidget | None = widget
        while parent is not None:
            if parent is self.window:
                return True
            parent = parent.parentWidget()
        return False

    def _hide(self, widget: QWidget) -> None:
        self._hidden.append(widget)
        if isinstance(widget, QDialog):
            # Closed meanwhile by the program (its request was decided elsewhere, say):
            # it must not come back after unlocking.
            widget.finished.connect(self._dialog_finished)
        widget.hide()

    def _dialog_finished(self) -> None:
        sender = self.sender()
        self._hidden = [widget for widget in self._hidden if widget is not sender]

    @staticmethod
    def _close_popups() -> None:
        """Open menus, drop-down lists and tooltips may show data too; they just close."""
        QToolTip.hideText()
        for _ in range(10):  # a popup may refuse to close; never loop forever
            popup = QApplication.activePopupWidget()
            if popup is None:
                return
            popup.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """While locked: a window of the main window that opens is hidden as well."""
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.window
            and watched.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
            and self._belongs(watched)
        ):
            if self._admitting:
                self._admitted.add(watched)
            elif watched not in self._admitted:
                # Not from inside its show event: Qt would still map the window after it.
                QTimer.singleShot(0, self, lambda: self._hide_late(watched))
        elif event.type() == QEvent.Type.Close and watched in self._hidden:
            self._hidden.remove(watched)  # closed meanwhile: stays closed
        return False

    def _hide_late(self, widget: QWidget) -> None:
        if (
            self._locked
            and shiboken6.isValid(widget)
            and widget.isVisible()
            and widget not in self._hidden
        ):
            self._hide(widget)
