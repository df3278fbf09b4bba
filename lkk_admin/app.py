"""The GUI application: start-up, translations, error hooks and the window flow.

Start-up flow (:class:`Launcher`):

- ``lkk-admin --demo`` opens the demo database in the per-user data folder; the first
  time, it is generated behind a cancellable progress dialog (cancelling exits cleanly
  and leaves no file).
- ``lkk-admin`` shows the connection dialog. When a profile was used before, it is
  preselected and, if its password is in the OS keyring, the password is filled in and
  the "Connect" button has the focus: one Enter connects. We do not connect without
  showing the dialog, so the user always sees where the application is going to connect
  (and can pick the demo database or another profile instead).
- File → Connect… in the main window shows the dialog again; a successful connection
  replaces the window, cancelling keeps the current one.

Unexpected errors anywhere (GUI thread, other threads, worker jobs) are logged to the
rotating log file and shown in the crash dialog; environment problems are shown as a
plain warning (:class:`~lkk_admin.views.crash_dialog.ErrorReporter`).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lkk_admin import __version__, paths, startup_probe
from lkk_admin.logging_setup import configure_logging
from lkk_admin.services.connection import DEMO_FIRST_RUN_SCALE, ConnectionInfo
from lkk_admin.services.profiles import PasswordVault, ProfileStore
from lkk_admin.statements_in_flight import StatementsInFlight
from lkk_admin.views.connection_dialog import ConnectionDialog
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter, print_fallback
from lkk_admin.views.demo_setup import DemoSetup
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.shutdown import (
    ConsoleInterrupt,
    OrderlyShutdown,
    dispose_application,
    end_process_now,
)
from lkk_admin.views.workers import GuiThreadGarbageCollector, JobRunner

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_CANCELLED = 1  # the user closed the start-up dialog: nothing was opened
APP_ICON = "app.svg"
TRANSLATION = "lkk_admin_ru.qm"


# --- translations ----------------------------------------------------------------------------


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Russian for our strings and Qt's own (standard buttons, dialogs); keep the result."""
    locale = locale or QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    ours = QTranslator(app)
    if ours.load(str(paths.resource_path("i18n", TRANSLATION))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("translation %s not found; the interface stays in English", TRANSLATION)
    return installed


def app_icon() -> QIcon:
    icon = QIcon(str(paths.resource_path("icons", APP_ICON)))
    png = paths.resource_path("icons", "app-256.png")
    if png.exists():
        icon.addFile(str(png))
    return icon


# --- error hooks ------------------------------------------------------------------------------

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class ErrorHooks:
    """Installs ``sys.excepthook`` and ``threading.excepthook``; ``uninstall`` restores."""

    def __init__(self, reporter: ErrorReporter) -> None:
        self.reporter = reporter
        self._previous_sys: ExceptHook | None = None
        self._previous_threading: Callable[[threading.ExceptHookArgs], object] | None = None

    def install(self) -> None:
        self._previous_sys = sys.excepthook
        self._previous_threading = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if self._previous_sys is not None:
            sys.excepthook = self._previous_sys
        if self._previous_threading is not None:
            threading.excepthook = self._previous_threading

    def handle(
        self, exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.exit(130)
            return
        try:
            self.reporter.report_exception(exc_type, error, tb)
        except Exception:
            print_fallback(exc_type, error)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        error, exc_type, tb = args.exc_value, args.exc_type, args.exc_traceback
        app = QCoreApplication.instance()
        if app is None:
            self.handle(exc_type, error, tb)
            return
        # Dialogs belong to the GUI thread: log here, show there.
        log.error("unexpected error in thread %s", args.thread, exc_info=(exc_type, error, tb))
        QTimer.singleShot(0, app, lambda: self.reporter.report(error))


# --- the window flow --------------------------------------------------------------------------


class Launcher(QObject):
    """Shows the start-up dialog or the demo set-up, then the main window.

    ``exit_requested(code)`` is emitted when the application should end: the main window
    was closed, or the start-up was cancelled before any window opened. Once
    :meth:`close_windows` ran (the application is ending) it opens nothing more.
    """

    main_window_shown = Signal(object)  # MainWindow
    exit_requested = Signal(int)

    def __init__(
        self,
        *,
        jobs: JobRunner,
        errors: ErrorReporter,
        settings_path: Path | None = None,
        demo_scale: float = DEMO_FIRST_RUN_SCALE,
        demo_path: Path | None = None,
        profile_store: ProfileStore | None = None,
        vault: PasswordVault | None = None,
    ) -> None:
        super().__init__()
        self.jobs = jobs
        self.errors = errors
        self.settings = open_settings(settings_path)
        self.demo_scale = demo_scale
        self.demo_path = demo_path
        self.profile_store = profile_store
        self.vault = vault
        self.window: MainWindow | None = None
        self.dialog: ConnectionDialog | None = None
        self.demo_setup: DemoSetup | None = None
        self.closing = False

    def start(self, demo: bool) -> None:
        if demo:
            self.open_demo()
        else:
            self.show_connection_dialog()

    # connection dialog

    def show_connection_dialog(self) -> ConnectionDialog:
        dialog = ConnectionDialog(
            self.jobs,
            self.errors,
            store=self.profile_store,
            vault=self.vault,
            parent=self.window,
        )
        dialog.setWindowIcon(app_icon())
        dialog.connected.connect(self._connected)
        dialog.demo_requested.connect(self.open_demo)
        dialog.rejected.connect(self._dialog_rejected)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_rejected(self) -> None:
        self.dialog = None
        if self.window is None and not self.closing:
            self.exit_requested.emit(EXIT_CANCELLED)

    def _connected(self, info: ConnectionInfo) -> None:
        self.dialog = None
        if self.closing:
            info.dispose()
            return
        self.open_main_window(info)

    # demo database

    def open_demo(self) -> DemoSetup:
        self.dialog = None
        setup = DemoSetup(
            self.jobs,
            self.errors,
            path=self.demo_path,
            scale=self.demo_scale,
            parent_widget=self.window,
        )
        setup.ready.connect(self._demo_ready)
        setup.cancelled.connect(self._demo_stopped)
        setup.failed.connect(self._demo_stopped)
        self.demo_setup = setup
        setup.start()
        return setup

    def _demo_ready(self, info: ConnectionInfo) -> None:
        self.demo_setup = None
        if self.closing:
            info.dispose()
            return
        self.open_main_window(info)

    def _demo_stopped(self, *_args: object) -> None:
        self.demo_setup = None
        if self.window is None and not self.closing:
            self.exit_requested.emit(EXIT_CANCELLED)

    # main window

    def open_main_window(self, info: ConnectionInfo) -> MainWindow:
        old = self.window
        if old is not None:
            old.closed.disconnect(self._window_closed)
            old.close()
            old.context.connection.dispose()
            old.deleteLater()
        context = AppContext.create(info, self.settings, self.jobs, self.errors)
        window = MainWindow(context)
        window.setWindowIcon(app_icon())
        window.reconnect_requested.connect(self.show_connection_dialog)
        window.closed.connect(self._window_closed)
        self.window = window
        window.show()
        self.main_window_shown.emit(window)
        if startup_probe.requested():  # benchmarks/startup.py
            startup_probe.report_when_ready(window)
        return window

    def _window_closed(self) -> None:
        window = self.window
        self.window = None
        if window is not None:
            window.context.connection.dispose()
        if not self.closing:
            self.exit_requested.emit(EXIT_OK)

    # the application's end (views.shutdown.OrderlyShutdown)

    def save_state(self) -> None:
        if self.window is not None:
            self.window.save_layout()

    def close_windows(self) -> None:
        """Close the start-up dialog and the main window (which saves its layout and
        lets its database go); open nothing afterwards."""
        self.closing = True
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        if self.window is not None:
            self.window.close()


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


StartedHook = Callable[[Launcher, OrderlyShutdown], None]


def run_gui(
    demo: bool,
    *,
    demo_scale: float = DEMO_FIRST_RUN_SCALE,
    on_started: StartedHook | None = None,
) -> int:
    """Run the desktop application; returns the process exit code.

    However the loop ends (the window closed, ``quit()``/``exit()``, the session ending,
    Ctrl+C), the desk shuts down in order (:mod:`lkk_admin.views.shutdown`), and when
    this call created the application it deletes it before returning, so that nothing
    of Qt is left to the interpreter's finalisation. ``on_started`` is called just
    before the loop starts (tests drive the desk through it).
    """
    log_file = configure_logging()
    log.info("LKK Admin %s starting (demo=%s), log: %s", __version__, demo, log_file)
    owns_app = QApplication.instance() is None
    app = create_application()
    app.setQuitOnLastWindowClosed(False)  # dialogs come and go before the main window
    interrupt = ConsoleInterrupt(lambda: QApplication.exit(EXIT_OK))
    interrupt.install()
    translators = install_translators(app)
    errors = ErrorReporter()
    hooks = ErrorHooks(errors)
    hooks.install()
    collector = GuiThreadGarbageCollector()
    collector.start()
    statements = StatementsInFlight()
    statements.install()
    jobs = JobRunner(default_failure=errors.report)
    launcher = Launcher(jobs=jobs, errors=errors, demo_scale=demo_scale)
    launcher.exit_requested.connect(app.exit)
    shutdown = OrderlyShutdown(
        jobs=jobs,
        windows=launcher,
        settings=launcher.settings,
        errors=errors,
        statements=statements,
    )
    shutdown.connect_to(app)
    QTimer.singleShot(0, lambda: launcher.start(demo))
    if on_started is not None:
        on_started(launcher, shutdown)
    code = EXIT_OK
    try:
        code = app.exec()
    finally:
        jobs_ended = shutdown.run()  # done already in aboutToQuit, unless exec() raised
        shutdown.disconnect_from(app)
        launcher.exit_requested.disconnect(app.exit)
        interrupt.stop()
        hooks.uninstall()
        collector.stop()
        statements.uninstall()
        for translator in translators:
            app.removeTranslator(translator)
        log.info("LKK Admin exits with code %s", code)
        if owns_app:
            if not jobs_ended:
                end_process_now(int(code))
            dispose_application(app)
        interrupt.uninstall()
    return int(code)
