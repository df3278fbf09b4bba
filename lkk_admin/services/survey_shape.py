"""A survey as its builder edits it: plain frozen values, no database, no Qt.

The builder widget (``views/surveys``) edits a :class:`SurveyDraft`; ``services.surveys``
saves one, comparing it with what is stored (ids say which question or option a draft
line was); :func:`problems` says what keeps a draft from being saved or opened, each
problem pointing at the question (and option) it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

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
OPTIONS_MIN = 2  # a choice question's, when it is opened


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


# NUL and lone UTF-16 surrogates: no database column can store them (see input_text).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_KIND_NAMES = "один вариант, несколько вариантов, свободный ответ или оценка"


def one_line(text: str) -> str:
    """``text`` as one line, spaces collapsed: how titles and options are stored."""
    return " ".join(text.split())


def block(text: str) -> str:
    """``text`` trimmed, its line breaks Unix ones: how descriptions and questions are stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def option_key(text: str) -> str:
    """What makes two options the same to a respondent: the words, regardless of case."""
    return one_line(text).casefold()


def cleaned(draft: SurveyDraft) -> SurveyDraft:
    """``draft`` with its texts as they are stored (ids, kinds and scales untouched)."""
    return SurveyDraft(
        title=one_line(draft.title),
        description=block(draft.description),
        questions=tuple(
            replace(
                question,
                text=block(question.text),
                options=tuple(
                    replace(option, text=one_line(option.text)) for option in question.options
                ),
            )
            for question in draft.questions
        ),
    )


def _where(question: int, option: int | None = None) -> str:
    """«Вопрос 3» or «Вопрос 3, вариант 2» (numbers as the builder shows them, from 1)."""
    if option is None:
        return f"Вопрос {question + 1}"
    return f"Вопрос {question + 1}, вариант {option + 1}"


