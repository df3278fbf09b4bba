"""A stand-in for ``lkk_admin.services.demo_data`` with the same contract, for fast tests."""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

import lkk_admin.services
from lkk_admin import db
from lkk_admin.services.errors import DomainError


class DemoDataCancelled(DomainError):  # noqa: N818 - the name of the real one
    def __init__(self) -> None:
        super().__init__("Создание демонстрационных данных отменено.")


@dataclass
class FakeGenerator:
    """Migrates, reports a few progress steps; can wait for a cancel or fail on demand."""

    steps: int = 5
    wait_for_cancel: bool = False
    fail_with: BaseException | None = None
    calls: list[tuple[str, float]] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)

    def __call__(
        self,
        url: str,
        scale: float = 1.0,
        *,
        progress: Callable[[str, int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> str:
        self.calls.append((url, scale))
        db.upgrade(url)
        self.started.set()
        for step in range(1, self.steps + 1):
            if progress is not None:
                progress("Контрагенты", step, self.steps)
            if cancelled is not None and cancelled():
                raise DemoDataCancelled
        if self.fail_with is not None:
            raise self.fail_with
        while self.wait_for_cancel:
            if cancelled is not None and cancelled():
                raise DemoDataCancelled
            threading.Event().wait(0.01)
        return "summary"


def install(monkeypatch: pytest.MonkeyPatch, generator: FakeGenerator) -> types.ModuleType:
    module = types.ModuleType("lkk_admin.services.demo_data")
    module.generate = generator  # type: ignore[attr-defined]
    module.DemoDataCancelled = DemoDataCancelled  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lkk_admin.services.demo_data", module)
    monkeypatch.setattr(lkk_admin.services, "demo_data", module, raising=False)
    return module
