"""The rule index: the matches of a language's rules in a text, found faster than one `finditer`
per rule, and the same (`find_each_plainly` is the plain way, which a property test holds it to).

Running 80 rule regexes over every character of a report is most of the tagging time: Python's
regex engine spends ~10 ns on each character for each rule. But every rule pattern begins with
the look-behind `(?<![\\w.])`, so a match can only start where no word character or period comes
before; and from its pattern each rule can tell how its matches may begin (`match_starts`:
"am 1", "mont", "19", "8." …). `find_each` walks once through the possible starts of a text and
tries there, with `regex.match`, only the rules whose starts the text continues with there, each
skipping what its last match covered: exactly what `finditer` would find. Each try costs ~0.3 µs,
mostly failing, so the starts are five characters long where that keeps them few (two would try
every rule that may begin with an article at every "der"). The index is built once per language
(`language.compiled(RuleIndex.of)`, ~0.1 s); a rule whose starts cannot be told, or are too many
even for two characters, runs with `finditer`, unless it opens with an optional word and the
space after it ("(?:\\w+mal\\s+)?im Jahr": "zweimal im Jahr"). Such a rule is tried where the
rest may start and at the places of the word before: a match that has the word ends it at the
space before the rest.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Sequence
from typing import Any

from ..caching import Memo
from ..lang import FLAGS, Language, Rule
from .match_starts import KEY_LENGTH, SPACE, Starts, Unknown, keys_of

#: what the language loader puts before every rule's own pattern
RULE_PREFIX = r"(?<![\w.])"
#: starts beyond which a rule is told by fewer characters
_MOST_STARTS = 2000
#: two-character starts beyond which a rule runs over the whole text: they would pick most places
_MOST_PAIRS = 500
#: keys whose rules are remembered at most (a key is the first characters of a place)
_MOST_KEYS = 1 << 16
#: where a match may start: no rule's match starts with a space (`starts` sees to it)
_PLACES = re.compile(rf"{RULE_PREFIX}\S")
#: a rule's pattern opening with an optional word and the space after it: a group of word characters
#: (`\\w`, `\\d`, letters, digits) in groups and alternations, repeated or not, then `\\s+`
_OPTIONAL_WORD = re.compile(r"\(\?:(?P<word>(?:\\[wd]|[^\W_]|[()|?:+*]|\{\d*,?\d*\})+)\\s\+\)\?")
_RULE = operator.itemgetter(0)

Found = list[tuple[int, re.Match[str]]]


def find_each_plainly(rules: Sequence[Rule], text: str, active: Sequence[bool]) -> Found:
    """What `rule.regex.finditer(text)` yields for each rule that is `active` (say, one that can
    match), with the rule's position, rule after rule: what `RuleIndex.find_each` finds faster."""
    return [(i, match) for i, rule in enumerate(rules) if active[i] for match in rule.regex.finditer(text)]


class RuleIndex:
    """Which of some rules may match where a text continues with a key (its next `KEY_LENGTH`
    characters as `keys_of` gives them)."""

    def __init__(self, rules: Sequence[Rule]):
        self.rules = tuple(rules)
        self._matchers = tuple(rule.regex.match for rule in self.rules)
        self._by_start: dict[str, set[int]] = {}           # start → the rules with it
        unindexed, after_word = [], []
        shared: dict[str, Any] = {}                        # the rules' equal groups, read once
        for i, rule in enumerate(self.rules):
            found = starts(rule.regex, shared)
            if found is None and (found := starts_after_optional_word(rule.regex, shared)) is not None:
                after_word.append(i)
            if found is None:
                unindexed.append(i)
            for start in found or ():
                self._by_start.setdefault(start, set()).add(i)
        #: the rules that run with `finditer`: their starts cannot be told or are too many
        self.unindexed = tuple(unindexed)
        #: the rules indexed by the starts of what follows their optional first word
        self.after_word = frozenset(after_word)
        #: key → its rules in their order (`rules_at`), for the keys seen so far
        self.at: Memo[str, tuple[int, ...]] = Memo(self.rules_at, _MOST_KEYS)

    @classmethod
    def of(cls, language: Language) -> RuleIndex:
        """The index of a language's rules, for `language.compiled`."""
        return cls(language.rules)

    def rules_at(self, key: str) -> tuple[int, ...]:
        """The rules a match of which may begin where a text continues with `key`."""
        rules: set[int] = set()
        for length in range(1, KEY_LENGTH + 1):
            rules.update(self._by_start.get(key[:length], ()))
        return tuple(sorted(rules))

    def find_each(self, text: str, active: Sequence[bool]) -> Found:
        """What `find_each_plainly(self.rules, text, active)` gives."""
        rules = self.rules
        found: Found = [(i, match) for i in self.unindexed if active[i] for match in rules[i].regex.finditer(text)]
        keys = keys_of(text)
        matchers, ends = self._matchers, [0] * len(rules)
        places = [place.start() for place in _PLACES.finditer(text)]
        rules_at = list(map(self.at.__getitem__, [keys[place:place + KEY_LENGTH] for place in places]))
        candidates: dict[int, list[int]] = {}                # of the rules after a word: where to try
        for number, (place, here) in itertools.compress(enumerate(zip(places, rules_at)), rules_at):
            for i in here:                                   # most places have none
                if i in self.after_word:
                    if active[i]:
                        candidates.setdefault(i, []).extend(_word_before(text, places, number))
                elif active[i] and place >= ends[i] and (match := matchers[i](text, place)):
                    found.append((i, match))
                    ends[i] = max(match.end(), place + 1)
        for i, tried in candidates.items():
            for place in sorted(set(tried)):
                if place >= ends[i] and (match := matchers[i](text, place)):
                    found.append((i, match))
                    ends[i] = max(match.end(), place + 1)
        found.sort(key=_RULE)                   # stable: each rule's matches stay in their order
        return found