def _length(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"длиннее {limit} знаков (в нём {len(text)}) — сократите его"
    return None


def _unstorable(text: str) -> bool:
    return _UNSTORABLE.search(text) is not None


_INVISIBLE = (
    "недопустимый невидимый символ (обычно он попадает при вставке из другой программы) — "
    "удалите его или наберите текст заново"
)


def _survey_problems(draft: SurveyDraft, for_opening: bool) -> list[DraftProblem]:
    found: list[DraftProblem] = []
    if not draft.title:
        found.append(DraftProblem("Укажите название опроса.", field="title"))
    elif too_long := _length(draft.title, TITLE_MAX):
        found.append(DraftProblem(f"Название опроса {too_long}.", field="title"))
    if _unstorable(draft.title):
        found.append(DraftProblem(f"В названии опроса {_INVISIBLE}.", field="title"))
    if too_long := _length(draft.description, DESCRIPTION_MAX):
        found.append(DraftProblem(f"Описание опроса {too_long}.", field="description"))
    if _unstorable(draft.description):
        found.append(DraftProblem(f"В описании опроса {_INVISIBLE}.", field="description"))
    if len(draft.questions) > QUESTIONS_MAX:
        found.append(
            DraftProblem(
                f"В опросе {len(draft.questions)} вопросов, а можно не больше "
                f"{QUESTIONS_MAX}: удалите лишние или разделите опрос на два."
            )
        )
    if for_opening and not draft.questions:
        found.append(DraftProblem("Добавьте хотя бы один вопрос: опрос без вопросов не открыть."))
    return found


def _kind_problems(index: int, question: QuestionDraft) -> list[DraftProblem]:
    """The kind, the scale and whether the kind has options at all."""
    where = _where(index)
    if question.kind not in KINDS:
        return [
            DraftProblem(
                f"{where}: неизвестный тип «{question.kind}» — выберите один из: {_KIND_NAMES}.",
                question=index,
            )
        ]
    found: list[DraftProblem] = []
    if question.kind == "rating" and question.rating_scale not in RATING_SCALES:
        found.append(
            DraftProblem(f"{where}: выберите шкалу оценки — от 1 до 5 или от 0 до 10.", index)
        )
    if question.kind != "rating" and question.rating_scale is not None:
        found.append(
            DraftProblem(
                f"{where}: шкала бывает только у вопроса-оценки — уберите её или смените тип.",
                index,
            )
        )
    if question.kind not in CHOICE_KINDS and question.options:
        noun = "оценки" if question.kind == "rating" else "вопроса со свободным ответом"
        found.append(
            DraftProblem(
                f"{where}: у {noun} не бывает вариантов ответа — удалите их или выберите "
                "тип с вариантами.",
                index,
                field="options",
            )
        )
    return found


def _option_problems(index: int, question: QuestionDraft, for_opening: bool) -> list[DraftProblem]:
    found: list[DraftProblem] = []
    where = _where(index)
    if len(question.options) > OPTIONS_MAX:
        found.append(
            DraftProblem(
                f"{where}: {len(question.options)} вариантов ответа, а можно не больше "
                f"{OPTIONS_MAX}.",
                index,
                field="options",
            )
        )
    first_of: dict[str, int] = {}
    filled = 0
    for number, option in enumerate(question.options):
        at = _where(index, number)
        if too_long := _length(option.text, OPTION_MAX):
            found.append(DraftProblem(f"{at}: текст {too_long}.", index, number, "options"))
        if _unstorable(option.text):
            found.append(DraftProblem(f"{at}: в тексте {_INVISIBLE}.", index, number, "options"))
        if not option.text:
            if for_opening:
                found.append(
                    DraftProblem(
                        f"{at}: пустой вариант — впишите текст или удалите строку.",
                        index,
                        number,
                        "options",
                    )
                )
            continue
        filled += 1
        key = option_key(option.text)
        if key in first_of:
            if for_opening:
                found.append(
                    DraftProblem(
                        f"{at} повторяет вариант {first_of[key] + 1} («{option.text}»): "
                        "варианты должны различаться.",
                        index,
                        number,
                        "options",
                    )
                )
        else:
            first_of[key] = number
    if for_opening and question.kind in CHOICE_KINDS and filled < OPTIONS_MIN:
        found.append(
            DraftProblem(
                f"{where}: нужно хотя бы два варианта ответа (сейчас {filled}).",
                index,
                field="options",
            )
        )
    return found


def _question_problems(
    index: int, question: QuestionDraft, for_opening: bool
) -> list[DraftProblem]:
    where = _where(index)
    found: list[DraftProblem] = []
    if not question.text:
        if for_opening:
            found.append(DraftProblem(f"{where}: впишите текст вопроса.", index, field="text"))
    elif too_long := _length(question.text, QUESTION_MAX):
        found.append(DraftProblem(f"{where}: текст {too_long}.", index, field="text"))
    if _unstorable(question.text):
        found.append(DraftProblem(f"{where}: в тексте {_INVISIBLE}.", index, field="text"))
    found.extend(_kind_problems(index, question))
    if question.kind in CHOICE_KINDS:
        found.extend(_option_problems(index, question, for_opening))
    return found


def problems(draft: SurveyDraft, *, for_opening: bool) -> list[DraftProblem]:
    """What keeps ``draft`` from being saved (``for_opening=False``: lengths, a title,
    known kinds and scales, options only where the kind has them, how many questions and
    options) or opened (also: at least one question, every question has a text, every
    choice question at least two distinct non-empty options, no empty option line).

    The texts are judged as :func:`cleaned` stores them; survey-wide problems come first,
    then each question's in order. Each message is a Russian sentence that names the
    question (and option) by its number as the builder shows it, from 1; the problem's
    ``question``/``option`` are the 0-based indexes."""
    draft = cleaned(draft)
    found = _survey_problems(draft, for_opening)
    for index, question in enumerate(draft.questions):
        found.extend(_question_problems(index, question, for_opening))
    return found
