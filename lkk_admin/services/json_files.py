"""Files written atomically, and the small JSON settings files in the per-user config folder."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
Settings = TypeVar("Settings")


def write_bytes_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over the old one, so a
    crash or a full disk never leaves half a file (a reader sees the old or the new).
    The file is the owner's only (0600): settings are nobody else's business."""
    _write_atomically(path, content, private=True)


def write_document_atomically(path: Path, content: bytes) -> None:
    """As :func:`write_bytes_atomically`, for a document the user saves (a PDF): made
    with the usual permissions (0666 less the umask), as any other program's file."""
    _write_atomically(path, content, private=False)


_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _open_beside(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, 0666 less the umask (as ``open`` makes)."""
    for _attempt in range(100):
        temporary = path.parent / f".{path.stem}-{secrets.token_hex(4)}.part"
        try:
            return os.open(temporary, _OPEN_FLAGS, 0o666), str(temporary)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def _write_atomically(path: Path, content: bytes, *, private: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if private:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".part", dir=path.parent)
    else:
        fd, temporary = _open_beside(path)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(content)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def write_json_atomically(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomically(path, text.encode("utf-8"))


def read_json_settings(
    path: Path, parse: Callable[[dict[str, Any]], Settings], default: Settings
) -> Settings:
    """The settings in ``path``; ``default`` when there is no file. A damaged file is set
    aside as ``*.damaged.json`` (for IT to look at) and the defaults are used."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    try:
        return parse(json.loads(raw))
    except (ValueError, TypeError, AttributeError) as error:
        log.warning("%s is damaged (%s); moved aside", path.name, type(error).__name__)
        path.replace(path.with_suffix(".damaged.json"))
        return default
