"""What the survey builder holds while an editor works: mutable lines behind its lists,
made from a :class:`SurveyDraft` and turned back into one (no Qt here).

An option line added and left blank is the builder's empty «next option» row, not an
option: a draft leaves it out (so problem indexes count the options a draft has, see
:func:`kept_options`). A stored option emptied by the editor stays in, for the checks
to point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lkk_admin.services.survey_shape import (
    CHOICE_KINDS,
    DEFAULT_RATING_SCALE,
    RATING_SCALES,
    OptionDraft,
    QuestionDraft,
)

# A new choice question starts with this many empty option lines to type into.
NEW_CHOICE_LINES = 2


@dataclass(eq=False)
class OptionLine:
    text: str = ""
    option_id: int | None = None
    problems: list[str] = field(default_factory=list)


@dataclass(eq=False)
class QuestionEntry:
    """One question as edited. Options and scale outlive a change of kind (changing back
    brings them back); the draft carries only what the kind has."""

    kind: str
    text: str = ""
    required: bool = True
    rating_scale: int = DEFAULT_RATING_SCALE
    options: list[OptionLine] = field(default_factory=list)
    question_id: int | None = None
    # Messages of the last check by field: "text", "options", "" (the question as a whole).
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    def all_problems(self) -> list[str]:
        return [message for messages in self.problems.values() for message in messages]

    def clear_problems(self) -> None:
        self.problems = {}
        for line in self.options:
            line.problems = []


def new_entry(kind: str) -> QuestionEntry:
    lines = [OptionLine() for _ in range(NEW_CHOICE_LINES)] if kind in CHOICE_KINDS else []
    return QuestionEntry(kind=kind, options=lines)


def entry_from_draft(question: QuestionDraft) -> QuestionEntry:
    scale = question.rating_scale
    return QuestionEntry(
        kind=question.kind,
        text=question.text,
        required=question.required,
        rating_scale=scale if scale in RATING_SCALES else DEFAULT_RATING_SCALE,
        options=[OptionLine(option.text, option.option_id) for option in question.options],
        question_id=question.question_id,
    )


def kept_options(entry: QuestionEntry) -> list[OptionLine]:
    """The lines a draft carries as options, in order (none for other kinds)."""
    if not entry.is_choice:
        return []
    return [line for line in entry.options if line.option_id is not None or line.text.strip()]


def entry_to_draft(entry: QuestionEntry) -> QuestionDraft:
    return QuestionDraft(
        kind=entry.kind,
        text=entry.text.strip(),
        required=entry.required,
        options=tuple(
            OptionDraft(line.text.strip(), line.option_id) for line in kept_options(entry)
        ),
        rating_scale=entry.rating_scale if entry.kind == "rating" else None,
        question_id=entry.question_id,
    )


def dropped_options(entry: QuestionEntry) -> int:
    """How many typed options a question of a non-choice kind would lose when saved."""
    if entry.is_choice:
        return 0
    return sum(1 for line in entry.options if line.option_id is not None or line.text.strip())
