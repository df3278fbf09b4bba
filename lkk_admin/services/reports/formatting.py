"""Russian formatting of money, volumes, dates and amounts in words (Decimal only).

The thousands separator is a plain no-break space (U+00A0) everywhere: it never breaks a
figure across lines, DejaVu Sans has the glyph, and text extracted from the PDF keeps it.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
CENT = Decimal("0.01")

MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def _group(digits: str) -> str:
    """``1234567`` → ``1 234 567`` with no-break spaces."""
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def _fixed(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    return f"{sign}{_group(whole)}" + (f",{fraction}" if places else "")


# The one money unit of every report (the desks' screens write it so too).
RUB = "₽"


def money(value: Decimal) -> str:
    """``Decimal('1234567.891')`` → ``1 234 567,89`` (kopecks rounded half up)."""
    return _fixed(value, 2)


def roubles(value: Decimal) -> str:
    """``1 234 567,89 ₽``: an amount in a sentence (a column names the unit in its head)."""
    return f"{money(value)}{NBSP}{RUB}"


def volume(value: Decimal) -> str:
    """kWh: three decimals only when the volume has a fraction (most are whole)."""
    places = 0 if value == value.to_integral_value() else 3
    return _fixed(value, places)


def power(value: Decimal) -> str:
    """kW with only the decimals it has: ``5,5``, ``39``, ``1 250``, ``0,75`` (never
    ``5,500``, which a Russian reader takes for five thousand five hundred)."""
    places = min(3, max(0, -int(value.normalize().as_tuple().exponent)))
    return _fixed(value, places)


def register(value: Decimal) -> str:
    """A meter reading as the meter shows it: ``12345`` or ``12 345,67`` (no padded zeros)."""
    places = min(3, max(0, -int(value.normalize().as_tuple().exponent)))
    return _fixed(value, places)


def change(now: Decimal, before: Decimal) -> str:
    """``+12,3 %`` / ``−4,0 %``; a dash when there is nothing to compare with."""
    if before == 0:
        return "—"
    share = ((now - before) / before * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    sign = "+" if share > 0 else ("−" if share < 0 else "")
    return f"{sign}{_fixed(abs(share), 1)}{NBSP}%"


def percent(rate: Decimal) -> str:
    """``Decimal('20.00')`` → ``20 %``; ``Decimal('10.5')`` → ``10,5 %``."""
    text = f"{rate.normalize():f}".replace(".", ",")
    return f"{text}{NBSP}%"


def day(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def month(value: date) -> str:
    """``date(2026, 1, 1)`` → ``январь 2026``."""
    return f"{MONTHS_NOMINATIVE[value.month - 1]} {value.year}"


def month_title(value: date) -> str:
    """``Январь 2026``: for the start of a table cell or a line."""
    text = month(value)
    return text[0].upper() + text[1:]


# --- Amounts in words ----------------------------------------------------------------------

_UNITS_MALE = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_UNITS_FEMALE = ("", "одна", "две", *_UNITS_MALE[3:])
_TEENS = (
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
)
_TENS = (
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
)
_HUNDREDS = (
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
)
# (one, few, many) and whether the counted word is feminine (одна тысяча, две тысячи).
_SCALES: tuple[tuple[tuple[str, str, str], bool], ...] = (
    (("", "", ""), False),
    (("тысяча", "тысячи", "тысяч"), True),
    (("миллион", "миллиона", "миллионов"), False),
    (("миллиард", "миллиарда", "миллиардов"), False),
    (("триллион", "триллиона", "триллионов"), False),
)


def plural(number: int, forms: tuple[str, str, str]) -> str:
    """The Russian plural form for ``number``: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль."""
    number = abs(number)
    if 11 <= number % 100 <= 14:
        return forms[2]
    last = number % 10
    if last == 1:
        return forms[0]
    if 2 <= last <= 4:
        return forms[1]
    return forms[2]


def _triad(number: int, feminine: bool) -> list[str]:
    hundreds, rest = divmod(number, 100)
    words = [_HUNDREDS[hundreds]]
    if 10 <= rest <= 19:
        words.append(_TEENS[rest - 10])
    else:
        tens, units = divmod(rest, 10)
        words.append(_TENS[tens])
        words.append((_UNITS_FEMALE if feminine else _UNITS_MALE)[units])
    return [word for word in words if word]


def integer_in_words(number: int, *, feminine: bool = False) -> str:
    """A non-negative whole number in words: ``21`` → ``двадцать один``."""
    if number < 0:
        raise ValueError("only non-negative numbers are spelled out")
    if number == 0:
        return "ноль"
    words: list[str] = []
    scale = 0
    while number:
        number, triad = divmod(number, 1000)
        if triad:
            if scale >= len(_SCALES):
                raise ValueError("number too large to spell out")
            forms, scale_feminine = _SCALES[scale]
            part = _triad(triad, feminine if scale == 0 else scale_feminine)
            if scale:
                part.append(plural(triad, forms))
            words = part + words
        scale += 1
    return " ".join(words)


RUBLE = ("рубль", "рубля", "рублей")
KOPECK = ("копейка", "копейки", "копеек")


def amount_in_words(value: Decimal) -> str:
    """Сумма прописью: roubles in words, kopecks in figures, as on Russian payment documents.

    ``1234567.89`` → ``Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь
    рублей 89 копеек``. The sign is not spelled: the caller says «задолженность» or
    «переплата».
    """
    cents = int(abs(value).quantize(CENT, ROUND_HALF_UP) * 100)
    roubles, kopecks = divmod(cents, 100)
    text = (
        f"{integer_in_words(roubles)} {plural(roubles, RUBLE)} "
        f"{kopecks:02d} {plural(kopecks, KOPECK)}"
    )
    return text[0].upper() + text[1:]
