"""Masking personal data in lists, as the portal does: "+7 (***) ***-**-44"."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d")


def mask_phone(phone: str | None) -> str:
    """Keep the country code and the last two digits: ``+7 (***) ***-**-44``."""
    if not phone:
        return ""
    digits = _DIGITS.findall(phone)
    if len(digits) < 4:
        return "***"
    last_two = "".join(digits[-2:])
    if len(digits) == 11 and digits[0] in "78":
        return f"+7 (***) ***-**-{last_two}"
    return f"***-**-{last_two}"


def mask_email(email: str | None) -> str:
    """First letter of the mailbox and the domain: ``i*******@romashka.ru``."""
    if not email:
        return ""
    local, at, domain = email.strip().rpartition("@")
    if not at or not local:
        return "***"
    return f"{local[0]}{'*' * max(3, len(local) - 1)}@{domain}"


def mask_person(last_name: str, first_name: str, patronymic: str | None) -> str:
    """``Иванов И. И.`` — the portal's short form of a name (Рис.5)."""
    initials = " ".join(
        f"{part.strip()[0]}." for part in (first_name, patronymic or "") if part.strip()
    )
    return f"{last_name.strip()} {initials}".strip()
