"""On PostgreSQL a desk hears other desks through LISTEN/NOTIFY (no polling)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from lkk_admin.views.queue.live_updates import ListenerThread
from tests.views.queue.conftest import PageFactory
from tests.views.queue.helpers import Crafted, list_ids


@pytest.fixture
def queue_url(pg_url: str) -> str:
    """These pages and the crafted queue live on a real PostgreSQL database."""
    return pg_url


def test_a_second_desk_hears_the_claim_and_the_decision(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    mine = make_page("verifier1")
    other = make_page("verifier2")
    assert other.list.live.uses_notifications
    assert other.list.live_label.text() == "Список обновляется сразу"
    assert not other.list.live._timer.isActive()  # no polling on PostgreSQL
    qtbot.waitUntil(lambda: len(ListenerThread.running) == 2)

    mine.desk.claim(crafted.clean)
    qtbot.waitUntil(lambda: other.list.tabs.tabText(1) == "На проверке (1)", timeout=10_000)
    assert crafted.clean not in list_ids(other)

    mine.desk.release()
    qtbot.waitUntil(lambda: other.list.tabs.tabText(1) == "На проверке (0)", timeout=10_000)
    assert crafted.clean in list_ids(other)

    other.hide()  # a hidden section stops listening
    qtbot.waitUntil(lambda: len(ListenerThread.running) == 1, timeout=10_000)
