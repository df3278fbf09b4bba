"""A survey as its builder edits it: plain frozen values, no database, no Qt.

The builder widget (``views/surveys``) edits a :class:`SurveyDraft`; ``services.surveys``
saves one, comparing it with what is stored (ids say which question or option a draft
line was); :func:`problems` says what keeps a draft from being saved or opened, each
problem pointing at the question (and option) it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("single", "multiple", "text", "rating")
CHOICE_KINDS = ("single", "multiple")
# A rating question's scale by its top: 5 is 1…5, 10 is 0…10 (the NPS scale).
RATING_SCALES = {5: (1, 5), 10: (0, 10)}
DEFAULT_RATING_SCALE = 5

# Length limits (the columns' own, or what a respondent reads on one screen).
TITLE_MAX = 300
DESCRIPTION_MAX = 4000
QUESTION_MAX = 1000
OPTION_MAX = 500
QUESTIONS_MAX = 100
OPTIONS_MAX = 50


@dataclass(frozen=True)
class OptionDraft:
    text: str
    option_id: int | None = None  # None: new


@dataclass(frozen=True)
class QuestionDraft:
    kind: str  # one of KINDS
    text: str
    required: bool = True
    options: tuple[OptionDraft, ...] = ()  # choice kinds only
    rating_scale: int | None = None  # rating only: a key of RATING_SCALES
    question_id: int | None = None  # None: new


@dataclass(frozen=True)
class SurveyDraft:
    title: str
    description: str = ""
    questions: tuple[QuestionDraft, ...] = field(default=())


@dataclass(frozen=True)
class DraftProblem:
    """One thing wrong with a draft, in Russian, and where: ``question`` and ``option``
    are 0-based indexes into the draft (None: the survey as a whole / the question as a
    whole); ``field`` is "title", "description", "text" or "options"."""

    message: str
    question: int | None = None
    option: int | None = None
    field: str = ""


def problems(draft: SurveyDraft, *, for_opening: bool) -> list[DraftProblem]:
    """What keeps ``draft`` from being saved (``for_opening=False``: lengths, a title,
    known kinds and scales) or opened (also: at least one question, every question has a
    text, every choice question at least two distinct non-empty options)."""
    raise NotImplementedError  # services helper fills this in
