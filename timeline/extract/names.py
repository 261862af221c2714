"""Find lexicon names (organisations, groups, places) in text, allowing German inflection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Mention

# Adjective endings vary with case ("Deutsche Presse-Agentur", "der Deutschen Presse-Agentur").
_ADJECTIVE_ENDING = re.compile(r"(?<=\w)(e|en|er|es|em)$")


@dataclass(frozen=True)
class NameMatcher:
    """One regex over all forms of all entries; a match maps back to its canonical entry."""

    regex: re.Pattern[str] | None
    canonical: dict[str, tuple[str, str]]     # folded form → (canonical name, kind)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Mention]]:
        if self.regex is None:
            return []
        found = []
        for match in self.regex.finditer(text, start, len(text) if end is None else end):
            surface = match.group(0)
            entry = self.canonical.get(_key(match.group("form")))
            if entry:
                found.append((match.start(), match.end(), Mention(name=entry[0], kind=entry[1], text=surface)))
        return found


def _key(form: str) -> str:
    words = form.split()
    return " ".join(_ADJECTIVE_ENDING.sub("", w) if i < len(words) - 1 else w for i, w in enumerate(words)).lower()


def _form_pattern(form: str) -> str:
    """A name as a regex: inner adjectives take any ending, the last word an optional genitive s."""
    words = form.split()
    parts = []
    for i, word in enumerate(words):
        escaped = re.escape(word)
        if i < len(words) - 1 and _ADJECTIVE_ENDING.search(word) and word[:1].isupper():
            escaped = re.escape(_ADJECTIVE_ENDING.sub("", word)) + "(?:e|en|er|es|em)"
        parts.append(escaped)
    return r"\s+".join(parts)


def build_matcher(entries: Iterable[dict[str, Any]], kind_of) -> NameMatcher:
    """Entries have `name` and optional `aliases`; `kind_of(entry)` gives the mention kind."""
    canonical: dict[str, tuple[str, str]] = {}
    forms: list[str] = []
    for entry in entries:
        if not entry or entry.get("ambiguous"):
            continue
        name = str(entry["name"])
        for form in [name, *map(str, entry.get("aliases") or [])]:
            key = _key(form)
            if key not in canonical:
                canonical[key] = (name, kind_of(entry))
                forms.append(form)
    if not forms:
        return NameMatcher(None, canonical)
    forms.sort(key=len, reverse=True)
    alternation = "|".join(_form_pattern(f) for f in forms)
    # Names are case-sensitive (the noun "Essen" is not the city when written "essen"); an
    # optional genitive "s"/"es" may follow.
    regex = re.compile(rf"(?<![\w-])(?P<form>{alternation})(?:s|es)?(?![\w-])")
    return NameMatcher(regex, canonical)
