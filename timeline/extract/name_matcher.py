"""The name matcher: finds the names of a lexicon (organisations, groups, places) in text,
allowing for their inflection (the language's endings: `NameInflection`)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Mention
from .language_data import NameEntry

_SPACE = r"\s+"
#: what `NameMatcher.find_each` puts between texts: to the patterns no space, word character or
#: hyphen, the edge of a text to them
_APART = "\x00"


@dataclass(frozen=True)
class NameInflection:
    """How the words of a name inflect: an adjective inside a name takes any adjective ending
    ("Deutsche Presse-Agentur", "der Deutschen Presse-Agentur"), a name a genitive ending."""

    adjective_endings: tuple[str, ...]
    genitive_endings: tuple[str, ...]

    @functools.cached_property
    def adjective_ending(self) -> re.Pattern[str]:
        return re.compile(rf"(?<=\w)({'|'.join(self.adjective_endings)})$")

    @functools.cached_property
    def any_ending(self) -> str:
        return f"(?:{'|'.join(self.adjective_endings)})"

    @functools.cached_property
    def after(self) -> str:
        """What may follow a form: a genitive ending, then no word character or hyphen."""
        return rf"(?:{'|'.join(self.genitive_endings)})?(?![\w-])"

    def key(self, form: str) -> str:
        """One key for the inflected forms of a name: its inner adjectives without their endings."""
        words = form.split()
        return " ".join(self.adjective_ending.sub("", w) if i < len(words) - 1 else w
                        for i, w in enumerate(words)).lower()

    def inflected(self, word: str, last: bool) -> bool:
        return not last and bool(self.adjective_ending.search(word)) and word[:1].isupper()

    def literal_start(self, form: str) -> str:
        """The characters every match of the form begins with."""
        words = form.split()
        return self.adjective_ending.sub("", words[0]) if self.inflected(words[0], len(words) == 1) else words[0]

    def pieces(self, form: str) -> list[str]:
        """A form as a regex, a piece per character, adjective ending or space: inner adjectives take
        any ending ("Deutschen Presse-Agentur"). Names are case-sensitive: the noun "Essen" is not the
        city when written "essen"."""
        words = form.split()
        pieces: list[str] = []
        for i, word in enumerate(words):
            if i:
                pieces.append(_SPACE)
            if self.inflected(word, i == len(words) - 1):
                pieces += [*map(re.escape, self.adjective_ending.sub("", word)), self.any_ending]
            else:
                pieces += map(re.escape, word)
        return pieces


@dataclass(frozen=True)
class NameMatcher:
    """All forms of all entries; a match maps back to its canonical entry.

    Finds what one regex alternating over all forms (longest form first) would find, but a
    thousand-branch alternation tried at every character is slow. The forms are one regex as a
    trie instead: it tries each letter once, longer forms first, and only where a form's first
    letter stands. Forms beginning with a capital letter (nearly all) are found so, the regex
    engine skipping to the few capitals of a text; forms beginning otherwise ("dpa", "staatliche
    Medien") would make it stop at most letters, so they are tried only where the text holds the
    literal start of one of them.
    """

    forms: tuple[str, ...]                    # longest first, as the alternation tries them
    capitalised: re.Pattern[str] | None       # the forms beginning with an upper-case letter
    others: re.Pattern[str] | None            # the other forms, tried with `match` where they may begin
    other_starts: tuple[str, ...]             # what the other forms' matches begin with
    canonical: dict[str, tuple[str, str]]     # `NameInflection.key` of a form → (canonical name, kind)
    inflection: NameInflection

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Mention]]:
        end = len(text) if end is None else end
        found = []
        for match in self._matches(text, start, end):
            entry = self.canonical.get(self.inflection.key(match.group("form")))
            if entry:
                found.append((match.start(), match.end(), Mention(name=entry[0], kind=entry[1], text=match.group(0))))
        return found

    def find_each(self, texts: Sequence[str]) -> list[list[tuple[int, int, Mention]]]:
        """`find` in each text, done once over all of them: a regex call and the search for the
        other forms' starts cost about as much for a sentence as for a whole document."""
        found: list[list[tuple[int, int, Mention]]] = [[] for _ in texts]
        offsets = [0, *itertools.accumulate(len(text) + len(_APART) for text in texts)]
        index = 0
        for start, end, mention in self.find(_APART.join(texts)):
            while offsets[index + 1] <= start:
                index += 1
            found[index].append((start - offsets[index], end - offsets[index], mention))
        return found

    def _matches(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """What the one alternation's `finditer` would find: the two regexes' matches, each from
        where the last match ended (a match may begin only where the other's did not cover)."""
        if self.others is None or not self.other_starts:
            if self.capitalised is not None:
                yield from self.capitalised.finditer(text, start, end)
            return
        places = sorted({p for literal in self.other_starts for p in _occurrences(text, literal, start, end)})
        pos, index = start, 0
        capital = self.capitalised.search(text, pos, end) if self.capitalised is not None else None
        while True:
            if capital is not None and capital.start() < pos:         # covered by a match of the others
                capital = self.capitalised.search(text, pos, end)     # type: ignore[union-attr]
            other = None
            while index < len(places) and (capital is None or places[index] < capital.start()):
                if places[index] >= pos and (other := self.others.match(text, places[index], end)):
                    break
                index += 1
            match = other or capital
            if match is None:
                return
            yield match
            pos = match.end()


def _occurrences(text: str, literal: str, start: int, end: int) -> Iterator[int]:
    position = text.find(literal, start, end)
    while position >= 0:
        yield position
        position = text.find(literal, position + 1, end)


def _trie(forms: Iterable[str], inflection: NameInflection) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for piece in inflection.pieces(form):
            node = node.setdefault(piece, {})
        node[""] = {}
    return root


def _trie_pattern(node: dict[str, Any], any_ending: str) -> str:
    """The regex below a trie node: longer forms first, as the alternation tries them. Only an
    adjective ending and a letter ("Deutsche" as a whole word and "Deutsche Welle") can both match
    where forms part; the ending comes first, as the form with it goes on and is longer."""
    pieces = sorted((piece for piece in node if piece), key=lambda piece: (piece != any_ending, piece))
    branches = [piece + _trie_pattern(node[piece], any_ending) for piece in pieces]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _trie_regex(forms: list[str], first_letter_leads: bool, inflection: NameInflection) -> re.Pattern[str] | None:
    """The forms as one trie regex. With `first_letter_leads` each branch begins with its first
    letter (the look-behind for a word start comes after it), so that the engine skips to them."""
    if not forms:
        return None
    root = _trie(forms, inflection)
    ending = inflection.any_ending
    if first_letter_leads:
        body = "|".join(rf"{first}(?<![\w-].){_trie_pattern(root[first], ending)}" for first in sorted(root))
        return re.compile(rf"(?P<form>(?:{body})){inflection.after}")
    return re.compile(rf"(?<![\w-])(?P<form>{_trie_pattern(root, ending)}){inflection.after}")


def build_matcher(entries: Iterable[tuple[NameEntry, str]], inflection: NameInflection) -> NameMatcher:
    """A matcher of the names and aliases of the entries, each given with the kind of its
    mentions ("place", "organisation" …); ambiguous entries are left out."""
    canonical: dict[str, tuple[str, str]] = {}
    forms: list[str] = []
    for entry, kind in entries:
        if entry.ambiguous:
            continue
        for form in (entry.name, *entry.aliases):
            key = inflection.key(form)
            if key not in canonical:
                canonical[key] = (entry.name, kind)
                forms.append(form)
    forms.sort(key=len, reverse=True)
    capitalised = [form for form in forms if form[0].isupper()]
    others = [form for form in forms if not form[0].isupper()]
    return NameMatcher(tuple(forms), _trie_regex(capitalised, True, inflection),
                       _trie_regex(others, False, inflection),
                       tuple(sorted({inflection.literal_start(form) for form in others})), canonical, inflection)
