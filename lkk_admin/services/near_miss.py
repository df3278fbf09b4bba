"""How close what the applicant typed is to what the registry holds.

A contract that belongs to "another counterparty" is often the applicant's own, with a
typo in the ИНН (…856 typed, …853 in the registry) or a branch's КПП: such a request is
returned for clarification, not rejected. These functions tell a near miss from a
stranger and say which characters differ, so that the screen can mark them.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Literal

from lkk_admin.services.org_names import same_organisation_name

# inn: the ИНН differs in one or two digits (or two neighbours swapped);
# kpp: the same ИНН, another КПП (a branch of the same organisation);
# name: another ИНН, but the owner's name is the one the applicant entered.
NearMiss = Literal["inn", "kpp", "name"]
NEAR_MISS_KINDS: tuple[NearMiss, ...] = ("inn", "kpp", "name")
MAX_TYPO_DIGITS = 2


def differing_positions(entered: str, registry: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The positions of the characters that differ, in each string.

    Strings of equal length (an ИНН against an ИНН) are compared place by place; others
    are aligned first, so that a missing or extra character marks only itself.
    """
    if entered == registry:
        return (), ()
    if len(entered) == len(registry):
        pairs = enumerate(zip(entered, registry, strict=True))
        positions = tuple(i for i, (a, b) in pairs if a != b)
        return positions, positions
    ours: list[int] = []
    theirs: list[int] = []
    matcher = SequenceMatcher(None, entered, registry, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            ours.extend(range(i1, i2))
            theirs.extend(range(j1, j2))
    return tuple(ours), tuple(theirs)


def typo_digits(entered: str, registry: str) -> int | None:
    """How many digits an ИНН differs by when it looks like a typo of ``registry`` (one or
    two wrong digits, or two neighbours swapped, counted as one); None otherwise."""
    if not (entered.isdigit() and registry.isdigit()) or len(entered) != len(registry):
        return None
    positions, _ = differing_positions(entered, registry)
    if not positions:
        return None
    if len(positions) == 2 and positions[1] == positions[0] + 1:
        first, second = positions
        if entered[first] == registry[second] and entered[second] == registry[first]:
            return 1  # swapped neighbours: one slip of the hand
    return len(positions) if len(positions) <= MAX_TYPO_DIGITS else None


def classify(
    *,
    entered_inn: str,
    entered_kpp: str | None,
    entered_name: str,
    owner_inn: str,
    owner_kpp: str | None,
    owner_names: tuple[str, ...],
) -> NearMiss | None:
    """Whether a contract's owner is probably the applicant's own organisation."""
    entered_inn = entered_inn.strip()
    if entered_inn == owner_inn:
        return "kpp" if (entered_kpp or "") != (owner_kpp or "") else None
    if typo_digits(entered_inn, owner_inn) is not None:
        return "inn"
    if entered_name.strip() and any(
        same_organisation_name(entered_name, name) for name in owner_names if name
    ):
        return "name"
    return None
