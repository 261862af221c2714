"""Find lexicon names (organisations, groups, places) in text, allowing German inflection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Mention

# Adjective endings vary with case ("Deutsche Presse-Agentur", "der Deutschen Presse-Agentur").
_ADJECTIVE_ENDING = re.compile(r"(?<=\w)(e|en|er|es|em)$")
#: characters of a form's literal start used to pick the few forms worth trying at a position
_KEY_LENGTH = 2


@dataclass(frozen=True)
class NameMatcher:
    """All forms of all entries; a match maps back to its canonical entry.

    Finds what one regex alternating over all forms (longest form first) would find, but a
    thousand-branch alternation tried at every character is slow. Instead `starts` finds the
    positions where some form may begin (a word start whose first characters begin a form), and
    only the forms sharing the position's first characters are tried there, in the same order.
    """

    forms: tuple[str, ...]                    # longest first, as the alternation tries them
    starts: re.Pattern[str] | None
    #: first characters → regex of the forms beginning with them (one-character keys for forms
    #: whose literal start is that short)
    buckets: _Buckets
    canonical: dict[str, tuple[str, str]]     # folded form → (canonical name, kind)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Mention]]:
        if self.starts is None:
            return []
        end = len(text) if end is None else end
        buckets, canonical = self.buckets, self.canonical
        found = []
        pos = start
        for candidate in self.starts.finditer(text, start, end):
            at = candidate.start()
            if at < pos:                      # inside the name found before
                continue
            regex = buckets[text[at:at + _KEY_LENGTH]] or buckets[text[at]]
            match = regex.match(text, at, end) if regex else None
            if match is None:
                continue
            entry = canonical.get(_key(match.group("form")))
            if entry:
                found.append((at, match.end(), Mention(name=entry[0], kind=entry[1], text=match.group(0))))
            pos = match.end()
        return found


class _Buckets(dict):
    """First characters → regex of the forms beginning with them (None: no form does), each
    compiled on first use: a report needs few of the hundreds."""

    def __init__(self, forms: dict[str, list[str]]):
        super().__init__()
        self.forms = forms

    def __missing__(self, key: str) -> re.Pattern[str] | None:
        forms = self.forms.get(key)
        regex = self[key] = names_regex(forms) if forms else None
        return regex


def _key(form: str) -> str:
    words = form.split()
    return " ".join(_ADJECTIVE_ENDING.sub("", w) if i < len(words) - 1 else w for i, w in enumerate(words)).lower()


def _inflected(word: str, last: bool) -> bool:
    return not last and bool(_ADJECTIVE_ENDING.search(word)) and word[:1].isupper()


def _form_pattern(form: str) -> str:
    """A name as a regex: inner adjectives take any ending, the last word an optional genitive s."""
    words = form.split()
    parts = []
    for i, word in enumerate(words):
        escaped = re.escape(word)
        if _inflected(word, i == len(words) - 1):
            escaped = re.escape(_ADJECTIVE_ENDING.sub("", word)) + "(?:e|en|er|es|em)"
        parts.append(escaped)
    return r"\s+".join(parts)


def _literal_start(form: str) -> str:
    """The characters every match of the form begins with."""
    words = form.split()
    return _ADJECTIVE_ENDING.sub("", words[0]) if _inflected(words[0], len(words) == 1) else words[0]


def names_regex(forms: list[str]) -> re.Pattern[str]:
    """One alternation over the forms, in the order given."""
    # Names are case-sensitive (the noun "Essen" is not the city when written "essen"); an
    # optional genitive "s"/"es" may follow.
    alternation = "|".join(_form_pattern(f) for f in forms)
    return re.compile(rf"(?<![\w-])(?P<form>{alternation})(?:s|es)?(?![\w-])")


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
        return NameMatcher((), None, _Buckets({}), canonical)
    forms.sort(key=len, reverse=True)
    literal = {form: _literal_start(form) for form in forms}
    keyed: dict[str, list[str]] = {}
    for form in forms:       # in order: a bucket tries its forms longest first, as one alternation would
        keyed.setdefault(literal[form][:_KEY_LENGTH], []).append(form)
    order = {form: i for i, form in enumerate(forms)}
    short = [form for form in forms if len(literal[form]) < _KEY_LENGTH]
    # A position whose first characters are a full-length key may also begin a form with a shorter one.
    bucket_forms = {key: sorted({*group, *(f for f in short if key.startswith(literal[f]))}, key=order.get)
                    for key, group in keyed.items()}
    first = "".join(sorted({f[0] for f in forms}))
    seconds: dict[str, set[str]] = {}             # lower-case first character → second characters
    for key in bucket_forms:
        if key[0].islower():
            seconds.setdefault(key[0], set()).add(key[1:])
    any_next = "".join(c for c in first if c not in seconds or "" in seconds[c])
    conditions = [rf"(?<=[{re.escape(any_next)}])"] if any_next else []
    conditions += [rf"(?<={re.escape(c)})(?=[{re.escape(''.join(sorted(after)))}])"
                   for c, after in sorted(seconds.items()) if "" not in after]
    # the first character, then (looking behind it) no word character or hyphen before it; after
    # a lower-case one (most words of a text are lower-case) also a second character of a form
    # beginning with it ("dpa", "staatliche Medien")
    starts = re.compile(rf"[{re.escape(first)}](?<![\w-].)(?:{'|'.join(conditions)})")
    return NameMatcher(tuple(forms), starts, _Buckets(bucket_forms), canonical)
