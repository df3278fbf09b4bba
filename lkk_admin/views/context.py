"""The one application context object every window and section receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db, paths
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.services.mail_settings import MailSettings, MailSettingsStore
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.workers import JobRunner

SETTINGS_FILE = "lkk-admin.ini"


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def open_settings(path: Path | None = None) -> QSettings:
    """Window layout and preferences, as an INI file in the per-user config folder."""
    return QSettings(str(path or settings_path()), QSettings.Format.IniFormat)


@dataclass
class AppContext:
    """What a widget may use: the open database, settings, the job runner, errors."""

    connection: ConnectionInfo
    session_factory: sessionmaker[Session]
    # For jobs that only read (lists, counts): no transaction round trips.
    read_session_factory: sessionmaker[Session]
    settings: QSettings
    jobs: JobRunner
    errors: ErrorReporter
    # This desk's mail settings (mail.json): the portal URL in letters, background delivery.
    mail_settings: MailSettings = field(default_factory=MailSettings)

    @classmethod
    def create(
        cls,
        connection: ConnectionInfo,
        settings: QSettings,
        jobs: JobRunner,
        errors: ErrorReporter,
    ) -> AppContext:
        return cls(
            connection=connection,
            session_factory=db.session_factory(connection.engine),
            read_session_factory=db.read_session_factory(connection.engine),
            settings=settings,
            jobs=jobs,
            errors=errors,
            # A small JSON file read once, like the INI settings beside it.
            mail_settings=MailSettingsStore().load(),
        )

    @property
    def actor(self) -> str:
        """The staff login that decisions are recorded under (the database user)."""
        return self.connection.user


def restore_splitter(settings: QSettings, group: str, splitter: QSplitter) -> None:
    """Put the splitter back where this user left it (nothing saved: keep its default)."""
    state = settings.value(f"{group}/splitter")
    if isinstance(state, QByteArray | bytes) and state:
        splitter.restoreState(QByteArray(state))


def save_splitter(settings: QSettings, group: str, splitter: QSplitter) -> None:
    settings.setValue(f"{group}/splitter", splitter.saveState())
