"""Matching names the way users type them: any case, any accents, any common transliteration."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Protocol

from rapidfuzz.distance import Indel

_PARTS = re.compile(r"[\s\-‐–]+")
# German, English and French renderings of Cyrillic sounds, folded to one key, longest first:
# Jelzin/Yeltsin, Schewardnadse/Shevardnadze, Selenskyj/Zelensky, Prigoschin/Prigozhin;
# and umlauts written out (Schroeder = Schröder, whose "ö" fold() has already made "o").
_TRANSLITERATION = [
    ("oe", "o"), ("ue", "u"), ("iev", "ev"), ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("zh", "sh"),
    ("shch", "sh"),
    ("kh", "h"), ("ch", "h"), ("yj", "i"), ("ij", "i"), ("yi", "i"), ("iy", "i"),
    ("ja", "a"), ("ya", "a"), ("je", "e"), ("ye", "e"), ("jo", "o"), ("yo", "o"), ("ju", "u"), ("yu", "u"),
    ("ks", "x"), ("w", "v"), ("z", "s"), ("y", "i"), ("j", "i"), ("ck", "k"), ("c", "k"), ("ts", "s"),
]


class Named(Protocol):
    """A mention (name, text as written, aliases) or an actor summary (name, aliases)."""

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


#: where the combining characters (accents, diaeresis, …) end: none lies beyond (a test checks it)
_COMBINING_END = 0x20000


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Jelzin" and "JELZIN", "Zürich" and "Zurich" agree."""
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return decomposed if decomposed.isascii() else decomposed.translate(_without_combining())


@functools.cache
def _without_combining() -> dict[int, None]:
    """A `str.translate` table that drops the combining characters (made once: ~5 ms)."""
    return dict.fromkeys(code for code in range(_COMBINING_END) if unicodedata.combining(chr(code)))


def name_key(text: str) -> str:
    """A key that is equal for transliterations of one name (Jelzin = Yeltsin, Selenskyj = Zelensky)."""
    key = fold(text)
    for old, new in _TRANSLITERATION:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)          # doubled letters: Gaddafi/Gadafi
    return re.sub(r"[^a-z0-9 ]", "", key)


def name_parts(text: str) -> list[str]:
    return [p for p in _PARTS.split(text) if p]


#: how alike two long name parts must be to count as spellings of one name (rapidfuzz's normalized
#: Indel similarity); shorter parts must have equal keys
FUZZY_SIMILARITY = 0.87
FUZZY_MIN_LENGTH = 8


def same_name_part(a: str, b: str) -> bool:
    """Two name keys name the same: equal, or both long and alike (Gorbatschow/Gorbachev).

    Keys that differ only by a final vowel are kept apart: Slavic feminine surnames add one
    (Ivanov/Ivanova may be husband and wife)."""
    if a == b:
        return True
    if min(len(a), len(b)) < FUZZY_MIN_LENGTH or a[:2] != b[:2]:
        return False
    shorter, longer = sorted((a, b), key=len)
    if longer[:-1] == shorter and longer[-1] in "aeiou":
        return False
    return Indel.normalized_similarity(a, b) >= FUZZY_SIMILARITY


def matches_name(query: str, mention: Named) -> bool:
    """True when the query names the mention: the full name, an alias form, or any run of its parts
    ("Huber", "Hans-Peter", "Presse-Agentur"), each part also in another transliteration."""
    wanted = [name_key(part) for part in name_parts(query)]
    if not any(wanted):
        return False
    for form in {mention.name, getattr(mention, "text", mention.name), *mention.aliases}:
        parts = [name_key(part) for part in name_parts(form)]
        for i in range(len(parts) - len(wanted) + 1):
            if all(same_name_part(w, p) for w, p in zip(wanted, parts[i:i + len(wanted)])):
                return True
    return False
