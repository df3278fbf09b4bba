"""Normalising contract numbers so that what an applicant types matches the registry.

Applicants type numbers with spaces, different dashes, lowercase letters and Latin letters
that look like Cyrillic ones (or the reverse). Both the registry's numbers and the typed
ones are reduced to one canonical form: upper case, Cyrillic look-alikes in place of Latin
letters, every dash variant as "-", no spaces.
"""

import re
import unicodedata

# Latin letters that look like Cyrillic capitals (and are confused in both directions).
_LATIN_TO_CYRILLIC = str.maketrans("ABEKMHOPCTXY", "АВЕКМНОРСТХУ")
# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus, small and full-width.
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d_]")
_SPACES = re.compile(r"\s+")
_SLASHES = re.compile("[\\\\\u2044\u2215\uff0f]")


def normalize_contract_number(typed: str) -> str:
    """The canonical form of a contract number, used only for matching."""
    text = unicodedata.normalize("NFKC", typed)
    text = _SPACES.sub("", text)
    text = _DASHES.sub("-", text)
    text = _SLASHES.sub("/", text)
    text = text.upper().replace("Ё", "Е")
    return text.translate(_LATIN_TO_CYRILLIC)