def _word_before(text: str, places: list[int], number: int) -> list[int]:
    """The place `places[number]` and, when white space comes before it, the places of the word
    before that space: where a match with an optional word and space before this place may start."""
    place = places[number]
    end = place
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == place:
        return [place]
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    earlier = bisect.bisect_left(places, start, 0, number)
    return [*places[earlier:number], place]


def starts(regex: re.Pattern[str], shared: dict[str, Any] | None = None) -> frozenset[str] | None:
    """How the matches of a rule begin: their first `KEY_LENGTH` characters as keys, or fewer where
    those would be too many (shorter ones are whole matches); None when they cannot be told."""
    pattern = regex.pattern
    if not pattern.startswith(RULE_PREFIX) or regex.flags & ~re.UNICODE != FLAGS:
        return None
    return _pattern_starts(pattern[len(RULE_PREFIX):], shared)


def starts_after_optional_word(regex: re.Pattern[str], shared: dict[str, Any] | None = None
                               ) -> frozenset[str] | None:
    """For a rule that opens with an optional word and the space after it (`_OPTIONAL_WORD`), the
    starts of what follows; None for any other rule, or when those cannot be told.

    The word must be one: at least a character, and none that is white space (its pattern holds no
    `\\s`, class or dot, and no "|" outside its groups, which would make the space optional)."""
    pattern = regex.pattern
    if not pattern.startswith(RULE_PREFIX) or regex.flags & ~re.UNICODE != FLAGS:
        return None
    opening = _OPTIONAL_WORD.match(pattern, len(RULE_PREFIX))
    if opening is None or not _one_group(opening["word"]):
        return None
    try:
        if "" in Starts(opening["word"]).of_length(1):
            return None                                 # the word may be empty
    except (Unknown, RecursionError):
        return None
    return _pattern_starts(pattern[opening.end():], shared)


def _one_group(pattern: str) -> bool:
    """Whether the parentheses of `pattern` are balanced and no "|" stands outside them."""
    depth = 0
    for char in pattern:
        depth += (char == "(") - (char == ")")
        if depth < 0 or (char == "|" and depth == 0):
            return False
    return depth == 0


def _pattern_starts(pattern: str, shared: dict[str, Any] | None) -> frozenset[str] | None:
    try:
        read = Starts(pattern, shared)
    except (Unknown, RecursionError):
        return None
    found = _starts(read, 2)
    if found is None or len(found) > _MOST_PAIRS:
        return None
    shorter = None
    for length in range(3, KEY_LENGTH + 1):
        if shorter and len(found) ** 2 > _MOST_STARTS * len(shorter):
            break                       # growing by the same factor once more, they would be too many
        longer = _starts(read, length)
        if longer is None or len(longer) > _MOST_STARTS:
            break
        shorter, found = found, longer
    return found


def _starts(read: Starts, length: int) -> frozenset[str] | None:
    try:
        found = read.of_length(length)
    except (Unknown, RecursionError):
        return None
    if "" in found or any(start[:1] == SPACE for start in found):
        return None
    return found
