"""Where the application keeps its files, the same from source and from a frozen bundle."""

import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

APP_NAME = "LKK Admin"
APP_AUTHOR = "RN-Energo"


def resource(*parts: str) -> Traversable:
    """A file or folder under ``lkk_admin/resources``.

    PyInstaller's spec copies ``resources`` to the same package-relative place, so
    ``importlib.resources`` finds it frozen and from source alike.
    """
    node = files("lkk_admin") / "resources"
    for part in parts:
        node = node / part
    return node


def resource_path(*parts: str) -> Path:
    """A resource as a real file path (Qt and reportlab want paths, not streams)."""
    return Path(str(resource(*parts)))


def data_dir() -> Path:
    """Per-user data (the demo database). Created on demand."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Per-user settings (connection profiles, window layout). Never passwords."""
    path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))
