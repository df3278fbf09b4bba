"""What the «Опросы» section shows: frozen rows read inside one session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lkk_admin.services.survey_shape import SurveyDraft

# The list's tabs, in order. The status shown is derived at the source's clock:
# "scheduled" is an open survey whose opens_at is still ahead; "closed" a closed one or an
# open one whose closes_at has passed.
TABS = ("all", "draft", "scheduled", "open", "closed")
SHOWN_STATUSES = ("draft", "scheduled", "open", "closed")


@dataclass(frozen=True)
class SurveyRow:
    id: int
    title: str
    status: str  # one of SHOWN_STATUSES
    opens_at: datetime | None
    closes_at: datetime | None
    responses: int
    questions: int
    author: str
    updated_at: datetime | None
    updated_by: str | None
    version: int


@dataclass(frozen=True)
class SurveyDetail:
    id: int
    row: SurveyRow
    description: str
    created_at: datetime
    draft: SurveyDraft  # the stored survey as its builder edits it (ids filled in)
    stored_status: str  # draft | open | closed, as in the table

    @property
    def version(self) -> int:
        return self.row.version

    @property
    def answered(self) -> bool:
        """It has responses: its questions keep their meaning (only texts may be fixed)."""
        return self.row.responses > 0
