"""The demo portal's content: its news and articles (``news``) and its surveys with their
answers (``surveys``), a fixed handful at any scale (the surveys' answers grow with the
portal's users).

The current content moves with the demo's creation by whole days (``DemoClock.days``);
the news of past events keep their dates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from lkk_admin.services.demo_data import news, surveys
from lkk_admin.services.demo_data.common import REFERENCE_CLOCK, DemoClock


def write_content(
    connection: Connection,
    seed: int,
    active_users: list[tuple[int, datetime]],
    clock: DemoClock = REFERENCE_CLOCK,
) -> list[dict[str, Any]]:
    """News (``news.write_news``) and surveys with responses by the active users
    (``surveys.write_surveys``); returns the editors' audit events."""
    audit = news.write_news(connection, surveys.OPEN_SURVEY, clock)
    active = {user_id for user_id, _active_since in active_users}
    return audit + surveys.write_surveys(connection, seed, active, clock)
