"""Validation of Russian tax identifiers: ИНН, КПП, ОГРН and ОГРНИП.

Each check takes the string as the user typed it and never raises: anything that is not
exactly the right digits is simply invalid. Surrounding spaces are tolerated, inner ones
are not (a clerk copies requisites from a document; the portal trims the field too).
"""

import re

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)

# 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits (serial).
_KPP_RE = re.compile(r"[0-9]{4}[0-9A-Z]{2}[0-9]{3}")


def _digits(value: object, length: int) -> list[int] | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    # str.isdigit() accepts other scripts' digits ("٣", "²"); only ASCII counts here.
    if len(text) != length or not text.isascii() or not text.isdigit():
        return None
    return [int(char) for char in text]


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_check_digits(first_digits: str) -> str:
    """Complete 9 or 10 leading digits to a valid ИНН (used by the demo data generator)."""
    digits = [int(char) for char in first_digits]
    if len(digits) == 9:
        return first_digits + str(_check_digit(digits, _INN10_WEIGHTS))
    if len(digits) == 10:
        eleventh = _check_digit(digits, _INN12_WEIGHTS_11)
        twelfth = _check_digit([*digits, eleventh], _INN12_WEIGHTS_12)
        return f"{first_digits}{eleventh}{twelfth}"
    raise ValueError("expected 9 or 10 digits")


def is_valid_inn10(value: str) -> bool:
    """ИНН of an organisation: 10 digits, the 10th a check digit."""
    digits = _digits(value, 10)
    return digits is not None and _check_digit(digits[:9], _INN10_WEIGHTS) == digits[9]


def is_valid_inn12(value: str) -> bool:
    """ИНН of a person or sole proprietor: 12 digits, the last two check digits."""
    digits = _digits(value, 12)
    return (
        digits is not None
        and _check_digit(digits[:10], _INN12_WEIGHTS_11) == digits[10]
        and _check_digit(digits[:11], _INN12_WEIGHTS_12) == digits[11]
    )


def is_valid_inn(s: str) -> bool:
    """A valid 10-digit (organisation) or 12-digit (person) ИНН."""
    return is_valid_inn10(s) or is_valid_inn12(s)


def is_valid_kpp(s: str) -> bool:
    """КПП: 9 characters, 4 digits, 2 digits or capital Latin letters, 3 digits."""
    return isinstance(s, str) and _KPP_RE.fullmatch(s.strip()) is not None


def is_valid_ogrn13(value: str) -> bool:
    """ОГРН of an organisation: last digit is the first 12 as a number mod 11 mod 10."""
    digits = _digits(value, 13)
    if digits is None:
        return False
    body = int(value.strip()[:12])
    return body % 11 % 10 == digits[12]


def is_valid_ogrnip(value: str) -> bool:
    """ОГРНИП of a sole proprietor: last digit is the first 14 mod 13, lowest digit."""
    digits = _digits(value, 15)
    if digits is None:
        return False
    body = int(value.strip()[:14])
    return body % 13 % 10 == digits[14]


def is_valid_ogrn(s: str) -> bool:
    """A valid 13-digit ОГРН or 15-digit ОГРНИП."""
    return is_valid_ogrn13(s) or is_valid_ogrnip(s)


def ogrn_check_digit(first_digits: str) -> str:
    """Complete 12 (ОГРН) or 14 (ОГРНИП) leading digits with the check digit."""
    if len(first_digits) == 12:
        return first_digits + str(int(first_digits) % 11 % 10)
    if len(first_digits) == 14:
        return first_digits + str(int(first_digits) % 13 % 10)
    raise ValueError("expected 12 or 14 digits")
