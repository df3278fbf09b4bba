"""Normalising contract numbers so that what an applicant types matches the registry.

Applicants type numbers with spaces, different dashes or slashes, lowercase letters and
Latin letters that look like Cyrillic ones (or the reverse): "эс 0012/21" for "ЭС-0012/21".
Both the registry's numbers and the typed ones are reduced to one canonical form: upper
case, Cyrillic look-alikes in place of Latin letters, and no separators at all (spaces,
dashes and slashes are where applicants disagree most, and no supplier tells two
contracts apart by them alone).
"""

import re
import unicodedata

# Latin letters that look like Cyrillic capitals (and are confused in both directions).
_LATIN_TO_CYRILLIC = str.maketrans("ABEKMHOPCTXY", "АВЕКМНОРСТХУ")
# Whitespace, hyphen-minus, underscore, slashes and backslash, and the Unicode dashes,
# minus, fraction and full-width slashes that word processors substitute.
_SEPARATORS = re.compile(
    "[\\s\\-_/\\\\\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u2044\u2215\uff0f]+"
)


def normalize_contract_number(typed: str) -> str:
    """The canonical form of a contract number, used only for matching."""
    text = unicodedata.normalize("NFKC", typed)
    text = _SEPARATORS.sub("", text)
    text = text.upper().replace("Ё", "Е")
    return text.translate(_LATIN_TO_CYRILLIC)
